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
import { registerTimerKind, type TimerRow } from '../../jobs/timers.ts';
import { closeDeadline, onDeadlineRecomputed, trackDeadline, type TrackedDeadline } from '../calendar/deadlines.ts';
import type { DeadlineOverride, DeadlineRule } from '../../domain/calendar/deadline.ts';
import { leaderInCharge, unitById, type Org } from '../../domain/org/index.ts';
import { basedOn } from '../../domain/shared/article.ts';
import type { UseCaseContext } from '../context.ts';
import { orgPort } from './ports.ts';
import { calendar, pack, params, routeTo, today, trail } from './common.ts';

export const IMPLIED_CONSENT_KIND = 'documents.opinion.implied';
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
    timers: { remind: null, overdue: IMPLIED_CONSENT_KIND },
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

/**
 * 第六十六条: records 无不同意见 for a request still open after its due day. Returns false (and changes
 * nothing) when it was answered, negotiated to a later day, or already recorded.
 */
export async function recordImpliedConsent(ctx: UseCaseContext, requestId: string): Promise<boolean> {
  const { rows } = await ctx.tx.query(`SELECT * FROM opinion_requests WHERE tenant_id = $1 AND id = $2 FOR UPDATE`, [ctx.actor.tenantId, requestId]);
  const r: any = rows[0];
  if (!r || r.state !== 'open' || !(today(ctx) > String(r.due))) return false;
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
  return true;
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

let listening = false;

/** Registers the documents timer kinds and the recomputation listeners (idempotent). */
export function registerDocumentTimerKinds(): void {
  registerTimerKind(IMPLIED_CONSENT_KIND, async (ctx, t) => {
    const o = await objectOfTimer(ctx, t);
    if (o) await recordImpliedConsent(ctx, o.objectId);
  });

  registerTimerKind(HANDLING_REMIND_KIND, async (ctx, t) => {
    const o = await objectOfTimer(ctx, t);
    const a = o && (await openAssignment(ctx, o.objectId));
    if (!o || !a || a.reminded_at || today(ctx) > o.due) return; // past due: the 催办 speaks instead
    const org = await loadOrg(ctx);
    await ctx.tx.query(`UPDATE document_assignments SET reminded_at = $2 WHERE id = $1`, [a.id, ctx.now]);
    await trail(ctx, a.document_id, 'reminded', `时限提醒：${unitName(org, a.unit_id)}的承办事项将于 ${o.due} 到期（${basedOn(o.article)}）`, o.article,
      { assignmentId: a.id, unitId: a.unit_id, due: o.due });
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
