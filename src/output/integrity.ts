// Identity and SM3 digest of an output. digestOf(doc) hashes the document's canonical content (every
// element that is printed, in a fixed order); each renderer embeds the id, 发文字号 and digest in the
// file, so a printed or exchanged copy can be checked against the digest recorded in the audit trail.
import { createHash } from 'node:crypto';
import type JSZip from 'jszip';
import { AppError } from '../errors/index.ts';
import { paragraphOf, type OutputDocument, type OutputMinutes, type ParagraphInput } from './model.ts';

export type Outputtable = OutputDocument | OutputMinutes;

export const isMinutes = (d: Outputtable): d is OutputMinutes => 'mark' in d && !('issuerMark' in d);

/** The identity an output carries. */
export interface OutputIdentity {
  documentId: string;
  /** 发文字号 of a document; the 纪要标志 and issue of minutes */
  documentNumber: string;
  /** SM3 of the canonical content, lowercase hex */
  sm3: string;
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value as object).sort()) {
      const v = (value as Record<string, unknown>)[k];
      if (v !== undefined) out[k] = canonical(v);
    }
    return out;
  }
  return value;
}

const paras = (ps: ParagraphInput[]) => ps.map(paragraphOf);

/** The canonical content: the document with detected paragraph styles, keys sorted, as JSON. */
export function canonicalContent(doc: Outputtable): string {
  const normal = isMinutes(doc)
    ? { kind: 'minutes', ...doc, body: paras(doc.body) }
    : {
        kind: 'document',
        ...doc,
        body: paras(doc.body),
        attachments: doc.attachments?.map((a) => ({ title: a.title, body: paras(a.body) })),
      };
  return JSON.stringify(canonical(normal));
}

/** SM3 digest (hex) of the document's canonical content: record it in the audit trail. */
export function digestOf(doc: Outputtable): string {
  return createHash('sm3').update(canonicalContent(doc), 'utf8').digest('hex');
}

export function identityOf(doc: Outputtable): OutputIdentity {
  return {
    documentId: doc.id,
    documentNumber: isMinutes(doc) ? [doc.mark, doc.issue].filter(Boolean).join(' ') : doc.documentNumber,
    sm3: digestOf(doc),
  };
}

export type OutputFormat = 'pdf' | 'docx' | 'ofd';

/** Names of the embedded fields, the same in every format. */
export const FIELD = { id: 'ZhengtongDocumentId', number: 'ZhengtongDocumentNumber', sm3: 'ZhengtongSM3' } as const;

function decodePdfString(raw: string): string {
  if (raw.startsWith('<')) {
    const hex = raw.slice(1, -1).replace(/\s+/g, '');
    const bytes = Buffer.from(hex, 'hex');
    if (bytes[0] === 0xfe && bytes[1] === 0xff) return bytes.subarray(2).swap16().toString('utf16le');
    return bytes.toString('latin1');
  }
  const body = raw.slice(1, -1).replace(/\\([nrtbf()\\]|[0-7]{1,3})/g, (_m, e: string) => {
    const map: Record<string, string> = { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f', '(': '(', ')': ')', '\\': '\\' };
    return map[e] ?? String.fromCharCode(parseInt(e, 8));
  });
  const bytes = Buffer.from(body, 'latin1');
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return Buffer.from(bytes.subarray(2)).swap16().toString('utf16le');
  return body;
}

function pdfField(pdf: string, name: string): string | undefined {
  const STR = '(\\((?:\\\\.|[^\\\\)])*\\)|<[0-9A-Fa-f\\s]*>)';
  const direct = new RegExp(`/${name}\\s*${STR}`).exec(pdf);
  if (direct) return decodePdfString(direct[1]!);
  // pdfkit writes information entries as indirect objects: /Name 12 0 R … 12 0 obj (value) endobj
  const ref = new RegExp(`/${name}\\s+(\\d+)\\s+(\\d+)\\s+R`).exec(pdf);
  if (!ref) return undefined;
  const obj = new RegExp(`(?:^|[\\r\\n])${ref[1]}\\s+${ref[2]}\\s+obj\\s*${STR}`).exec(pdf);
  return obj ? decodePdfString(obj[1]!) : undefined;
}

const xmlText = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');

// jszip is needed only to read a .docx or OFD back: loaded then, once per process
let jszip: Promise<typeof JSZip> | undefined;
const loadJSZip = () => (jszip ??= import('jszip').then((m) => m.default));

/** Reads the identity embedded in a PDF, .docx or OFD file produced here. */
export async function readIdentity(file: Buffer): Promise<{ format: OutputFormat; identity: OutputIdentity }> {
  if (file.subarray(0, 5).toString('latin1') === '%PDF-') {
    const pdf = file.toString('latin1');
    const id = pdfField(pdf, FIELD.id);
    const sm3 = pdfField(pdf, FIELD.sm3);
    if (!id || !sm3) throw new AppError('OUTPUT.NO_EMBEDDED_DIGEST');
    return { format: 'pdf', identity: { documentId: id, documentNumber: pdfField(pdf, FIELD.number) ?? '', sm3 } };
  }
  if (file[0] === 0x50 && file[1] === 0x4b) {
    const zip = await (await loadJSZip()).loadAsync(file);
    const custom = zip.file('docProps/custom.xml');
    if (custom) {
      const xml = await custom.async('string');
      const prop = (n: string) => {
        const m = new RegExp(`name="${n}"[^>]*>\\s*<vt:lpwstr>([^<]*)</vt:lpwstr>`).exec(xml);
        return m ? xmlText(m[1]!) : undefined;
      };
      const id = prop(FIELD.id);
      const sm3 = prop(FIELD.sm3);
      if (!id || !sm3) throw new AppError('OUTPUT.NO_EMBEDDED_DIGEST');
      return { format: 'docx', identity: { documentId: id, documentNumber: prop(FIELD.number) ?? '', sm3 } };
    }
    const ofd = zip.file('OFD.xml');
    if (ofd) {
      const xml = await ofd.async('string');
      const data = (n: string) => {
        const m = new RegExp(`<ofd:CustomData Name="${n}">([^<]*)</ofd:CustomData>`).exec(xml);
        return m ? xmlText(m[1]!) : undefined;
      };
      const id = data(FIELD.id);
      const sm3 = data(FIELD.sm3);
      if (!id || !sm3) throw new AppError('OUTPUT.NO_EMBEDDED_DIGEST');
      return { format: 'ofd', identity: { documentId: id, documentNumber: data(FIELD.number) ?? '', sm3 } };
    }
  }
  throw new AppError('OUTPUT.UNKNOWN_FORMAT');
}

export interface Verification {
  valid: boolean;
  format: OutputFormat;
  identity: OutputIdentity;
  /** the digest the caller expected (from the register / audit trail) */
  expected: string;
}

/** Checks a file against the digest recorded for it: valid when the embedded SM3 equals it. */
export async function verifyOutput(file: Buffer, expectedSm3: string): Promise<Verification> {
  const { format, identity } = await readIdentity(file);
  return { valid: identity.sm3.toLowerCase() === expectedSm3.toLowerCase(), format, identity, expected: expectedSm3 };
}
