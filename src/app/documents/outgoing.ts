// 发文: 拟稿 → 会签 → 核稿 → 签发 (第七十条–第七十二条) → 复核 → 编号 → 印发 → 分发. A substantive change after
// signing returns the draft to the signer; a number once taken is issued or recorded as 作废.
import { AppError, refusal } from '../../errors/index.ts';
import { runUseCase, type Actor, type AppDeps, type UseCaseContext } from '../context.ts';
import {
  disclosureViolations, draftingWarnings, formatDocNumber, signingPlan, type Direction, type JointKind, type SigningPlan, classificationViolations, typeViolations,
} from '../../domain/documents/index.ts';
import { basedOn } from '../../domain/shared/article.ts';
import type { ActingResult } from '../../domain/org/index.ts';
import { orgPort } from './ports.ts';
import { expectState, expectVersion, isOffice, loadDoc, newId, nextSeq, pack, params, refuseIf, routeTo, setState, today, trail } from './common.ts';
import { endOpinionRequestsOfDocument, requestOpinions } from './opinions.ts';
import { onDocumentIssued } from '../openness/documents.ts';
import { sealAtIssue } from '../seals/usecases.ts';

export interface DraftInput {
  docType: string;
  direction: Direction;
  title: string;
  body: string;
  issuerName: string;
  issuerCode: string;
  leadUnitId: string;
  principalRecipients?: string[];
  copyRecipients?: string[];
  urgency?: 'normal' | 'urgent' | 'extra_urgent';
  classification?: string;
  disclosure?: string | null;
  disclosureReason?: string | null;
  joint?: JointKind;
  counterpartRank?: 'mayor' | 'vice_mayor' | null;
  reservedMatter?: string | null;
  majorMatter?: string | null;
  withinDepartmentPowers?: boolean;
  separateDivisionPlan?: boolean;
  alreadyCovered?: boolean;
  necessity?: string | null;
  countersignUnitIds?: string[];
  /** the document it answers (a 批复 to a 请示) or the meeting decision it comes from */
  replyToDocumentId?: string | null;
  source?: { kind: 'meeting' | 'incoming'; id: string; article?: number } | null;
  clientRequestId?: string | null;
}

const signingFacts = (i: Pick<DraftInput, 'docType' | 'direction' | 'joint' | 'counterpartRank' | 'reservedMatter' | 'majorMatter' | 'leadUnitId'>) => ({
  docType: i.docType, direction: i.direction, joint: i.joint ?? 'none', counterpartRank: i.counterpartRank ?? null,
  reservedMatter: i.reservedMatter ?? null, majorMatter: i.majorMatter ?? null, leadUnitId: i.leadUnitId,
});

/** Preview for the form: the signer computed live and the 第七十四条 warnings and blocks, nothing stored. */
export async function previewDraft(deps: AppDeps, actor: Actor, input: DraftInput) {
  return runUseCase(deps, actor, async (ctx) => {
    const day = today(ctx);
    const port = await orgPort();
    const org = await port.load(ctx.tx, actor.tenantId);
    const p = params(day);
    const plan = signingPlan(org, day, signingFacts(input), p);
    const acting = plan.ok
      ? port.actingFor(org, plan.value.signerPositionId, day, plan.value.reservedMatter ? { kind: 'power', powerId: powerIdOf(plan.value.reservedMatter) } : { kind: 'handle' })
      : null;
    return {
      signing: plan.ok ? plan.value : null,
      acting: acting ? { ...actingView(acting), personName: org.people.find((x) => x.id === acting.personId)?.name ?? null } : null,
      violations: [...(plan.ok ? [] : plan.violations), ...disclosureViolations(input.disclosure, input.disclosureReason, p)],
      warnings: draftingWarnings({ ...input, withinDepartmentPowers: !!input.withinDepartmentPowers, separateDivisionPlan: !!input.separateDivisionPlan, alreadyCovered: !!input.alreadyCovered, disclosure: input.disclosure ?? null }, p),
    };
  });
}

/** 拟稿. Other contexts call this (meetings: 第五十九条 documents decided at a meeting). */
export async function createOutgoingDraft(deps: AppDeps, actor: Actor, input: DraftInput): Promise<{ id: string; duplicate: boolean; warnings: unknown[] }> {
  return runUseCase(deps, actor, (ctx) => createOutgoingDraftIn(ctx, input));
}

export async function createOutgoingDraftIn(ctx: UseCaseContext, input: DraftInput): Promise<{ id: string; duplicate: boolean; warnings: unknown[] }> {
  const actor = ctx.actor;
  const day = today(ctx);
  const p = params(day);
  if (input.clientRequestId) {
    const dup = await ctx.tx.query(`SELECT id FROM documents WHERE tenant_id = $1 AND created_by_user = $2 AND client_request_id = $3`,
      [actor.tenantId, actor.userId, input.clientRequestId]);
    if (dup.rows[0]) return { id: dup.rows[0].id as string, duplicate: true, warnings: [] };
  }
  refuseIf('DOC.REFUSED', [...classificationViolations(input.classification ?? '', p), ...typeViolations(input.docType, p)]);
  const warnings = draftingWarnings({ ...input, withinDepartmentPowers: !!input.withinDepartmentPowers, separateDivisionPlan: !!input.separateDivisionPlan, alreadyCovered: !!input.alreadyCovered, disclosure: input.disclosure ?? null }, p);
  const id = newId('doc');
  await ctx.tx.query(
    `INSERT INTO documents (id, tenant_id, flow, state, doc_type, direction, title, body, issuer_name, issuer_code, urgency, classification,
       principal_recipients, copy_recipients, lead_unit_id, related_unit_ids, disclosure, disclosure_reason, facts, warnings, unit_ids, routed_person_ids,
       reply_document_id, pack_id, started_on, created_by_user, created_by_person, client_request_id, created_at, updated_at)
     VALUES ($1,$2,'outgoing','drafting',$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19,$20,$21,$22,$23,$24,$25,$26,$27,$27)`,
    [id, actor.tenantId, input.docType, input.direction, input.title, input.body, input.issuerName, input.issuerCode, input.urgency ?? 'normal',
      input.classification ?? '', input.principalRecipients ?? [], input.copyRecipients ?? [], input.leadUnitId, input.countersignUnitIds ?? [],
      input.disclosure ?? null, input.disclosureReason ?? null, JSON.stringify(signingFacts(input)), JSON.stringify(warnings),
      [input.leadUnitId, ...(input.countersignUnitIds ?? [])], actor.personId ? [actor.personId] : [], input.replyToDocumentId ?? null,
      pack().meta.id, day, actor.userId, actor.personId, input.clientRequestId ?? null, ctx.now]);
  await ctx.tx.query(`INSERT INTO document_versions (document_id, version, title, body, at, actor_name, tenant_id) VALUES ($1,1,$2,$3,$4,$5,$6)`,
    [id, input.title, input.body, ctx.now, actor.name, actor.tenantId]);
  await trail(ctx, id, 'drafted', `拟稿：《${input.title}》${input.source ? `（来源：${input.source.kind === 'meeting' ? '会议决定' : '收文'}）` : ''}`,
    input.source?.article, { warnings, source: input.source ?? null });
  for (const w of warnings) await trail(ctx, id, 'warning', `提示：${w.message}`, w.article, { code: w.code });
  return { id, duplicate: false, warnings };
}

/** 修改: before signing a new version; after signing a substantive change returns the draft to the signer. */
export async function editDraft(deps: AppDeps, actor: Actor, id: string, input: { title?: string; body?: string; disclosure?: string | null; disclosureReason?: string | null; substantive: boolean; version: number }) {
  return runUseCase(deps, actor, async (ctx) => {
    const d = await loadDoc(ctx.tx, actor, id, { lock: true });
    expectVersion(d, input.version);
    expectState(d, 'edit');
    const title = input.title ?? d.title, body = input.body ?? d.body;
    const afterSigning = ['signed', 'checked'].includes(d.state);
    const back = afterSigning && input.substantive;
    await setState(ctx, d, back ? 'signing' : d.state, {
      title, body, disclosure: input.disclosure !== undefined ? input.disclosure : d.disclosure,
      disclosure_reason: input.disclosureReason !== undefined ? input.disclosureReason : d.disclosure_reason,
      ...(back ? { signer_name: null, signer_person_id: null } : {}),
    });
    await ctx.tx.query(`INSERT INTO document_versions (document_id, version, title, body, at, actor_name, substantive, tenant_id) VALUES ($1,$2,$3,$4,$5,$6,$7,$8)`,
      [id, d.version, title, body, ctx.now, actor.name, input.substantive, actor.tenantId]);
    const art = params(d.started_on).articles.substantiveChange;
    await trail(ctx, id, back ? 'returned_to_signer' : 'edited',
      back ? `签发后作实质性修改，退回签发人重新签发（${basedOn(art)}，《党政机关公文处理工作条例》第二十二条）` : `修改（第${d.version}版${input.substantive ? '，实质性修改' : ''}）`,
      back ? art : undefined, { version: d.version });
    return { version: d.version, state: d.state };
  });
}

/** Routes the draft: 公开属性 first; then 会签 with the related departments (第六十六条) or straight to 核稿. */
export async function submitDraft(deps: AppDeps, actor: Actor, id: string, input: { version: number }) {
  return runUseCase(deps, actor, async (ctx) => {
    const day = today(ctx);
    const port = await orgPort();
    const org = await port.load(ctx.tx, actor.tenantId);
    const d = await loadDoc(ctx.tx, actor, id, { lock: true });
    expectVersion(d, input.version);
    expectState(d, 'submit');
    const p = params(d.started_on);
    const v = disclosureViolations(d.disclosure, d.disclosure_reason, p);
    const plan = signingPlan(org, day, d.facts, p);
    if (!plan.ok) v.push(...plan.violations);
    refuseIf('DOC.REFUSED', v);
    const signing = plan.ok ? plan.value : null as unknown as SigningPlan;
    const acting = port.actingFor(org, signing.signerPositionId, day, signing.reservedMatter ? { kind: 'power', powerId: powerIdOf(signing.reservedMatter) } : { kind: 'handle' });
    await trail(ctx, id, 'signer_computed', `签发人：${signing.explanation}${acting.acting || acting.outcome !== 'self' ? `；${acting.reason}` : ''}`, signing.article, { signing, acting: actingView(acting) });
    const units: string[] = d.related_unit_ids.filter((u: string) => u !== d.lead_unit_id);
    if (units.length) {
      await setState(ctx, d, 'countersigning', { signing: JSON.stringify(signing) });
      await requestOpinions(ctx, { documentId: id, subject: `会签《${d.title}》`, kind: 'countersign', requestingUnitId: d.lead_unit_id!, askedUnitIds: units });
    } else {
      await setState(ctx, d, 'reviewing', { signing: JSON.stringify(signing) });
    }
    await routeTo(ctx, id, [acting.personId], []);
    return { version: d.version, state: d.state, signing, acting: actingView(acting) };
  });
}

/** Who signs today: the holder, the AB岗 partner (with our reading of 第十一条), or the item waits (第七十条). */
const actingView = (a: ActingResult) => ({
  outcome: a.outcome, personId: a.personId, acting: a.acting, basis: a.basis, reason: a.reason,
  interpretation: a.interpretation ?? null, article: a.article ?? null, flags: a.flags,
});

const POWER_IDS: Record<string, string> = { 议案: 'sign_bill', 规章: 'sign_regulation', 命令: 'sign_order', 人事任免: 'sign_appointment' };
export const powerIdOf = (matter: string) => POWER_IDS[matter] ?? matter;

/** 会签 finished: every countersign answered (agreed, disagreed and coordinated, or implied by silence, 第六十六条). */
export async function finishCountersign(deps: AppDeps, actor: Actor, id: string, input: { version: number }) {
  return runUseCase(deps, actor, async (ctx) => {
    const d = await loadDoc(ctx.tx, actor, id, { lock: true });
    expectVersion(d, input.version);
    expectState(d, 'finishCountersign');
    const { rows } = await ctx.tx.query(`SELECT state FROM opinion_requests WHERE document_id = $1 AND kind = 'countersign'`, [id]);
    if (rows.some((r: any) => r.state === 'open')) throw new AppError('DOC.COUNTERSIGN_PENDING');
    const open = await ctx.tx.query(`SELECT 1 FROM document_coordinations WHERE document_id = $1 AND state = 'open'`, [id]);
    if (open.rows.length) throw new AppError('DOC.COUNTERSIGN_PENDING', { message: '有分歧尚在分管副市长协调中（第六十五条）', article: 65 });
    await setState(ctx, d, 'reviewing');
    await trail(ctx, id, 'countersign_finished', '会签完毕，转核稿', 66);
    return { version: d.version };
  });
}

/** 核稿 by the office. */
export async function reviewDraft(deps: AppDeps, actor: Actor, id: string, input: { opinion: string; version: number }) {
  return runUseCase(deps, actor, async (ctx) => {
    const d = await loadDoc(ctx.tx, actor, id, { lock: true });
    expectVersion(d, input.version);
    expectState(d, 'review');
    if (!isOffice(actor)) throw new AppError('AUTH.FORBIDDEN', { message: '核稿由市政府办公室进行' });
    refuseIf('DOC.REFUSED', disclosureViolations(d.disclosure, d.disclosure_reason, params(d.started_on)));
    await setState(ctx, d, 'signing');
    await trail(ctx, id, 'reviewed', `核稿：${input.opinion || '同意'}`, undefined);
    return { version: d.version };
  });
}

/** 签发 by the computed signer (or the one the org rules let act); reserved powers wait for the mayor. */
export async function signDraft(deps: AppDeps, actor: Actor, id: string, input: { opinion?: string; reportedToMayor?: boolean; version: number }) {
  return runUseCase(deps, actor, async (ctx) => {
    const day = today(ctx);
    const port = await orgPort();
    const org = await port.load(ctx.tx, actor.tenantId);
    const d = await loadDoc(ctx.tx, actor, id, { lock: true });
    expectVersion(d, input.version);
    expectState(d, 'sign');
    const plan = d.signing as SigningPlan;
    const acting = port.actingFor(org, plan.signerPositionId, day, plan.reservedMatter ? { kind: 'power', powerId: powerIdOf(plan.reservedMatter) } : { kind: 'handle' });
    if (acting.outcome === 'waits' && acting.personId !== actor.personId) {
      throw new AppError('DOC.SIGNER_WAITS', { message: acting.reason, article: acting.article ?? plan.article, violations: acting.flags });
    }
    if (!acting.personId || acting.personId !== actor.personId) {
      throw new AppError('DOC.NOT_SIGNER', { message: `依据${plan.explanation.replace(/^依据/, '')}；当前应由${acting.reason}` , article: plan.article });
    }
    if (plan.reportToMayorFirst && !input.reportedToMayor) {
      throw refusal('DOC.REFUSED', [{ code: 'DOC.REFUSED', article: plan.article, message: `${basedOn(plan.article)}，签发前须报告市长；请确认已报告市长` }]);
    }
    await setState(ctx, d, 'signed', { signer_name: actor.name, signer_person_id: actor.personId });
    await trail(ctx, id, 'signed', `签发：${input.opinion || '同意'}${acting.acting ? `（${acting.reason}）` : ''}${plan.reportToMayorFirst ? '（已报告市长）' : ''}`, plan.article,
      { acting: acting.acting, basis: acting.basis });
    return { version: d.version };
  });
}

/** 复核 by the office before numbering. */
export async function checkSigned(deps: AppDeps, actor: Actor, id: string, input: { version: number }) {
  return runUseCase(deps, actor, async (ctx) => {
    const d = await loadDoc(ctx.tx, actor, id, { lock: true });
    expectVersion(d, input.version);
    expectState(d, 'check');
    if (!isOffice(actor)) throw new AppError('AUTH.FORBIDDEN', { message: '复核由市政府办公室进行' });
    await setState(ctx, d, 'checked');
    await trail(ctx, id, 'checked', '复核：审批手续完备，文种和格式规范', undefined);
    return { version: d.version };
  });
}

/** 编号: the next number of the issuer code and year, in the same transaction (no gap, no duplicate). */
export async function numberDocument(deps: AppDeps, actor: Actor, id: string, input: { version?: number } = {}) {
  return runUseCase(deps, actor, async (ctx) => {
    const d = await loadDoc(ctx.tx, actor, id, { lock: true });
    expectVersion(d, input.version);
    expectState(d, 'number');
    if (!isOffice(actor)) throw new AppError('AUTH.FORBIDDEN', { message: '编号由市政府办公室进行' });
    const year = Number(today(ctx).slice(0, 4));
    const seq = await nextSeq(ctx.tx, actor.tenantId, d.issuer_code!, year);
    const no = formatDocNumber(d.issuer_code!, year, seq);
    await ctx.tx.query(`INSERT INTO doc_numbers (tenant_id, issuer_code, year, seq, doc_number, document_id, state, taken_at) VALUES ($1,$2,$3,$4,$5,$6,'taken',$7)`,
      [actor.tenantId, d.issuer_code, year, seq, no, id, ctx.now]);
    await setState(ctx, d, 'numbered', { doc_number: no });
    await trail(ctx, id, 'numbered', `编号：${no}`, undefined, { docNumber: no });
    return { docNumber: no, version: d.version };
  });
}

/** 作废: a taken number that will not be issued is recorded as void with the reason; the draft returns to 复核. */
export async function voidNumber(deps: AppDeps, actor: Actor, id: string, input: { reason: string; version: number }) {
  return runUseCase(deps, actor, async (ctx) => {
    const d = await loadDoc(ctx.tx, actor, id, { lock: true });
    expectVersion(d, input.version);
    expectState(d, 'voidNumber');
    if (!input.reason.trim()) throw new AppError('REQUEST.VALIDATION', { message: '作废文号须写明理由' });
    await ctx.tx.query(`UPDATE doc_numbers SET state = 'void', void_reason = $3 WHERE tenant_id = $1 AND document_id = $2 AND state = 'taken'`, [actor.tenantId, id, input.reason]);
    const no = d.doc_number;
    await setState(ctx, d, 'checked', { doc_number: null });
    await trail(ctx, id, 'number_voided', `文号 ${no} 作废：${input.reason}`, undefined, { docNumber: no });
    return { version: d.version };
  });
}

/** 印发: the number is issued; the issued date is the day of printing. */
export async function issueDocument(deps: AppDeps, actor: Actor, id: string, input: { version: number }) {
  return runUseCase(deps, actor, async (ctx) => {
    const d = await loadDoc(ctx.tx, actor, id, { lock: true });
    expectVersion(d, input.version);
    expectState(d, 'issue');
    if (!isOffice(actor)) throw new AppError('AUTH.FORBIDDEN', { message: '印发由市政府办公室进行' });
    await ctx.tx.query(`UPDATE doc_numbers SET state = 'issued' WHERE tenant_id = $1 AND document_id = $2 AND state = 'taken'`, [actor.tenantId, id]);
    await setState(ctx, d, 'issued', { issued_date: today(ctx) });
    d.issued_date = today(ctx);
    await endOpinionRequestsOfDocument(ctx, id);
    await trail(ctx, id, 'issued', `印发：${d.doc_number}`, undefined, { docNumber: d.doc_number, disclosure: d.disclosure });
    // the OFD is sealed at 印发 with the issuing unit's electronic seal (docs/seals.md)
    const seal = await sealAtIssue(ctx, d, await (await orgPort()).load(ctx.tx, actor.tenantId));
    await onDocumentIssued(ctx, id);
    return { version: d.version, seal };
  });
}

/** 分发: electronic by default (第七十五条). */
export async function distributeDocument(deps: AppDeps, actor: Actor, id: string, input: { channel?: 'electronic' | 'paper'; version: number }) {
  return runUseCase(deps, actor, async (ctx) => {
    const d = await loadDoc(ctx.tx, actor, id, { lock: true });
    expectVersion(d, input.version);
    expectState(d, 'distribute');
    const channel = input.channel ?? String(pack().param('documents.transmission.electronic', 'defaultChannel', d.started_on).value);
    // electronically, the governments on this deployment that the document names receive it by 公文交换
    const exchange = channel === 'electronic'
      ? await (await import('../exchange/outbox.ts')).sendByExchange(ctx, d, await (await orgPort()).load(ctx.tx, actor.tenantId))
      : null;
    await setState(ctx, d, 'distributed');
    await trail(ctx, id, 'distributed', `分发（${channel === 'electronic' ? '电子公文传输' : '纸质'}）：主送${(d.principal_recipients ?? []).join('、') || '—'}`, 75, { channel });
    return { version: d.version, exchange };
  });
}
