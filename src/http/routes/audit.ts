import { PassThrough } from 'node:stream';
import { z } from 'zod';
import { can } from '../../app/auth/roles.ts';
import { auditStatus, verifyAudit, type VerifyResult } from '../../app/audit/chain.ts';
import { exportAudit, MAX_PAGE_SIZE, objectTrail, searchAudit, type AuditReader } from '../../app/audit/search.ts';
import type { Actor } from '../../app/context.ts';
import { asSystem } from '../../store/scope.ts';
import type { RouteModule } from '../types.ts';

const tags = ['审计'];

/** 审计管理 (GB/T 22239-2019 8.1.10.3): the administrators' actions only with audit.review. */
const readerOf = (actor: Actor): AuditReader => ({ tenantId: actor.tenantId, review: can(actor.roles, 'audit.review') });

const when = z.string().regex(/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})?)?$/, '应为日期（2026-03-02）或 ISO 8601 时间');
const filters = {
  person: z.string().min(1).max(100).optional(),
  action: z.string().min(1).max(100).optional(),
  objectType: z.string().min(1).max(64).optional(),
  objectId: z.string().min(1).max(128).optional(),
  article: z.coerce.number().int().min(1).max(999).optional(),
  from: when.optional(),
  to: when.optional(),
};

/**
 * The chain spans every government on the deployment, so it is verified as a whole; a broken record of
 * another government is reported by its place in the chain only, not by its content.
 */
function verifyReport(r: VerifyResult, tenantId: string) {
  if (r.ok || r.broken.tenantId === tenantId) return r;
  const { broken, ...rest } = r;
  return { ...rest, broken: { chainPos: broken.chainPos, seq: broken.seq, at: broken.at, otherGovernment: true } };
}

const routes: RouteModule = (app, ctx) => {
  app.get('/audit/status', { config: { permission: 'audit.read' }, schema: { tags, summary: '审计链封存状态' } },
    async () => auditStatus(ctx.deps.db));

  app.get('/audit/verify', {
    config: { permission: 'audit.verify' },
    schema: { tags, summary: '校验审计链：指出第一条被破坏的记录（位置、时间、未通过的校验）' },
  }, async (req) => verifyReport(await asSystem(() => verifyAudit(ctx.deps.db)), req.actor.tenantId));

  app.get('/audit/records', {
    config: { permission: 'audit.read' },
    schema: {
      tags, summary: '对象的审计记录（全程留痕）',
      querystring: z.strictObject({
        objectType: z.string().min(1).max(64),
        objectId: z.string().min(1).max(128),
      }),
    },
  }, async (req) => ({ records: await objectTrail(ctx.deps, readerOf(req.actor), req.query.objectType, req.query.objectId) }));

  app.get('/audit/search', {
    config: { permission: 'audit.read' },
    schema: {
      tags, summary: '检索审计记录：按人员、操作、对象、依据条款、时间（安全审计，新的在前）',
      querystring: z.strictObject({
        ...filters,
        page: z.coerce.number().int().min(1).max(100_000).default(1),
        pageSize: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(50),
      }),
    },
  }, async (req) => {
    const { page, pageSize, ...f } = req.query;
    return searchAudit(ctx.deps, readerOf(req.actor), f, { page, pageSize });
  });

  app.get('/audit/export.xlsx', {
    config: { permission: 'audit.export' },
    schema: { tags, summary: '导出审计记录（Excel；导出本身记入审计）', querystring: z.strictObject(filters) },
  }, async (req, reply) => {
    const exp = await exportAudit(ctx.deps, req.actor, readerOf(req.actor), req.query);
    const out = new PassThrough();
    exp.write(out).catch((e) => out.destroy(e));
    const day = ctx.deps.clock.now().toISOString().slice(0, 10);
    reply.header('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    reply.header('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(`审计记录-${day}.xlsx`)}`);
    return reply.send(out);
  });
};
export default routes;
