// Sending by 公文交换 (docs/exchange.md): at 分发 a document goes to every government on the deployment
// that it names as 主送 or 抄送 (各县区人民政府 standing for the sender's counties; a 批复 also to the
// government whose 请示 it answers). Each package is built and checked here, in the sender's
// transaction, and written to its outbox; the exchange worker (delivery.ts) delivers it exactly once.
// 签收回执 and 退文 go back the same way.
import { AppError, refusal } from '../../errors/index.ts';
import {
  buildDocumentPackage, buildReceipt, buildReturn, recipientsOf, serializePackage, verifyPackage, exchangeArticlesOf,
  type DocumentMetadata, type DocumentPackage, type ExchangeGovernment, type ExchangePackage, type ReturnReason,
} from '../../domain/exchange/index.ts';
import type { Org } from '../../domain/org/index.ts';
import type { Queryable } from '../../store/db.ts';
import type { UseCaseContext } from '../context.ts';
import { newId, pack, params, today, trail, type DocRow } from '../documents/common.ts';
import { renderIn } from '../documents/files.ts';
import { shanghaiDay } from '../documents/clock.ts';

/** 公文交换 is the electronic transmission of documents of the pack (第七十五条 in the Wuwei rules). */
export const exchangeArticle = (day: string): number => pack().rule('documents.transmission.electronic', day).article;

/** The governments on the deployment, as the exchange addresses them. */
export async function exchangeGovernments(tx: Queryable): Promise<(ExchangeGovernment & { suspended: boolean })[]> {
  const { rows } = await tx.query<any>('SELECT id, name, level, parent_id, suspended_at FROM tenants ORDER BY id');
  return rows.map((r) => ({ tenantId: r.id, name: r.name, level: r.level, parentTenantId: r.parent_id, suspended: !!r.suspended_at }));
}

async function enqueue(ctx: UseCaseContext, pkg: ExchangePackage, extra: { documentId?: string | null; ofPackageId?: string | null; docNumber?: string | null; title?: string | null }) {
  await ctx.tx.query(
    `INSERT INTO exchange_outbox (tenant_id, package_id, kind, receiver_tenant, receiver_organ, document_id, of_package_id, doc_number, title,
       wire, envelope_sm3, created_at, next_attempt_at)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$12)`,
    [ctx.actor.tenantId, pkg.packageId, pkg.kind, pkg.receiver.tenantId, pkg.receiver.organ, extra.documentId ?? null, extra.ofPackageId ?? null,
      extra.docNumber ?? null, extra.title ?? null, serializePackage(pkg), pkg.digests.envelope, ctx.now]);
}

export interface SentByExchange {
  packages: { packageId: string; receiver: string; as: 'principal' | 'copy' }[];
  /** recipients that are not governments on the deployment: they keep the existing channels */
  unmatched: string[];
}

/**
 * 分发 by exchange: one package per receiving government, refused as a whole (every problem listed)
 * when a package would be refused on arrival — a 上行文 without 签发人, a marked 密级.
 */
export async function sendByExchange(ctx: UseCaseContext, d: DocRow, org: Org): Promise<SentByExchange> {
  const governments = await exchangeGovernments(ctx.tx);
  const self = governments.find((g) => g.tenantId === ctx.actor.tenantId);
  if (!self) return { packages: [], unmatched: d.principal_recipients ?? [] };
  const routing = recipientsOf(d.principal_recipients ?? [], d.copy_recipients ?? [], governments, ctx.actor.tenantId);
  // a 批复 answers a 请示 that came by exchange: it goes back to the government that asked
  let replyTo: DocumentMetadata['replyTo'] = null;
  if (d.reply_document_id) {
    const { rows } = await ctx.tx.query<any>(
      'SELECT exchange_package_id, exchange_sender_tenant, source_doc_number FROM documents WHERE tenant_id = $1 AND id = $2',
      [ctx.actor.tenantId, d.reply_document_id]);
    const asked = rows[0];
    if (asked?.exchange_package_id) {
      replyTo = { packageId: asked.exchange_package_id, docNumber: asked.source_doc_number ?? null };
      const g = governments.find((x) => x.tenantId === asked.exchange_sender_tenant);
      if (g && !routing.deliveries.some((x) => x.tenantId === g.tenantId)) {
        routing.deliveries.push({ tenantId: g.tenantId, organ: g.name, as: 'principal', recipient: g.name });
      }
    }
  }
  if (!routing.deliveries.length) return { packages: [], unmatched: routing.unmatched };
  const suspended = routing.deliveries.filter((x) => governments.find((g) => g.tenantId === x.tenantId)?.suspended);
  if (suspended.length) {
    throw new AppError('EXCHANGE.RECEIVER_SUSPENDED', { details: { receivers: suspended.map((x) => x.organ) } });
  }

  const day = today(ctx);
  const { buf: ofd } = await renderIn(ctx, d, org, 'ofd');
  const atts = await ctx.tx.query<any>(
    `SELECT name, ext, content FROM document_attachments WHERE tenant_id = $1 AND document_id = $2 ORDER BY uploaded_at, id`, [ctx.actor.tenantId, d.id]);
  const signed = await ctx.tx.query<{ at: Date }>(`SELECT at FROM document_events WHERE document_id = $1 AND action = 'signed' ORDER BY id DESC LIMIT 1`, [d.id]);
  const writtenOn = signed.rows[0] ? shanghaiDay(new Date(signed.rows[0].at)) : (d.issued_date ? String(d.issued_date).slice(0, 10) : day);
  const metadata: DocumentMetadata = {
    issuerName: d.issuer_name,
    docNumber: d.doc_number ?? '',
    title: d.title,
    docType: d.doc_type,
    direction: d.direction as DocumentMetadata['direction'],
    urgency: (d.urgency ?? 'normal') as DocumentMetadata['urgency'],
    classification: d.classification ?? '',
    disclosure: d.disclosure ?? null,
    signerName: d.signer_name ?? null,
    principalRecipients: [...(d.principal_recipients ?? [])],
    copyTo: [...(d.copy_recipients ?? [])],
    writtenOn,
    attachmentNote: atts.rows.map((a) => a.name as string),
    replyTo,
    declarations: d.direction === 'upward' ? { matters: d.matters?.length ? [...d.matters] : [d.title] } : null,
  };
  const name = `${d.doc_number ?? d.id}.ofd`.replace(/[\\/:*?"<>|]/g, '_');
  const articles = exchangeArticlesOf(params(day));
  const packages: DocumentPackage[] = routing.deliveries.map((x) => buildDocumentPackage({
    packageId: newId('pkg'),
    sentAt: ctx.now.toISOString(),
    sender: { tenantId: ctx.actor.tenantId, organ: self.name },
    receiver: { tenantId: x.tenantId, organ: x.organ },
    metadata,
    body: d.body ?? '',
    ofd: { name, bytes: new Uint8Array(ofd) },
    attachments: atts.rows.map((a) => ({ name: a.name, mediaType: mediaTypeOf(a.ext), bytes: new Uint8Array(Buffer.from(a.content)) })),
  }));
  const problems = verifyPackage(packages[0], { articles });
  if (problems.length) throw refusal(problems.length === 1 ? problems[0].code : 'EXCHANGE.REFUSED', problems);
  for (const [i, pkg] of packages.entries()) {
    await enqueue(ctx, pkg, { documentId: d.id, docNumber: d.doc_number, title: d.title });
    const x = routing.deliveries[i];
    await trail(ctx, d.id, 'exchange_sent', `公文交换：发送至${x.organ}（${x.as === 'principal' ? '主送' : '抄送'}），封皮SM3 ${pkg.digests.envelope.slice(0, 16)}…`,
      exchangeArticle(day), { packageId: pkg.packageId, receiver: x.tenantId, envelopeSm3: pkg.digests.envelope });
  }
  return { packages: packages.map((p, i) => ({ packageId: p.packageId, receiver: p.receiver.organ, as: routing.deliveries[i].as })), unmatched: routing.unmatched };
}

const MEDIA: Record<string, string> = { pdf: 'application/pdf', ofd: 'application/ofd', docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  doc: 'application/msword', xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', xls: 'application/vnd.ms-excel',
  jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png', txt: 'text/plain', zip: 'application/zip' };
const mediaTypeOf = (ext: string) => MEDIA[ext] ?? 'application/octet-stream';

/** 签收回执: from the receiver back to the sender, written at 签收. */
export async function sendReceipt(ctx: UseCaseContext, of: DocumentPackage, registeredAs: string | null): Promise<string> {
  const pkg = buildReceipt(of, { packageId: newId('pkg'), sentAt: ctx.now.toISOString(), receivedAt: ctx.now.toISOString(), registeredAs });
  await enqueue(ctx, pkg, { ofPackageId: of.packageId, docNumber: of.metadata.docNumber, title: of.metadata.title });
  return pkg.packageId;
}

/** 退文: from the receiver back to the sender with every reason, written when 初审 returns the document. */
export async function sendReturn(ctx: UseCaseContext, of: DocumentPackage, reasons: ReturnReason[]): Promise<string> {
  const pkg = buildReturn(of, { packageId: newId('pkg'), sentAt: ctx.now.toISOString(), at: ctx.now.toISOString(), reasons });
  await enqueue(ctx, pkg, { ofPackageId: of.packageId, docNumber: of.metadata.docNumber, title: of.metadata.title });
  return pkg.packageId;
}

export interface SentPackage {
  packageId: string;
  kind: string;
  receiver: { tenantId: string; organ: string };
  docNumber: string | null;
  title: string | null;
  documentId: string | null;
  sentAt: string;
  /** 待送达 / 已送达 / 已签收 / 退文 / 拒收 */
  status: 'sending' | 'delivered' | 'signed' | 'returned' | 'refused';
  statusLabel: string;
  deliveredAt: string | null;
  receiptAt: string | null;
  returnedAt: string | null;
  returnReasons: ReturnReason[] | null;
  refusal: unknown[] | null;
  attempts: number;
  lastError: string | null;
}

const STATUS_LABELS: Record<SentPackage['status'], string> = { sending: '待送达', delivered: '已送达', signed: '已签收', returned: '退文', refused: '拒收' };
const iso = (v: unknown) => (v ? new Date(v as string).toISOString() : null);

export function toSentPackage(r: any): SentPackage {
  const status: SentPackage['status'] = r.refused_at ? 'refused' : r.returned_at ? 'returned' : r.receipt_at ? 'signed' : r.delivered_at ? 'delivered' : 'sending';
  return {
    packageId: r.package_id, kind: r.kind, receiver: { tenantId: r.receiver_tenant, organ: r.receiver_organ }, docNumber: r.doc_number,
    title: r.title, documentId: r.document_id, sentAt: new Date(r.created_at).toISOString(), status, statusLabel: STATUS_LABELS[status],
    deliveredAt: iso(r.delivered_at), receiptAt: iso(r.receipt_at), returnedAt: iso(r.returned_at), returnReasons: r.return_reasons ?? null,
    refusal: r.refusal ?? null, attempts: Number(r.attempts), lastError: r.last_error,
  };
}

/** What became of a document's packages (the sender's view). */
export async function exchangeStatusOf(tx: Queryable, tenantId: string, documentId: string): Promise<SentPackage[]> {
  const { rows } = await tx.query(`SELECT * FROM exchange_outbox WHERE tenant_id = $1 AND document_id = $2 AND kind = 'document' ORDER BY created_at, package_id`, [tenantId, documentId]);
  return rows.map(toSentPackage);
}

/** The sent packages of this government, newest first. */
export async function listOutbox(tx: Queryable, tenantId: string, limit = 100): Promise<SentPackage[]> {
  const { rows } = await tx.query(`SELECT * FROM exchange_outbox WHERE tenant_id = $1 AND kind = 'document' ORDER BY created_at DESC LIMIT $2`, [tenantId, Math.min(limit, 500)]);
  return rows.map(toSentPackage);
}
