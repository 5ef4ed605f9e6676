// What a running server process knows of its own health: event-loop delay, garbage-collection pauses,
// memory, the database pool and the time each route takes. Operators read it at
// GET /api/v1/platform/runtime (the 平台管理员); the open-loop day benchmark (bench/day.ts) reads it
// around each load step to explain its tails. Observations only: nothing here changes what a request does.
import { createHistogram, monitorEventLoopDelay, PerformanceObserver, performance, type IntervalHistogram, type RecordableHistogram } from 'node:perf_hooks';
import type { PoolStats } from '../../store/db.ts';

/** Percentiles of a histogram recorded in microseconds, in milliseconds. */
export interface Spread { count: number; p50Ms: number; p90Ms: number; p99Ms: number; maxMs: number; meanMs: number }

export interface RouteTiming extends Spread { route: string; totalMs: number; errors: number }

export interface RuntimeMetrics {
  /** when the current window began (process start or the last reset) */
  since: string;
  windowSeconds: number;
  uptimeSeconds: number;
  memory: { rssMb: number; rssMaxMb: number; heapUsedMb: number; heapTotalMb: number; externalMb: number; arrayBuffersMb: number };
  /** delay of the event loop sampled every 10 ms: how long a ready request waited for the process */
  eventLoop: { delay: Spread; utilization: number };
  gc: { pauses: Spread; totalMs: number; byKind: Record<string, { count: number; totalMs: number }> };
  database: { kind: string; pool: PoolStats | null };
  /** server time per route (from the request's arrival to its answer), slowest in total first */
  routes: RouteTiming[];
}

/** the event loop is sampled by a timer of this period; what it records beyond the period is delay */
const LOOP_SAMPLE_MS = 10;
const GC_KINDS: Record<number, string> = { 1: 'minor', 2: 'major', 4: 'incremental', 8: 'weakcb' };
const MB = 1024 * 1024;

function spread(h: RecordableHistogram | IntervalHistogram, unitMs: number, lessMs = 0): Spread {
  const n = h.count;
  const ms = (v: number) => (n ? Math.round(Math.max(0, v * unitMs - lessMs) * 100) / 100 : 0);
  return { count: n, p50Ms: ms(h.percentile(50)), p90Ms: ms(h.percentile(90)), p99Ms: ms(h.percentile(99)), maxMs: ms(h.max), meanMs: ms(Number.isFinite(h.mean) ? h.mean : 0) };
}

class RouteHistogram {
  readonly h = createHistogram();
  totalUs = 0;
  errors = 0;
}

export interface RuntimeMonitor {
  /** records the server time of one answered request */
  recordRequest(route: string, ms: number, failed: boolean): void;
  snapshot(pool: { kind: string; stats?: () => PoolStats }): RuntimeMetrics;
  /** when the current window began */
  windowStart(): Date;
  /** starts a new window (histograms emptied); the process's own counters (uptime, maximum RSS) go on */
  reset(): void;
  stop(): void;
}

/** Starts watching this process. One monitor per server; `stop` releases the observers. */
export function startRuntimeMonitor(): RuntimeMonitor {
  const loop = monitorEventLoopDelay({ resolution: LOOP_SAMPLE_MS });
  loop.enable();
  let gcPauses = createHistogram();
  let gcTotalMs = 0;
  let gcByKind: Record<string, { count: number; totalMs: number }> = {};
  const gc = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      const kind = GC_KINDS[(e as any).detail?.kind ?? 0] ?? 'other';
      gcPauses.record(Math.max(1, Math.round(e.duration * 1000)));
      gcTotalMs += e.duration;
      const k = (gcByKind[kind] ??= { count: 0, totalMs: 0 });
      k.count++;
      k.totalMs += e.duration;
    }
  });
  gc.observe({ entryTypes: ['gc'] });
  let routes = new Map<string, RouteHistogram>();
  let since = new Date();
  let elu = performance.eventLoopUtilization();
  return {
    recordRequest(route, ms, failed) {
      let r = routes.get(route);
      if (!r) routes.set(route, (r = new RouteHistogram()));
      const us = Math.max(1, Math.round(ms * 1000));
      r.h.record(us);
      r.totalUs += us;
      if (failed) r.errors++;
    },
    snapshot(db) {
      const m = process.memoryUsage();
      const timings: RouteTiming[] = [...routes].map(([route, r]) => ({ route, ...spread(r.h, 1 / 1000), totalMs: Math.round(r.totalUs / 1000), errors: r.errors }))
        .sort((a, b) => b.totalMs - a.totalMs);
      return {
        since: since.toISOString(),
        windowSeconds: Math.round((Date.now() - since.getTime()) / 100) / 10,
        uptimeSeconds: Math.round(process.uptime()),
        memory: {
          rssMb: Math.round(m.rss / MB), rssMaxMb: Math.round(process.resourceUsage().maxRSS / 1024), heapUsedMb: Math.round(m.heapUsed / MB),
          heapTotalMb: Math.round(m.heapTotal / MB), externalMb: Math.round(m.external / MB), arrayBuffersMb: Math.round(m.arrayBuffers / MB),
        },
        eventLoop: { delay: spread(loop, 1 / 1e6, LOOP_SAMPLE_MS), utilization: Math.round(performance.eventLoopUtilization(elu).utilization * 1000) / 1000 },
        gc: { pauses: spread(gcPauses, 1 / 1000), totalMs: Math.round(gcTotalMs), byKind: gcByKind },
        database: { kind: db.kind, pool: db.stats ? db.stats() : null },
        routes: timings,
      };
    },
    windowStart: () => since,
    reset() {
      loop.reset();
      gcPauses = createHistogram();
      gcTotalMs = 0;
      gcByKind = {};
      routes = new Map();
      since = new Date();
      elu = performance.eventLoopUtilization();
    },
    stop() {
      loop.disable();
      gc.disconnect();
    },
  };
}
