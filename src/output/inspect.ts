// Measuring a rendered PDF the way a reader sees it, with npm packages only (development dependencies):
// pdfjs-dist parses the PDF, reads the glyph positions and rasterises the pages onto an @napi-rs/canvas,
// drawing every glyph from the fonts embedded in the PDF. Used by the layout tests and the bench.
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { createCanvas } from '@napi-rs/canvas';
import { getDocument, OPS, type PDFDocumentProxy, type PDFPageProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { AppError } from '../errors/index.ts';

export interface Raster {
  width: number;
  height: number;
  /** RGB, 3 bytes per pixel */
  data: Buffer;
  dpi: number;
  pxPerMm: number;
}

const PDFJS_DIR = dirname(dirname(dirname(createRequire(import.meta.url).resolve('pdfjs-dist/legacy/build/pdf.mjs'))));
const PT_TO_MM = 25.4 / 72;

/** One parse per PDF buffer: the tests read the same document many times. */
const documents = new WeakMap<Buffer, Promise<PDFDocumentProxy>>();

function failed(what: string, e: unknown): AppError {
  return new AppError('OUTPUT.RENDER_FAILED', {
    message: `PDF ${what}失败（pdfjs-dist / @napi-rs/canvas，npm 开发依赖）：${(e as Error)?.message ?? String(e)}`,
    details: { what },
  });
}

function openPdf(pdf: Buffer): Promise<PDFDocumentProxy> {
  let doc = documents.get(pdf);
  if (!doc) {
    doc = getDocument({
      data: new Uint8Array(pdf), // a copy: pdfjs takes ownership of the bytes it is given
      // glyphs are drawn from the PDF's embedded fonts only, never from a system or standard font
      disableFontFace: true,
      useSystemFonts: false,
      standardFontDataUrl: join(PDFJS_DIR, 'standard_fonts') + '/',
      cMapUrl: join(PDFJS_DIR, 'cmaps') + '/',
      cMapPacked: true,
      wasmUrl: join(PDFJS_DIR, 'wasm') + '/',
      isEvalSupported: false,
    }).promise;
    doc.catch(() => documents.delete(pdf));
    documents.set(pdf, doc);
  }
  return doc.catch((e: unknown) => { throw failed('解析', e); });
}

async function openPage(pdf: Buffer, page: number): Promise<PDFPageProxy> {
  const doc = await openPdf(pdf);
  try {
    return await doc.getPage(page);
  } catch (e) {
    throw failed(`第 ${page} 页读取`, e);
  }
}

async function drawPage(pdf: Buffer, page: number, dpi: number) {
  const p = await openPage(pdf, page);
  const viewport = p.getViewport({ scale: dpi / 72 });
  const canvas = createCanvas(Math.ceil(viewport.width - 1e-6), Math.ceil(viewport.height - 1e-6));
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  try {
    await p.render({ canvas: canvas as unknown as HTMLCanvasElement, viewport, background: '#ffffff', intent: 'print' }).promise;
  } catch (e) {
    throw failed(`第 ${page} 页光栅化`, e);
  }
  return { canvas, ctx };
}

/** Rasterises one page (1-based) on a white background. */
export async function rasterize(pdf: Buffer, page: number, dpi = 150): Promise<Raster> {
  const { canvas, ctx } = await drawPage(pdf, page, dpi);
  const { width, height } = canvas;
  const rgba = ctx.getImageData(0, 0, width, height).data;
  const data = Buffer.allocUnsafe(width * height * 3);
  for (let i = 0, j = 0; i < rgba.length; i += 4, j += 3) {
    data[j] = rgba[i]!;
    data[j + 1] = rgba[i + 1]!;
    data[j + 2] = rgba[i + 2]!;
  }
  return { width, height, data, dpi, pxPerMm: dpi / 25.4 };
}

/** Writes PNGs of the given pages (1-based) as `${prefix}-${page}.png`. */
export async function writePngs(pdf: Buffer, pages: number[], prefix: string, dpi = 60): Promise<void> {
  mkdirSync(dirname(prefix), { recursive: true });
  for (const p of pages) {
    const { canvas } = await drawPage(pdf, p, dpi);
    writeFileSync(`${prefix}-${p}.png`, await canvas.encode('png'));
  }
}

export type PixelTest = (r: number, g: number, b: number) => boolean;
export const isRed: PixelTest = (r, g, b) => r > 160 && g < 110 && b < 110;
export const isDark: PixelTest = (r, g, b) => r < 140 && g < 140 && b < 140;

export interface Band { top: number; bottom: number }

/** Rows (mm) with at least minPx pixels passing the test between x0 and x1 (mm), grouped into bands. */
export function rowBands(img: Raster, test: PixelTest, opts: { x0?: number; x1?: number; y0?: number; y1?: number; minPx?: number } = {}): Band[] {
  const k = img.pxPerMm;
  const x0 = Math.max(0, Math.round((opts.x0 ?? 0) * k));
  const x1 = Math.min(img.width, Math.round((opts.x1 ?? 1e9) * k));
  const y0 = Math.max(0, Math.round((opts.y0 ?? 0) * k));
  const y1 = Math.min(img.height, Math.round((opts.y1 ?? 1e9) * k));
  const bands: Band[] = [];
  let open: number | null = null;
  for (let y = y0; y < y1; y++) {
    let n = 0;
    for (let x = x0; x < x1; x++) {
      const i = (y * img.width + x) * 3;
      if (test(img.data[i]!, img.data[i + 1]!, img.data[i + 2]!)) n++;
    }
    const hit = n >= (opts.minPx ?? 1);
    if (hit && open === null) open = y;
    if (!hit && open !== null) { bands.push({ top: open / k, bottom: y / k }); open = null; }
  }
  if (open !== null) bands.push({ top: open / k, bottom: y1 / k });
  return bands;
}

/** Leftmost and rightmost pixel (mm) passing the test within a band of rows. */
export function inkExtent(img: Raster, test: PixelTest, band: Band): { left: number; right: number } | null {
  const k = img.pxPerMm;
  let left = Infinity;
  let right = -Infinity;
  for (let y = Math.round(band.top * k); y < Math.round(band.bottom * k); y++) {
    for (let x = 0; x < img.width; x++) {
      const i = (y * img.width + x) * 3;
      if (test(img.data[i]!, img.data[i + 1]!, img.data[i + 2]!)) { left = Math.min(left, x); right = Math.max(right, x + 1); }
    }
  }
  return left === Infinity ? null : { left: left / k, right: right / k };
}

/** Column ink profile of a band (count of passing pixels per column). */
export function columnProfile(img: Raster, test: PixelTest, band: Band): number[] {
  const k = img.pxPerMm;
  const prof = new Array<number>(img.width).fill(0);
  for (let y = Math.round(band.top * k); y < Math.round(band.bottom * k); y++) {
    for (let x = 0; x < img.width; x++) {
      const i = (y * img.width + x) * 3;
      if (test(img.data[i]!, img.data[i + 1]!, img.data[i + 2]!)) prof[x]!++;
    }
  }
  return prof;
}

/** The dominant period (mm) of a profile between minMm and maxMm, by autocorrelation. */
export function dominantPeriod(profile: number[], pxPerMm: number, minMm: number, maxMm: number): number {
  const mean = profile.reduce((s, v) => s + v, 0) / profile.length;
  const p = profile.map((v) => v - mean);
  let best = 0;
  let bestLag = 0;
  for (let lag = Math.floor(minMm * pxPerMm); lag <= Math.ceil(maxMm * pxPerMm); lag++) {
    let s = 0;
    for (let i = 0; i + lag < p.length; i++) s += p[i]! * p[i + lag]!;
    if (s > best) { best = s; bestLag = lag; }
  }
  // refine: the period over many multiples of the lag is more precise than one lag in whole pixels
  let bestFine = bestLag;
  let bestS = -Infinity;
  for (let m = 10; m >= 1; m--) {
    const center = bestLag * m;
    let localBest = -Infinity;
    let localLag = center;
    for (let lag = center - m; lag <= center + m; lag++) {
      let s = 0;
      for (let i = 0; i + lag < p.length; i++) s += p[i]! * p[i + lag]!;
      if (s > localBest) { localBest = s; localLag = lag; }
    }
    if (localBest > 0) { bestFine = localLag / m; bestS = localBest; break; }
  }
  void bestS;
  return bestFine / pxPerMm;
}

export interface PdfWord { text: string; xMin: number; yMin: number; xMax: number; yMax: number }

type Matrix = [number, number, number, number, number, number];
const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];
/** m × n: n applied first (the order of pdfjs's Util.transform) */
const mul = (m: ArrayLike<number>, n: ArrayLike<number>): Matrix => [
  m[0]! * n[0]! + m[2]! * n[1]!, m[1]! * n[0]! + m[3]! * n[1]!,
  m[0]! * n[2]! + m[2]! * n[3]!, m[1]! * n[2]! + m[3]! * n[3]!,
  m[0]! * n[4]! + m[2]! * n[5]! + m[4]!, m[1]! * n[4]! + m[3]! * n[5]! + m[5]!,
];
const apply = (m: ArrayLike<number>, x: number, y: number): [number, number] => [m[0]! * x + m[2]! * y + m[4]!, m[1]! * x + m[3]! * y + m[5]!];

/** The font object pdfjs shares between pages (its name is the font dictionary's BaseFont). */
interface PdfjsFont { name?: string; ascent?: number; descent?: number; fontMatrix?: number[] }
/** A glyph in a showText operation of pdfjs's operator list. */
interface PdfjsGlyph { unicode: string; width: number; isSpace: boolean }

function fontOf(page: PDFPageProxy, id: string): Promise<PdfjsFont> {
  // fonts arrive in commonObjs asynchronously: wait for the one asked for
  return new Promise((resolve) => page.commonObjs.get(id, (font: PdfjsFont) => resolve(font)));
}

/** A glyph as drawn: page coordinates in pt, top-left origin. */
interface PlacedGlyph { ch: string; x0: number; x1: number; base: number; size: number; font: string; space: boolean }

/**
 * The glyphs of a page in content order, from pdfjs's operator list: the text state (font, size, Tc, Tw,
 * Tz, Ts, Tm) and the CTM followed as a PDF viewer does. Horizontal writing only (all that 政通 draws).
 */
async function pageGlyphs(page: PDFPageProxy): Promise<{ glyphs: PlacedGlyph[]; fonts: Map<string, PdfjsFont> }> {
  let list;
  try {
    list = await page.getOperatorList({ intent: 'print' });
  } catch (e) {
    throw failed(`第 ${page.pageNumber} 页读取`, e);
  }
  const view = page.getViewport({ scale: 1 }).transform;
  const fonts = new Map<string, PdfjsFont>();
  const glyphs: PlacedGlyph[] = [];
  interface State { ctm: Matrix; font: string; size: number; tc: number; tw: number; th: number; rise: number; leading: number }
  let s: State = { ctm: IDENTITY, font: '', size: 0, tc: 0, tw: 0, th: 1, rise: 0, leading: 0 };
  const stack: State[] = [];
  let tm: Matrix = IDENTITY;
  let tlm: Matrix = IDENTITY;
  const moveText = (tx: number, ty: number) => { tlm = mul(tlm, [1, 0, 0, 1, tx, ty]); tm = tlm; };
  for (let i = 0; i < list.fnArray.length; i++) {
    const fn = list.fnArray[i];
    const args = list.argsArray[i] as any[];
    switch (fn) {
      case OPS.save: stack.push({ ...s }); break;
      case OPS.restore: s = stack.pop() ?? s; break;
      case OPS.transform: s.ctm = mul(s.ctm, args); break;
      case OPS.paintFormXObjectBegin: stack.push({ ...s }); if (args[0]) s.ctm = mul(s.ctm, args[0]); break;
      case OPS.paintFormXObjectEnd: s = stack.pop() ?? s; break;
      case OPS.beginText: tm = IDENTITY; tlm = IDENTITY; break;
      case OPS.setTextMatrix: tm = tlm = [...(args[0] ?? args)].slice(0, 6) as Matrix; break;
      case OPS.moveText: moveText(args[0], args[1]); break;
      case OPS.setLeadingMoveText: s.leading = -args[1]; moveText(args[0], args[1]); break;
      case OPS.nextLine: moveText(0, -s.leading); break;
      case OPS.setLeading: s.leading = args[0]; break;
      case OPS.setFont:
        s.font = args[0];
        s.size = args[1];
        if (!fonts.has(s.font)) fonts.set(s.font, await fontOf(page, s.font));
        break;
      case OPS.setCharSpacing: s.tc = args[0]; break;
      case OPS.setWordSpacing: s.tw = args[0]; break;
      case OPS.setHScale: s.th = args[0] / 100; break;
      case OPS.setTextRise: s.rise = args[0]; break;
      case OPS.showText: {
        const font = fonts.get(s.font) ?? {};
        const fm = font.fontMatrix?.[0] ?? 0.001;
        for (const g of args[0] as Array<PdfjsGlyph | number>) {
          if (typeof g === 'number') { tm = mul(tm, [1, 0, 0, 1, (-g / 1000) * s.size * s.th, 0]); continue; }
          const advance = (g.width * fm * s.size + s.tc + (g.isSpace ? s.tw : 0)) * s.th;
          const m = mul(view, mul(s.ctm, tm));
          const [xa, ya] = apply(m, 0, s.rise);
          const [xb] = apply(m, advance, s.rise);
          glyphs.push({
            ch: g.unicode, x0: Math.min(xa, xb), x1: Math.max(xa, xb), base: ya,
            size: s.size * Math.hypot(m[2], m[3]), font: s.font, space: g.isSpace || g.unicode.trim() === '',
          });
          tm = mul(tm, [1, 0, 0, 1, advance, 0]);
        }
        break;
      }
      default: break;
    }
  }
  return { glyphs, fonts };
}

/**
 * Text positions (mm, top-left origin), one entry per word as pdftotext -bbox gives them: glyphs of one
 * font and size on one baseline, each starting where the previous one ends (within −0.2 and +0.1 of the
 * font size), form a word; a space or a wider gap ends it, so a CJK line is one word. The box spans the
 * font's ascent and descent (from its font descriptor) around the baseline, and from the first glyph's
 * origin to the last glyph's advance (character spacing included).
 */
export async function pdfWords(pdf: Buffer, page: number): Promise<PdfWord[]> {
  const { glyphs, fonts } = await pageGlyphs(await openPage(pdf, page));
  const words: PdfWord[] = [];
  let cur: { text: string; x0: number; x1: number; base: number; size: number; font: string } | null = null;
  const end = () => {
    if (!cur) return;
    const f = fonts.get(cur.font);
    const ascent = f?.ascent || 0.95;
    const descent = f?.descent || -0.35;
    words.push({
      text: cur.text,
      xMin: cur.x0 * PT_TO_MM, xMax: cur.x1 * PT_TO_MM,
      yMin: (cur.base - ascent * cur.size) * PT_TO_MM, yMax: (cur.base - descent * cur.size) * PT_TO_MM,
    });
    cur = null;
  };
  for (const g of glyphs) {
    if (g.space) { end(); continue; }
    if (cur) {
      const gap = g.x0 - cur.x1;
      if (g.font !== cur.font || Math.abs(g.size - cur.size) > 0.01 || Math.abs(g.base - cur.base) > 0.5 || gap > 0.1 * cur.size || gap < -0.2 * cur.size) end();
    }
    if (cur) { cur.text += g.ch; cur.x1 = g.x1; }
    else cur = { text: g.ch, x0: g.x0, x1: g.x1, base: g.base, size: g.size, font: g.font };
  }
  end();
  return words;
}

/** The page count. */
export async function pdfPageCount(pdf: Buffer): Promise<number> {
  return (await openPdf(pdf)).numPages;
}

/** The fonts the pages draw with, by the BaseFont of their font dictionaries (e.g. ABCDEF+NotoSerifSC-Regular). */
export async function pdfFonts(pdf: Buffer): Promise<string[]> {
  const doc = await openPdf(pdf);
  const names = new Set<string>();
  for (let p = 1; p <= doc.numPages; p++) {
    const { fonts } = await pageGlyphs(await openPage(pdf, p));
    for (const f of fonts.values()) if (f.name) names.add(f.name);
  }
  return [...names];
}
