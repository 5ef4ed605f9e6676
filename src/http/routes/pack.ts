import { z } from 'zod';
import { AppError } from '../../errors/index.ts';
import { tenantPack } from '../../app/tenancy/registry.ts';
import type { RouteModule } from '../types.ts';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');

// The rule-pack browser: from any article, its text and the rules (with parameters) that enforce it.
const routes: RouteModule = (app) => {
  app.get('/pack', { config: { permission: 'pack.read' }, schema: { tags: ['规则包'], summary: '规则包信息、计数约定与条文覆盖' } }, async () => {
    const p = tenantPack();
    return {
      meta: p.meta,
      conventions: p.conventions,
      ruleCount: p.rules.length,
      articleCount: p.articles.length,
      notFormalised: p.notFormalised,
    };
  });

  app.get('/pack/articles', { config: { permission: 'pack.read' }, schema: { tags: ['规则包'], summary: '条文目录（含每条的规则数）' } }, async () => {
    const p = tenantPack();
    const nf = new Map(p.notFormalised.map((n) => [n.article, n.reason]));
    return {
      articles: p.articles.map((a) => ({
        number: a.number, label: a.label, chapter: a.chapter, excerpt: a.text.slice(0, 60),
        ruleIds: p.rulesForArticle(a.number).map((r) => r.id),
        notFormalised: nf.get(a.number) ?? null,
      })),
    };
  });

  app.get('/pack/articles/:number', {
    config: { permission: 'pack.read' },
    schema: { tags: ['规则包'], summary: '一条条文：原文、依据它的规则及参数', params: z.strictObject({ number: z.coerce.number().int() }) },
  }, async (req) => {
    const p = tenantPack();
    const a = p.articles.find((x) => x.number === req.params.number);
    if (!a) throw new AppError('REQUEST.NOT_FOUND', { message: `规则包中没有第 ${req.params.number} 条` });
    return {
      article: a,
      rules: p.rulesForArticle(a.number),
      notFormalised: p.notFormalised.find((n) => n.article === a.number)?.reason ?? null,
    };
  });

  app.get('/pack/rules', {
    config: { permission: 'pack.read' },
    schema: { tags: ['规则包'], summary: '某日生效的规则', querystring: z.strictObject({ on: isoDate.optional(), context: z.string().max(32).optional() }) },
  }, async (req) => {
    const p = tenantPack();
    const rules = req.query.on ? p.rulesInForce(req.query.on) : [...p.rules];
    return { on: req.query.on ?? null, rules: req.query.context ? rules.filter((r) => r.context === req.query.context) : rules };
  });
};
export default routes;
