// Publishing to the portal (第三十九条): documents, meeting decisions, departments' policies and the
// handling results of suggestions, proposals and public supervision (第四十四条, 第四十七条) go INTO
// published_items through these use cases; the portal reads nothing else, so nothing unpublished has
// a URL. Interpretations (第四十条) and status changes (in force / amended / repealed) are recorded here too.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { refusal, AppError } from '../../errors/index.ts';
import { checkAttribute, checkPublishable } from '../../domain/openness/attribute.ts';
import { checkInterpretation } from '../../domain/openness/interpretation.ts';
import { publicationDeadline, publicationState } from '../../domain/openness/publication.ts';
import { basedOn } from '../../domain/shared/article.ts';
import type { Violation } from '../../domain/shared/violation.ts';
import type { Queryable } from '../../store/db.ts';
import { runQuery, runUseCase, type Actor, type AppDeps, type UseCaseContext } from '../context.ts';
import { indexEntry, setEntryStatus } from '../search/search.ts';
import { opennessRules, shanghaiDate } from './rules.ts';
import { checkInterpreterUnit } from './staff.ts';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');

export const publishDocumentInput = z.strictObject({
  sourceId: z.string().min(1).max(128),
  title: z.string().min(1).max(300),
  body: z.string().min(1).max(500_000),
  docNumber: z.string().max(64).optional(),
  docType: z.string().max(32).optional(),
  issuer: z.string().min(1).max(100),
  issuerUnitId: z.string().max(64).optional(),
  draftingUnitId: z.string().max(64).optional(),
  category: z.string().max(32).optional(),
  issuedOn: isoDate,
  attribute: z.string().max(16).nullable(),
  attributeReason: z.string().max(500).optional(),
  /** a department's own policy (第三十九条 市政府及各部门制定的政策) rather than a government document */
  policy: z.boolean().optional(),
});
export type PublishDocumentInput = z.infer<typeof publishDocumentInput>;

export const publishMeetingDecisionInput = z.strictObject({
  sourceId: z.string().min(1).max(128),
  meetingType: z.string().min(1).max(32),
  title: z.string().min(1).max(300),
  body: z.string().min(1).max(200_000),
  meetingNumber: z.string().max(64).optional(),
  heldOn: isoDate,
  attribute: z.string().max(16).nullable(),
  attributeReason: z.string().max(500).optional(),
  category: z.string().max(32).optional(),
});
export type PublishMeetingDecisionInput = z.infer<typeof publishMeetingDecisionInput>;

interface Candidate {
  sourceType: string;
  sourceId: string;
  kind: string;
  title: string;
  body: string;
  docNumber?: string | null;
  docType?: string | null;
  issuer: string;
  issuerUnitId?: string | null;
  draftingUnitId?: string | null;
  category?: string | null;
  meetingType?: string | null;
  issuedOn: string;
  interpretsId?: string | null;
  threadId?: string | null;
  corrects?: string | null;
}

export interface PublishedItem {
  id: string;
  kind: string;
  title: string;
  publishedOn: string;
  obligation?: { due: string; state: string } | null;
}

/** Checks the category against 第三十八条 (the pack's list); a free category would break browsing. */
function categoryViolations(category: string | null | undefined, cats: { institutional: string[]; priorities: string[]; article: number }): Violation[] {
  if (!category) return [];
  if ([...cats.institutional, ...cats.priorities].includes(category)) return [];
  return [{ code: 'OPENNESS.REFUSED', article: cats.article, message: `${basedOn(cats.article)}，公开类别应为：${[...cats.institutional, ...cats.priorities].join('、')}`, details: { category } }];
}

async function insertItem(ctx: UseCaseContext, c: Candidate, today: string, publishedOn = today): Promise<string> {
  const id = `pub-${randomUUID()}`;
  await ctx.tx.query(
    `INSERT INTO published_items (tenant_id, id, source_type, source_id, kind, title, body, doc_number, doc_type, issuer, issuer_unit_id,
       drafting_unit_id, category, meeting_type, issued_on, published_on, published_at, interprets_id, thread_id, corrects)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19,$20)`,
    [ctx.actor.tenantId, id, c.sourceType, c.sourceId, c.kind, c.title, c.body, c.docNumber ?? null, c.docType ?? null, c.issuer,
      c.issuerUnitId ?? null, c.draftingUnitId ?? null, c.category ?? null, c.meetingType ?? null, c.issuedOn, publishedOn, ctx.now,
      c.interpretsId ?? null, c.threadId ?? null, c.corrects ?? null],
  );
  await indexEntry(ctx.tx, {
    tenantId: ctx.actor.tenantId, objectType: 'published_item', objectId: id, scope: 'public', unitId: c.issuerUnitId ?? null,
    kind: c.kind, title: c.title, docNumber: c.docNumber ?? null, issuer: c.issuer, body: c.body, datedOn: c.issuedOn, status: 'in_force',
  });
  return id;
}

async function alreadyPublished(tx: Queryable, tenantId: string, sourceType: string, sourceId: string): Promise<boolean> {
  const { rows } = await tx.query('SELECT 1 FROM published_items WHERE tenant_id = $1 AND source_type = $2 AND source_id = $3', [tenantId, sourceType, sourceId]);
  return rows.length > 0;
}

/** Fulfils the publication obligation of the source, if one was registered at issue. */
async function fulfil(ctx: UseCaseContext, sourceType: string, sourceId: string, itemId: string, today: string) {
  const { rows } = await ctx.tx.query(
    `UPDATE publication_obligations SET published_item_id = $4, published_on = $5
      WHERE tenant_id = $1 AND source_type = $2 AND source_id = $3 AND published_item_id IS NULL
      RETURNING due_on, remind_from, unknown_years`,
    [ctx.actor.tenantId, sourceType, sourceId, itemId, today]);
  if (!rows.length) return null;
  const r = rows[0];
  return { due: r.due_on as string, state: publicationState({ due: r.due_on, remindFrom: r.remind_from, unknownYears: r.unknown_years }, today, today) };
}

/** Demo data only: the day a historical item went on the portal (the API always publishes today). */
export interface HistoricalPublication { publishedOn?: string }

async function publish(ctx: UseCaseContext, c: Candidate, attribute: string | null, attributeReason: string | undefined, extra: Violation[], action: string, hist: HistoricalPublication = {}, article?: number): Promise<PublishedItem> {
  const today = hist.publishedOn ?? shanghaiDate(ctx.now);
  const r = opennessRules(shanghaiDate(ctx.now));
  const v = [
    ...checkPublishable({ attribute, attributeReason, title: c.title, body: c.body, issuedOn: c.issuedOn, alreadyPublished: await alreadyPublished(ctx.tx, ctx.actor.tenantId, c.sourceType, c.sourceId) }, r.attribute),
    ...categoryViolations(c.category, r.categories),
    ...extra,
  ];
  if (c.issuedOn > today) v.push({ code: 'OPENNESS.CONTENT_MISSING', message: `成文日期 ${c.issuedOn} 晚于今天，尚未形成的信息不能公开` });
  if (v.length) throw refusal(v.some((x) => x.code === 'OPENNESS.NOT_PUBLISHABLE') ? 'OPENNESS.NOT_PUBLISHABLE' : v.some((x) => x.code === 'OPENNESS.ALREADY_PUBLISHED') ? 'OPENNESS.ALREADY_PUBLISHED' : 'OPENNESS.REFUSED', v);
  const id = await insertItem(ctx, c, today, today);
  const obligation = await fulfil(ctx, c.sourceType, c.sourceId, id, today);
  await ctx.audit({ action, objectType: 'published_item', objectId: id, article: article ?? r.decisions.article, payload: { sourceType: c.sourceType, sourceId: c.sourceId, title: c.title, docNumber: c.docNumber ?? null, obligation } });
  return { id, kind: c.kind, title: c.title, publishedOn: today, obligation };
}

/** 第三十九条: publishes an issued 主动公开 document (or a department's policy) on the portal. */
export function publishDocumentIn(ctx: UseCaseContext, input: PublishDocumentInput, hist: HistoricalPublication = {}): Promise<PublishedItem> {
  return publish(ctx, {
    sourceType: input.policy ? 'dept_policy' : 'document', sourceId: input.sourceId, kind: input.policy ? 'policy' : 'document',
    title: input.title, body: input.body, docNumber: input.docNumber, docType: input.docType, issuer: input.issuer,
    issuerUnitId: input.issuerUnitId, draftingUnitId: input.draftingUnitId ?? input.issuerUnitId, category: input.category, issuedOn: input.issuedOn,
  }, input.attribute, input.attributeReason, [], 'openness.document_published', hist);
}

export const publishDocument = (deps: AppDeps, actor: Actor, input: PublishDocumentInput) =>
  runUseCase(deps, actor, (ctx) => publishDocumentIn(ctx, input));

const MEETING_LABELS: Record<string, string> = { plenary: '市政府全体会议', executive: '市政府常务会议' };

/** 第三十九条: what the plenary and executive meetings decided is published unless secrecy law requires otherwise. */
export function publishMeetingDecisionIn(ctx: UseCaseContext, input: PublishMeetingDecisionInput, hist: HistoricalPublication = {}): Promise<PublishedItem> {
  const r = opennessRules(shanghaiDate(ctx.now));
  const extra: Violation[] = r.decisions.meetingTypes.includes(input.meetingType) ? [] : [{
    code: 'OPENNESS.REFUSED', article: r.decisions.article,
    message: `${basedOn(r.decisions.article)}，门户公开的会议决定事项来自${r.decisions.meetingTypes.map((t) => MEETING_LABELS[t] ?? t).join('、')}`,
    details: { meetingType: input.meetingType },
  }];
  return publish(ctx, {
    sourceType: 'meeting_decision', sourceId: input.sourceId, kind: 'meeting_decision', title: input.title, body: input.body,
    docNumber: input.meetingNumber, docType: '会议决定事项', issuer: '武威市人民政府', issuerUnitId: 'unit-gov',
    meetingType: input.meetingType, category: input.category, issuedOn: input.heldOn,
  }, input.attribute, input.attributeReason, extra, 'openness.meeting_decision_published', hist);
}

export const publishMeetingDecision = (deps: AppDeps, actor: Actor, input: PublishMeetingDecisionInput) =>
  runUseCase(deps, actor, (ctx) => publishMeetingDecisionIn(ctx, input));

/** A handling result of the supervision registers, published on the portal when its publication is recorded. */
export interface PublishResultInput {
  /** the case it reports on */
  sourceId: string;
  title: string;
  body: string;
  /** 建议、提案编号 */
  docNumber?: string;
  /** 人大代表建议办理结果, 政协提案办理结果, … */
  docType: string;
  issuer: string;
  issuerUnitId?: string;
  /** the day of the answer or handling the result reports */
  issuedOn: string;
  /** 第三十八条 category */
  category: string;
  /** the article that requires the publication (第四十四条 建议提案办理结果, 第四十七条 重大问题处理结果) */
  article: number;
}

/** 第四十四条, 第四十七条: publishes a handling result on the portal, in the transaction that records it. */
export function publishResultIn(ctx: UseCaseContext, input: PublishResultInput): Promise<PublishedItem> {
  return publish(ctx, {
    sourceType: 'handling_result', sourceId: input.sourceId, kind: 'handling_result', title: input.title, body: input.body,
    docNumber: input.docNumber, docType: input.docType, issuer: input.issuer, issuerUnitId: input.issuerUnitId,
    draftingUnitId: input.issuerUnitId, category: input.category, issuedOn: input.issuedOn,
  }, '主动公开', undefined, [], 'openness.result_published', {}, input.article);
}

// ---- proactive publication obligations ---------------------------------------------------------

export const registerObligationInput = z.strictObject({
  sourceType: z.enum(['document', 'meeting_decision', 'dept_policy']),
  sourceId: z.string().min(1).max(128),
  title: z.string().min(1).max(300),
  docNumber: z.string().max(64).optional(),
  issuer: z.string().max(100).optional(),
  issuedOn: isoDate,
  attribute: z.string().max(16).nullable(),
  attributeReason: z.string().max(500).optional(),
});
export type RegisterObligationInput = z.infer<typeof registerObligationInput>;

/**
 * Called when a document is issued (the documents context) or registered by the office: a 主动公开
 * item gets its publication deadline (第三十九条; 条例 第二十六条), counted on the official calendar.
 * 依申请公开 and 不予公开 items create no obligation; the attribute is still checked.
 */
export async function registerObligationIn(ctx: UseCaseContext, input: RegisterObligationInput): Promise<{ id: string | null; due: string | null }> {
  const r = opennessRules(input.issuedOn);
  const v = checkAttribute({ attribute: input.attribute, reason: input.attributeReason }, r.attribute);
  if (v.length) throw refusal('OPENNESS.REFUSED', v);
  if (input.attribute !== '主动公开') return { id: null, due: null };
  const d = publicationDeadline(r.publication, input.issuedOn, r.calendar);
  const id = `obl-${randomUUID()}`;
  const { rowCount } = await ctx.tx.query(
    `INSERT INTO publication_obligations (tenant_id, id, source_type, source_id, title, doc_number, issuer, issued_on, due_on, remind_from,
       unknown_years, rule_id, article, created_at)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14) ON CONFLICT (tenant_id, source_type, source_id) DO NOTHING`,
    [ctx.actor.tenantId, id, input.sourceType, input.sourceId, input.title, input.docNumber ?? null, input.issuer ?? null, input.issuedOn,
      d.due, d.remindFrom, d.unknownYears, d.ruleId, d.article, ctx.now]);
  if (!rowCount) throw new AppError('OPENNESS.ALREADY_PUBLISHED', { message: '该文件已登记公开时限' });
  await ctx.audit({ action: 'openness.obligation_registered', objectType: 'publication_obligation', objectId: id, article: d.article, payload: { sourceId: input.sourceId, due: d.due } });
  return { id, due: d.due };
}

export const registerObligation = (deps: AppDeps, actor: Actor, input: RegisterObligationInput) =>
  runUseCase(deps, actor, (ctx) => registerObligationIn(ctx, input));

export async function listObligations(deps: AppDeps, tenantId: string) {
  const today = shanghaiDate(deps.clock.now());
  return runQuery(deps, async (tx) => {
    const { rows } = await tx.query(`SELECT * FROM publication_obligations WHERE tenant_id = $1 ORDER BY (published_on IS NOT NULL), due_on, id`, [tenantId]);
    return rows.map((o) => ({
      id: o.id, sourceType: o.source_type, sourceId: o.source_id, title: o.title, docNumber: o.doc_number, issuer: o.issuer,
      issuedOn: o.issued_on, due: o.due_on, article: o.article, ruleId: o.rule_id, publishedOn: o.published_on, publishedItemId: o.published_item_id,
      unknownYears: o.unknown_years,
      state: publicationState({ due: o.due_on, remindFrom: o.remind_from, unknownYears: o.unknown_years }, o.published_on, today),
    }));
  });
}

// ---- status and interpretation ------------------------------------------------------------------

export const changeStatusInput = z.strictObject({
  status: z.enum(['amended', 'repealed']),
  /** the published item that amends or repeals it */
  byItemId: z.string().max(64).optional(),
  note: z.string().min(1).max(500),
  on: isoDate,
  version: z.number().int().min(1),
});

export const changeStatus = (deps: AppDeps, actor: Actor, id: string, input: z.infer<typeof changeStatusInput>) =>
  runUseCase(deps, actor, (ctx) => changeStatusIn(ctx, id, input));

export async function changeStatusIn(ctx: UseCaseContext, id: string, input: z.infer<typeof changeStatusInput>) {
  const actor = ctx.actor;
  {
    const item = (await ctx.tx.query('SELECT * FROM published_items WHERE tenant_id = $1 AND id = $2 FOR UPDATE', [actor.tenantId, id])).rows[0];
    if (!item) throw new AppError('OPENNESS.ITEM_NOT_FOUND');
    const v: Violation[] = [];
    if (item.status === 'repealed') v.push({ code: 'OPENNESS.STATUS_INVALID', message: '该文件已废止，不能再变更效力状态' });
    if (input.byItemId) {
      const by = (await ctx.tx.query('SELECT id FROM published_items WHERE tenant_id = $1 AND id = $2', [actor.tenantId, input.byItemId])).rows[0];
      if (!by) v.push({ code: 'OPENNESS.STATUS_INVALID', message: '作为修订或废止依据的文件尚未公开' });
      if (input.byItemId === id) v.push({ code: 'OPENNESS.STATUS_INVALID', message: '文件不能修订或废止自身' });
    }
    if (v.length) throw refusal('OPENNESS.STATUS_INVALID', v);
    if (item.version !== input.version) throw new AppError('REQUEST.CONFLICT');
    await ctx.tx.query(
      `UPDATE published_items SET status = $3, superseded_by = $4, status_note = $5, status_changed_on = $6, version = version + 1
        WHERE tenant_id = $1 AND id = $2`, [actor.tenantId, id, input.status, input.byItemId ?? null, input.note, input.on]);
    await setEntryStatus(ctx.tx, actor.tenantId, 'published_item', id, input.status);
    await ctx.audit({ action: 'openness.status_changed', objectType: 'published_item', objectId: id, article: 39, payload: { from: item.status, to: input.status, by: input.byItemId ?? null, note: input.note } });
    return { id, status: input.status };
  }
}

export const interpretationInput = z.strictObject({
  unitId: z.string().min(1).max(64),
  unitName: z.string().min(1).max(100),
  title: z.string().min(1).max(300),
  body: z.string().min(1).max(200_000),
  form: z.enum(['文字解读', '图解', '问答', '视频', '新闻发布会']).default('文字解读'),
});

/** 第四十条: 谁起草、谁解读 — the drafting unit publishes the interpretation, linked to the policy. */
export const publishInterpretation = (deps: AppDeps, actor: Actor, policyId: string, input: z.input<typeof interpretationInput>) =>
  runUseCase(deps, actor, async (ctx) => {
    const parsed = interpretationInput.parse(input);
    await checkInterpreterUnit(ctx.tx, actor, parsed.unitId, shanghaiDate(ctx.now));
    return publishInterpretationIn(ctx, policyId, parsed);
  });

export async function publishInterpretationIn(ctx: UseCaseContext, policyId: string, input: z.infer<typeof interpretationInput>, hist: HistoricalPublication = {}) {
  const actor = ctx.actor;
  {
    const today = hist.publishedOn ?? shanghaiDate(ctx.now);
    const r = opennessRules(shanghaiDate(ctx.now));
    const policy = (await ctx.tx.query('SELECT * FROM published_items WHERE tenant_id = $1 AND id = $2', [actor.tenantId, policyId])).rows[0];
    const v = checkInterpretation(policy ? { kind: policy.kind, draftingUnitId: policy.drafting_unit_id, status: policy.status } : null, input, r.interpretationArticle);
    if (v.length) throw refusal(v[0].code, v);
    const id = await insertItem(ctx, {
      sourceType: 'interpretation', sourceId: `${policyId}:${randomUUID()}`, kind: 'interpretation', title: input.title, body: input.body,
      docType: input.form, issuer: input.unitName, issuerUnitId: input.unitId, draftingUnitId: input.unitId, category: policy.category,
      issuedOn: today, interpretsId: policyId,
    }, today);
    await ctx.audit({ action: 'openness.interpretation_published', objectType: 'published_item', objectId: id, article: r.interpretationArticle, payload: { policyId, unitId: input.unitId, title: input.title } });
    return { id, policyId };
  }
}
