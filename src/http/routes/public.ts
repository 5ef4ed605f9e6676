import { z } from 'zod';
import { browse, facets, item, portalHome } from '../../app/openness/portal.ts';
import { queryRequest, submitRequest, submitRequestInput } from '../../app/openness/requests.ts';
import { search } from '../../app/search/search.ts';
import { heavyRead, runQuery } from '../../app/context.ts';
import type { RouteModule } from '../types.ts';

// The public portal (no login). Every route reads published_items / public search entries only, or the
// caller's own disclosure request through its query code (第三十七条–第四十一条).
const tags = ['政务公开门户'];
const id = z.strictObject({ id: z.string().min(1).max(64) });
const year = z.coerce.number().int().min(1949).max(2999).optional();
const short = z.string().max(100).optional();

const routes: RouteModule = (app, ctx) => {
  const pub = { permission: 'public' } as const;

  app.get('/public/portal', { config: pub, schema: { tags, summary: '门户首页：最新文件、会议决定、政策、解读、突发事件发布' } },
    async (req) => portalHome(ctx.deps, req.actor.tenantId));

  app.get('/public/facets', { config: pub, schema: { tags, summary: '按年份、发文机关、文种、类别（第三十八条）浏览' } },
    async (req) => facets(ctx.deps, req.actor.tenantId));

  app.get('/public/items', {
    config: pub,
    schema: {
      tags, summary: '已公开信息列表',
      querystring: z.strictObject({
        kind: z.enum(['document', 'meeting_decision', 'policy', 'interpretation', 'emergency']).optional(),
        year, issuer: short, docType: short, category: short,
        status: z.enum(['in_force', 'amended', 'repealed']).optional(),
        page: z.coerce.number().int().min(1).max(10_000).optional(),
        pageSize: z.coerce.number().int().min(1).max(100).optional(),
      }),
    },
  }, async (req) => browse(ctx.deps, req.actor.tenantId, req.query));

  app.get('/public/items/:id', { config: pub, schema: { tags, summary: '已公开信息详情（含解读、废止关系）', params: id } },
    async (req) => item(ctx.deps, req.actor.tenantId, req.params.id));

  app.get('/public/search', {
    config: pub,
    schema: {
      tags, summary: '全文检索（仅已公开信息；相关度或最新排序；命中逾 1 万条时计数封顶，totalCapped）',
      querystring: z.strictObject({
        q: z.string().max(400), kind: short, issuer: short, year,
        status: z.enum(['in_force', 'amended', 'repealed']).optional(),
        sort: z.enum(['relevance', 'newest']).optional(),
        page: z.coerce.number().int().min(1).max(500).optional(),
      }),
    },
  }, async (req) => {
    const { page, ...q } = req.query;
    return heavyRead(ctx.deps, () => runQuery(ctx.deps, (tx) => search(tx, req.actor.tenantId, { scope: 'public' }, { ...q, limit: 20, offset: ((page ?? 1) - 1) * 20 })));
  });

  app.post('/public/requests', { config: { ...pub, rateLimit: 'public_submission' }, schema: { tags, summary: '提交政府信息公开申请（回执含受理编号和查询码）', body: submitRequestInput } },
    async (req, reply) => { reply.status(201); return submitRequest(ctx.deps, req.actor, req.body); });

  app.post('/public/requests/query', {
    config: { ...pub, rateLimit: 'public_lookup' },
    schema: { tags, summary: '凭受理编号和查询码查询申请办理情况', body: z.strictObject({ receiptNo: z.string().min(1).max(40), code: z.string().min(1).max(40) }) },
  }, async (req) => queryRequest(ctx.deps, req.actor.tenantId, req.body.receiptNo, req.body.code));
};
export default routes;
