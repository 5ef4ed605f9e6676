// Openness fed by the documents and meetings contexts, inside their transactions (第三十九条):
// - onDocumentIssued: called by 印发. The 公开属性 set at drafting and confirmed at signing (源头认定)
//   decides: 主动公开 is registered with its 20-working-day limit (《政府信息公开条例》第二十六条) and
//   published at once, which closes the obligation; 依申请公开 is recorded as available on request;
//   不予公开 is recorded internally with its reason and nothing is public. The staff search entry of the
//   document is rebuilt in the same transaction.
// - onMinutesSigned: called when the minutes are signed. The decisions of the plenary and executive
//   meetings (the pack's openness.decisions.publish) are published as one item per meeting.
// Both are idempotent: a second call for the same document or meeting changes nothing.
import { AppError } from '../../errors/index.ts';
import { DECISION_OUTCOME_LABELS, meetingTitle, type DecisionOutcome } from '../../domain/meetings/index.ts';
import type { Violation } from '../../domain/shared/violation.ts';
import { runQuery, type AppDeps, type UseCaseContext } from '../context.ts';
import { indexDocument } from '../search/documents.ts';
import { publishDocumentIn, publishMeetingDecisionIn, registerObligationIn } from './publish.ts';
import { opennessRules, shanghaiDate } from './rules.ts';

export type Disposition = 'published' | 'pending' | 'on_request' | 'withheld' | 'unspecified';

export const DISPOSITION_LABELS: Record<Disposition, string> = {
  published: '已主动公开', pending: '待主动公开', on_request: '依申请公开', withheld: '不予公开', unspecified: '未标明公开属性',
};

export interface DocumentDisclosure {
  documentId: string;
  disposition: Disposition;
  publishedItemId: string | null;
  obligationDue: string | null;
  violations: Violation[];
}

async function obligationOf(ctx: UseCaseContext, sourceType: string, sourceId: string) {
  return (await ctx.tx.query('SELECT id, due_on FROM publication_obligations WHERE tenant_id = $1 AND source_type = $2 AND source_id = $3',
    [ctx.actor.tenantId, sourceType, sourceId])).rows[0] as { id: string; due_on: string } | undefined;
}

/** 第三十九条: what happens to an issued outgoing document, by its 公开属性. Runs in the 印发 transaction. */
export async function onDocumentIssued(ctx: UseCaseContext, documentId: string): Promise<DocumentDisclosure | null> {
  const tenantId = ctx.actor.tenantId;
  await indexDocument(ctx.tx, tenantId, documentId);
  const d = (await ctx.tx.query(
    `SELECT id, flow, state, doc_type, title, body, issuer_name, issuer_unit_id, lead_unit_id, doc_number, disclosure, disclosure_reason, issued_date
       FROM documents WHERE tenant_id = $1 AND id = $2`, [tenantId, documentId])).rows[0];
  if (!d || d.flow !== 'outgoing' || !d.issued_date) return null;
  const done = (await ctx.tx.query('SELECT disposition, published_item_id FROM document_disclosures WHERE tenant_id = $1 AND document_id = $2', [tenantId, documentId])).rows[0];
  if (done) return { documentId, disposition: done.disposition, publishedItemId: done.published_item_id, obligationDue: null, violations: [] };

  const r = opennessRules(d.issued_date);
  const attribute: string | null = d.disclosure ?? null;
  let disposition: Disposition;
  let publishedItemId: string | null = null;
  let obligation: { id: string | null; due: string | null } = { id: null, due: null };
  const violations: Violation[] = [];
  if (attribute === '主动公开') {
    const existing = await obligationOf(ctx, 'document', d.id);
    obligation = existing ? { id: existing.id, due: existing.due_on } : await registerObligationIn(ctx, {
      sourceType: 'document', sourceId: d.id, title: d.title, docNumber: d.doc_number ?? undefined, issuer: d.issuer_name, issuedOn: d.issued_date, attribute,
    });
    try {
      const item = await publishDocumentIn(ctx, {
        sourceId: d.id, title: d.title, body: d.body, docNumber: d.doc_number ?? undefined, docType: d.doc_type, issuer: d.issuer_name,
        issuerUnitId: d.issuer_unit_id ?? undefined, draftingUnitId: d.lead_unit_id ?? undefined, issuedOn: d.issued_date, attribute,
      });
      publishedItemId = item.id;
      disposition = 'published';
    } catch (e) {
      // not publishable as it stands (no body …): 印发 goes on, the obligation stays open and is flagged when overdue
      if (!(e instanceof AppError) || !e.code.startsWith('OPENNESS.')) throw e;
      violations.push(...(e.violations?.length ? e.violations : [{ code: e.code, message: e.message }]));
      disposition = 'pending';
    }
  } else if (attribute === '依申请公开') disposition = 'on_request';
  else if (attribute === '不予公开') disposition = 'withheld';
  else disposition = 'unspecified';

  await ctx.tx.query(
    `INSERT INTO document_disclosures (tenant_id, document_id, disposition, attribute, reason, title, doc_number, doc_type, issuer, drafting_unit_id,
       issued_on, published_item_id, obligation_id, note, recorded_at)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15)`,
    [tenantId, d.id, disposition, attribute, d.disclosure_reason ?? null, d.title, d.doc_number ?? null, d.doc_type, d.issuer_name, d.lead_unit_id ?? null,
      d.issued_date, publishedItemId, obligation.id, violations.length ? violations.map((v) => v.message).join('；') : null, ctx.now]);
  await ctx.audit({
    action: `openness.document_${disposition}`, objectType: 'document', objectId: d.id, article: r.attribute.publishArticle,
    payload: { attribute, docNumber: d.doc_number ?? null, publishedItemId, obligationDue: obligation.due, violations: violations.map((v) => v.code) },
  });
  return { documentId: d.id, disposition, publishedItemId, obligationDue: obligation.due, violations };
}

/** The internal record of issued documents and what became of their 公开属性 (staff only). */
export const listDocumentDisclosures = (deps: AppDeps, tenantId: string, disposition?: Disposition) => runQuery(deps, async (tx) => {
  const { rows } = await tx.query(
    `SELECT * FROM document_disclosures WHERE tenant_id = $1 AND ($2::text IS NULL OR disposition = $2) ORDER BY issued_on DESC, recorded_at DESC LIMIT 500`,
    [tenantId, disposition ?? null]);
  return rows.map((x) => ({
    documentId: x.document_id, disposition: x.disposition, dispositionLabel: DISPOSITION_LABELS[x.disposition as Disposition], attribute: x.attribute,
    reason: x.reason, title: x.title, docNumber: x.doc_number, docType: x.doc_type, issuer: x.issuer, draftingUnitId: x.drafting_unit_id,
    issuedOn: x.issued_on, publishedItemId: x.published_item_id, note: x.note,
  }));
});

const CN_NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
const ordinal = (i: number) => (i < 10 ? CN_NUMERALS[i] : String(i + 1));

/** 第三十九条: the decisions of a plenary or executive meeting go to the portal once its minutes are signed. */
export async function onMinutesSigned(ctx: UseCaseContext, meetingId: string): Promise<{ publishedItemId: string } | null> {
  const tenantId = ctx.actor.tenantId;
  const m = (await ctx.tx.query('SELECT id, type, number, starts_at, ended_at FROM meetings WHERE tenant_id = $1 AND id = $2', [tenantId, meetingId])).rows[0];
  if (!m) return null;
  const heldOn = shanghaiDate(new Date(m.ended_at ?? m.starts_at));
  const r = opennessRules(heldOn);
  if (!r.decisions.meetingTypes.includes(m.type)) return null;
  const sourceId = `meeting:${m.id}`;
  const published = (await ctx.tx.query(`SELECT id FROM published_items WHERE tenant_id = $1 AND source_type = 'meeting_decision' AND source_id = $2`, [tenantId, sourceId])).rows[0];
  if (published) return { publishedItemId: published.id };
  const { rows: decisions } = await ctx.tx.query(
    `SELECT d.outcome, d.text, t.title FROM meeting_decisions d JOIN meeting_topics t ON t.id = d.topic_id
      WHERE d.tenant_id = $1 AND d.meeting_id = $2 ORDER BY t.agenda_order NULLS LAST, d.decided_at, d.id`, [tenantId, m.id]);
  if (!decisions.length) return null;
  const name = meetingTitle(m.type, m.number ?? null);
  const title = `${name}决定事项`;
  const body = [
    `${heldOn.slice(0, 4)}年${Number(heldOn.slice(5, 7))}月${Number(heldOn.slice(8, 10))}日，${name}研究决定以下事项：`,
    ...decisions.map((x, i) => `${ordinal(i)}、${x.title}。${DECISION_OUTCOME_LABELS[x.outcome as DecisionOutcome] ?? x.outcome}。${String(x.text).trim()}`),
  ].join('\n');
  if (!(await obligationOf(ctx, 'meeting_decision', sourceId))) {
    await registerObligationIn(ctx, { sourceType: 'meeting_decision', sourceId, title, docNumber: name, issuer: '武威市人民政府', issuedOn: heldOn, attribute: '主动公开' });
  }
  const item = await publishMeetingDecisionIn(ctx, { sourceId, meetingType: m.type, title, body, meetingNumber: name, heldOn, attribute: '主动公开' });
  return { publishedItemId: item.id };
}
