// The tenant scope: which government the work in progress belongs to. It is set in one place for each
// kind of work — the HTTP layer for a request (from the signed-in user, or the portal's government),
// runUseCase for an actor's action, the timer runner for a timer — and every transaction opened
// inside it runs as the restricted role `zhengtong_tenant` with `zhengtong.tenant` set, so that
// PostgreSQL's row-level security (migrate.ts enables it on every table with a tenant_id) returns
// and accepts only that government's rows, whatever a query forgets. Work outside any scope (the
// migrations, the audit sealer, claiming timers, the exchange's delivery, administration of the
// governments themselves, tests' fixtures) runs as the connecting role and sees every government.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Queryable } from './db.ts';

export const TENANT_ROLE = 'zhengtong_tenant';
export const TENANT_SETTING = 'zhengtong.tenant';

interface Scope {
  tenantId: string;
}

const storage = new AsyncLocalStorage<Scope>();

/** Runs fn with every transaction it opens confined to `tenantId`. */
export function withTenant<T>(tenantId: string, fn: () => T): T {
  if (!tenantId) throw new Error('withTenant: empty tenant id');
  return storage.run({ tenantId }, fn);
}

/** Runs fn outside any tenant scope (cross-government system work). */
export function asSystem<T>(fn: () => T): T {
  return storage.exit(fn);
}

/** The government of the work in progress, or null for system work. */
export function currentTenant(): string | null {
  return storage.getStore()?.tenantId ?? null;
}

/** The statement that confines the rest of a transaction to a tenant (role and setting, local to it). */
export function tenantStatement(tenantId: string): { sql: string; params: string[] } {
  return {
    sql: `SELECT set_config('role', '${TENANT_ROLE}', true), set_config('${TENANT_SETTING}', $1, true)`,
    params: [tenantId],
  };
}

/** Confines the rest of an open transaction (e.g. a claimed timer's handler) to a tenant. */
export async function confineTransaction(tx: Queryable, tenantId: string): Promise<void> {
  const s = tenantStatement(tenantId);
  await tx.query(s.sql, s.params);
}
