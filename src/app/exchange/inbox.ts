// The receiving side of 公文交换: the 签收 queue (packages that arrived and wait for a clerk), 签收 —
// which creates the received document from the package, keeps its OFD and attachments, and sends the
// 签收回执 back — and 退文 when 初审 returns a document that came by exchange.
import { AppError } from '../../errors/index.ts';
import {
  parsePackage, returnReasonsOf, toIncomingInput, verifyPackage, exchangeArticlesOf, PACKAGE_KIND_LABELS,
  type DocumentPackage,
} from '../../domain/exchange/index.ts';
import type { Violation } from '../../domain/shared/violation.ts';
import { createHash } from 'node:crypto';
import { extensionOf, safeFileName } from '../../domain/documents/index.ts';
import type { Org } from '../../domain/org/index.ts';
import { runQuery, runUseCase, type Actor, type AppDeps, type UseCaseContext } from '../context.ts';
import { newId, params, today, trail, type DocRow } from '../documents/common.ts';
import { receiveIncomingIn } from '../documents/incoming.ts';
import { orgPort } from '../documents/ports.ts';
import { sendReceipt, sendReturn } from './outbox.ts';

export interface InboxItem {
  packageId: string;
  kind: string;
  kindLabel: string;
  sender: { tenantId: string; organ: string };
  docNumber: string | null;
  title: string | null;
  docType: string | null;
  urgency: string | null;
  arrivedAt: string;
  state: 'pending' | 'signed' | 'refused' | 'applied';
  refusal: Violation[] | null;
  documentId: string | null;
  signedAt: string | null;
  envelopeSm3: string;
}

const toItem = (r: any): InboxItem => ({
  packageId: r.package_id, kind: r.kind, kindLabel: PACKAGE_KIND_LABELS[r.kind as keyof typeof PACKAGE_KIND_LABELS] ?? r.kind,
  sender: { tenantId: r.sender_tenant, organ: r.sender_organ }, docNumber: r.doc_number, title: r.title, docType: r.doc_type,
  urgency: r.urgency, arrivedAt: new Date(r.arrived_at).toISOString(), state: r.state, refusal: r.refusal ?? null,
  documentId: r.document_id, signedAt: r.signed_at ? new Date(r.signed_at).toISOString() : null, envelopeSm3: r.envelope_sm3,
});

/** The 签收 queue: documents that arrived from other governments, pending first; refused ones shown too. */
export async function listInbox(deps: AppDeps, actor: Actor, f: { state?: InboxItem['state']; limit?: number } = {}) {
  return runQuery(deps, async (tx) => {
    const { rows } = await tx.query(
      `SELECT tenant_id, package_id, kind, sender_tenant, sender_organ, doc_number, title, doc_type, urgency, arrived_at, state, refusal,
              document_id, signed_at, envelope_sm3
         FROM exchange_inbox WHERE tenant_id = $1 AND kind = 'document' AND ($2::text IS NULL OR state = $2)
        ORDER BY state <> 'pending', arrived_at DESC LIMIT $3`,
      [actor.tenantId, f.state ?? null, Math.min(f.limit ?? 100, 500)]);
    return { items: rows.map(toItem) };
  });
}

async function loadInboxRow(tx: UseCaseContext['tx'], actor: Actor, packageId: string, lock = false) {
  const { rows } = await tx.query<any>(
    `SELECT * FROM exchange_inbox WHERE tenant_id = $1 AND package_id = $2 AND kind = 'document'${lock ? ' FOR UPDATE' : ''}`, [actor.tenantId, packageId]);
  if (!rows[0]) throw new AppError('EXCHANGE.PACKAGE_NOT_FOUND', { details: { packageId } });
  return rows[0];
}

/** One package of the queue: its metadata, its parts (names, sizes, SM3) and the digests checked again now. */
export async function getInboxPackage(deps: AppDeps, actor: Actor, packageId: string) {
  return runQuery(deps, async (tx) => {
    const r = await loadInboxRow(tx, actor, packageId);
    const parsed = parsePackage(r.wire);
    const pkg = parsed.ok && parsed.value.kind === 'document' ? parsed.value : null;
    const check = pkg ? verifyPackage(pkg, { receiverTenantId: actor.tenantId }) : parsed.ok ? [] : parsed.violations;
    return {
      ...toItem(r),
      metadata: pkg?.metadata ?? null,
      body: pkg?.body ?? null,
      parts: pkg?.parts.map(({ bytes: _b, ...m }) => m) ?? [],
      digests: pkg?.digests ?? null,
      verification: { ok: check.length === 0, violations: check },
    };
  });
}

/** The unit of the receiver's organisation that stands for the sending government (its 来文单位). */
function submitterUnitOf(org: Org, senderOrgan: string): string | null {
  const exact = org.units.find((u) => u.name === senderOrgan || u.name.endsWith(senderOrgan) || senderOrgan.endsWith(u.name));
  return exact?.id ?? null;
}

/**
 * 签收 of a package: the received document is created (state 签收, ready for 登记) with the package's
 * metadata, body, OFD and attachments, and the 签收回执 goes back to the sender. The digests are
 * checked again; a package signed for once cannot be signed for again.
 */
export async function signForPackage(deps: AppDeps, actor: Actor, packageId: string, input: { submitterUnitId?: string | null } = {}) {
  return runUseCase(deps, actor, async (ctx) => {
    const r = await loadInboxRow(ctx.tx, actor, packageId, true);
    if (r.state !== 'pending') throw new AppError('EXCHANGE.ALREADY_SIGNED', { details: { state: r.state, documentId: r.document_id } });
    const day = today(ctx);
    const parsed = parsePackage(r.wire);
    if (!parsed.ok) throw new AppError(parsed.violations[0].code, { violations: parsed.violations });
    const pkg = parsed.value as DocumentPackage;
    const v = verifyPackage(pkg, { receiverTenantId: actor.tenantId, articles: exchangeArticlesOf(params(day)) });
    if (v.length) throw new AppError(v[0].code, { violations: v });
    const org = await (await orgPort()).load(ctx.tx, actor.tenantId);
    const received = toIncomingInput(pkg);
    const submitter = input.submitterUnitId ?? submitterUnitOf(org, pkg.sender.organ)
      ?? org.units.find((u) => u.kind === 'government_office')?.id ?? org.units[0].id;
    const { id } = await receiveIncomingIn(ctx, {
      docType: received.docType, title: received.title, body: received.body, issuerName: received.issuerName,
      issuerUnitId: submitterUnitOf(org, pkg.sender.organ), sourceDocNumber: received.sourceDocNumber, urgency: received.urgency,
      classification: received.classification,
      facts: { ...received.facts, submitterUnitId: submitter },
    }, { packageId, senderTenant: pkg.sender.tenantId, label: `公文交换，来自${pkg.sender.organ}` });
    for (const part of pkg.parts) {
      const content = Buffer.from(part.bytes);
      const name = safeFileName(part.name);
      await ctx.tx.query(
        `INSERT INTO document_attachments (id, tenant_id, document_id, name, ext, size, sha256, content, kind, uploaded_at, uploaded_by)
         VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11)`,
        [newId('att'), actor.tenantId, id, name, extensionOf(name), content.length, createHash('sha256').update(content).digest('hex'), content,
          part.role === 'ofd' ? 'exchange_ofd' : 'attachment', ctx.now, actor.name]);
    }
    await ctx.tx.query(`UPDATE exchange_inbox SET state = 'signed', document_id = $3, signed_at = $4, signed_by = $5 WHERE tenant_id = $1 AND package_id = $2`,
      [actor.tenantId, packageId, id, ctx.now, actor.name]);
    const receipt = await sendReceipt(ctx, pkg, null);
    await trail(ctx, id, 'exchange_signed', `公文交换：已签收${pkg.sender.organ}${pkg.metadata.docNumber}，签收回执已发出（SM3 校验通过）`,
      undefined, { packageId, receipt, envelopeSm3: pkg.digests.envelope });
    return { documentId: id, receiptPackageId: receipt };
  });
}

/** 退文 of a document that came by exchange, from 初审 (every reason with its article); null otherwise. */
export async function returnByExchange(ctx: UseCaseContext, d: DocRow, violations: Violation[], clerkNote: string | null | undefined): Promise<string | null> {
  if (!d.exchange_package_id) return null;
  const { rows } = await ctx.tx.query<any>('SELECT wire FROM exchange_inbox WHERE tenant_id = $1 AND package_id = $2', [ctx.actor.tenantId, d.exchange_package_id]);
  if (!rows[0]) return null;
  const parsed = parsePackage(rows[0].wire);
  if (!parsed.ok || parsed.value.kind !== 'document') return null;
  const id = await sendReturn(ctx, parsed.value, returnReasonsOf(violations, clerkNote));
  await trail(ctx, d.id, 'exchange_return_sent', `公文交换：退文已发往${parsed.value.sender.organ}`, violations[0]?.article, { returnPackageId: id });
  return id;
}
