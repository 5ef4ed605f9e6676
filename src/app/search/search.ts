// Full-text search over search_entries: jieba lexemes joined by spaces, to_tsvector('simple', …) with
// a GIN index, ranked with ts_rank_cd (title words weigh most), snippets highlighted in the app. The
// same SQL runs on PGlite and PostgreSQL. User input never becomes tsquery syntax: it is cleaned to
// plain words (domain/openness/search.ts) and every lexeme is quoted.
import type { Queryable } from '../../store/db.ts';
import { AppError } from '../../errors/index.ts';
import { cleanQuery, snippet, type SearchLimits } from '../../domain/openness/search.ts';
import { indexTokens, queryTokens } from './tokenizer.ts';
import { documentAccessSql, type DocumentAccess } from './access.ts';
import { rankingPlan } from './plan.ts';

export const SEARCH_LIMITS: SearchLimits = { maxChars: 100, maxTerms: 12 };
const SNIPPET_WIDTH = 120;
/**
 * A search counts its matches up to this many. Beyond it the answer carries totalCapped and the portal
 * says 约 2,000+ 条: no reader pages through a hundred pages of results, and counting every match of a
 * common word would read a tenth of the index for each search. At 1,000,000 entries a staff count of a
 * common word (each non-public match checked against the documents' visibility rule) took 366 ms up to
 * 10,000 and 96 ms up to 1,000 (docs/performance.md).
 */
export const SEARCH_COUNT_CAP = 2_000;
/**
 * With more matches than SEARCH_COUNT_CAP, 相关度 ranks (ts_rank_cd) a bounded set of candidates: the newest
 * RANK_WINDOW matches, and the newest RANK_WINDOW title matches when there are at most TITLE_SCAN_CAP title
 * matches (more are dense enough to fill the newest window). A page further down widens the set to reach it.
 * With fewer matches every match is ranked.
 */
export const RANK_WINDOW = 200;
/** most title matches read for the title candidates (see titleCandidates) */
export const TITLE_SCAN_CAP = 2_000;

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

export type SearchSort = 'relevance' | 'newest';

export interface SearchQuery {
  q: string;
  kind?: string;
  year?: number;
  issuer?: string;
  status?: string;
  /** 相关度 (default) or 最新 (by date, newest first) */
  sort?: SearchSort;
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

export interface SearchResult {
  /** matches counted, at most SEARCH_COUNT_CAP (then totalCapped: the UI says 约 2,000+ 条) */
  total: number;
  totalCapped: boolean;
  sort: SearchSort;
  /** relevance only: null when every match was ranked, else how many candidates were (see rankingPlan) */
  rankedAmong: number | null;
  hits: SearchHit[];
  terms: string[];
}

/** the columns a hit shows (the body only for its snippet) */
const HIT_COLUMNS = `s.object_type, s.object_id, s.kind, s.title, s.doc_number, s.issuer, s.dated_on, s.status, s.scope, s.body`;
/** the date order of the indexes search_entries_dated / search_entries_public_dated (0750) */
const DATE_ORDER = `s.dated_on DESC NULLS LAST, s.object_id, s.object_type`;
const TSQ = `to_tsquery('simple', $2)`;
/**
 * How an entry matches the query. 'index': the @@ operator, answered by the GIN index on tsv (or on the
 * title lexemes) — what a search with few matches uses. 'walk': the same test through its function
 * ts_match_vq, which no index answers, so the planner reads entries newest first through the date index
 * and stops after the page — used only once the capped count has shown the matches are dense.
 */
function matchSql(how: 'index' | 'walk', field: 'all' | 'title'): string {
  const v = field === 'title' ? `ts_filter(s.tsv, '{a}')` : 's.tsv';
  return how === 'index' ? `${v} @@ ${TSQ}` : `ts_match_vq(${v}, ${TSQ})`;
}

export async function search(tx: Queryable, tenantId: string, scope: SearchScope, query: SearchQuery): Promise<SearchResult> {
  const c = cleanQuery(query.q ?? '', SEARCH_LIMITS);
  if (!c.ok) {
    throw new AppError('OPENNESS.SEARCH_QUERY_INVALID', {
      message: c.reason === 'too_long' ? `检索词过长（不超过${SEARCH_LIMITS.maxChars}字）` : '请输入检索词（文字或数字）',
    });
  }
  const terms = queryTokens(c.cleaned, SEARCH_LIMITS.maxTerms);
  if (!terms.length) throw new AppError('OPENNESS.SEARCH_QUERY_INVALID', { message: '请输入检索词（文字或数字）' });
  const params: unknown[] = [tenantId, tsqueryText(terms)];
  // the scope and filter conditions; the match condition is added per statement (matchSql)
  const where: string[] = ['s.tenant_id = $1'];
  // the view with the government's own condition (migration 1010, docs/adr/0005): under the table's
  // row-level security no match could use a GIN index
  const from = 'search_entries_current s';
  const filters: string[] = [];
  // the filters' parameters come before the scope's: the public count uses only these (and $1, $2)
  if (query.kind) { params.push(query.kind); filters.push(`s.kind = $${params.length}`); }
  if (query.issuer) { params.push(query.issuer); filters.push(`s.issuer = $${params.length}`); }
  if (query.status) { params.push(query.status); filters.push(`s.status = $${params.length}`); }
  if (query.year) {
    // a date range rather than EXTRACT(YEAR …): the date index starts reading at the year's end
    params.push(`${query.year}-01-01`, `${query.year + 1}-01-01`);
    filters.push(`s.dated_on >= $${params.length - 1}::date AND s.dated_on < $${params.length}::date`);
  }
  const filterParams = params.length;
  /** staff only: the condition on the entries that are not public (who may see them) */
  let staffOnly: string | null = null;
  where.push(...filters);
  if (scope.scope === 'public') where.push(`s.scope = 'public'`);
  else {
    let others = 'true';
    if (scope.units) {
      params.push(scope.units);
      others = `s.unit_id = ANY($${params.length})`;
    }
    if (scope.documents) {
      // documents: the documents context's visibility rule on the current document row, looked up by its
      // primary key for each entry that is not public (OFFSET 0 keeps it a per-entry lookup: the planner
      // would otherwise hash every document the caller may see, however few entries match)
      const docs = documentAccessSql(scope.documents, params);
      staffOnly = `((s.object_type = 'document' AND EXISTS (SELECT 1 FROM documents d
        WHERE d.tenant_id = s.tenant_id AND d.id = s.object_id AND ${docs} OFFSET 0)) OR (s.object_type <> 'document' AND ${others}))`;
    } else if (scope.units) {
      staffOnly = others;
    }
    if (staffOnly) where.push(`(s.scope = 'public' OR ${staffOnly})`);
  }
  const w = (how: 'index' | 'walk', field: 'all' | 'title' = 'all') => [...where, matchSql(how, field)].join(' AND ');
  const limit = Math.min(Math.max(query.limit ?? 20, 1), 50);
  const offset = Math.max(query.offset ?? 0, 0);
  const sort: SearchSort = query.sort === 'newest' ? 'newest' : 'relevance';

  // Each statement reads a bounded number of entries, but the planner's cost estimates for a common word are
  // large enough to start JIT compilation, which costs more than the query (PostgreSQL; PGlite has no JIT).
  // A common word's GIN bitmap (≈127,000 entries at 1M) does not fit the default 4 MB work_mem: it turns
  // lossy and every entry of a lossy page is rechecked (public count of 实施方案: 199 ms → 61 ms with 64 MB).
  // A search's best plan depends on how common its words are: each statement is planned for its own values,
  // never from a plan cached for other words (the server prepares statements, src/store/postgres.ts).
  // The three settings travel in one statement.
  await tx.query(`SELECT set_config('jit', 'off', true), set_config('work_mem', '64MB', true), set_config('plan_cache_mode', 'force_custom_plan', true)`);
  // 1. how many match, counting no further than the cap (the GIN index; bounded work for any term)
  const countWhere = (conditions: string[]) => [...conditions, matchSql('index', 'all')].join(' AND ');
  const countUpTo = async (conditions: string[], cap: number, values = params) => (await tx.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM (SELECT 1 FROM ${from} WHERE ${countWhere(conditions)} LIMIT ${cap}) m`, values)).rows[0].n;
  let counted: number;
  if (scope.scope === 'staff') {
    // public matches first, from the public entries' own index: a common word has enough of them to reach
    // the cap, and then no staff entry is read or checked against its document's visibility
    const base = ['s.tenant_id = $1', ...filters];
    counted = await countUpTo([...base, `s.scope = 'public'`], SEARCH_COUNT_CAP + 1, params.slice(0, filterParams));
    if (counted <= SEARCH_COUNT_CAP) {
      counted += await countUpTo([...base, `s.scope <> 'public'`, ...(staffOnly ? [staffOnly] : [])], SEARCH_COUNT_CAP + 1 - counted);
    }
  } else counted = await countUpTo(where, SEARCH_COUNT_CAP + 1);
  const capped = counted > SEARCH_COUNT_CAP;
  const plan = rankingPlan({ matches: counted, cap: SEARCH_COUNT_CAP, sort, window: RANK_WINDOW, offset, limit });
  let rows: Record<string, any>[] = [];
  if (plan.kind === 'none') rows = [];
  else if (plan.kind === 'all') {
    // few matches: all of them from the GIN index (materialized, so no ORDER BY … LIMIT can turn this into a
    // walk of the date index), ordered, then the page's columns
    const order = sort === 'newest' ? `m.dated_on DESC NULLS LAST, m.object_id, m.object_type` : `m.rank DESC, m.dated_on DESC NULLS LAST, m.object_id, m.object_type`;
    ({ rows } = await tx.query(
      `WITH m AS MATERIALIZED (
         SELECT s.object_type, s.object_id, s.dated_on${sort === 'relevance' ? `, ts_rank_cd(s.tsv, ${TSQ}) AS rank` : ', 0 AS rank'}
           FROM ${from} WHERE ${w('index')})
       SELECT ${HIT_COLUMNS}, p.rank FROM (SELECT * FROM m ORDER BY ${order} LIMIT ${limit} OFFSET ${offset}) p
         JOIN ${from} ON s.tenant_id = $1 AND s.object_type = p.object_type AND s.object_id = p.object_id
        ORDER BY ${order.replaceAll('m.', 'p.')}`, params));
  } else if (plan.kind === 'newest') {
    // many matches, newest first: the date index, stopping after the page
    ({ rows } = await tx.query(
      `SELECT ${HIT_COLUMNS}, 0 AS rank FROM ${from} WHERE ${w('walk')} ORDER BY ${DATE_ORDER} LIMIT ${limit} OFFSET ${offset}`, params));
  } else {
    // many matches, by relevance: ts_rank_cd over a bounded candidate set — the newest `window` matches and, when
    // title matches are few among them, the newest `window` title matches (title words weigh most)
    const titles = await titleCandidates(tx, from, w, params, plan.window);
    ({ rows } = await tx.query(
      `WITH c AS (
         (SELECT s.object_type, s.object_id FROM ${from} WHERE ${w('walk')} ORDER BY ${DATE_ORDER} LIMIT ${plan.window})
         UNION
         SELECT t.object_type, t.object_id FROM unnest($${params.length + 1}::text[], $${params.length + 2}::text[]) AS t(object_type, object_id))
       SELECT ${HIT_COLUMNS}, ts_rank_cd(s.tsv, ${TSQ}) AS rank
         FROM c JOIN ${from} ON s.tenant_id = $1 AND s.object_type = c.object_type AND s.object_id = c.object_id
        ORDER BY rank DESC, ${DATE_ORDER} LIMIT ${limit} OFFSET ${offset}`,
      [...params, titles.map((t) => t.object_type), titles.map((t) => t.object_id)]));
  }
  return {
    total: capped ? SEARCH_COUNT_CAP : counted,
    totalCapped: capped,
    sort,
    rankedAmong: plan.kind === 'window' ? plan.window : null,
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

/**
 * The newest `window` entries whose title matches, within the caller's scope, from the title GIN index (0750),
 * reading at most TITLE_SCAN_CAP of them.
 */
async function titleCandidates(tx: Queryable, from: string, w: (how: 'index' | 'walk', field: 'all' | 'title') => string, params: unknown[], window: number) {
  const { rows } = await tx.query<{ object_type: string; object_id: string; n: number }>(
    `WITH t AS MATERIALIZED (SELECT s.object_type, s.object_id, s.dated_on FROM ${from} WHERE ${w('index', 'title')} LIMIT ${TITLE_SCAN_CAP + 1})
     SELECT s.object_type, s.object_id, (SELECT count(*)::int FROM t) AS n FROM t s ORDER BY ${DATE_ORDER} LIMIT ${window}`, params);
  // more title matches than TITLE_SCAN_CAP: they are dense among the matches, and the newest-matches window holds them
  return rows.length && rows[0].n > TITLE_SCAN_CAP ? [] : rows;
}
