// The renderers behind the output context's API (index.ts), which loads this module on first use:
// it brings in the layout, the fonts and the PDF, Word and OFD writers (pdfkit, fontkit, docx, jszip).
import { layoutToDocx, minutesToDocx } from './docx.ts';
import { layoutDocument, layoutMinutes } from './layout.ts';
import type { OutputDocument, OutputMinutes } from './model.ts';
import { layoutToOfd } from './ofd.ts';
import type { OfdSigner } from './ofd-sign.ts';
import { layoutToPdf } from './pdf.ts';

export const renderPdf = async (doc: OutputDocument): Promise<Buffer> => layoutToPdf(layoutDocument(doc), doc);
export const renderDocx = async (doc: OutputDocument): Promise<Buffer> => layoutToDocx(doc);
export const renderOfd = async (doc: OutputDocument, signer?: OfdSigner): Promise<Buffer> => layoutToOfd(layoutDocument(doc), doc, signer);
export { verifyOfd } from './ofd-sign.ts';

export const renderMinutesPdf = async (m: OutputMinutes): Promise<Buffer> => layoutToPdf(layoutMinutes(m), m);
export const renderMinutesDocx = async (m: OutputMinutes): Promise<Buffer> => minutesToDocx(m);
export const renderMinutesOfd = async (m: OutputMinutes): Promise<Buffer> => layoutToOfd(layoutMinutes(m), m);
