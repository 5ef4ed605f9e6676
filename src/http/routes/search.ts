import { z } from 'zod';
import { runQuery } from '../../app/context.ts';
import { search } from '../../app/search/search.ts';
import type { RouteModule } from '../types.ts';

// Staff search: published items and the internal entries staff may see (disclosure requests …).
const routes: RouteModule = (app, ctx) => {
  app.get('/search', {
    config: { permission: 'search.staff' },
    schema: {
      tags: ['检索'], summary: '全文检索（工作人员）',
      querystring: z.strictObject({
        q: z.string().max(400), kind: z.string().max(40).optional(), issuer: z.string().max(100).optional(),
        year: z.coerce.number().int().min(1949).max(2999).optional(), status: z.string().max(20).optional(),
        page: z.coerce.number().int().min(1).max(500).optional(),
      }),
    },
  }, async (req) => {
    const { page, ...q } = req.query;
    // The office handles requests and sees every entry; other staff see published entries and their own unit's.
    const all = req.actor.roles.some((r) => ['admin', 'office_clerk', 'office_secretary', 'system'].includes(r));
    return runQuery(ctx.deps, (tx) => search(tx, req.actor.tenantId, { scope: 'staff', units: all ? null : [] }, { ...q, limit: 20, offset: ((page ?? 1) - 1) * 20 }));
  });
};
export default routes;
