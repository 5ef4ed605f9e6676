// Disclosure requests (依申请公开): public submission with a receipt number and a query code, staff
// handling through the statutory steps, every limit counted on the official calendar (domain/openness/request.ts)
// from the pack in force on the day the request was received.
import { createHash, randomInt, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { AppError, refusal } from '../../errors/index.ts';
import {
  ANSWER_TYPE_LABELS, REQUEST_STATUS_LABELS, checkClarification, checkConsultationEnd, checkConsultationStart, checkExtension,
  checkSubmission, checkSupplement, decideAnswer, requestSchedule, type RequestState,
} from '../../domain/openness/request.ts';
import { pgErrorCode, type Queryable } from '../../store/db.ts';
import { runQuery, runUseCase, type Actor, type AppDeps, type UseCaseContext } from '../context.ts';
import { indexEntry } from '../search/search.ts';
import { keyRing, type KeyRing } from '../../crypto/keys.ts';
import { openPersonal, personalIndex, sealPersonal } from '../privacy/personal-data.ts';
import { opennessRules, shanghaiDate } from './rules.ts';
import { cancelTimer, registerTimerKind, scheduleTimer } from '../../jobs/timers.ts';
import { startOfDay } from '../calendar/deadlines.ts';
import { requireOrg } from '../org/usecases.ts';
import { notify } from '../notifications/notify.ts';

/** On the morning of the reply day (条例第三十三条) the office is told of a request still unanswered. */
export const REPLY_DUE_KIND = 'openness.request.due';

/**
 * Keeps the reply-day timer of a request on its current reply day: every step that moves the day
 * (补正, 征求第三方意见, 延长) calls it; an answered request's timer is cancelled. One timer per reply day
 * (key request:day), so a day moved after its timer fired gets a timer of its own.
 */
async function trackReplyDue(ctx: UseCaseContext, id: string): Promise<void> {
  const row = await loadRequest(ctx.tx, ctx.actor.tenantId, id);
  const rules = opennessRules(row.pack_date);
  const due = row.status === 'answered' ? null : requestSchedule(stateOf(row), rules.request, rules.calendar, shanghaiDate(ctx.now)).due;
  const key = due ? `${id}:${due}` : null;
  const { rows } = await ctx.tx.query<{ key: string }>(
    `SELECT key FROM timers WHERE tenant_id = $1 AND kind = $2 AND key LIKE $3 AND fired_at IS NULL AND cancelled_at IS NULL`,
    [ctx.actor.tenantId, REPLY_DUE_KIND, `${id}:%`]);
  for (const r of rows) if (r.key !== key) await cancelTimer(ctx.tx, ctx.actor.tenantId, REPLY_DUE_KIND, r.key, ctx.now);
  if (key) await scheduleTimer(ctx.tx, { tenantId: ctx.actor.tenantId, kind: REPLY_DUE_KIND, key, dueAt: startOfDay(due!), payload: { requestId: id, due, article: rules.request.reply.article } }, ctx.now);
}

registerTimerKind(REPLY_DUE_KIND, async (ctx, t) => {
  const id = String(t.payload.requestId);
  const row = (await ctx.tx.query(`SELECT * FROM disclosure_requests WHERE tenant_id = $1 AND id = $2`, [ctx.actor.tenantId, id])).rows[0];
  if (!row || row.status === 'answered') return;
  const rules = opennessRules(row.pack_date);
  const due = requestSchedule(stateOf(row), rules.request, rules.calendar, shanghaiDate(ctx.now)).due;
  if (due !== t.payload.due) return; // the day moved: the timer of the new day speaks
  const org = await requireOrg(ctx.tx, ctx.actor.tenantId).catch(() => null);
  const office = org?.units.find((u) => u.kind === 'government_office');
  if (!org || !office) return;
  await notify(ctx, {
    kind: 'disclosure_due', article: rules.request.reply.article, key: `disclosure_due:${id}:${due}`, objectType: 'disclosure_request', objectId: id,
    title: `依申请公开答复期限今日届满：${row.receipt_no}`, link: '/openness', to: [{ unitId: office.id, as: 'clerk' }], org,
  });
});

/** Longest description accepted: a request describes information, it does not carry documents. */
export const MAX_DESCRIPTION_CHARS = 2000;

export const submitRequestInput = z.strictObject({
  requesterKind: z.enum(['公民', '法人或者其他组织']),
  name: z.string().max(100),
  identity: z.string().max(64),
  contact: z.strictObject({ phone: z.string().max(32).optional(), email: z.string().max(120).optional(), address: z.string().max(200).optional() }),
  description: z.string().max(MAX_DESCRIPTION_CHARS, `所需信息描述不超过${MAX_DESCRIPTION_CHARS}字；一份申请请只描述所需的信息`),
  purpose: z.string().max(500).optional(),
  form: z.enum(['纸质', '电子']).default('电子'),
  delivery: z.enum(['邮寄', '电子邮件', '当面领取', '网上查询']).default('网上查询'),
});
export type SubmitRequestInput = z.infer<typeof submitRequestInput>;

const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

function newQueryCode(): string {
  let s = '';
  for (let i = 0; i < 12; i++) s += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return `${s.slice(0, 4)}-${s.slice(4, 8)}-${s.slice(8)}`;
}

const codeHash = (tenantId: string, receiptNo: string, code: string) =>
  createHash('sm3').update(`${tenantId}\u0000${receiptNo}\u0000${code.trim().toUpperCase()}`).digest('hex');

function stateOf(r: Record<string, any>): RequestState {
  return {
    status: r.status,
    receivedOn: r.received_on,
    clarification: r.clarification ? { noticeOn: r.clarification.noticeOn, supplementOn: r.clarification.supplementOn ?? null } : null,
    consultations: r.consultations ?? [],
    extension: r.extension ? { approvedOn: r.extension.approvedOn, approvedBy: r.extension.approvedBy } : null,
    answeredOn: r.answered_on,
  };
}

async function addEvent(ctx: UseCaseContext, requestId: string, kind: string, note: string) {
  const today = shanghaiDate(ctx.now);
  await ctx.tx.query(
    `INSERT INTO disclosure_request_events (tenant_id, request_id, seq, at, on_date, kind, note)
     VALUES ($1, $2, (SELECT COALESCE(max(seq), 0) + 1 FROM disclosure_request_events WHERE tenant_id = $1 AND request_id = $2), $3, $4, $5, $6)`,
    [ctx.actor.tenantId, requestId, ctx.now, today, kind, note]);
}

/** The public submits: checked against 条例 第二十九条, answered with a receipt and a query code shown once. */
export async function submitRequest(deps: AppDeps, actor: Actor, input: SubmitRequestInput) {
  for (let attempt = 0; ; attempt++) {
    try {
      return await runUseCase(deps, actor, async (ctx) => {
        const today = shanghaiDate(ctx.now);
        const r = opennessRules(today);
        const v = checkSubmission(input, r.request);
        if (v.length) throw refusal('OPENNESS.REQUEST_FIELD_MISSING', v);
        const year = today.slice(0, 4);
        const n = (await ctx.tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM disclosure_requests WHERE tenant_id = $1 AND receipt_no LIKE $2`, [actor.tenantId, `武政依申〔${year}〕%`])).rows[0].n + 1;
        const receiptNo = `武政依申〔${year}〕${n}号`;
        const code = newQueryCode();
        const id = `req-${year}-${String(n).padStart(4, '0')}`;
        const ring = keyRing();
        const seal = (column: string, v: string) => sealPersonal(ring, 'disclosure_requests', column, v);
        await ctx.tx.query(
          `INSERT INTO disclosure_requests (tenant_id, id, receipt_no, code_hash, requester_name, requester_kind, identity, contact, description,
             purpose, form, delivery, status, received_at, received_on, pack_date, requester_name_index)
           VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,'received',$13,$14,$14,$15)`,
          [actor.tenantId, id, receiptNo, codeHash(actor.tenantId, receiptNo, code), seal('requester_name', input.name.trim()), input.requesterKind,
            seal('identity', input.identity.trim()), seal('contact', JSON.stringify(input.contact)), input.description.trim(), input.purpose ?? null,
            input.form, input.delivery, ctx.now, today, personalIndex(ring, 'disclosure_requests', 'requester_name', input.name.trim())]);
        await addEvent(ctx, id, 'received', '申请已收到，开始办理');
        await indexEntry(ctx.tx, { tenantId: actor.tenantId, objectType: 'disclosure_request', objectId: id, scope: 'staff', unitId: 'unit-office', kind: 'disclosure_request', title: `${receiptNo} ${input.description.slice(0, 60)}`, docNumber: receiptNo, body: input.description, datedOn: today, status: 'received' });
        await ctx.audit({ action: 'openness.request_received', objectType: 'disclosure_request', objectId: id, article: r.request.reply.article, payload: { receiptNo } });
        await trackReplyDue(ctx, id);
        const schedule = requestSchedule(stateOf({ status: 'received', received_on: today, consultations: [] }), r.request, r.calendar, today);
        return { id, receiptNo, queryCode: code, receivedOn: today, clarifyBy: schedule.clarifyBy.due, due: schedule.due };
      });
    } catch (e) {
      if (pgErrorCode(e) === '23505' && attempt < 3) continue;
      throw e;
    }
  }
}

async function loadRequest(tx: Queryable, tenantId: string, id: string, lock = false) {
  const r = (await tx.query(`SELECT * FROM disclosure_requests WHERE tenant_id = $1 AND id = $2${lock ? ' FOR UPDATE' : ''}`, [tenantId, id])).rows[0];
  if (!r) throw new AppError('OPENNESS.REQUEST_NOT_FOUND');
  return r;
}

/** The applicant as staff see it, opened from its sealed fields. */
function requesterOf(r: Record<string, any>, ring: KeyRing) {
  const open = (column: string) => openPersonal(ring, 'disclosure_requests', column, r[column]) ?? '';
  const contact = open('contact');
  return { name: open('requester_name'), kind: r.requester_kind, identity: open('identity'), contact: contact ? JSON.parse(contact) : {}, purpose: r.purpose };
}

/** A request as its requester (staff = null) or as staff (with the key ring that opens the applicant's data) see it. */
function view(r: Record<string, any>, events: Record<string, any>[], today: string, staff: KeyRing | null) {
  const rules = opennessRules(r.pack_date);
  const s = stateOf(r);
  const sched = requestSchedule(s, rules.request, rules.calendar, today);
  const L = rules.request;
  return {
    id: r.id,
    receiptNo: r.receipt_no,
    status: r.status,
    statusLabel: REQUEST_STATUS_LABELS[r.status as keyof typeof REQUEST_STATUS_LABELS],
    receivedOn: r.received_on,
    description: r.description,
    form: r.form,
    delivery: r.delivery,
    limits: {
      clarifyBy: { date: sched.clarifyBy.due, label: `补正告知 ${L.clarification.duration.value}个工作日（《政府信息公开条例》第三十条）` },
      due: sched.due,
      dueLabel: `答复期限 ${L.reply.duration.value}个工作日（《政府信息公开条例》第三十三条）${sched.extensionWorkingDays ? `，经批准延长${sched.extensionWorkingDays}个工作日` : ''}${sched.pausedWorkingDays ? `，征求第三方意见${sched.pausedWorkingDays}个工作日不计入` : ''}`,
      replyFrom: sched.replyFrom,
      running: sched.running,
      consultationDue: sched.consultationDue,
      overdue: r.status !== 'answered' && sched.due !== null && today > sched.due,
      unknownYears: sched.unknownYears,
    },
    clarification: r.clarification,
    extension: r.extension ? { approvedOn: r.extension.approvedOn, reason: r.extension.reason, ...(staff ? { approvedBy: r.extension.approvedBy } : {}) } : null,
    consultations: staff ? r.consultations : (r.consultations as any[]).map((c) => ({ from: c.from, to: c.to })),
    answer: r.answer ? {
      type: r.answer.type, typeLabel: ANSWER_TYPE_LABELS[r.answer.type] ?? r.answer.type, content: r.answer.content, reason: r.answer.reason ?? null,
      released: r.answer.released ?? null, partial: r.answer.partial, redactionReasons: (r.answer.redactions ?? []).map((x: any) => x.reason),
      answeredOn: r.answered_on, late: r.late,
    } : null,
    events: events.map((e) => ({ on: e.on_date, kind: e.kind, note: e.note })),
    ...(staff ? { requester: requesterOf(r, staff), version: r.version } : {}),
  };
}

async function eventsOf(tx: Queryable, tenantId: string, id: string) {
  return (await tx.query('SELECT * FROM disclosure_request_events WHERE tenant_id = $1 AND request_id = $2 ORDER BY seq', [tenantId, id])).rows;
}

/** Only the holder of the query code sees the request; a wrong code and an unknown receipt look the same. */
export async function queryRequest(deps: AppDeps, tenantId: string, receiptNo: string, code: string) {
  const today = shanghaiDate(deps.clock.now());
  return runQuery(deps, async (tx) => {
    const r = (await tx.query('SELECT * FROM disclosure_requests WHERE tenant_id = $1 AND receipt_no = $2', [tenantId, receiptNo.trim()])).rows[0];
    const given = Buffer.from(codeHash(tenantId, receiptNo.trim(), code), 'hex');
    const stored = Buffer.from(r?.code_hash ?? '0'.repeat(64), 'hex');
    if (!r || given.length !== stored.length || !timingSafeEqual(given, stored)) throw new AppError('OPENNESS.REQUEST_NOT_FOUND');
    return view(r, await eventsOf(tx, tenantId, r.id), today, null);
  });
}

export async function getRequest(deps: AppDeps, tenantId: string, id: string) {
  const today = shanghaiDate(deps.clock.now());
  return runQuery(deps, async (tx) => view(await loadRequest(tx, tenantId, id), await eventsOf(tx, tenantId, id), today, keyRing()));
}

/** The register of requests; `requester` finds an applicant by exact name (through its blind index). */
export async function listRequests(deps: AppDeps, tenantId: string, status?: string, requester?: string) {
  const today = shanghaiDate(deps.clock.now());
  const ring = keyRing();
  return runQuery(deps, async (tx) => {
    const where = ['tenant_id = $1'];
    const params: unknown[] = [tenantId];
    if (status) { params.push(status); where.push(`status = $${params.length}`); }
    if (requester?.trim()) { params.push(personalIndex(ring, 'disclosure_requests', 'requester_name', requester.trim())); where.push(`requester_name_index = $${params.length}`); }
    const { rows } = await tx.query(`SELECT * FROM disclosure_requests WHERE ${where.join(' AND ')} ORDER BY received_at DESC, id DESC LIMIT 500`, params);
    return rows.map((r) => {
      const v = view(r, [], today, ring);
      return { id: v.id, receiptNo: v.receiptNo, status: v.status, statusLabel: v.statusLabel, receivedOn: v.receivedOn, description: v.description, requesterName: v.requester!.name, due: v.limits.due, overdue: v.limits.overdue, running: v.limits.running, answerType: v.answer?.typeLabel ?? null };
    });
  });
}

// ---- staff steps ------------------------------------------------------------------------------

const version = z.number().int().min(1);
export const clarifyInput = z.strictObject({ items: z.string().max(2000), version });
export const supplementInput = z.strictObject({ content: z.string().min(1).max(MAX_DESCRIPTION_CHARS), version });
export const consultInput = z.strictObject({ thirdParty: z.string().max(200), version });
export const consultEndInput = z.strictObject({ opinion: z.string().min(1).max(2000), version });
export const extendInput = z.strictObject({ approvedBy: z.string().max(100), reason: z.string().max(1000), version });
export const answerInput = z.strictObject({
  type: z.string().min(1).max(32),
  content: z.string().max(20_000),
  reason: z.string().max(2000).optional(),
  document: z.string().max(500_000).optional(),
  redactions: z.array(z.strictObject({ text: z.string().max(2000), reason: z.string().max(500) })).max(200).optional(),
  version,
});

async function step<T>(deps: AppDeps, actor: Actor, id: string, expected: number, fn: (ctx: UseCaseContext, row: Record<string, any>, today: string, rules: ReturnType<typeof opennessRules>) => Promise<T>) {
  return runUseCase(deps, actor, async (ctx) => {
    const row = await loadRequest(ctx.tx, actor.tenantId, id, true);
    const today = shanghaiDate(ctx.now);
    const rules = opennessRules(row.pack_date);
    const out = await fn(ctx, row, today, rules);
    if (row.version !== expected) throw new AppError('REQUEST.CONFLICT');
    await ctx.tx.query('UPDATE disclosure_requests SET version = version + 1 WHERE tenant_id = $1 AND id = $2', [actor.tenantId, id]);
    await trackReplyDue(ctx, id);
    return out;
  });
}

export const requestClarification = (deps: AppDeps, actor: Actor, id: string, input: z.infer<typeof clarifyInput>) =>
  step(deps, actor, id, input.version, async (ctx, row, today, rules) => {
    const v = checkClarification(stateOf(row), { items: input.items, on: today }, rules.request, rules.calendar);
    if (v.length) throw refusal(v[0].code, v);
    await ctx.tx.query(`UPDATE disclosure_requests SET status = 'awaiting_supplement', clarification = $3 WHERE tenant_id = $1 AND id = $2`,
      [ctx.actor.tenantId, id, JSON.stringify({ noticeOn: today, items: input.items, supplementOn: null })]);
    await addEvent(ctx, id, 'clarification', `请补正：${input.items}（补正后答复期限重新计算）`);
    await ctx.audit({ action: 'openness.request_clarification', objectType: 'disclosure_request', objectId: id, article: rules.request.clarification.article, payload: { items: input.items } });
    return { id, status: 'awaiting_supplement' };
  });

export const recordSupplement = (deps: AppDeps, actor: Actor, id: string, input: z.infer<typeof supplementInput>) =>
  step(deps, actor, id, input.version, async (ctx, row, today, rules) => {
    const v = checkSupplement(stateOf(row), { on: today });
    if (v.length) throw refusal(v[0].code, v);
    await ctx.tx.query(`UPDATE disclosure_requests SET status = 'received', clarification = $3, description = description || $4 WHERE tenant_id = $1 AND id = $2`,
      [ctx.actor.tenantId, id, JSON.stringify({ ...row.clarification, supplementOn: today, supplement: input.content }), `\n【补正】${input.content}`]);
    await addEvent(ctx, id, 'supplement', '已收到补正，答复期限自今日起重新计算');
    await ctx.audit({ action: 'openness.request_supplemented', objectType: 'disclosure_request', objectId: id, article: rules.request.clarification.article });
    return { id, status: 'received' };
  });

export const startConsultation = (deps: AppDeps, actor: Actor, id: string, input: z.infer<typeof consultInput>) =>
  step(deps, actor, id, input.version, async (ctx, row, today, rules) => {
    const v = checkConsultationStart(stateOf(row), input, rules.request);
    if (v.length) throw refusal(v[0].code, v);
    const list = [...row.consultations, { thirdParty: input.thirdParty, from: today, to: null }];
    await ctx.tx.query(`UPDATE disclosure_requests SET status = 'consulting', consultations = $3 WHERE tenant_id = $1 AND id = $2`, [ctx.actor.tenantId, id, JSON.stringify(list)]);
    await addEvent(ctx, id, 'consultation', `已书面征求第三方意见，征求意见所需时间不计入答复期限`);
    await ctx.audit({ action: 'openness.request_consultation', objectType: 'disclosure_request', objectId: id, article: rules.request.consultation.article, payload: { thirdParty: input.thirdParty } });
    return { id, status: 'consulting' };
  });

export const endConsultation = (deps: AppDeps, actor: Actor, id: string, input: z.infer<typeof consultEndInput>) =>
  step(deps, actor, id, input.version, async (ctx, row, today, rules) => {
    const v = checkConsultationEnd(stateOf(row), { on: today });
    if (v.length) throw refusal(v[0].code, v);
    const list = (row.consultations as any[]).map((c) => (c.to === null ? { ...c, to: today, opinion: input.opinion } : c));
    await ctx.tx.query(`UPDATE disclosure_requests SET status = 'received', consultations = $3 WHERE tenant_id = $1 AND id = $2`, [ctx.actor.tenantId, id, JSON.stringify(list)]);
    await addEvent(ctx, id, 'consultation_end', '第三方意见征求结束，答复期限继续计算');
    await ctx.audit({ action: 'openness.request_consultation_end', objectType: 'disclosure_request', objectId: id, article: rules.request.consultation.article });
    return { id, status: 'received' };
  });

export const extendRequest = (deps: AppDeps, actor: Actor, id: string, input: z.infer<typeof extendInput>) =>
  step(deps, actor, id, input.version, async (ctx, row, today, rules) => {
    const v = checkExtension(stateOf(row), { approvedBy: input.approvedBy, reason: input.reason, on: today }, rules.request, rules.calendar);
    if (v.length) throw refusal(v[0].code, v);
    await ctx.tx.query(`UPDATE disclosure_requests SET extension = $3 WHERE tenant_id = $1 AND id = $2`,
      [ctx.actor.tenantId, id, JSON.stringify({ approvedOn: today, approvedBy: input.approvedBy, reason: input.reason })]);
    const after = requestSchedule({ ...stateOf(row), extension: { approvedOn: today, approvedBy: input.approvedBy } }, rules.request, rules.calendar, today);
    await addEvent(ctx, id, 'extension', `经批准延长答复期限${rules.request.extension.workdays}个工作日，至${after.due}。理由：${input.reason}`);
    await ctx.audit({ action: 'openness.request_extended', objectType: 'disclosure_request', objectId: id, article: rules.request.extension.article, payload: { approvedBy: input.approvedBy, due: after.due } });
    return { id, due: after.due };
  });

export const answerRequest = (deps: AppDeps, actor: Actor, id: string, input: z.infer<typeof answerInput>) =>
  step(deps, actor, id, input.version, async (ctx, row, today, rules) => {
    const d = decideAnswer(stateOf(row), { ...input, on: today }, rules.request, rules.calendar);
    if (!d.ok) throw refusal(d.violations[0].code, d.violations);
    const answer = { type: input.type, content: input.content, reason: input.reason ?? null, released: d.value.released, partial: d.value.partial, redactions: input.redactions ?? [] };
    await ctx.tx.query(`UPDATE disclosure_requests SET status = 'answered', answer = $3, answered_on = $4, late = $5 WHERE tenant_id = $1 AND id = $2`,
      [ctx.actor.tenantId, id, JSON.stringify(answer), today, d.value.late]);
    await ctx.tx.query(`UPDATE search_entries SET status = 'answered' WHERE tenant_id = $1 AND object_type = 'disclosure_request' AND object_id = $2`, [ctx.actor.tenantId, id]);
    await addEvent(ctx, id, 'answered', `已答复：${ANSWER_TYPE_LABELS[input.type] ?? input.type}${d.value.partial ? '（部分公开）' : ''}`);
    await ctx.audit({ action: 'openness.request_answered', objectType: 'disclosure_request', objectId: id, article: rules.request.reply.article, payload: { type: input.type, partial: d.value.partial, late: d.value.late, due: d.value.due } });
    return { id, status: 'answered', late: d.value.late, warnings: d.warnings };
  });
