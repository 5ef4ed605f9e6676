import { z } from 'zod';
import {
  addShift, applyApproval, decideApproval, dutyBoard, listApprovals, listTrips, logResearch, recordReturn, reportTrip, researchBoard, standIn, whereabouts,
} from '../../app/leaders/usecases.ts';
import { shanghaiDate } from '../../app/org/usecases.ts';
import type { RouteModule } from '../types.ts';
import { isoDateSchema as date } from '../schemas.ts';
import { APPROVAL_COLUMNS, DUTY_COLUMNS, RESEARCH_COLUMNS, TRIP_COLUMNS, sheetWorkbook } from '../../app/supervision/export.ts';
import { sendXlsx } from './supervision.ts';

const text = (max = 500) => z.string().max(max);
const tags = ['领导'];

const routes: RouteModule = (app, ctx) => {
  const today = () => shanghaiDate(ctx.deps.clock.now());

  app.get('/leaders/trips', { config: { permission: 'leaders.read' }, schema: { tags, summary: '外出报备记录（第七十九条）' } },
    async (req) => ({ today: today(), trips: await listTrips(ctx.deps, req.actor.tenantId, today()) }));
  app.get('/leaders/trips.xlsx', { config: { permission: 'leaders.read' }, schema: { tags, summary: '导出外出报备台账（Excel）' } },
    async (req, reply) => sendXlsx(reply, await sheetWorkbook('外出报备台账', TRIP_COLUMNS, await listTrips(ctx.deps, req.actor.tenantId, today())), '外出报备台账.xlsx'));
  app.post('/leaders/trips', {
    config: { permission: 'leaders.trip' },
    schema: { tags, summary: '外出请假、报备（第七十九条）', body: z.strictObject({
      personId: text(64), kind: z.enum(['business', 'study', 'leave', 'other']), from: date, to: date, destination: text(100), reason: text(1000), urgentReason: text(500).optional(),
    }) },
  }, async (req, reply) => reply.status(201).send(await reportTrip(ctx.deps, req.actor, req.body)));
  app.post('/leaders/trips/:id/return', {
    config: { permission: 'leaders.trip' },
    schema: { tags, summary: '提前返回（外出记录更正）', params: z.strictObject({ id: text(64) }), body: z.strictObject({ returnedOn: date }) },
  }, async (req) => recordReturn(ctx.deps, req.actor, req.params.id, req.body.returnedOn));
  app.get('/leaders/whereabouts', {
    config: { permission: 'leaders.read' },
    schema: { tags, summary: '市领导去向和部门主要负责同志去向（第八十条）', querystring: z.strictObject({ date: date.optional() }) },
  }, async (req) => whereabouts(ctx.deps, req.actor.tenantId, req.query.date ?? today()));
  app.get('/leaders/stand-in', {
    config: { permission: 'leaders.read' },
    schema: { tags, summary: '某职务当日由谁承办（第十一条AB岗、第十三条委托）', querystring: z.strictObject({ positionId: text(64), date: date.optional() }) },
  }, async (req) => standIn(ctx.deps, req.actor.tenantId, req.query.positionId, req.query.date ?? today()));

  app.get('/leaders/duty', {
    config: { permission: 'leaders.read' },
    schema: { tags, summary: '24小时值班表和空档（第八十条）', querystring: z.strictObject({ from: date.optional() }) },
  }, async (req) => dutyBoard(ctx.deps, req.actor.tenantId, req.query.from ?? today()));
  app.get('/leaders/duty.xlsx', {
    config: { permission: 'leaders.read' },
    schema: { tags, summary: '导出值班表（Excel，空档单列）', querystring: z.strictObject({ from: date.optional() }) },
  }, async (req, reply) => {
    const board = await dutyBoard(ctx.deps, req.actor.tenantId, req.query.from ?? today());
    const rows = board.units.flatMap((u) => [
      ...u.shifts.map((s) => ({ unit: u.name, ...s, note: '' })),
      ...u.gaps.map((g) => ({ unit: u.name, date: String(g.details?.date), startHour: Number(g.details?.startHour), endHour: Number(g.details?.endHour), personName: '（空档，无人值班）', phone: '', note: g.message })),
    ].sort((a, b) => a.date.localeCompare(b.date) || a.startHour - b.startHour));
    return sendXlsx(reply, await sheetWorkbook('24小时值班表', DUTY_COLUMNS, rows), `值班表（${board.from}至${board.to}）.xlsx`);
  });
  app.post('/leaders/duty/shifts', {
    config: { permission: 'leaders.duty' },
    schema: { tags, summary: '排班', body: z.strictObject({ unitId: text(64), date, startHour: z.number().int(), endHour: z.number().int(), personName: text(50), phone: text(30).optional() }) },
  }, async (req, reply) => reply.status(201).send(await addShift(ctx.deps, req.actor, req.body)));

  app.get('/leaders/research', {
    config: { permission: 'leaders.read' },
    schema: { tags, summary: '基层调研天数（第九十六条）', querystring: z.strictObject({ year: z.coerce.number().int().min(2000).max(2100).optional() }) },
  }, async (req) => ({ leaders: await researchBoard(ctx.deps, req.actor.tenantId, req.query.year ?? Number(today().slice(0, 4)), today()) }));
  app.get('/leaders/research.xlsx', {
    config: { permission: 'leaders.read' },
    schema: { tags, summary: '导出基层调研台账（Excel）', querystring: z.strictObject({ year: z.coerce.number().int().min(2000).max(2100).optional() }) },
  }, async (req, reply) => {
    const year = req.query.year ?? Number(today().slice(0, 4));
    const leaders = await researchBoard(ctx.deps, req.actor.tenantId, year, today());
    const rows = leaders.flatMap((l) => l.entries.filter((e) => e.from.startsWith(String(year))).map((e) => ({
      personName: l.personName, title: l.title, ...e, days: Math.round((Date.parse(e.to) - Date.parse(e.from)) / 86_400_000) + 1, total: l.progress.days, minimum: l.progress.minimum,
    })));
    return sendXlsx(reply, await sheetWorkbook(`${year}年基层调研台账`, RESEARCH_COLUMNS, rows), `${year}年基层调研台账.xlsx`);
  });
  app.post('/leaders/research', {
    config: { permission: 'leaders.research' },
    schema: { tags, summary: '登记基层调研', body: z.strictObject({ personId: text(64), from: date, to: date, place: text(100), topic: text(500) }) },
  }, async (req, reply) => reply.status(201).send(await logResearch(ctx.deps, req.actor, req.body)));

  app.get('/leaders/approvals', { config: { permission: 'leaders.read' }, schema: { tags, summary: '事先报批（第七十八条、第九十八条）' } },
    async (req) => ({ approvals: await listApprovals(ctx.deps, req.actor.tenantId) }));
  app.get('/leaders/approvals.xlsx', { config: { permission: 'leaders.read' }, schema: { tags, summary: '导出事先报批台账（Excel）' } },
    async (req, reply) => sendXlsx(reply, await sheetWorkbook('讲话文章题词报批台账', APPROVAL_COLUMNS, await listApprovals(ctx.deps, req.actor.tenantId)), '讲话文章题词报批台账.xlsx'));
  app.post('/leaders/approvals', {
    config: { permission: 'leaders.apply' },
    schema: { tags, summary: '讲话、文章、题词报批', body: z.strictObject({
      kind: z.enum(['speech', 'article', 'inscription', 'preface']), title: text(200), authorPersonId: text(64), capacity: z.enum(['government', 'personal']),
      touchesUndecidedMajorMatter: z.boolean().default(false), applicantUnitId: text(64).optional(), exceptionReason: text(1000).optional(),
    }) },
  }, async (req, reply) => reply.status(201).send(await applyApproval(ctx.deps, req.actor, req.body)));
  app.post('/leaders/approvals/:id/decide', {
    config: { permission: 'leaders.approve' },
    schema: { tags, summary: '审批', params: z.strictObject({ id: text(64) }), body: z.strictObject({ approve: z.boolean(), note: text(1000), version: z.number().int().optional() }) },
  }, async (req) => decideApproval(ctx.deps, req.actor, req.params.id, req.body));
};
export default routes;
