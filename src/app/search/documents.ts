// Staff full-text entries of documents (incoming and outgoing: title, body, 发文字号 / 来文字号, issuer).
//
// How an entry is kept in step with its document:
// - in the 印发 transaction, through onDocumentIssued (src/app/openness/documents.ts);
// - for every other change (签收, 登记, 拟稿, 修改, 编号 …) by a catch-up that reads the documents
//   changed since it last ran, in (updated_at, id) order, a bounded batch at a time. It runs
//   (1) before each staff search, over the documents changed in the last RECENT_WINDOW only, so a
//       person finds what was just registered; and
//   (2) as the background task `searchBackground`, which walks the whole table behind a watermark.
//   The watermark stays RECENT_WINDOW behind the clock, so a transaction that commits late (its
//   updated_at is the time it started) is still read; (1) covers the window itself.
// An entry is rebuilt only when the document's updated_at differs from the one it was built from.
//
// Who may find a document is the documents context's own rule (canSee, src/domain/documents/access.ts,
// 第八十二条): the entry carries no access facts; the search joins the document row and applies the
// rule's truth table for the caller (src/app/search/access.ts), so routing a document to someone makes it
// findable at once.
import type { Queryable } from '../../store/db.ts';
import type { AppDeps } from '../context.ts';
import { indexEntry } from './search.ts';

/** how far back the per-search catch-up looks, and how far behind the clock the watermark stays */
export const RECENT_WINDOW_MS = 2 * 60_000;
/** most documents indexed by one catch-up batch */
export const CATCH_UP_BATCH = 200;

const DOC_COLUMNS = `d.id, d.tenant_id, d.flow, d.state, d.doc_type, d.title, d.body, d.issuer_name, d.issuer_unit_id, d.doc_number,
  d.source_doc_number, d.registration_no, d.lead_unit_id, d.issued_date, d.started_on, d.updated_at`;

/** Builds or rebuilds the staff entry of one document row (columns of DOC_COLUMNS). */
export async function indexDocumentRow(tx: Queryable, d: Record<string, any>): Promise<void> {
  const number = d.flow === 'outgoing' ? d.doc_number : [d.source_doc_number, d.registration_no].filter(Boolean).join(' ');
  await indexEntry(tx, {
    tenantId: d.tenant_id, objectType: 'document', objectId: d.id, scope: 'staff', unitId: d.lead_unit_id ?? d.issuer_unit_id ?? null,
    kind: d.doc_type, title: d.title, docNumber: number || null, issuer: d.issuer_name, body: d.body ?? '',
    datedOn: d.issued_date ?? d.started_on ?? null, status: d.state, sourceUpdatedAt: d.updated_at,
  });
}

/** Indexes one document now (inside the caller's transaction). */
export async function indexDocument(tx: Queryable, tenantId: string, documentId: string): Promise<boolean> {
  const { rows } = await tx.query(`SELECT ${DOC_COLUMNS} FROM documents d WHERE d.tenant_id = $1 AND d.id = $2`, [tenantId, documentId]);
  if (!rows[0]) return false;
  await indexDocumentRow(tx, rows[0]);
  return true;
}

/** the documents among `rows` whose entry is missing or older than the row */
const STALE = `NOT EXISTS (SELECT 1 FROM search_entries s WHERE s.tenant_id = d.tenant_id AND s.object_type = 'document' AND s.object_id = d.id
  AND (s.source_updated_at IS NULL OR s.source_updated_at >= d.updated_at))`;

/** Indexes the tenant's documents changed since `since` whose entry is stale (at most `limit`). */
export async function indexRecentDocuments(tx: Queryable, tenantId: string, since: Date, limit = CATCH_UP_BATCH): Promise<number> {
  const { rows } = await tx.query(
    `SELECT ${DOC_COLUMNS} FROM documents d WHERE d.updated_at > $2 AND d.tenant_id = $1 AND ${STALE} ORDER BY d.updated_at, d.id LIMIT ${limit}`,
    [tenantId, since]);
  for (const r of rows) await indexDocumentRow(tx, r);
  return rows.length;
}

/** Indexes every document of the tenant without a current entry (demo seeding, imports). */
export async function indexAllDocuments(tx: Queryable, tenantId: string): Promise<number> {
  let n = 0;
  for (;;) {
    const k = await indexRecentDocuments(tx, tenantId, new Date(0), 500);
    n += k;
    if (k < 500) return n;
  }
}

/**
 * One step of the background catch-up over every tenant: reads at most `limit` documents after the
 * watermark and older than RECENT_WINDOW, rebuilds the stale ones, moves the watermark. Returns how
 * many rows it read (0: caught up).
 */
export async function catchUpDocuments(deps: AppDeps, limit = CATCH_UP_BATCH): Promise<{ read: number; indexed: number }> {
  const now = deps.clock.now();
  const horizon = new Date(now.getTime() - RECENT_WINDOW_MS);
  return deps.db.transaction(async (tx) => {
    await tx.query(`INSERT INTO search_sync (source, watermark_at, watermark_id, run_at) VALUES ('documents', 'epoch', '', $1) ON CONFLICT DO NOTHING`, [now]);
    const w = (await tx.query(`SELECT watermark_at, watermark_id FROM search_sync WHERE source = 'documents' FOR UPDATE`)).rows[0];
    // the walk reads keys and the staleness check only (index and primary-key lookups); the columns of a
    // document, its body among them, are read only for the few whose entry is out of date
    const { rows } = await tx.query<{ id: string; updated_at: Date; stale: boolean }>(
      `SELECT d.id, d.updated_at, ${STALE} AS stale FROM documents d
        WHERE (d.updated_at, d.id) > ($1::timestamptz, $2::text) AND d.updated_at <= $3
        ORDER BY d.updated_at, d.id LIMIT ${limit}`, [w.watermark_at, w.watermark_id, horizon]);
    const stale = rows.filter((r) => r.stale).map((r) => r.id);
    let indexed = 0;
    if (stale.length) {
      const full = await tx.query(`SELECT ${DOC_COLUMNS} FROM documents d WHERE d.id = ANY($1::text[]) ORDER BY d.updated_at, d.id`, [stale]);
      for (const r of full.rows) { await indexDocumentRow(tx, r); indexed++; }
    }
    const last = rows[rows.length - 1];
    await tx.query(`UPDATE search_sync SET watermark_at = $1, watermark_id = $2, run_at = $3 WHERE source = 'documents'`,
      [last ? last.updated_at : w.watermark_at, last ? last.id : w.watermark_id, now]);
    return { read: rows.length, indexed };
  });
}

/** Background task: catches up every 15 seconds (drains in batches while behind). */
export const SEARCH_CATCH_UP_INTERVAL_MS = 15_000;
export async function searchBackground(deps: AppDeps): Promise<{ stop(): Promise<void> }> {
  let stopped = false;
  let running: Promise<void> = Promise.resolve();
  const tick = async () => {
    try {
      for (let i = 0; i < 50 && !stopped; i++) if ((await catchUpDocuments(deps)).read < CATCH_UP_BATCH) break;
    } catch { /* the next tick retries */ }
  };
  const timer = setInterval(() => { running = running.then(tick); }, SEARCH_CATCH_UP_INTERVAL_MS);
  timer.unref?.();
  return { async stop() { stopped = true; clearInterval(timer); await running; } };
}
