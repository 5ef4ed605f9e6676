// What the public portal reads: published_items only. Every query here filters on that table, so an
// unpublished document, request or internal entry has no public URL at all.
import { AppError } from '../../errors/index.ts';
import type { Queryable } from '../../store/db.ts';
import { runQuery, type AppDeps } from '../context.ts';
import { opennessRules, shanghaiDate } from './rules.ts';

export const KIND_LABELS: Record<string, string> = {
  document: '政府文件', meeting_decision: '会议决定', policy: '部门政策', interpretation: '政策解读', emergency: '突发事件信息发布',
  handling_result: '办理结果',
};
export const STATUS_LABELS: Record<string, string> = { in_force: '现行有效', amended: '已修订', repealed: '已废止' };
export const MEETING_TYPE_LABELS: Record<string, string> = { plenary: '市政府全体会议', executive: '市政府常务会议' };

const summary = (r: Record<string, any>) => ({
  id: r.id, kind: r.kind, kindLabel: KIND_LABELS[r.kind] ?? r.kind, title: r.title, docNumber: r.doc_number, docType: r.doc_type,
  issuer: r.issuer, category: r.category, meetingType: r.meeting_type, meetingTypeLabel: r.meeting_type ? MEETING_TYPE_LABELS[r.meeting_type] ?? r.meeting_type : null,
  issuedOn: r.issued_on, publishedOn: r.published_on, status: r.status, statusLabel: STATUS_LABELS[r.status] ?? r.status,
});

export interface BrowseFilter {
  kind?: string;
  year?: number;
  issuer?: string;
  docType?: string;
  category?: string;
  status?: string;
  page?: number;
  pageSize?: number;
}

export async function browse(deps: AppDeps, tenantId: string, f: BrowseFilter) {
  return runQuery(deps, async (tx) => {
    const params: unknown[] = [tenantId];
    const where = ['tenant_id = $1'];
    const add = (sql: string, v: unknown) => { params.push(v); where.push(sql.replace('?', `$${params.length}`)); };
    if (f.kind) add('kind = ?', f.kind);
    else where.push(`kind <> 'interpretation'`);
    if (f.year) add('EXTRACT(YEAR FROM issued_on) = ?', f.year);
    if (f.issuer) add('issuer = ?', f.issuer);
    if (f.docType) add('doc_type = ?', f.docType);
    if (f.category) add('category = ?', f.category);
    if (f.status) add('status = ?', f.status);
    const size = Math.min(Math.max(f.pageSize ?? 20, 1), 100);
    const page = Math.max(f.page ?? 1, 1);
    const w = where.join(' AND ');
    const total = (await tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM published_items WHERE ${w}`, params)).rows[0].n;
    const { rows } = await tx.query(`SELECT * FROM published_items WHERE ${w} ORDER BY issued_on DESC, published_at DESC, id LIMIT ${size} OFFSET ${(page - 1) * size}`, params);
    return { total, page, pageSize: size, items: rows.map(summary) };
  });
}

export async function facets(deps: AppDeps, tenantId: string) {
  const r = opennessRules(shanghaiDate(deps.clock.now()));
  return runQuery(deps, async (tx) => {
    const q = async (sql: string) => (await tx.query(sql, [tenantId])).rows;
    const years = await q(`SELECT EXTRACT(YEAR FROM issued_on)::int AS value, count(*)::int AS count FROM published_items WHERE tenant_id = $1 AND kind <> 'interpretation' GROUP BY 1 ORDER BY 1 DESC`);
    const issuers = await q(`SELECT issuer AS value, count(*)::int AS count FROM published_items WHERE tenant_id = $1 AND kind <> 'interpretation' GROUP BY 1 ORDER BY 2 DESC, 1`);
    const kinds = await q(`SELECT kind AS value, count(*)::int AS count FROM published_items WHERE tenant_id = $1 GROUP BY 1 ORDER BY 1`);
    const docTypes = await q(`SELECT doc_type AS value, count(*)::int AS count FROM published_items WHERE tenant_id = $1 AND doc_type IS NOT NULL AND kind IN ('document','policy') GROUP BY 1 ORDER BY 2 DESC`);
    const cats = await q(`SELECT category AS value, count(*)::int AS count FROM published_items WHERE tenant_id = $1 AND category IS NOT NULL GROUP BY 1`);
    const catCount = new Map(cats.map((c) => [c.value, c.count]));
    return {
      years, issuers, docTypes,
      kinds: kinds.map((k) => ({ ...k, label: KIND_LABELS[k.value] ?? k.value })),
      categories: {
        article: r.categories.article,
        institutional: r.categories.institutional.map((c) => ({ value: c, count: catCount.get(c) ?? 0 })),
        priorities: r.categories.priorities.map((c) => ({ value: c, count: catCount.get(c) ?? 0 })),
      },
    };
  });
}

async function itemRow(tx: Queryable, tenantId: string, id: string) {
  const r = (await tx.query('SELECT * FROM published_items WHERE tenant_id = $1 AND id = $2', [tenantId, id])).rows[0];
  if (!r) throw new AppError('OPENNESS.ITEM_NOT_FOUND');
  return r;
}

/** One published item with its links: interpretations ⇄ policy (第四十条), repealed by ⇄ repeals, the emergency thread. */
export async function item(deps: AppDeps, tenantId: string, id: string) {
  return runQuery(deps, async (tx) => {
    const r = await itemRow(tx, tenantId, id);
    const rows = async (sql: string, p: unknown[]) => (await tx.query(sql, p)).rows.map(summary);
    const interpretations = await rows(`SELECT * FROM published_items WHERE tenant_id = $1 AND interprets_id = $2 ORDER BY published_at`, [tenantId, id]);
    const interprets = r.interprets_id ? (await rows(`SELECT * FROM published_items WHERE tenant_id = $1 AND id = $2`, [tenantId, r.interprets_id]))[0] ?? null : null;
    const supersededBy = r.superseded_by ? (await rows(`SELECT * FROM published_items WHERE tenant_id = $1 AND id = $2`, [tenantId, r.superseded_by]))[0] ?? null : null;
    const supersedes = await rows(`SELECT * FROM published_items WHERE tenant_id = $1 AND superseded_by = $2`, [tenantId, id]);
    const thread = r.thread_id ? await rows(`SELECT * FROM published_items WHERE tenant_id = $1 AND thread_id = $2 ORDER BY published_at, id`, [tenantId, r.thread_id]) : [];
    return {
      ...summary(r), version: r.version, draftingUnitId: r.drafting_unit_id, body: r.body, statusNote: r.status_note, statusChangedOn: r.status_changed_on, corrects: r.corrects,
      interpretations, interprets, supersededBy, supersedes, thread,
    };
  });
}

export async function portalHome(deps: AppDeps, tenantId: string) {
  return runQuery(deps, async (tx) => {
    const latest = async (kind: string, n: number) => (await tx.query(`SELECT * FROM published_items WHERE tenant_id = $1 AND kind = $2 ORDER BY issued_on DESC, published_at DESC LIMIT ${n}`, [tenantId, kind])).rows.map(summary);
    return {
      documents: await latest('document', 8),
      meetingDecisions: await latest('meeting_decision', 5),
      policies: await latest('policy', 5),
      interpretations: await latest('interpretation', 5),
      emergencies: await latest('emergency', 5),
    };
  });
}
