// Accountability use cases: the registers of 第四十四条–第四十九条 with their tracked time limits, internal
// control (第四十三条), contingency plans (第二十二条), dissent (第七十七条) and the accountability list
// (第八十九条). Each write is one transaction with its audit record citing the article; refusals carry
// every violated rule and change nothing.
import { randomBytes } from 'node:crypto';
import { AppError, refusal } from '../../errors/index.ts';
import type { Queryable } from '../../store/db.ts';
import { computeDeadline, deadlineState, DEADLINE_STATE_LABELS } from '../../domain/calendar/deadline.ts';
import { checkStep, obligations, CASE_KIND_LABELS, STATUS_LABELS, STEP_LABELS, stepsOf, type CaseKind, type CaseState, type CaseStep, type StepInput } from '../../domain/accountability/cases.ts';
import { checkSeparation, checkUnknownArea, rotationState } from '../../domain/accountability/separation.ts';
import { checkPlan, planState } from '../../domain/accountability/plans.ts';
import { checkDissent, checkRemade } from '../../domain/accountability/dissent.ts';
import { accountabilityList, type BounceEntry, type OverdueEntry } from '../../domain/accountability/accountability.ts';
import { personById, positionsOf, unitById, type Org } from '../../domain/org/index.ts';
import type { Violation } from '../../domain/shared/violation.ts';
import { currentCalendar } from '../calendar/files.ts';
import { closeDeadline, trackDeadline } from '../calendar/deadlines.ts';
import { requireOrg, shanghaiDate } from '../org/usecases.ts';
import { runQuery, runUseCase, type Actor, type AppDeps, type UseCaseContext } from '../context.ts';
import { publishResultIn } from '../openness/publish.ts';
import { keyRing } from '../../crypto/keys.ts';
import { openPersonal, personalIndex, sealPersonal } from '../privacy/personal-data.ts';
import { pack, rulesOn, type AccountabilityRules, type ResultPublication } from './rules.ts';

export const newId = (prefix: string) => `${prefix}-${randomBytes(6).toString('hex')}`;
const refuseAll = (v: Violation[]) => refusal(v.length === 1 ? v[0].code : 'ACC.REFUSED', v);
const OBJECT = 'acc_case';

function checkUnit(org: Org, id: string | undefined | null) {
  if (id && !unitById(org, id)) throw new AppError('ACC.UNKNOWN_UNIT', { message: `未知的单位：${id}`, details: { unitId: id } });
}
function checkPerson(org: Org, id: string | undefined | null) {
  if (id && !personById(org, id)) throw new AppError('ACC.UNKNOWN_PERSON', { message: `未知的人员：${id}`, details: { personId: id } });
}
const unitName = (org: Org, id: string | null | undefined) => (id ? (unitById(org, id)?.shortName ?? id) : '');
const personName = (org: Org, id: string | null | undefined) => (id ? (personById(org, id)?.name ?? id) : '');

/** The deadline rules each register tracks from its first event (registration). */
function intakeDeadline(kind: CaseKind): string | null {
  return kind === 'petition' ? 'supervision.petitions.intake' : kind === 'reconsideration' ? 'supervision.reconsideration.reviewLimit' : kind === 'litigation' ? 'supervision.litigation.defenceLimit' : null;
}
/** … and from acceptance (信访 受理, 行政复议 受理). */
function handlingDeadline(kind: CaseKind): string | null {
  return kind === 'petition' ? 'supervision.petitions.closure' : kind === 'reconsideration' ? 'supervision.reconsideration.decisionLimit' : null;
}

// ---------------- registers ----------------

export interface CaseInput {
  kind: CaseKind;
  title: string;
  refNo?: string;
  /** 代表、委员、信访人、申请人、原告、反映渠道 */
  party?: string;
  receivedOn: string;
  important?: boolean;
  major?: boolean;
  area?: string;
}

export function registerCase(deps: AppDeps, actor: Actor, input: CaseInput) {
  return runUseCase(deps, actor, (ctx) => registerCaseIn(ctx, input));
}

export async function registerCaseIn(ctx: UseCaseContext, input: CaseInput) {
  const actor = ctx.actor;
  {
    const today = shanghaiDate(ctx.now);
    const r = rulesOn(today);
    const v: Violation[] = [];
    if (!input.title.trim()) v.push({ code: 'ACC.TITLE_MISSING', message: '应写明事项名称' });
    if (input.receivedOn > today) v.push({ code: 'ACC.DATE_IN_FUTURE', message: `收到日期${input.receivedOn}晚于今天` });
    if (input.area) v.push(...checkUnknownArea(input.area, r.separation));
    if (v.length) throw refuseAll(v);
    const id = newId('acc');
    await ctx.tx.query(
      `INSERT INTO acc_cases (tenant_id, id, kind, title, ref_no, party, received_on, last_step_on, important, major, area, pack_id, created_by, created_at, party_index)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$7,$8,$9,$10,$11,$12,$13,$14)`,
      [actor.tenantId, id, input.kind, input.title, input.refNo ?? null, sealPersonal(keyRing(), 'acc_cases', 'party', input.party ?? '') ?? '', input.receivedOn, input.important ?? false, input.major ?? false, input.area ?? null, r.packId, actor.name, ctx.now,
        personalIndex(keyRing(), 'acc_cases', 'party', input.party)]);
    await ctx.audit({ action: `accountability.${input.kind}.registered`, objectType: OBJECT, objectId: id, article: r.registerArticle[input.kind],
      payload: { kind: input.kind, title: input.title, refNo: input.refNo ?? null, receivedOn: input.receivedOn, important: !!input.important, major: !!input.major, area: input.area ?? null } });
    const limit = intakeDeadline(input.kind);
    const due = limit ? (await trackDeadline(ctx, { objectType: OBJECT, objectId: id, rule: r.deadline(limit), eventDate: input.receivedOn })).due : null;
    return { id, due };
  }
}

async function lockCase(tx: Queryable, tenantId: string, id: string) {
  const { rows } = await tx.query('SELECT * FROM acc_cases WHERE tenant_id = $1 AND id = $2 FOR UPDATE', [tenantId, id]);
  if (!rows.length) throw new AppError('ACC.NOT_FOUND', { message: `事项不存在：${id}` });
  return rows[0] as any;
}

const stateOf = (row: any): CaseState => ({
  kind: row.kind, status: row.status, receivedOn: row.received_on, lastStepOn: row.last_step_on, important: row.important, major: row.major,
  area: row.area, assignedOn: row.assigned_on, returnDue: row.return_due, contactsSinceAssignment: Number(row.contacts_since_assignment),
  instructed: row.instructed, supervisionItemId: row.supervision_item_id, extended: row.extended, mustPerform: row.must_perform, performed: row.performed, published: row.published,
});

export interface StepRequest {
  on: string;
  summary: string;
  leadUnitId?: string;
  coUnitIds?: string[];
  complex?: boolean;
  resultCode?: string;
  days?: number;
  approvedBy?: string;
  /** 领导阅批: who read and instructed the letter */
  instructorPersonId?: string;
  supervisionItemId?: string;
  mustPerform?: boolean;
  /** 第四十三条: who drafted the reply/decision; the caller approves it */
  draftedBy?: string;
  /** 公开结果: where the result was published */
  publishedAt?: string;
  version?: number;
}

export function recordStep(deps: AppDeps, actor: Actor, id: string, step: CaseStep, req: StepRequest) {
  return runUseCase(deps, actor, (ctx) => recordStepIn(ctx, id, step, req));
}

export async function recordStepIn(ctx: UseCaseContext, id: string, step: CaseStep, req: StepRequest) {
  const actor = ctx.actor;
  {
    const today = shanghaiDate(ctx.now);
    const r = rulesOn(today);
    const org = await requireOrg(ctx.tx, actor.tenantId);
    const row = await lockCase(ctx.tx, actor.tenantId, id);
    if (req.version != null && row.version !== req.version) throw new AppError('REQUEST.CONFLICT', { message: '该事项已被他人修改，请刷新后重试', details: { current: row.version } });
    checkUnit(org, req.leadUnitId);
    for (const u of req.coUnitIds ?? []) checkUnit(org, u);
    checkPerson(org, req.instructorPersonId);
    checkPerson(org, req.draftedBy);
    const state = stateOf(row);
    const input: StepInput = {
      step, on: req.on, summary: req.summary, leadUnitId: req.leadUnitId, coUnitIds: req.coUnitIds, complex: req.complex, resultCode: req.resultCode,
      days: req.days, approvedBy: req.approvedBy, supervisionItemId: req.supervisionItemId, mustPerform: req.mustPerform,
      instructorPositionKinds: req.instructorPersonId ? positionsOf(org, req.instructorPersonId, req.on).map((p) => p.kind) : [],
      instructorName: personName(org, req.instructorPersonId), draftedBy: req.draftedBy ?? null, approverId: actor.personId,
    };
    const d = checkStep(state, input, today, r.cases);
    if (!d.ok) throw refuseAll(d.violations);
    if (step === 'link') {
      const s = await ctx.tx.query('SELECT 1 FROM sup_items WHERE tenant_id = $1 AND id = $2', [actor.tenantId, req.supervisionItemId]);
      if (!s.rows.length) throw new AppError('ACC.SUPERVISION_ITEM_NOT_FOUND', { message: `督查事项不存在：${req.supervisionItemId}` });
    }
    const kind = row.kind as CaseKind;
    const set: Record<string, unknown> = { status: d.value.status, last_step_on: req.on };
    const detail: Record<string, unknown> = {};
    let article = r.registerArticle[kind];
    switch (step) {
      case 'assign': {
        const ret = computeDeadline(r.deadline('supervision.suggestions.misassignedReturn'), req.on, currentCalendar());
        Object.assign(set, { lead_unit_id: req.leadUnitId, co_unit_ids: req.coUnitIds ?? [], complex: !!req.complex, assigned_on: req.on, contacts_since_assignment: 0, return_due: ret.ok ? ret.value.due : null });
        const t = await trackDeadline(ctx, { objectType: OBJECT, objectId: id, rule: r.deadline(r.replyLimitId(kind, !!req.complex)), eventDate: req.on });
        Object.assign(detail, { lead: req.leadUnitId, co: req.coUnitIds ?? [], complex: !!req.complex, due: t.due, returnDue: ret.ok ? ret.value.due : null });
        break;
      }
      case 'contact': set.contacts_since_assignment = state.contactsSinceAssignment + 1; break;
      case 'return':
        Object.assign(set, { lead_unit_id: null, co_unit_ids: [], assigned_on: null, return_due: null, contacts_since_assignment: 0 });
        await closeDeadline(ctx, OBJECT, id, r.replyLimitId(kind, row.complex));
        Object.assign(detail, { from: row.lead_unit_id, returnDue: state.returnDue, late: d.warnings.length > 0 });
        break;
      case 'reply':
        if (kind === 'petition') {
          await closeDeadline(ctx, OBJECT, id, 'supervision.petitions.closure');
          article = r.cases.petitionsArticle;
        } else {
          set.result_code = req.resultCode;
          await closeDeadline(ctx, OBJECT, id, r.replyLimitId(kind, row.complex));
        }
        Object.assign(detail, { resultCode: req.resultCode ?? null, draftedBy: req.draftedBy ?? null });
        break;
      case 'publish': {
        set.published = true;
        detail.publishedAt = req.publishedAt ?? null;
        if (kind === 'media') article = r.cases.publicSupervisionArticle;
        const rule = r.results[kind];
        if (rule) {
          const item = await publishResult(ctx, row, org, rule, req.on);
          Object.assign(detail, { publishedItemId: item.id, category: rule.category });
          article = rule.article;
        }
        break;
      }
      case 'route':
      case 'accept': {
        const intake = intakeDeadline(kind);
        if (intake) await closeDeadline(ctx, OBJECT, id, intake);
        if (req.leadUnitId) Object.assign(set, { lead_unit_id: req.leadUnitId, co_unit_ids: req.coUnitIds ?? [] });
        set.assigned_on = req.on;
        const t = await trackDeadline(ctx, { objectType: OBJECT, objectId: id, rule: r.deadline(handlingDeadline(kind)!), eventDate: req.on });
        detail.due = t.due;
        break;
      }
      case 'instruct':
        set.instructed = true; article = r.cases.readingArticle;
        Object.assign(detail, { instructor: req.instructorPersonId, instructorName: input.instructorName });
        break;
      case 'link': set.supervision_item_id = req.supervisionItemId; article = r.cases.readingArticle; detail.supervisionItemId = req.supervisionItemId; break;
      case 'extend': {
        set.extended = true;
        const ext = r.cases.extensionDays[kind]!;
        article = ext.article;
        const t = await trackDeadline(ctx, { objectType: OBJECT, objectId: id, rule: r.deadline(handlingDeadline(kind)!, req.days), eventDate: row.assigned_on });
        Object.assign(detail, { days: req.days, approvedBy: req.approvedBy, due: t.due });
        break;
      }
      case 'decide': await closeDeadline(ctx, OBJECT, id, 'supervision.reconsideration.decisionLimit'); detail.draftedBy = req.draftedBy ?? null; break;
      case 'respond': await closeDeadline(ctx, OBJECT, id, 'supervision.litigation.defenceLimit'); break;
      case 'judgment': set.must_perform = !!req.mustPerform; detail.mustPerform = !!req.mustPerform; break;
      case 'perform': set.performed = true; break;
      case 'investigate': case 'handle': case 'close': break;
    }
    if (d.value.closes) set.closed_on = req.on;
    const cols = Object.keys(set);
    await ctx.tx.query(`UPDATE acc_cases SET ${cols.map((c, i) => `${c} = $${i + 3}`).join(', ')}, version = version + 1 WHERE tenant_id = $1 AND id = $2`, [actor.tenantId, id, ...cols.map((c) => set[c])]);
    const sid = newId('step');
    await ctx.tx.query(`INSERT INTO acc_case_steps (tenant_id, id, case_id, step, on_date, summary, detail, recorded_by, recorded_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9)`,
      [actor.tenantId, sid, id, step, req.on, req.summary, JSON.stringify({ ...detail, warnings: d.warnings }), actor.name, ctx.now]);
    await ctx.audit({ action: `accountability.${kind}.${step}`, objectType: OBJECT, objectId: id, article, payload: { on: req.on, summary: req.summary, ...detail, warnings: d.warnings.map((w) => w.code) } });
    return { id: sid, status: d.value.status, closedOn: d.value.closes ? req.on : null, warnings: d.warnings, ...detail };
  }
}

/** The step whose outcome is the published result: the answer (答复) or the handling (处理). */
const RESULT_STEPS: CaseStep[] = ['reply', 'handle'];

/** 第四十四条, 第四十七条: the result goes to the public portal in the transaction that records its publication. */
async function publishResult(ctx: UseCaseContext, row: any, org: Org, rule: ResultPublication, on: string) {
  const kind = row.kind as CaseKind;
  const result = (await ctx.tx.query(
    `SELECT step, on_date, summary, detail FROM acc_case_steps WHERE tenant_id = $1 AND case_id = $2 AND step = ANY($3)
      ORDER BY on_date DESC, recorded_at DESC, id DESC LIMIT 1`, [ctx.actor.tenantId, row.id, RESULT_STEPS])).rows[0] as any;
  const lead = row.lead_unit_id ? unitById(org, row.lead_unit_id) : undefined;
  const co = (row.co_unit_ids as string[] ?? []).map((u) => unitName(org, u)).filter(Boolean);
  const what = kind === 'media' ? '处理结果' : '办理结果';
  const body = [
    `${CASE_KIND_LABELS[kind]}：${row.title}${row.ref_no ? `（${row.ref_no}）` : ''}`,
    ...(lead ? [`承办单位：${lead.name}${co.length ? `；协办单位：${co.join('、')}` : ''}`] : []),
    ...(row.result_code ? [`办理结果分类：${row.result_code}`] : []),
    `${what}：${result?.summary ?? ''}`,
  ].join('\n');
  return publishResultIn(ctx, {
    sourceId: `${OBJECT}:${row.id}`, title: `${row.title}的${what}`, body, docNumber: row.ref_no ?? undefined,
    docType: `${CASE_KIND_LABELS[kind]}${what}`, issuer: lead?.name ?? pack().meta.issuer ?? '', issuerUnitId: lead?.id,
    issuedOn: result ? result.on_date : on, category: rule.category, article: rule.article,
  });
}

async function caseRows(tx: Queryable, tenantId: string, kind?: CaseKind, id?: string) {
  const rows = (await tx.query(`SELECT * FROM acc_cases WHERE tenant_id = $1 ${kind ? 'AND kind = $2' : id ? 'AND id = $2' : ''} ORDER BY closed_on NULLS FIRST, received_on DESC, created_at DESC`,
    kind ? [tenantId, kind] : id ? [tenantId, id] : [tenantId])).rows as any[];
  const deadlines = (await tx.query(`SELECT object_id, rule_id, article, label, due, remind_from, unknown_years, closed_at FROM deadlines WHERE tenant_id = $1 AND object_type = $2`, [tenantId, OBJECT])).rows as any[];
  return { rows, deadlines };
}

function view(row: any, deadlines: any[], org: Org, r: AccountabilityRules, today: string) {
  const state = stateOf(row);
  const open = deadlines.filter((x) => x.object_id === row.id && !x.closed_at).map((x) => {
    const dl = { due: x.due, remindFrom: x.remind_from, unknownYears: (x.unknown_years ?? []).map(Number) };
    const st = deadlineState(dl, today);
    return { ruleId: x.rule_id, label: x.label, article: Number(x.article), due: dl.due, state: st, stateLabel: DEADLINE_STATE_LABELS[st] };
  });
  return {
    id: row.id, kind: row.kind, kindLabel: CASE_KIND_LABELS[row.kind as CaseKind], title: row.title, refNo: row.ref_no, party: openPersonal(keyRing(), 'acc_cases', 'party', row.party) ?? '',
    receivedOn: row.received_on, status: row.status, statusLabel: STATUS_LABELS[state.status], leadUnitId: row.lead_unit_id, leadUnit: unitName(org, row.lead_unit_id),
    coUnits: (row.co_unit_ids as string[]).map((u) => unitName(org, u)), complex: row.complex, important: row.important, major: row.major, area: row.area,
    assignedOn: row.assigned_on, returnDue: row.return_due, contacts: state.contactsSinceAssignment, instructed: row.instructed,
    supervisionItemId: row.supervision_item_id, extended: row.extended, mustPerform: row.must_perform, performed: row.performed, published: row.published,
    resultCode: row.result_code, closedOn: row.closed_on, version: row.version,
    deadlines: open, obligations: obligations(state, r.cases),
    nextSteps: row.closed_on ? [] : stepsOf(row.kind).map((s) => ({ step: s, label: STEP_LABELS[s] })),
  };
}

export async function listCases(deps: AppDeps, tenantId: string, now: Date, kind?: CaseKind) {
  return runQuery(deps, async (tx) => {
    const today = shanghaiDate(now);
    const r = rulesOn(today);
    const org = await requireOrg(tx, tenantId);
    const { rows, deadlines } = await caseRows(tx, tenantId, kind);
    return { today, resultCodes: r.cases.resultCodes, cases: rows.map((row) => view(row, deadlines, org, r, today)) };
  });
}

export async function getCase(deps: AppDeps, tenantId: string, id: string, now: Date) {
  return runQuery(deps, async (tx) => {
    const today = shanghaiDate(now);
    const r = rulesOn(today);
    const org = await requireOrg(tx, tenantId);
    const { rows, deadlines } = await caseRows(tx, tenantId, undefined, id);
    if (!rows.length) throw new AppError('ACC.NOT_FOUND', { message: `事项不存在：${id}` });
    const steps = (await tx.query('SELECT step, on_date, summary, detail, recorded_by, recorded_at FROM acc_case_steps WHERE tenant_id = $1 AND case_id = $2 ORDER BY recorded_at, id', [tenantId, id])).rows
      .map((s: any) => ({ ...s, label: STEP_LABELS[s.step as CaseStep] ?? s.step }));
    const trail = (await tx.query(`SELECT seq, at, actor_name, action, article, payload FROM audit_records WHERE tenant_id = $1 AND object_type = $2 AND object_id = $3 ORDER BY seq`, [tenantId, OBJECT, id])).rows;
    return { ...view(rows[0], deadlines, org, r, today), steps, trail };
  });
}

// ---------------- 第四十三条 分岗设权 ----------------

export function requestApproval(deps: AppDeps, actor: Actor, input: { area: string; subject: string; unitId?: string; drafterPersonId?: string }) {
  return runUseCase(deps, actor, (ctx) => requestApprovalIn(ctx, input));
}

export async function requestApprovalIn(ctx: UseCaseContext, input: { area: string; subject: string; unitId?: string; drafterPersonId?: string }) {
  const actor = ctx.actor;
  {
    const r = rulesOn(shanghaiDate(ctx.now));
    const org = await requireOrg(ctx.tx, actor.tenantId);
    checkUnit(org, input.unitId);
    const drafter = input.drafterPersonId ?? actor.personId;
    checkPerson(org, drafter);
    const v = [...checkUnknownArea(input.area, r.separation), ...(input.subject.trim() ? [] : [{ code: 'ACC.TITLE_MISSING', message: '应写明审批事项' }]),
      ...(drafter ? [] : [{ code: 'ACC.DRAFTER_MISSING', message: `依据第${r.separation.article}条，应写明拟稿人`, article: r.separation.article }])];
    if (v.length) throw refuseAll(v);
    const id = newId('appr');
    await ctx.tx.query(`INSERT INTO acc_approvals (tenant_id, id, area, subject, unit_id, drafter_person_id, created_by, created_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8)`,
      [actor.tenantId, id, input.area, input.subject, input.unitId ?? null, drafter, actor.name, ctx.now]);
    await ctx.audit({ action: 'accountability.approval.requested', objectType: 'acc_approval', objectId: id, article: r.separation.article, payload: { ...input, drafter } });
    return { id };
  }
}

export function decideApproval(deps: AppDeps, actor: Actor, id: string, input: { approve: boolean; note?: string }) {
  return runUseCase(deps, actor, (ctx) => decideApprovalIn(ctx, id, input));
}

export async function decideApprovalIn(ctx: UseCaseContext, id: string, input: { approve: boolean; note?: string }) {
  const actor = ctx.actor;
  {
    const r = rulesOn(shanghaiDate(ctx.now));
    const org = await requireOrg(ctx.tx, actor.tenantId);
    const { rows } = await ctx.tx.query('SELECT * FROM acc_approvals WHERE tenant_id = $1 AND id = $2 FOR UPDATE', [actor.tenantId, id]);
    if (!rows.length) throw new AppError('ACC.NOT_FOUND', { message: `审批事项不存在：${id}` });
    const a = rows[0] as any;
    if (a.status !== 'pending') throw new AppError('ACC.APPROVAL_DECIDED');
    const v = checkSeparation({ area: a.area, drafterId: a.drafter_person_id, approverId: actor.personId, drafterName: personName(org, a.drafter_person_id) }, r.separation);
    if (v.length) throw refuseAll(v);
    const status = input.approve ? 'approved' : 'rejected';
    await ctx.tx.query('UPDATE acc_approvals SET status = $3, approver_person_id = $4, decided_at = $5, decision_note = $6, version = version + 1 WHERE tenant_id = $1 AND id = $2',
      [actor.tenantId, id, status, actor.personId, ctx.now, input.note ?? null]);
    await ctx.audit({ action: `accountability.approval.${status}`, objectType: 'acc_approval', objectId: id, article: r.separation.article, payload: { approver: actor.personId, note: input.note ?? null } });
    return { status };
  }
}

export function addRotation(deps: AppDeps, actor: Actor, input: { personId: string; unitId: string; post: string; area: string; since: string }) {
  return runUseCase(deps, actor, (ctx) => addRotationIn(ctx, input));
}

export async function addRotationIn(ctx: UseCaseContext, input: { personId: string; unitId: string; post: string; area: string; since: string }) {
  const actor = ctx.actor;
  {
    const today = shanghaiDate(ctx.now);
    const r = rulesOn(today);
    const org = await requireOrg(ctx.tx, actor.tenantId);
    checkPerson(org, input.personId);
    checkUnit(org, input.unitId);
    const v = checkUnknownArea(input.area, r.rotation);
    if (input.since > today) v.push({ code: 'ACC.DATE_IN_FUTURE', message: `任职日期${input.since}晚于今天` });
    if (v.length) throw refuseAll(v);
    const id = newId('rot');
    await ctx.tx.query(`INSERT INTO acc_rotations (tenant_id, id, person_id, unit_id, post, area, since, created_by, created_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9)`,
      [actor.tenantId, id, input.personId, input.unitId, input.post, input.area, input.since, actor.name, ctx.now]);
    const st = rotationState({ since: input.since }, today, r.rotation);
    await ctx.audit({ action: 'accountability.rotation.recorded', objectType: 'acc_rotation', objectId: id, article: r.rotation.article, payload: { ...input, dueOn: st.dueOn } });
    return { id, ...st };
  }
}

export function recordRotated(deps: AppDeps, actor: Actor, id: string, input: { on: string }) {
  return runUseCase(deps, actor, (ctx) => recordRotatedIn(ctx, id, input));
}

export async function recordRotatedIn(ctx: UseCaseContext, id: string, input: { on: string }) {
  const actor = ctx.actor;
  {
    const today = shanghaiDate(ctx.now);
    const r = rulesOn(today);
    const { rows } = await ctx.tx.query('SELECT * FROM acc_rotations WHERE tenant_id = $1 AND id = $2 FOR UPDATE', [actor.tenantId, id]);
    if (!rows.length) throw new AppError('ACC.NOT_FOUND', { message: `岗位记录不存在：${id}` });
    const v: Violation[] = [];
    if ((rows[0] as any).rotated_on) v.push({ code: 'ACC.CASE_CLOSED', message: '已登记轮岗' });
    if (input.on > today) v.push({ code: 'ACC.DATE_IN_FUTURE', message: `日期${input.on}晚于今天` });
    if (input.on < (rows[0] as any).since) v.push({ code: 'ACC.DATE_ORDER', message: '轮岗日期早于任职日期' });
    if (v.length) throw refuseAll(v);
    await ctx.tx.query('UPDATE acc_rotations SET rotated_on = $3, version = version + 1 WHERE tenant_id = $1 AND id = $2', [actor.tenantId, id, input.on]);
    await ctx.audit({ action: 'accountability.rotation.rotated', objectType: 'acc_rotation', objectId: id, article: r.rotation.article, payload: input });
    return { rotatedOn: input.on };
  }
}

export async function internalControlView(deps: AppDeps, tenantId: string, now: Date) {
  return runQuery(deps, async (tx) => {
    const today = shanghaiDate(now);
    const r = rulesOn(today);
    const org = await requireOrg(tx, tenantId);
    const approvals = (await tx.query('SELECT * FROM acc_approvals WHERE tenant_id = $1 ORDER BY created_at DESC', [tenantId])).rows.map((a: any) => ({
      id: a.id, area: a.area, subject: a.subject, unit: unitName(org, a.unit_id), drafterId: a.drafter_person_id, drafter: personName(org, a.drafter_person_id),
      status: a.status, approver: personName(org, a.approver_person_id), decidedAt: a.decided_at, note: a.decision_note,
    }));
    const rotations = (await tx.query('SELECT * FROM acc_rotations WHERE tenant_id = $1 ORDER BY since', [tenantId])).rows.map((p: any) => ({
      id: p.id, person: personName(org, p.person_id), unit: unitName(org, p.unit_id), post: p.post, area: p.area, since: p.since, rotatedOn: p.rotated_on,
      ...rotationState({ since: p.since, rotatedOn: p.rotated_on }, today, r.rotation),
    }));
    return { areas: r.separation.areas, intervalYears: r.rotation.intervalYears, article: r.separation.article, approvals, rotations };
  });
}

// ---------------- 第二十二条 应急预案 ----------------

export function registerPlan(deps: AppDeps, actor: Actor, input: { title: string; risk?: string; measures: string; responsibleUnitId: string; approvedOn: string; lastReviewedOn?: string }) {
  return runUseCase(deps, actor, (ctx) => registerPlanIn(ctx, input));
}

export async function registerPlanIn(ctx: UseCaseContext, input: { title: string; risk?: string; measures: string; responsibleUnitId: string; approvedOn: string; lastReviewedOn?: string }) {
  const actor = ctx.actor;
  {
    const today = shanghaiDate(ctx.now);
    const r = rulesOn(today);
    const org = await requireOrg(ctx.tx, actor.tenantId);
    checkUnit(org, input.responsibleUnitId);
    const d = checkPlan({ ...input, risk: input.risk ?? '' }, today, { article: r.planArticle });
    if (!d.ok) throw refuseAll(d.violations);
    const id = newId('plan');
    const reviewed = input.lastReviewedOn ?? input.approvedOn;
    await ctx.tx.query(`INSERT INTO acc_plans (tenant_id, id, title, risk, measures, responsible_unit_id, approved_on, last_reviewed_on, next_review_on, pack_id, created_by, created_at)
      VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$8,$9,$10,$11)`, [actor.tenantId, id, input.title, input.risk ?? '', input.measures, input.responsibleUnitId, input.approvedOn, reviewed, r.packId, actor.name, ctx.now]);
    const t = await trackDeadline(ctx, { objectType: 'acc_plan', objectId: id, rule: r.planReview, eventDate: reviewed });
    await ctx.tx.query('UPDATE acc_plans SET next_review_on = $3 WHERE tenant_id = $1 AND id = $2', [actor.tenantId, id, t.due]);
    await ctx.audit({ action: 'accountability.plan.registered', objectType: 'acc_plan', objectId: id, article: r.planArticle, payload: { ...input, nextReviewOn: t.due } });
    return { id, nextReviewOn: t.due };
  }
}

export function reviewPlan(deps: AppDeps, actor: Actor, id: string, input: { on: string; summary: string }) {
  return runUseCase(deps, actor, (ctx) => reviewPlanIn(ctx, id, input));
}

export async function reviewPlanIn(ctx: UseCaseContext, id: string, input: { on: string; summary: string }) {
  const actor = ctx.actor;
  {
    const today = shanghaiDate(ctx.now);
    const r = rulesOn(today);
    const { rows } = await ctx.tx.query('SELECT * FROM acc_plans WHERE tenant_id = $1 AND id = $2 FOR UPDATE', [actor.tenantId, id]);
    if (!rows.length) throw new AppError('ACC.NOT_FOUND', { message: `应急预案不存在：${id}` });
    const v: Violation[] = [];
    if (input.on > today) v.push({ code: 'ACC.DATE_IN_FUTURE', message: `日期${input.on}晚于今天` });
    if (input.on < (rows[0] as any).last_reviewed_on) v.push({ code: 'ACC.DATE_ORDER', message: '评估日期早于上次评估' });
    if (!input.summary.trim()) v.push({ code: 'ACC.SUMMARY_MISSING', message: '应写明评估情况' });
    if (v.length) throw refuseAll(v);
    const t = await trackDeadline(ctx, { objectType: 'acc_plan', objectId: id, rule: r.planReview, eventDate: input.on });
    await ctx.tx.query('UPDATE acc_plans SET last_reviewed_on = $3, next_review_on = $4, version = version + 1 WHERE tenant_id = $1 AND id = $2', [actor.tenantId, id, input.on, t.due]);
    await ctx.tx.query('INSERT INTO acc_plan_reviews (tenant_id, id, plan_id, reviewed_on, summary, recorded_by, recorded_at) VALUES ($1,$2,$3,$4,$5,$6,$7)', [actor.tenantId, newId('rev'), id, input.on, input.summary, actor.name, ctx.now]);
    await ctx.audit({ action: 'accountability.plan.reviewed', objectType: 'acc_plan', objectId: id, article: r.planArticle, payload: { ...input, nextReviewOn: t.due } });
    return { nextReviewOn: t.due };
  }
}

export async function listPlans(deps: AppDeps, tenantId: string, now: Date) {
  return runQuery(deps, async (tx) => {
    const today = shanghaiDate(now);
    const org = await requireOrg(tx, tenantId);
    return (await tx.query('SELECT * FROM acc_plans WHERE tenant_id = $1 ORDER BY next_review_on', [tenantId])).rows.map((p: any) => ({
      id: p.id, title: p.title, risk: p.risk, measures: p.measures, responsibleUnitId: p.responsible_unit_id, responsibleUnit: unitName(org, p.responsible_unit_id),
      approvedOn: p.approved_on, lastReviewedOn: p.last_reviewed_on, nextReviewOn: p.next_review_on, state: planState(p.next_review_on, today),
    }));
  });
}

// ---------------- 第七十七条 不同意见 ----------------

export function recordDissent(deps: AppDeps, actor: Actor, input: { decisionRef: string; personId: string; channel: string; content: string; raisedOn: string }) {
  return runUseCase(deps, actor, (ctx) => recordDissentIn(ctx, input));
}

export async function recordDissentIn(ctx: UseCaseContext, input: { decisionRef: string; personId: string; channel: string; content: string; raisedOn: string }) {
  const actor = ctx.actor;
  {
    const today = shanghaiDate(ctx.now);
    const r = rulesOn(today);
    const org = await requireOrg(ctx.tx, actor.tenantId);
    checkPerson(org, input.personId);
    const d = checkDissent(input, today, r.dissent);
    if (!d.ok) throw refuseAll(d.violations);
    const id = newId('dis');
    await ctx.tx.query(`INSERT INTO acc_dissents (tenant_id, id, decision_ref, person_id, channel, content, raised_on, created_by, created_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9)`,
      [actor.tenantId, id, input.decisionRef, input.personId, input.channel, input.content, input.raisedOn, actor.name, ctx.now]);
    await ctx.audit({ action: 'accountability.dissent.recorded', objectType: 'acc_dissent', objectId: id, article: r.dissent.article, payload: { ...input, decisionStands: true } });
    return { id, decisionStands: true };
  }
}

export function recordRemade(deps: AppDeps, actor: Actor, id: string, input: { newDecisionRef: string; on: string }) {
  return runUseCase(deps, actor, (ctx) => recordRemadeIn(ctx, id, input));
}

export async function recordRemadeIn(ctx: UseCaseContext, id: string, input: { newDecisionRef: string; on: string }) {
  const actor = ctx.actor;
  {
    const today = shanghaiDate(ctx.now);
    const r = rulesOn(today);
    const { rows } = await ctx.tx.query('SELECT * FROM acc_dissents WHERE tenant_id = $1 AND id = $2 FOR UPDATE', [actor.tenantId, id]);
    if (!rows.length) throw new AppError('ACC.NOT_FOUND', { message: `记录不存在：${id}` });
    const row = rows[0] as any;
    const d = checkRemade({ status: row.status, raisedOn: row.raised_on }, input, today, r.dissent);
    if (!d.ok) throw refuseAll(d.violations);
    await ctx.tx.query(`UPDATE acc_dissents SET status = 'remade', remade_ref = $3, remade_on = $4, version = version + 1 WHERE tenant_id = $1 AND id = $2`, [actor.tenantId, id, input.newDecisionRef, input.on]);
    await ctx.audit({ action: 'accountability.dissent.remade', objectType: 'acc_dissent', objectId: id, article: r.dissent.article, payload: input });
    return { status: 'remade' };
  }
}

export async function listDissents(deps: AppDeps, tenantId: string) {
  return runQuery(deps, async (tx) => {
    const org = await requireOrg(tx, tenantId);
    const r = rulesOn(shanghaiDate(deps.clock.now()));
    const rows = (await tx.query('SELECT * FROM acc_dissents WHERE tenant_id = $1 ORDER BY raised_on DESC', [tenantId])).rows.map((d: any) => ({
      id: d.id, decisionRef: d.decision_ref, person: personName(org, d.person_id), channel: d.channel, content: d.content, raisedOn: d.raised_on,
      status: d.status, decisionStands: d.status === 'standing', remadeRef: d.remade_ref, remadeOn: d.remade_on,
    }));
    return { channels: r.dissent.channels, article: r.dissent.article, dissents: rows };
  });
}

// ---------------- 第八十九条 问责清单 ----------------

export async function accountabilityView(deps: AppDeps, tenantId: string, now: Date) {
  return runQuery(deps, async (tx) => {
    const today = shanghaiDate(now);
    const org = await requireOrg(tx, tenantId);
    const r = rulesOn(today);
    const overdue: OverdueEntry[] = [];
    // tracked deadlines of every context (公文、督查、建议提案、信访 …): open past due, or closed late
    const dls = (await tx.query(
      `SELECT d.object_type, d.object_id, d.rule_id, d.label, d.article, d.due, d.closed_at, c.title AS case_title, c.lead_unit_id AS case_unit, c.kind AS case_kind
         FROM deadlines d LEFT JOIN acc_cases c ON c.tenant_id = d.tenant_id AND c.id = d.object_id AND d.object_type = 'acc_case'
        WHERE d.tenant_id = $1 AND d.due < $2 AND d.object_type <> 'acc_plan'`, [tenantId, today])).rows as any[];
    for (const d of dls) {
      overdue.push({ source: d.case_kind ? CASE_KIND_LABELS[d.case_kind as CaseKind] : d.object_type, objectType: d.object_type, objectId: d.object_id,
        title: d.case_title ? `${d.case_title}（${d.label}）` : d.label, unitId: d.case_unit, due: d.due, article: Number(d.article), closedOn: d.closed_at ? shanghaiDate(new Date(d.closed_at)) : null });
    }
    // supervision items (督查事项, 第八十六条)
    const items = (await tx.query(`SELECT id, title, lead_unit_id, due, closed_on FROM sup_items WHERE tenant_id = $1 AND due < $2`, [tenantId, today])).rows as any[];
    for (const i of items) overdue.push({ source: '督查事项', objectType: 'supervision_item', objectId: i.id, title: i.title, unitId: i.lead_unit_id, due: i.due, article: r.itemLimitArticle, closedOn: i.closed_on });
    // document assignments (公文承办)
    const assigns = (await tx.query(`SELECT a.document_id, a.unit_id, a.due, a.article, a.done_at, d.title FROM document_assignments a JOIN documents d ON d.id = a.document_id
        WHERE a.tenant_id = $1 AND a.due IS NOT NULL AND a.due < $2`, [tenantId, today])).rows as any[];
    for (const a of assigns) overdue.push({ source: '公文承办', objectType: 'document', objectId: a.document_id, title: a.title, unitId: a.unit_id, due: a.due, article: Number(a.article), closedOn: a.done_at ? shanghaiDate(new Date(a.done_at)) : null });
    const bounces = (await tx.query(`SELECT a.object_type, a.object_id, a.action, a.article, a.at, a.payload, c.title, c.kind FROM audit_records a
        LEFT JOIN acc_cases c ON c.tenant_id = a.tenant_id AND c.id = a.object_id AND a.object_type = 'acc_case'
        WHERE a.tenant_id = $1 AND a.action = ANY($2)`, [tenantId, r.returnActions.actions])).rows as any[];
    const bounced: BounceEntry[] = bounces.map((b) => {
      const p = typeof b.payload === 'string' ? JSON.parse(b.payload) : b.payload ?? {};
      return { source: b.kind ? CASE_KIND_LABELS[b.kind as CaseKind] : '公文', objectType: b.object_type, objectId: b.object_id, title: b.title ?? p.label ?? b.object_id,
        unitId: p.from ?? null, on: p.on ?? shanghaiDate(new Date(b.at)), reason: `退回：${p.summary ?? p.label ?? ''}${p.late ? '（未及时退回）' : ''}`, article: b.article };
    });
    const l = accountabilityList(overdue, bounced, today);
    return {
      today, article: r.delaysArticle,
      rows: l.rows.map((x) => ({ ...x, unit: unitName(org, x.unitId) })),
      byUnit: l.byUnit.map((u) => ({ ...u, unit: unitName(org, u.unitId) || '（未明确单位）' })),
    };
  });
}

export const stepLabels = STEP_LABELS;
export type { UseCaseContext };
