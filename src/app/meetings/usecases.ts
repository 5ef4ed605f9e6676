// Meeting use cases: each runs in one transaction, decides with src/domain/meetings and is audited with
// its article. Refusals carry every violated rule; nothing is written when refused.
import { noticeLeaveDecided, noticeMeeting } from './notices.ts';
import { randomUUID } from 'node:crypto';
import { AppError, refusal } from '../../errors/index.ts';
import type { Violation } from '../../domain/shared/violation.ts';
import { governmentPost, holderOf, leaderInCharge, personById, positionsOf, unitById } from '../../domain/org/queries.ts';
import type { Org } from '../../domain/org/types.ts';
import {
  advanceTopic, checkAttendanceEvent, checkCitywideApproval, checkCitywideRequest, checkEnd, checkLeaveDecision,
  checkLeaveRequest, checkMinutesDraft, checkMinutesSigning, checkOpen, checkPlacement, checkRejection, checkSchedule,
  checkTopicDecision, checkWrittenOpinion, composeParticipants, issuanceTasks, leaveApprover, minutesSigner, presentPeople,
  resolveHost, checkFollowUps, isOffice, checkCancel, checkReschedule, checkTopicFiler, issuanceDraft, meetingTitle, minutesText,
  type Capacity, type DecisionOutcome, type FollowUp, type MaterialKind, type MeetingType, type TopicKind, type TopicStep,
} from '../../domain/meetings/index.ts';
import { shippedCalendar } from '../calendar/files.ts';
import { runUseCase, type Actor, type AppDeps, type UseCaseContext } from '../context.ts';
import { requireOrg, shanghaiDate } from '../org/usecases.ts';
import { citywideRules, issuanceDraftRules, issuanceRules, meetingRules } from './rules.ts';
import { createOutgoingDraftIn } from '../documents/outgoing.ts';
import { closeDeadline, trackDeadline } from '../calendar/deadlines.ts';
import { digestOf } from '../../output/index.ts';
import { ISSUANCE_OBJECT, cancelMaterialsCutoff, scheduleMaterialsCutoff } from './timers.ts';
import { minutesModel } from './queries.ts';
import { minutesOutput } from './output.ts';
import { onMinutesSigned } from '../openness/documents.ts';
import { loadCoordination, loadEvents, loadLeaves, loadMeeting, loadTopic, loadTopics, type MeetingRow } from './repo.ts';
import { tenantPack } from '../tenancy/registry.ts';

export const newId = (prefix: string) => `${prefix}-${randomUUID()}`;
export const capacity = (a: Actor): Capacity => ({ personId: a.personId, roles: a.roles });
export const meetingDay = (m: Pick<MeetingRow, 'startsAt'>): string => shanghaiDate(new Date(m.startsAt));

function orRefuse<T>(d: { ok: true; value: T; warnings: Violation[] } | { ok: false; violations: Violation[]; warnings: Violation[] }): { value: T; warnings: Violation[] } {
  if (!d.ok) throw refusal(d.violations[0].code, d.violations);
  return { value: d.value, warnings: d.warnings };
}

function expectVersion(row: { version: number }, version: number | undefined) {
  if (version != null && version !== row.version) throw new AppError('REQUEST.CONFLICT', { details: { expected: version, actual: row.version } });
}

const nameOf = (org: Org, personId: string | null | undefined) => (personId ? personById(org, personId)?.name ?? personId : '');

// ---- meetings ----

export interface ScheduleMeetingInput {
  type: MeetingType;
  startsAt: string;
  place: string;
  video: boolean;
  materialsDueAt?: string;
  convenerPersonId?: string;
  participantPersonIds?: string[];
  observerPersonIds?: string[];
}

/** Schedules a meeting: host per 第十条/第十三条/第五十五条, participants computed from the organisation. */
export async function scheduleMeeting(deps: AppDeps, actor: Actor, input: ScheduleMeetingInput) {
  return runUseCase(deps, actor, async (ctx) => {
    const sched = checkSchedule(input, ctx.now);
    const day = shanghaiDate(new Date(Number.isNaN(Date.parse(input.startsAt)) ? ctx.now : new Date(input.startsAt)));
    const rules = meetingRules(day);
    const org = await requireOrg(ctx.tx, actor.tenantId);
    const host = resolveHost(org, input.type, day, rules, input.convenerPersonId);
    const blocks = [...(sched.ok ? [] : sched.violations), ...(host.ok ? [] : host.violations)];
    let participants: ReturnType<typeof composeParticipants> | null = null;
    if (host.ok) {
      participants = composeParticipants(org, input.type, day, rules, host.value, input);
      if (!participants.ok) blocks.push(...participants.violations);
    }
    if (blocks.length || !host.ok || !sched.ok || !participants?.ok) throw refusal(blocks[0].code, blocks);
    // A special meeting is called by its vice mayor; the others are organised by the office (第五十六条第二款).
    if (input.type === 'special' ? !(isOffice(capacity(actor)) || actor.personId === host.value.personId) : !isOffice(capacity(actor)) && !actor.roles.includes('mayor')) {
      throw new AppError('MEETING.NOT_AUTHORISED', { message: '会议由市政府办公室安排；专题会议也可由召集的副市长安排', article: 56 });
    }
    const warnings = [...sched.warnings, ...host.warnings];
    const id = newId('mtg');
    await ctx.tx.query(
      `INSERT INTO meetings (id, tenant_id, type, starts_at, place, video, host_person_id, host_basis, status, materials_due_at,
         participants, pack_id, warnings, created_at, created_by)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,'scheduled',$9,$10,$11,$12,$13,$14)`,
      [id, actor.tenantId, input.type, input.startsAt, input.place, input.video, host.value.personId, host.value.basis,
        sched.value.materialsDueAt, JSON.stringify(participants.value), tenantPack().meta.id, JSON.stringify(warnings), ctx.now, actor.name]);
    await scheduleMaterialsCutoff(ctx, id, sched.value.materialsDueAt);
    await ctx.audit({ action: 'meeting.scheduled', objectType: 'meeting', objectId: id, article: host.value.article,
      payload: { type: input.type, startsAt: input.startsAt, host: host.value, members: participants.value.filter((p) => p.role === 'member').length, warnings } });
    await noticeMeeting(ctx, { id, type: input.type, startsAt: input.startsAt, place: input.place ?? null, personIds: participants.value.map((p) => p.personId) }, 'notice', host.value.article);
    return { id, hostPersonId: host.value.personId, hostBasis: host.value.basis, warnings };
  });
}

export async function recordAttendance(deps: AppDeps, actor: Actor, meetingId: string, input: { personId: string; kind: 'arrive' | 'depart' }) {
  return runUseCase(deps, actor, async (ctx) => {
    const m = await loadMeeting(ctx.tx, actor.tenantId, meetingId, true);
    if (!isOffice(capacity(actor)) && actor.personId !== m.hostPersonId) throw new AppError('MEETING.NOT_AUTHORISED', { message: '到会情况由市政府办公室登记' });
    const events = await loadEvents(ctx.tx, m.id);
    orRefuse(checkAttendanceEvent(m, events, input));
    await ctx.tx.query(`INSERT INTO meeting_attendance (tenant_id, meeting_id, person_id, kind, at, recorded_by) VALUES ($1,$2,$3,$4,$5,$6)`,
      [actor.tenantId, m.id, input.personId, input.kind, ctx.now, actor.name]);
    await ctx.audit({ action: `meeting.${input.kind === 'arrive' ? 'arrived' : 'departed'}`, objectType: 'meeting', objectId: m.id, article: 53, payload: { personId: input.personId } });
    return { ok: true };
  });
}

/** Opens the meeting (第五十三条 quorum) and gives it its number (市政府第N次常务会议). */
export async function openMeeting(deps: AppDeps, actor: Actor, meetingId: string) {
  return runUseCase(deps, actor, async (ctx) => {
    const m = await loadMeeting(ctx.tx, actor.tenantId, meetingId, true);
    const rules = meetingRules(meetingDay(m));
    const q = orRefuse(checkOpen(m, await loadEvents(ctx.tx, m.id), rules, capacity(actor))).value;
    // numbers run per type; the row lock on the last numbered meeting keeps two openings from sharing one
    const { rows } = await ctx.tx.query(`SELECT coalesce(max(number), 0) + 1 AS n FROM meetings WHERE tenant_id = $1 AND type = $2`, [actor.tenantId, m.type]);
    const number = Number(rows[0].n);
    await ctx.tx.query(`UPDATE meetings SET status = 'in_progress', number = $2, opened_at = $3, version = version + 1 WHERE id = $1`, [m.id, number, ctx.now]);
    await ctx.audit({ action: 'meeting.opened', objectType: 'meeting', objectId: m.id, article: q[0]?.article ?? rules.types[m.type].article, payload: { number, quorum: q } });
    return { number, quorum: q };
  });
}

export async function endMeeting(deps: AppDeps, actor: Actor, meetingId: string) {
  return runUseCase(deps, actor, async (ctx) => {
    const m = await loadMeeting(ctx.tx, actor.tenantId, meetingId, true);
    const placed = await loadTopics(ctx.tx, actor.tenantId, `meeting_id = $2 AND stage = 'placed'`, [m.id]);
    const { warnings } = orRefuse(checkEnd(m, capacity(actor), placed.length));
    await ctx.tx.query(`UPDATE meetings SET status = 'ended', ended_at = $2, version = version + 1 WHERE id = $1`, [m.id, ctx.now]);
    // undecided topics go back to the pool, to be placed on a later meeting
    for (const t of placed) {
      await ctx.tx.query(`UPDATE meeting_topics SET stage = 'approved', meeting_id = NULL, agenda_order = NULL, version = version + 1 WHERE id = $1`, [t.id]);
      await stepTrail(ctx, t.id, 'unplaced', 'approved', '会议结束未研究，退回待列入会议');
    }
    const tasks = await createIssuanceTasks(ctx, m, shanghaiDate(ctx.now));
    await ctx.audit({ action: 'meeting.ended', objectType: 'meeting', objectId: m.id, article: 59, payload: { tasks: tasks.length, undecided: placed.map((t) => t.id) } });
    return { tasks, warnings };
  });
}

/** Cancels a scheduled meeting: the record stays with its reason; placed topics go back to the pool. */
export async function cancelMeeting(deps: AppDeps, actor: Actor, meetingId: string, input: { reason: string; version?: number }) {
  return runUseCase(deps, actor, async (ctx) => {
    const m = await loadMeeting(ctx.tx, actor.tenantId, meetingId, true);
    expectVersion(m, input.version);
    orRefuse(checkCancel(m, capacity(actor), input.reason));
    await ctx.tx.query(`UPDATE meetings SET status = 'cancelled', cancelled_at = $2, cancel_reason = $3, version = version + 1 WHERE id = $1`, [m.id, ctx.now, input.reason.trim()]);
    const placed = await loadTopics(ctx.tx, actor.tenantId, `meeting_id = $2 AND stage = 'placed'`, [m.id]);
    for (const t of placed) {
      await ctx.tx.query(`UPDATE meeting_topics SET stage = 'approved', meeting_id = NULL, agenda_order = NULL, version = version + 1 WHERE id = $1`, [t.id]);
      await stepTrail(ctx, t.id, 'unplaced', 'approved', `会议取消，退回待列入会议：${input.reason.trim()}`);
    }
    await cancelMaterialsCutoff(ctx, m.id);
    await ctx.tx.query(`INSERT INTO meeting_changes (tenant_id, meeting_id, kind, at, by_name, reason, before, after) VALUES ($1,$2,'cancelled',$3,$4,$5,$6,$7)`,
      [actor.tenantId, m.id, ctx.now, actor.name, input.reason.trim(), JSON.stringify({ status: m.status, startsAt: m.startsAt }), JSON.stringify({ status: 'cancelled' })]);
    await ctx.audit({ action: 'meeting.cancelled', objectType: 'meeting', objectId: m.id, article: 56, payload: { reason: input.reason.trim(), unplacedTopics: placed.map((t) => t.id) } });
    await noticeMeeting(ctx, { id: m.id, type: m.type, startsAt: m.startsAt, place: m.place, personIds: m.participants.map((p) => p.personId) }, 'cancelled', 56, input.reason.trim());
    return { status: 'cancelled', unplacedTopics: placed.length };
  });
}

/**
 * Moves a scheduled meeting. The host and the members are computed again for the new day (the mayor may
 * be away then — 第十三条); the members chosen for a mayor's office or special meeting and the observers stay.
 */
export async function rescheduleMeeting(deps: AppDeps, actor: Actor, meetingId: string, input: { startsAt: string; place?: string; video?: boolean; materialsDueAt?: string; reason: string; version?: number }) {
  return runUseCase(deps, actor, async (ctx) => {
    const m = await loadMeeting(ctx.tx, actor.tenantId, meetingId, true);
    expectVersion(m, input.version);
    const next = { startsAt: input.startsAt, place: input.place ?? m.place, video: input.video ?? m.video, materialsDueAt: input.materialsDueAt, reason: input.reason };
    const checked = checkReschedule(m, capacity(actor), next, ctx.now);
    const blocks = checked.ok ? [] : [...checked.violations];
    let host: ReturnType<typeof resolveHost> | null = null;
    let participants: ReturnType<typeof composeParticipants> | null = null;
    if (!Number.isNaN(Date.parse(input.startsAt))) {
      const day = shanghaiDate(new Date(input.startsAt));
      const rules = meetingRules(day);
      const org = await requireOrg(ctx.tx, actor.tenantId);
      host = resolveHost(org, m.type, day, rules, m.type === 'special' ? m.hostPersonId : undefined);
      if (!host.ok) blocks.push(...host.violations);
      else {
        const chosen = m.participants.filter((p) => p.role === 'member' && p.personId !== m.hostPersonId).map((p) => p.personId);
        participants = composeParticipants(org, m.type, day, rules, host.value, {
          participantPersonIds: chosen, observerPersonIds: m.participants.filter((p) => p.role === 'observer').map((p) => p.personId),
        });
        if (!participants.ok) blocks.push(...participants.violations);
      }
    }
    if (blocks.length || !checked.ok || !host?.ok || !participants?.ok) throw refusal(blocks[0].code, blocks);
    const before = { startsAt: m.startsAt, place: m.place, video: m.video, materialsDueAt: m.materialsDueAt, hostPersonId: m.hostPersonId };
    const after = { startsAt: input.startsAt, place: next.place, video: next.video, materialsDueAt: checked.value.materialsDueAt, hostPersonId: host.value.personId };
    await ctx.tx.query(
      `UPDATE meetings SET starts_at = $2, place = $3, video = $4, materials_due_at = $5, host_person_id = $6, host_basis = $7, participants = $8, version = version + 1 WHERE id = $1`,
      [m.id, input.startsAt, next.place, next.video, checked.value.materialsDueAt, host.value.personId, host.value.basis, JSON.stringify(participants.value)]);
    await scheduleMaterialsCutoff(ctx, m.id, checked.value.materialsDueAt);
    await ctx.tx.query(`INSERT INTO meeting_changes (tenant_id, meeting_id, kind, at, by_name, reason, before, after) VALUES ($1,$2,'rescheduled',$3,$4,$5,$6,$7)`,
      [actor.tenantId, m.id, ctx.now, actor.name, input.reason.trim(), JSON.stringify(before), JSON.stringify(after)]);
    const warnings = [...checked.warnings, ...host.warnings];
    await ctx.audit({ action: 'meeting.rescheduled', objectType: 'meeting', objectId: m.id, article: host.value.personId !== m.hostPersonId ? host.value.article : 56,
      payload: { reason: input.reason.trim(), before, after, warnings } });
    await noticeMeeting(ctx, { id: m.id, type: m.type, startsAt: input.startsAt, place: next.place, personIds: participants.value.map((p) => p.personId) }, 'rescheduled', host.value.personId !== m.hostPersonId ? host.value.article : 56, input.reason.trim());
    return { hostPersonId: host.value.personId, hostBasis: host.value.basis, warnings };
  });
}

/** 第五十九条: each decision's documents to issue, with deadlines counted from the day the meeting ended. */
async function createIssuanceTasks(ctx: UseCaseContext, m: MeetingRow, endDay: string) {
  const rules = meetingRules(meetingDay(m));
  const draftRules = issuanceDraftRules(endDay);
  const { rows } = await ctx.tx.query(
    `SELECT d.id, d.topic_id, d.follow_ups, d.outcome, d.text, t.title, t.to_party_committee, t.department_unit_id FROM meeting_decisions d JOIN meeting_topics t ON t.id = d.topic_id
      WHERE d.meeting_id = $1 ORDER BY d.decided_at, d.id`, [m.id]);
  const created: { id: string; kind: string; title: string; due: string; label: string; documentId: string }[] = [];
  const rulesByKind = issuanceRules(endDay);
  for (const d of rows) {
    const toParty = d.to_party_committee && (d.outcome === 'approved' || d.outcome === 'approvedInPrinciple');
    const r = issuanceTasks(d.follow_ups as FollowUp[], endDay, issuanceRules(endDay), shippedCalendar(),
      { toPartyCommittee: toParty, reportedInNameOf: rules.partyCommittee.reportedInNameOf, topicTitle: d.title });
    const tasks = orRefuse(r).value;
    for (const t of tasks) {
      const id = newId('iss');
      // 第五十九条 with 第五十六条第三款: the outgoing draft, in the documents context, in this transaction
      const facts = issuanceDraft(t, { meetingTitle: meetingTitle(m.type, m.number), topicTitle: d.title, decisionText: d.text, departmentUnitId: d.department_unit_id }, draftRules);
      const draft = await createOutgoingDraftIn(ctx, { ...facts, source: { kind: 'meeting', id, article: t.deadline.article } });
      await ctx.tx.query(
        `INSERT INTO meeting_issuance_tasks (id, tenant_id, meeting_id, topic_id, decision_id, kind, title, recipient, rule_id, article,
           event_date, due, remind_from, unknown_years, label, sender_name, needs_mayor_approval, document_id, status, created_at)
         VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,'open',$19)`,
        [id, ctx.actor.tenantId, m.id, d.topic_id, d.id, t.kind, t.title, t.recipient ?? null, t.deadline.ruleId, t.deadline.article,
          t.deadline.eventDate, t.deadline.due, t.deadline.remindFrom, t.deadline.unknownYears, t.deadline.label, t.senderName, t.needsMayorApproval, draft.id, ctx.now]);
      // reminder and 催办 as durable timers, each fired once and audited with 第五十九条
      await trackDeadline(ctx, { objectType: ISSUANCE_OBJECT, objectId: id, rule: rulesByKind[t.kind], eventDate: endDay, calendar: shippedCalendar() });
      await ctx.audit({ action: 'meeting.issuance_task.created', objectType: 'meeting_issuance_task', objectId: id, article: t.deadline.article,
        payload: { kind: t.kind, due: t.deadline.due, label: t.deadline.label, unknownYears: t.deadline.unknownYears, senderName: t.senderName, documentId: draft.id, documentTitle: facts.title } });
      created.push({ id, kind: t.kind, title: t.title, due: t.deadline.due, label: t.deadline.label, documentId: draft.id });
    }
  }
  return created;
}

// ---- topics ----

export interface TopicInput {
  title: string;
  kind: TopicKind;
  meetingType: MeetingType;
  departmentUnitId: string;
  involvedUnitIds?: string[];
  disputed?: boolean;
  involvesCounties?: boolean;
  publicInterest?: boolean;
  marketActivity?: boolean;
  enterpriseRules?: boolean;
  concernsOverall?: boolean;
  innovative?: boolean;
  clearProposal?: boolean;
  toPartyCommittee?: boolean;
  proposal?: string;
  coordinatesTopicId?: string;
}

export async function createTopic(deps: AppDeps, actor: Actor, input: TopicInput) {
  return runUseCase(deps, actor, async (ctx) => {
    const org = await requireOrg(ctx.tx, actor.tenantId);
    const day = shanghaiDate(ctx.now);
    const blocks: Violation[] = [];
    if (!input.title.trim()) blocks.push({ code: 'REQUEST.VALIDATION', message: '议题名称不能为空' });
    for (const u of [input.departmentUnitId, ...(input.involvedUnitIds ?? [])]) {
      if (!unitById(org, u)) blocks.push({ code: 'ORG.UNKNOWN_UNIT', message: `未知的单位：${u}` });
    }
    const dept = unitById(org, input.departmentUnitId);
    if (dept) {
      const filerUnits = actor.personId ? positionsOf(org, actor.personId, day).map((p) => p.unitId) : [];
      blocks.push(...checkTopicFiler(capacity(actor), { unitIds: filerUnits }, { unitId: dept.id, name: dept.shortName ?? dept.name, leaderPersonId: leaderInCharge(org, dept.id, day)?.personId ?? null }));
    }
    if (input.coordinatesTopicId) {
      if (input.meetingType !== 'special') blocks.push({ code: 'MEETING.AGREED_ONLY_AT_SPECIAL', article: 53, message: '协调分歧议题的应是分管副市长召开的专题会议议题' });
      const { rows } = await ctx.tx.query(`SELECT 1 FROM meeting_topics WHERE tenant_id = $1 AND id = $2`, [actor.tenantId, input.coordinatesTopicId]);
      if (!rows.length) blocks.push({ code: 'REQUEST.NOT_FOUND', message: `被协调的议题不存在：${input.coordinatesTopicId}` });
    }
    if (blocks.length) throw refusal(blocks[0].code, blocks);
    const leader = leaderInCharge(org, input.departmentUnitId, day);
    const id = newId('tpc');
    await ctx.tx.query(
      `INSERT INTO meeting_topics (id, tenant_id, title, kind, meeting_type, stage, department_unit_id, involved_unit_ids, disputed,
         involves_counties, public_interest, market_activity, enterprise_rules, concerns_overall, innovative, clear_proposal,
         to_party_committee, leader_person_id, proposal, coordinates_topic_id, created_at, created_by)
       VALUES ($1,$2,$3,$4,$5,'draft',$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19,$20,$21)`,
      [id, actor.tenantId, input.title.trim(), input.kind, input.meetingType, input.departmentUnitId, input.involvedUnitIds ?? [],
        !!input.disputed, !!input.involvesCounties, !!input.publicInterest, !!input.marketActivity, !!input.enterpriseRules,
        !!input.concernsOverall, !!input.innovative, !!input.clearProposal, !!input.toPartyCommittee, leader?.personId ?? null,
        input.proposal ?? '', input.coordinatesTopicId ?? null, ctx.now, actor.name]);
    await stepTrail(ctx, id, 'draft', 'draft', '部门拟提议题');
    await ctx.audit({ action: 'meeting.topic.drafted', objectType: 'meeting_topic', objectId: id, article: 56,
      payload: { title: input.title, kind: input.kind, meetingType: input.meetingType, leaderPersonId: leader?.personId ?? null } });
    return { id, leaderPersonId: leader?.personId ?? null, leaderName: nameOf(org, leader?.personId) };
  });
}

async function stepTrail(ctx: UseCaseContext, topicId: string, step: string, stage: string, note = '') {
  await ctx.tx.query(`INSERT INTO meeting_topic_steps (tenant_id, topic_id, step, stage, by_person_id, by_name, at, note) VALUES ($1,$2,$3,$4,$5,$6,$7,$8)`,
    [ctx.actor.tenantId, topicId, step, stage, ctx.actor.personId, ctx.actor.name, ctx.now, note]);
}

/** 第五十六条: one step of the pipeline. */
export async function advanceTopicStep(deps: AppDeps, actor: Actor, topicId: string, input: { step: TopicStep; note?: string; version?: number }) {
  return runUseCase(deps, actor, async (ctx) => {
    const t = await loadTopic(ctx.tx, actor.tenantId, topicId, true);
    expectVersion(t, input.version);
    const rules = meetingRules(shanghaiDate(ctx.now));
    const stage = orRefuse(advanceTopic(t, input.step, capacity(actor), rules)).value;
    await ctx.tx.query(`UPDATE meeting_topics SET stage = $2, version = version + 1 WHERE id = $1`, [t.id, stage]);
    await stepTrail(ctx, t.id, input.step, stage, input.note ?? '');
    await ctx.audit({ action: `meeting.topic.${input.step}`, objectType: 'meeting_topic', objectId: t.id, article: rules.pipeline.article, payload: { stage, note: input.note ?? '' } });
    return { stage };
  });
}

export async function rejectTopic(deps: AppDeps, actor: Actor, topicId: string, input: { reason: string; version?: number }) {
  return runUseCase(deps, actor, async (ctx) => {
    const t = await loadTopic(ctx.tx, actor.tenantId, topicId, true);
    expectVersion(t, input.version);
    orRefuse(checkRejection(t, input.reason));
    // who may turn a topic away: whoever takes the next step of the pipeline, or the office
    const rules = meetingRules(shanghaiDate(ctx.now));
    const cap = capacity(actor);
    const allowed = isOffice(cap) || cap.roles.includes('mayor') || cap.roles.includes('secretary_general') || cap.personId === t.leaderPersonId;
    if (!allowed) throw new AppError('MEETING.TOPIC_STEP_NOT_AUTHORISED', { message: '只有分管副市长、市政府办公室、秘书长或市长可以退回议题', article: rules.pipeline.article });
    await ctx.tx.query(`UPDATE meeting_topics SET stage = 'rejected', version = version + 1 WHERE id = $1`, [t.id]);
    await stepTrail(ctx, t.id, 'reject', 'rejected', input.reason);
    await ctx.audit({ action: 'meeting.topic.rejected', objectType: 'meeting_topic', objectId: t.id, article: rules.pipeline.article, payload: { reason: input.reason } });
    return { stage: 'rejected' };
  });
}

export async function addMaterial(deps: AppDeps, actor: Actor, topicId: string, input: { kind: MaterialKind; title: string }) {
  return runUseCase(deps, actor, async (ctx) => {
    const t = await loadTopic(ctx.tx, actor.tenantId, topicId, true);
    if (t.stage === 'concluded' || t.stage === 'rejected') throw refusal('MEETING.TOPIC_ALREADY_DECIDED', [{ code: 'MEETING.TOPIC_ALREADY_DECIDED', message: '议题已研究决定或已退回，不能再补送材料' }]);
    if (!input.title.trim()) throw refusal('REQUEST.VALIDATION', [{ code: 'REQUEST.VALIDATION', message: '材料名称不能为空' }]);
    const id = newId('mat');
    await ctx.tx.query(`INSERT INTO meeting_materials (id, tenant_id, topic_id, kind, title, submitted_at, submitted_by) VALUES ($1,$2,$3,$4,$5,$6,$7)`,
      [id, actor.tenantId, t.id, input.kind, input.title.trim(), ctx.now, actor.name]);
    let late: Violation[] = [];
    if (t.meetingId) {
      const m = await loadMeeting(ctx.tx, actor.tenantId, t.meetingId);
      if (ctx.now.getTime() > Date.parse(m.materialsDueAt)) {
        late = [{ code: 'MEETING.MATERIALS_LATE', article: 56, message: `依据第五十六条，会议材料一般应于会前送达与会人员：「${input.title}」晚于截止时间送达` }];
      }
    }
    await ctx.audit({ action: 'meeting.material.submitted', objectType: 'meeting_topic', objectId: t.id, article: 34, payload: { kind: input.kind, title: input.title, late: late.length > 0 } });
    return { id, warnings: late };
  });
}

/** Places an approved topic on a meeting (第五十三条 screening and dispute rule, 第三十四条 materials, 第十条). */
export async function placeTopic(deps: AppDeps, actor: Actor, topicId: string, input: { meetingId: string; version?: number }) {
  return runUseCase(deps, actor, async (ctx) => {
    if (!isOffice(capacity(actor))) throw new AppError('MEETING.NOT_AUTHORISED', { message: '议题由市政府办公室列入会议（第五十六条）', article: 56 });
    const t = await loadTopic(ctx.tx, actor.tenantId, topicId, true);
    expectVersion(t, input.version);
    const m = await loadMeeting(ctx.tx, actor.tenantId, input.meetingId, true);
    const rules = meetingRules(meetingDay(m));
    const coordination = await loadCoordination(ctx.tx, actor.tenantId, t.id);
    const { warnings } = orRefuse(checkPlacement(t, m, rules, coordination));
    const { rows } = await ctx.tx.query(`SELECT coalesce(max(agenda_order), 0) + 1 AS n FROM meeting_topics WHERE meeting_id = $1`, [m.id]);
    await ctx.tx.query(`UPDATE meeting_topics SET stage = 'placed', meeting_id = $2, agenda_order = $3, version = version + 1 WHERE id = $1`, [t.id, m.id, Number(rows[0].n)]);
    await stepTrail(ctx, t.id, 'place', 'placed', m.id);
    await ctx.audit({ action: 'meeting.topic.placed', objectType: 'meeting_topic', objectId: t.id, article: m.type === 'executive' ? rules.admission.article : rules.pipeline.article,
      payload: { meetingId: m.id, coordination, warnings } });
    return { agendaOrder: Number(rows[0].n), warnings };
  });
}

// ---- leave and written opinions ----

async function mayorOf(org: Org, day: string): Promise<string | null> {
  const post = governmentPost(org, 'mayor');
  return post ? holderOf(org, post.id, day) ?? null : null;
}

export async function requestLeave(deps: AppDeps, actor: Actor, meetingId: string, input: { personId?: string; reason: string }) {
  return runUseCase(deps, actor, async (ctx) => {
    const m = await loadMeeting(ctx.tx, actor.tenantId, meetingId, true);
    const personId = input.personId ?? actor.personId;
    if (!personId) throw refusal('REQUEST.VALIDATION', [{ code: 'REQUEST.VALIDATION', message: '请指定请假人' }]);
    if (personId !== actor.personId && !isOffice(capacity(actor))) throw new AppError('MEETING.NOT_AUTHORISED', { message: '只能本人请假，或由市政府办公室代为登记' });
    const org = await requireOrg(ctx.tx, actor.tenantId);
    const rules = meetingRules(meetingDay(m));
    const approver = leaveApprover(m, rules, await mayorOf(org, meetingDay(m)));
    orRefuse(checkLeaveRequest(m, personId, input.reason, await loadLeaves(ctx.tx, m.id), ctx.now, approver));
    const id = newId('lv');
    await ctx.tx.query(`INSERT INTO meeting_leaves (id, tenant_id, meeting_id, person_id, reason, approver_person_id, status, requested_at, requested_by)
      VALUES ($1,$2,$3,$4,$5,$6,'pending',$7,$8)`, [id, actor.tenantId, m.id, personId, input.reason.trim(), approver, ctx.now, actor.name]);
    await ctx.audit({ action: 'meeting.leave.requested', objectType: 'meeting', objectId: m.id, article: 57, payload: { leaveId: id, personId, approver, reason: input.reason } });
    return { id, approverPersonId: approver, approverName: nameOf(org, approver) };
  });
}

/** 第五十七条: the mayor (the host for special meetings) decides; the result is reported to the office at once. */
export async function decideLeave(deps: AppDeps, actor: Actor, meetingId: string, leaveId: string, input: { approve: boolean; note?: string }) {
  return runUseCase(deps, actor, async (ctx) => {
    const m = await loadMeeting(ctx.tx, actor.tenantId, meetingId, true);
    const leave = (await loadLeaves(ctx.tx, m.id)).find((l) => l.id === leaveId);
    if (!leave) throw new AppError('REQUEST.NOT_FOUND', { message: `请假申请不存在：${leaveId}` });
    orRefuse(checkLeaveDecision(m, leave, capacity(actor), meetingRules(meetingDay(m))));
    const status = input.approve ? 'approved' : 'denied';
    await ctx.tx.query(`UPDATE meeting_leaves SET status = $2, decided_at = $3, decision_note = $4, reported_to_office_at = $3, version = version + 1 WHERE id = $1`,
      [leave.id, status, ctx.now, input.note ?? '']);
    await ctx.audit({ action: `meeting.leave.${status}`, objectType: 'meeting', objectId: m.id, article: 57, payload: { leaveId, personId: leave.personId, note: input.note ?? '' } });
    await noticeLeaveDecided(ctx, { id: m.id, type: m.type, startsAt: m.startsAt, place: m.place, personIds: [] }, leave, input.approve, 57, input.note ?? '');
    await ctx.audit({ action: 'meeting.leave.reported_to_office', objectType: 'meeting', objectId: m.id, article: 57, payload: { leaveId, status } });
    return { status };
  });
}

export async function submitOpinion(deps: AppDeps, actor: Actor, meetingId: string, input: { topicId: string; text: string; personId?: string }) {
  return runUseCase(deps, actor, async (ctx) => {
    const m = await loadMeeting(ctx.tx, actor.tenantId, meetingId, true);
    const personId = input.personId ?? actor.personId;
    if (!personId) throw refusal('REQUEST.VALIDATION', [{ code: 'REQUEST.VALIDATION', message: '请指定提出书面意见的成员' }]);
    if (personId !== actor.personId && !isOffice(capacity(actor))) throw new AppError('MEETING.NOT_AUTHORISED', { message: '书面意见由成员本人提出，或由市政府办公室代为登记' });
    const t = await loadTopic(ctx.tx, actor.tenantId, input.topicId);
    const present = presentPeople(await loadEvents(ctx.tx, m.id));
    orRefuse(checkWrittenOpinion(m, t, personId, present, input.text, t.stage === 'concluded'));
    const id = newId('op');
    await ctx.tx.query(`INSERT INTO meeting_opinions (id, tenant_id, meeting_id, topic_id, person_id, text, at) VALUES ($1,$2,$3,$4,$5,$6,$7)`,
      [id, actor.tenantId, m.id, t.id, personId, input.text.trim(), ctx.now]);
    await ctx.audit({ action: 'meeting.opinion.submitted', objectType: 'meeting_topic', objectId: t.id, article: 53, payload: { personId, meetingId: m.id } });
    return { id };
  });
}

// ---- decisions ----

export async function decideTopic(deps: AppDeps, actor: Actor, meetingId: string, topicId: string, input: { outcome: DecisionOutcome; text: string; followUps?: FollowUp[] }) {
  return runUseCase(deps, actor, async (ctx) => {
    const m = await loadMeeting(ctx.tx, actor.tenantId, meetingId, true);
    const t = await loadTopic(ctx.tx, actor.tenantId, topicId, true);
    const rules = meetingRules(meetingDay(m));
    const events = await loadEvents(ctx.tx, m.id);
    const d = checkTopicDecision(m, t, events, capacity(actor), rules, input);
    const fu = checkFollowUps(input.followUps ?? []);
    if (!d.ok || fu.length) {
      const all = [...(d.ok ? [] : d.violations), ...fu];
      throw refusal(all[0].code, all);
    }
    const here = presentPeople(events);
    const members = m.participants.filter((p) => p.role === 'member');
    const leaves = await loadLeaves(ctx.tx, m.id);
    const present = members.filter((p) => here.has(p.personId)).map((p) => p.personId);
    const absent = members.filter((p) => !here.has(p.personId)).map((p) => ({
      personId: p.personId, name: p.name, leave: leaves.find((l) => l.personId === p.personId)?.status ?? null,
    }));
    const id = newId('dec');
    await ctx.tx.query(
      `INSERT INTO meeting_decisions (id, tenant_id, meeting_id, topic_id, outcome, text, decided_by_person_id, decided_at, present_person_ids, absent, quorum, follow_ups)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12)`,
      [id, actor.tenantId, m.id, t.id, input.outcome, input.text.trim(), actor.personId, ctx.now, present, JSON.stringify(absent), JSON.stringify(d.value), JSON.stringify(input.followUps ?? [])]);
    await ctx.tx.query(`UPDATE meeting_topics SET stage = 'concluded', version = version + 1 WHERE id = $1`, [t.id]);
    await stepTrail(ctx, t.id, 'decide', 'concluded', input.outcome);
    await ctx.audit({ action: 'meeting.topic.decided', objectType: 'meeting_topic', objectId: t.id, article: rules.chairDecides.article,
      payload: { meetingId: m.id, decisionId: id, outcome: input.outcome, present, absent, quorum: d.value } });
    return { id, present, quorum: d.value };
  });
}

// ---- minutes ----

export async function saveMinutes(deps: AppDeps, actor: Actor, meetingId: string, input: { text: string; version?: number }) {
  return runUseCase(deps, actor, async (ctx) => {
    const m = await loadMeeting(ctx.tx, actor.tenantId, meetingId, true);
    const { rows } = await ctx.tx.query(`SELECT version, status FROM meeting_minutes WHERE meeting_id = $1 ORDER BY version DESC LIMIT 1`, [m.id]);
    const last = rows[0] as { version: number; status: 'draft' | 'signed' } | undefined;
    if (input.version != null && (last?.version ?? 0) !== input.version) throw new AppError('REQUEST.CONFLICT');
    orRefuse(checkMinutesDraft(m, last ?? null, capacity(actor), meetingRules(meetingDay(m)), input.text));
    const version = (last?.version ?? 0) + 1;
    await ctx.tx.query(`INSERT INTO meeting_minutes (id, tenant_id, meeting_id, version, text, status, drafted_by, drafted_at) VALUES ($1,$2,$3,$4,$5,'draft',$6,$7)`,
      [newId('min'), actor.tenantId, m.id, version, input.text, actor.name, ctx.now]);
    await ctx.audit({ action: 'meeting.minutes.drafted', objectType: 'meeting', objectId: m.id, article: 58, payload: { version } });
    return { version };
  });
}

export async function signMinutes(deps: AppDeps, actor: Actor, meetingId: string, input: { version?: number }) {
  return runUseCase(deps, actor, async (ctx) => {
    const m = await loadMeeting(ctx.tx, actor.tenantId, meetingId, true);
    const { rows } = await ctx.tx.query(`SELECT id, version, status FROM meeting_minutes WHERE meeting_id = $1 ORDER BY version DESC LIMIT 1`, [m.id]);
    const last = rows[0] as { id: string; version: number; status: 'draft' | 'signed' } | undefined;
    if (input.version != null && last && last.version !== input.version) throw new AppError('REQUEST.CONFLICT');
    const org = await requireOrg(ctx.tx, actor.tenantId);
    const rules = meetingRules(meetingDay(m));
    const signer = minutesSigner(m, rules, await mayorOf(org, shanghaiDate(ctx.now)));
    orRefuse(checkMinutesSigning(m, last ?? null, capacity(actor), rules, signer));
    // the 纪要 as signed (GB/T 9704 clause 9), frozen with its SM3 digest: every later export is this content
    const { rows: txt } = await ctx.tx.query(`SELECT text FROM meeting_minutes WHERE id = $1`, [last!.id]);
    const model = await minutesModel(ctx.tx, actor.tenantId, m.id);
    const output = minutesOutput(m.id, last!.version, model, String(txt[0]?.text ?? minutesText(model)), shanghaiDate(ctx.now));
    const sm3 = digestOf(output);
    await ctx.tx.query(`UPDATE meeting_minutes SET status = 'signed', signed_by_person_id = $2, signed_by_name = $3, signed_at = $4, output = $5, sm3 = $6 WHERE id = $1`,
      [last!.id, actor.personId, nameOf(org, actor.personId), ctx.now, JSON.stringify(output), sm3]);
    await ctx.audit({ action: 'meeting.minutes.signed', objectType: 'meeting', objectId: m.id, article: 58, payload: { version: last!.version, sm3 } });
    await onMinutesSigned(ctx, m.id);
    return { version: last!.version, signedBy: nameOf(org, actor.personId), sm3 };
  });
}

// ---- issuance tasks ----

export async function approvePartyCommitteeTask(deps: AppDeps, actor: Actor, taskId: string) {
  return runUseCase(deps, actor, async (ctx) => {
    const { rows } = await ctx.tx.query(`SELECT * FROM meeting_issuance_tasks WHERE tenant_id = $1 AND id = $2 FOR UPDATE`, [actor.tenantId, taskId]);
    const t = rows[0];
    if (!t) throw new AppError('REQUEST.NOT_FOUND');
    const blocks: Violation[] = [];
    if (!t.needs_mayor_approval || t.approved_at) blocks.push({ code: 'MEETING.TASK_NOT_PENDING', message: '该任务无需或已经市长审定' });
    if (!actor.roles.includes('mayor')) blocks.push({ code: 'MEETING.TASK_APPROVAL_NOT_MAYOR', article: 53, message: '依据第五十三条，提请市委常委会会议审议的议题由市长审定' });
    if (blocks.length) throw refusal(blocks[0].code, blocks);
    await ctx.tx.query(`UPDATE meeting_issuance_tasks SET approved_by_person_id = $2, approved_at = $3, version = version + 1 WHERE id = $1`, [taskId, actor.personId, ctx.now]);
    await ctx.audit({ action: 'meeting.issuance_task.mayor_approved', objectType: 'meeting_issuance_task', objectId: taskId, article: 53, payload: { senderName: t.sender_name } });
    return { ok: true };
  });
}

export async function completeIssuanceTask(deps: AppDeps, actor: Actor, taskId: string, input: { issuedRef: string; documentId?: string }) {
  return runUseCase(deps, actor, async (ctx) => {
    if (!isOffice(capacity(actor))) throw new AppError('MEETING.NOT_AUTHORISED', { message: '印发情况由市政府办公室登记' });
    const { rows } = await ctx.tx.query(`SELECT * FROM meeting_issuance_tasks WHERE tenant_id = $1 AND id = $2 FOR UPDATE`, [actor.tenantId, taskId]);
    const t = rows[0];
    if (!t) throw new AppError('REQUEST.NOT_FOUND');
    const blocks: Violation[] = [];
    if (t.status !== 'open') blocks.push({ code: 'MEETING.TASK_NOT_PENDING', message: '该印发任务已办结' });
    if (t.needs_mayor_approval && !t.approved_at) blocks.push({ code: 'MEETING.TASK_NEEDS_MAYOR_APPROVAL', article: 53, message: `依据第五十三条，提请市委常委会会议审议的议题须经市长审定，以${t.sender_name}名义报市委` });
    if (!input.issuedRef.trim()) blocks.push({ code: 'REQUEST.VALIDATION', message: '请填写印发文号或报送情况' });
    if (blocks.length) throw refusal(blocks[0].code, blocks);
    const day = shanghaiDate(ctx.now);
    await ctx.tx.query(`UPDATE meeting_issuance_tasks SET status = 'issued', issued_at = $2, issued_ref = $3, document_id = coalesce($4, document_id), version = version + 1 WHERE id = $1`,
      [taskId, ctx.now, input.issuedRef.trim(), input.documentId ?? null]);
    await closeDeadline(ctx, ISSUANCE_OBJECT, taskId, t.rule_id);
    await ctx.audit({ action: 'meeting.issuance_task.issued', objectType: 'meeting_issuance_task', objectId: taskId, article: t.article,
      payload: { issuedRef: input.issuedRef, due: t.due, onTime: day <= String(t.due) } });
    return { onTime: day <= String(t.due) };
  });
}

// ---- department citywide meetings (第六十条, 第六十一条) ----

export interface CitywideInput {
  departmentUnitId: string;
  title: string;
  date: string;
  hostName: string;
  viceMayorConsent?: { personId: string; date: string } | null;
  formalRequest?: string | null;
  video: boolean;
  invitesCountyHeads: boolean;
  invitesCityLeaders: boolean;
  justification?: string | null;
}

async function governmentNames(org: Org): Promise<string[]> {
  return org.units.filter((u) => u.kind === 'municipal_government' || u.kind === 'government_office').flatMap((u) => [u.name, u.shortName]);
}

export async function submitCitywideRequest(deps: AppDeps, actor: Actor, input: CitywideInput) {
  return runUseCase(deps, actor, async (ctx) => {
    const org = await requireOrg(ctx.tx, actor.tenantId);
    if (!unitById(org, input.departmentUnitId)) throw refusal('ORG.UNKNOWN_UNIT', [{ code: 'ORG.UNKNOWN_UNIT', message: `未知的单位：${input.departmentUnitId}` }]);
    const year = Number(input.date.slice(0, 4));
    const rules = citywideRules(input.date, await governmentNames(org));
    const { rows } = await ctx.tx.query(`SELECT count(*)::int AS n FROM meeting_citywide_requests WHERE tenant_id = $1 AND department_unit_id = $2 AND year = $3 AND status <> 'refused'`,
      [actor.tenantId, input.departmentUnitId, year]);
    const leader = leaderInCharge(org, input.departmentUnitId, shanghaiDate(ctx.now));
    const req = { ...input, year, viceMayorConsent: input.viceMayorConsent ?? null, formalRequest: input.formalRequest ?? null, justification: input.justification ?? null };
    const { value, warnings } = orRefuse(checkCitywideRequest(req, Number(rows[0].n), rules, leader?.personId ?? null));
    const id = newId('cw');
    await ctx.tx.query(
      `INSERT INTO meeting_citywide_requests (id, tenant_id, department_unit_id, title, year, host_name, vice_mayor_consent, formal_request, video,
         invites_county_heads, invites_city_leaders, justification, over_yearly_limit, warnings, status, created_at, created_by)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,'submitted',$15,$16)`,
      [id, actor.tenantId, input.departmentUnitId, input.title, year, input.hostName, JSON.stringify(req.viceMayorConsent), req.formalRequest, input.video,
        input.invitesCountyHeads, input.invitesCityLeaders, req.justification, value.overYearlyLimit, JSON.stringify(warnings), ctx.now, actor.name]);
    await ctx.audit({ action: 'meeting.citywide.submitted', objectType: 'meeting_citywide_request', objectId: id, article: rules.article, payload: { warnings: warnings.map((w) => w.code) } });
    return { id, warnings, overYearlyLimit: value.overYearlyLimit };
  });
}

export async function decideCitywideRequest(deps: AppDeps, actor: Actor, id: string, input: { approve: boolean; note: string; approveCountyHeads?: boolean; approveOverLimit?: boolean }) {
  return runUseCase(deps, actor, async (ctx) => {
    const { rows } = await ctx.tx.query(`SELECT * FROM meeting_citywide_requests WHERE tenant_id = $1 AND id = $2 FOR UPDATE`, [actor.tenantId, id]);
    const r = rows[0];
    if (!r) throw new AppError('REQUEST.NOT_FOUND');
    const org = await requireOrg(ctx.tx, actor.tenantId);
    const rules = citywideRules(shanghaiDate(ctx.now), await governmentNames(org));
    orRefuse(checkCitywideApproval({
      departmentUnitId: r.department_unit_id, title: r.title, year: r.year, hostName: r.host_name, viceMayorConsent: r.vice_mayor_consent,
      formalRequest: r.formal_request, video: r.video, invitesCountyHeads: r.invites_county_heads, invitesCityLeaders: r.invites_city_leaders,
      justification: r.justification, status: r.status, overYearlyLimit: r.over_yearly_limit,
    }, capacity(actor), input, rules));
    const status = input.approve ? 'approved' : 'refused';
    await ctx.tx.query(`UPDATE meeting_citywide_requests SET status = $2, decided_by = $3, decided_at = $4, decision = $5, version = version + 1 WHERE id = $1`,
      [id, status, actor.name, ctx.now, JSON.stringify(input)]);
    await ctx.audit({ action: `meeting.citywide.${status}`, objectType: 'meeting_citywide_request', objectId: id, article: 60, payload: input });
    return { status };
  });
}
