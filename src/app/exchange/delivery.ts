// Delivery of 公文交换 packages, exactly once. A worker in every server process claims one undelivered
// outbox row with FOR UPDATE SKIP LOCKED (another process skips it), verifies the package as the
// receiver would (every SM3 digest, the receiver, 密级, 签发人), writes it into the receiver's inbox —
// keyed by package id, so a package never arrives twice — and marks it delivered, all in one
// transaction: a crash before commit delivers nothing and the next claim retries. A tampered package
// is kept as refused in the receiver's inbox and reported back to the sender's outbox; both sides audit.
// Delivery crosses governments, so it runs outside any tenant scope and names each side's rows.
import { readPackage, exchangeArticlesOf, type ExchangePackage } from '../../domain/exchange/index.ts';
import type { Violation } from '../../domain/shared/violation.ts';
import { asSystem } from '../../store/scope.ts';
import { drainOutbox, startOutboxWorker } from '../../jobs/outbox.ts';
import { pollIntervals } from '../../config.ts';
import type { Queryable } from '../../store/db.ts';
import { appendAudit } from '../audit/record.ts';
import { systemActor, useCaseContext, type Actor, type AppDeps } from '../context.ts';
import { documentParams } from '../documents/rules.ts';
import { trail } from '../documents/common.ts';
import { shanghaiDay } from '../documents/clock.ts';
import { knowTenant, packOfTenant } from '../tenancy/registry.ts';

export type DeliveryOutcome =
  | { delivered: string; kind: ExchangePackage['kind']; receiver: string }
  | { refused: string; receiver: string; violations: Violation[] }
  | { retry: string; error: string }
  | null;

const RETRY_MS = [5_000, 30_000, 120_000, 600_000, 3_600_000];
const exchangeActor = (tenantId: string): Actor => systemActor(tenantId, '公文交换');

/** Claims and delivers at most one package; null when none is due. */
export function deliverOnePackage(deps: AppDeps): Promise<DeliveryOutcome> {
  return asSystem(() => deliverOne(deps));
}

async function deliverOne(deps: AppDeps): Promise<DeliveryOutcome> {
  const now = deps.clock.now();
  const outcome = await deps.db.transaction(async (tx): Promise<DeliveryOutcome> => {
    const { rows } = await tx.query<any>(
      `SELECT * FROM exchange_outbox WHERE delivered_at IS NULL AND refused_at IS NULL AND next_attempt_at <= $1
        ORDER BY next_attempt_at, created_at LIMIT 1 FOR UPDATE SKIP LOCKED`, [now]);
    const row = rows[0];
    if (!row) return null;
    const receiver = (await tx.query<any>('SELECT id, suspended_at FROM tenants WHERE id = $1', [row.receiver_tenant])).rows[0];
    if (!receiver || receiver.suspended_at) {
      const error = receiver ? '收件政府已停用' : '收件政府不存在';
      const attempts = Number(row.attempts) + 1;
      await tx.query(`UPDATE exchange_outbox SET attempts = $3, last_error = $4, next_attempt_at = $5 WHERE tenant_id = $1 AND package_id = $2`,
        [row.tenant_id, row.package_id, attempts, error, new Date(now.getTime() + RETRY_MS[Math.min(attempts, RETRY_MS.length) - 1])]);
      return { retry: row.package_id, error };
    }
    await knowTenant(tx, row.receiver_tenant);
    const day = shanghaiDay(now);
    const articles = exchangeArticlesOf(documentParams(packOfTenant(row.receiver_tenant), day));
    const read = readPackage(row.wire, { receiverTenantId: row.receiver_tenant, articles });
    const pkg = read.ok ? read.value : null;
    const senderOrgan = pkg ? pkg.sender.organ : safeHeader(row.wire).senderOrgan;
    const inserted = await tx.query(
      `INSERT INTO exchange_inbox (tenant_id, package_id, kind, sender_tenant, sender_organ, doc_number, title, doc_type, urgency,
         wire, envelope_sm3, arrived_at, state, refusal)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14) ON CONFLICT (tenant_id, package_id) DO NOTHING`,
      [row.receiver_tenant, row.package_id, row.kind, row.tenant_id, senderOrgan ?? row.tenant_id,
        pkg?.kind === 'document' ? pkg.metadata.docNumber : row.doc_number, pkg?.kind === 'document' ? pkg.metadata.title : row.title,
        pkg?.kind === 'document' ? pkg.metadata.docType : null, pkg?.kind === 'document' ? pkg.metadata.urgency : null,
        row.wire, row.envelope_sm3, now, !read.ok ? 'refused' : row.kind === 'document' ? 'pending' : 'applied',
        read.ok ? null : JSON.stringify(read.violations)]);
    const sender = exchangeActor(row.tenant_id);
    const recv = exchangeActor(row.receiver_tenant);
    if (!read.ok) {
      await tx.query(`UPDATE exchange_outbox SET refused_at = $3, refusal = $4, attempts = attempts + 1 WHERE tenant_id = $1 AND package_id = $2`,
        [row.tenant_id, row.package_id, now, JSON.stringify(read.violations)]);
      const payload = { packageId: row.package_id, kind: row.kind, violations: read.violations.map((v) => ({ code: v.code, message: v.message })) };
      await appendAudit(tx, recv, now, { action: 'exchange.refused', objectType: 'exchange_package', objectId: row.package_id, payload: { ...payload, sender: row.tenant_id } });
      await appendAudit(tx, sender, now, { action: 'exchange.refused_by_receiver', objectType: 'exchange_package', objectId: row.package_id, payload: { ...payload, receiver: row.receiver_tenant } });
      if (row.document_id) {
        await trail(useCaseContext(tx, sender, now, deps, () => {}), row.document_id, 'exchange_refused',
          `公文交换：${row.receiver_organ}拒收——${read.violations.map((v) => v.message).join('；')}`, undefined, payload);
      }
      return { refused: row.package_id, receiver: row.receiver_tenant, violations: read.violations };
    }
    await tx.query(`UPDATE exchange_outbox SET delivered_at = $3, attempts = attempts + 1, last_error = NULL WHERE tenant_id = $1 AND package_id = $2`,
      [row.tenant_id, row.package_id, now]);
    if (inserted.rowCount && pkg!.kind !== 'document') await applyAnswer(tx, deps, pkg!, now);
    await appendAudit(tx, recv, now, { action: 'exchange.arrived', objectType: 'exchange_package', objectId: row.package_id,
      payload: { kind: row.kind, sender: row.tenant_id, docNumber: row.doc_number, envelopeSm3: row.envelope_sm3, duplicate: !inserted.rowCount } });
    await appendAudit(tx, sender, now, { action: 'exchange.delivered', objectType: 'exchange_package', objectId: row.package_id,
      payload: { kind: row.kind, receiver: row.receiver_tenant, docNumber: row.doc_number } });
    if (row.document_id) {
      await trail(useCaseContext(tx, sender, now, deps, () => {}), row.document_id, 'exchange_delivered',
        `公文交换：已送达${row.receiver_organ}`, undefined, { packageId: row.package_id });
    }
    return { delivered: row.package_id, kind: row.kind, receiver: row.receiver_tenant };
  });
  if (outcome && !('retry' in outcome)) deps.onAudit?.();
  return outcome;
}

/** A 签收回执 or 退文 that arrived: the sender's outbox row of the answered document records it. */
async function applyAnswer(tx: Queryable, deps: AppDeps, pkg: ExchangePackage, now: Date): Promise<void> {
  const original = pkg.receiver.tenantId; // the answer goes back to the document's sender
  const of = pkg.kind === 'receipt' ? pkg.receipt.ofPackageId : pkg.kind === 'return' ? pkg.return.ofPackageId : null;
  if (!of) return;
  const { rows } = await tx.query<any>(
    pkg.kind === 'receipt'
      ? `UPDATE exchange_outbox SET receipt_at = $3, receipt = $4 WHERE tenant_id = $1 AND package_id = $2 RETURNING document_id, receiver_organ`
      : `UPDATE exchange_outbox SET returned_at = $3, return_reasons = $4 WHERE tenant_id = $1 AND package_id = $2 RETURNING document_id, receiver_organ`,
    [original, of, now, JSON.stringify(pkg.kind === 'receipt' ? pkg.receipt : pkg.kind === 'return' ? pkg.return.reasons : null)]);
  const docId = rows[0]?.document_id;
  if (!docId) return;
  const ctx = useCaseContext(tx, exchangeActor(original), now, deps, () => {});
  if (pkg.kind === 'receipt') {
    await trail(ctx, docId, 'exchange_receipt', `公文交换：${pkg.receipt.by}已签收（${pkg.receipt.receivedAt.slice(0, 16).replace('T', ' ')}）`,
      undefined, { packageId: of, receipt: pkg.packageId });
  } else {
    const reasons = (pkg as Extract<ExchangePackage, { kind: 'return' }>).return.reasons;
    await trail(ctx, docId, 'exchange_returned',
      `公文交换：${rows[0].receiver_organ}退文——${reasons.map((r) => r.article ? `${r.message}` : r.message).join('；')}`,
      reasons.find((r) => r.article)?.article ?? undefined, { packageId: of, returnPackage: pkg.packageId, reasons });
  }
}

/** The sender's organ of a package that could not be read, for the refused inbox row. */
function safeHeader(wire: string): { senderOrgan: string | null } {
  try {
    const raw = JSON.parse(wire);
    return { senderOrgan: typeof raw?.sender?.organ === 'string' ? raw.sender.organ : null };
  } catch {
    return { senderOrgan: null };
  }
}

/** Delivers everything due now (up to `limit`). */
export async function deliverPending(deps: AppDeps, limit = 500): Promise<NonNullable<DeliveryOutcome>[]> {
  return drainOutbox(() => deliverOnePackage(deps), limit);
}

/** The worker every server process runs (ZHENGTONG_EXCHANGE_POLL_MS, default 2 s). */
export async function exchangeBackground(deps: AppDeps): Promise<{ stop(): Promise<void> }> {
  return startOutboxWorker({ failureLabel: '公文交换投递失败', pollMs: pollIntervals().exchange, deliverOne: () => deliverOnePackage(deps) });
}
