import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../errors/index.ts';
import type { RateLimit, RateLimitName } from '../config.ts';
import type { App, ServerContext } from './types.ts';

// Routes anyone can call without logging in and that do work (a 依申请公开 submission, a look-up by
// query code, a login attempt) are limited per client address: a route names its limit in its
// config (`config: { permission: 'public', rateLimit: 'public_submission' }`), the limits themselves
// are configuration (config.rateLimits). Over the limit the answer is 429 REQUEST.RATE_LIMITED with a
// Retry-After header, before the body is read. Counting is a fixed window per address and route
// limit, kept in memory by each server process; the server's clock decides when a window ends.

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

/** Fixed-window counters per key; at most `maxKeys` windows are kept (expired ones go first). */
export class RateLimiter {
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

/** Registers the per-address limit check; runs after authentication, before the body is parsed. */
export function registerRateLimit(app: App, ctx: ServerContext, limiter = new RateLimiter(() => ctx.deps.clock.now().getTime())): RateLimiter {
  // a route naming a limit the configuration does not have cannot even be registered
  app.addHook('onRoute', (route) => {
    const name = route.config?.rateLimit;
    if (name && !ctx.config.rateLimits[name]) throw new Error(`路由 ${String(route.method)} ${route.url} 使用了未配置的限流名称 ${name}`);
  });
  app.addHook('onRequest', async (req: FastifyRequest, reply: FastifyReply) => {
    const name = req.routeOptions.config?.rateLimit;
    if (!name || req.is404) return;
    const limit = ctx.config.rateLimits[name];
    const d = limiter.hit(`${name} ${req.ip}`, limit);
    if (d.allowed) return;
    reply.header('Retry-After', String(d.retryAfterSeconds));
    throw new AppError('REQUEST.RATE_LIMITED', {
      message: `请求过于频繁：同一地址每${limit.windowSeconds}秒最多${limit.max}次，请${d.retryAfterSeconds}秒后再试`,
      details: { limit: name, max: limit.max, windowSeconds: limit.windowSeconds, retryAfterSeconds: d.retryAfterSeconds },
    });
  });
  return limiter;
}
