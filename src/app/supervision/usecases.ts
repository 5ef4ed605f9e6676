// Supervision use cases: instructions to closure (第六十九条, 第八十四条, 第八十五条), supervision items
// (第四十五条, 第八十六条, 第八十七条), follow-up and performance (第五十条). Each write is one transaction
// with its audit record citing the article; refusals carry every violated rule and change nothing.
import { randomBytes } from 'node:crypto';
import { AppError, refusal } from '../../errors/index.ts';
import { pgErrorCode, type Queryable } from '../../store/db.ts';
import { computeDeadline } from '../../domain/calendar/deadline.ts';
import type { IsoDate as IsoDateC } from '../../domain/calendar/date.ts';
import { checkClosure, checkStage, firstReader, loopKindOf, INSTRUCTION_SOURCE_LABELS, type InstructionSource, type InstructionState, type StageEntry } from '../../domain/supervision/instructions.ts';
import { checkAdvance, checkOpening, stageLabel, ITEM_STAGES, SCOPE_LABELS, type ItemDraft, type ItemScope, type ItemStage, type SourceRef, type UnitRef, type Designation } from '../../domain/supervision/items.ts';
import { followUp } from '../../domain/supervision/followup.ts';
import { performanceOfCounts, type GroupBy, type GroupCounts } from '../../domain/supervision/performance.ts';
import { handlerOf } from '../../domain/leaders/standins.ts';
import { governmentPost, leaderInCharge, positionById, personById, holderOf, unitById, unitsOfKind, type Org } from '../../domain/org/index.ts';
import type { Violation } from '../../domain/shared/violation.ts';
import { basedOn } from '../../domain/shared/article.ts';
import { shippedCalendar } from '../calendar/files.ts';
import { requireOrg, shanghaiDate } from '../org/usecases.ts';
import { orgRulesOn } from '../org/rules.ts';
import { runQuery, runUseCase, type Actor, type AppDeps } from '../context.ts';
import { rulesOn } from './rules.ts';
import { cancelItemTimers, scheduleItemTimers, trackItemDeadline } from './timers.ts';

export const newId = (prefix: string) => `${prefix}-${randomBytes(6).toString('hex')}`;
const refuseAll = (fallback: string, v: Violation[]) => refusal(v.length === 1 ? v[0].code : fallback, v);

function unitRef(org: Org, id: string): UnitRef {
  const u = unitById(org, id);
  if (!u) throw new AppError('SUP.UNKNOWN_UNIT', { message: `未知的单位：${id}`, details: { unitId: id } });
  return { id: u.id, kind: u.kind, name: u.shortName, parentId: u.parentId };
}
const governmentUnitId = (org: Org) => org.units.find((u) => u.kind === 'municipal_government')?.id ?? '';
const unitName = (org: Org, id: string | null) => (id ? (unitById(org, id)?.shortName ?? id) : '');
const leaderName = (org: Org, positionId: string | null, on: string) => {
  if (!positionId) return '';
  const p = positionById(org, positionId);
  const h = holderOf(org, positionId, on);
  return `${h ? (personById(org, h)?.name ?? '') : '（空缺）'}（${p?.title ?? positionId}）`;
};

// ---------------- instructions ----------------

export interface InstructionInput {
  source: InstructionSource;
  title: string;
  instructedBy: string;
  instructedOn: string;
  receivedOn: string;
  docRef?: string;
  content?: string;
  leadUnitId?: string;
}

export async function registerInstruction(deps: AppDeps, actor: Actor, input: InstructionInput) {
  return runUseCase(deps, actor, async (ctx) => {
    const today = shanghaiDate(ctx.now);
    const r = rulesOn(today);
    const org = await requireOrg(ctx.tx, actor.tenantId);
    const v: Violation[] = [];
    if (input.receivedOn > today) v.push({ code: 'SUP.DATE_IN_FUTURE', message: `收到日期${input.receivedOn}晚于今天` });
    if (input.instructedOn > input.receivedOn) v.push({ code: 'SUP.DATE_BEFORE_RECEIPT', message: '批示日期晚于收到日期' });
    if (!input.title.trim()) v.push({ code: 'SUP.TITLE_MISSING', message: '应写明批示事项' });
    if (input.leadUnitId) unitRef(org, input.leadUnitId);
    if (v.length) throw refuseAll('SUP.REFUSED', v);
    const reader = firstReader(input.source, r.instructions);
    // 第六十九条: to the mayor first; a city leader's instruction goes to the leader in charge of the lead unit
    const leaderPos = reader.reader === 'mayor' ? governmentPost(org, 'mayor')?.id ?? null : input.leadUnitId ? leaderInCharge(org, input.leadUnitId, today)?.positionId ?? null : null;
    const id = newId('instr');
    const loop = loopKindOf(input.source, r.instructions);
    await ctx.tx.query(
      `INSERT INTO sup_instructions (tenant_id, id, source, loop_kind, title, instructed_by, instructed_on, received_on, doc_ref, content,
        first_reader, leader_position_id, lead_unit_id, pack_id, created_by, created_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16)`,
      [actor.tenantId, id, input.source, loop, input.title, input.instructedBy, input.instructedOn, input.receivedOn, input.docRef ?? null, input.content ?? '',
        reader.reader, leaderPos, input.leadUnitId ?? null, r.packId, actor.name, ctx.now]);
    await ctx.audit({ action: 'instruction.registered', objectType: 'instruction', objectId: id, article: reader.article ?? (loop === 'closed_loop' ? r.instructions.loopArticle : r.instructions.reportArticle),
      payload: { source: input.source, title: input.title, firstReader: reader.reader, routing: reader.reason, leaderPositionId: leaderPos } });
    return { id, loopKind: loop, firstReader: reader, leaderPositionId: leaderPos };
  });
}

async function loadInstruction(tx: Queryable, tenantId: string, id: string, lock = false) {
  const { rows } = await tx.query(`SELECT * FROM sup_instructions WHERE tenant_id = $1 AND id = $2 ${lock ? 'FOR UPDATE' : ''}`, [tenantId, id]);
  if (!rows.length) throw new AppError('SUP.NOT_FOUND', { message: `批示不存在：${id}` });
  const entries = (await tx.query(`SELECT * FROM sup_instruction_entries WHERE tenant_id = $1 AND instruction_id = $2 ORDER BY on_date, recorded_at`, [tenantId, id])).rows;
  const row = rows[0] as any;
  const state: InstructionState = {
    source: row.source, status: row.status, receivedOn: row.received_on,
    stages: entries.filter((e: any) => e.entry_type === 'stage').map((e: any) => ({ stage: e.stage, on: e.on_date, summary: e.summary, evidence: e.evidence })),
    reports: entries.filter((e: any) => e.entry_type === 'report').length,
  };
  return { row, entries, state };
}

export async function recordInstructionStage(deps: AppDeps, actor: Actor, id: string, entry: StageEntry) {
  try {
    return await runUseCase(deps, actor, async (ctx) => {
      const today = shanghaiDate(ctx.now);
      const r = rulesOn(today);
      const { state } = await loadInstruction(ctx.tx, actor.tenantId, id, true);
      const d = checkStage(state, entry, today, r.instructions);
      if (!d.ok) throw refuseAll('SUP.REFUSED', d.violations);
      const eid = newId('stage');
      await ctx.tx.query(`INSERT INTO sup_instruction_entries (tenant_id, id, instruction_id, entry_type, stage, on_date, summary, evidence, recorded_by, recorded_at)
        VALUES ($1,$2,$3,'stage',$4,$5,$6,$7,$8,$9)`, [actor.tenantId, eid, id, entry.stage, entry.on, entry.summary, JSON.stringify(entry.evidence.filter((e) => e.trim())), actor.name, ctx.now]);
      await ctx.tx.query('UPDATE sup_instructions SET version = version + 1 WHERE tenant_id = $1 AND id = $2', [actor.tenantId, id]);
      await ctx.audit({ action: 'instruction.stage_recorded', objectType: 'instruction', objectId: id, article: r.instructions.loopArticle, payload: { ...entry } });
      return { id: eid };
    });
  } catch (e) {
    if (pgErrorCode(e) === '23505') throw new AppError('SUP.STAGE_ALREADY_RECORDED', { message: `「${entry.stage}」环节已登记` });
    throw e;
  }
}

export async function recordInstructionReport(deps: AppDeps, actor: Actor, id: string, input: { on: string; summary: string; evidence: string[] }) {
  return runUseCase(deps, actor, async (ctx) => {
    const today = shanghaiDate(ctx.now);
    const r = rulesOn(today);
    const { state } = await loadInstruction(ctx.tx, actor.tenantId, id, true);
    const v: Violation[] = [];
    if (state.status === 'closed') v.push({ code: 'SUP.INSTRUCTION_CLOSED', message: '该批示已办结' });
    if (input.on > today) v.push({ code: 'SUP.DATE_IN_FUTURE', message: `报告日期${input.on}晚于今天`, article: r.instructions.reportArticle });
    if (input.on < state.receivedOn) v.push({ code: 'SUP.DATE_BEFORE_RECEIPT', message: `报告日期早于收到日期${state.receivedOn}` });
    if (!input.summary.trim()) v.push({ code: 'SUP.STAGE_SUMMARY_MISSING', message: '应写明落实情况', article: r.instructions.reportArticle });
    if (v.length) throw refuseAll('SUP.REFUSED', v);
    const eid = newId('report');
    await ctx.tx.query(`INSERT INTO sup_instruction_entries (tenant_id, id, instruction_id, entry_type, on_date, summary, evidence, recorded_by, recorded_at)
      VALUES ($1,$2,$3,'report',$4,$5,$6,$7,$8)`, [actor.tenantId, eid, id, input.on, input.summary, JSON.stringify(input.evidence), actor.name, ctx.now]);
    await ctx.audit({ action: 'instruction.reported', objectType: 'instruction', objectId: id, article: r.instructions.reportArticle, payload: input });
    return { id: eid };
  });
}

export async function closeInstruction(deps: AppDeps, actor: Actor, id: string) {
  return runUseCase(deps, actor, async (ctx) => {
    const today = shanghaiDate(ctx.now);
    const r = rulesOn(today);
    const { state } = await loadInstruction(ctx.tx, actor.tenantId, id, true);
    const d = checkClosure(state, r.instructions);
    if (!d.ok) throw refuseAll('SUP.REFUSED', d.violations);
    await ctx.tx.query(`UPDATE sup_instructions SET status = 'closed', closed_on = $3, version = version + 1 WHERE tenant_id = $1 AND id = $2`, [actor.tenantId, id, today]);
    await ctx.audit({ action: 'instruction.closed', objectType: 'instruction', objectId: id, article: d.value.kind === 'closed_loop' ? r.instructions.loopArticle : r.instructions.reportArticle, payload: { stages: state.stages.map((s) => s.stage), reports: state.reports } });
    return { closedOn: today };
  });
}

export async function listInstructions(deps: AppDeps, tenantId: string, now: Date) {
  return runQuery(deps, async (tx) => {
    const today = shanghaiDate(now);
    const r = rulesOn(today);
    const org = await requireOrg(tx, tenantId);
    const rows = (await tx.query('SELECT * FROM sup_instructions WHERE tenant_id = $1 ORDER BY received_on DESC, created_at DESC', [tenantId])).rows as any[];
    const entries = (await tx.query('SELECT instruction_id, entry_type, stage FROM sup_instruction_entries WHERE tenant_id = $1', [tenantId])).rows as any[];
    return rows.map((row) => {
      const mine = entries.filter((e) => e.instruction_id === row.id);
      const done = mine.filter((e) => e.entry_type === 'stage').map((e) => e.stage);
      return {
        id: row.id, source: row.source, sourceLabel: INSTRUCTION_SOURCE_LABELS[row.source as InstructionSource], loopKind: row.loop_kind, title: row.title,
        instructedBy: row.instructed_by, instructedOn: row.instructed_on, receivedOn: row.received_on, docRef: row.doc_ref,
        firstReader: row.first_reader, leader: leaderName(org, row.leader_position_id, today), leadUnit: unitName(org, row.lead_unit_id),
        status: row.status, closedOn: row.closed_on ?? null,
        stages: row.loop_kind === 'closed_loop' ? r.instructions.loopStages.map((s) => ({ stage: s, done: done.includes(s) })) : [],
        reports: mine.filter((e) => e.entry_type === 'report').length,
        // what still stands between the instruction and its closure (第八十四条 / 第八十五条)
        missing: row.status === 'closed' ? [] : row.loop_kind === 'closed_loop'
          ? r.instructions.loopStages.filter((s) => !done.includes(s))
          : row.loop_kind === 'report_cycle' && mine.filter((e) => e.entry_type === 'report').length < r.instructions.reportsBeforeClosure
            ? [`落实情况报告（至少${r.instructions.reportsBeforeClosure}次）`] : [],
        article: row.loop_kind === 'closed_loop' ? r.instructions.loopArticle : row.loop_kind === 'report_cycle' ? r.instructions.reportArticle : null,
      };
    });
  });
}

export async function getInstruction(deps: AppDeps, tenantId: string, id: string) {
  return runQuery(deps, async (tx) => {
    const { row, entries } = await loadInstruction(tx, tenantId, id);
    const trail = (await tx.query(`SELECT seq, at, actor_name, action, article, payload FROM audit_records WHERE tenant_id = $1 AND object_type = 'instruction' AND object_id = $2 ORDER BY seq`, [tenantId, id])).rows;
    return { ...row, entries, trail };
  });
}

// ---------------- supervision items ----------------

export interface ItemInput {
  title: string;
  kind: string;
  scope: ItemScope;
  supervisorUnitId: string;
  leadUnitId: string;
  cooperatingUnitIds: string[];
  source?: SourceRef;
  designation?: Designation;
  findingSource?: string;
  /** another limit set by the plan (第八十六条 allows it through supervision.items.timeLimit.overridable) */
  due?: string;
  dueReason?: string;
}

export async function openItem(deps: AppDeps, actor: Actor, input: ItemInput) {
  try {
    return await runUseCase(deps, actor, async (ctx) => {
      const today = shanghaiDate(ctx.now);
      const r = rulesOn(today);
      const org = await requireOrg(ctx.tx, actor.tenantId);
      const draft: ItemDraft = {
        title: input.title, kind: input.kind, scope: input.scope,
        supervisor: unitRef(org, input.supervisorUnitId), lead: unitRef(org, input.leadUnitId),
        cooperating: input.cooperatingUnitIds.map((u) => unitRef(org, u)),
        source: input.source, designation: input.designation, findingSource: input.findingSource, openedOn: today,
      };
      if (input.source?.type === 'instruction') {
        const s = await ctx.tx.query('SELECT 1 FROM sup_instructions WHERE tenant_id = $1 AND id = $2', [actor.tenantId, input.source.id]);
        if (!s.rows.length) throw new AppError('SUP.SOURCE_NOT_FOUND', { message: `来源批示不存在：${input.source.id}` });
      }
      // serialise openings per tenant so that two clerks cannot open the same matter at once
      await ctx.tx.query('SELECT id FROM tenants WHERE id = $1 FOR UPDATE', [actor.tenantId]);
      const open = (await ctx.tx.query(`SELECT i.id, i.title, i.matter_key, i.supervisor_unit_id FROM sup_items i WHERE i.tenant_id = $1 AND i.closed_on IS NULL`, [actor.tenantId])).rows as any[];
      const d = checkOpening(draft, open.map((o) => ({ id: o.id, title: o.title, matterKey: o.matter_key, supervisorUnitId: o.supervisor_unit_id, supervisorName: unitName(org, o.supervisor_unit_id) })), governmentUnitId(org), r.items);
      const override = input.due ? { by: actor.name, reason: input.dueReason ?? '督查方案另定时限', due: input.due as IsoDateC } : undefined;
      const deadline = computeDeadline(r.itemDeadline, today, shippedCalendar(), override);
      const violations = [...(d.ok ? [] : d.violations), ...(deadline.ok ? [] : deadline.violations)];
      if (violations.length || !d.ok || !deadline.ok) throw refuseAll('SUP.REFUSED', violations);
      const dl = deadline.value;
      const chaseFrom = followUp({ due: dl.due, unknownYears: dl.unknownYears, closed: false, lastReportOn: today }, today, shippedCalendar(), r.followUp).chaseFrom;
      const leader = leaderInCharge(org, input.leadUnitId, today)?.positionId ?? null;
      const id = newId('sup');
      await ctx.tx.query(
        `INSERT INTO sup_items (tenant_id, id, title, kind, scope, supervisor_unit_id, lead_unit_id, cooperating_unit_ids, leader_position_id, source_type, source_id,
          matter_key, designation, finding_source, opened_on, due, chase_from, unknown_years, deadline, stage_on, last_report_on, pack_id, created_by, created_at)
         VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19,$15,$15,$20,$21,$22)`,
        [actor.tenantId, id, input.title, input.kind, input.scope, input.supervisorUnitId, input.leadUnitId, input.cooperatingUnitIds, leader,
          input.source?.type ?? null, input.source?.id ?? null, d.value.matterKey, input.designation ? JSON.stringify(input.designation) : null, input.findingSource ?? null,
          today, dl.due, chaseFrom, dl.unknownYears, JSON.stringify(dl), r.packId, actor.name, ctx.now]);
      await ctx.tx.query(`INSERT INTO sup_item_events (tenant_id, id, item_id, event_type, stage, on_date, summary, detail, recorded_by, recorded_at) VALUES ($1,$2,$3,'stage','opened',$4,$5,$6,$7,$8)`,
        [actor.tenantId, newId('ev'), id, today, `立项：${input.title}`, JSON.stringify({ due: dl.due, designation: input.designation ?? null }), actor.name, ctx.now]);
      await trackItemDeadline(ctx, id, r.itemDeadline, today, override);
      await scheduleItemTimers(ctx, id, dl.due, chaseFrom);
      await ctx.audit({ action: 'supervision.opened', objectType: 'supervision_item', objectId: id, article: r.items.lifecycleArticle,
        payload: { title: input.title, kind: input.kind, scope: input.scope, supervisor: input.supervisorUnitId, lead: input.leadUnitId, cooperating: input.cooperatingUnitIds, due: dl.due, designation: input.designation ?? null, source: input.source ?? null } });
      return { id, due: dl.due, deadline: dl, leaderPositionId: leader };
    });
  } catch (e) {
    if (pgErrorCode(e) === '23505') {
      const article = rulesOn(shanghaiDate(deps.clock.now())).items.duplicateArticle;
      throw refusal('SUP.DUPLICATE_SUPERVISION', [{ code: 'SUP.DUPLICATE_SUPERVISION', message: `${basedOn(article)}，严禁重复督查：该事项刚由他人立项督查`, article }]);
    }
    throw e;
  }
}

async function lockItem(tx: Queryable, tenantId: string, id: string) {
  const { rows } = await tx.query('SELECT * FROM sup_items WHERE tenant_id = $1 AND id = $2 FOR UPDATE', [tenantId, id]);
  if (!rows.length) throw new AppError('SUP.NOT_FOUND', { message: `督查事项不存在：${id}` });
  return rows[0] as any;
}

const checkVersion = (row: any, version?: number) => {
  if (version != null && row.version !== version) throw new AppError('REQUEST.CONFLICT', { message: '督查事项已被他人修改，请刷新后重试', details: { current: row.version } });
};

export async function advanceItem(deps: AppDeps, actor: Actor, id: string, step: { to: ItemStage; on: string; summary: string; conclusion?: string; incentive?: string; version?: number }) {
  return runUseCase(deps, actor, async (ctx) => {
    const today = shanghaiDate(ctx.now);
    const r = rulesOn(today);
    const row = await lockItem(ctx.tx, actor.tenantId, id);
    checkVersion(row, step.version);
    const d = checkAdvance({ stage: row.stage, kind: row.kind, closed: row.closed_on != null, reportedToGovernment: row.reported_to_government }, step, today, row.stage_on, r.items);
    if (!d.ok) throw refuseAll('SUP.REFUSED', d.violations);
    const closing = step.to === 'applied';
    await ctx.tx.query(`UPDATE sup_items SET stage = $3, stage_on = $4, closed_on = $5, version = version + 1 WHERE tenant_id = $1 AND id = $2`,
      [actor.tenantId, id, step.to, step.on, closing ? step.on : null]);
    if (closing) await cancelItemTimers(ctx, id);
    await ctx.tx.query(`INSERT INTO sup_item_events (tenant_id, id, item_id, event_type, stage, on_date, summary, detail, recorded_by, recorded_at) VALUES ($1,$2,$3,'stage',$4,$5,$6,$7,$8,$9)`,
      [actor.tenantId, newId('ev'), id, step.to, step.on, step.summary, JSON.stringify({ conclusion: step.conclusion ?? null, incentive: step.incentive ?? null }), actor.name, ctx.now]);
    await ctx.audit({ action: closing ? 'supervision.closed' : 'supervision.stage', objectType: 'supervision_item', objectId: id, article: r.items.lifecycleArticle,
      payload: { from: row.stage, to: step.to, stageLabel: stageLabel(step.to, r.items), on: step.on, summary: step.summary, conclusion: step.conclusion ?? null, incentive: step.incentive ?? null } });
    return { stage: step.to, closedOn: closing ? step.on : null };
  });
}

export async function recordItemEvent(deps: AppDeps, actor: Actor, id: string, type: 'progress' | 'chase' | 'government_report', input: { on: string; summary: string }) {
  return runUseCase(deps, actor, async (ctx) => {
    const today = shanghaiDate(ctx.now);
    const r = rulesOn(today);
    const row = await lockItem(ctx.tx, actor.tenantId, id);
    const v: Violation[] = [];
    if (row.closed_on) v.push({ code: 'SUP.ITEM_CLOSED', message: '该督查事项已办结' });
    if (input.on > today) v.push({ code: 'SUP.DATE_IN_FUTURE', message: `日期${input.on}晚于今天` });
    if (input.on < row.opened_on) v.push({ code: 'SUP.STAGE_DATE_ORDER', message: `日期早于立项日期${row.opened_on}` });
    if (!input.summary.trim()) v.push({ code: 'SUP.STAGE_SUMMARY_MISSING', message: '应写明情况' });
    if (v.length) throw refuseAll('SUP.REFUSED', v);
    let detail: Record<string, unknown> = {};
    if (type === 'chase') {
      const f = followUp({ due: row.due, unknownYears: row.unknown_years ?? [], closed: false, lastReportOn: row.last_report_on }, today, shippedCalendar(), r.followUp);
      detail = { escalationLevel: f.escalationLevel, escalateTo: f.escalateTo, state: f.state };
    }
    if (type === 'progress') await ctx.tx.query('UPDATE sup_items SET last_report_on = $3, version = version + 1 WHERE tenant_id = $1 AND id = $2', [actor.tenantId, id, input.on]);
    if (type === 'government_report') await ctx.tx.query('UPDATE sup_items SET reported_to_government = true, version = version + 1 WHERE tenant_id = $1 AND id = $2', [actor.tenantId, id]);
    await ctx.tx.query(`INSERT INTO sup_item_events (tenant_id, id, item_id, event_type, on_date, summary, detail, recorded_by, recorded_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9)`,
      [actor.tenantId, newId('ev'), id, type, input.on, input.summary, JSON.stringify(detail), actor.name, ctx.now]);
    const article = type === 'government_report' ? r.items.rectificationArticle : r.followUp.article;
    await ctx.audit({ action: `supervision.${type}`, objectType: 'supervision_item', objectId: id, article, payload: { ...input, ...detail } });
    return { ok: true, ...detail };
  });
}

export interface ItemPage {
  /** one of ITEM_STAGES, or all stages */
  stage?: ItemStage;
  limit?: number;
  offset?: number;
}

/** Who handles a post's items on a day and the leader's label, resolved once per post within a read:
 *  every item of a post has the same handler on the same day (第十一条 AB岗, 第十三条). */
function handlerCache(org: Org, today: string) {
  const delegation = orgRulesOn(today).delegation;
  const handlers = new Map<string, ReturnType<typeof handlerOf>>();
  const leaders = new Map<string, string>();
  const units = new Map<string, string>();
  return {
    handler: (positionId: string) => {
      let h = handlers.get(positionId);
      if (!h) handlers.set(positionId, (h = handlerOf(org, positionId, today, delegation)));
      return h;
    },
    leader: (positionId: string | null) => {
      if (!positionId) return '';
      let l = leaders.get(positionId);
      if (l == null) leaders.set(positionId, (l = leaderName(org, positionId, today)));
      return l;
    },
    unit: (id: string | null) => {
      if (!id) return '';
      let n = units.get(id);
      if (n == null) units.set(id, (n = unitName(org, id)));
      return n;
    },
  };
}

function itemViews(rows: any[], org: Org, today: string) {
  const r = rulesOn(today);
  const cal = shippedCalendar();
  const c = handlerCache(org, today);
  return rows.map((row) => {
    const f = followUp({ due: row.due, unknownYears: row.unknown_years ?? [], closed: row.closed_on != null, lastReportOn: row.last_report_on }, today, cal, r.followUp);
    const handler = row.leader_position_id ? c.handler(row.leader_position_id) : null;
    const deadline = typeof row.deadline === 'string' ? JSON.parse(row.deadline) : row.deadline;
    return {
      id: row.id, title: row.title, kind: row.kind, kindLabel: r.items.kinds.find((k) => k.code === row.kind)?.label ?? row.kind,
      scope: row.scope, scopeLabel: SCOPE_LABELS[row.scope as ItemScope],
      supervisor: c.unit(row.supervisor_unit_id), leadUnitId: row.lead_unit_id, leadUnit: c.unit(row.lead_unit_id),
      cooperating: (row.cooperating_unit_ids as string[]).map((u) => c.unit(u)),
      leaderPositionId: row.leader_position_id, leader: c.leader(row.leader_position_id), handler,
      source: row.source_type ? { type: row.source_type, id: row.source_id } : null,
      designation: row.designation, findingSource: row.finding_source,
      openedOn: row.opened_on, due: row.due, stage: row.stage, stageLabel: stageLabel(row.stage, r.items),
      stageIndex: ITEM_STAGES.indexOf(row.stage), closedOn: row.closed_on ?? null,
      reportedToGovernment: row.reported_to_government, lastReportOn: row.last_report_on, followUp: f, version: row.version,
      deadline: { label: deadline?.label ?? '', due: row.due, remindFrom: f.chaseFrom, unknownYears: row.unknown_years ?? [], override: deadline?.override ?? null },
    };
  });
}

const ITEM_ORDER = 'ORDER BY closed_on NULLS FIRST, due, created_at, id';

/** The board: every item with its deadline state, 催办/escalation and who handles it today (the 台账 export). */
export async function listItems(deps: AppDeps, tenantId: string, now: Date) {
  return runQuery(deps, async (tx) => {
    const today = shanghaiDate(now);
    const org = await requireOrg(tx, tenantId);
    const rows = (await tx.query(`SELECT * FROM sup_items WHERE tenant_id = $1 ${ITEM_ORDER}`, [tenantId])).rows as any[];
    return itemViews(rows, org, today);
  });
}

/** One page of the board, with the counts the board shows over all items: per stage, overdue and due soon
 *  (the deadline state of an open item depends only on its due date and the calendar, so it is counted
 *  once per distinct due date). */
export async function pageItems(deps: AppDeps, tenantId: string, now: Date, page: ItemPage) {
  return runQuery(deps, async (tx) => {
    const today = shanghaiDate(now);
    const r = rulesOn(today);
    const org = await requireOrg(tx, tenantId);
    const limit = page.limit ?? 200;
    const offset = page.offset ?? 0;
    const rows = (await tx.query(`SELECT * FROM sup_items WHERE tenant_id = $1 AND ($2::text IS NULL OR stage = $2) ${ITEM_ORDER} LIMIT $3 OFFSET $4`,
      [tenantId, page.stage ?? null, limit, offset])).rows as any[];
    const byStage = (await tx.query(`SELECT stage, count(*)::int AS n FROM sup_items WHERE tenant_id = $1 GROUP BY stage`, [tenantId])).rows as { stage: string; n: number }[];
    const dues = (await tx.query(`SELECT to_char(due, 'YYYY-MM-DD') AS due, cardinality(unknown_years) > 0 AS unknown, count(*)::int AS n
      FROM sup_items WHERE tenant_id = $1 AND closed_on IS NULL GROUP BY 1, 2`, [tenantId])).rows as { due: string; unknown: boolean; n: number }[];
    const cal = shippedCalendar();
    let overdue = 0, dueSoon = 0;
    for (const d of dues) {
      const state = followUp({ due: d.due, unknownYears: d.unknown ? [0] : [], closed: false, lastReportOn: d.due }, today, cal, r.followUp).state;
      if (state === 'overdue') overdue += d.n;
      else if (state === 'due_soon') dueSoon += d.n;
    }
    const counts = Object.fromEntries(ITEM_STAGES.map((s) => [s, byStage.find((b) => b.stage === s)?.n ?? 0]));
    const all = byStage.reduce((a, b) => a + b.n, 0);
    return { items: itemViews(rows, org, today), total: page.stage ? counts[page.stage] : all, limit, offset, counts, all, overdue, dueSoon };
  });
}

export async function getItem(deps: AppDeps, tenantId: string, id: string, now: Date) {
  return runQuery(deps, async (tx) => {
    const rows = (await tx.query('SELECT * FROM sup_items WHERE tenant_id = $1 AND id = $2', [tenantId, id])).rows as any[];
    if (!rows.length) throw new AppError('SUP.NOT_FOUND', { message: `督查事项不存在：${id}` });
    const [item] = itemViews(rows, await requireOrg(tx, tenantId), shanghaiDate(now));
    const events = (await tx.query('SELECT * FROM sup_item_events WHERE tenant_id = $1 AND item_id = $2 ORDER BY recorded_at', [tenantId, id])).rows;
    // 第五十条 责任倒查: who decided what and when, from the audit record
    const trail = (await tx.query(`SELECT seq, at, actor_name, action, article, payload FROM audit_records WHERE tenant_id = $1 AND object_type = 'supervision_item' AND object_id = $2 ORDER BY seq`, [tenantId, id])).rows;
    return { ...item, events, trail };
  });
}

// the grouping key of each view, as SQL over sup_items; '-' for items without a leader in charge
const GROUP_KEY: Record<GroupBy, string> = {
  department: 'lead_unit_id',
  leader: "coalesce(leader_position_id, '-')",
  kind: 'kind',
  month: "to_char(due, 'YYYY-MM')",
};

/** 第五十条 performance over the items due within the period: the counts come from one GROUP BY; the
 *  labels and the fixed order (by name, months by time; never a ranking, 第九十三条) from the domain. */
export async function performanceView(deps: AppDeps, tenantId: string, now: Date, by: GroupBy, period: { from: string; to: string }) {
  return runQuery(deps, async (tx) => {
    const today = shanghaiDate(now);
    const r = rulesOn(today);
    const org = await requireOrg(tx, tenantId);
    const rows = (await tx.query(`SELECT ${GROUP_KEY[by]} AS key,
        count(*) FILTER (WHERE closed_on IS NOT NULL AND closed_on <= due)::int AS on_time,
        count(*) FILTER (WHERE closed_on IS NOT NULL AND closed_on > due)::int AS late,
        count(*) FILTER (WHERE closed_on IS NULL AND due < $4::date)::int AS overdue_open,
        count(*) FILTER (WHERE closed_on IS NULL AND due >= $4::date)::int AS open
      FROM sup_items WHERE tenant_id = $1 AND due BETWEEN $2::date AND $3::date GROUP BY 1`, [tenantId, period.from, period.to, today])).rows as any[];
    const c = handlerCache(org, today);
    const labelOf = (key: string): string => {
      switch (by) {
        case 'department': return c.unit(key);
        case 'leader': return key === '-' ? '（未明确分管领导）' : c.leader(key);
        case 'kind': return r.items.kinds.find((k) => k.code === key)?.label ?? key;
        case 'month': return `${key.slice(0, 4)}年${Number(key.slice(5, 7))}月`;
      }
    };
    const counts: GroupCounts[] = rows.map((x) => ({ key: x.key, label: labelOf(x.key), onTime: x.on_time, late: x.late, overdueOpen: x.overdue_open, open: x.open }));
    return { by, period, ...performanceOfCounts(counts, by) };
  });
}

/** The items of one group of the performance view (the drill-down), a page at a time. */
export async function performanceItems(deps: AppDeps, tenantId: string, now: Date, by: GroupBy, period: { from: string; to: string }, key: string, page: { limit: number; offset: number }) {
  return runQuery(deps, async (tx) => {
    const today = shanghaiDate(now);
    const org = await requireOrg(tx, tenantId);
    const where = `tenant_id = $1 AND due BETWEEN $2::date AND $3::date AND ${GROUP_KEY[by]} = $4`;
    const total = (await tx.query(`SELECT count(*)::int AS n FROM sup_items WHERE ${where}`, [tenantId, period.from, period.to, key])).rows[0] as { n: number };
    const rows = (await tx.query(`SELECT * FROM sup_items WHERE ${where} ${ITEM_ORDER} LIMIT $5 OFFSET $6`, [tenantId, period.from, period.to, key, page.limit, page.offset])).rows as any[];
    const items = itemViews(rows, org, today).map((i) => ({ id: i.id, title: i.title, leadUnit: i.leadUnit, due: i.due, closedOn: i.closedOn, state: i.followUp.state }));
    return { by, period, key, total: total.n, limit: page.limit, offset: page.offset, items };
  });
}

export const unitOptions = (deps: AppDeps, tenantId: string) => runQuery(deps, async (tx) => {
  const org = await requireOrg(tx, tenantId);
  return org.units.filter((u) => u.kind !== 'external').map((u) => ({ id: u.id, name: u.shortName, kind: u.kind }));
});
