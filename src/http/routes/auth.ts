import { z } from 'zod';
import { login, logout } from '../../app/auth/sessions.ts';
import { changePassword, passwordStatus } from '../../app/auth/accounts.ts';
import { can, ROLES } from '../../app/auth/roles.ts';
import { governmentOf } from '../../app/tenancy/governments.ts';
import { SESSION_COOKIE } from '../server.ts';
import type { RouteModule } from '../types.ts';

const routes: RouteModule = (app, ctx) => {
  // every permission a route declares, collected once the routes are all registered (first /auth/me)
  let declared: string[] | null = null;
  const declaredPermissions = () => (declared ??= [...new Set(app.routeTable.map((r) => r.permission))]
    .filter((p) => p !== 'public' && p !== 'authenticated').sort());
  app.post('/auth/login', {
    config: { permission: 'public', rateLimit: 'login' },
    schema: {
      tags: ['认证'], summary: '登录',
      body: z.strictObject({
        login: z.string().min(1).max(64),
        password: z.string().min(1).max(256),
        /** the government the account belongs to (GET /public/governments); the deployment's default otherwise */
        government: z.string().regex(/^[a-z][a-z0-9-]{1,31}$/).optional(),
      }),
    },
  }, async (req, reply) => {
    const r = await login(ctx.deps, ctx.config, {
      tenantId: req.body.government ?? ctx.config.tenant, login: req.body.login, password: req.body.password, ip: req.ip,
    });
    reply.setCookie(SESSION_COOKIE, r.token, {
      httpOnly: true, sameSite: 'lax', path: '/', secure: ctx.config.secureCookie,
      maxAge: ctx.config.sessionMaxHours * 3600,
    });
    return { user: r.user, expiresAt: r.expiresAt.toISOString(), password: passwordStatus(r.user, ctx.deps.clock.now(), ctx.config) };
  });

  app.post('/auth/logout', { config: { permission: 'authenticated', beforePasswordChange: true }, schema: { tags: ['认证'], summary: '退出登录' } }, async (req, reply) => {
    const token = req.cookies[SESSION_COOKIE];
    if (token) await logout(ctx.deps, req.actor, token);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return { ok: true };
  });

  app.get('/auth/me', { config: { permission: 'authenticated', beforePasswordChange: true }, schema: { tags: ['认证'], summary: '当前用户' } }, async (req) => {
    const u = req.user!;
    const g = await governmentOf(ctx.deps, u.tenantId);
    return {
      ...u, roleLabels: u.roles.map((r) => ROLES[r]?.label ?? r),
      // what the roles grant (patterns such as documents.*), so that the UI shows only what answers
      permissions: [...new Set(u.roles.flatMap((r) => ROLES[r]?.permissions ?? []))].sort(),
      // the permissions routes declare that this user holds, decided by the same rule as every request
      // (can): the UI asks this list, never re-implements the rule
      granted: declaredPermissions().filter((p) => can(u.roles, p)),
      government: g ? { id: g.id, name: g.name, shortName: g.shortName, level: g.level } : null,
      // 8.1.4.1 a: expiry and its warning, the change required at first sign-in
      password: passwordStatus(u, ctx.deps.clock.now(), ctx.config),
    };
  });

  app.post('/auth/password', {
    config: { permission: 'authenticated', beforePasswordChange: true },
    schema: {
      tags: ['认证'], summary: '修改自己的口令（口令策略：长度、字符种类、不含登录名、非常见口令、不重复最近五次）',
      body: z.strictObject({ current: z.string().min(1).max(256), next: z.string().min(1).max(128) }),
    },
  }, async (req) => changePassword(ctx.deps, req.actor, ctx.config, req.body));
};
export default routes;
