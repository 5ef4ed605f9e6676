-- Core: tenants, users and sessions, the audit record, idempotency keys.

CREATE TABLE tenants (
  id text PRIMARY KEY,
  name text NOT NULL,
  pack_id text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE users (
  id text PRIMARY KEY,
  tenant_id text NOT NULL REFERENCES tenants(id),
  login text NOT NULL,
  display_name text NOT NULL,
  password_hash text NOT NULL,
  person_id text,
  roles text[] NOT NULL DEFAULT '{}',
  failed_logins int NOT NULL DEFAULT 0,
  locked_until timestamptz,
  disabled boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (tenant_id, login)
);

CREATE TABLE sessions (
  token_hash text PRIMARY KEY,
  user_id text NOT NULL REFERENCES users(id),
  tenant_id text NOT NULL REFERENCES tenants(id),
  ip text,
  created_at timestamptz NOT NULL,
  last_seen_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  ended_at timestamptz
);
CREATE INDEX sessions_user ON sessions (user_id);

-- The audit record. Writers append with a sequence number inside their own transaction; a sealer
-- later gives each committed record its place in the hash chain (chain_pos) and its SM3 hash, so
-- that concurrent writers never wait on one global lock. Records are never deleted or rewritten;
-- sealing only fills the chain columns of a record that had none.
CREATE TABLE audit_records (
  seq bigserial PRIMARY KEY,
  tenant_id text NOT NULL,
  at timestamptz NOT NULL,
  actor_user_id text,
  actor_person_id text,
  actor_name text,
  action text NOT NULL,
  object_type text NOT NULL,
  object_id text NOT NULL,
  article int,
  ip text,
  payload jsonb NOT NULL DEFAULT '{}'::jsonb,
  chain_pos bigint UNIQUE,
  prev_hash text,
  hash text,
  sealed_at timestamptz
);
CREATE INDEX audit_unsealed ON audit_records (seq) WHERE chain_pos IS NULL;
CREATE INDEX audit_object ON audit_records (tenant_id, object_type, object_id, seq);
CREATE INDEX audit_actor ON audit_records (tenant_id, actor_user_id, seq);

-- A repeated request with the same Idempotency-Key returns the first answer instead of acting twice.
CREATE TABLE idempotency_keys (
  tenant_id text NOT NULL,
  user_id text NOT NULL,
  key text NOT NULL,
  route text NOT NULL,
  status int NOT NULL,
  response jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, user_id, key)
);
