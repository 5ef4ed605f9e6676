// 工作台: my to-dos (leader steps, 签发, my units' assignments and opinion requests), what I sent, the office's
// to-dos and the overdue list. The office's and the overdue lists are paged (total count, offset, limit):
// nothing waiting is hidden behind a cap. Every list is read in one statement (one round trip to the
// database); only a signer's 签发 documents take a second one.
import { runUseCase, type Actor, type AppDeps } from '../context.ts';
import type { Queryable } from '../../store/db.ts';
import type { ActingResult, Org } from '../../domain/org/index.ts';
import type { Viewer } from '../../domain/documents/index.ts';
import { powerIdOf } from './outgoing.ts';
import { orgPort, type OrgPort } from './ports.ts';
import { documentDeadlineState, today, viewerOf } from './common.ts';

const stateOf = (due: string | null, remindFrom: string | null, unknownYears: readonly (number | string)[] | null, day: string, done: boolean) =>
  documentDeadlineState({ due, remindFrom, unknownYears, done }, day);

export interface PageRequest { offset?: number; limit?: number }
export interface Page<T> { total: number; offset: number; limit: number; rows: T[] }

/** Rows per page of the office's and the overdue lists when the caller names none, and the most one page may hold. */
export const WORKBENCH_PAGE = 20;
export const WORKBENCH_PAGE_MAX = 100;

const pageOf = (p: PageRequest = {}) => ({
  offset: Math.max(0, Math.trunc(p.offset ?? 0)),
  limit: Math.min(WORKBENCH_PAGE_MAX, Math.max(1, Math.trunc(p.limit ?? WORKBENCH_PAGE))),
});

/** The states in which a document waits on the government office, with the step it waits for. */
export const OFFICE_STEPS: Record<string, string> = {
  received: '登记', registered: '初审', reviewed: '拟办', reviewing: '核稿', signed: '复核', checked: '编号', numbered: '印发', issued: '分发',
};
// spelled out in the SQL (not a parameter) so that the partial index over exactly these states serves the list
const OFFICE_IN = Object.keys(OFFICE_STEPS).map((s) => `'${s}'`).join(', ');

// a document's signing post and reserved matter as the index documents_signing_signer (0492) keys them
const SIGNER_POS = `coalesce(d.signing->>'signerPositionId', '')`;
const SIGNER_MATTER = `coalesce(d.signing->>'reservedMatter', '')`;

/** A timestamp in JSON as the driver's Date would serialise it (ISO 8601, UTC, milliseconds). */
const isoAt = (col: string) => `to_char(${col} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
/** The rows of a query as one JSON array (empty when none). */
const rowsOf = (sql: string) => `(SELECT coalesce(json_agg(x), '[]'::json) FROM (${sql}) x)`;

/** Positional parameters of one statement built from fragments. */
class Params {
  readonly values: unknown[] = [];
  p(v: unknown, cast = ''): string {
    this.values.push(v);
    return `$${this.values.length}${cast}`;
  }
}

// ---- the fragments -------------------------------------------------------------------------------

/** A leader's 批办 steps whose turn it is (earlier steps done). */
const stepsSql = (q: Params, t: string, personId: string | null) =>
  `SELECT d.id, d.title, s.mode, s.article FROM document_leader_steps s JOIN documents d ON d.id = s.document_id
    WHERE d.tenant_id = ${q.p(t)} AND d.state = 'instructing' AND s.done_at IS NULL AND s.person_id = ${q.p(personId, '::text')}
      AND NOT EXISTS (SELECT 1 FROM document_leader_steps e WHERE e.document_id = s.document_id AND e.ord < s.ord AND e.done_at IS NULL)
    ORDER BY d.updated_at, d.id`;

/** The distinct (signing post, reserved matter) pairs in 签发 state, read by skipping through their index. */
const signerPairsSql = (q: Params, t: string) => {
  const tp = q.p(t);
  return `WITH RECURSIVE g AS (
      (SELECT ${SIGNER_POS} AS pos, ${SIGNER_MATTER} AS matter FROM documents d
        WHERE d.tenant_id = ${tp} AND d.state = 'signing' ORDER BY 1, 2 LIMIT 1)
      UNION ALL
      SELECT n.pos, n.matter FROM g CROSS JOIN LATERAL (
        SELECT ${SIGNER_POS} AS pos, ${SIGNER_MATTER} AS matter FROM documents d
         WHERE d.tenant_id = ${tp} AND d.state = 'signing' AND (${SIGNER_POS}, ${SIGNER_MATTER}) > (g.pos, g.matter)
         ORDER BY 1, 2 LIMIT 1) n)
    SELECT pos, matter FROM g`;
};

/** Open assignments of the caller's units (承办). */
const assignmentsSql = (q: Params, t: string, unitIds: string[]) =>
  `SELECT a.document_id, a.role, a.due, a.remind_from, a.unknown_years, a.article, d.title FROM document_assignments a JOIN documents d ON d.id = a.document_id
    WHERE a.tenant_id = ${q.p(t)} AND a.state = 'open' AND a.unit_id = ANY(${q.p(unitIds, '::text[]')}) ORDER BY a.due NULLS LAST, a.id`;

/** Open opinion requests and countersigns asked of the caller's units (第六十六条). */
const opinionsSql = (q: Params, t: string, unitIds: string[]) =>
  `SELECT o.id, o.kind, o.document_id, o.subject, o.due, o.unknown_years, d.title FROM opinion_requests o LEFT JOIN documents d ON d.id = o.document_id
    WHERE o.tenant_id = ${q.p(t)} AND o.state = 'open' AND o.asked_unit_id = ANY(${q.p(unitIds, '::text[]')}) ORDER BY o.due, o.id`;

/** What the caller sent, newest first. */
const sentSql = (q: Params, t: string, userId: string | null, personId: string | null) =>
  `SELECT id, title, flow, state, doc_number, ${isoAt('updated_at')} AS updated_at FROM documents
    WHERE tenant_id = ${q.p(t)} AND (created_by_user = ${q.p(userId, '::text')} OR created_by_person = ${q.p(personId, '::text')})
    ORDER BY updated_at DESC LIMIT 50`;

const officeWhere = (q: Params, t: string) => `tenant_id = ${q.p(t)} AND state IN (${OFFICE_IN})`;
const officeCountSql = (q: Params, t: string) => `SELECT count(*)::int FROM documents WHERE ${officeWhere(q, t)}`;
/** One page of the office's to-dos, oldest first: the page's ids from the index alone, then those rows. */
const officeRowsSql = (q: Params, t: string, p: { offset: number; limit: number }) =>
  `SELECT d.id, d.title, d.state, ${isoAt('d.updated_at')} AS updated_at
     FROM (SELECT id FROM documents WHERE ${officeWhere(q, t)} ORDER BY updated_at, id LIMIT ${q.p(p.limit, '::int')} OFFSET ${q.p(p.offset, '::int')}) p
     JOIN documents d ON d.id = p.id ORDER BY d.updated_at, d.id`;

/** Overdue assignments: the office and the mayor see all of them, others their units' and portfolio's. */
const overdueWhere = (q: Params, t: string, day: string, v: Viewer) =>
  `a.tenant_id = ${q.p(t)} AND a.state = 'open' AND a.due < ${q.p(day, '::date')}` +
  (v.office || v.mayor ? '' : ` AND a.unit_id = ANY(${q.p([...new Set([...v.unitIds, ...v.portfolioUnitIds])], '::text[]')})`);
const overdueCountSql = (q: Params, t: string, day: string, v: Viewer) => `SELECT count(*)::int FROM document_assignments a WHERE ${overdueWhere(q, t, day, v)}`;
/** One page of the overdue list, earliest due first. */
const overdueRowsSql = (q: Params, t: string, day: string, v: Viewer, p: { offset: number; limit: number }) =>
  `SELECT a.id, a.document_id, a.unit_id, a.due, a.article, d.title
     FROM (SELECT a.id, a.document_id, a.unit_id, a.due, a.article FROM document_assignments a WHERE ${overdueWhere(q, t, day, v)}
            ORDER BY a.due, a.id LIMIT ${q.p(p.limit, '::int')} OFFSET ${q.p(p.offset, '::int')}) a
     JOIN documents d ON d.id = a.document_id ORDER BY a.due, a.id`;

// ---- shaping ---------------------------------------------------------------------------------------

const officeRow = (d: any) => ({ kind: OFFICE_STEPS[d.state], documentId: d.id, title: d.title, state: d.state, updatedAt: d.updated_at });
const overdueRow = (org: Org) => (o: any) => ({ ...o, unitName: org.units.find((u) => u.id === o.unit_id)?.shortName ?? o.unit_id });

/**
 * 签发 to-dos (第七十条–第七十二条 with 第十一条 AB岗 and 第十三条 entrustment): who signs a document today depends
 * only on its signing post and on whether it is a reserved matter of the mayor (the resolver's purpose). The
 * resolver runs once per distinct pair in 签发 state, and only the documents whose pair resolves to the
 * caller are read.
 */
async function signingTodos(tx: Queryable, port: OrgPort, org: Org, day: string, tenantId: string, personId: string | null, pairs: { pos: string; matter: string }[]) {
  if (!personId) return [];
  const mine: { pos: string; matter: string; acting: ActingResult }[] = [];
  for (const g of pairs) {
    if (!g.pos) continue; // no signing plan: nobody signs yet
    const a = port.actingFor(org, g.pos, day, g.matter ? { kind: 'power', powerId: powerIdOf(g.matter) } : { kind: 'handle' });
    if (a.personId === personId) mine.push({ ...g, acting: a });
  }
  if (!mine.length) return [];
  const { rows } = await tx.query<{ id: string; title: string; article: number | null; pos: string; matter: string }>(
    `SELECT d.id, d.title, d.signing->'article' AS article, ${SIGNER_POS} AS pos, ${SIGNER_MATTER} AS matter FROM documents d
      WHERE d.tenant_id = $1 AND d.state = 'signing' AND (${SIGNER_POS}, ${SIGNER_MATTER}) IN (SELECT * FROM unnest($2::text[], $3::text[]))
      ORDER BY d.updated_at, d.id`,
    [tenantId, mine.map((m) => m.pos), mine.map((m) => m.matter)]);
  return rows.map((r) => {
    const a = mine.find((m) => m.pos === r.pos && m.matter === r.matter)!.acting;
    return { kind: '签发', documentId: r.id, title: r.title, article: r.article, acting: a.acting ? a.reason : null, waits: a.outcome === 'waits' };
  });
}

/** 工作台: my to-dos, what I sent, the first page of the office's to-dos (office staff) and of the overdue list. */
export async function workbench(deps: AppDeps, actor: Actor, pages: { office?: PageRequest; overdue?: PageRequest } = {}) {
  return runUseCase(deps, actor, async (ctx) => {
    const day = today(ctx);
    const port = await orgPort();
    const org = await port.load(ctx.tx, actor.tenantId);
    const v = viewerOf(org, actor, day);
    const t = actor.tenantId;
    const officeP = pageOf(pages.office), overdueP = pageOf(pages.overdue);
    const q = new Params();
    const none = `'[]'::json`;
    const sql = `SELECT
        ${rowsOf(stepsSql(q, t, actor.personId))} AS steps,
        ${actor.personId ? rowsOf(signerPairsSql(q, t)) : none} AS pairs,
        ${v.unitIds.length ? rowsOf(assignmentsSql(q, t, v.unitIds)) : none} AS assignments,
        ${v.unitIds.length ? rowsOf(opinionsSql(q, t, v.unitIds)) : none} AS opinions,
        ${rowsOf(sentSql(q, t, actor.userId, actor.personId))} AS sent,
        ${v.office ? `(${officeCountSql(q, t)})` : 'NULL::int'} AS office_total,
        ${v.office ? rowsOf(officeRowsSql(q, t, officeP)) : none} AS office_rows,
        (${overdueCountSql(q, t, day, v)}) AS overdue_total,
        ${rowsOf(overdueRowsSql(q, t, day, v, overdueP))} AS overdue_rows`;
    const r = (await ctx.tx.query(sql, q.values)).rows[0] as any;
    const todos: any[] = [];
    for (const s of r.steps) todos.push({ kind: s.mode === 'instruct' ? '阅批' : '阅处', documentId: s.id, title: s.title, article: s.article });
    todos.push(...await signingTodos(ctx.tx, port, org, day, t, actor.personId, r.pairs));
    for (const a of r.assignments) todos.push({ kind: a.role === 'lead' ? '承办（牵头）' : '承办（协办）', documentId: a.document_id, title: a.title, due: a.due, article: a.article,
      deadlineState: stateOf(a.due, a.remind_from, a.unknown_years, day, false) });
    for (const o of r.opinions) todos.push({ kind: o.kind === 'countersign' ? '会签' : '征求意见', documentId: o.document_id, opinionId: o.id, title: o.title ?? o.subject, due: o.due, article: 66,
      deadlineState: stateOf(o.due, o.due, o.unknown_years ?? [], day, false) });
    return {
      today: day,
      todos,
      office: v.office ? { total: r.office_total, ...officeP, rows: r.office_rows.map(officeRow) } as Page<ReturnType<typeof officeRow>> : null,
      sent: r.sent,
      overdue: { total: r.overdue_total, ...overdueP, rows: r.overdue_rows.map(overdueRow(org)) },
    };
  });
}

/** One page of the office's to-dos (office staff; others have none). */
export async function officeTodos(deps: AppDeps, actor: Actor, p: PageRequest) {
  return runUseCase(deps, actor, async (ctx) => {
    const org = await (await orgPort()).load(ctx.tx, actor.tenantId);
    const page = pageOf(p);
    if (!viewerOf(org, actor, today(ctx)).office) return { total: 0, ...page, rows: [] };
    const q = new Params();
    const r = (await ctx.tx.query(`SELECT (${officeCountSql(q, actor.tenantId)}) AS total, ${rowsOf(officeRowsSql(q, actor.tenantId, page))} AS rows`, q.values)).rows[0] as any;
    return { total: r.total, ...page, rows: r.rows.map(officeRow) };
  });
}

/** One page of the overdue list the caller may see. */
export async function overdueList(deps: AppDeps, actor: Actor, p: PageRequest) {
  return runUseCase(deps, actor, async (ctx) => {
    const day = today(ctx);
    const org = await (await orgPort()).load(ctx.tx, actor.tenantId);
    const v = viewerOf(org, actor, day);
    const page = pageOf(p);
    const q = new Params();
    const r = (await ctx.tx.query(`SELECT (${overdueCountSql(q, actor.tenantId, day, v)}) AS total, ${rowsOf(overdueRowsSql(q, actor.tenantId, day, v, page))} AS rows`, q.values)).rows[0] as any;
    return { total: r.total, ...page, rows: r.rows.map(overdueRow(org)) };
  });
}
