import type { Db, Queryable } from '../store/db.ts';
import type { Bulkhead } from './ops/bulkhead.ts';
import { appendAudit, type AuditEntry, type CompanionInsert } from './audit/record.ts';
import { orgRevisionRead } from './org/repo.ts';
import { asSystem, withTenant } from '../store/scope.ts';
import { isKnownTenant, knowTenant } from './tenancy/registry.ts';

/** Who is acting, resolved from the session (or the system for timers and the CLI). */
export interface Actor {
  tenantId: string;
  userId: string | null;
  personId: string | null;
  name: string;
  roles: string[];
  ip: string | null;
}

export const systemActor = (tenantId: string, name = '系统'): Actor => ({
  tenantId, userId: null, personId: null, name, roles: ['system'], ip: null,
});

/** The clock is a port: the server uses the system clock, tests and demos fix it. */
export interface Clock {
  now(): Date;
}
export const systemClock: Clock = { now: () => new Date() };

/** A clock set to a fixed instant, or shifted by an offset from the system clock (ZHENGTONG_CLOCK). */
export function clockFromEnv(env: NodeJS.ProcessEnv = process.env): Clock {
  const v = env.ZHENGTONG_CLOCK;
  if (!v) return systemClock;
  const fixed = new Date(v);
  if (Number.isNaN(fixed.getTime())) throw new Error(`ZHENGTONG_CLOCK 不是合法的时间：${v}`);
  const offset = fixed.getTime() - Date.now();
  return { now: () => new Date(Date.now() + offset) };
}

export interface AppDeps {
  db: Db;
  clock: Clock;
  /** called after a transaction that wrote audit records has committed (wakes the sealer) */
  onAudit?: () => void;
  /** the expensive reads' share of the database connections (src/app/ops/bulkhead.ts); none: unlimited */
  heavyReads?: Bulkhead;
}

/** Runs an expensive read (search, a register filtered by a substring) within the heavy reads' bulkhead. */
export function heavyRead<T>(deps: AppDeps, fn: () => Promise<T>): Promise<T> {
  return deps.heavyReads ? deps.heavyReads.run(fn) : fn();
}

/** What a use case gets: one transaction, the actor, one instant for the whole action, the audit. */
export interface UseCaseContext {
  tx: Queryable;
  actor: Actor;
  now: Date;
  deps: AppDeps;
  /** appends the audit record; a companion insert of the same action (a trail line) goes in the same statement */
  audit(entry: AuditEntry, companion?: CompanionInsert): Promise<void>;
}

/**
 * Runs a use case in one transaction: its state changes and its audit records commit together or not
 * at all. The instant `now` is read once, so every record of one action carries the same time.
 */
export async function runUseCase<T>(deps: AppDeps, actor: Actor, fn: (ctx: UseCaseContext) => Promise<T>): Promise<T> {
  const now = deps.clock.now();
  let audited = false;
  if (!isKnownTenant(actor.tenantId)) await asSystem(() => knowTenant(deps.db, actor.tenantId));
  // the action is confined to the actor's government (row-level security, and its rule pack);
  // most use cases start by loading the actor's organisation: its revision read travels with BEGIN
  const result = await withTenant(actor.tenantId, () => deps.db.transaction(
    (tx) => fn(useCaseContext(tx, actor, now, deps, () => (audited = true))),
    { first: orgRevisionRead(actor.tenantId) }));
  if (audited) deps.onAudit?.();
  return result;
}

/** The context of one action inside `tx` (a use case, or a timer's handler); `onAudited` hears of each audit record. */
export function useCaseContext(tx: Queryable, actor: Actor, now: Date, deps: AppDeps, onAudited: () => void): UseCaseContext {
  return {
    tx,
    actor,
    now,
    deps,
    audit: async (entry, companion) => {
      onAudited();
      await appendAudit(tx, actor, now, entry, companion);
    },
  };
}

/** Read-only work: no audit record, but still one consistent snapshot. */
export function runQuery<T>(deps: AppDeps, fn: (tx: Queryable) => Promise<T>): Promise<T> {
  return deps.db.transaction(fn);
}
