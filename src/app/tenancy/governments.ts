// Governments on one deployment: each a tenant with its own rule pack, organisation, people and
// records. Creating, listing and suspending them is administration of the deployment itself, so these
// use cases run outside any tenant scope and name each government's rows explicitly; each writes one
// audit record in the administrator's own government and one in the government concerned, in the same
// transaction as the change.
import { AppError, refusal } from '../../errors/index.ts';
import type { Org } from '../../domain/org/index.ts';
import { asSystem } from '../../store/scope.ts';
import { appendAudit } from '../audit/record.ts';
import { createUser, hashPasswords } from '../auth/sessions.ts';
import { GRANTABLE_ROLES } from '../auth/roles.ts';
import { roleGrantViolations } from '../../domain/accounts/index.ts';
import { systemActor, type Actor, type AppDeps } from '../context.ts';
import { insertOrg } from '../org/repo.ts';
import { orgRulesFrom } from '../org/rules.ts';
import { packWithId, registerTenantPack } from './registry.ts';

export type GovernmentLevel = 'province' | 'city' | 'county';

export interface Government {
  id: string;
  name: string;
  shortName: string | null;
  level: GovernmentLevel;
  parentId: string | null;
  packId: string;
  portalHost: string | null;
  suspendedAt: string | null;
  suspendedReason: string | null;
  createdAt: string;
}

export interface InitialLogin {
  login: string;
  password: string;
  displayName: string;
  personId: string | null;
  roles: string[];
}

export interface GovernmentInput {
  id: string;
  name: string;
  shortName?: string | null;
  level: GovernmentLevel;
  parentId?: string | null;
  packId: string;
  portalHost?: string | null;
  /** the organisation, parsed and validated (parseDemoOrg) */
  org: Org;
  logins?: InitialLogin[];
  /** the demo only: accounts with the same published initial password share one salted hash (hashPasswords) */
  demoPasswords?: boolean;
}

const toGovernment = (r: any): Government => ({
  id: r.id, name: r.name, shortName: r.short_name, level: r.level, parentId: r.parent_id, packId: r.pack_id,
  portalHost: r.portal_host, suspendedAt: r.suspended_at ? new Date(r.suspended_at).toISOString() : null,
  suspendedReason: r.suspended_reason, createdAt: new Date(r.created_at).toISOString(),
});

/** Runs cross-government administration in one transaction outside any tenant scope. */
function administer<T>(deps: AppDeps, fn: (tx: import('../../store/db.ts').Queryable, now: Date) => Promise<T>): Promise<T> {
  const now = deps.clock.now();
  return asSystem(async () => {
    const r = await deps.db.transaction((tx) => fn(tx, now));
    deps.onAudit?.();
    return r;
  });
}

/** Creates a government from a rule pack and an organisation; its logins, if given, are created too. */
export async function createGovernment(deps: AppDeps, actor: Actor, input: GovernmentInput): Promise<Government> {
  const pack = (() => {
    try {
      return packWithId(input.packId);
    } catch (e) {
      throw new AppError('TENANT.PACK_UNKNOWN', { details: { packId: input.packId, reason: (e as Error).message } });
    }
  })();
  if (input.org.tenant.id !== input.id) {
    throw new AppError('TENANT.ORG_MISMATCH', { details: { government: input.id, organisation: input.org.tenant.id } });
  }
  const government = await administer(deps, async (tx, now) => {
    const exists = await tx.query('SELECT 1 FROM tenants WHERE id = $1 OR name = $2', [input.id, input.name]);
    if (exists.rows.length) throw new AppError('TENANT.EXISTS', { details: { id: input.id, name: input.name } });
    if (input.parentId) {
      const parent = await tx.query('SELECT 1 FROM tenants WHERE id = $1', [input.parentId]);
      if (!parent.rows.length) throw new AppError('TENANT.NOT_FOUND', { details: { id: input.parentId } });
    }
    if (input.portalHost) {
      const taken = await tx.query('SELECT id FROM tenants WHERE portal_host = $1', [input.portalHost.toLowerCase()]);
      if (taken.rows.length) throw new AppError('TENANT.HOST_TAKEN', { details: { host: input.portalHost } });
    }
    const personIds = new Set(input.org.people.map((p) => p.id));
    const badLogins = (input.logins ?? []).filter((l) => l.personId && !personIds.has(l.personId));
    if (badLogins.length) {
      throw new AppError('TENANT.LOGIN_PERSON_UNKNOWN', { details: { logins: badLogins.map((l) => l.login) } });
    }
    const { rows } = await tx.query(
      `INSERT INTO tenants (id, name, short_name, level, parent_id, pack_id, portal_host, created_at)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8) RETURNING *`,
      [input.id, input.name, input.shortName ?? null, input.level, input.parentId ?? null, input.packId,
        input.portalHost?.toLowerCase() ?? null, now]);
    await insertOrg(tx, input.id, input.org, now, actor.name);
    const logins = input.logins ?? [];
    for (const l of logins) {
      // 三员分立 holds from the first account on; initial passwords are changed at the first sign-in
      const refused = roleGrantViolations({ roles: l.roles, accountUserId: `user-${l.login}`, granterUserId: null }, GRANTABLE_ROLES);
      if (refused.length) throw refusal('ACCOUNTS.ROLES_REFUSED', refused.map((v) => ({ ...v, details: { ...v.details, login: l.login } })));
    }
    const hashes = await hashPasswords(logins.map((l) => l.password), { shareIdentical: input.demoPasswords === true });
    for (const [i, l] of logins.entries()) {
      await createUser(tx, { tenantId: input.id, login: l.login, displayName: l.displayName, password: l.password, passwordHash: hashes[i], personId: l.personId, roles: l.roles, mustChangePassword: true, at: now });
    }
    const today = now.toISOString().slice(0, 10);
    const article = (() => {
      try {
        return orgRulesFrom(pack, today < pack.meta.effective.from ? pack.meta.effective.from : today).government.article;
      } catch {
        return undefined;
      }
    })();
    const payload = { name: input.name, level: input.level, parentId: input.parentId ?? null, packId: input.packId,
      units: input.org.units.length, people: input.org.people.length, logins: (input.logins ?? []).length };
    await appendAudit(tx, actor, now, { action: 'tenant.created', objectType: 'tenant', objectId: input.id, payload });
    await appendAudit(tx, { ...actor, tenantId: input.id }, now, { action: 'tenant.created', objectType: 'tenant', objectId: input.id, article, payload });
    return toGovernment(rows[0]);
  });
  registerTenantPack(government.id, government.packId);
  return government;
}

export async function listGovernments(deps: AppDeps): Promise<Government[]> {
  return asSystem(async () => {
    const { rows } = await deps.db.query('SELECT * FROM tenants ORDER BY level = \'county\', created_at, id');
    return rows.map(toGovernment);
  });
}

/** Suspends a government: its users can no longer sign in and its open sessions end; nothing is deleted. */
export async function suspendGovernment(deps: AppDeps, actor: Actor, id: string, reason: string): Promise<Government> {
  if (id === actor.tenantId) throw new AppError('TENANT.SUSPEND_OWN');
  return administer(deps, async (tx, now) => {
    const { rows } = await tx.query(
      'UPDATE tenants SET suspended_at = $2, suspended_reason = $3 WHERE id = $1 AND suspended_at IS NULL RETURNING *', [id, now, reason]);
    if (!rows[0]) {
      const exists = await tx.query('SELECT 1 FROM tenants WHERE id = $1', [id]);
      throw new AppError(exists.rows.length ? 'TENANT.ALREADY_SUSPENDED' : 'TENANT.NOT_FOUND', { details: { id } });
    }
    const ended = await tx.query('UPDATE sessions SET ended_at = $2 WHERE tenant_id = $1 AND ended_at IS NULL', [id, now]);
    const payload = { reason, sessionsEnded: ended.rowCount };
    await appendAudit(tx, actor, now, { action: 'tenant.suspended', objectType: 'tenant', objectId: id, payload });
    await appendAudit(tx, { ...actor, tenantId: id }, now, { action: 'tenant.suspended', objectType: 'tenant', objectId: id, payload });
    return toGovernment(rows[0]);
  });
}

/** Lifts a suspension. */
export async function resumeGovernment(deps: AppDeps, actor: Actor, id: string): Promise<Government> {
  return administer(deps, async (tx, now) => {
    const { rows } = await tx.query(
      'UPDATE tenants SET suspended_at = NULL, suspended_reason = NULL WHERE id = $1 AND suspended_at IS NOT NULL RETURNING *', [id]);
    if (!rows[0]) throw new AppError('TENANT.NOT_FOUND', { details: { id } });
    await appendAudit(tx, actor, now, { action: 'tenant.resumed', objectType: 'tenant', objectId: id });
    await appendAudit(tx, { ...actor, tenantId: id }, now, { action: 'tenant.resumed', objectType: 'tenant', objectId: id });
    return toGovernment(rows[0]);
  });
}

/** The government of a tenant id, for sign-in and the header (null when unknown). */
export async function governmentOf(deps: AppDeps, id: string): Promise<Government | null> {
  return asSystem(async () => {
    const { rows } = await deps.db.query('SELECT * FROM tenants WHERE id = $1', [id]);
    return rows[0] ? toGovernment(rows[0]) : null;
  });
}

/** The actor that administration run from the command line acts as. */
export const cliAdministrator = (tenantId: string): Actor => systemActor(tenantId, '命令行管理');

