// Outbox workers: every server process runs a poll loop per outbox (公文交换 packages, notification
// deliveries) that hands due rows one at a time to `deliverOne`, which claims its row with FOR UPDATE
// SKIP LOCKED — another process skips it — and settles it in the same transaction, so processes share the
// rows and none is handled twice. Delivery crosses governments: the loop runs outside any tenant scope.
// The timers (timers.ts) are the same pattern with a registry of handlers and a poke.
import { asSystem } from '../store/scope.ts';

/** Handles due rows one by one until none is due (`deliverOne` answers null) or `limit` are done. */
export async function drainOutbox<T>(deliverOne: () => Promise<T | null>, limit = 500): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < limit; i++) {
    const r = await deliverOne();
    if (r === null || r === undefined) break;
    out.push(r);
  }
  return out;
}

export interface OutboxWorkerOptions<T> {
  /** what the process log says when a round fails (it is tried again at the next poll) */
  failureLabel: string;
  pollMs: number;
  deliverOne: () => Promise<T | null>;
}

/** Drains the outbox now and then every `pollMs`; stop() waits for the round in progress. */
export function startOutboxWorker<T>(o: OutboxWorkerOptions<T>): { stop(): Promise<void> } {
  let stopped = false;
  let running: Promise<unknown> = Promise.resolve();
  const tick = () => asSystem(() => {
    running = running.then(() => (stopped ? [] : drainOutbox(o.deliverOne))).catch((e) => console.error(o.failureLabel, e));
  });
  const timer = setInterval(() => { if (!stopped) tick(); }, o.pollMs);
  timer.unref?.();
  tick();
  return { async stop() { stopped = true; clearInterval(timer); await running; } };
}
