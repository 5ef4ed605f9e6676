// Measuring a rendered PDF the way a reader sees it: pages rasterised by poppler's pdftoppm and text
// positions read back by pdftotext (package poppler-utils). Used by the layout tests and the bench.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppError } from '../errors/index.ts';

export interface Raster {
  width: number;
  height: number;
  /** RGB, 3 bytes per pixel */
  data: Buffer;
  dpi: number;
  pxPerMm: number;
}

function withTemp<T>(pdf: Buffer, fn: (dir: string, file: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'zt-output-'));
  try {
    const file = join(dir, 'in.pdf');
    writeFileSync(file, pdf);
    return fn(dir, file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function run(cmd: string, args: string[]): Buffer {
  try {
    return execFileSync(cmd, args, { maxBuffer: 256 * 1024 * 1024 });
  } catch (e) {
    throw new AppError('OUTPUT.RENDER_FAILED', {
      message: `外部工具 ${cmd} 运行失败（需要 Debian 软件包 poppler-utils）：${(e as Error).message}`,
      details: { cmd },
    });
  }
}

/** Parses a binary PPM (P6) image. */
export function parsePpm(buf: Buffer, dpi: number): Raster {
  let pos = 0;
  const token = (): string => {
    while (pos < buf.length) {
      const c = buf[pos]!;
      if (c === 0x23) { while (buf[pos] !== 0x0a) pos++; continue; }
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) { pos++; continue; }
      break;
    }
    const start = pos;
    while (pos < buf.length && ![0x20, 0x0a, 0x0d, 0x09].includes(buf[pos]!)) pos++;
    return buf.subarray(start, pos).toString('latin1');
  };
  if (token() !== 'P6') throw new Error('not a P6 PPM');
  const width = Number(token());
  const height = Number(token());
  const max = Number(token());
  if (max !== 255) throw new Error('PPM depth other than 8 bits');
  pos++;
  return { width, height, data: buf.subarray(pos, pos + width * height * 3), dpi, pxPerMm: dpi / 25.4 };
}

/** Rasterises one page (1-based) with pdftoppm. */
export function rasterize(pdf: Buffer, page: number, dpi = 150): Raster {
  return withTemp(pdf, (dir, file) => {
    run('pdftoppm', ['-r', String(dpi), '-f', String(page), '-l', String(page), '-singlefile', file, join(dir, 'out')]);
    return parsePpm(readFileSync(join(dir, 'out.ppm')), dpi);
  });
}

/** Writes PNGs of the given pages (1-based) with pdftoppm. */
export function writePngs(pdf: Buffer, pages: number[], prefix: string, dpi = 60): void {
  withTemp(pdf, (_dir, file) => {
    for (const p of pages) run('pdftoppm', ['-r', String(dpi), '-png', '-f', String(p), '-l', String(p), '-singlefile', file, `${prefix}-${p}`]);
  });
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

/** Text positions (mm) read back with pdftotext -bbox: one entry per word (a CJK line is one word). */
export function pdfWords(pdf: Buffer, page: number): PdfWord[] {
  const html = withTemp(pdf, (_d, file) => run('pdftotext', ['-f', String(page), '-l', String(page), '-bbox', file, '-']).toString('utf8'));
  const mm = (v: string) => (Number(v) * 25.4) / 72;
  return [...html.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)].map((m) => ({
    text: m[5]!.replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>'),
    xMin: mm(m[1]!), yMin: mm(m[2]!), xMax: mm(m[3]!), yMax: mm(m[4]!),
  }));
}

/** The page count, from pdfinfo. */
export function pdfPageCount(pdf: Buffer): number {
  const out = withTemp(pdf, (_d, file) => run('pdfinfo', [file]).toString('utf8'));
  return Number(/Pages:\s+(\d+)/.exec(out)?.[1] ?? 0);
}

/** Font names embedded in the PDF, from pdffonts. */
export function pdfFonts(pdf: Buffer): string[] {
  const out = withTemp(pdf, (_d, file) => run('pdffonts', [file]).toString('utf8'));
  return out.split('\n').slice(2).filter(Boolean).map((l) => l.split(/\s+/)[0]!);
}
