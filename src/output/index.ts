// The output context's API: official documents and minutes as PDF, Word (.docx) and OFD in the
// GB/T 9704-2012 layout, each carrying the document's identity and the SM3 digest of its content.
import { layoutToDocx, minutesToDocx } from './docx.ts';
import { digestOf, identityOf, readIdentity, verifyOutput } from './integrity.ts';
import { layoutDocument, layoutMinutes } from './layout.ts';
import type { OutputDocument, OutputMinutes } from './model.ts';
import { layoutToOfd } from './ofd.ts';
import { layoutToPdf } from './pdf.ts';

export type { OutputDocument, OutputMinutes, Paragraph, ParagraphInput, ParagraphStyle, Imprint, Attachment } from './model.ts';
export type { OutputIdentity, Verification, OutputFormat } from './integrity.ts';
export { digestOf, identityOf, readIdentity, verifyOutput };
export { DEBIAN_FONT_PACKAGES, FONT_SPECS } from './fonts.ts';

export async function renderPdf(doc: OutputDocument): Promise<Buffer> {
  return layoutToPdf(layoutDocument(doc), doc);
}
export async function renderDocx(doc: OutputDocument): Promise<Buffer> {
  return layoutToDocx(doc);
}
export async function renderOfd(doc: OutputDocument): Promise<Buffer> {
  return layoutToOfd(layoutDocument(doc), doc);
}

export async function renderMinutesPdf(m: OutputMinutes): Promise<Buffer> {
  return layoutToPdf(layoutMinutes(m), m);
}
export async function renderMinutesDocx(m: OutputMinutes): Promise<Buffer> {
  return minutesToDocx(m);
}
export async function renderMinutesOfd(m: OutputMinutes): Promise<Buffer> {
  return layoutToOfd(layoutMinutes(m), m);
}
