import { z } from 'zod';
import {
  advanceItem, closeInstruction, getInstruction, getItem, listInstructions, listItems, openItem, pageItems, performanceItems, performanceView,
  recordInstructionReport, recordInstructionStage, recordItemEvent, registerInstruction, unitOptions,
} from '../../app/supervision/usecases.ts';
import { INSTRUCTION_COLUMNS, ledgerWorkbook, sheetWorkbook } from '../../app/supervision/export.ts';
import { shanghaiDate } from '../../app/org/usecases.ts';
import type { RouteModule } from '../types.ts';
import { isoDateSchema as date } from '../schemas.ts';

const text = (max = 500) => z.string().max(max);
const tags = ['督查'];

/** An Excel 台账 as a download with its Chinese file name. */
export function sendXlsx(reply: { header(k: string, v: string): unknown; send(b: Buffer): unknown }, buf: Buffer, filename: string) {
  reply.header('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  reply.header('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(filename)}`);
  return reply.send(buf);
}

const routes: RouteModule = (app, ctx) => {
  const now = () => ctx.deps.clock.now();

  app.get('/supervision/units', { config: { permission: 'supervision.read' }, schema: { tags, summary: '可选单位' } },
    async (req) => ({ units: await unitOptions(ctx.deps, req.actor.tenantId) }));

  // ---- 批示 ----
  app.get('/supervision/instructions', { config: { permission: 'supervision.read' }, schema: { tags, summary: '批示台账（第八十四条、第八十五条）' } },
    async (req) => ({ instructions: await listInstructions(ctx.deps, req.actor.tenantId, now()) }));
  app.get('/supervision/instructions.xlsx', { config: { permission: 'supervision.read' }, schema: { tags, summary: '导出批示台账（Excel）' } }, async (req, reply) => {
    const buf = await sheetWorkbook('批示办理台账', INSTRUCTION_COLUMNS, await listInstructions(ctx.deps, req.actor.tenantId, now()));
    return sendXlsx(reply, buf, '批示办理台账.xlsx');
  });
  app.post('/supervision/instructions', {
    config: { permission: 'supervision.write' },
    schema: { tags, summary: '登记批示（第六十九条：中央、省领导批示第一时间报市长阅批）', body: z.strictObject({
      source: z.enum(['general_secretary', 'central', 'provincial', 'city']), title: text().min(1), instructedBy: text(100).min(1),
      instructedOn: date, receivedOn: date, docRef: text(100).optional(), content: text(5000).optional(), leadUnitId: text(64).optional(),
    }) },
  }, async (req, reply) => reply.status(201).send(await registerInstruction(ctx.deps, req.actor, req.body)));
  app.get('/supervision/instructions/:id', { config: { permission: 'supervision.read' }, schema: { tags, summary: '批示详情和全程留痕', params: z.strictObject({ id: text(64) }) } },
    async (req) => getInstruction(ctx.deps, req.actor.tenantId, req.params.id));
  app.post('/supervision/instructions/:id/stages', {
    config: { permission: 'supervision.write' },
    schema: { tags, summary: '登记闭环环节（第八十四条）', params: z.strictObject({ id: text(64) }), body: z.strictObject({ stage: text(20), on: date, summary: text(5000), evidence: z.array(text(300)).max(50) }) },
  }, async (req, reply) => reply.status(201).send(await recordInstructionStage(ctx.deps, req.actor, req.params.id, req.body)));
  app.post('/supervision/instructions/:id/reports', {
    config: { permission: 'supervision.report' },
    schema: { tags, summary: '报告落实情况（第八十五条）', params: z.strictObject({ id: text(64) }), body: z.strictObject({ on: date, summary: text(5000), evidence: z.array(text(300)).max(50).default([]) }) },
  }, async (req, reply) => reply.status(201).send(await recordInstructionReport(ctx.deps, req.actor, req.params.id, req.body)));
  app.post('/supervision/instructions/:id/close', { config: { permission: 'supervision.write' }, schema: { tags, summary: '办结批示（闭环完整后）', params: z.strictObject({ id: text(64) }) } },
    async (req) => closeInstruction(ctx.deps, req.actor, req.params.id));

  // ---- 督查事项 ----
  app.get('/supervision/items', {
    config: { permission: 'supervision.read' },
    schema: { tags, summary: '督查事项看板（第八十六条；分页，附各环节、逾期和即将到期的件数）', querystring: z.strictObject({
      stage: z.enum(['opened', 'planned', 'in_progress', 'concluded', 'applied']).optional(),
      limit: z.coerce.number().int().min(1).max(1000).default(200), offset: z.coerce.number().int().min(0).default(0),
    }) },
  }, async (req) => ({ today: shanghaiDate(now()), ...await pageItems(ctx.deps, req.actor.tenantId, now(), req.query) }));
  app.get('/supervision/items.xlsx', { config: { permission: 'supervision.read' }, schema: { tags, summary: '导出督查事项台账（Excel）' } }, async (req, reply) => {
    const buf = await ledgerWorkbook(await listItems(ctx.deps, req.actor.tenantId, now()));
    return sendXlsx(reply, buf, '督查事项台账.xlsx');
  });
  app.post('/supervision/items', {
    config: { permission: 'supervision.write' },
    schema: { tags, summary: '督查立项（第八十六条：严禁重复、多头、越权督查；部门须经市政府指定）', body: z.strictObject({
      title: text().min(1), kind: text(32), scope: z.enum(['government', 'department']), supervisorUnitId: text(64), leadUnitId: text(64),
      cooperatingUnitIds: z.array(text(64)).max(50).default([]),
      source: z.strictObject({ type: z.enum(['instruction', 'decision', 'document', 'finding', 'other']), id: text(128).min(1) }).optional(),
      designation: z.strictObject({ byUnitId: text(64), ref: text(200), on: date }).optional(),
      findingSource: text(200).optional(), due: date.optional(), dueReason: text(500).optional(),
    }) },
  }, async (req, reply) => reply.status(201).send(await openItem(ctx.deps, req.actor, req.body)));
  app.get('/supervision/items/:id', { config: { permission: 'supervision.read' }, schema: { tags, summary: '督查事项详情和责任倒查记录（第五十条）', params: z.strictObject({ id: text(64) }) } },
    async (req) => getItem(ctx.deps, req.actor.tenantId, req.params.id, now()));
  app.post('/supervision/items/:id/advance', {
    config: { permission: 'supervision.write' },
    schema: { tags, summary: '推进督查环节', params: z.strictObject({ id: text(64) }), body: z.strictObject({
      to: z.enum(['planned', 'in_progress', 'concluded', 'applied']), on: date, summary: text(5000), conclusion: text(5000).optional(), incentive: text(2000).optional(), version: z.number().int().optional(),
    }) },
  }, async (req) => advanceItem(ctx.deps, req.actor, req.params.id, req.body));
  for (const [path, type, permission, summary] of [
    ['progress', 'progress', 'supervision.report', '报告进展'],
    ['chase', 'chase', 'supervision.write', '催办'],
    ['government-report', 'government_report', 'supervision.report', '整改情况向市政府报告（第四十五条）'],
  ] as const) {
    app.post(`/supervision/items/:id/${path}`, {
      config: { permission }, schema: { tags, summary, params: z.strictObject({ id: text(64) }), body: z.strictObject({ on: date, summary: text(5000) }) },
    }, async (req, reply) => reply.status(201).send(await recordItemEvent(ctx.deps, req.actor, req.params.id, type, req.body)));
  }

  // ---- 绩效 ----
  app.get('/supervision/performance', {
    config: { permission: 'supervision.read' },
    schema: { tags, summary: '按时办结率（第五十条；不对个人排名）', querystring: z.strictObject({ by: z.enum(['department', 'leader', 'kind', 'month']).default('department'), from: date, to: date }) },
  }, async (req) => performanceView(ctx.deps, req.actor.tenantId, now(), req.query.by, { from: req.query.from, to: req.query.to }));
  app.get('/supervision/performance/items', {
    config: { permission: 'supervision.read' },
    schema: { tags, summary: '按时办结率分组下的事项（第五十条；分页）', querystring: z.strictObject({
      by: z.enum(['department', 'leader', 'kind', 'month']).default('department'), from: date, to: date, key: text(64).min(1),
      limit: z.coerce.number().int().min(1).max(500).default(50), offset: z.coerce.number().int().min(0).default(0),
    }) },
  }, async (req) => performanceItems(ctx.deps, req.actor.tenantId, now(), req.query.by, { from: req.query.from, to: req.query.to }, req.query.key, { limit: req.query.limit, offset: req.query.offset }));
};
export default routes;
