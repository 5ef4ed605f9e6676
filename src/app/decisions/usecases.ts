// Decisions use cases: major administrative decisions (第三十一条, 第三十五条, 第三十六条), collective matters
// (第十条, 第三十二条, 第三十三条), normative documents (第二十七条–第二十九条), legislation (第二十四条,
// 第二十六条), filing and inquiries (第四十二条), changes (第九十四条). Each write is one transaction with its
// audit record citing the article; refusals carry every violated rule and change nothing.
import { randomBytes } from 'node:crypto';
import { AppError, refusal } from '../../errors/index.ts';
import type { Queryable } from '../../store/db.ts';
import { deadlineState, DEADLINE_STATE_LABELS } from '../../domain/calendar/deadline.ts';
import { workingDayOnOrAfter } from '../../domain/calendar/calendar.ts';
import {
  checkAnswer, checkChange, checkCollectiveMatter, checkConsultation, checkCorrection, checkDecide, checkDispute, checkDraft, checkFiling,
  checkInquiry, checkIssue, checkLegislationAdvance, checkLegislationDraft, checkMeetingLink, checkStepRecord, checkTracking, formLabel,
  legislationStageLabel, stepLabel, STAGE, type MeetingDecisionRef, type NormativeDraft, type NormativeFile, type StepRecord,
} from '../../domain/decisions/index.ts';
import { unitById, type Org } from '../../domain/org/index.ts';
import type { Violation } from '../../domain/shared/violation.ts';
import { shippedCalendar } from '../calendar/files.ts';
import { requireOrg, shanghaiDate } from '../org/usecases.ts';
import { runQuery, runUseCase, type Actor, type AppDeps, type UseCaseContext } from '../context.ts';
import { decisionsRulesOn } from './rules.ts';
import { cancelEvaluationReminder, EVALUATION_REMINDED, scheduleEvaluationReminder } from './timers.ts';

export const newId = (prefix: string) => `${prefix}-${randomBytes(6).toString('hex')}`;
const refuseAll = (v: Violation[]) => refusal(v.length === 1 ? v[0].code : 'DEC.REFUSED', v);
const json = (v: unknown) => (typeof v === 'string' ? JSON.parse(v) : v);
const MEETING_LABELS: Record<string, string> = { plenary: '市政府全体会议', executive: '市政府常务会议', mayorsOffice: '市长办公会议', special: '专题会议' };

function unit(org: Org, id: string) {
  const u = unitById(org, id);
  if (!u) throw new AppError('DEC.UNKNOWN_UNIT', { message: `未知的单位：${id}`, details: { unitId: id } });
  return { id: u.id, name: u.shortName };
}
const unitName = (org: Org, id: string) => unitById(org, id)?.shortName ?? id;

async function one(tx: Queryable, sql: string, params: unknown[], what: string) {
  const { rows } = await tx.query(sql, params);
  if (!rows.length) throw new AppError('DEC.NOT_FOUND', { message: `${what}不存在` });
  return rows[0] as any;
}

/** The meeting decision on a topic, from the meetings context's tables. */
export async function meetingDecisionOf(tx: Queryable, tenantId: string, topicId: string, meetingId?: string): Promise<MeetingDecisionRef | null> {
  const { rows } = await tx.query(
    `SELECT md.meeting_id, md.topic_id, md.outcome, md.decided_at, m.type, t.title FROM meeting_decisions md
       JOIN meetings m ON m.id = md.meeting_id JOIN meeting_topics t ON t.id = md.topic_id
      WHERE md.tenant_id = $1 AND md.topic_id = $2`, [tenantId, topicId]);
  const r = rows[0] as any;
  if (!r || (meetingId && r.meeting_id !== meetingId)) return null;
  return { meetingId: r.meeting_id, meetingType: r.type, meetingLabel: MEETING_LABELS[r.type] ?? r.type, topicId: r.topic_id, topicTitle: r.title, outcome: r.outcome, decidedOn: shanghaiDate(new Date(r.decided_at)) };
}

async function linkViolations(ctx: UseCaseContext, ref: { topicId?: string; meetingId?: string }, article: number) {
  const r = decisionsRulesOn(shanghaiDate(ctx.now));
  const found = ref.topicId ? await meetingDecisionOf(ctx.tx, ctx.actor.tenantId, ref.topicId, ref.meetingId) : null;
  return { found, violations: checkMeetingLink(!!ref.topicId, found, article, r.collective) };
}

// ---------------- 重大行政决策 ----------------

export async function registerMajorDecision(deps: AppDeps, actor: Actor, input: { title: string; leadUnitId: string; summary?: string }) {
  return runUseCase(deps, actor, async (ctx) => {
    const r = decisionsRulesOn(shanghaiDate(ctx.now));
    const org = await requireOrg(ctx.tx, actor.tenantId);
    unit(org, input.leadUnitId);
    if (!input.title.trim()) throw refuseAll([{ code: 'DEC.TITLE_MISSING', message: '应写明决策事项名称' }]);
    const id = newId('major');
    await ctx.tx.query(`INSERT INTO dec_major_decisions (id, tenant_id, title, lead_unit_id, summary, status, pack_id, created_by, created_at) VALUES ($1,$2,$3,$4,$5,'draft',$6,$7,$8)`,
      [id, actor.tenantId, input.title, input.leadUnitId, input.summary ?? '', r.packId, actor.name, ctx.now]);
    await ctx.audit({ action: 'major_decision.registered', objectType: 'major_decision', objectId: id, article: r.major.stepsArticle, payload: input });
    return { id };
  });
}

async function loadMajor(tx: Queryable, tenantId: string, id: string, lock = false) {
  const row = await one(tx, `SELECT * FROM dec_major_decisions WHERE tenant_id = $1 AND id = $2 ${lock ? 'FOR UPDATE' : ''}`, [tenantId, id], '重大行政决策');
  const steps = (await tx.query('SELECT * FROM dec_major_steps WHERE tenant_id = $1 AND decision_id = $2 ORDER BY seq', [tenantId, id])).rows as any[];
  const consultations = (await tx.query('SELECT * FROM dec_consultations WHERE tenant_id = $1 AND decision_id = $2 ORDER BY seq', [tenantId, id])).rows as any[];
  const tracking = (await tx.query('SELECT * FROM dec_tracking WHERE tenant_id = $1 AND decision_id = $2 ORDER BY on_date, seq', [tenantId, id])).rows as any[];
  const latest = new Map<string, StepRecord>();
  for (const s of steps) latest.set(s.step, { step: s.step, applicable: s.applicable, evidence: s.evidence, reason: s.reason, on: s.on_date });
  return { row, steps, consultations, tracking, latest: [...latest.values()] };
}

export async function recordMajorStep(deps: AppDeps, actor: Actor, id: string, rec: StepRecord) {
  return runUseCase(deps, actor, async (ctx) => {
    const today = shanghaiDate(ctx.now);
    const r = decisionsRulesOn(today);
    const { row } = await loadMajor(ctx.tx, actor.tenantId, id, true);
    const d = checkStepRecord(rec, today, row.status !== 'draft', r.major);
    if (!d.ok) throw refuseAll(d.violations);
    await ctx.tx.query(`INSERT INTO dec_major_steps (tenant_id, decision_id, step, applicable, evidence, reason, on_date, recorded_by, recorded_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9)`,
      [actor.tenantId, id, rec.step, rec.applicable, rec.evidence, rec.reason, rec.on, actor.name, ctx.now]);
    await ctx.tx.query('UPDATE dec_major_decisions SET version = version + 1 WHERE tenant_id = $1 AND id = $2', [actor.tenantId, id]);
    await ctx.audit({ action: 'major_decision.step_recorded', objectType: 'major_decision', objectId: id, article: r.major.stepsArticle, payload: { ...rec, label: stepLabel(rec.step, r.major) } });
    return { ok: true };
  });
}

export async function recordConsultation(deps: AppDeps, actor: Actor, id: string, c: { party: string; form?: string; summary: string; on: string }) {
  return runUseCase(deps, actor, async (ctx) => {
    const today = shanghaiDate(ctx.now);
    const r = decisionsRulesOn(today);
    const { row } = await loadMajor(ctx.tx, actor.tenantId, id, true);
    const d = checkConsultation(c, today, row.status !== 'draft', r.major);
    if (!d.ok) throw refuseAll(d.violations);
    await ctx.tx.query(`INSERT INTO dec_consultations (tenant_id, decision_id, party, form, summary, on_date, recorded_by, recorded_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8)`,
      [actor.tenantId, id, c.party, c.form ?? '', c.summary, c.on, actor.name, ctx.now]);
    await ctx.audit({ action: 'major_decision.consulted', objectType: 'major_decision', objectId: id, article: c.party === r.major.legalAdviser ? r.major.legalAdviserArticle : r.major.consultArticle, payload: c });
    return { ok: true };
  });
}

export async function decideMajor(deps: AppDeps, actor: Actor, id: string, input: { on: string; text: string; evaluationDue?: string; topicId?: string; meetingId?: string }) {
  return runUseCase(deps, actor, async (ctx) => {
    const today = shanghaiDate(ctx.now);
    const r = decisionsRulesOn(today);
    const { row, consultations, latest } = await loadMajor(ctx.tx, actor.tenantId, id, true);
    const link = await linkViolations(ctx, input, r.collective.mattersArticle);
    const state = {
      status: row.status, steps: latest,
      consultedParties: consultations.map((c) => c.party), legalAdviserHeard: consultations.some((c) => c.party === r.major.legalAdviser),
    };
    const d = checkDecide(state, input, link.violations, today, r.major);
    if (!d.ok) throw refuseAll(d.violations);
    const due = workingDayOnOrAfter(shippedCalendar(), input.evaluationDue!);
    await ctx.tx.query(`UPDATE dec_major_decisions SET status = 'decided', decided_on = $3, decision_text = $4, meeting_id = $5, topic_id = $6, evaluation_due = $7,
      evaluation_unknown_years = $8, version = version + 1 WHERE tenant_id = $1 AND id = $2`,
      [actor.tenantId, id, input.on, input.text, link.found!.meetingId, link.found!.topicId, due.date, due.unknownYears]);
    // 第三十六条: the 决策后评估 reminder on the evaluation date
    await scheduleEvaluationReminder(ctx, id, due.date);
    await ctx.audit({ action: 'major_decision.decided', objectType: 'major_decision', objectId: id, article: r.major.stepsArticle,
      payload: { on: input.on, meetingId: link.found!.meetingId, topicId: link.found!.topicId, evaluationDue: due.date, warnings: d.warnings } });
    return { id, evaluationDue: due.date, warnings: d.warnings };
  });
}

export async function recordTracking(deps: AppDeps, actor: Actor, id: string, e: { stage: string; on: string; summary: string }) {
  return runUseCase(deps, actor, async (ctx) => {
    const today = shanghaiDate(ctx.now);
    const r = decisionsRulesOn(today);
    const { row } = await loadMajor(ctx.tx, actor.tenantId, id, true);
    const d = checkTracking(row.status, row.decided_on, e, today, r.major);
    if (!d.ok) throw refuseAll(d.violations);
    await ctx.tx.query(`INSERT INTO dec_tracking (tenant_id, decision_id, stage, on_date, summary, recorded_by, recorded_at) VALUES ($1,$2,$3,$4,$5,$6,$7)`,
      [actor.tenantId, id, e.stage, e.on, e.summary, actor.name, ctx.now]);
    await ctx.tx.query('UPDATE dec_major_decisions SET version = version + 1 WHERE tenant_id = $1 AND id = $2', [actor.tenantId, id]);
    if (e.stage === 'evaluation') await cancelEvaluationReminder(ctx, id);
    await ctx.audit({ action: 'major_decision.tracked', objectType: 'major_decision', objectId: id, article: r.major.trackingArticle, payload: e });
    return { ok: true };
  });
}

function majorView(org: Org, x: Awaited<ReturnType<typeof loadMajor>>, today: string, reminders: { at: string; message: string }[] = []) {
  const r = decisionsRulesOn(today);
  const { row } = x;
  const evaluated = x.tracking.some((t) => t.stage === 'evaluation');
  const due = row.evaluation_due;
  const state = due && !evaluated ? deadlineState({ due, remindFrom: due, unknownYears: row.evaluation_unknown_years ?? [] }, today) : null;
  return {
    id: row.id, title: row.title, leadUnitId: row.lead_unit_id, leadUnit: unitName(org, row.lead_unit_id), summary: row.summary, status: row.status,
    decidedOn: row.decided_on, decisionText: row.decision_text, meetingId: row.meeting_id, topicId: row.topic_id, version: row.version,
    steps: r.major.steps.map((s) => {
      const rec = x.latest.find((l) => l.step === s);
      return { step: s, label: stepLabel(s, r.major), conditional: r.major.conditionalSteps.includes(s), record: rec ?? null };
    }),
    missingSteps: r.major.steps.filter((s) => !x.latest.some((l) => l.step === s)).map((s) => stepLabel(s, r.major)),
    consultations: x.consultations.map((c) => ({ party: c.party, form: c.form, summary: c.summary, on: c.on_date, by: c.recorded_by })),
    tracking: x.tracking.map((t) => ({ stage: t.stage, label: r.major.trackingStages.find((s) => s.code === t.stage)?.label ?? t.stage, on: t.on_date, summary: t.summary })),
    evaluation: due ? { due, done: evaluated, state, stateLabel: state ? DEADLINE_STATE_LABELS[state] : '已评估', article: r.major.trackingArticle, reminders } : null,
  };
}

export async function getMajor(deps: AppDeps, tenantId: string, id: string, now: Date) {
  return runQuery(deps, async (tx) => {
    const x = await loadMajor(tx, tenantId, id);
    // the 决策后评估 reminders the evaluation timer put on the record
    const { rows } = await tx.query(`SELECT at, payload FROM audit_records WHERE tenant_id = $1 AND object_type = 'major_decision' AND object_id = $2 AND action = $3 ORDER BY seq`,
      [tenantId, id, EVALUATION_REMINDED]);
    const reminders = (rows as any[]).map((a) => ({ at: new Date(a.at).toISOString(), message: String((typeof a.payload === 'string' ? JSON.parse(a.payload) : a.payload).message) }));
    return majorView(await requireOrg(tx, tenantId), x, shanghaiDate(now), reminders);
  });
}

// ---------------- 集体决策事项 (第三十二条) ----------------

export async function registerCollectiveMatter(deps: AppDeps, actor: Actor, input: { matter: string; title: string; topicId?: string; meetingId?: string; note?: string }) {
  return runUseCase(deps, actor, async (ctx) => {
    const r = decisionsRulesOn(shanghaiDate(ctx.now));
    const found = input.topicId ? await meetingDecisionOf(ctx.tx, actor.tenantId, input.topicId, input.meetingId) : null;
    const d = checkCollectiveMatter(input.matter, input.title, !!input.topicId, found, r.collective);
    if (!d.ok) throw refuseAll(d.violations);
    const id = newId('coll');
    await ctx.tx.query(`INSERT INTO dec_collective_matters (id, tenant_id, matter, title, meeting_id, topic_id, note, pack_id, recorded_by, recorded_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10)`,
      [id, actor.tenantId, input.matter, input.title, found!.meetingId, found!.topicId, input.note ?? '', r.packId, actor.name, ctx.now]);
    await ctx.audit({ action: 'collective_matter.recorded', objectType: 'collective_matter', objectId: id, article: r.collective.mattersArticle, payload: { ...input, meetingId: found!.meetingId, meetingType: found!.meetingType } });
    return { id, matterLabel: d.value.matterLabel, meeting: found };
  });
}

// ---------------- 第九十四条 ----------------

export async function recordChange(deps: AppDeps, actor: Actor, input: { targetType: 'major_decision' | 'plan' | 'administrative_decision'; targetId?: string; targetTitle?: string; legalBasis: string; reason: string; content?: string; on: string }) {
  return runUseCase(deps, actor, async (ctx) => {
    const today = shanghaiDate(ctx.now);
    const r = decisionsRulesOn(today);
    let issued = true;
    let title = input.targetTitle ?? '';
    if (input.targetType === 'major_decision') {
      const row = await one(ctx.tx, 'SELECT * FROM dec_major_decisions WHERE tenant_id = $1 AND id = $2 FOR UPDATE', [actor.tenantId, input.targetId ?? ''], '重大行政决策');
      issued = row.status === 'decided';
      title = row.title;
    }
    const v = [...(title.trim() ? [] : [{ code: 'DEC.TITLE_MISSING', message: '应写明被改变的规划或行政决定' }])];
    const d = checkChange(issued, input, today, r.major);
    if (!d.ok) v.push(...d.violations);
    if (v.length) throw refuseAll(v);
    const id = newId('chg');
    await ctx.tx.query(`INSERT INTO dec_changes (id, tenant_id, target_type, target_id, target_title, legal_basis, reason, content, on_date, recorded_by, recorded_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11)`,
      [id, actor.tenantId, input.targetType, input.targetId ?? null, title, input.legalBasis, input.reason, input.content ?? '', input.on, actor.name, ctx.now]);
    if (input.targetType === 'major_decision') await ctx.tx.query('UPDATE dec_major_decisions SET version = version + 1 WHERE tenant_id = $1 AND id = $2', [actor.tenantId, input.targetId]);
    await ctx.audit({ action: 'decision.changed', objectType: input.targetType, objectId: input.targetId ?? id, article: r.major.changeArticle, payload: { ...input, targetTitle: title } });
    return { id };
  });
}

// ---------------- 行政规范性文件 ----------------

export interface NormativeInput {
  title: string; draftingUnitId: string; involvedUnitIds: string[]; form: string;
  publicRights: boolean; highAttention: boolean; important: boolean; correctsId?: string;
}

export async function registerNormative(deps: AppDeps, actor: Actor, input: NormativeInput) {
  return runUseCase(deps, actor, async (ctx) => {
    const r = decisionsRulesOn(shanghaiDate(ctx.now));
    const org = await requireOrg(ctx.tx, actor.tenantId);
    const draft: NormativeDraft = { title: input.title, draftingUnit: unit(org, input.draftingUnitId), involvedUnits: input.involvedUnitIds.map((u) => unit(org, u)),
      form: input.form, publicRights: input.publicRights, highAttention: input.highAttention, important: input.important };
    const d = checkDraft(draft, r.normative);
    const v = d.ok ? [] : [...d.violations];
    if (input.correctsId) {
      const orig = await one(ctx.tx, 'SELECT status FROM dec_normative_docs WHERE tenant_id = $1 AND id = $2', [actor.tenantId, input.correctsId], '被纠正的规范性文件');
      if (orig.status !== 'correction_ordered') v.push({ code: 'DEC.NORMATIVE_NOT_ISSUED', article: r.normative.correctionArticle, message: '只有被责令纠正的文件才登记纠正后的文件' });
    }
    if (v.length) throw refuseAll(v);
    const id = newId('norm');
    await ctx.tx.query(`INSERT INTO dec_normative_docs (id, tenant_id, title, drafting_unit_id, involved_unit_ids, form, public_rights, high_attention, important, status, corrects_id, pack_id, created_by, created_at)
      VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,'draft',$10,$11,$12,$13)`,
      [id, actor.tenantId, input.title, input.draftingUnitId, input.involvedUnitIds, input.form, input.publicRights, input.highAttention, input.important, input.correctsId ?? null, r.packId, actor.name, ctx.now]);
    await ctx.audit({ action: 'normative.registered', objectType: 'normative_document', objectId: id, article: r.normative.legalityArticle, payload: { ...input } });
    return { id };
  });
}

export type NormativeRecord =
  | { kind: 'legalityReview'; passed: boolean; opinion: string; on: string }
  | { kind: 'priorRequest'; ref: string; on: string }
  | { kind: 'governmentApproval'; ref: string; on: string }
  | { kind: 'consultation'; unitId: string; opinion: string; on: string }
  | { kind: 'checklist'; items: Record<string, boolean>; on: string };

export async function recordNormative(deps: AppDeps, actor: Actor, id: string, rec: NormativeRecord) {
  return runUseCase(deps, actor, async (ctx) => {
    const today = shanghaiDate(ctx.now);
    const r = decisionsRulesOn(today);
    const org = await requireOrg(ctx.tx, actor.tenantId);
    const row = await one(ctx.tx, 'SELECT * FROM dec_normative_docs WHERE tenant_id = $1 AND id = $2 FOR UPDATE', [actor.tenantId, id], '规范性文件');
    const v: Violation[] = [];
    if (row.status !== 'draft') v.push({ code: 'DEC.NORMATIVE_NOT_DRAFT', message: '该规范性文件已印发，审查和核对记录不再补录' });
    if (rec.on > today) v.push({ code: 'DEC.DATE_IN_FUTURE', message: `日期${rec.on}晚于今天` });
    let article = r.normative.legalityArticle;
    let set = '';
    let value: unknown;
    switch (rec.kind) {
      case 'legalityReview':
        if (!rec.opinion.trim()) v.push({ code: 'DEC.LEGALITY_REVIEW_MISSING', article, message: '应写明合法性审查意见' });
        set = 'legality_review = $3'; value = JSON.stringify({ passed: rec.passed, opinion: rec.opinion, on: rec.on, by: actor.name });
        break;
      case 'priorRequest':
      case 'governmentApproval':
        article = rec.kind === 'priorRequest' ? r.normative.priorRequestArticle : r.normative.jointApprovalArticle;
        if (!rec.ref.trim()) v.push({ code: rec.kind === 'priorRequest' ? 'DEC.PRIOR_REQUEST_MISSING' : 'DEC.JOINT_APPROVAL_MISSING', article, message: '应写明请示或批准的文号' });
        set = `${rec.kind === 'priorRequest' ? 'prior_request' : 'government_approval'} = $3`; value = JSON.stringify({ ref: rec.ref, on: rec.on });
        break;
      case 'consultation':
        article = r.normative.crossArticle;
        unit(org, rec.unitId);
        if (!(row.involved_unit_ids as string[]).includes(rec.unitId)) v.push({ code: 'DEC.DEPARTMENT_NOT_CONSULTED', article, message: '该单位不在涉及部门之列' });
        if (!rec.opinion.trim()) v.push({ code: 'DEC.DEPARTMENT_NOT_CONSULTED', article, message: '应写明相关部门的意见' });
        set = 'consulted_unit_ids = array_append(consulted_unit_ids, $3)'; value = rec.unitId;
        break;
      case 'checklist': {
        article = r.normative.forbiddenArticle;
        const unknown = Object.keys(rec.items).filter((k) => !r.normative.forbidden.includes(k));
        if (unknown.length) v.push({ code: 'DEC.CHECKLIST_INCOMPLETE', article, message: `未知的核对项：${unknown.join('、')}` });
        set = 'checklist = $3'; value = JSON.stringify({ ...json(row.checklist), ...rec.items });
        break;
      }
    }
    if (v.length) throw refuseAll(v);
    await ctx.tx.query(`UPDATE dec_normative_docs SET ${set}, version = version + 1 WHERE tenant_id = $1 AND id = $2`, [actor.tenantId, id, value]);
    await ctx.tx.query(`INSERT INTO dec_normative_events (tenant_id, doc_id, kind, payload, on_date, recorded_by, recorded_at) VALUES ($1,$2,$3,$4,$5,$6,$7)`,
      [actor.tenantId, id, rec.kind, JSON.stringify(rec), rec.on, actor.name, ctx.now]);
    await ctx.audit({ action: `normative.${rec.kind}`, objectType: 'normative_document', objectId: id, article, payload: rec });
    return { ok: true };
  });
}

const GOVERNMENT_FORMS = ['governmentRule', 'governmentDecision'];

export async function issueNormative(deps: AppDeps, actor: Actor, id: string, input: { docNumber: string; issuedOn: string }) {
  return runUseCase(deps, actor, async (ctx) => {
    const today = shanghaiDate(ctx.now);
    const r = decisionsRulesOn(today);
    const org = await requireOrg(ctx.tx, actor.tenantId);
    const row = await one(ctx.tx, 'SELECT * FROM dec_normative_docs WHERE tenant_id = $1 AND id = $2 FOR UPDATE', [actor.tenantId, id], '规范性文件');
    const draft: NormativeDraft = { title: row.title, draftingUnit: unit(org, row.drafting_unit_id), involvedUnits: (row.involved_unit_ids as string[]).map((u) => unit(org, u)),
      form: row.form, publicRights: row.public_rights, highAttention: row.high_attention, important: row.important };
    const file: NormativeFile = { legalityReview: json(row.legality_review) ?? undefined, priorRequest: json(row.prior_request) ?? undefined, governmentApproval: json(row.government_approval) ?? undefined,
      consultedUnitIds: row.consulted_unit_ids, checklist: json(row.checklist) ?? {} };
    const d = checkIssue(draft, file, row.status, r.normative);
    const v = d.ok ? [] : [...d.violations];
    if (!input.docNumber.trim()) v.push({ code: 'DEC.TITLE_MISSING', message: '应写明发文字号' });
    if (input.issuedOn > today) v.push({ code: 'DEC.DATE_IN_FUTURE', message: `印发日期${input.issuedOn}晚于今天` });
    if (v.length) throw refuseAll(v);
    await ctx.tx.query(`UPDATE dec_normative_docs SET status = 'issued', doc_number = $3, issued_on = $4, version = version + 1 WHERE tenant_id = $1 AND id = $2`, [actor.tenantId, id, input.docNumber, input.issuedOn]);
    await ctx.tx.query(`INSERT INTO dec_normative_events (tenant_id, doc_id, kind, payload, on_date, recorded_by, recorded_at) VALUES ($1,$2,'issued',$3,$4,$5,$6)`,
      [actor.tenantId, id, JSON.stringify(input), input.issuedOn, actor.name, ctx.now]);
    if (row.corrects_id) {
      await ctx.tx.query(`UPDATE dec_normative_docs SET status = 'superseded', version = version + 1 WHERE tenant_id = $1 AND id = $2`, [actor.tenantId, row.corrects_id]);
      await ctx.audit({ action: 'normative.superseded', objectType: 'normative_document', objectId: row.corrects_id, article: r.normative.correctionArticle, payload: { by: id } });
    }
    let filingId: string | null = null;
    if (GOVERNMENT_FORMS.includes(row.form)) filingId = await openFiling(ctx, r.filing.instruments[1] ?? '行政规范性文件', 'normative', id, `${row.title}（${input.docNumber}）`, input.issuedOn, r.filing.filedWith, r.filing.article);
    await ctx.audit({ action: 'normative.issued', objectType: 'normative_document', objectId: id, article: r.normative.forbiddenArticle, payload: { ...input, checked: [r.normative.legalityArticle, r.normative.crossArticle, r.normative.forbiddenArticle] } });
    return { id, filingId };
  });
}

export async function correctNormative(deps: AppDeps, actor: Actor, id: string, a: { outcome: string; reason: string; on: string }) {
  return runUseCase(deps, actor, async (ctx) => {
    const today = shanghaiDate(ctx.now);
    const r = decisionsRulesOn(today);
    const row = await one(ctx.tx, 'SELECT * FROM dec_normative_docs WHERE tenant_id = $1 AND id = $2 FOR UPDATE', [actor.tenantId, id], '规范性文件');
    const d = checkCorrection(row.status, a, today, r.normative);
    if (!d.ok) throw refuseAll(d.violations);
    const status = a.outcome === r.normative.correctionOutcomes[0] ? 'correction_ordered' : 'revoked';
    await ctx.tx.query('UPDATE dec_normative_docs SET status = $3, version = version + 1 WHERE tenant_id = $1 AND id = $2', [actor.tenantId, id, status]);
    await ctx.tx.query(`INSERT INTO dec_normative_events (tenant_id, doc_id, kind, payload, on_date, recorded_by, recorded_at) VALUES ($1,$2,$3,$4,$5,$6,$7)`,
      [actor.tenantId, id, status, JSON.stringify(a), a.on, actor.name, ctx.now]);
    await ctx.audit({ action: `normative.${status}`, objectType: 'normative_document', objectId: id, article: r.normative.correctionArticle, payload: a });
    return { id, status };
  });
}

export async function getNormative(deps: AppDeps, tenantId: string, id: string) {
  return runQuery(deps, async (tx) => {
    const org = await requireOrg(tx, tenantId);
    const row = await one(tx, 'SELECT * FROM dec_normative_docs WHERE tenant_id = $1 AND id = $2', [tenantId, id], '规范性文件');
    const events = (await tx.query('SELECT * FROM dec_normative_events WHERE tenant_id = $1 AND doc_id = $2 ORDER BY seq', [tenantId, id])).rows as any[];
    return { ...normativeView(org, row), events: events.map((e) => ({ kind: e.kind, payload: json(e.payload), on: e.on_date, by: e.recorded_by })) };
  });
}

function normativeView(org: Org, row: any) {
  const r = decisionsRulesOn(shanghaiDate(new Date(row.created_at)));
  return {
    id: row.id, title: row.title, draftingUnitId: row.drafting_unit_id, draftingUnit: unitName(org, row.drafting_unit_id),
    involvedUnits: (row.involved_unit_ids as string[]).map((u) => ({ id: u, name: unitName(org, u), consulted: (row.consulted_unit_ids as string[]).includes(u) })),
    form: row.form, formLabel: formLabel(row.form, r.normative), publicRights: row.public_rights, highAttention: row.high_attention, important: row.important,
    status: row.status, docNumber: row.doc_number, issuedOn: row.issued_on, correctsId: row.corrects_id,
    legalityReview: json(row.legality_review), priorRequest: json(row.prior_request), governmentApproval: json(row.government_approval), checklist: json(row.checklist), version: row.version,
  };
}

// ---------------- 立法 (第二十四条, 第二十六条) ----------------

export async function registerLegislation(deps: AppDeps, actor: Actor, input: { title: string; instrument: string; action: string; leadUnitId: string; secret: boolean; secrecyReason?: string; important: boolean; disputed: boolean; on: string }) {
  return runUseCase(deps, actor, async (ctx) => {
    const today = shanghaiDate(ctx.now);
    const r = decisionsRulesOn(today);
    const org = await requireOrg(ctx.tx, actor.tenantId);
    unit(org, input.leadUnitId);
    const d = checkLegislationDraft({ ...input, secrecyReason: input.secrecyReason ?? '' }, r.legislation);
    const v = d.ok ? [] : [...d.violations];
    if (input.on > today) v.push({ code: 'DEC.DATE_IN_FUTURE', message: `立项日期${input.on}晚于今天` });
    if (v.length) throw refuseAll(v);
    const id = newId('leg');
    await ctx.tx.query(`INSERT INTO dec_legislation (id, tenant_id, title, instrument, action, lead_unit_id, secret, secrecy_reason, important, disputed, stage, stage_on, pack_id, created_by, created_at)
      VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15)`,
      [id, actor.tenantId, input.title, input.instrument, input.action, input.leadUnitId, input.secret, input.secrecyReason ?? '', input.important, input.disputed, STAGE.initiated, input.on, r.packId, actor.name, ctx.now]);
    await ctx.tx.query(`INSERT INTO dec_legislation_events (tenant_id, item_id, stage, on_date, summary, recorded_by, recorded_at) VALUES ($1,$2,$3,$4,$5,$6,$7)`,
      [actor.tenantId, id, STAGE.initiated, input.on, `${input.action}${input.instrument}立项`, actor.name, ctx.now]);
    await ctx.audit({ action: 'legislation.registered', objectType: 'legislation', objectId: id, article: r.legislation.registerArticle, payload: input });
    return { id };
  });
}

async function loadLegislation(tx: Queryable, tenantId: string, id: string, lock = false) {
  const row = await one(tx, `SELECT * FROM dec_legislation WHERE tenant_id = $1 AND id = $2 ${lock ? 'FOR UPDATE' : ''}`, [tenantId, id], '立法事项');
  const events = (await tx.query('SELECT * FROM dec_legislation_events WHERE tenant_id = $1 AND item_id = $2 ORDER BY seq', [tenantId, id])).rows as any[];
  const disputes = (await tx.query('SELECT * FROM dec_legislation_disputes WHERE tenant_id = $1 AND item_id = $2 ORDER BY recorded_at', [tenantId, id])).rows as any[];
  return { row, events, disputes };
}

export async function advanceLegislation(deps: AppDeps, actor: Actor, id: string, step: { to: string; on: string; summary: string; topicId?: string; meetingId?: string }) {
  return runUseCase(deps, actor, async (ctx) => {
    const today = shanghaiDate(ctx.now);
    const r = decisionsRulesOn(today);
    const { row, disputes } = await loadLegislation(ctx.tx, actor.tenantId, id, true);
    // 第三十三条: 地方性法规草案和政府规章 are decided at a plenary or executive meeting
    const link = step.to === STAGE.decided ? await linkViolations(ctx, step, r.collective.globalArticle) : { found: null, violations: [] };
    const d = checkLegislationAdvance({
      title: row.title, instrument: row.instrument, action: row.action, secret: row.secret, secrecyReason: row.secrecy_reason, important: row.important, disputed: row.disputed,
      stage: row.stage, lastStageOn: row.stage_on, thirdPartyEvaluated: row.third_party != null, openDisputes: disputes.filter((x) => x.decided_on == null).length,
    }, step, link.violations, today, r.legislation);
    if (!d.ok) throw refuseAll(d.violations);
    await ctx.tx.query(`UPDATE dec_legislation SET stage = $3, stage_on = $4, meeting_id = COALESCE($5, meeting_id), topic_id = COALESCE($6, topic_id),
      published_on = CASE WHEN $3 = '${STAGE.published}' THEN $4::date ELSE published_on END, version = version + 1 WHERE tenant_id = $1 AND id = $2`,
      [actor.tenantId, id, step.to, step.on, link.found?.meetingId ?? null, link.found?.topicId ?? null]);
    await ctx.tx.query(`INSERT INTO dec_legislation_events (tenant_id, item_id, stage, on_date, summary, recorded_by, recorded_at) VALUES ($1,$2,$3,$4,$5,$6,$7)`,
      [actor.tenantId, id, step.to, step.on, step.summary, actor.name, ctx.now]);
    let filingId: string | null = null;
    if (step.to === STAGE.published && r.filing.instruments.includes(row.instrument)) {
      filingId = await openFiling(ctx, row.instrument, 'legislation', id, row.title, step.on, r.filing.filedWith, r.filing.article);
    }
    const article = step.to === STAGE.publicComment || step.to === STAGE.postEvaluation || d.value.skipped.length ? r.legislation.publicCommentArticle : step.to === STAGE.decided ? r.collective.globalArticle : r.legislation.registerArticle;
    await ctx.audit({ action: 'legislation.advanced', objectType: 'legislation', objectId: id, article, payload: { ...step, from: row.stage, skipped: d.value.skipped } });
    return { id, stage: step.to, filingId };
  });
}

export async function recordThirdParty(deps: AppDeps, actor: Actor, id: string, input: { evaluator: string; summary: string; on: string }) {
  return runUseCase(deps, actor, async (ctx) => {
    const today = shanghaiDate(ctx.now);
    const r = decisionsRulesOn(today);
    await loadLegislation(ctx.tx, actor.tenantId, id, true);
    const v: Violation[] = [];
    if (!input.evaluator.trim() || !input.summary.trim()) v.push({ code: 'DEC.THIRD_PARTY_EVALUATION_MISSING', article: r.legislation.thirdPartyArticle, message: '应写明第三方评估机构和评估意见' });
    if (input.on > today) v.push({ code: 'DEC.DATE_IN_FUTURE', message: `日期${input.on}晚于今天` });
    if (v.length) throw refuseAll(v);
    await ctx.tx.query('UPDATE dec_legislation SET third_party = $3, version = version + 1 WHERE tenant_id = $1 AND id = $2', [actor.tenantId, id, JSON.stringify(input)]);
    await ctx.audit({ action: 'legislation.third_party_evaluated', objectType: 'legislation', objectId: id, article: r.legislation.thirdPartyArticle, payload: input });
    return { ok: true };
  });
}

export async function submitDispute(deps: AppDeps, actor: Actor, id: string, input: { issue: string; sides: { unitId: string; position: string; reasons: string }[]; proposal: string; submittedByUnitId: string; on: string }) {
  return runUseCase(deps, actor, async (ctx) => {
    const today = shanghaiDate(ctx.now);
    const r = decisionsRulesOn(today);
    const org = await requireOrg(ctx.tx, actor.tenantId);
    const { row } = await loadLegislation(ctx.tx, actor.tenantId, id, true);
    const handler = org.units.find((u) => u.shortName === r.legislation.disputeHandler)?.id ?? null;
    const sides = input.sides.map((s) => ({ ...s, unitName: unit(org, s.unitId).name }));
    const d = checkDispute({ ...input, sides }, handler, row.stage, r.legislation);
    const v = d.ok ? [] : [...d.violations];
    if (input.on > today) v.push({ code: 'DEC.DATE_IN_FUTURE', message: `日期${input.on}晚于今天` });
    if (v.length) throw refuseAll(v);
    const did = newId('disp');
    await ctx.tx.query(`INSERT INTO dec_legislation_disputes (id, tenant_id, item_id, issue, sides, proposal, submitted_by_unit_id, submitted_on, recorded_by, recorded_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10)`,
      [did, actor.tenantId, id, input.issue, JSON.stringify(sides), input.proposal, input.submittedByUnitId, input.on, actor.name, ctx.now]);
    await ctx.audit({ action: 'legislation.dispute_submitted', objectType: 'legislation', objectId: id, article: r.legislation.disputeArticle, payload: { disputeId: did, ...input } });
    return { id: did };
  });
}

export async function decideDispute(deps: AppDeps, actor: Actor, disputeId: string, input: { decision: string; on: string }) {
  return runUseCase(deps, actor, async (ctx) => {
    const today = shanghaiDate(ctx.now);
    const r = decisionsRulesOn(today);
    const row = await one(ctx.tx, 'SELECT * FROM dec_legislation_disputes WHERE tenant_id = $1 AND id = $2 FOR UPDATE', [actor.tenantId, disputeId], '立法争议');
    const v: Violation[] = [];
    if (row.decided_on) v.push({ code: 'DEC.DISPUTE_DECIDED', article: r.legislation.disputeArticle, message: '该争议已由市政府决定' });
    if (!input.decision.trim()) v.push({ code: 'DEC.DISPUTE_UNRESOLVED', article: r.legislation.disputeArticle, message: '应写明市政府的决定' });
    if (input.on > today || input.on < row.submitted_on) v.push({ code: 'DEC.DATE_IN_FUTURE', message: `日期${input.on}应在报请日期之后、今天之前` });
    if (v.length) throw refuseAll(v);
    await ctx.tx.query('UPDATE dec_legislation_disputes SET decision = $3, decided_on = $4 WHERE tenant_id = $1 AND id = $2', [actor.tenantId, disputeId, input.decision, input.on]);
    await ctx.tx.query('UPDATE dec_legislation SET version = version + 1 WHERE tenant_id = $1 AND id = $2', [actor.tenantId, row.item_id]);
    await ctx.audit({ action: 'legislation.dispute_decided', objectType: 'legislation', objectId: row.item_id, article: r.legislation.disputeArticle, payload: { disputeId, ...input } });
    return { ok: true };
  });
}

function legislationView(org: Org, x: Awaited<ReturnType<typeof loadLegislation>>) {
  const r = decisionsRulesOn(shanghaiDate(new Date(x.row.created_at)));
  const { row } = x;
  return {
    id: row.id, title: row.title, instrument: row.instrument, action: row.action, leadUnitId: row.lead_unit_id, leadUnit: unitName(org, row.lead_unit_id),
    secret: row.secret, secrecyReason: row.secrecy_reason, important: row.important, disputed: row.disputed, stage: row.stage, stageLabel: legislationStageLabel(row.stage, r.legislation),
    stageOn: row.stage_on, thirdParty: json(row.third_party), meetingId: row.meeting_id, topicId: row.topic_id, publishedOn: row.published_on, version: row.version,
    stages: r.legislation.stages,
    events: x.events.map((e) => ({ stage: e.stage, label: legislationStageLabel(e.stage, r.legislation), on: e.on_date, summary: e.summary, by: e.recorded_by })),
    disputes: x.disputes.map((d) => ({ id: d.id, issue: d.issue, sides: json(d.sides), proposal: d.proposal, submittedBy: unitName(org, d.submitted_by_unit_id), submittedOn: d.submitted_on, decision: d.decision, decidedOn: d.decided_on })),
  };
}

export async function getLegislation(deps: AppDeps, tenantId: string, id: string) {
  return runQuery(deps, async (tx) => legislationView(await requireOrg(tx, tenantId), await loadLegislation(tx, tenantId, id)));
}

// ---------------- 备案、询问和质询 (第四十二条) ----------------

async function openFiling(ctx: UseCaseContext, instrument: string, sourceType: 'normative' | 'legislation', sourceId: string, title: string, publishedOn: string, filedWith: string, article: number) {
  const id = newId('filing');
  await ctx.tx.query(`INSERT INTO dec_filings (id, tenant_id, instrument, source_type, source_id, title, published_on, filed_with, status, created_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,'pending',$9)`,
    [id, ctx.actor.tenantId, instrument, sourceType, sourceId, title, publishedOn, filedWith, ctx.now]);
  await ctx.audit({ action: 'filing.opened', objectType: 'filing', objectId: id, article, payload: { instrument, sourceType, sourceId, title, publishedOn, filedWith } });
  return id;
}

export async function recordFiling(deps: AppDeps, actor: Actor, id: string, input: { filedOn: string; ref: string }) {
  return runUseCase(deps, actor, async (ctx) => {
    const today = shanghaiDate(ctx.now);
    const r = decisionsRulesOn(today);
    const row = await one(ctx.tx, 'SELECT * FROM dec_filings WHERE tenant_id = $1 AND id = $2 FOR UPDATE', [actor.tenantId, id], '备案事项');
    const d = checkFiling(row.status, row.published_on, input, today, r.filing);
    if (!d.ok) throw refuseAll(d.violations);
    await ctx.tx.query(`UPDATE dec_filings SET status = 'filed', filed_on = $3, filing_ref = $4, version = version + 1 WHERE tenant_id = $1 AND id = $2`, [actor.tenantId, id, input.filedOn, input.ref]);
    await ctx.audit({ action: 'filing.filed', objectType: 'filing', objectId: id, article: r.filing.article, payload: input });
    return { ok: true };
  });
}

export async function registerInquiry(deps: AppDeps, actor: Actor, input: { kind: string; subject: string; fromBody?: string; receivedOn: string }) {
  return runUseCase(deps, actor, async (ctx) => {
    const today = shanghaiDate(ctx.now);
    const r = decisionsRulesOn(today);
    const d = checkInquiry(input, today, r.filing);
    if (!d.ok) throw refuseAll(d.violations);
    const id = newId('inq');
    await ctx.tx.query(`INSERT INTO dec_inquiries (id, tenant_id, kind, subject, from_body, received_on, created_by, created_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8)`,
      [id, actor.tenantId, input.kind, input.subject, input.fromBody ?? r.filing.filedWith, input.receivedOn, actor.name, ctx.now]);
    await ctx.audit({ action: 'inquiry.registered', objectType: 'inquiry', objectId: id, article: r.filing.inquiryArticle, payload: input });
    return { id };
  });
}

export async function answerInquiry(deps: AppDeps, actor: Actor, id: string, input: { text: string; on: string; answeredBy: string }) {
  return runUseCase(deps, actor, async (ctx) => {
    const today = shanghaiDate(ctx.now);
    const r = decisionsRulesOn(today);
    const row = await one(ctx.tx, 'SELECT * FROM dec_inquiries WHERE tenant_id = $1 AND id = $2 FOR UPDATE', [actor.tenantId, id], '询问、质询');
    const d = checkAnswer(row.answered_on != null, row.received_on, input, today, r.filing);
    if (!d.ok) throw refuseAll(d.violations);
    await ctx.tx.query('UPDATE dec_inquiries SET answer = $3, answered_on = $4, answered_by = $5, version = version + 1 WHERE tenant_id = $1 AND id = $2', [actor.tenantId, id, input.text, input.on, input.answeredBy]);
    await ctx.audit({ action: 'inquiry.answered', objectType: 'inquiry', objectId: id, article: r.filing.inquiryArticle, payload: input });
    return { ok: true };
  });
}

// ---------------- overview ----------------

export async function overview(deps: AppDeps, tenantId: string, now: Date) {
  const today = shanghaiDate(now);
  return runQuery(deps, async (tx) => {
    const org = await requireOrg(tx, tenantId);
    const majors = [];
    for (const m of (await tx.query('SELECT id FROM dec_major_decisions WHERE tenant_id = $1 ORDER BY created_at DESC', [tenantId])).rows as any[]) majors.push(majorView(org, await loadMajor(tx, tenantId, m.id), today));
    const legislation = [];
    for (const l of (await tx.query('SELECT id FROM dec_legislation WHERE tenant_id = $1 ORDER BY created_at DESC', [tenantId])).rows as any[]) legislation.push(legislationView(org, await loadLegislation(tx, tenantId, l.id)));
    const normative = ((await tx.query('SELECT * FROM dec_normative_docs WHERE tenant_id = $1 ORDER BY created_at DESC', [tenantId])).rows as any[]).map((r) => normativeView(org, r));
    const collective = ((await tx.query(`SELECT c.*, t.title AS topic_title, m.type AS meeting_type, m.starts_at FROM dec_collective_matters c
      LEFT JOIN meeting_topics t ON t.id = c.topic_id LEFT JOIN meetings m ON m.id = c.meeting_id WHERE c.tenant_id = $1 ORDER BY c.recorded_at DESC`, [tenantId])).rows as any[]).map((c) => {
      const r = decisionsRulesOn(today);
      return { id: c.id, matter: c.matter, matterLabel: r.collective.matters.find((m) => m.code === c.matter)?.label ?? c.matter, title: c.title, meetingId: c.meeting_id, topicId: c.topic_id, topicTitle: c.topic_title, meeting: MEETING_LABELS[c.meeting_type] ?? c.meeting_type, meetingOn: c.starts_at ? shanghaiDate(new Date(c.starts_at)) : null, note: c.note };
    });
    const changes = ((await tx.query('SELECT * FROM dec_changes WHERE tenant_id = $1 ORDER BY recorded_at DESC', [tenantId])).rows as any[]).map((c) => ({ id: c.id, targetType: c.target_type, targetId: c.target_id, targetTitle: c.target_title, legalBasis: c.legal_basis, reason: c.reason, content: c.content, on: c.on_date, by: c.recorded_by }));
    const filings = ((await tx.query('SELECT * FROM dec_filings WHERE tenant_id = $1 ORDER BY published_on DESC', [tenantId])).rows as any[]).map((f) => ({ id: f.id, instrument: f.instrument, sourceType: f.source_type, sourceId: f.source_id, title: f.title, publishedOn: f.published_on, filedWith: f.filed_with, status: f.status, filedOn: f.filed_on, ref: f.filing_ref }));
    const inquiries = ((await tx.query('SELECT * FROM dec_inquiries WHERE tenant_id = $1 ORDER BY received_on DESC', [tenantId])).rows as any[]).map((q) => ({ id: q.id, kind: q.kind, subject: q.subject, fromBody: q.from_body, receivedOn: q.received_on, answeredOn: q.answered_on, answer: q.answer, answeredBy: q.answered_by }));
    return { today, majors, legislation, normative, collective, changes, filings, inquiries };
  });
}

/** Options for the forms: the pack's lists in force today. */
export function formOptions(now: Date) {
  const r = decisionsRulesOn(shanghaiDate(now));
  return {
    steps: r.major.steps.map((s) => ({ code: s, label: stepLabel(s, r.major), conditional: r.major.conditionalSteps.includes(s) })),
    consultParties: [...r.major.consultParties, r.major.legalAdviser],
    trackingStages: r.major.trackingStages,
    matters: r.collective.matters,
    forms: [{ code: 'department', label: formLabel('department', r.normative) }, ...r.normative.forms],
    forbidden: r.normative.forbidden,
    correctionOutcomes: r.normative.correctionOutcomes,
    instruments: r.legislation.instruments.filter((i) => i !== '行政规范性文件'),
    actions: r.legislation.actions,
    legislationStages: r.legislation.stages,
    inquiryKinds: r.filing.inquiryKinds,
  };
}
