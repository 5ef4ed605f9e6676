import type { FastifyBaseLogger, FastifyInstance, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Actor, AppDeps } from '../app/context.ts';
import type { Config } from '../config.ts';
import type { SessionUser } from '../app/auth/sessions.ts';
import type { RuntimeMonitor } from '../app/ops/metrics.ts';

/** The Fastify instance with zod schemas: route modules receive this. */
export type App = FastifyInstance<RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, FastifyBaseLogger, ZodTypeProvider>;

export interface ServerContext {
  deps: AppDeps;
  config: Config;
}

/** A route module: `export default function routes(app, ctx) { app.get(url, {config: {permission}}, …) }` */
export type RouteModule = (app: App, ctx: ServerContext) => void | Promise<void>;

declare module 'fastify' {
  interface FastifyInstance {
    routeTable: { method: string; url: string; permission: string }[];
    /** this process's event-loop, GC, memory, pool and per-route timings (GET /platform/runtime) */
    runtimeMonitor: RuntimeMonitor;
  }
  interface FastifyContextConfig {
    /** the permission the route needs: 'documents.register', 'authenticated' (any login) or 'public' */
    permission?: string;
    /** the route answers while the caller's password is to be changed (auth/me, the change itself, logout) */
    beforePasswordChange?: boolean;
  }
  interface FastifyRequest {
    actor: Actor;
    user: SessionUser | null;
  }
}
