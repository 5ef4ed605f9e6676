import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../errors/index.ts';
import type { RateLimit, RateLimitName } from '../config.ts';
import type { Db } from '../store/db.ts';
import type { App, ServerContext } from './types.ts';

// Routes anyone can call without logging in and that do work (a 依申请公开 submission, a look-up by
// query code, a login attempt) are limited per client address: a route names its limit in its
// config (`config: { permission: 'public', rateLimit: 'public_submission' }`), the limits themselves
// are configuration (config.rateLimits). Over the limit the answer is 429 REQUEST.RATE_LIMITED with a
// Retry-After header, before the body is read. Counting is a fixed window per address and route
// limit; the server's clock decides when a window ends. On a PostgreSQL server the windows are one
// table shared by every node behind the load balancer (one upsert per limited request, see
// docs/deployment.md); the embedded database serves one process, whose memory keeps them.

declare module 'fastify' {
  interface FastifyContextConfig {
    /** a per-client-address limit of config.rateLimits that applies to this route */
    rateLimit?: RateLimitName;
  }
}

interface Window {
  start: number;
  count: number;
}

export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/** Counts a request against its window and says whether it may go on. */
export interface RateCounter {
  hit(key: string, limit: RateLimit): RateDecision | Promise<RateDecision>;
}

/** Fixed-window counters per key in this process; at most `maxKeys` windows are kept (expired ones go first). */
export class RateLimiter implements RateCounter {
  private readonly windows = new Map<string, Window>();

  constructor(private readonly now: () => number, private readonly maxKeys = 100_000) {}

  hit(key: string, limit: RateLimit): RateDecision {
    const now = this.now();
    const span = limit.windowSeconds * 1000;
    let w = this.windows.get(key);
    if (!w || now >= w.start + span || now < w.start) {
      if (w) this.windows.delete(key);
      else if (this.windows.size >= this.maxKeys) this.evict(now, span);
      w = { start: now, count: 0 };
      this.windows.set(key, w);
    }
    if (w.count >= limit.max) return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((w.start + span - now) / 1000)) };
    w.count++;
    return { allowed: true };
  }

  get size(): number {
    return this.windows.size;
  }

  private evict(now: number, span: number) {
    for (const [k, w] of this.windows) if (now >= w.start + span) this.windows.delete(k);
    // still full: drop the oldest windows (the map keeps insertion order)
    for (const k of this.windows.keys()) {
      if (this.windows.size < this.maxKeys) break;
      this.windows.delete(k);
    }
  }
}

// One statement: a window that has ended (or lies in the future of a clock set back) starts again at
// now with this request; otherwise the request is counted in it. Refused requests count too, which
// changes nothing: the decision is hits <= max.
const HIT_SQL = `
INSERT INTO rate_limit_windows AS w (key, window_start, hits, expires_at)
VALUES ($1, $2::timestamptz, 1, $2::timestamptz + $3::int * interval '1 second')
ON CONFLICT (key) DO UPDATE SET
  window_start = CASE WHEN $2::timestamptz >= w.expires_at OR $2::timestamptz < w.window_start THEN $2::timestamptz ELSE w.window_start END,
  expires_at = CASE WHEN $2::timestamptz >= w.expires_at OR $2::timestamptz < w.window_start THEN EXCLUDED.expires_at ELSE w.expires_at END,
  hits = CASE WHEN $2::timestamptz >= w.expires_at OR $2::timestamptz < w.window_start THEN 1 ELSE w.hits + 1 END
RETURNING hits, expires_at`;

/** How many limited requests pass between two clean-ups of ended windows (per process). */
const PRUNE_EVERY = 1000;

/** Fixed-window counters in the database, the same for every server node. */
export class SharedRateLimiter implements RateCounter {
  private sincePrune = 0;

  constructor(private readonly db: Db, private readonly now: () => Date) {}

  async hit(key: string, limit: RateLimit): Promise<RateDecision> {
    const now = this.now();
    if (++this.sincePrune >= PRUNE_EVERY) {
      this.sincePrune = 0;
      await this.db.query('DELETE FROM rate_limit_windows WHERE expires_at <= $1', [now]);
    }
    const { rows } = await this.db.query<{ hits: number; expires_at: Date }>(HIT_SQL, [key, now, limit.windowSeconds]);
    const w = rows[0];
    if (w.hits <= limit.max) return { allowed: true };
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((new Date(w.expires_at).getTime() - now.getTime()) / 1000)) };
  }
}

/** The counter a server uses: shared in PostgreSQL, in memory for the embedded single-process database. */
export function rateCounterFor(ctx: ServerContext): RateCounter {
  return ctx.deps.db.kind === 'postgres'
    ? new SharedRateLimiter(ctx.deps.db, () => ctx.deps.clock.now())
    : new RateLimiter(() => ctx.deps.clock.now().getTime());
}

/** Registers the per-address limit check; runs after authentication, before the body is parsed. */
export function registerRateLimit(app: App, ctx: ServerContext, limiter: RateCounter = rateCounterFor(ctx)): RateCounter {
  // a route naming a limit the configuration does not have cannot even be registered
  app.addHook('onRoute', (route) => {
    const name = route.config?.rateLimit;
    if (name && !ctx.config.rateLimits[name]) throw new Error(`路由 ${String(route.method)} ${route.url} 使用了未配置的限流名称 ${name}`);
  });
  app.addHook('onRequest', async (req: FastifyRequest, reply: FastifyReply) => {
    const name = req.routeOptions.config?.rateLimit;
    if (!name || req.is404) return;
    const limit = ctx.config.rateLimits[name];
    const d = await limiter.hit(`${name} ${req.ip}`, limit);
    if (d.allowed) return;
    reply.header('Retry-After', String(d.retryAfterSeconds));
    throw new AppError('REQUEST.RATE_LIMITED', {
      message: `请求过于频繁：同一地址每${limit.windowSeconds}秒最多${limit.max}次，请${d.retryAfterSeconds}秒后再试`,
      details: { limit: name, max: limit.max, windowSeconds: limit.windowSeconds, retryAfterSeconds: d.retryAfterSeconds },
    });
  });
  return limiter;
}
