// Accounts (GB/T 22239-2019 8.1.4.1 身份鉴别, 8.1.5.1–8.1.5.3 三员分立): the password policy and the
// separation of the three administrators, as pure rules. The use cases (src/app/auth/accounts.ts) load
// the account and the policy's settings (src/config.ts) and refuse with what these return.
import type { Violation } from '../shared/violation.ts';

/** The settings of the password policy; each has its environment variable in src/config.ts. */
export interface PasswordPolicy {
  /** 8.1.4.1 a 鉴别信息具有复杂度: at least this many characters */
  minLength: number;
  /** …and characters of at least this many of the four classes (upper, lower, digit, other) */
  minClasses: number;
  /** 8.1.4.1 a 定期更换: a password lasts this many days */
  maxAgeDays: number;
  /** the sign-in warns this many days before the password expires */
  warnDays: number;
  /** not one of the last this many passwords (including the current one) */
  historySize: number;
}

/** Passwords too common to be a secret: refused whatever their classes (compared without case). */
export const COMMON_PASSWORDS: readonly string[] = [
  'password', 'password1', 'password123', 'passw0rd', 'p@ssw0rd', 'p@ssword', 'admin123', 'admin@123', 'admin888',
  'administrator', 'qwerty123', 'qwe123!@#', '1qaz2wsx', '1qaz@wsx', '1q2w3e4r', 'abc123456', 'abcd1234', 'a123456789',
  '12345678', '123456789', '1234567890', '88888888', '11111111', '00000000', 'iloveyou', 'welcome1', 'letmein1',
  'zhengtong', 'zhengtong1', 'zhengtong@123', 'wuwei123', 'root@123', 'test@123', 'changeme', 'aa123456', 'qq123456',
];

/** How many of the four character classes the password uses. */
export function characterClasses(password: string): number {
  return [/[A-Z]/, /[a-z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
}

/** Everything wrong with a new password (empty: it is acceptable). Reuse is checked against hashes by the use case. */
export function passwordViolations(password: string, login: string, policy: PasswordPolicy): Violation[] {
  const out: Violation[] = [];
  if ([...password].length < policy.minLength) {
    out.push({ code: 'ACCOUNTS.PASSWORD_TOO_SHORT', message: `口令长度不得少于 ${policy.minLength} 位`, details: { minLength: policy.minLength } });
  }
  const classes = characterClasses(password);
  if (classes < policy.minClasses) {
    out.push({ code: 'ACCOUNTS.PASSWORD_TOO_SIMPLE', message: `口令应至少包含大写字母、小写字母、数字、特殊字符中的 ${policy.minClasses} 类`, details: { classes, minClasses: policy.minClasses } });
  }
  if (login && password.toLowerCase().includes(login.toLowerCase())) {
    out.push({ code: 'ACCOUNTS.PASSWORD_CONTAINS_LOGIN', message: '口令不得包含登录名' });
  }
  if (COMMON_PASSWORDS.includes(password.toLowerCase())) {
    out.push({ code: 'ACCOUNTS.PASSWORD_COMMON', message: '口令过于常见，容易被猜中' });
  }
  return out;
}

export type PasswordState =
  | { state: 'ok'; expiresAt: Date; warn: boolean; daysLeft: number }
  | { state: 'change_required'; reason: 'first_sign_in' | 'expired'; expiresAt: Date | null };

/** Whether the account must change its password now, and when the password expires. */
export function passwordState(
  u: { mustChangePassword: boolean; passwordChangedAt: Date }, now: Date, policy: PasswordPolicy,
): PasswordState {
  if (u.mustChangePassword) return { state: 'change_required', reason: 'first_sign_in', expiresAt: null };
  const expiresAt = new Date(u.passwordChangedAt.getTime() + policy.maxAgeDays * 86_400_000);
  if (now >= expiresAt) return { state: 'change_required', reason: 'expired', expiresAt };
  const daysLeft = Math.ceil((expiresAt.getTime() - now.getTime()) / 86_400_000);
  return { state: 'ok', expiresAt, daysLeft, warn: daysLeft <= policy.warnDays };
}

// ---- 三员分立 ----

/** 系统管理员, 安全保密管理员, 安全审计员 (8.1.5.1 系统管理, 8.1.5.3 安全管理, 8.1.5.2 审计管理). */
export const THREE_ADMINISTRATORS: readonly string[] = ['admin', 'security_admin', 'security_auditor'];

/**
 * Everything wrong with giving an account these roles, granted by `granter` (null: the seeder, the
 * command line). `grantable`: the roles a government's accounts may hold at all.
 */
export function roleGrantViolations(
  input: { roles: readonly string[]; accountUserId: string; granterUserId: string | null },
  grantable: readonly string[],
): Violation[] {
  const out: Violation[] = [];
  const unknown = input.roles.filter((r) => !grantable.includes(r));
  if (unknown.length) out.push({ code: 'ACCOUNTS.ROLE_NOT_GRANTABLE', message: `不能授予的角色：${unknown.join('、')}`, details: { roles: unknown } });
  const admins = input.roles.filter((r) => THREE_ADMINISTRATORS.includes(r));
  if (admins.length > 1) {
    out.push({ code: 'ACCOUNTS.ADMIN_ROLES_EXCLUSIVE', message: '三员分立：系统管理员、安全保密管理员、安全审计员不得由同一账号兼任', details: { roles: admins } });
  }
  if (input.granterUserId && input.granterUserId === input.accountUserId) {
    out.push({ code: 'ACCOUNTS.SELF_GRANT', message: '管理员不得变更自己的角色或给自己授权' });
  }
  return out;
}
