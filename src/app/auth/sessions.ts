import { asSystem } from '../../store/scope.ts';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { AppError } from '../../errors/index.ts';
import type { Queryable } from '../../store/db.ts';
import type { Config } from '../../config.ts';
import { runUseCase, type Actor, type AppDeps } from '../context.ts';
import { hashPassword, verifyPassword } from './passwords.ts';

const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

export interface SessionUser {
  userId: string;
  tenantId: string;
  login: string;
  displayName: string;
  personId: string | null;
  roles: string[];
  /** 8.1.4.1 a: the password is to be changed before anything else (first sign-in, reset) */
  mustChangePassword: boolean;
  /** when the password was last set: it expires ZHENGTONG_PASSWORD_MAX_AGE_DAYS later */
  passwordChangedAt: Date;
}

export async function createUser(
  tx: Queryable,
  u: {
    tenantId: string; login: string; displayName: string; password: string; personId?: string | null; roles: string[];
    /** the password's hash when the caller computed it already (several accounts hashed at once) */
    passwordHash?: string;
    /** the password is an initial one, to be changed at the first sign-in (the demo's, an administrator's) */
    mustChangePassword?: boolean;
    /** when the password is set (the database's clock otherwise) */
    at?: Date;
  },
): Promise<string> {
  const id = `user-${u.login}`;
  await tx.query(
    `INSERT INTO users (id, tenant_id, login, display_name, password_hash, person_id, roles, must_change_password, password_changed_at)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,COALESCE($9::timestamptz, now())) ON CONFLICT (tenant_id, login) DO NOTHING`,
    [id, u.tenantId, u.login, u.displayName, u.passwordHash ?? await hashPassword(u.password), u.personId ?? null, u.roles,
      u.mustChangePassword ?? false, u.at ?? null],
  );
  return id;
}

/**
 * The hashes of the initial passwords of several accounts created at once (a government's first
 * accounts, the demo's), computed side by side on the thread pool, each with a salt of its own. Only the
 * demo, whose password is published and changed at the first sign-in, may let accounts with the same
 * initial password share one salted hash (`shareIdentical`): a government's accounts never do, so that
 * no two stored hashes are alike (docs/security.md).
 */
export async function hashPasswords(passwords: string[], opts: { shareIdentical?: boolean } = {}): Promise<string[]> {
  if (!opts.shareIdentical) return Promise.all(passwords.map(hashPassword));
  const distinct = [...new Set(passwords)];
  const index = new Map(distinct.map((p, i) => [p, i]));
  const computed = await Promise.all(distinct.map(hashPassword));
  return passwords.map((p) => computed[index.get(p)!]);
}

const sessionUserOf = (u: any): SessionUser => ({
  userId: u.user_id ?? u.id, tenantId: u.tenant_id, login: u.login, displayName: u.display_name, personId: u.person_id, roles: u.roles,
  mustChangePassword: u.must_change_password, passwordChangedAt: new Date(u.password_changed_at),
});

let dummy: Promise<string> | null = null;
/** A hash of a random password, made once: what an unknown account's password is checked against. */
const dummyHash = () => (dummy ??= hashPassword(randomBytes(16).toString('hex')));

const anonymous = (tenantId: string, ip: string | null, name: string): Actor => ({
  tenantId, userId: null, personId: null, name, roles: [], ip,
});

/**
 * Password login. Failures count per account; at the threshold the account locks for a while (both
 * configurable). Every attempt is on the audit record, whatever its outcome.
 */
export async function login(
  deps: AppDeps,
  config: Config,
  input: { tenantId: string; login: string; password: string; ip: string | null },
): Promise<{ token: string; user: SessionUser; expiresAt: Date }> {
  const government = await asSystem(() => deps.db.query<{ suspended_at: Date | null }>(
    'SELECT suspended_at FROM tenants WHERE id = $1', [input.tenantId]));
  // an unknown government is answered like an unknown account: nothing is learnt, nothing recorded
  if (!government.rows[0]) throw new AppError('AUTH.BAD_CREDENTIALS');
  if (government.rows[0].suspended_at) throw new AppError('TENANT.SUSPENDED');
  const outcome = await runUseCase(deps, anonymous(input.tenantId, input.ip, input.login), async (ctx) => {
    const { rows } = await ctx.tx.query(
      'SELECT * FROM users WHERE tenant_id = $1 AND login = $2 FOR UPDATE', [input.tenantId, input.login]);
    const u = rows[0];
    if (!u || u.disabled) {
      // the same scrypt work as a wrong password, so that the answer's time does not tell which accounts exist
      await verifyPassword(input.password, await dummyHash());
      await ctx.audit({ action: 'auth.login_failed', objectType: 'user', objectId: input.login, payload: { reason: 'unknown_user' } });
      return { error: 'AUTH.BAD_CREDENTIALS' as const };
    }
    if (u.locked_until && new Date(u.locked_until) > ctx.now) {
      await ctx.audit({ action: 'auth.login_refused_locked', objectType: 'user', objectId: u.id });
      return { error: 'AUTH.LOCKED' as const, until: new Date(u.locked_until) };
    }
    if (!(await verifyPassword(input.password, u.password_hash))) {
      const failed = u.failed_logins + 1;
      const lock = failed >= config.lockoutThreshold;
      const until = lock ? new Date(ctx.now.getTime() + config.lockoutMinutes * 60_000) : null;
      await ctx.tx.query('UPDATE users SET failed_logins = $2, locked_until = $3 WHERE id = $1',
        [u.id, lock ? 0 : failed, until]);
      await ctx.audit({ action: lock ? 'auth.locked' : 'auth.login_failed', objectType: 'user', objectId: u.id, payload: { failed } });
      return lock ? { error: 'AUTH.LOCKED' as const, until: until! } : { error: 'AUTH.BAD_CREDENTIALS' as const };
    }
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(ctx.now.getTime() + config.sessionMaxHours * 3_600_000);
    await ctx.tx.query('UPDATE users SET failed_logins = 0, locked_until = NULL WHERE id = $1', [u.id]);
    await ctx.tx.query(
      `INSERT INTO sessions (token_hash, user_id, tenant_id, ip, created_at, last_seen_at, expires_at)
       VALUES ($1,$2,$3,$4,$5,$5,$6)`, [tokenHash(token), u.id, u.tenant_id, input.ip, ctx.now, expiresAt]);
    await ctx.audit({ action: 'auth.login', objectType: 'user', objectId: u.id });
    return {
      token, expiresAt,
      user: sessionUserOf(u),
    };
  });
  if ('error' in outcome) {
    const until = 'until' in outcome ? outcome.until : undefined;
    throw new AppError(outcome.error as string, until ? { details: { lockedUntil: until.toISOString() } } : {});
  }
  return outcome;
}

// One statement per request: read the session with its user, decide in SQL whether it has lapsed (idle
// longer than the limit, or past its absolute expiry) and write what follows — a lapsed session is ended,
// a live one is touched when last seen more than a minute ago (at most once a minute keeps reads cheap).
// An ended session or a disabled user is refused and left as it is. The data-modifying WITH runs to
// completion although nothing reads it; `s` shows the row as it was before.
const RESOLVE_SQL = `
WITH s AS (
  SELECT s.token_hash, s.user_id, s.tenant_id, s.ended_at, u.login, u.display_name, u.person_id, u.roles,
         u.must_change_password, u.password_changed_at,
         (u.disabled OR g.suspended_at IS NOT NULL) AS disabled,
         ($2::timestamptz > s.last_seen_at + $3::float8 * interval '1 minute' OR $2::timestamptz > s.expires_at) AS lapsed,
         ($2::timestamptz > s.last_seen_at + interval '1 minute') AS stale
    FROM sessions s JOIN users u ON u.id = s.user_id JOIN tenants g ON g.id = s.tenant_id
   WHERE s.token_hash = $1
), w AS (
  UPDATE sessions t
     SET ended_at = CASE WHEN s.lapsed THEN $2::timestamptz ELSE t.ended_at END,
         last_seen_at = CASE WHEN s.lapsed THEN t.last_seen_at ELSE $2::timestamptz END
    FROM s
   WHERE t.token_hash = s.token_hash AND t.ended_at IS NULL AND s.ended_at IS NULL AND NOT s.disabled AND (s.lapsed OR s.stale)
)
SELECT * FROM s`;

/** Resolves a session token; an idle or expired session is ended and refused. */
export async function resolveSession(
  deps: AppDeps, config: Config, token: string,
): Promise<SessionUser | 'expired' | null> {
  const { rows } = await deps.db.query(RESOLVE_SQL, [tokenHash(token), deps.clock.now(), config.sessionIdleMinutes]);
  const s = rows[0];
  if (!s || s.ended_at || s.disabled) return null;
  if (s.lapsed) return 'expired';
  return sessionUserOf(s);
}

export async function logout(deps: AppDeps, actor: Actor, token: string): Promise<void> {
  await runUseCase(deps, actor, async (ctx) => {
    await ctx.tx.query('UPDATE sessions SET ended_at = $2 WHERE token_hash = $1 AND ended_at IS NULL', [tokenHash(token), ctx.now]);
    await ctx.audit({ action: 'auth.logout', objectType: 'user', objectId: actor.userId ?? '' });
  });
}

export const newId = (prefix: string) => `${prefix}-${randomUUID()}`;
