import { z } from 'zod';
import { staffSearch } from '../../app/search/staff.ts';
import type { RouteModule } from '../types.ts';

// Staff search: published items, the internal entries staff may see (disclosure requests …) and the
// documents the caller may see under the documents context's rule.
const routes: RouteModule = (app, ctx) => {
  app.get('/search', {
    config: { permission: 'search.staff' },
    schema: {
      tags: ['检索'], summary: '全文检索（工作人员；相关度或最新排序；命中逾 1 万条时计数封顶，totalCapped）',
      querystring: z.strictObject({
        q: z.string().max(400), kind: z.string().max(40).optional(), issuer: z.string().max(100).optional(),
        year: z.coerce.number().int().min(1949).max(2999).optional(), status: z.string().max(20).optional(),
        sort: z.enum(['relevance', 'newest']).optional(),
        page: z.coerce.number().int().min(1).max(500).optional(),
      }),
    },
  }, async (req) => {
    const { page, ...q } = req.query;
    return staffSearch(ctx.deps, req.actor, { ...q, limit: 20, offset: ((page ?? 1) - 1) * 20 });
  });
};
export default routes;
