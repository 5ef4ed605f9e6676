// 收文: 签收 → 登记 → 初审 → 拟办 (第六十八条) → 批办 (第六十八条、第六十九条) → 承办 (第七十三条) → 催办 → 办结/答复.
import { AppError, refusal } from '../../errors/index.ts';
import { runUseCase, type Actor, type AppDeps, type UseCaseContext } from '../context.ts';
import { computeDeadline } from '../../domain/calendar/deadline.ts';
import {
  checkProposedHandling, classificationViolations, leaderRouting, reviewIntake, stepOrderViolations, TIME_LIMIT_LABELS, TIME_LIMIT_RULES,
  type IntakeFacts, type ProposedHandling, typeViolations,
} from '../../domain/documents/index.ts';
import { unitById } from '../../domain/org/index.ts';
import { basedOn } from '../../domain/shared/article.ts';
import { orgPort } from './ports.ts';
import {
  calendar, deadlineRuleOf, expectState, expectVersion, isOffice, loadDoc, newId, nextSeq, pack, params, refuseIf, routeTo, setState, today, trail, viewerOf,
} from './common.ts';
import { ASSIGNMENT_OBJECT, closeTrackedDeadlines, trackAssignmentDeadline } from './timers.ts';
import { endOpinionRequestsOfDocument } from './opinions.ts';
import { noticeAssigned, noticeReturned } from './notices.ts';

export interface IncomingInput {
  docType: string;
  title: string;
  body?: string;
  issuerName: string;
  issuerUnitId?: string | null;
  sourceDocNumber?: string | null;
  urgency?: 'normal' | 'urgent' | 'extra_urgent';
  classification?: string;
  facts: Omit<IntakeFacts, 'docType' | 'classification'>;
  clientRequestId?: string | null;
}

const nameOfUnit = (org: any) => (id: string) => unitById(org, id)?.shortName ?? id;

/** 签收: the document is received; a classified marking is refused before anything is stored. */
export async function receiveIncoming(deps: AppDeps, actor: Actor, input: IncomingInput): Promise<{ id: string; duplicate: boolean }> {
  return runUseCase(deps, actor, (ctx) => receiveIncomingIn(ctx, input));
}

/** 签收 inside a use case (a clerk's form, or a package signed for from the exchange). */
export async function receiveIncomingIn(
  ctx: UseCaseContext, input: IncomingInput, exchange?: { packageId: string; senderTenant: string; label: string },
): Promise<{ id: string; duplicate: boolean }> {
  const actor = ctx.actor;
  const day = today(ctx);
  const p = params(day);
  if (input.clientRequestId) {
    const dup = await ctx.tx.query(`SELECT id FROM documents WHERE tenant_id = $1 AND created_by_user = $2 AND client_request_id = $3`,
      [actor.tenantId, actor.userId, input.clientRequestId]);
    if (dup.rows[0]) return { id: dup.rows[0].id as string, duplicate: true };
  }
  refuseIf('DOC.CLASSIFIED', classificationViolations(input.classification ?? '', p));
  const id = newId('doc');
  const facts = { ...input.facts, docType: input.docType, classification: input.classification ?? '' };
  const units = [input.facts.submitterUnitId, input.issuerUnitId, ...input.facts.involvedUnitIds];
  await ctx.tx.query(
    `INSERT INTO documents (id, tenant_id, flow, state, doc_type, direction, title, body, issuer_name, issuer_unit_id, source_doc_number,
       urgency, classification, principal_recipients, matters, lead_unit_id, related_unit_ids, facts, unit_ids, routed_person_ids,
       pack_id, started_on, created_by_user, created_by_person, client_request_id, created_at, updated_at, exchange_package_id, exchange_sender_tenant)
     VALUES ($1,$2,'incoming','received',$3,'upward',$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19,$20,$21,$22,$23,$23,$24,$25)`,
    [id, actor.tenantId, input.docType, input.title, input.body ?? '', input.issuerName, input.issuerUnitId ?? null, input.sourceDocNumber ?? null,
      input.urgency ?? 'normal', input.classification ?? '', input.facts.principalRecipients, input.facts.matters, input.facts.submitterUnitId,
      input.facts.involvedUnitIds, JSON.stringify(facts), [...new Set(units.filter(Boolean))], actor.personId ? [actor.personId] : [],
      pack().meta.id, day, actor.userId, actor.personId, input.clientRequestId ?? null, ctx.now, exchange?.packageId ?? null, exchange?.senderTenant ?? null]);
  await ctx.tx.query(`INSERT INTO document_versions (document_id, version, title, body, at, actor_name, tenant_id) VALUES ($1,1,$2,$3,$4,$5,$6)`,
    [id, input.title, input.body ?? '', ctx.now, actor.name, actor.tenantId]);
  await trail(ctx, id, 'received', `签收${exchange ? `（${exchange.label}）` : ''}：${input.issuerName}《${input.title}》`, undefined,
    { sourceDocNumber: input.sourceDocNumber ?? null, ...(exchange ? { packageId: exchange.packageId } : {}) });
  return { id, duplicate: false };
}

/** The 初审 checks on a document before it is received (the 登记 form shows them inline): every violation. */
export async function previewIncoming(deps: AppDeps, actor: Actor, input: IncomingInput) {
  return runUseCase(deps, actor, async (ctx) => {
    const org = await (await orgPort()).load(ctx.tx, actor.tenantId);
    const p = params(today(ctx));
    const facts = { ...input.facts, docType: input.docType, classification: input.classification ?? '' } as IntakeFacts;
    return { violations: [...classificationViolations(input.classification ?? '', p), ...typeViolations(input.docType, p), ...reviewIntake(facts, p, nameOfUnit(org))] };
  });
}

/** 登记: a registration number per year (收文〔2026〕N号). */
export async function registerIncoming(deps: AppDeps, actor: Actor, id: string, version?: number) {
  return runUseCase(deps, actor, async (ctx) => {
    const d = await loadDoc(ctx.tx, actor, id, { lock: true });
    expectVersion(d, version);
    expectState(d, 'register');
    const year = Number(today(ctx).slice(0, 4));
    const seq = await nextSeq(ctx.tx, actor.tenantId, '收文', year);
    const no = `收文〔${year}〕${seq}号`;
    await setState(ctx, d, 'registered', { registration_no: no });
    await trail(ctx, id, 'registered', `登记：${no}`, undefined, { registrationNo: no });
    return { registrationNo: no, version: d.version };
  });
}

/** The 初审 verdict without acting: every violation of 第六十二条, 第六十四条, 第六十七条 (and 第八十二条). */
export async function intakeCheck(deps: AppDeps, actor: Actor, id: string) {
  return runUseCase(deps, actor, async (ctx) => {
    const org = await (await orgPort()).load(ctx.tx, actor.tenantId);
    const d = await loadDoc(ctx.tx, actor, id, { org, day: today(ctx) });
    return { violations: reviewIntake(d.facts as IntakeFacts, params(d.started_on), nameOfUnit(org)) };
  });
}

/** 初审: pass (only with no violation) or return with the reasons (the violations found plus the clerk's). */
export async function intakeReview(deps: AppDeps, actor: Actor, id: string, input: { outcome: 'pass' | 'return'; reasons?: string; version?: number }) {
  return runUseCase(deps, actor, async (ctx) => {
    const org = await (await orgPort()).load(ctx.tx, actor.tenantId);
    const d = await loadDoc(ctx.tx, actor, id, { lock: true, org, day: today(ctx) });
    expectVersion(d, input.version);
    expectState(d, input.outcome === 'pass' ? 'intakePass' : 'intakeReturn');
    const v = reviewIntake(d.facts as IntakeFacts, params(d.started_on), nameOfUnit(org));
    if (input.outcome === 'pass') {
      if (v.length) throw refusal('DOC.INTAKE_REJECTED', v);
      await setState(ctx, d, 'reviewed');
      await trail(ctx, id, 'intake_passed', '初审通过：符合第六十二条、第六十四条、第六十七条', 62, { articles: [62, 64, 67] });
    } else {
      if (!v.length && !input.reasons?.trim()) {
        throw new AppError('REQUEST.VALIDATION', { message: '退回须写明理由' });
      }
      await setState(ctx, d, 'returned', { closed_at: ctx.now });
      await endOpinionRequestsOfDocument(ctx, d.id);
      await trail(ctx, id, 'returned', `初审退回：${[...v.map((x) => x.message), ...(input.reasons?.trim() ? [input.reasons.trim()] : [])].join('；')}`,
        v[0]?.article, { violations: v, reasons: input.reasons ?? null });
      await noticeReturned(ctx, org, id, d.issuer_unit_id, [...v.map((x) => x.message), ...(input.reasons?.trim() ? [input.reasons.trim()] : [])].join('；'), v[0]?.article ?? params(d.started_on).maxMattersPerRequest.article);
      // a document that came by 公文交换 goes back to its sender as a 退文 with every reason
      await (await import('../exchange/inbox.ts')).returnByExchange(ctx, d, v, input.reasons);
    }
    return { state: d.state, version: d.version, violations: v };
  });
}

/** 拟办 (第六十八条): the proposal and the computed leader routing. */
export async function proposeHandling(deps: AppDeps, actor: Actor, id: string, h: ProposedHandling & { version?: number }) {
  return runUseCase(deps, actor, async (ctx) => {
    const day = today(ctx);
    const port = await orgPort();
    const org = await port.load(ctx.tx, actor.tenantId);
    const d = await loadDoc(ctx.tx, actor, id, { lock: true, org, day });
    expectVersion(d, h.version);
    expectState(d, 'propose');
    const p = params(d.started_on);
    const v = checkProposedHandling(h, p);
    const routing = leaderRouting(org, day, h, p);
    if (!routing.ok) v.push(...routing.violations);
    refuseIf('DOC.REFUSED', v);
    const steps = routing.ok ? routing.value : [];
    const people: string[] = [];
    const actings: { order: number; outcome: string; personId: string | null; reason: string; interpretation: string | null; article: number | null }[] = [];
    for (const s of steps) {
      const acting = port.actingFor(org, s.positionId, day, { kind: 'handle' });
      const personId = acting.outcome === 'self' || acting.outcome === 'acting' || acting.outcome === 'waits' ? acting.personId : null;
      if (personId) people.push(personId);
      await ctx.tx.query(
        `INSERT INTO document_leader_steps (document_id, ord, role, position_id, person_id, acting_reason, mode, article, reason, acting_interpretation, acting_article, tenant_id)
         VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12)`,
        [id, s.order, s.role, s.positionId, personId, acting.acting || acting.outcome !== 'self' ? acting.reason : null, s.mode, s.article, s.reason,
          acting.acting ? acting.interpretation ?? null : null, acting.acting || acting.outcome !== 'self' ? acting.article ?? null : null, actor.tenantId]);
      actings.push({ order: s.order, outcome: acting.outcome, personId, reason: acting.reason, interpretation: acting.interpretation ?? null, article: acting.article ?? null });
    }
    const { version: _v, ...proposal } = h;
    await setState(ctx, d, 'instructing', { proposal: JSON.stringify(proposal), lead_unit_id: h.leadUnitId });
    await routeTo(ctx, id, people, [h.leadUnitId, ...h.cooperatingUnitIds]);
    await trail(ctx, id, 'proposed', `拟办意见：${h.text}（牵头部门：${nameOfUnit(org)(h.leadUnitId!)}；${TIME_LIMIT_LABELS[h.timeLimitKind]}）`, p.proposedHandlingRequires.article,
      { proposal, steps, actings });
    for (const a of actings.filter((x) => x.outcome !== 'self')) {
      await trail(ctx, id, 'leader_acting', `批办环节${a.order}：${a.reason}${a.interpretation ? `（${a.interpretation}）` : ''}`, a.article ?? undefined, a);
    }
    return { version: d.version, steps: steps.map((s) => ({ ...s, acting: actings.find((a) => a.order === s.order) })) };
  });
}

/** 批办: a leader's instruction, in order. The secretary may record it for the leader (代录). */
export async function instruct(deps: AppDeps, actor: Actor, id: string, input: { order: number; text: string; version?: number }) {
  return runUseCase(deps, actor, async (ctx) => {
    const day = today(ctx);
    const org = await (await orgPort()).load(ctx.tx, actor.tenantId);
    const d = await loadDoc(ctx.tx, actor, id, { lock: true, org, day });
    expectVersion(d, input.version);
    expectState(d, 'instruct');
    const { rows: steps } = await ctx.tx.query(`SELECT * FROM document_leader_steps WHERE document_id = $1 ORDER BY ord`, [id]);
    const v = stepOrderViolations(steps.map((s: any) => ({ order: s.ord, positionId: s.position_id, done: s.done_at != null, article: s.article })), input.order);
    if (v.length) throw refusal(v[0].code, v);
    const step: any = steps.find((s: any) => s.ord === input.order);
    const recordedFor = step.person_id !== actor.personId;
    if (recordedFor && !isOffice(actor)) throw new AppError('DOC.NOT_YOUR_STEP');
    if (!input.text.trim()) throw new AppError('REQUEST.VALIDATION', { message: '批示内容不能为空' });
    await ctx.tx.query(`UPDATE document_leader_steps SET instruction = $3, done_at = $4, done_by = $5 WHERE document_id = $1 AND ord = $2`,
      [id, input.order, input.text, ctx.now, actor.name]);
    await trail(ctx, id, 'instructed', `${step.mode === 'instruct' ? '阅批' : '阅处'}${recordedFor ? '（代录）' : ''}：${input.text}`, step.article,
      { order: input.order, positionId: step.position_id, personId: step.person_id, recordedBy: recordedFor ? actor.name : null });
    if (steps.every((s: any) => s.ord === input.order || s.done_at != null)) {
      await assign(ctx, d, org, day);
    } else {
      await ctx.tx.query(`UPDATE documents SET version = version + 1, updated_at = $2 WHERE id = $1`, [id, ctx.now]);
      d.version += 1;
    }
    return { version: d.version, state: d.state };
  });
}

/** 承办: the lead and cooperating departments get the time limit of 第七十三条 from the day after assignment. */
async function assign(ctx: any, d: any, org: any, day: string) {
  const h = d.proposal as ProposedHandling;
  const ruleId = TIME_LIMIT_RULES[h.timeLimitKind];
  let due: string | null = null, remindFrom: string | null = null, unknownYears: number[] = [], override: unknown = null;
  let article = params(d.started_on).articles.timeLimits;
  let tracked: { rule: ReturnType<typeof deadlineRuleOf>; override?: any } | null = null;
  if (ruleId) {
    const rule = deadlineRuleOf(ruleId, d.started_on);
    const r = computeDeadline(rule, day, calendar());
    if (!r.ok) throw refusal('DOC.REFUSED', r.violations);
    ({ due, remindFrom, unknownYears } = r.value);
    article = rule.article;
    tracked = { rule };
  } else if (h.timeLimitKind === 'urgent') {
    const rule = deadlineRuleOf('documents.handling.withinPowers', d.started_on);
    const urgent = { by: '市政府', reason: h.urgentReason ?? '', due: (h.urgentDue ?? undefined) as any };
    const r = computeDeadline(rule, day, calendar(), urgent);
    if (!r.ok) throw refusal('DOC.REFUSED', r.violations);
    ({ due, remindFrom, unknownYears } = r.value);
    override = r.value.override;
    tracked = { rule, override: urgent };
  }
  const units = [{ unitId: h.leadUnitId!, role: 'lead' }, ...h.cooperatingUnitIds.map((u) => ({ unitId: u, role: 'cooperating' }))];
  for (const u of units) {
    const asgId = newId('asg');
    await ctx.tx.query(
      `INSERT INTO document_assignments (id, tenant_id, document_id, unit_id, role, time_limit_kind, rule_id, article, assigned_on, due, remind_from, unknown_years, override)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13)`,
      [asgId, ctx.actor.tenantId, d.id, u.unitId, u.role, h.timeLimitKind, ruleId, article, day, due, remindFrom, unknownYears, override ? JSON.stringify(override) : null]);
    // the reminder and the 催办 of 第七十三条, in this transaction
    if (tracked) await trackAssignmentDeadline(ctx, asgId, tracked.rule, day, tracked.override);
    await noticeAssigned(ctx, org, { id: asgId, documentId: d.id, unitId: u.unitId, role: u.role, due }, article);
  }
  await setState(ctx, d, 'handling');
  const unitName = (id: string) => unitById(org, id)?.shortName ?? id;
  await trail(ctx, d.id, 'assigned', `交办承办：${units.map((u) => unitName(u.unitId) + (u.role === 'lead' ? '（牵头）' : '（协办）')).join('、')}；${TIME_LIMIT_LABELS[h.timeLimitKind]}${due ? `，限${due}前（${basedOn(article)}）` : ''}`,
    article, { due, unknownYears, kind: h.timeLimitKind });
}

/** 承办报告: progress (required first for investigations, 第七十三条) or the result, by the lead department. */
export async function reportHandling(deps: AppDeps, actor: Actor, id: string, input: { kind: 'progress' | 'result'; text: string; version?: number }) {
  return runUseCase(deps, actor, async (ctx) => {
    const day = today(ctx);
    const org = await (await orgPort()).load(ctx.tx, actor.tenantId);
    const d = await loadDoc(ctx.tx, actor, id, { lock: true, org, day });
    expectVersion(d, input.version);
    expectState(d, 'report');
    const { rows } = await ctx.tx.query(`SELECT * FROM document_assignments WHERE document_id = $1 AND role = 'lead'`, [id]);
    const a: any = rows[0];
    if (!isOffice(actor) && !viewerOf(org, actor, day).unitIds.includes(a.unit_id)) throw new AppError('DOC.NOT_YOUR_UNIT');
    if (!input.text.trim()) throw new AppError('REQUEST.VALIDATION', { message: '报告内容不能为空' });
    if (input.kind === 'result' && a.time_limit_kind === 'investigationResult' && !a.progress_reported_at) {
      throw refusal('DOC.REFUSED', [{ code: 'DOC.REFUSED', article: a.article, message: `${basedOn(a.article)}，需要调查论证的事项应先说明办理情况，再报告结果` }]);
    }
    // the assignment's mark and the document's new version in one statement (two tables, one row each)
    const bump = `UPDATE documents SET version = version + 1, updated_at = $2 WHERE id = $1`;
    if (input.kind === 'progress') {
      await ctx.tx.query(`WITH report AS (UPDATE document_assignments SET progress_reported_at = $2 WHERE id = $3) ${bump}`, [id, ctx.now, a.id]);
    } else {
      await ctx.tx.query(`WITH report AS (UPDATE document_assignments SET state = 'done', done_at = $2, result = $4 WHERE id = $3) ${bump}`,
        [id, ctx.now, a.id, input.text]);
      await closeTrackedDeadlines(ctx, ASSIGNMENT_OBJECT, [a.id]);
    }
    const late = a.due && day > a.due;
    await trail(ctx, id, input.kind === 'progress' ? 'progress_reported' : 'result_reported',
      `${input.kind === 'progress' ? '说明办理情况' : '报告办理结果'}${late ? '（逾期）' : ''}：${input.text}`, a.article, { late });
    return { version: d.version + 1 };
  });
}

/** 催办: a chase by the office, recorded. */
export async function chase(deps: AppDeps, actor: Actor, id: string, input: { note: string }) {
  return runUseCase(deps, actor, async (ctx) => {
    const d = await loadDoc(ctx.tx, actor, id, { lock: true });
    expectState(d, 'chase');
    if (!isOffice(actor)) throw new AppError('AUTH.FORBIDDEN', { message: '催办由市政府办公室进行' });
    await trail(ctx, id, 'chased', `催办：${input.note || '请抓紧办理'}`, params(d.started_on).articles.timeLimits);
    return { ok: true };
  });
}

/** 办结/答复: the reply (e.g. the 批复 issued in answer) closes the document. */
export async function closeIncoming(deps: AppDeps, actor: Actor, id: string, input: { reply: string; replyDocumentId?: string | null; version?: number }) {
  return runUseCase(deps, actor, async (ctx) => {
    const d = await loadDoc(ctx.tx, actor, id, { lock: true });
    expectVersion(d, input.version);
    expectState(d, 'close');
    if (!isOffice(actor)) throw new AppError('AUTH.FORBIDDEN', { message: '办结由市政府办公室确认' });
    if (!input.reply.trim()) throw new AppError('REQUEST.VALIDATION', { message: '办结须写明答复或办理结果' });
    let replyNo: string | null = null;
    if (input.replyDocumentId) {
      const r = await ctx.tx.query(`SELECT doc_number, state FROM documents WHERE tenant_id = $1 AND id = $2 AND flow = 'outgoing'`, [actor.tenantId, input.replyDocumentId]);
      if (!r.rows[0] || !['issued', 'distributed'].includes(r.rows[0].state)) throw new AppError('REQUEST.VALIDATION', { message: '答复文件须是已印发的发文' });
      replyNo = r.rows[0].doc_number;
    }
    const done = await ctx.tx.query(`UPDATE document_assignments SET state = 'done', done_at = COALESCE(done_at, $2) WHERE document_id = $1 RETURNING id`, [id, ctx.now]);
    await closeTrackedDeadlines(ctx, ASSIGNMENT_OBJECT, done.rows.map((r: any) => r.id));
    await setState(ctx, d, 'closed', { closed_at: ctx.now, reply: input.reply, reply_document_id: input.replyDocumentId ?? null });
    await endOpinionRequestsOfDocument(ctx, id);
    await trail(ctx, id, 'closed', `办结：${input.reply}${replyNo ? `（答复文件 ${replyNo}）` : ''}`, undefined, { replyDocumentId: input.replyDocumentId ?? null });
    return { version: d.version };
  });
}
