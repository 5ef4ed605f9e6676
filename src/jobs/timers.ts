// Durable timers. Other contexts register a timer kind with its handler (documents: implicit consent
// of 第六十六条; calendar: deadline reminders and 催办), schedule timers inside their own use cases, and
// a worker in every server process fires what is due.
//
// Exactly once: a worker claims one due timer with FOR UPDATE SKIP LOCKED, runs its handler and marks it
// fired in the same transaction. Another process skips the locked row and, after commit, no longer sees
// it as pending; a crash before commit rolls everything back and the timer fires at the next start.
// A handler that throws is rolled back to a savepoint, the attempt recorded, and the timer retried later.
import type { Queryable } from '../store/db.ts';
import { pollIntervals } from '../config.ts';
import { asSystem, confineTransaction, withTenant } from '../store/scope.ts';
import { knowTenant } from '../app/tenancy/registry.ts';
import { systemActor, useCaseContext, type AppDeps, type UseCaseContext } from '../app/context.ts';

export interface TimerRow {
  id: number;
  tenantId: string;
  kind: string;
  key: string;
  dueAt: Date;
  payload: Record<string, unknown>;
  attempts: number;
}

/** A handler runs inside the claiming transaction: its writes and the "fired" mark commit together. */
export type TimerHandler = (ctx: UseCaseContext, timer: TimerRow) => Promise<void>;

const registry = new Map<string, TimerHandler>();

/** Registers the handler of a timer kind ('documents.opinion.implied' …). Registering twice replaces. */
export function registerTimerKind(kind: string, handler: TimerHandler): void {
  registry.set(kind, handler);
}

export const registeredTimerKinds = (): string[] => [...registry.keys()].sort();

export interface ScheduleInput {
  tenantId: string;
  kind: string;
  /** identifies what the timer is about (a deadline id, a request id); one live timer per kind and key */
  key: string;
  dueAt: Date;
  payload?: Record<string, unknown>;
}

/**
 * Schedules a timer inside the caller's transaction. Scheduling an existing (kind, key) moves it to the
 * new time if it has not fired yet; a fired timer is left as it is (it fired once, that stands).
 */
export async function scheduleTimer(tx: Queryable, t: ScheduleInput, now: Date): Promise<void> {
  await tx.query(
    `INSERT INTO timers (tenant_id, kind, key, due_at, payload, created_at)
     VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (tenant_id, kind, key) DO UPDATE
       SET due_at = EXCLUDED.due_at, payload = EXCLUDED.payload, cancelled_at = NULL, attempts = 0, last_error = NULL
       WHERE timers.fired_at IS NULL`,
    [t.tenantId, t.kind, t.key, t.dueAt, JSON.stringify(t.payload ?? {}), now],
  );
}

/** Cancels a pending timer (the item was closed in time). */
export async function cancelTimer(tx: Queryable, tenantId: string, kind: string, key: string, now: Date): Promise<void> {
  await tx.query(
    `UPDATE timers SET cancelled_at = $4 WHERE tenant_id = $1 AND kind = $2 AND key = $3 AND fired_at IS NULL AND cancelled_at IS NULL`,
    [tenantId, kind, key, now],
  );
}

/** Retry delay after a failed attempt: 1, 2, 4 … minutes, at most a day. */
const retryDelayMs = (attempts: number): number => Math.min(24 * 60, 2 ** Math.max(0, attempts - 1)) * 60_000;

const toRow = (r: any): TimerRow => ({
  id: Number(r.id),
  tenantId: r.tenant_id,
  kind: r.kind,
  key: r.key,
  dueAt: new Date(r.due_at),
  payload: typeof r.payload === 'string' ? JSON.parse(r.payload) : r.payload ?? {},
  attempts: Number(r.attempts),
});

export type FireOutcome = { fired: TimerRow } | { failed: TimerRow; error: string } | null;

/**
 * Claims and fires at most one due timer. Returns null when nothing is due. Claiming looks at every
 * government's timers; the handler then runs confined to the timer's own government.
 */
export function fireOneDueTimer(deps: AppDeps): Promise<FireOutcome> {
  return asSystem(() => fireOne(deps));
}

async function fireOne(deps: AppDeps): Promise<FireOutcome> {
  const now = deps.clock.now();
  let audited = false;
  const outcome = await deps.db.transaction(async (tx): Promise<FireOutcome> => {
    const { rows } = await tx.query(
      `SELECT * FROM timers WHERE fired_at IS NULL AND cancelled_at IS NULL AND due_at <= $1
       ORDER BY due_at, id LIMIT 1 FOR UPDATE SKIP LOCKED`,
      [now],
    );
    if (!rows.length) return null;
    const timer = toRow(rows[0]);
    await knowTenant(tx, timer.tenantId);
    await confineTransaction(tx, timer.tenantId);
    const actor = systemActor(timer.tenantId, '系统（定时任务）');
    const ctx = useCaseContext(tx, actor, now, deps, () => (audited = true));
    const handler = registry.get(timer.kind);
    let error: string | null = handler ? null : `TIMER.KIND_UNKNOWN: 未注册的定时任务类型 ${timer.kind}`;
    if (handler) {
      await tx.query('SAVEPOINT timer_handler');
      try {
        await withTenant(timer.tenantId, () => handler(ctx, timer));
        await tx.query('RELEASE SAVEPOINT timer_handler');
      } catch (e) {
        await tx.query('ROLLBACK TO SAVEPOINT timer_handler');
        error = (e as Error).message ?? String(e);
      }
    }
    if (error === null) {
      await tx.query(`UPDATE timers SET fired_at = $2, attempts = attempts + 1, last_error = NULL WHERE id = $1`, [timer.id, now]);
      return { fired: timer };
    }
    await tx.query(`UPDATE timers SET attempts = attempts + 1, last_error = $2, due_at = $3 WHERE id = $1`, [
      timer.id,
      error.slice(0, 2000),
      new Date(now.getTime() + retryDelayMs(timer.attempts + 1)),
    ]);
    return { failed: timer, error };
  });
  if (audited) deps.onAudit?.();
  return outcome;
}

/** Fires every timer due now (up to `limit`); returns what fired and what failed. */
export async function runDueTimers(deps: AppDeps, limit = 1000): Promise<{ fired: TimerRow[]; failed: { timer: TimerRow; error: string }[] }> {
  const fired: TimerRow[] = [];
  const failed: { timer: TimerRow; error: string }[] = [];
  for (let i = 0; i < limit; i++) {
    const r = await fireOneDueTimer(deps);
    if (!r) break;
    if ('fired' in r) fired.push(r.fired);
    else failed.push({ timer: r.failed, error: r.error });
  }
  return { fired, failed };
}

export interface TimerWorkerOptions {
  /** how often to look for due timers (ZHENGTONG_TIMER_POLL_MS, default 5 s) */
  pollMs?: number;
  /** called before every poll (the calendar refreshes its years here) */
  beforePoll?: (deps: AppDeps) => Promise<void>;
  onError?: (e: unknown) => void;
}

/**
 * The worker every server process runs: fires due timers now (so a timer that fell due while the
 * server was down fires at start), then polls. stop() waits for the firing in progress.
 */
export function startTimerWorker(deps: AppDeps, opts: TimerWorkerOptions = {}): { stop(): Promise<void>; poke(): void } {
  const pollMs = opts.pollMs ?? pollIntervals().timers;
  let stopped = false;
  let running: Promise<void> | null = null;
  let timer: NodeJS.Timeout | null = null;
  const onError = opts.onError ?? ((e) => console.error('定时任务执行失败', e));

  // poked from inside an action's tenant scope; claiming due timers is cross-government system work
  const tick = (): void => asSystem(() => {
    if (stopped || running) return;
    running = (async () => {
      try {
        await opts.beforePoll?.(deps);
        await runDueTimers(deps);
      } catch (e) {
        onError(e);
      } finally {
        running = null;
        if (!stopped) timer = setTimeout(tick, pollMs);
      }
    })();
  });
  tick();
  return {
    poke() {
      if (timer) clearTimeout(timer);
      timer = null;
      tick();
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
