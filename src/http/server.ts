import Fastify from 'fastify';
import cookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { AppError } from '../errors/index.ts';
import { can } from '../app/auth/roles.ts';
import { resolveSession } from '../app/auth/sessions.ts';
import { passwordState } from '../domain/accounts/index.ts';
import type { Actor } from '../app/context.ts';
import { knowTenant, tenantOfHost } from '../app/tenancy/registry.ts';
import { withTenant } from '../store/scope.ts';
import { databaseUnavailable } from '../store/db.ts';
import { errorHandler, toErrorBody } from './errors.ts';
import { routeModules } from './routes/index.ts';
import { startRuntimeMonitor } from '../app/ops/metrics.ts';
import { idempotencyHooks } from './idempotency.ts';
import type { App, ServerContext } from './types.ts';

export const SESSION_COOKIE = 'zt_session';
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const WEB_DIST = join(ROOT, 'web', 'dist');

/** Every API route with the permission it declares (the access-matrix test walks it). */
export interface RouteInfo {
  method: string;
  url: string;
  permission: string;
}

function hasNul(v: unknown, depth = 0): boolean {
  if (typeof v === 'string') return v.includes('\u0000');
  if (!v || typeof v !== 'object' || depth > 32) return false;
  for (const [k, x] of Object.entries(v)) if (k.includes('\u0000') || hasNul(x, depth + 1)) return true;
  return false;
}

// ---- web hygiene (GB/T 22239-2019 8.1.4.4 入侵防范, 8.1.4.5 恶意代码防范 for the web client) ----

/**
 * The page may run only its own scripts (the vite build has no inline script); antd writes its
 * component styles into <style> elements at run time, hence 'unsafe-inline' for styles alone.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'", "script-src 'self'", "style-src 'self' 'unsafe-inline'", "img-src 'self' data: blob:",
  "font-src 'self' data:", "connect-src 'self'", "frame-ancestors 'none'", "object-src 'none'", "base-uri 'self'",
  "form-action 'self'",
].join('; ');

/** Liveness and readiness, asked by the load balancer and the supervisor. */
const PROBES = new Set(['/healthz', '/readyz']);
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** What a write may carry: JSON, and the upload types of the file routes. A form post (urlencoded, text/plain) is not one. */
const WRITE_MEDIA_TYPES = new Set(['application/json', 'multipart/form-data', 'application/octet-stream']);

function originOf(v: string | undefined): string | null {
  if (!v) return null;
  try { return new URL(v).origin; } catch { return 'null'; }
}

/**
 * CSRF: a write carrying the session cookie must come from this system's own pages. A browser says
 * where a request comes from (Origin, or Referer where it sends no Origin, and Sec-Fetch-Site); a
 * request that says nothing of the kind is not a browser's (curl, a script) and cannot ride on a
 * victim's cookie, so it passes.
 */
export function crossSiteRefusal(
  headers: Record<string, string | string[] | undefined>, publicOrigins: readonly string[],
): string | null {
  const one = (k: string) => { const v = headers[k]; return Array.isArray(v) ? v[0] : v; };
  if (one('sec-fetch-site') === 'cross-site') return 'Sec-Fetch-Site: cross-site';
  const origin = originOf(one('origin')) ?? originOf(one('referer'));
  if (!origin) return null;
  const host = one('host');
  if (origin !== 'null' && host && new URL(origin).host === host) return null;
  if (publicOrigins.includes(origin)) return null;
  return `来源 ${origin}`;
}

export interface BuildOptions {
  logger?: boolean;
  /** serve the built web UI (default: when web/dist exists) */
  serveWeb?: boolean;
}

export async function buildServer(ctx: ServerContext, opts: BuildOptions = {}): Promise<App> {
  const app = Fastify({
    logger: opts.logger ? { level: 'info' } : false,
    bodyLimit: ctx.config.bodyLimitBytes,
    // behind nginx the client's address is the one the trusted proxy forwards (per-address limits, audit)
    trustProxy: ctx.config.trustProxy.length ? ctx.config.trustProxy : false,
    ajv: { customOptions: { removeAdditional: false } },
    // errors raised by the router itself (an over-long or malformed path parameter) get the same shape
    frameworkErrors: (err, _req, reply) => {
      const notFound = err.code === 'FST_ERR_MAX_PARAM_LENGTH' || err.code === 'FST_ERR_BAD_URL';
      const e = new AppError(notFound ? 'REQUEST.NOT_FOUND' : 'REQUEST.VALIDATION');
      void (reply as any).status(e.status).send(toErrorBody(e));
    },
  }).withTypeProvider() as unknown as App;

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);
  app.decorateRequest('actor', null as unknown as Actor);
  app.decorateRequest('user', null);

  await app.register(cookie);
  await app.register(swagger, {
    openapi: {
      info: { title: '政通 API', version: '1.0.0', description: '《武威市人民政府工作规则》(武政发〔2023〕19号) 的执行平台' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE } } },
      security: [{ session: [] }],
    },
    transform: jsonSchemaTransform,
  });

  // Deny by default: an API route without a declared permission cannot even be registered.
  const routeTable: RouteInfo[] = [];
  app.decorate('routeTable', routeTable);
  const monitor = startRuntimeMonitor();
  app.decorate('runtimeMonitor', monitor);
  app.addHook('onClose', async () => monitor.stop());
  app.addHook('onResponse', async (req, reply) => {
    monitor.recordRequest(`${req.method} ${req.routeOptions.url ?? '(unmatched)'}`, reply.elapsedTime, reply.statusCode >= 500);
  });
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/')) return;
    if (!route.config?.permission) throw new Error(`路由 ${route.method} ${route.url} 未声明权限`);
    for (const method of [route.method].flat()) {
      if (method !== 'HEAD') routeTable.push({ method, url: route.url, permission: route.config.permission });
    }
    // Tenant isolation, in one place: every handler runs in the tenant scope of the request's
    // government, so each of its transactions sees and writes only that government's rows.
    const handler = route.handler;
    route.handler = function scoped(this: unknown, req: any, reply: any) {
      return withTenant(req.actor.tenantId, () => (handler as any).call(this, req, reply));
    };
  });

  // Cross-site writes are refused before anything else is looked at, and writes carry JSON (or a file).
  app.addHook('onRequest', async (req) => {
    if (SAFE_METHODS.has(req.method)) return;
    if (req.cookies[SESSION_COOKIE]) {
      const why = crossSiteRefusal(req.headers, ctx.config.publicOrigins);
      if (why) throw new AppError('REQUEST.CROSS_SITE', { details: { reason: why } });
    }
    const hasBody = Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] != null;
    const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
    if (hasBody && !WRITE_MEDIA_TYPES.has(type)) throw new AppError('REQUEST.UNSUPPORTED_MEDIA');
  });

  // Authentication and the permission check run before the body is even parsed: an anonymous or
  // unauthorised caller learns nothing about the route's input.
  app.addHook('onRequest', async (req) => {
    // the probes of a load balancer are nobody's and must answer while the database is away
    if (PROBES.has(req.url)) return;
    // the public's government is the one whose portal host this is (the configured one otherwise)
    const publicTenant = await tenantOfHost(ctx.deps.db, req.hostname) ?? ctx.config.tenant;
    req.actor = { tenantId: publicTenant, userId: null, personId: null, name: '公众', roles: [], ip: req.ip };
    let expired = false;
    const token = req.cookies[SESSION_COOKIE];
    if (token) {
      const s = await resolveSession(ctx.deps, ctx.config, token);
      if (s === 'expired') expired = true;
      else if (s) {
        req.user = s;
        req.actor = { tenantId: s.tenantId, userId: s.userId, personId: s.personId, name: s.displayName, roles: s.roles, ip: req.ip };
      }
    }
    await knowTenant(ctx.deps.db, req.actor.tenantId);
    if (!req.url.startsWith('/api/') || req.is404) return;
    const permission = req.routeOptions.config?.permission;
    if (!permission) throw new AppError('AUTH.FORBIDDEN');
    if (permission === 'public') return;
    if (!req.user) throw new AppError(expired ? 'AUTH.SESSION_EXPIRED' : 'AUTH.UNAUTHENTICATED');
    // 8.1.4.1 a: an initial, reset or expired password is changed before anything else is done
    if (!ctx.config.demoSkipPasswordChange && !req.routeOptions.config?.beforePasswordChange) {
      const pw = passwordState(req.user, ctx.deps.clock.now(), ctx.config.passwordPolicy);
      if (pw.state === 'change_required') throw new AppError('AUTH.PASSWORD_CHANGE_REQUIRED', { details: { reason: pw.reason } });
    }
    if (!can(req.user.roles, permission)) throw new AppError('AUTH.FORBIDDEN', { details: { permission } });
  });

  // PostgreSQL text cannot hold NUL; refuse it at the edge for every route, whatever its schema says.
  app.addHook('preValidation', async (req) => {
    if (hasNul(req.params) || hasNul(req.query) || hasNul(req.body)) {
      throw new AppError('REQUEST.VALIDATION', { message: '输入包含不允许的控制字符（NUL）' });
    }
  });

  const idem = idempotencyHooks(ctx);
  app.addHook('preHandler', idem.preHandler);
  app.addHook('onSend', idem.onSend);
  (await import('./rate-limit.ts')).registerRateLimit(app, ctx);

  // Every response, API and web alike: no sniffing, no framing, no referrer to other sites, only our own
  // scripts; HSTS where the deployment is served over HTTPS (the secure cookie says it is). API answers
  // carry personal data: no cache keeps them. No header names the server or its version.
  app.addHook('onSend', async (req, reply, payload) => {
    reply.header('X-Content-Type-Options', 'nosniff');
    reply.header('X-Frame-Options', 'DENY');
    reply.header('Referrer-Policy', 'same-origin');
    reply.header('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    if (ctx.config.secureCookie) reply.header('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
    if (req.url.startsWith('/api/')) reply.header('Cache-Control', 'no-store');
    reply.removeHeader('X-Powered-By');
    reply.removeHeader('Server');
    return payload;
  });

  // Liveness: the process answers (a load balancer or supervisor restarts it when it does not).
  app.get('/healthz', { config: { permission: 'public' }, schema: { hide: true } }, async () => ({ status: 'ok', database: ctx.deps.db.kind }));
  // Readiness: the database is reachable and takes writes (a primary, not a standby or a read-only
  // session); 503 STORE.UNAVAILABLE with Retry-After otherwise, so that no request is sent here meanwhile.
  app.get('/readyz', { config: { permission: 'public' }, schema: { hide: true } }, async () => {
    const writable = await ctx.deps.db.transaction((tx) => tx.query<{ standby: boolean; ro: string }>(
      `SELECT pg_is_in_recovery() AS standby, current_setting('transaction_read_only') AS ro`)).then((r) => r.rows[0], (e) => {
      throw databaseUnavailable(e) ? e : Object.assign(new Error((e as Error).message), { databaseUnavailable: true });
    });
    if (writable.standby || writable.ro === 'on') throw new AppError('STORE.UNAVAILABLE', { details: { reason: writable.standby ? 'standby' : 'read_only' } });
    return { status: 'ready', database: ctx.deps.db.kind };
  });

  for (const mod of routeModules) {
    await app.register(async (scoped) => { await mod(scoped as App, ctx); }, { prefix: '/api/v1' });
  }

  const serveWeb = opts.serveWeb ?? existsSync(join(WEB_DIST, 'index.html'));
  if (serveWeb) {
    await app.register(fastifyStatic, { root: WEB_DIST, prefix: '/', wildcard: false });
  }
  app.setNotFoundHandler((req, reply) => {
    if (req.url.startsWith('/api/') || !serveWeb || req.method !== 'GET') {
      return reply.status(404).send(toErrorBody(new AppError('REQUEST.NOT_FOUND')));
    }
    return reply.type('text/html').sendFile('index.html');
  });

  return app;
}
