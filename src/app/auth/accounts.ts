// Accounts (GB/T 22239-2019 8.1.4.1 身份鉴别, 8.1.5 三员分立). The 系统管理员 creates accounts, disables
// and enables them and resets their passwords, but grants no role; the 安全保密管理员 grants and revokes
// roles and unlocks accounts; nobody changes their own roles or acts on their own account through these
// administrative use cases (the own password is changed with changePassword). Every action is on the
// audit record as account.* (an administrator's action: reviewed by the 安全审计员 only).
import { AppError, refusal } from '../../errors/index.ts';
import { passwordState, passwordViolations, roleGrantViolations, type PasswordPolicy } from '../../domain/accounts/index.ts';
import type { Queryable } from '../../store/db.ts';
import type { Config } from '../../config.ts';
import { runQuery, runUseCase, type Actor, type AppDeps } from '../context.ts';
import { hashPassword, verifyPassword } from './passwords.ts';
import { GRANTABLE_ROLES, ROLES } from './roles.ts';

export interface Account {
  id: string;
  login: string;
  displayName: string;
  personId: string | null;
  roles: string[];
  roleLabels: string[];
  disabled: boolean;
  lockedUntil: string | null;
  mustChangePassword: boolean;
  passwordChangedAt: string;
  createdAt: string;
}

const accountOf = (r: any): Account => ({
  id: r.id, login: r.login, displayName: r.display_name, personId: r.person_id, roles: r.roles,
  roleLabels: r.roles.map((x: string) => ROLES[x]?.label ?? x), disabled: r.disabled,
  lockedUntil: r.locked_until ? new Date(r.locked_until).toISOString() : null,
  mustChangePassword: r.must_change_password, passwordChangedAt: new Date(r.password_changed_at).toISOString(),
  createdAt: new Date(r.created_at).toISOString(),
});

const COLUMNS = 'id, login, display_name, person_id, roles, disabled, locked_until, must_change_password, password_changed_at, created_at';

export const listAccounts = (deps: AppDeps, actor: Actor) => runQuery(deps, async (tx) => {
  const { rows } = await tx.query(`SELECT ${COLUMNS} FROM users WHERE tenant_id = $1 ORDER BY login`, [actor.tenantId]);
  return { items: rows.map(accountOf) };
});

/** The roles an account may be given, with their labels (the grant form's choices). */
export const grantableRoles = () => GRANTABLE_ROLES.map((r) => ({ role: r, label: ROLES[r].label }));

async function lockAccount(tx: Queryable, actor: Actor, userId: string): Promise<any> {
  const { rows } = await tx.query(`SELECT ${COLUMNS}, password_hash, password_history FROM users WHERE tenant_id = $1 AND id = $2 FOR UPDATE`,
    [actor.tenantId, userId]);
  if (!rows[0]) throw new AppError('ACCOUNTS.NOT_FOUND', { details: { userId } });
  return rows[0];
}

/** An administrator acts on other accounts only: not on its own (8.1.5: no one administers themselves). */
function notSelf(actor: Actor, userId: string) {
  if (actor.userId && actor.userId === userId) throw new AppError('ACCOUNTS.SELF_ACTION');
}

/**
 * The new password against the policy and the history: not one of the last `historySize` passwords
 * (the current one included). Returns the new hash and the history to keep.
 */
async function newPassword(u: { login: string; password_hash: string; password_history: string[] }, password: string, policy: PasswordPolicy) {
  const weak = passwordViolations(password, u.login, policy);
  if (weak.length) throw refusal('ACCOUNTS.PASSWORD_REFUSED', weak);
  const recent = [u.password_hash, ...u.password_history].slice(0, policy.historySize);
  for (const h of recent) {
    if (await verifyPassword(password, h)) throw new AppError('ACCOUNTS.PASSWORD_REUSED', { details: { historySize: policy.historySize } });
  }
  return { hash: await hashPassword(password), history: recent.slice(0, policy.historySize - 1) };
}

const endSessions = (tx: Queryable, userId: string, now: Date) =>
  tx.query('UPDATE sessions SET ended_at = $2 WHERE user_id = $1 AND ended_at IS NULL', [userId, now]);

/** 系统管理员: a new account, without roles, with an initial password to be changed at the first sign-in. */
export function createAccount(
  deps: AppDeps, actor: Actor, config: Config,
  input: { login: string; displayName: string; personId?: string | null; password: string },
): Promise<Account> {
  return runUseCase(deps, actor, async (ctx) => {
    const weak = passwordViolations(input.password, input.login, config.passwordPolicy);
    if (weak.length) throw refusal('ACCOUNTS.PASSWORD_REFUSED', weak);
    const taken = await ctx.tx.query('SELECT 1 FROM users WHERE tenant_id = $1 AND login = $2', [actor.tenantId, input.login]);
    if (taken.rows.length) throw new AppError('ACCOUNTS.LOGIN_TAKEN', { details: { login: input.login } });
    const id = `user-${actor.tenantId}-${input.login}`;
    const { rows } = await ctx.tx.query(
      `INSERT INTO users (id, tenant_id, login, display_name, password_hash, person_id, roles, must_change_password, password_changed_at)
       VALUES ($1,$2,$3,$4,$5,$6,'{}',true,$7) RETURNING ${COLUMNS}`,
      [id, actor.tenantId, input.login, input.displayName, await hashPassword(input.password), input.personId ?? null, ctx.now]);
    await ctx.audit({ action: 'account.created', objectType: 'user', objectId: id, payload: { login: input.login, displayName: input.displayName, personId: input.personId ?? null } });
    return accountOf(rows[0]);
  });
}

/** 系统管理员: disables (its sessions end at once) or enables another account. */
export function setAccountDisabled(deps: AppDeps, actor: Actor, userId: string, disabled: boolean): Promise<Account> {
  return runUseCase(deps, actor, async (ctx) => {
    notSelf(actor, userId);
    await lockAccount(ctx.tx, actor, userId);
    const { rows } = await ctx.tx.query(`UPDATE users SET disabled = $2 WHERE id = $1 RETURNING ${COLUMNS}`, [userId, disabled]);
    if (disabled) await endSessions(ctx.tx, userId, ctx.now);
    await ctx.audit({ action: disabled ? 'account.disabled' : 'account.enabled', objectType: 'user', objectId: userId });
    return accountOf(rows[0]);
  });
}

/** 系统管理员: a new initial password for another account, to be changed at its next sign-in. */
export function resetPassword(deps: AppDeps, actor: Actor, config: Config, userId: string, password: string): Promise<Account> {
  return runUseCase(deps, actor, async (ctx) => {
    notSelf(actor, userId);
    const u = await lockAccount(ctx.tx, actor, userId);
    const next = await newPassword(u, password, config.passwordPolicy);
    const { rows } = await ctx.tx.query(
      `UPDATE users SET password_hash = $2, password_history = $3, password_changed_at = $4, must_change_password = true,
              failed_logins = 0, locked_until = NULL WHERE id = $1 RETURNING ${COLUMNS}`,
      [userId, next.hash, next.history, ctx.now]);
    await endSessions(ctx.tx, userId, ctx.now);
    await ctx.audit({ action: 'account.password_reset', objectType: 'user', objectId: userId });
    return accountOf(rows[0]);
  });
}

/**
 * 安全保密管理员: the roles of another account, replaced as a whole. 三员分立: no account holds two of
 * the three administrators' roles, and nobody grants anything to themselves.
 */
export function assignRoles(deps: AppDeps, actor: Actor, userId: string, roles: string[]): Promise<Account> {
  return runUseCase(deps, actor, async (ctx) => {
    const wanted = [...new Set(roles)];
    const refused = roleGrantViolations({ roles: wanted, accountUserId: userId, granterUserId: actor.userId }, GRANTABLE_ROLES);
    if (refused.some((v) => v.code === 'ACCOUNTS.SELF_GRANT')) throw new AppError('ACCOUNTS.SELF_GRANT');
    const u = await lockAccount(ctx.tx, actor, userId);
    if (refused.length) throw refusal('ACCOUNTS.ROLES_REFUSED', refused);
    const { rows } = await ctx.tx.query(`UPDATE users SET roles = $2 WHERE id = $1 RETURNING ${COLUMNS}`, [userId, wanted]);
    await ctx.audit({
      action: 'account.roles_changed', objectType: 'user', objectId: userId,
      payload: { before: u.roles, after: wanted, granted: wanted.filter((r) => !u.roles.includes(r)), revoked: u.roles.filter((r: string) => !wanted.includes(r)) },
    });
    return accountOf(rows[0]);
  });
}

/** 安全保密管理员: lifts the lock a run of failed sign-ins put on another account. */
export function unlockAccount(deps: AppDeps, actor: Actor, userId: string): Promise<Account> {
  return runUseCase(deps, actor, async (ctx) => {
    notSelf(actor, userId);
    const u = await lockAccount(ctx.tx, actor, userId);
    if (!u.locked_until || new Date(u.locked_until) <= ctx.now) throw new AppError('ACCOUNTS.NOT_LOCKED');
    const { rows } = await ctx.tx.query(`UPDATE users SET locked_until = NULL, failed_logins = 0 WHERE id = $1 RETURNING ${COLUMNS}`, [userId]);
    await ctx.audit({ action: 'account.unlocked', objectType: 'user', objectId: userId, payload: { lockedUntil: new Date(u.locked_until).toISOString() } });
    return accountOf(rows[0]);
  });
}

/** Anyone signed in: their own password, given the current one; the policy and the history apply. */
export function changePassword(deps: AppDeps, actor: Actor, config: Config, input: { current: string; next: string }): Promise<{ passwordChangedAt: string }> {
  return runUseCase(deps, actor, async (ctx) => {
    const u = await lockAccount(ctx.tx, actor, actor.userId ?? '');
    if (!(await verifyPassword(input.current, u.password_hash))) {
      await ctx.audit({ action: 'auth.password_change_failed', objectType: 'user', objectId: u.id });
      return { error: true as const };
    }
    const next = await newPassword(u, input.next, config.passwordPolicy);
    await ctx.tx.query('UPDATE users SET password_hash = $2, password_history = $3, password_changed_at = $4, must_change_password = false WHERE id = $1',
      [u.id, next.hash, next.history, ctx.now]);
    await ctx.audit({ action: 'auth.password_changed', objectType: 'user', objectId: u.id });
    return { passwordChangedAt: ctx.now.toISOString() };
  }).then((r) => {
    // the failed attempt stays on the record: the refusal is thrown after the transaction commits
    if ('error' in r) throw new AppError('ACCOUNTS.CURRENT_PASSWORD_WRONG');
    return r;
  });
}

/** What /auth/me says of the password: when it expires, whether to warn, whether it must be changed now. */
export function passwordStatus(user: { mustChangePassword: boolean; passwordChangedAt: Date }, now: Date, config: Config) {
  const s = passwordState(user, now, config.passwordPolicy);
  if (s.state === 'ok') {
    return { changeRequired: false, reason: null, enforced: !config.demoSkipPasswordChange, expiresAt: s.expiresAt.toISOString(), daysLeft: s.daysLeft, warn: s.warn };
  }
  return { changeRequired: true, reason: s.reason, enforced: !config.demoSkipPasswordChange, expiresAt: s.expiresAt?.toISOString() ?? null, daysLeft: 0, warn: true };
}

/** The password, lockout and session policy in force (安全保密管理员's view). */
export const securityPolicy = (config: Config) => ({
  password: { ...config.passwordPolicy, demoSkipPasswordChange: config.demoSkipPasswordChange },
  lockout: { threshold: config.lockoutThreshold, minutes: config.lockoutMinutes },
  session: { idleMinutes: config.sessionIdleMinutes, maxHours: config.sessionMaxHours },
});
