// 征求意见或会签 between departments (第六十六条) and disagreements coordinated (第六十五条). Each request's
// reply deadline is a tracked deadline whose durable timer records 无不同意见 the day after it (timers.ts).
import { AppError, refusal } from '../../errors/index.ts';
import { runUseCase, type Actor, type AppDeps, type UseCaseContext } from '../context.ts';
import { computeDeadline, type Duration } from '../../domain/calendar/deadline.ts';
import { assistantsOf, holderOf, leaderInCharge, unitById } from '../../domain/org/index.ts';
import { isSilenceNoObjection, negotiationViolations, replyViolations, COORDINATION_OUTCOME_LABELS, type CoordinationOutcome } from '../../domain/documents/index.ts';
import { basedOn } from '../../domain/shared/article.ts';
import { orgPort } from './ports.ts';
import { calendar, deadlineRuleOf, isOffice, newId, params, routeTo, today, trail, viewerOf } from './common.ts';
import { noticeOpinionRequested } from './notices.ts';
import { closeTrackedDeadlines, OPINION_OBJECT, opinionsEndedReason, trackOpinionDeadline, withdrawOpenOpinionRequests } from './timers.ts';

const RULE = 'documents.countersign.replyLimit';

export interface OpinionRequestInput {
  documentId: string | null;
  subject: string;
  kind: 'opinion' | 'countersign';
  requestingUnitId: string;
  askedUnitIds: string[];
  /** 除主办部门另有时限要求外: the lead department's own limit, with why */
  override?: { duration?: Duration; due?: string; reason: string } | null;
}

export async function requestOpinions(ctx: UseCaseContext, input: OpinionRequestInput): Promise<string[]> {
  const day = today(ctx);
  const rule = deadlineRuleOf(RULE, day);
  const own = computeDeadline(rule, day, calendar());
  if (!own.ok) throw refusal('DOC.REFUSED', own.violations);
  const override = input.override
    ? { by: input.requestingUnitId, reason: input.override.reason, ...(input.override.duration ? { duration: input.override.duration } : {}), ...(input.override.due ? { due: input.override.due as any } : {}) }
    : undefined;
  const chosen = override ? computeDeadline(rule, day, calendar(), override) : own;
  if (!chosen.ok) throw refusal('DOC.REFUSED', chosen.violations);
  const ids: string[] = [];
  const org = await (await orgPort()).load(ctx.tx, ctx.actor.tenantId).catch(() => null);
  for (const unit of input.askedUnitIds) {
    const id = newId('op');
    ids.push(id);
    await ctx.tx.query(
      `INSERT INTO opinion_requests (id, tenant_id, document_id, subject, kind, requesting_unit_id, asked_unit_id, requested_on, due, rule_due, override, unknown_years, created_at)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13)`,
      [id, ctx.actor.tenantId, input.documentId, input.subject, input.kind, input.requestingUnitId, unit, day, chosen.value.due, own.value.due,
        chosen.value.override ? JSON.stringify(chosen.value.override) : null, chosen.value.unknownYears, ctx.now]);
    // the 无不同意见 timer of 第六十六条, in this transaction
    await trackOpinionDeadline(ctx, id, rule, day, override);
    if (input.documentId) {
      await trail(ctx, input.documentId, 'opinion_requested', `${input.kind === 'countersign' ? '会签' : '征求意见'}：${(org && unitById(org, unit)?.shortName) ?? unit}，限${chosen.value.due}前回复（${chosen.value.label}${chosen.value.override ? `，主办部门另定：${input.override!.reason}` : ''}）`,
        rule.article, { requestId: id, unitId: unit, due: chosen.value.due });
    } else {
      await ctx.audit({ action: 'opinion.requested', objectType: 'opinion_request', objectId: id, article: rule.article, payload: { due: chosen.value.due } });
    }
    await noticeOpinionRequested(ctx, org, { id, documentId: input.documentId, subject: input.subject, kind: input.kind, askedUnitId: unit, requestingUnitId: input.requestingUnitId, due: chosen.value.due }, rule.article);
  }
  if (input.documentId) await routeTo(ctx, input.documentId, [], input.askedUnitIds);
  return ids;
}

/**
 * The document left the state where opinions matter (办结, 退回, 印发, 分发, 撤回): called in the use case
 * that moved it, after the state change. Its open requests and countersigns are ended as 已撤回（不再需要）,
 * each on the trail, and their 无不同意见 timers cancelled. `reason` defaults to the document's new state.
 */
export async function endOpinionRequestsOfDocument(ctx: UseCaseContext, documentId: string, reason?: string): Promise<string[]> {
  const why = reason ?? (await opinionsEndedReason(ctx, documentId));
  if (!why) return [];
  return withdrawOpenOpinionRequests(ctx, documentId, why);
}

export async function createOpinionRequests(deps: AppDeps, actor: Actor, input: OpinionRequestInput) {
  return runUseCase(deps, actor, (ctx) => requestOpinions(ctx, input));
}

async function loadRequest(ctx: UseCaseContext, id: string) {
  const { rows } = await ctx.tx.query(`SELECT * FROM opinion_requests WHERE tenant_id = $1 AND id = $2 FOR UPDATE`, [ctx.actor.tenantId, id]);
  if (!rows[0]) throw new AppError('DOC.OPINION_NOT_FOUND');
  return rows[0] as any;
}

/** A reply: agree, or disagree with reasons — a disagreement goes to the vice mayor in charge (第六十五条). */
export async function replyOpinion(deps: AppDeps, actor: Actor, id: string, input: { agree: boolean; reasons?: string | null; version?: number }) {
  return runUseCase(deps, actor, async (ctx) => {
    const day = today(ctx);
    const org = await (await orgPort()).load(ctx.tx, actor.tenantId);
    const r = await loadRequest(ctx, id);
    if (input.version != null && input.version !== r.version) throw new AppError('REQUEST.CONFLICT');
    const article = params(r.requested_on).articles.reply;
    // the deadline passed: the silence is 无不同意见 first, then the reply is refused as closed
    const view = { state: r.state, due: String(r.due), askedUnitId: r.asked_unit_id };
    if (isSilenceNoObjection(view, day)) view.state = 'implied';
    const v = replyViolations(view, input, viewerOf(org, actor, day).unitIds.concat(isOffice(actor) ? [r.asked_unit_id] : []), article);
    if (v.length) {
      const status = v.find((x) => x.code === 'DOC.OPINION_CLOSED') ? 'DOC.OPINION_CLOSED' : v.find((x) => x.code === 'DOC.NOT_YOUR_UNIT') ? 'DOC.NOT_YOUR_UNIT' : 'DOC.OPINION_REASONS_MISSING';
      throw refusal(status, v);
    }
    const state = input.agree ? 'agreed' : 'disagreed';
    await ctx.tx.query(`UPDATE opinion_requests SET state = $2, reply = $3, replied_by = $4, replied_at = $5, version = version + 1 WHERE id = $1`,
      [id, state, input.reasons ?? null, actor.name, ctx.now]);
    await closeTrackedDeadlines(ctx, OPINION_OBJECT, [id]);
    const unitName = unitById(org, r.asked_unit_id)?.shortName ?? r.asked_unit_id;
    if (r.document_id) await trail(ctx, r.document_id, 'opinion_replied', `${unitName}回复：${input.agree ? '同意' : `不同意——${input.reasons}`}`, article, { requestId: id, agree: input.agree });
    else await ctx.audit({ action: 'opinion.replied', objectType: 'opinion_request', objectId: id, article, payload: { agree: input.agree } });
    let coordinationId: string | null = null;
    if (!input.agree) coordinationId = await openCoordination(ctx, org, day, r);
    return { state, coordinationId };
  });
}

async function openCoordination(ctx: UseCaseContext, org: any, day: string, r: any): Promise<string | null> {
  const inCharge = leaderInCharge(org, r.requesting_unit_id, day);
  const art = params(r.requested_on).articles.coordination;
  if (!inCharge) return null;
  const assistant = assistantsOf(org, inCharge.positionId, day)[0];
  const id = newId('coord');
  await ctx.tx.query(
    `INSERT INTO document_coordinations (id, tenant_id, opinion_request_id, document_id, coordinator_position_id, coordinator_person_id, assistant_position_id, created_at)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8)`,
    [id, ctx.actor.tenantId, r.id, r.document_id, inCharge.positionId, inCharge.personId ?? null, assistant?.id ?? null, ctx.now]);
  const title = (pid: string) => org.positions.find((p: any) => p.id === pid)?.title ?? pid;
  if (r.document_id) {
    await routeTo(ctx, r.document_id, [inCharge.personId, assistant ? holderOf(org, assistant.id, day) : null]);
    await trail(ctx, r.document_id, 'coordination_opened',
      `部门有分歧，${basedOn(art)}转${title(inCharge.positionId)}协调${assistant ? `，${title(assistant.id)}协助` : ''}`, art, { coordinationId: id });
  }
  return id;
}

/** 第六十五条: the coordination ends in agreement or a recommended position. */
export async function resolveCoordination(deps: AppDeps, actor: Actor, id: string, input: { outcome: CoordinationOutcome; conclusion: string }) {
  return runUseCase(deps, actor, async (ctx) => {
    const { rows } = await ctx.tx.query(`SELECT * FROM document_coordinations WHERE tenant_id = $1 AND id = $2 FOR UPDATE`, [actor.tenantId, id]);
    const c: any = rows[0];
    if (!c) throw new AppError('DOC.COORDINATION_NOT_FOUND');
    if (c.state !== 'open') throw new AppError('DOC.COORDINATION_CLOSED');
    if (!input.conclusion.trim()) throw new AppError('REQUEST.VALIDATION', { message: '请写明协调结论' });
    const org = await (await orgPort()).load(ctx.tx, actor.tenantId);
    const day = today(ctx);
    const allowed = [holderOf(org, c.coordinator_position_id, day), c.assistant_position_id ? holderOf(org, c.assistant_position_id, day) : null];
    if (!allowed.includes(actor.personId ?? undefined) && !isOffice(actor)) throw new AppError('DOC.NOT_YOUR_STEP');
    await ctx.tx.query(`UPDATE document_coordinations SET state = 'resolved', outcome = $2, conclusion = $3, resolved_at = $4 WHERE id = $1`, [id, input.outcome, input.conclusion, ctx.now]);
    if (c.document_id) await trail(ctx, c.document_id, 'coordination_resolved', `协调结果（${COORDINATION_OUTCOME_LABELS[input.outcome]}）：${input.conclusion}`, params(day).articles.coordination, { coordinationId: id });
    return { ok: true };
  });
}

/** 第六十六条 特殊情况: a new limit and form agreed with the lead department. */
export async function negotiateOpinion(deps: AppDeps, actor: Actor, id: string, input: { newDue: string; form: string; agreedWith: string }) {
  return runUseCase(deps, actor, async (ctx) => {
    const day = today(ctx);
    const org = await (await orgPort()).load(ctx.tx, actor.tenantId);
    const r = await loadRequest(ctx, id);
    if (!isOffice(actor) && !viewerOf(org, actor, day).unitIds.includes(r.asked_unit_id)) throw new AppError('DOC.NOT_YOUR_UNIT');
    const art = params(r.requested_on).articles.reply;
    const v = negotiationViolations({ state: r.state, due: r.due, askedUnitId: r.asked_unit_id }, input, day, art);
    if (v.length) throw refusal(v.some((x) => x.code === 'DOC.OPINION_CLOSED') ? 'DOC.OPINION_CLOSED' : 'DOC.NEGOTIATION_INCOMPLETE', v);
    // the deadline moves with its 无不同意见 timer (特殊情况 agreed with the lead department)
    const rule = deadlineRuleOf(RULE, String(r.requested_on));
    await trackOpinionDeadline(ctx, id, rule, String(r.requested_on), { by: input.agreedWith, reason: `特殊情况商定，回复方式：${input.form}`, due: input.newDue as any });
    await ctx.tx.query(`UPDATE opinion_requests SET due = $2, negotiated = $3, version = version + 1 WHERE id = $1`, [id, input.newDue, JSON.stringify({ ...input, previousDue: r.due, by: actor.name })]);
    if (r.document_id) await trail(ctx, r.document_id, 'opinion_negotiated', `商定回复时限：${r.due} → ${input.newDue}，方式：${input.form}（与${input.agreedWith}商定）`, art, { requestId: id });
    return { due: input.newDue };
  });
}
