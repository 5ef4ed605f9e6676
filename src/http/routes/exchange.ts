import { z } from 'zod';
import { getInboxPackage, listInbox, signForPackage } from '../../app/exchange/inbox.ts';
import { listOutbox } from '../../app/exchange/outbox.ts';
import { runQuery } from '../../app/context.ts';
import type { RouteModule } from '../types.ts';

const packageId = z.string().regex(/^pkg-[0-9a-f-]{36}$/, '交换包编号格式不正确');

const routes: RouteModule = (app, ctx) => {
  app.get('/exchange/inbox', {
    config: { permission: 'documents.register' },
    schema: {
      tags: ['公文交换'], summary: '签收队列：其他政府经公文交换发来的公文',
      querystring: z.strictObject({ state: z.enum(['pending', 'signed', 'refused']).optional(), limit: z.coerce.number().int().min(1).max(500).optional() }),
    },
  }, async (req) => listInbox(ctx.deps, req.actor, req.query));

  app.get('/exchange/inbox/:packageId', {
    config: { permission: 'documents.register' },
    schema: { tags: ['公文交换'], summary: '交换包详情（元数据、版式文件与附件、SM3 校验结果）', params: z.strictObject({ packageId }) },
  }, async (req) => getInboxPackage(ctx.deps, req.actor, req.params.packageId));

  app.post('/exchange/inbox/:packageId/sign', {
    config: { permission: 'documents.register' },
    schema: {
      tags: ['公文交换'], summary: '签收：建立收文并向发文机关发出签收回执',
      params: z.strictObject({ packageId }),
      body: z.strictObject({ submitterUnitId: z.string().max(64).nullable().optional() }).optional(),
    },
  }, async (req, reply) => reply.status(201).send(await signForPackage(ctx.deps, req.actor, req.params.packageId, req.body ?? {})));

  app.get('/exchange/outbox', {
    config: { permission: 'documents.read' },
    schema: {
      tags: ['公文交换'], summary: '经公文交换发出的公文及其状态（待送达/已送达/已签收/退文/拒收）',
      querystring: z.strictObject({ limit: z.coerce.number().int().min(1).max(500).optional() }),
    },
  }, async (req) => ({ items: await runQuery(ctx.deps, (tx) => listOutbox(tx, req.actor.tenantId, req.query.limit)) }));
};
export default routes;
