// The output context's API: official documents and minutes as PDF, Word (.docx) and OFD in the
// GB/T 9704-2012 layout, each carrying the document's identity and the SM3 digest of its content.
// The renderers (render.ts: layout, fonts, pdfkit, fontkit, docx, jszip) are loaded on the first
// rendering, once per process, so a server that renders nothing never loads them.
import { digestOf, identityOf, readIdentity, verifyOutput } from './integrity.ts';
import type { OutputDocument, OutputMinutes } from './model.ts';
import type { OfdSeal, OfdSigner } from './ofd-sign.ts';
export type { OfdSeal, OfdSigner } from './ofd-sign.ts';

export type { OutputDocument, OutputMinutes, Paragraph, ParagraphInput, ParagraphStyle, Imprint, Attachment } from './model.ts';
export type { OutputIdentity, Verification, OutputFormat } from './integrity.ts';
export { digestOf, identityOf, readIdentity, verifyOutput };
export { DEBIAN_FONT_PACKAGES, FONT_ROLES, NPM_FONT_PACKAGES } from './font-specs.ts';

let renderers: Promise<typeof import('./render.ts')> | undefined;
const render = () => (renderers ??= import('./render.ts'));

export async function renderPdf(doc: OutputDocument): Promise<Buffer> {
  return (await render()).renderPdf(doc);
}
export async function renderDocx(doc: OutputDocument): Promise<Buffer> {
  return (await render()).renderDocx(doc);
}
/** The OFD; a document with a `seal` and a signer is sealed (the seal image and the SM2 signature, docs/seals.md). */
export async function renderOfd(doc: OutputDocument, signer?: OfdSigner): Promise<Buffer> {
  return (await render()).renderOfd(doc, signer);
}
/** The seal verdict of an OFD file: valid, altered (which file), unknown seal, or unsigned. */
export async function verifyOfd(file: Buffer, registry?: (seal: OfdSeal) => Promise<string | null>) {
  return (await render()).verifyOfd(file, registry);
}

export async function renderMinutesPdf(m: OutputMinutes): Promise<Buffer> {
  return (await render()).renderMinutesPdf(m);
}
export async function renderMinutesDocx(m: OutputMinutes): Promise<Buffer> {
  return (await render()).renderMinutesDocx(m);
}
export async function renderMinutesOfd(m: OutputMinutes): Promise<Buffer> {
  return (await render()).renderMinutesOfd(m);
}
