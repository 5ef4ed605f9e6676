import { z } from 'zod';
import {
  accountabilityView, addRotation, decideApproval, getCase, internalControlView, listCases, listDissents, listPlans, recordDissent, recordRemade,
  recordRotated, recordStep, registerCase, registerPlan, requestApproval, reviewPlan,
} from '../../app/accountability/usecases.ts';
import { CASE_KINDS, CASE_STEPS, STEP_LABELS, type CaseStep } from '../../domain/accountability/cases.ts';
import type { RouteModule } from '../types.ts';

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '应为 YYYY-MM-DD')
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), '不是真实的日期');
const text = (max = 500) => z.string().max(max);
const id = z.strictObject({ id: text(64) });
const tags = ['建议提案与监督'];

/** Steps a handling department records itself; the others are the office's (交办、受理、阅批、督办、延期、决定 …). */
const DEPARTMENT_STEPS: CaseStep[] = ['contact', 'return', 'reply', 'publish', 'respond', 'perform', 'investigate', 'handle'];
const STEP_ARTICLES: Partial<Record<CaseStep, string>> = {
  assign: '第四十四条', contact: '第四十四条', return: '第四十四条', reply: '第四十四条、第四十八条', publish: '第四十四条、第四十七条', route: '第四十八条',
  instruct: '第四十九条', link: '第四十九条', extend: '第四十六条、第四十八条', accept: '第四十六条', decide: '第四十六条', respond: '第四十五条',
  judgment: '第四十五条', perform: '第四十五条', investigate: '第四十七条', handle: '第四十七条', close: '第四十五条、第四十七条',
};

const routes: RouteModule = (app, ctx) => {
  const now = () => ctx.deps.clock.now();

  // ---- 建议提案、信访、复议、应诉、舆论监督 ----
  app.get('/accountability/cases', {
    config: { permission: 'supervision.read' },
    schema: { tags, summary: '建议提案、信访、行政复议、行政应诉、社会监督台账（第四十四条至第四十九条）', querystring: z.strictObject({ kind: z.enum(CASE_KINDS).optional() }) },
  }, async (req) => listCases(ctx.deps, req.actor.tenantId, now(), req.query.kind));
  app.post('/accountability/cases', {
    config: { permission: 'supervision.write' },
    schema: { tags, summary: '登记（信访、复议、应诉自收到之日起计算法定时限）', body: z.strictObject({
      kind: z.enum(CASE_KINDS), title: text(300).min(1), refNo: text(64).optional(), party: text(200).optional(), receivedOn: date,
      important: z.boolean().optional(), major: z.boolean().optional(), area: text(32).optional(),
    }) },
  }, async (req, reply) => reply.status(201).send(await registerCase(ctx.deps, req.actor, req.body)));
  app.get('/accountability/cases/:id', { config: { permission: 'supervision.read' }, schema: { tags, summary: '事项详情、办理环节和全程留痕', params: id } },
    async (req) => getCase(ctx.deps, req.actor.tenantId, req.params.id, now()));
  const stepBody = z.strictObject({
    on: date, summary: text(5000), leadUnitId: text(64).optional(), coUnitIds: z.array(text(64)).max(30).optional(), complex: z.boolean().optional(),
    resultCode: text(8).optional(), days: z.number().int().min(1).max(366).optional(), approvedBy: text(100).optional(), instructorPersonId: text(64).optional(),
    supervisionItemId: text(64).optional(), mustPerform: z.boolean().optional(), draftedBy: text(64).optional(), publishedAt: text(300).optional(), version: z.number().int().optional(),
  });
  for (const step of CASE_STEPS) {
    app.post(`/accountability/cases/:id/${step}`, {
      config: { permission: DEPARTMENT_STEPS.includes(step) ? 'supervision.report' : 'supervision.write' },
      schema: { tags, summary: `${STEP_LABELS[step]}（${STEP_ARTICLES[step] ?? ''}）`, params: id, body: stepBody },
    }, async (req, reply) => reply.status(201).send(await recordStep(ctx.deps, req.actor, req.params.id, step, req.body)));
  }

  // ---- 第四十三条 内部控制 ----
  app.get('/accountability/internal-control', { config: { permission: 'supervision.read' }, schema: { tags, summary: '权力集中领域审批和定期轮岗（第四十三条）' } },
    async (req) => internalControlView(ctx.deps, req.actor.tenantId, now()));
  app.post('/accountability/approvals', {
    config: { permission: 'supervision.report' },
    schema: { tags, summary: '权力集中领域事项报审（第四十三条）', body: z.strictObject({ area: text(32), subject: text(300), unitId: text(64).optional(), drafterPersonId: text(64).optional() }) },
  }, async (req, reply) => reply.status(201).send(await requestApproval(ctx.deps, req.actor, req.body)));
  app.post('/accountability/approvals/:id/decide', {
    config: { permission: 'supervision.report' },
    schema: { tags, summary: '审批（第四十三条：拟稿人不得审批）', params: id, body: z.strictObject({ approve: z.boolean(), note: text(1000).optional() }) },
  }, async (req) => decideApproval(ctx.deps, req.actor, req.params.id, req.body));
  app.post('/accountability/rotations', {
    config: { permission: 'supervision.write' },
    schema: { tags, summary: '登记权力集中岗位任职（第四十三条定期轮岗）', body: z.strictObject({ personId: text(64), unitId: text(64), post: text(100).min(1), area: text(32), since: date }) },
  }, async (req, reply) => reply.status(201).send(await addRotation(ctx.deps, req.actor, req.body)));
  app.post('/accountability/rotations/:id/rotated', {
    config: { permission: 'supervision.write' }, schema: { tags, summary: '登记已轮岗', params: id, body: z.strictObject({ on: date }) },
  }, async (req) => recordRotated(ctx.deps, req.actor, req.params.id, req.body));

  // ---- 第二十二条 应急预案 ----
  app.get('/accountability/plans', { config: { permission: 'supervision.read' }, schema: { tags, summary: '应急预案台账（第二十二条）' } },
    async (req) => ({ plans: await listPlans(ctx.deps, req.actor.tenantId, now()) }));
  app.post('/accountability/plans', {
    config: { permission: 'supervision.write' },
    schema: { tags, summary: '登记应急预案（第二十二条：落实责任单位）', body: z.strictObject({
      title: text(300), risk: text(500).optional(), measures: text(5000), responsibleUnitId: text(64), approvedOn: date, lastReviewedOn: date.optional(),
    }) },
  }, async (req, reply) => reply.status(201).send(await registerPlan(ctx.deps, req.actor, req.body)));
  app.post('/accountability/plans/:id/reviews', {
    config: { permission: 'supervision.report' }, schema: { tags, summary: '登记预案评估', params: id, body: z.strictObject({ on: date, summary: text(5000) }) },
  }, async (req, reply) => reply.status(201).send(await reviewPlan(ctx.deps, req.actor, req.params.id, req.body)));

  // ---- 第七十七条 不同意见 ----
  app.get('/accountability/dissents', { config: { permission: 'supervision.read' }, schema: { tags, summary: '市政府内部不同意见（第七十七条）' } },
    async (req) => listDissents(ctx.deps, req.actor.tenantId));
  app.post('/accountability/dissents', {
    config: { permission: 'supervision.write' },
    schema: { tags, summary: '登记不同意见（原决定在重新作出前继续执行）', body: z.strictObject({ decisionRef: text(300), personId: text(64), channel: text(32), content: text(5000), raisedOn: date }) },
  }, async (req, reply) => reply.status(201).send(await recordDissent(ctx.deps, req.actor, req.body)));
  app.post('/accountability/dissents/:id/remade', {
    config: { permission: 'supervision.write' }, schema: { tags, summary: '登记重新作出的决定', params: id, body: z.strictObject({ newDecisionRef: text(300), on: date }) },
  }, async (req) => recordRemade(ctx.deps, req.actor, req.params.id, req.body));

  // ---- 第八十九条 ----
  app.get('/accountability/list', { config: { permission: 'supervision.read' }, schema: { tags, summary: '逾期和退回事项问责清单（第八十九条）' } },
    async (req) => accountabilityView(ctx.deps, req.actor.tenantId, now()));
};
export default routes;
