// Reading documents: registers with filters (paged), one document with its whole trail, and the 工作台.
import { heavyRead, runUseCase, type Actor, type AppDeps } from '../context.ts';
import { AppError } from '../../errors/index.ts';
import { canSee, type SigningPlan, type Viewer } from '../../domain/documents/index.ts';
import { holderOf } from '../../domain/org/index.ts';
import { powerIdOf } from './outgoing.ts';
import { orgPort } from './ports.ts';
import { orgIndex } from './org-index.ts';
import { documentDeadlineState, params, today, viewerOf } from './common.ts';

export { workbench, officeTodos, overdueList } from './workbench.ts';

const stateOf = (due: string | null, remindFrom: string | null, unknownYears: readonly (number | string)[] | null, day: string, done: boolean) =>
  documentDeadlineState({ due, remindFrom, unknownYears, done }, day);

/** Rows per page of a register when the caller names none, and the most one page may hold. */
export const REGISTER_PAGE = 200;
export const REGISTER_PAGE_MAX = 500;
/**
 * A register's total is counted up to this many documents (then `totalCapped`: the page says 约 10,000+ 份):
 * 500 pages of 20, more than anyone pages through; a filter narrows further. Counting a city's whole
 * register of a million documents on every page would cost more than the page itself.
 */
export const REGISTER_COUNT_CAP = 10_000;

/**
 * Who may see a document (`canSee` of the documents domain, 第八十二条 work secrets) as a SQL condition over
 * `d`, so that a register's pages and its total count only ever hold what the caller may open.
 */
export function visibleSql(v: Viewer, restricted: string[], p: (value: unknown, cast: string) => string): string {
  // canSee, written as a disjunction each of whose terms an index answers (documents_units,
  // documents_routed), so that a department's register reads its own documents instead of walking all:
  // restricted → routed ∨ portfolio ∨ mayor; otherwise → admin ∨ office ∨ mayor ∨ routed ∨ unit ∨ portfolio.
  if (v.mayor) return 'true';
  const unrestricted = () => `NOT (d.classification = ANY(${p(restricted, '::text[]')}))`;
  const terms: string[] = [];
  if (v.admin || v.office) terms.push(unrestricted());
  if (v.personId) terms.push(`d.routed_person_ids @> ARRAY[${p(v.personId, '::text')}]`);
  if (v.portfolioUnitIds.length) terms.push(`d.unit_ids && ${p(v.portfolioUnitIds, '::text[]')}`);
  if (v.unitIds.length && !(v.admin || v.office)) terms.push(`(d.unit_ids && ${p(v.unitIds, '::text[]')} AND ${unrestricted()})`);
  return terms.length ? `(${terms.join(' OR ')})` : 'false';
}

export interface RegisterFilter { flow?: 'incoming' | 'outgoing'; state?: string; docType?: string; q?: string; limit?: number; offset?: number }

/** 收文、发文登记簿: newest first, one page at a time with the total count, only what the caller may see. */
export async function listDocuments(deps: AppDeps, actor: Actor, f: RegisterFilter) {
  // a substring (标题、文号、来文单位) is looked for in every row the caller may see: an expensive read
  return f.q ? heavyRead(deps, () => readRegister(deps, actor, f)) : readRegister(deps, actor, f);
}

async function readRegister(deps: AppDeps, actor: Actor, f: RegisterFilter) {
  return runUseCase(deps, actor, async (ctx) => {
    const day = today(ctx);
    const org = await (await orgPort()).load(ctx.tx, actor.tenantId);
    const viewer = viewerOf(org, actor, day);
    const restricted = params(day).restrictedClassifications.value;
    const limit = Math.min(REGISTER_PAGE_MAX, Math.max(1, Math.trunc(f.limit ?? REGISTER_PAGE)));
    const offset = Math.max(0, Math.trunc(f.offset ?? 0));
    const args: unknown[] = [];
    const p = (value: unknown, cast = '') => { args.push(value); return `$${args.length}${cast}`; };
    const where = [`d.tenant_id = ${p(actor.tenantId)}`];
    if (f.flow) where.push(`d.flow = ${p(f.flow)}`);
    if (f.state) where.push(`d.state = ${p(f.state)}`);
    if (f.docType) where.push(`d.doc_type = ${p(f.docType)}`);
    if (f.q) {
      const q = p(f.q, '::text');
      where.push(`(d.title ILIKE '%' || ${q} || '%' OR d.doc_number ILIKE '%' || ${q} || '%' OR d.issuer_name ILIKE '%' || ${q} || '%')`);
    }
    where.push(visibleSql(viewer, restricted, p));
    const w = where.join(' AND ');
    const counted = (await ctx.tx.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM (SELECT 1 FROM documents d WHERE ${w} LIMIT ${REGISTER_COUNT_CAP + 1}) m`, args)).rows[0].n;
    const totalCapped = counted > REGISTER_COUNT_CAP;
    const total = totalCapped ? REGISTER_COUNT_CAP : counted;
    // Whoever sees every open document (the office, the mayor) reads the register newest first along its
    // index. A department or a leader sees a small share scattered over the years: its documents are
    // found through the visibility indexes first and then sorted (walking the whole register newest
    // first for them read 1.5 s at 1M documents); OFFSET 0 keeps the two steps apart.
    const everyone = viewer.admin || viewer.office || viewer.mayor;
    const from = everyone ? `documents d WHERE ${w}` : `(SELECT * FROM documents d WHERE ${w} OFFSET 0) d`;
    const { rows } = await ctx.tx.query(
      `SELECT d.id, d.flow, d.state, d.version, d.doc_type, d.title, d.issuer_name, d.doc_number, d.source_doc_number, d.registration_no, d.urgency,
              d.classification, d.disclosure, d.issued_date, d.updated_at, d.routed_person_ids, d.unit_ids, d.lead_unit_id,
              (SELECT json_build_object('due', a.due, 'remindFrom', a.remind_from, 'unknownYears', a.unknown_years, 'done', a.state = 'done')
                 FROM document_assignments a WHERE a.document_id = d.id AND a.role = 'lead' LIMIT 1) AS lead_deadline,
              d.exchange_sender_tenant,
              CASE WHEN d.flow = 'outgoing' AND d.state = 'distributed' THEN
                (SELECT json_agg(json_build_object('receiver', o.receiver_organ,
                   'status', CASE WHEN o.refused_at IS NOT NULL THEN '拒收' WHEN o.returned_at IS NOT NULL THEN '退文'
                                  WHEN o.receipt_at IS NOT NULL THEN '已签收' WHEN o.delivered_at IS NOT NULL THEN '已送达' ELSE '待送达' END) ORDER BY o.created_at)
                   FROM exchange_outbox o WHERE o.tenant_id = d.tenant_id AND o.document_id = d.id AND o.kind = 'document') END AS exchange
         FROM ${from}
        ORDER BY d.updated_at DESC, d.id LIMIT ${p(limit, '::int')} OFFSET ${p(offset, '::int')}`, args);
    return {
      total, totalCapped, offset, limit,
      documents: rows
        // the same rule once more, in the domain's own words
        .filter((d: any) => canSee({ classification: d.classification, routedPersonIds: d.routed_person_ids, unitIds: d.unit_ids }, viewer, restricted))
        .map(({ routed_person_ids, unit_ids, lead_deadline, ...d }: any) => ({
          ...d,
          deadline: lead_deadline?.due ? { ...lead_deadline, state: stateOf(lead_deadline.due, lead_deadline.remindFrom, lead_deadline.unknownYears ?? [], day, lead_deadline.done) } : null,
        })),
    };
  });
}

/** Timestamp columns of the trail read as JSON, turned back into instants as the driver returns them. */
const instants = (rows: any[], cols: string[]) => {
  for (const r of rows) for (const c of cols) if (r[c] != null) r[c] = new Date(r[c]);
  return rows;
};

/** One document with its whole trail, read in one statement. */
export async function getDocument(deps: AppDeps, actor: Actor, id: string) {
  return runUseCase(deps, actor, async (ctx) => {
    const day = today(ctx);
    const port = await orgPort();
    const org = await port.load(ctx.tx, actor.tenantId);
    const trailOf = (sql: string) => `(SELECT coalesce(json_agg(x), '[]'::json) FROM (${sql}) x)`;
    const { rows } = await ctx.tx.query(
      `SELECT d.*,
        ${trailOf(`SELECT at, actor_name, action, label, article, payload FROM document_events WHERE document_id = d.id ORDER BY id`)} AS t_events,
        ${trailOf(`SELECT ord, role, position_id, person_id, acting_reason, acting_interpretation, acting_article, mode, article, reason, instruction, done_at, done_by FROM document_leader_steps WHERE document_id = d.id ORDER BY ord`)} AS t_steps,
        ${trailOf(`SELECT id, unit_id, role, time_limit_kind, article, assigned_on, due, remind_from, unknown_years, override, state, progress_reported_at, reminded_at, escalated_at, done_at, result FROM document_assignments WHERE document_id = d.id ORDER BY role DESC, unit_id`)} AS t_assignments,
        ${trailOf(`SELECT id, subject, kind, requesting_unit_id, asked_unit_id, requested_on, due, rule_due, unknown_years, override, negotiated, state, reply, replied_by, replied_at, version FROM opinion_requests WHERE document_id = d.id ORDER BY created_at`)} AS t_opinions,
        ${trailOf(`SELECT id, opinion_request_id, coordinator_position_id, coordinator_person_id, assistant_position_id, state, outcome, conclusion, created_at, resolved_at FROM document_coordinations WHERE document_id = d.id ORDER BY created_at`)} AS t_coordinations,
        ${trailOf(`SELECT id, name, ext, size, sha256, kind, uploaded_at, uploaded_by FROM document_attachments WHERE document_id = d.id ORDER BY uploaded_at`)} AS t_attachments,
        ${trailOf(`SELECT version, title, at, actor_name, substantive FROM document_versions WHERE document_id = d.id ORDER BY version`)} AS t_versions
       FROM documents d WHERE d.tenant_id = $1 AND d.id = $2`, [actor.tenantId, id]);
    const row = rows[0] as any;
    const viewer = viewerOf(org, actor, day);
    if (!row || !canSee({ classification: row.classification, routedPersonIds: row.routed_person_ids, unitIds: row.unit_ids }, viewer, params(day).restrictedClassifications.value)) {
      throw new AppError('DOC.NOT_FOUND');
    }
    const { t_events, t_steps, t_assignments, t_opinions, t_coordinations, t_attachments, t_versions, routed_person_ids, unit_ids, ...doc } = row;
    const events = instants(t_events, ['at']);
    const steps = instants(t_steps, ['done_at']);
    const assignments = instants(t_assignments, ['progress_reported_at', 'reminded_at', 'escalated_at', 'done_at']);
    const opinions = instants(t_opinions, ['replied_at']);
    const coordinations = instants(t_coordinations, ['created_at', 'resolved_at']);
    const attachments = instants(t_attachments, ['uploaded_at']);
    const versions = instants(t_versions, ['at']);
    const ix = orgIndex(org);
    let signer: Record<string, unknown> | null = null;
    if (doc.flow === 'outgoing' && doc.signing && ['countersigning', 'reviewing', 'signing'].includes(doc.state)) {
      const plan = doc.signing as SigningPlan;
      const a = port.actingFor(org, plan.signerPositionId, day, plan.reservedMatter ? { kind: 'power', powerId: powerIdOf(plan.reservedMatter) } : { kind: 'handle' });
      signer = { outcome: a.outcome, personId: a.personId, personName: ix.personName(a.personId), acting: a.acting, reason: a.reason,
        interpretation: a.interpretation ?? null, article: a.article ?? null, flags: a.flags };
    }
    return {
      document: doc,
      signer,
      events,
      steps: steps.map((s: any) => ({ ...s, personName: ix.personName(s.person_id), title: ix.positionTitle(s.position_id) ?? undefined })),
      assignments: assignments.map((a: any) => ({ ...a, unitName: ix.unitName(a.unit_id), deadlineState: stateOf(a.due, a.remind_from, a.unknown_years, day, a.state === 'done') })),
      opinions: opinions.map((o: any) => ({ ...o, unitName: ix.unitName(o.asked_unit_id), requestingUnitName: ix.unitName(o.requesting_unit_id),
        deadlineState: o.state === 'open' ? stateOf(o.due, o.due, o.unknown_years, day, false) : null,
        // who may answer or negotiate: the asked department, or the office recording for it
        canAct: o.state === 'open' && (viewer.office || viewer.unitIds.includes(o.asked_unit_id)) })),
      coordinations: coordinations.map((c: any) => {
        const holder = (pos: string | null) => (pos ? holderOf(org, pos, day) ?? null : null);
        const title = (pos: string | null) => (pos ? ix.positionTitle(pos) ?? pos : null);
        const op: any = opinions.find((o: any) => o.id === c.opinion_request_id);
        const coordinator = holder(c.coordinator_position_id), assistant = holder(c.assistant_position_id);
        return { ...c, coordinatorTitle: title(c.coordinator_position_id), coordinatorName: ix.personName(coordinator), assistantTitle: title(c.assistant_position_id),
          assistantName: ix.personName(assistant), unitName: op ? ix.unitName(op.asked_unit_id) : null, reasons: op?.reply ?? null,
          canResolve: c.state === 'open' && (viewer.office || (!!actor.personId && [coordinator, assistant].includes(actor.personId))) };
      }),
      attachments, versions,
      // 公文交换: what became of each package this document went out in (已送达/已签收/退文), and where it came from
      exchange: {
        sent: doc.flow === 'outgoing' ? await (await import('../exchange/outbox.ts')).exchangeStatusOf(ctx.tx, actor.tenantId, id) : [],
        receivedFrom: doc.exchange_package_id ? { packageId: doc.exchange_package_id, tenantId: doc.exchange_sender_tenant } : null,
      },
    };
  });
}
