// Which rule pack each government runs on. A government's pack is named in its `tenants` row; this
// process learns the pairs at start and on first sight of a government, and loads each pack once.
// The pack of the work in progress is the pack of its tenant scope (src/store/scope.ts): use cases,
// requests and timers all run inside one, so the app's rule lookups never pass a government around.
import { join } from 'node:path';
import { loadDefaultPack, loadPack, repoRoot, type Pack } from '../../rules/index.ts';
import type { Queryable } from '../../store/db.ts';
import { currentTenant } from '../../store/scope.ts';

const packIdByTenant = new Map<string, string>();
const packById = new Map<string, Pack>();

/** The folder of the shipped packs (packs/<id>); ZHENGTONG_PACKS_DIR points elsewhere. */
export const packsDir = (): string => process.env.ZHENGTONG_PACKS_DIR ?? join(repoRoot(), 'packs');

/** The pack with this id, loaded once per process. */
export function packWithId(id: string): Pack {
  let p = packById.get(id);
  if (!p) {
    const base = loadDefaultPack();
    p = id === base.meta.id ? base : loadPack(join(packsDir(), id));
    packById.set(id, p);
  }
  return p;
}

export function registerTenantPack(tenantId: string, packId: string): void {
  packIdByTenant.set(tenantId, packId);
}

export const isKnownTenant = (tenantId: string): boolean => packIdByTenant.has(tenantId);

/** Learns a government's pack from the database unless already known (a cheap no-op then). */
export async function knowTenant(q: Queryable, tenantId: string): Promise<void> {
  if (packIdByTenant.has(tenantId)) return;
  const { rows } = await q.query<{ pack_id: string }>('SELECT pack_id FROM tenants WHERE id = $1', [tenantId]);
  if (rows[0]) registerTenantPack(tenantId, rows[0].pack_id);
}

/** Learns every government's pack (at start). */
export async function knowAllTenants(q: Queryable): Promise<void> {
  const { rows } = await q.query<{ id: string; pack_id: string }>('SELECT id, pack_id FROM tenants');
  for (const r of rows) registerTenantPack(r.id, r.pack_id);
}

/** Forgets every government and pack this process has learnt (they are read again on first sight). */
export function forgetGovernments(): void {
  packIdByTenant.clear();
  packById.clear();
  tenantByHost.clear();
}

/** The pack a government runs on; a government not (yet) recorded runs on the default pack. */
export function packOfTenant(tenantId: string): Pack {
  const id = packIdByTenant.get(tenantId);
  return id ? packWithId(id) : loadDefaultPack();
}

/** The pack of the work in progress: its tenant's, or the default pack outside any tenant scope. */
export function tenantPack(): Pack {
  const t = currentTenant();
  return t ? packOfTenant(t) : loadDefaultPack();
}

const tenantByHost = new Map<string, { tenantId: string | null; at: number }>();
const HOST_TTL_MS = 60_000;

/**
 * The government whose public portal is served on this host name (tenants.portal_host), or null.
 * Kept for a minute, so that a host set by another process is picked up without a restart.
 */
export async function tenantOfHost(q: Queryable, host: string | undefined, now = Date.now()): Promise<string | null> {
  if (!host) return null;
  const name = host.toLowerCase();
  const hit = tenantByHost.get(name);
  if (hit && now - hit.at < HOST_TTL_MS) return hit.tenantId;
  const { rows } = await q.query<{ id: string; pack_id: string }>(
    'SELECT id, pack_id FROM tenants WHERE portal_host = $1 AND suspended_at IS NULL', [name]);
  const tenantId = rows[0]?.id ?? null;
  if (rows[0]) registerTenantPack(rows[0].id, rows[0].pack_id);
  if (tenantByHost.size > 1000) tenantByHost.clear();
  tenantByHost.set(name, { tenantId, at: now });
  return tenantId;
}
