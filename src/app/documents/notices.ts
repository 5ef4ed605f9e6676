// Who the documents context tells, and of what: each function is the one call an event of this
// context makes (src/app/notifications: notify), in the event's own transaction. Titles only: the
// document's body never travels with a notification.
import type { Org } from '../../domain/org/index.ts';
import { unitById } from '../../domain/org/index.ts';
import type { UseCaseContext } from '../context.ts';
import { notify } from '../notifications/notify.ts';

const shortName = (org: Org | null, unitId: string) => (org ? unitById(org, unitId)?.shortName ?? unitId : unitId);

async function docOf(ctx: UseCaseContext, id: string | null): Promise<{ title: string; classification: string } | null> {
  if (!id) return null;
  const { rows } = await ctx.tx.query<{ title: string; classification: string }>(
    `SELECT title, classification FROM documents WHERE tenant_id = $1 AND id = $2`, [ctx.actor.tenantId, id]);
  return rows[0] ?? null;
}

const linkOf = (documentId: string | null) => (documentId ? `/documents/${documentId}` : '/');
const askLabel = (kind: string) => (kind === 'countersign' ? '会签' : '征求意见');

export interface OpinionNotice {
  id: string;
  documentId: string | null;
  subject: string;
  kind: string;
  askedUnitId: string;
  requestingUnitId: string;
  due: string;
}

/** 第六十六条: the asked unit is told it has a countersign / opinion request to answer by its due day. */
export async function noticeOpinionRequested(ctx: UseCaseContext, org: Org | null, r: OpinionNotice, article: number): Promise<void> {
  const doc = await docOf(ctx, r.documentId);
  await notify(ctx, {
    kind: 'opinion_requested', article, key: `opinion_requested:${r.id}`, objectType: 'opinion_request', objectId: r.id,
    title: `${askLabel(r.kind)}：${doc?.title ?? r.subject}，请于${r.due}前回复`,
    body: `${shortName(org, r.requestingUnitId)}请${shortName(org, r.askedUnitId)}${askLabel(r.kind)}，限${r.due}前回复；逾期不回复视为无不同意见。`,
    link: linkOf(r.documentId), classification: doc?.classification ?? '', to: [{ unitId: r.askedUnitId, as: 'clerk' }], org,
  });
}

/** 第六十六条: the reply falls due on the next working day; silence after it is 无不同意见. */
export async function noticeReplyDue(ctx: UseCaseContext, org: Org | null, r: OpinionNotice, article: number): Promise<void> {
  const doc = await docOf(ctx, r.documentId);
  await notify(ctx, {
    kind: 'reply_due', article, key: `reply_due:${r.id}:${r.due}`, objectType: 'opinion_request', objectId: r.id,
    title: `${askLabel(r.kind)}回复将于${r.due}到期：${doc?.title ?? r.subject}`,
    body: `${shortName(org, r.askedUnitId)}尚未回复，${r.due}后不回复视为无不同意见。`,
    link: linkOf(r.documentId), classification: doc?.classification ?? '', to: [{ unitId: r.askedUnitId, as: 'clerk' }], org,
  });
}

/** 第六十六条: 无不同意见 recorded — the lead department learns it may proceed, the silent unit that it was recorded. */
export async function noticeNoObjection(ctx: UseCaseContext, org: Org | null, r: OpinionNotice, article: number): Promise<void> {
  const doc = await docOf(ctx, r.documentId);
  await notify(ctx, {
    kind: 'no_objection', article, key: `no_objection:${r.id}`, objectType: 'opinion_request', objectId: r.id,
    title: `${shortName(org, r.askedUnitId)}逾期未回复${askLabel(r.kind)}，已视为无不同意见：${doc?.title ?? r.subject}`,
    body: `回复时限${r.due}已过。`,
    link: linkOf(r.documentId), classification: doc?.classification ?? '',
    to: [{ unitId: r.requestingUnitId, as: 'clerk' }, { unitId: r.askedUnitId, as: 'clerk' }], org,
  });
}

export interface AssignmentNotice {
  id: string;
  documentId: string;
  unitId: string;
  role: string;
  due: string | null;
}

/** 第七十三条: a unit is given a document to handle (牵头 or 协办), with its time limit. */
export async function noticeAssigned(ctx: UseCaseContext, org: Org | null, a: AssignmentNotice, article: number): Promise<void> {
  const doc = await docOf(ctx, a.documentId);
  await notify(ctx, {
    kind: 'assigned', article, key: `assigned:${a.id}`, objectType: 'document_assignment', objectId: a.id,
    title: `承办（${a.role === 'lead' ? '牵头' : '协办'}）：${doc?.title ?? a.documentId}${a.due ? `，限${a.due}前` : ''}`,
    link: linkOf(a.documentId), classification: doc?.classification ?? '', to: [{ unitId: a.unitId, as: 'clerk' }], org,
  });
}

/** 第七十三条: the handling limit is near. */
export async function noticeHandlingDue(ctx: UseCaseContext, org: Org | null, a: AssignmentNotice, article: number): Promise<void> {
  const doc = await docOf(ctx, a.documentId);
  await notify(ctx, {
    kind: 'handling_due', article, key: `handling_due:${a.id}:${a.due}`, objectType: 'document_assignment', objectId: a.id,
    title: `承办事项将于${a.due}到期：${doc?.title ?? a.documentId}`,
    link: linkOf(a.documentId), classification: doc?.classification ?? '', to: [{ unitId: a.unitId, as: 'clerk' }], org,
  });
}

/** 第七十三条: 催办 of an overdue handling — the unit, and the leader in charge (or who acts for the post). */
export async function noticeChased(ctx: UseCaseContext, org: Org | null, a: AssignmentNotice, article: number, leaderPositionId: string | null): Promise<void> {
  const doc = await docOf(ctx, a.documentId);
  await notify(ctx, {
    kind: 'chased', article, key: `chased:${a.id}:${a.due}`, objectType: 'document_assignment', objectId: a.id,
    title: `逾期催办：${shortName(org, a.unitId)}承办的${doc?.title ?? a.documentId}已于${a.due}到期未办结`,
    link: linkOf(a.documentId), classification: doc?.classification ?? '',
    to: [{ unitId: a.unitId, as: 'clerk' }, ...(leaderPositionId ? [{ positionId: leaderPositionId }] : [])], org,
  });
}

/** 第六十二条: a submission returned at 初审, with its reasons, to the submitting unit. */
export async function noticeReturned(ctx: UseCaseContext, org: Org | null, documentId: string, unitId: string | null, reasons: string, article: number): Promise<void> {
  if (!unitId) return;
  const doc = await docOf(ctx, documentId);
  await notify(ctx, {
    kind: 'returned', article, key: `returned:${documentId}`, objectType: 'document', objectId: documentId,
    title: `退回：${doc?.title ?? documentId}`, body: `退回理由：${reasons}`,
    link: linkOf(documentId), classification: doc?.classification ?? '', to: [{ unitId, as: 'clerk' }], org,
  });
}
