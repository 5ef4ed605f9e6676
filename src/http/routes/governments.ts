import { z } from 'zod';
import { parseDemoOrg } from '../../app/org/demo.ts';
import { shanghaiDate } from '../../app/org/usecases.ts';
import {
  createGovernment, governmentOf, listGovernments, resumeGovernment, suspendGovernment, type Government,
} from '../../app/tenancy/governments.ts';
import { AppError } from '../../errors/index.ts';
import type { RouteModule } from '../types.ts';

const tenantId = z.string().regex(/^[a-z][a-z0-9-]{1,31}$/, '政府编号为小写字母开头的字母、数字或连字符（2–32位）');
const governmentBody = z.strictObject({
  id: tenantId,
  name: z.string().min(2).max(64),
  shortName: z.string().min(1).max(32).optional(),
  level: z.enum(['province', 'city', 'county']),
  parentId: tenantId.nullable().optional(),
  packId: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/),
  portalHost: z.string().regex(/^[a-z0-9.-]{1,253}$/i).nullable().optional(),
  /** the organisation file (YAML, the format of demo/wuwei/org.yaml) */
  orgYaml: z.string().min(1).max(2_000_000),
  logins: z.array(z.strictObject({
    login: z.string().regex(/^[a-z][a-z0-9-]{1,63}$/),
    password: z.string().min(8).max(256),
    displayName: z.string().min(1).max(64),
    personId: z.string().max(64).nullable(),
    roles: z.array(z.string().max(64)).min(1).max(16),
  })).max(500).optional(),
});

/** What anyone may know of a government: enough to choose it at sign-in. */
const publicView = (g: Government) => ({ id: g.id, name: g.name, shortName: g.shortName, level: g.level, parentId: g.parentId });

const routes: RouteModule = (app, ctx) => {
  app.get('/public/governments', {
    config: { permission: 'public' },
    schema: { tags: ['政府'], summary: '本平台上的政府（登录时选择）' },
  }, async () => ({
    items: (await listGovernments(ctx.deps)).filter((g) => !g.suspendedAt).map(publicView), default: ctx.config.tenant,
    // the sign-in page says when the demo lets its shared passwords be used without the change at first sign-in
    demoSkipPasswordChange: ctx.config.demoSkipPasswordChange,
  }));

  app.get('/governments/mine', {
    config: { permission: 'authenticated' },
    schema: { tags: ['政府'], summary: '当前用户所在的政府' },
  }, async (req) => {
    const g = await governmentOf(ctx.deps, req.actor.tenantId);
    if (!g) throw new AppError('TENANT.NOT_FOUND');
    return { ...publicView(g), packId: g.packId };
  });

  app.get('/platform/governments', {
    config: { permission: 'platform.governments' },
    schema: { tags: ['平台管理'], summary: '列出政府' },
  }, async () => ({ items: await listGovernments(ctx.deps) }));

  app.post('/platform/governments', {
    config: { permission: 'platform.governments' },
    schema: { tags: ['平台管理'], summary: '由规则包和组织机构文件创建一个政府', body: governmentBody },
  }, async (req, reply) => {
    const { orgYaml, ...rest } = req.body;
    const org = parseDemoOrg(orgYaml, shanghaiDate(ctx.deps.clock.now()), 'orgYaml');
    const g = await createGovernment(ctx.deps, req.actor, { ...rest, org });
    return reply.status(201).send(g);
  });

  app.post('/platform/governments/:id/suspend', {
    config: { permission: 'platform.governments' },
    schema: { tags: ['平台管理'], summary: '停用一个政府', params: z.strictObject({ id: tenantId }), body: z.strictObject({ reason: z.string().min(2).max(500) }) },
  }, async (req) => suspendGovernment(ctx.deps, req.actor, req.params.id, req.body.reason));

  app.post('/platform/governments/:id/resume', {
    config: { permission: 'platform.governments' },
    schema: { tags: ['平台管理'], summary: '恢复一个已停用的政府', params: z.strictObject({ id: tenantId }) },
  }, async (req) => resumeGovernment(ctx.deps, req.actor, req.params.id));
};
export default routes;
