// Files of a document: the outgoing document rendered in the GB/T 9704-2012 layout (PDF, Word, OFD) with
// its SM3 digest recorded in the trail and the audit chain, and attachments within the pack's size and
// type limits (第七十五条 electronic transmission) under safe names.
import { createHash } from 'node:crypto';
import { AppError, refusal } from '../../errors/index.ts';
import { runUseCase, type Actor, type AppDeps, type UseCaseContext } from '../context.ts';
import { attachmentViolations, extensionOf, safeFileName, URGENCY_LABELS } from '../../domain/documents/index.ts';
import type { Org } from '../../domain/org/index.ts';
import { digestOf, renderDocx, renderOfd, renderPdf, type OutputDocument } from '../../output/index.ts';
import { orgPort } from './ports.ts';
import { loadDoc, newId, params, today, trail, type DocRow } from './common.ts';
import { shanghaiDay } from './clock.ts';
import { sealedFileOf } from '../seals/store.ts';

export type OutputKind = 'pdf' | 'docx' | 'ofd';
export const OUTPUT_TYPES: Record<OutputKind, string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  ofd: 'application/ofd',
};
const FORMAT_LABELS: Record<OutputKind, string> = { pdf: 'PDF', docx: 'Word', ofd: 'OFD' };

/** 附注 from the 公开属性 fixed at drafting (第七十四条). */
const DISCLOSURE_NOTES: Record<string, string> = { 主动公开: '此件公开发布', 依申请公开: '此件依申请公开', 不予公开: '此件不公开' };

/** The document as the output context sees it (GB/T 9704-2012 elements). */
export function outputModel(d: DocRow, org: Org, signedOn: string | null, day: string): OutputDocument {
  const office = org.units.find((u) => u.kind === 'government_office');
  const letter = (d.issuer_code ?? '').endsWith('函');
  const signerName = d.signer_person_id ? org.people.find((p) => p.id === d.signer_person_id)?.name ?? d.signer_name : d.signer_name;
  const urgency = URGENCY_LABELS[d.urgency as keyof typeof URGENCY_LABELS];
  return {
    id: d.id,
    ...(d.urgency && d.urgency !== 'normal' ? { urgency } : {}),
    issuerMark: letter ? d.issuer_name : `${d.issuer_name}文件`,
    documentNumber: d.doc_number ?? `${d.issuer_code ?? ''}〔${day.slice(0, 4)}〕  号`,
    ...(d.direction === 'upward' && signerName ? { signers: [signerName] } : {}),
    title: d.title,
    ...(d.principal_recipients?.length ? { recipients: d.principal_recipients.join('、') } : {}),
    body: d.body.split(/\r?\n/).map((l: string) => l.trim()).filter(Boolean)
      // the 主送 line written at the top of the body is printed as 主送机关
      .filter((l: string, i: number) => !(i === 0 && d.principal_recipients?.length && l.replace(/[:：]$/, '') === d.principal_recipients.join('、'))),
    signature: d.issuer_name,
    date: signedOn ?? d.issued_date ?? day,
    ...(d.disclosure && DISCLOSURE_NOTES[d.disclosure] ? { note: DISCLOSURE_NOTES[d.disclosure] } : {}),
    imprint: {
      ...(d.copy_recipients?.length ? { cc: d.copy_recipients } : {}),
      printer: office?.name ?? d.issuer_name,
      printDate: d.issued_date ? String(d.issued_date).slice(0, 10) : day,
    },
  };
}

/** Renders an outgoing document and records what was handed out (format, SM3 digest) in the trail. */
export async function renderOutput(deps: AppDeps, actor: Actor, id: string, format: OutputKind) {
  return runUseCase(deps, actor, async (ctx) => {
    const day = today(ctx);
    const org = await (await orgPort()).load(ctx.tx, actor.tenantId);
    const d = await loadDoc(ctx.tx, actor, id, { org, day });
    const out = await renderIn(ctx, d, org, format);
    const name = `${d.doc_number ?? '未编号'} ${d.title}`.replace(/[\\/:*?"<>|]/g, '_');
    return { ...out, fileName: `${name}.${format}`, contentType: OUTPUT_TYPES[format] };
  });
}

/** The output model of a loaded outgoing document as of now (成文日期 = the day it was signed). */
export async function outputModelIn(ctx: UseCaseContext, d: DocRow, org: Org): Promise<OutputDocument> {
  const day = today(ctx);
  if (d.flow !== 'outgoing') throw new AppError('REQUEST.VALIDATION', { message: '只有发文可以输出版式文件；收文请下载原件附件' });
  if (d.issued_date) d.issued_date = String(d.issued_date instanceof Date ? shanghaiDay(d.issued_date) : d.issued_date).slice(0, 10);
  const signed = await ctx.tx.query<{ at: Date }>(`SELECT at FROM document_events WHERE document_id = $1 AND action = 'signed' ORDER BY id DESC LIMIT 1`, [d.id]);
  return outputModel(d, org, signed.rows[0] ? shanghaiDay(new Date(signed.rows[0].at)) : null, day);
}

/**
 * Renders a loaded outgoing document inside a use case and records the output (format, SM3) in its trail.
 * A document sealed at 印发 gives its stored sealed OFD, and a PDF with the same seal image (docs/seals.md).
 */
export async function renderIn(ctx: UseCaseContext, d: DocRow, org: Org, format: OutputKind): Promise<{ buf: Buffer; sm3: string }> {
  const plain = await outputModelIn(ctx, d, org);
  const sealed = format === 'docx' ? null : await sealedFileOf(ctx.tx, ctx.actor.tenantId, d.id);
  const model: OutputDocument = sealed ? { ...plain, seal: { id: sealed.sealId, name: sealed.sealName } } : plain;
  let buf: Buffer;
  try {
    buf = sealed && format === 'ofd' ? sealed.ofd
      : format === 'pdf' ? await renderPdf(model) : format === 'docx' ? await renderDocx(model) : await renderOfd(model);
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError('DOC.OUTPUT_UNAVAILABLE', { message: `版式输出失败：${(e as Error).message}` });
  }
  const sm3 = sealed && format === 'ofd' ? sealed.contentSm3 : digestOf(model);
  await ctx.tx.query(`INSERT INTO document_outputs (tenant_id, document_id, format, sm3, size, rendered_at, rendered_by) VALUES ($1,$2,$3,$4,$5,$6,$7)`,
    [ctx.actor.tenantId, d.id, format, sm3, buf.length, ctx.now, ctx.actor.name]);
  await trail(ctx, d.id, 'output_rendered', `输出${FORMAT_LABELS[format]}版式文件（SM3 ${sm3.slice(0, 16)}…）`, undefined, { format, sm3, size: buf.length, ...(sealed ? { sealId: sealed.sealId } : {}) });
  return { buf, sm3 };
}

const CLOSED = ['closed', 'returned', 'issued', 'distributed', 'withdrawn'];

/** Adds an attachment (base64 content) within the pack's limits; a closed document takes none. */
export async function addAttachment(deps: AppDeps, actor: Actor, id: string, input: { name: string; contentBase64: string; kind?: string }) {
  return runUseCase(deps, actor, async (ctx) => {
    const day = today(ctx);
    const org = await (await orgPort()).load(ctx.tx, actor.tenantId);
    const d = await loadDoc(ctx.tx, actor, id, { lock: true, org, day });
    if (CLOSED.includes(d.state)) throw new AppError('DOC.WRONG_STATE', { message: '公文已办结或已印发，不能再添加附件' });
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(input.contentBase64.replace(/\s+/g, ''))) throw new AppError('REQUEST.VALIDATION', { message: '附件内容须为 base64 编码' });
    const content = Buffer.from(input.contentBase64, 'base64');
    const name = safeFileName(input.name);
    const { rows } = await ctx.tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM document_attachments WHERE document_id = $1`, [id]);
    const v = attachmentViolations(name, content.length, rows[0].n, params(day));
    if (v.length) throw refusal(v.length === 1 ? v[0].code : 'DOC.REFUSED', v);
    const attId = newId('att');
    const sha256 = createHash('sha256').update(content).digest('hex');
    await ctx.tx.query(
      `INSERT INTO document_attachments (id, tenant_id, document_id, name, ext, size, sha256, content, kind, uploaded_at, uploaded_by) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11)`,
      [attId, actor.tenantId, id, name, extensionOf(name), content.length, sha256, content, input.kind ?? 'attachment', ctx.now, actor.name]);
    await ctx.tx.query(`UPDATE documents SET version = version + 1, updated_at = $2 WHERE id = $1`, [id, ctx.now]);
    await trail(ctx, id, 'attachment_added', `上传附件：${name}（${(content.length / 1024).toFixed(1)}KB）`, params(day).attachmentTypes.article, { attachmentId: attId, name, size: content.length, sha256 });
    return { id: attId, name, size: content.length, sha256 };
  });
}

const TYPES: Record<string, string> = {
  pdf: 'application/pdf', ofd: 'application/ofd', docx: OUTPUT_TYPES.docx, doc: 'application/msword', xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  xls: 'application/vnd.ms-excel', jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png', txt: 'text/plain; charset=utf-8', zip: 'application/zip',
};

export async function getAttachment(deps: AppDeps, actor: Actor, id: string, attId: string) {
  return runUseCase(deps, actor, async (ctx) => {
    const org = await (await orgPort()).load(ctx.tx, actor.tenantId);
    await loadDoc(ctx.tx, actor, id, { org, day: today(ctx) });
    const { rows } = await ctx.tx.query<any>(`SELECT name, ext, content, sha256 FROM document_attachments WHERE tenant_id = $1 AND document_id = $2 AND id = $3`, [actor.tenantId, id, attId]);
    if (!rows[0]) throw new AppError('DOC.ATTACHMENT_NOT_FOUND');
    const r = rows[0];
    return { name: r.name as string, content: Buffer.from(r.content), sha256: r.sha256 as string, contentType: TYPES[r.ext] ?? 'application/octet-stream' };
  });
}
