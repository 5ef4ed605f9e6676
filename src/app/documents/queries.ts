// Reading documents: registers with filters, one document with its whole trail, and the 工作台.
import { runUseCase, type Actor, type AppDeps } from '../context.ts';
import { deadlineState } from '../../domain/calendar/deadline.ts';
import { canSee, type SigningPlan } from '../../domain/documents/index.ts';
import { holderOf } from '../../domain/org/index.ts';
import { powerIdOf } from './outgoing.ts';
import { orgPort } from './ports.ts';
import { loadDoc, params, today, viewerOf } from './common.ts';

const stateOf = (due: string | null, remindFrom: string | null, unknownYears: number[], day: string, done: boolean) =>
  !due || done ? null : deadlineState({ due: due as any, remindFrom: (remindFrom ?? due) as any, unknownYears }, day);

export async function listDocuments(deps: AppDeps, actor: Actor, f: { flow?: 'incoming' | 'outgoing'; state?: string; q?: string; limit?: number }) {
  return runUseCase(deps, actor, async (ctx) => {
    const day = today(ctx);
    const org = await (await orgPort()).load(ctx.tx, actor.tenantId);
    const viewer = viewerOf(org, actor, day);
    const restricted = params(day).restrictedClassifications.value;
    const { rows } = await ctx.tx.query(
      `SELECT d.id, d.flow, d.state, d.version, d.doc_type, d.title, d.issuer_name, d.doc_number, d.source_doc_number, d.registration_no, d.urgency,
              d.classification, d.disclosure, d.issued_date, d.updated_at, d.routed_person_ids, d.unit_ids, d.lead_unit_id,
              (SELECT json_build_object('due', a.due, 'remindFrom', a.remind_from, 'unknownYears', a.unknown_years, 'done', a.state = 'done')
                 FROM document_assignments a WHERE a.document_id = d.id AND a.role = 'lead' LIMIT 1) AS lead_deadline
         FROM documents d
        WHERE d.tenant_id = $1 AND ($2::text IS NULL OR d.flow = $2) AND ($3::text IS NULL OR d.state = $3)
          AND ($4::text IS NULL OR d.title ILIKE '%' || $4 || '%' OR d.doc_number ILIKE '%' || $4 || '%' OR d.issuer_name ILIKE '%' || $4 || '%')
        ORDER BY d.updated_at DESC LIMIT $5`,
      [actor.tenantId, f.flow ?? null, f.state ?? null, f.q ?? null, Math.min(f.limit ?? 200, 500)]);
    return {
      documents: rows
        .filter((d: any) => canSee({ classification: d.classification, routedPersonIds: d.routed_person_ids, unitIds: d.unit_ids }, viewer, restricted))
        .map(({ routed_person_ids, unit_ids, lead_deadline, ...d }: any) => ({
          ...d,
          deadline: lead_deadline?.due ? { ...lead_deadline, state: stateOf(lead_deadline.due, lead_deadline.remindFrom, lead_deadline.unknownYears ?? [], day, lead_deadline.done) } : null,
        })),
    };
  });
}

export async function getDocument(deps: AppDeps, actor: Actor, id: string) {
  return runUseCase(deps, actor, async (ctx) => {
    const day = today(ctx);
    const port = await orgPort();
    const org = await port.load(ctx.tx, actor.tenantId);
    const d = await loadDoc(ctx.tx, actor, id, { org, day });
    const q = async (sql: string) => (await ctx.tx.query(sql, [id])).rows;
    const [events, steps, assignments, opinions, coordinations, attachments, versions] = await Promise.all([
      q(`SELECT at, actor_name, action, label, article, payload FROM document_events WHERE document_id = $1 ORDER BY id`),
      q(`SELECT ord, role, position_id, person_id, acting_reason, acting_interpretation, acting_article, mode, article, reason, instruction, done_at, done_by FROM document_leader_steps WHERE document_id = $1 ORDER BY ord`),
      q(`SELECT id, unit_id, role, time_limit_kind, article, assigned_on, due, remind_from, unknown_years, override, state, progress_reported_at, reminded_at, escalated_at, done_at, result FROM document_assignments WHERE document_id = $1 ORDER BY role DESC, unit_id`),
      q(`SELECT id, subject, kind, requesting_unit_id, asked_unit_id, requested_on, due, rule_due, override, negotiated, state, reply, replied_by, replied_at, version FROM opinion_requests WHERE document_id = $1 ORDER BY created_at`),
      q(`SELECT id, opinion_request_id, coordinator_position_id, coordinator_person_id, assistant_position_id, state, outcome, conclusion, created_at, resolved_at FROM document_coordinations WHERE document_id = $1 ORDER BY created_at`),
      q(`SELECT id, name, ext, size, sha256, kind, uploaded_at, uploaded_by FROM document_attachments WHERE document_id = $1 ORDER BY uploaded_at`),
      q(`SELECT version, title, at, actor_name, substantive FROM document_versions WHERE document_id = $1 ORDER BY version`),
    ]);
    const unitName = (u: string) => org.units.find((x) => x.id === u)?.shortName ?? u;
    const personName = (p: string | null) => (p ? org.people.find((x) => x.id === p)?.name ?? p : null);
    const viewer = viewerOf(org, actor, day);
    const { routed_person_ids, unit_ids, ...doc } = d;
    let signer: Record<string, unknown> | null = null;
    if (d.flow === 'outgoing' && d.signing && ['countersigning', 'reviewing', 'signing'].includes(d.state)) {
      const plan = d.signing as SigningPlan;
      const a = port.actingFor(org, plan.signerPositionId, day, plan.reservedMatter ? { kind: 'power', powerId: powerIdOf(plan.reservedMatter) } : { kind: 'handle' });
      signer = { outcome: a.outcome, personId: a.personId, personName: personName(a.personId), acting: a.acting, reason: a.reason,
        interpretation: a.interpretation ?? null, article: a.article ?? null, flags: a.flags };
    }
    return {
      document: doc,
      signer,
      events,
      steps: steps.map((s: any) => ({ ...s, personName: personName(s.person_id), title: org.positions.find((x) => x.id === s.position_id)?.title })),
      assignments: assignments.map((a: any) => ({ ...a, unitName: unitName(a.unit_id), deadlineState: stateOf(a.due, a.remind_from, a.unknown_years, day, a.state === 'done') })),
      opinions: opinions.map((o: any) => ({ ...o, unitName: unitName(o.asked_unit_id), requestingUnitName: unitName(o.requesting_unit_id),
        deadlineState: o.state === 'open' ? stateOf(o.due, o.due, [], day, false) : null,
        // who may answer or negotiate: the asked department, or the office recording for it
        canAct: o.state === 'open' && (viewer.office || viewer.unitIds.includes(o.asked_unit_id)) })),
      coordinations: coordinations.map((c: any) => {
        const holder = (pos: string | null) => (pos ? holderOf(org, pos, day) ?? null : null);
        const title = (pos: string | null) => (pos ? org.positions.find((x) => x.id === pos)?.title ?? pos : null);
        const op: any = opinions.find((o: any) => o.id === c.opinion_request_id);
        const coordinator = holder(c.coordinator_position_id), assistant = holder(c.assistant_position_id);
        return { ...c, coordinatorTitle: title(c.coordinator_position_id), coordinatorName: personName(coordinator), assistantTitle: title(c.assistant_position_id),
          assistantName: personName(assistant), unitName: op ? unitName(op.asked_unit_id) : null, reasons: op?.reply ?? null,
          canResolve: c.state === 'open' && (viewer.office || (!!actor.personId && [coordinator, assistant].includes(actor.personId))) };
      }),
      attachments, versions,
    };
  });
}

/** The office's to-dos and the overdue list show the oldest first, at most this many (the registers page the rest). */
const WORKBENCH_LIMIT = 500;

/** 工作台: my to-dos (leader steps, signing, my unit's assignments and opinion requests), what I sent, overdue. */
export async function workbench(deps: AppDeps, actor: Actor) {
  return runUseCase(deps, actor, async (ctx) => {
    const day = today(ctx);
    const port = await orgPort();
    const org = await port.load(ctx.tx, actor.tenantId);
    const v = viewerOf(org, actor, day);
    const t = actor.tenantId;
    const todos: any[] = [];
    const steps = await ctx.tx.query(
      `SELECT d.id, d.title, d.doc_type, s.mode, s.article FROM document_leader_steps s JOIN documents d ON d.id = s.document_id
        WHERE d.tenant_id = $1 AND d.state = 'instructing' AND s.done_at IS NULL AND s.person_id = $2
          AND NOT EXISTS (SELECT 1 FROM document_leader_steps e WHERE e.document_id = s.document_id AND e.ord < s.ord AND e.done_at IS NULL)`, [t, actor.personId]);
    for (const s of steps.rows as any[]) todos.push({ kind: s.mode === 'instruct' ? '阅批' : '阅处', documentId: s.id, title: s.title, article: s.article });
    // 签发: the signer who acts today (the holder, the AB岗 partner, or the mayor a reserved power waits for)
    const sign = await ctx.tx.query(`SELECT id, title, signing FROM documents WHERE tenant_id = $1 AND state = 'signing'`, [t]);
    for (const s of sign.rows as any[]) {
      const plan = s.signing as SigningPlan | null;
      if (!plan || !actor.personId) continue;
      const a = port.actingFor(org, plan.signerPositionId, day, plan.reservedMatter ? { kind: 'power', powerId: powerIdOf(plan.reservedMatter) } : { kind: 'handle' });
      if (a.personId === actor.personId) {
        todos.push({ kind: '签发', documentId: s.id, title: s.title, article: plan.article, acting: a.acting ? a.reason : null, waits: a.outcome === 'waits' });
      }
    }
    const asg = await ctx.tx.query(
      `SELECT a.*, d.title FROM document_assignments a JOIN documents d ON d.id = a.document_id WHERE a.tenant_id = $1 AND a.state = 'open' AND a.unit_id = ANY($2::text[])`, [t, v.unitIds]);
    for (const a of asg.rows as any[]) todos.push({ kind: a.role === 'lead' ? '承办（牵头）' : '承办（协办）', documentId: a.document_id, title: a.title, due: a.due, article: a.article,
      deadlineState: stateOf(a.due, a.remind_from, a.unknown_years, day, false) });
    const ops = await ctx.tx.query(
      `SELECT o.*, d.title FROM opinion_requests o LEFT JOIN documents d ON d.id = o.document_id WHERE o.tenant_id = $1 AND o.state = 'open' AND o.asked_unit_id = ANY($2::text[])`, [t, v.unitIds]);
    for (const o of ops.rows as any[]) todos.push({ kind: o.kind === 'countersign' ? '会签' : '征求意见', documentId: o.document_id, opinionId: o.id, title: o.title ?? o.subject, due: o.due, article: 66,
      deadlineState: stateOf(o.due, o.due, o.unknown_years ?? [], day, false) });
    if (v.office) {
      const office = await ctx.tx.query(`SELECT id, title, state FROM documents WHERE tenant_id = $1 AND state IN ('received','registered','reviewed','reviewing','signed','checked','numbered','issued') ORDER BY updated_at LIMIT ${WORKBENCH_LIMIT}`, [t]);
      const labels: Record<string, string> = { received: '登记', registered: '初审', reviewed: '拟办', reviewing: '核稿', signed: '复核', checked: '编号', numbered: '印发', issued: '分发' };
      for (const d of office.rows as any[]) todos.push({ kind: labels[d.state], documentId: d.id, title: d.title });
    }
    const sent = await ctx.tx.query(`SELECT id, title, flow, state, doc_number, updated_at FROM documents WHERE tenant_id = $1 AND (created_by_user = $2 OR created_by_person = $3) ORDER BY updated_at DESC LIMIT 50`, [t, actor.userId, actor.personId]);
    // the office and the mayor see every overdue assignment, others those of their units and portfolio (filtered in SQL)
    const overdue = await ctx.tx.query(
      `SELECT a.document_id, a.unit_id, a.due, a.article, d.title FROM document_assignments a JOIN documents d ON d.id = a.document_id
        WHERE a.tenant_id = $1 AND a.state = 'open' AND a.due < $2 AND ($3::boolean OR a.unit_id = ANY($4::text[])) ORDER BY a.due LIMIT ${WORKBENCH_LIMIT}`,
      [t, day, v.office || v.mayor, [...v.unitIds, ...v.portfolioUnitIds]]);
    const visibleOverdue = overdue.rows;
    return { today: day, todos, sent: sent.rows, overdue: visibleOverdue.map((o: any) => ({ ...o, unitName: org.units.find((u) => u.id === o.unit_id)?.shortName ?? o.unit_id })) };
  });
}
