// Durable timers of the documents context (src/jobs): every time limit is a tracked deadline of the
// calendar (src/app/calendar/deadlines.ts), scheduled in the transaction that creates the item.
//
// - 第六十六条 implicit consent: an opinion request or countersign with no reply by its due day becomes,
//   the day after, a recorded 无不同意见 event on the document's trail and in the audit record.
// - 第七十三条 handling limits: a reminder on the reminder day (lead time from the pack) and, the day after
//   the due day, a 催办 to the leader in charge of the handling department, reported to the office
//   (documents.handling.reminders.escalateTo).
//
// Each timer fires once (claimed with FOR UPDATE SKIP LOCKED and marked fired with the handler's effects);
// handlers are idempotent besides (an answered request or a finished assignment is skipped), and a year's
// holiday arrangement loaded later moves the deadline and its timers (onDeadlineRecomputed).
//
// Opinions matter only while the document waits for them: once it is 办结, 退回, 印发, 分发 or 撤回, its
// open requests are ended as 已撤回（不再需要）on the trail and their timers cancelled — when it leaves
// that state (endOpinionRequestsOfDocument, opinions.ts), and in any case when a timer fires for one.
import { registerTimerKind, type TimerRow } from '../../jobs/timers.ts';
import { closeDeadline, onDeadlineRecomputed, trackDeadline, type TrackedDeadline } from '../calendar/deadlines.ts';
import type { DeadlineOverride, DeadlineRule } from '../../domain/calendar/deadline.ts';
import { leaderInCharge, unitById, type Org } from '../../domain/org/index.ts';
import { basedOn } from '../../domain/shared/article.ts';
import { OPINION_STATE_LABELS, STATE_LABELS, type DocState, type OpinionState } from '../../domain/documents/index.ts';
import type { UseCaseContext } from '../context.ts';
import { orgPort } from './ports.ts';
import { calendar, pack, params, routeTo, today, trail } from './common.ts';
import { noticeChased, noticeHandlingDue, noticeNoObjection, noticeReplyDue } from './notices.ts';

export const IMPLIED_CONSENT_KIND = 'documents.opinion.implied';
/** the reply falls due on the next working day (the pack's reminder lead): the asked unit is told */
export const OPINION_REMIND_KIND = 'documents.opinion.remind';
export const HANDLING_REMIND_KIND = 'documents.assignment.remind';
export const HANDLING_ESCALATE_KIND = 'documents.assignment.escalate';
export const OPINION_OBJECT = 'opinion_request';
export const ASSIGNMENT_OBJECT = 'document_assignment';

async function loadOrg(ctx: UseCaseContext): Promise<Org | null> {
  try {
    return await (await orgPort()).load(ctx.tx, ctx.actor.tenantId);
  } catch {
    return null; // names are a courtesy; the event is recorded with the ids
  }
}
const unitName = (org: Org | null, id: string) => (org ? unitById(org, id)?.shortName ?? id : id);

/** Tracks the reply deadline of an opinion request; its 无不同意见 timer fires the day after the due day. */
export async function trackOpinionDeadline(ctx: UseCaseContext, requestId: string, rule: DeadlineRule, requestedOn: string, override?: DeadlineOverride): Promise<TrackedDeadline> {
  return trackDeadline(ctx, {
    objectType: OPINION_OBJECT, objectId: requestId, rule, eventDate: requestedOn, calendar: calendar(),
    ...(override ? { override } : {}),
    timers: { remind: OPINION_REMIND_KIND, overdue: IMPLIED_CONSENT_KIND },
  });
}

/** Tracks a 第七十三条 handling limit with its reminder and its 催办. */
export async function trackAssignmentDeadline(ctx: UseCaseContext, assignmentId: string, rule: DeadlineRule, assignedOn: string, override?: DeadlineOverride): Promise<TrackedDeadline> {
  const escalateTo = String(pack().param('documents.handling.reminders', 'escalateTo', assignedOn).value);
  return trackDeadline(ctx, {
    objectType: ASSIGNMENT_OBJECT, objectId: assignmentId, rule, eventDate: assignedOn, calendar: calendar(),
    ...(override ? { override } : {}),
    timers: { remind: HANDLING_REMIND_KIND, overdue: HANDLING_ESCALATE_KIND, escalateTo },
  });
}

/** The item was answered or finished: its open deadlines are closed and their pending timers cancelled. */
export async function closeTrackedDeadlines(ctx: UseCaseContext, objectType: string, objectIds: string[]): Promise<void> {
  if (!objectIds.length) return;
  const { rows } = await ctx.tx.query(
    `SELECT object_id, rule_id FROM deadlines WHERE tenant_id = $1 AND object_type = $2 AND object_id = ANY($3::text[]) AND closed_at IS NULL`,
    [ctx.actor.tenantId, objectType, objectIds]);
  for (const r of rows as any[]) await closeDeadline(ctx, objectType, r.object_id, r.rule_id);
}

/** Document states in which opinions no longer matter: 办结, 退回, 印发, 分发, 撤回. */
export const OPINIONS_ENDED_STATES: readonly DocState[] = ['closed', 'returned', 'issued', 'distributed', 'withdrawn'];

/**
 * Ends the open opinion requests of a document (all of them, or only `onlyIds`) as 已撤回（不再需要）:
 * each on the document's trail citing the reply rule (第六十六条), its deadline closed and its pending
 * timers cancelled, so no 无不同意见 is recorded for it later. Returns the ids ended.
 */
export async function withdrawOpenOpinionRequests(ctx: UseCaseContext, documentId: string, reason: string, onlyIds?: string[]): Promise<string[]> {
  const { rows } = await ctx.tx.query(
    `UPDATE opinion_requests SET state = 'withdrawn', reply = $3, replied_at = $4, version = version + 1
      WHERE tenant_id = $1 AND document_id = $2 AND state = 'open' ${onlyIds ? 'AND id = ANY($5::text[])' : ''}
      RETURNING id, kind, asked_unit_id, requested_on, due`,
    [ctx.actor.tenantId, documentId, `不再需要：${reason}`, ctx.now, ...(onlyIds ? [onlyIds] : [])]);
  if (!rows.length) return [];
  const ended = (rows as any[]).sort((a, b) => String(a.id).localeCompare(String(b.id)));
  const ids = ended.map((r) => String(r.id));
  await closeTrackedDeadlines(ctx, OPINION_OBJECT, ids);
  const org = await loadOrg(ctx);
  for (const r of ended) {
    const art = params(String(r.requested_on)).articles.reply;
    await trail(ctx, documentId, 'opinion_withdrawn',
      `${unitName(org, r.asked_unit_id)}的${r.kind === 'countersign' ? '会签' : '征求意见'}已撤回，不再需要回复（${reason}）`, art,
      { requestId: r.id, unitId: r.asked_unit_id, due: String(r.due), reason });
  }
  return ids;
}

/** Why a request is no longer waiting for a reply, or null when it still is. */
export async function opinionsEndedReason(ctx: UseCaseContext, documentId: string | null): Promise<string | null> {
  if (!documentId) return null;
  const { rows } = await ctx.tx.query(`SELECT state FROM documents WHERE tenant_id = $1 AND id = $2`, [ctx.actor.tenantId, documentId]);
  const state = (rows[0] as any)?.state as DocState | undefined;
  return state && OPINIONS_ENDED_STATES.includes(state) ? `文件${STATE_LABELS[state]}` : null;
}

export type ImpliedConsentOutcome = { recorded: true } | { recorded: false; reason: string };

/**
 * 第六十六条: records 无不同意见 for a request still open after its due day, if its document still waits
 * for opinions. A request whose document has since been closed, returned, issued or withdrawn is ended as
 * 已撤回 instead; one answered, negotiated to a later day or already recorded is left as it is.
 */
export async function impliedConsent(ctx: UseCaseContext, requestId: string): Promise<ImpliedConsentOutcome> {
  const { rows } = await ctx.tx.query(`SELECT * FROM opinion_requests WHERE tenant_id = $1 AND id = $2 FOR UPDATE`, [ctx.actor.tenantId, requestId]);
  const r: any = rows[0];
  if (!r) return { recorded: false, reason: '征求意见不存在' };
  if (r.state !== 'open') return { recorded: false, reason: `征求意见已结束（${OPINION_STATE_LABELS[r.state as OpinionState] ?? r.state}）` };
  if (!(today(ctx) > String(r.due))) return { recorded: false, reason: `回复时限 ${r.due} 未过` };
  const ended = await opinionsEndedReason(ctx, r.document_id);
  if (ended) {
    await withdrawOpenOpinionRequests(ctx, r.document_id, ended, [r.id]);
    return { recorded: false, reason: `${ended}，征求意见已撤回，不记无不同意见` };
  }
  const art = params(String(r.requested_on)).articles.silence;
  await ctx.tx.query(`UPDATE opinion_requests SET state = 'implied', replied_at = $2, reply = '无不同意见', version = version + 1 WHERE id = $1`, [r.id, ctx.now]);
  // the deadline is settled; the timer firing now is marked fired by the worker
  await ctx.tx.query(`UPDATE deadlines SET closed_at = $3 WHERE tenant_id = $1 AND object_type = '${OPINION_OBJECT}' AND object_id = $2 AND closed_at IS NULL`,
    [ctx.actor.tenantId, r.id, ctx.now]);
  const org = await loadOrg(ctx);
  const label = `${unitName(org, r.asked_unit_id)}逾期（${r.due}）未回复${r.kind === 'countersign' ? '会签' : '征求意见'}，${basedOn(art)}视为无不同意见`;
  const payload = { requestId: r.id, unitId: r.asked_unit_id, due: String(r.due), reply: '无不同意见' };
  if (r.document_id) await trail(ctx, r.document_id, 'opinion_implied', label, art, payload);
  else await ctx.audit({ action: 'opinion.implied_consent', objectType: OPINION_OBJECT, objectId: r.id, article: art, payload: { ...payload, label } });
  await noticeNoObjection(ctx, org, opinionNotice(r), art);
  return { recorded: true };
}

/** impliedConsent, answering whether 无不同意见 was recorded. */
export async function recordImpliedConsent(ctx: UseCaseContext, requestId: string): Promise<boolean> {
  return (await impliedConsent(ctx, requestId)).recorded;
}

/** A timer that fired without effect keeps why in its payload (the worker marks it fired). */
async function noteTimerSkipped(ctx: UseCaseContext, t: TimerRow, reason: string): Promise<void> {
  await ctx.tx.query(`UPDATE timers SET payload = payload || $2::jsonb WHERE id = $1`, [t.id, JSON.stringify({ skipped: reason })]);
}

async function objectOfTimer(ctx: UseCaseContext, t: TimerRow): Promise<{ objectId: string; article: number; due: string } | null> {
  const { rows } = await ctx.tx.query(`SELECT object_id, article, due::text AS due, closed_at FROM deadlines WHERE id = $1`, [t.payload.deadlineId ?? t.key]);
  const d: any = rows[0];
  return d && !d.closed_at ? { objectId: d.object_id, article: Number(d.article), due: String(d.due).slice(0, 10) } : null;
}

async function openAssignment(ctx: UseCaseContext, id: string) {
  const { rows } = await ctx.tx.query(
    `SELECT a.*, d.state AS doc_state FROM document_assignments a JOIN documents d ON d.id = a.document_id WHERE a.tenant_id = $1 AND a.id = $2 FOR UPDATE OF a`,
    [ctx.actor.tenantId, id]);
  const a: any = rows[0];
  return a && a.state === 'open' && a.doc_state === 'handling' ? a : null;
}

const opinionNotice = (r: any) => ({
  id: String(r.id), documentId: r.document_id ?? null, subject: String(r.subject), kind: String(r.kind),
  askedUnitId: String(r.asked_unit_id), requestingUnitId: String(r.requesting_unit_id), due: String(r.due).slice(0, 10),
});

let listening = false;

/** Registers the documents timer kinds and the recomputation listeners (idempotent). */
export function registerDocumentTimerKinds(): void {
  registerTimerKind(IMPLIED_CONSENT_KIND, async (ctx, t) => {
    const o = await objectOfTimer(ctx, t);
    const outcome: ImpliedConsentOutcome = o ? await impliedConsent(ctx, o.objectId) : { recorded: false, reason: '回复时限已结束（已回复、已撤回或已记录）' };
    if (!outcome.recorded) await noteTimerSkipped(ctx, t, outcome.reason);
  });

  registerTimerKind(OPINION_REMIND_KIND, async (ctx, t) => {
    const o = await objectOfTimer(ctx, t);
    if (!o) return noteTimerSkipped(ctx, t, '回复时限已结束（已回复、已撤回或已记录）');
    const { rows } = await ctx.tx.query(`SELECT * FROM opinion_requests WHERE tenant_id = $1 AND id = $2`, [ctx.actor.tenantId, o.objectId]);
    const r: any = rows[0];
    const day = today(ctx);
    // asked today with a limit as short as the lead: the request itself said when it is due
    if (!r || r.state !== 'open' || day > o.due || day <= String(r.requested_on).slice(0, 10)) return noteTimerSkipped(ctx, t, '无需提醒');
    if (await opinionsEndedReason(ctx, r.document_id)) return noteTimerSkipped(ctx, t, '文件已不再等待意见');
    await noticeReplyDue(ctx, await loadOrg(ctx), opinionNotice(r), o.article);
  });

  registerTimerKind(HANDLING_REMIND_KIND, async (ctx, t) => {
    const o = await objectOfTimer(ctx, t);
    const a = o && (await openAssignment(ctx, o.objectId));
    if (!o || !a || a.reminded_at || today(ctx) > o.due) return; // past due: the 催办 speaks instead
    const org = await loadOrg(ctx);
    await ctx.tx.query(`UPDATE document_assignments SET reminded_at = $2 WHERE id = $1`, [a.id, ctx.now]);
    await trail(ctx, a.document_id, 'reminded', `时限提醒：${unitName(org, a.unit_id)}的承办事项将于 ${o.due} 到期（${basedOn(o.article)}）`, o.article,
      { assignmentId: a.id, unitId: a.unit_id, due: o.due });
    await noticeHandlingDue(ctx, org, { id: a.id, documentId: a.document_id, unitId: a.unit_id, role: a.role, due: o.due }, o.article);
  });

  registerTimerKind(HANDLING_ESCALATE_KIND, async (ctx, t) => {
    const o = await objectOfTimer(ctx, t);
    const a = o && (await openAssignment(ctx, o.objectId));
    if (!o || !a || a.escalated_at) return;
    const day = today(ctx);
    const org = await loadOrg(ctx);
    const inCharge = org ? leaderInCharge(org, a.unit_id, day) : undefined;
    const leaderPerson = inCharge ? inCharge.personId ?? null : null;
    const leaderTitle = inCharge && org ? org.positions.find((p) => p.id === inCharge.positionId)?.title ?? '分管市领导' : null;
    const leaderName = leaderPerson && org ? org.people.find((p) => p.id === leaderPerson)?.name ?? '' : '';
    const office = typeof t.payload.escalateTo === 'string' ? t.payload.escalateTo : null;
    await ctx.tx.query(`UPDATE document_assignments SET escalated_at = $2 WHERE id = $1`, [a.id, ctx.now]);
    if (leaderPerson) await routeTo(ctx, a.document_id, [leaderPerson]);
    const to = [leaderTitle ? `报${leaderTitle}${leaderName ? leaderName : ''}` : null, office ? `${leaderTitle ? '并' : ''}报${office}` : null].filter(Boolean).join('，');
    await trail(ctx, a.document_id, 'escalated', `逾期催办：${unitName(org, a.unit_id)}的承办事项已于 ${o.due} 到期未办结${to ? `，${to}` : ''}（${basedOn(o.article)}）`, o.article,
      { assignmentId: a.id, unitId: a.unit_id, due: o.due, leaderPositionId: inCharge?.positionId ?? null, leaderPersonId: leaderPerson, escalateTo: office });
    await noticeChased(ctx, org, { id: a.id, documentId: a.document_id, unitId: a.unit_id, role: a.role, due: o.due }, o.article, inCharge?.positionId ?? null);
  });

  if (listening) return;
  listening = true;
  // a holiday arrangement loaded later moved a deadline: the item's own columns and trail follow
  onDeadlineRecomputed(OPINION_OBJECT, async (ctx, d, before) => {
    const { rows } = await ctx.tx.query(
      `UPDATE opinion_requests SET due = $2, rule_due = $3, unknown_years = $4, version = version + 1 WHERE id = $1 AND state = 'open' RETURNING document_id, tenant_id`,
      [d.objectId, d.due, d.override?.ruleDue ?? d.due, d.unknownYears]);
    const r: any = rows[0];
    if (r?.document_id) {
      await trail({ ...ctx, actor: { ...ctx.actor, tenantId: r.tenant_id } }, r.document_id, 'deadline_recomputed',
        `节假日安排已载入，回复时限重算：${before.due} → ${d.due}（${d.label}）`, d.article, { requestId: d.objectId, dueBefore: before.due, due: d.due });
    }
  });
  onDeadlineRecomputed(ASSIGNMENT_OBJECT, async (ctx, d, before) => {
    const { rows } = await ctx.tx.query(
      `UPDATE document_assignments SET due = $2, remind_from = $3, unknown_years = $4 WHERE id = $1 AND state = 'open' RETURNING document_id, tenant_id`,
      [d.objectId, d.due, d.remindFrom, d.unknownYears]);
    const r: any = rows[0];
    if (r?.document_id) {
      await trail({ ...ctx, actor: { ...ctx.actor, tenantId: r.tenant_id } }, r.document_id, 'deadline_recomputed',
        `节假日安排已载入，办理时限重算：${before.due} → ${d.due}（${d.label}）`, d.article, { assignmentId: d.objectId, dueBefore: before.due, due: d.due });
    }
  });
}

// kinds are known as soon as the context is loaded, so a worker never meets them unregistered
registerDocumentTimerKinds();
