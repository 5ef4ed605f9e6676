// Full-text search over search_entries: jieba lexemes joined by spaces, to_tsvector('simple', …) with
// a GIN index, ranked with ts_rank_cd (title words weigh most), snippets highlighted in the app. The
// same SQL runs on PGlite and PostgreSQL. User input never becomes tsquery syntax: it is cleaned to
// plain words (domain/openness/search.ts) and every lexeme is quoted.
import type { Queryable } from '../../store/db.ts';
import { AppError } from '../../errors/index.ts';
import { cleanQuery, snippet, type SearchLimits } from '../../domain/openness/search.ts';
import { indexTokens, queryTokens } from './tokenizer.ts';
import { documentAccessSql, type DocumentAccess } from './access.ts';

export const SEARCH_LIMITS: SearchLimits = { maxChars: 100, maxTerms: 12 };
const SNIPPET_WIDTH = 120;

export interface SearchEntry {
  tenantId: string;
  objectType: string;
  objectId: string;
  scope: 'public' | 'staff';
  unitId?: string | null;
  kind: string;
  title: string;
  docNumber?: string | null;
  issuer?: string | null;
  body: string;
  datedOn?: string | null;
  status?: string | null;
  /** when the source row was last changed (the catch-up rebuilds entries older than their row) */
  sourceUpdatedAt?: Date | null;
}

/** Adds or replaces the entry of one object (called inside the use case that changed it). */
export async function indexEntry(tx: Queryable, e: SearchEntry): Promise<void> {
  const title = indexTokens(e.title).join(' ');
  const meta = indexTokens(`${e.docNumber ?? ''} ${e.issuer ?? ''}`).join(' ');
  const body = indexTokens(e.body).join(' ');
  await tx.query(
    `INSERT INTO search_entries (tenant_id, object_type, object_id, scope, unit_id, kind, title, doc_number, issuer, body, dated_on, status, source_updated_at, tsv)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$16,
       setweight(to_tsvector('simple', $13), 'A') || setweight(to_tsvector('simple', $14), 'B') || setweight(to_tsvector('simple', $15), 'D'))
     ON CONFLICT (tenant_id, object_type, object_id) DO UPDATE SET scope = EXCLUDED.scope, unit_id = EXCLUDED.unit_id,
       kind = EXCLUDED.kind, title = EXCLUDED.title, doc_number = EXCLUDED.doc_number, issuer = EXCLUDED.issuer,
       body = EXCLUDED.body, dated_on = EXCLUDED.dated_on, status = EXCLUDED.status, source_updated_at = EXCLUDED.source_updated_at, tsv = EXCLUDED.tsv`,
    [e.tenantId, e.objectType, e.objectId, e.scope, e.unitId ?? null, e.kind, e.title, e.docNumber ?? null, e.issuer ?? null,
      e.body, e.datedOn ?? null, e.status ?? null, title, meta, body, e.sourceUpdatedAt ?? null],
  );
}

export async function setEntryStatus(tx: Queryable, tenantId: string, objectType: string, objectId: string, status: string): Promise<void> {
  await tx.query('UPDATE search_entries SET status = $4 WHERE tenant_id = $1 AND object_type = $2 AND object_id = $3', [tenantId, objectType, objectId, status]);
}

export interface SearchQuery {
  q: string;
  kind?: string;
  year?: number;
  issuer?: string;
  status?: string;
  limit?: number;
  offset?: number;
}

export interface SearchScope {
  /** 'public' sees published entries only; 'staff' sees public entries and the staff entries allowed */
  scope: 'public' | 'staff';
  /** staff only: unit ids whose internal entries the caller may see; null = all (the office) */
  units?: string[] | null;
  /** staff only: documents are found under the documents context's visibility rule for this caller */
  documents?: DocumentAccess;
}

export interface SearchHit {
  objectType: string;
  objectId: string;
  kind: string;
  title: string;
  docNumber: string | null;
  issuer: string | null;
  datedOn: string | null;
  status: string | null;
  scope: string;
  rank: number;
  snippet: { text: string; highlights: [number, number][] };
  titleHighlights: [number, number][];
}

/** One quoted operand per lexeme: (whole | all its parts), so 人民政府 also finds 武威市人民政府. */
function tsqueryText(terms: string[]): string {
  return terms
    .map((t) => {
      const parts = indexTokens(t).filter((p) => p !== t);
      const whole = `'${t}'`;
      return parts.length > 1 ? `(${whole} | (${parts.map((p) => `'${p}'`).join(' & ')}))` : whole;
    })
    .join(' & ');
}

export async function search(tx: Queryable, tenantId: string, scope: SearchScope, query: SearchQuery): Promise<{ total: number; hits: SearchHit[]; terms: string[] }> {
  const c = cleanQuery(query.q ?? '', SEARCH_LIMITS);
  if (!c.ok) {
    throw new AppError('OPENNESS.SEARCH_QUERY_INVALID', {
      message: c.reason === 'too_long' ? `检索词过长（不超过${SEARCH_LIMITS.maxChars}字）` : '请输入检索词（文字或数字）',
    });
  }
  const terms = queryTokens(c.cleaned, SEARCH_LIMITS.maxTerms);
  if (!terms.length) throw new AppError('OPENNESS.SEARCH_QUERY_INVALID', { message: '请输入检索词（文字或数字）' });
  const params: unknown[] = [tenantId, tsqueryText(terms)];
  const where: string[] = ['s.tenant_id = $1', `s.tsv @@ to_tsquery('simple', $2)`];
  let from = 'search_entries s';
  if (scope.scope === 'public') where.push(`s.scope = 'public'`);
  else {
    let others = 'true';
    if (scope.units) {
      params.push(scope.units);
      others = `s.unit_id = ANY($${params.length})`;
    }
    if (scope.documents) {
      // documents: the documents context's visibility rule on the current document row
      from = `search_entries s LEFT JOIN documents d ON s.object_type = 'document' AND d.id = s.object_id AND d.tenant_id = s.tenant_id`;
      const docs = documentAccessSql(scope.documents, params);
      where.push(`(s.scope = 'public' OR (s.object_type = 'document' AND d.id IS NOT NULL AND ${docs}) OR (s.object_type <> 'document' AND ${others}))`);
    } else if (scope.units) {
      where.push(`(s.scope = 'public' OR ${others})`);
    }
  }
  if (query.kind) { params.push(query.kind); where.push(`s.kind = $${params.length}`); }
  if (query.issuer) { params.push(query.issuer); where.push(`s.issuer = $${params.length}`); }
  if (query.status) { params.push(query.status); where.push(`s.status = $${params.length}`); }
  if (query.year) { params.push(query.year); where.push(`EXTRACT(YEAR FROM s.dated_on) = $${params.length}`); }
  const w = where.join(' AND ');
  const total = (await tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${from} WHERE ${w}`, params)).rows[0].n;
  const limit = Math.min(Math.max(query.limit ?? 20, 1), 50);
  const offset = Math.max(query.offset ?? 0, 0);
  const { rows } = await tx.query(
    `SELECT s.object_type, s.object_id, s.kind, s.title, s.doc_number, s.issuer, s.dated_on, s.status, s.scope, s.body,
            ts_rank_cd(s.tsv, to_tsquery('simple', $2)) AS rank
       FROM ${from} WHERE ${w}
      ORDER BY rank DESC, s.dated_on DESC NULLS LAST, s.object_id
      LIMIT ${limit} OFFSET ${offset}`,
    params,
  );
  return {
    total,
    terms,
    hits: rows.map((r) => ({
      objectType: r.object_type,
      objectId: r.object_id,
      kind: r.kind,
      title: r.title,
      docNumber: r.doc_number,
      issuer: r.issuer,
      datedOn: r.dated_on,
      status: r.status,
      scope: r.scope,
      rank: Number(r.rank),
      snippet: snippet(r.body, terms, SNIPPET_WIDTH),
      titleHighlights: snippet(r.title, terms, r.title.length + 1).highlights,
    })),
  };
}
