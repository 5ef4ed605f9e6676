-- 身份鉴别 (GB/T 22239-2019 8.1.4.1 a): the password policy's state of each account. A password is
-- changed at the first sign-in (must_change_password, set for accounts created by an administrator and
-- for the demo's), expires after a configured number of days counted from password_changed_at, and may
-- not repeat one of the last five (password_history: their scrypt hashes, newest first). `disabled`
-- exists since 0100_core.
ALTER TABLE users ADD COLUMN password_changed_at timestamptz;
ALTER TABLE users ADD COLUMN must_change_password boolean NOT NULL DEFAULT false;
ALTER TABLE users ADD COLUMN password_history text[] NOT NULL DEFAULT '{}';
UPDATE users SET password_changed_at = created_at;
ALTER TABLE users ALTER COLUMN password_changed_at SET NOT NULL;
ALTER TABLE users ALTER COLUMN password_changed_at SET DEFAULT now();
