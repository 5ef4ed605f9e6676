import { z } from 'zod';
import { auditStatus, verifyAudit } from '../../app/audit/chain.ts';
import { runQuery } from '../../app/context.ts';
import type { RouteModule } from '../types.ts';

const routes: RouteModule = (app, ctx) => {
  app.get('/audit/status', { config: { permission: 'audit.read' }, schema: { tags: ['审计'], summary: '审计链封存状态' } },
    async () => auditStatus(ctx.deps.db));

  app.get('/audit/verify', { config: { permission: 'audit.verify' }, schema: { tags: ['审计'], summary: '校验审计链' } },
    async () => verifyAudit(ctx.deps.db));

  app.get('/audit/records', {
    config: { permission: 'audit.read' },
    schema: {
      tags: ['审计'], summary: '对象的审计记录（全程留痕）',
      querystring: z.strictObject({
        objectType: z.string().min(1).max(64),
        objectId: z.string().min(1).max(128),
      }),
    },
  }, async (req) => runQuery(ctx.deps, async (tx) => {
    const { rows } = await tx.query(
      `SELECT seq, at, actor_name, action, article, ip, payload, chain_pos, hash FROM audit_records
        WHERE tenant_id = $1 AND object_type = $2 AND object_id = $3 ORDER BY seq`,
      [req.actor.tenantId, req.query.objectType, req.query.objectId]);
    return { records: rows };
  }));
};
export default routes;
