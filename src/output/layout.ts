// The GB/T 9704-2012 layout engine: an OutputDocument or OutputMinutes becomes pages of positioned
// glyphs and rules, in millimetres from the top-left corner of an A4 page. The PDF and OFD renderers
// draw exactly these positions; the Word export reproduces the same layout with Word's own grid.
import { AppError } from '../errors/index.ts';
import { loadAllFonts, type FontRole, type LoadedFont } from './fonts.ts';
import {
  chineseDate, headingLength, paragraphOf,
  type Imprint, type OutputDocument, type OutputMinutes, type ParagraphInput, type ParagraphStyle,
} from './model.ts';

/** GB/T 9704-2012 numbers, in millimetres. */
export const GB9704 = {
  pageWidth: 210,
  pageHeight: 297,
  /** 天头 (5.2.2) */
  top: 37,
  /** 订口 (5.2.2) */
  left: 28,
  /** 版心 (5.2.2) */
  bodyWidth: 156,
  bodyHeight: 225,
  /** 5.2.4: 22 lines of 28 characters */
  linesPerPage: 22,
  charsPerLine: 28,
  /** 7.2.4 / clause 9: the mark's upper edge 35 mm below the top of the 版心 */
  markOffset: 35,
  /** 7.2.7: the red separator 4 mm below the 发文字号 */
  separatorGap: 4,
  /** 7.5: the page number's 一字线 7 mm below the 版心 */
  pageNumberGap: 7,
  /** 7.4.1: thick and thin rules of the 版记 */
  imprintThick: 0.35,
  imprintThin: 0.25,
} as const;

export const PT = 25.4 / 72;
/** 字号 in millimetres: 2号 22 pt, 3号 16 pt, 4号 14 pt */
export const SIZE = { h2: 22 * PT, h3: 16 * PT, h4: 14 * PT } as const;
export const LINE_PITCH = GB9704.bodyHeight / GB9704.linesPerPage;
export const CELL = GB9704.bodyWidth / GB9704.charsPerLine;
export const BODY_BOTTOM = GB9704.top + GB9704.bodyHeight;
export const BODY_RIGHT = GB9704.left + GB9704.bodyWidth;
/** 红色分隔线 thickness (the standard leaves it open) */
export const SEPARATOR_THICKNESS = 0.5;

export type Rgb = readonly [number, number, number];
export const RED: Rgb = [255, 0, 0];
export const BLACK: Rgb = [0, 0, 0];

export interface PlacedRun {
  role: FontRole;
  /** font size, mm */
  size: number;
  color: Rgb;
  /** baseline, mm from the top of the page */
  baseline: number;
  chars: string[];
  /** left edge of each glyph's advance, mm */
  xs: number[];
}

/** A horizontal rule; y is its centre line. */
export interface PlacedRule { x: number; y: number; width: number; thickness: number; color: Rgb; kind: string }

export interface LaidPage {
  runs: PlacedRun[];
  rules: PlacedRule[];
  /** printed page number, null when the page carries none (blank page before the 版记 page) */
  number: number | null;
  /** what the page holds, for tests and diagnostics */
  kind: 'first' | 'body' | 'attachment' | 'blank' | 'imprint';
  /** top of each text line placed on the page (mm), in order */
  lineTops: number[];
  /** centre of the seal (mm) on the page of the 署名 and 成文日期 of a sealed document (7.3.5.1) */
  sealAt?: { x: number; y: number };
}

export interface Layout { pages: LaidPage[] }

// ---------------------------------------------------------------- glyphs and line breaking

interface Glyph { ch: string; role: FontRole; w: number /* in cells */ }

const NO_LINE_START = new Set([...'，。、；：？！）》」』”’〕】…—%％·.,;:?!)]}']);
const NO_LINE_END = new Set([...'（《「『“‘〔【([{']);
const isHalf = (ch: string) => ch.codePointAt(0)! < 0x2000 && ch !== '—' && ch !== '…';
const isWordChar = (ch: string) => /[A-Za-z0-9.]/.test(ch);

class Fonts {
  readonly all: Record<FontRole, LoadedFont>;
  readonly missing = new Set<string>();
  constructor() { this.all = loadAllFonts(); }
  /** the role that can show ch: the asked role, else the fallback face, else recorded as missing */
  roleFor(ch: string, role: FontRole): FontRole {
    const cp = ch.codePointAt(0)!;
    if (/\s/.test(ch) || this.all[role].font.hasGlyphForCodePoint(cp)) return role;
    if (this.all.fallback.font.hasGlyphForCodePoint(cp)) return 'fallback';
    this.missing.add(ch);
    return role;
  }
  /** natural advance of ch in mm at size */
  advance(ch: string, role: FontRole, size: number): number {
    const f = this.all[role].font;
    const cp = ch.codePointAt(0)!;
    if (ch === ' ') return size / 2;
    if (ch === '\u3000') return size;
    return (f.glyphForCodePoint(cp).advanceWidth / f.unitsPerEm) * size;
  }
  check(): void {
    if (this.missing.size) {
      const chars = [...this.missing];
      throw new AppError('OUTPUT.GLYPH_MISSING', {
        message: `公文中有字体无法显示的字符：${chars.join('')}`,
        details: { chars, codePoints: chars.map((c) => 'U+' + c.codePointAt(0)!.toString(16).toUpperCase()) },
      });
    }
  }
}

function glyphs(fonts: Fonts, text: string, role: FontRole, leadRole?: FontRole, leadLen = 0): Glyph[] {
  return [...text].map((ch, i) => {
    const r = i < leadLen && leadRole ? leadRole : role;
    return { ch, role: fonts.roleFor(ch, r), w: isHalf(ch) ? 0.5 : 1 };
  });
}

const widthOf = (gs: Glyph[]) => gs.reduce((s, g) => s + g.w, 0);

/** Breaks glyphs into lines of at most `first` cells (then `rest`), with the Chinese line-breaking rules. */
export function breakLines<G extends { ch: string; w: number }>(gs: G[], first: number, rest: number): G[][] {
  const lines: G[][] = [];
  let i = 0;
  while (i < gs.length) {
    const cap = lines.length === 0 ? first : rest;
    let w = 0;
    let j = i;
    while (j < gs.length && w + gs[j]!.w <= cap + 1e-9) { w += gs[j]!.w; j++; }
    if (j < gs.length && j > i) {
      let k = j;
      // a closing mark may not start a line, an opening mark may not end one: move characters down
      for (let guard = 0; guard < 3 && k - 1 > i; guard++) {
        if (NO_LINE_START.has(gs[k]!.ch) || NO_LINE_END.has(gs[k - 1]!.ch)) k--;
        else break;
      }
      // keep a number or Latin word whole
      if (isWordChar(gs[k]!.ch) && isWordChar(gs[k - 1]!.ch)) {
        let s = k;
        while (s > i && isWordChar(gs[s - 1]!.ch)) s--;
        if (s > i + 1) k = s;
      }
      j = k;
    }
    lines.push(gs.slice(i, j));
    i = j;
  }
  return lines;
}

// ---------------------------------------------------------------- page flow

class Flow {
  pages: LaidPage[] = [];
  page!: LaidPage;
  /** top of the next line cell */
  y: number = GB9704.top;
  constructor(readonly fonts: Fonts) { this.newPage('first'); }

  newPage(kind: LaidPage['kind']): void {
    this.page = { runs: [], rules: [], number: null, kind, lineTops: [] };
    this.pages.push(this.page);
    this.y = GB9704.top;
  }
  get atTop(): boolean { return this.y <= GB9704.top + 1e-6; }
  blank(n = 1): void {
    for (let i = 0; i < n; i++) {
      if (this.atTop) return;
      this.y += LINE_PITCH;
      if (this.y + LINE_PITCH > BODY_BOTTOM + 1e-6) this.newPage('body');
    }
  }
  /** the cell top for one more line, breaking the page when the 版心 is full */
  take(): number {
    if (this.y + LINE_PITCH > BODY_BOTTOM + 1e-6) this.newPage(this.page.kind === 'attachment' ? 'attachment' : 'body');
    const top = this.y;
    this.y += LINE_PITCH;
    this.page.lineTops.push(top);
    return top;
  }

  /** baseline that centres an ideograph of `size` in a cell of `pitch` starting at `top` */
  baseline(top: number, role: FontRole, size: number, pitch = LINE_PITCH): number {
    return top + pitch / 2 + this.fonts.all[role].centreToBaseline * size;
  }

  /**
   * Places glyphs on the grid: glyph i occupies its cell(s) from `startCell`; the em box is centred
   * in the cell. `spread` extra millimetres are shared between the gaps (justified lines).
   */
  placeGrid(top: number, gs: Glyph[], startX: number, size: number, color: Rgb, cell = CELL, spread = 0): void {
    const gap = gs.length > 1 ? spread / (gs.length - 1) : 0;
    let x = startX;
    const runs = new Map<string, PlacedRun>();
    gs.forEach((g, i) => {
      const cw = g.w * cell;
      if (!/\s/.test(g.ch)) {
        const adv = this.fonts.advance(g.ch, g.role, size);
        const key = g.role;
        let run = runs.get(key);
        if (!run) {
          run = { role: g.role, size, color, baseline: this.baseline(top, g.role, size), chars: [], xs: [] };
          runs.set(key, run);
        }
        run.chars.push(g.ch);
        run.xs.push(x + (cw - adv) / 2);
      }
      x += cw + (i < gs.length - 1 ? gap : 0);
    });
    this.page.runs.push(...runs.values());
  }

  /** natural-width text (titles, marks): glyphs at their own advances; returns its width */
  placeNatural(top: number, gs: Glyph[], x: number, size: number, color: Rgb, pitch = LINE_PITCH): void {
    const runs = new Map<string, PlacedRun>();
    for (const g of gs) {
      const adv = this.fonts.advance(g.ch, g.role, size);
      if (!/\s/.test(g.ch)) {
        let run = runs.get(g.role);
        if (!run) {
          run = { role: g.role, size, color, baseline: this.baseline(top, g.role, size, pitch), chars: [], xs: [] };
          runs.set(g.role, run);
        }
        run.chars.push(g.ch);
        run.xs.push(x);
      }
      x += adv;
    }
    this.page.runs.push(...runs.values());
  }
  naturalWidth(gs: Glyph[], size: number): number {
    return gs.reduce((s, g) => s + this.fonts.advance(g.ch, g.role, size), 0);
  }

  rule(y: number, thickness: number, color: Rgb, kind: string, x = GB9704.left, width = GB9704.bodyWidth): void {
    this.page.rules.push({ x, y, width, thickness, color, kind });
  }

  // -------------------------------------------------------------- text blocks

  /** a paragraph of the body: first line indented `indent` cells, later lines at `hang` cells */
  paragraph(p: { text: string; style: ParagraphStyle }, opts: { indent?: number; hang?: number } = {}): void {
    const style = p.style;
    if (style === 'chapter' || style === 'center') {
      const role: FontRole = style === 'chapter' ? 'heiti' : 'fangsong';
      const gs = glyphs(this.fonts, p.text, role);
      for (const line of breakLines(gs, GB9704.charsPerLine, GB9704.charsPerLine)) {
        const top = this.take();
        const w = widthOf(line) * CELL;
        this.placeGrid(top, line, GB9704.left + (GB9704.bodyWidth - w) / 2, SIZE.h3, BLACK);
      }
      return;
    }
    const leadRole: FontRole | undefined =
      style === 'h1' || style === 'article' ? 'heiti' : style === 'h2' ? 'kaiti' : undefined;
    const gs = glyphs(this.fonts, p.text, 'fangsong', leadRole, headingLength(p));
    this.wrapped(gs, opts.indent ?? 2, opts.hang ?? 0);
  }

  /** grid text wrapped in the 版心, justified except its last line */
  wrapped(gs: Glyph[], indent: number, hang: number, size = SIZE.h3, cell = CELL, chars: number = GB9704.charsPerLine, leftMm = GB9704.left): void {
    const lines = breakLines(gs, chars - indent, chars - hang);
    lines.forEach((line, i) => {
      const top = this.take();
      const start = i === 0 ? indent : hang;
      const last = i === lines.length - 1;
      const slack = (chars - start - widthOf(line)) * cell;
      this.placeGrid(top, line, leftMm + start * cell, size, BLACK, cell, last ? 0 : Math.max(0, slack));
    });
  }

  /** a centred title in 2号小标宋, one grid line per title line */
  title(lines: string[], color: Rgb = BLACK): void {
    for (const t of lines) {
      const top = this.take();
      const gs = glyphs(this.fonts, t, 'xiaobiaosong');
      const w = this.naturalWidth(gs, SIZE.h2);
      this.placeNatural(top, gs, GB9704.left + (GB9704.bodyWidth - w) / 2, SIZE.h2, color);
    }
  }
}

/**
 * Breaks a title into lines that fit the 版心 in 2号 (GB/T 9704-2012 7.3.1: words kept whole, lines
 * balanced): before 关于 when both parts fit, else into equal parts. `width` measures a string in mm.
 */
export function titleLines(title: string | string[], width: (s: string) => number = (s) => [...s].length * SIZE.h2): string[] {
  if (Array.isArray(title)) return title;
  const max = GB9704.bodyWidth - CELL;
  if (width(title) <= max) return [title];
  const at = title.indexOf('关于');
  if (at > 0 && width(title.slice(0, at)) <= max && width(title.slice(at)) <= max) return [title.slice(0, at), title.slice(at)];
  const chars = [...title];
  const n = Math.ceil(width(title) / max);
  const out: string[] = [];
  let start = 0;
  for (let line = 1; line < n; line++) {
    const target = start + Math.round((chars.length - start) / (n - line + 1));
    // the allowed break nearest the even split whose line still fits
    let best = -1;
    for (let i = start + 1; i < chars.length; i++) {
      if (!breakAllowed(chars, i) || width(chars.slice(start, i).join('')) > max) continue;
      if (best < 0 || Math.abs(i - target) < Math.abs(best - target)) best = i;
    }
    if (best < 0) best = Math.min(chars.length, start + Math.ceil((chars.length - start) / (n - line + 1)));
    out.push(chars.slice(start, best).join(''));
    start = best;
  }
  out.push(chars.slice(start).join(''));
  return out.filter(Boolean);
}

// a title's number keeps its unit (2026年, 二〇二六年); Latin words and brackets as in the body's breaking
const TITLE_NUMERAL = /[0-9０-９〇一二三四五六七八九十]/;
const NUMBER_UNIT = /[年月日号个万亿元%％]/;

/** A title may break before chars[i] unless that splits a number from its unit, a Latin word or a bracket from its text. */
function breakAllowed(chars: string[], i: number): boolean {
  const a = chars[i - 1]!;
  const b = chars[i]!;
  if (NO_LINE_END.has(a) || NO_LINE_START.has(b)) return false;
  if (isWordChar(a) && isWordChar(b)) return false;
  return !(TITLE_NUMERAL.test(a) && (TITLE_NUMERAL.test(b) || NUMBER_UNIT.test(b)));
}

function requireDate(iso: string, field: string): string {
  const d = chineseDate(iso);
  if (!d) throw new AppError('OUTPUT.INVALID_DATE', { message: `日期无效（${field}）：${iso}`, details: { field, value: iso } });
  return d;
}

// ---------------------------------------------------------------- header elements

/** 份号、密级、紧急程度: flush left on the first lines of the 版心 (7.2.1–7.2.3). */
function headLines(flow: Flow, d: { copyNumber?: number; classification?: string; urgency?: string }): void {
  const items: Array<[string, FontRole]> = [];
  if (d.copyNumber != null) items.push([String(d.copyNumber).padStart(6, '0'), 'fangsong']);
  if (d.classification) items.push([d.classification, 'heiti']);
  if (d.urgency) items.push([d.urgency, 'heiti']);
  items.forEach(([text, role], i) => {
    const top = GB9704.top + i * LINE_PITCH;
    flow.page.lineTops.push(top);
    flow.placeGrid(top, glyphs(flow.fonts, text, role), GB9704.left, SIZE.h3, BLACK);
  });
}

/** The red mark: upper edge 35 mm below the top of the 版心, centred; returns its bottom edge. */
function mark(flow: Flow, text: string): number {
  const gs = glyphs(flow.fonts, text, 'xiaobiaosong');
  const n = widthOf(gs);
  // as large as fits with a character's margin each side, at most 22 mm high
  const size = Math.min(22, (GB9704.bodyWidth - 2 * CELL) / n);
  const top = GB9704.top + GB9704.markOffset;
  const w = flow.naturalWidth(gs, size);
  flow.placeNatural(top, gs, GB9704.left + (GB9704.bodyWidth - w) / 2, size, RED, size);
  return top + size;
}

/** Bottom of the em box of a 3号 line whose cell starts at top. */
const emBottom = (top: number) => top + LINE_PITCH / 2 + SIZE.h3 / 2;

// ---------------------------------------------------------------- closing elements

function signatureBlock(flow: Flow, signature: string, dateText: string, sealed: boolean): void {
  const sig = glyphs(flow.fonts, signature, 'fangsong');
  const date = glyphs(flow.fonts, dateText, 'fangsong');
  const sw = widthOf(sig);
  const dw = widthOf(date);
  const C = GB9704.charsPerLine;
  let sigStart: number;
  let dateStart: number;
  if (sealed) {
    // 7.3.5.1: 成文日期 右空四字, 署名 centred on the date
    dateStart = C - 4 - dw;
    sigStart = dateStart + (dw - sw) / 2;
  } else {
    // 7.3.5.2: 署名 右空二字; date one line below, two characters right of the 署名's first character
    sigStart = C - 2 - sw;
    dateStart = sigStart + 2;
    if (dateStart + dw > C - 2) { dateStart = C - 2 - dw; sigStart = dateStart - 2; }
  }
  let top = flow.take();
  flow.placeGrid(top, sig, GB9704.left + sigStart * CELL, SIZE.h3, BLACK);
  const sigTop = top;
  const sigPage = flow.page;
  top = flow.take();
  flow.placeGrid(top, date, GB9704.left + dateStart * CELL, SIZE.h3, BLACK);
  if (sealed) {
    // 7.3.5.1: 印章端正、居中下压署名和成文日期，使署名和成文日期居印章中心偏下位置 — centred on the date,
    // its centre a quarter line into the 署名's line, so both lines' characters sit below the centre; the
    // top of a 42 mm seal then reaches the last line of the body (印章顶端上距正文一行之内)
    const centreY = flow.page === sigPage ? sigTop + LINE_PITCH / 4 : top - LINE_PITCH / 2;
    flow.page.sealAt = { x: GB9704.left + (dateStart + dw / 2) * CELL, y: centreY };
  }
}

function attachmentNote(flow: Flow, titles: string[]): void {
  const head = '附件：';
  titles.forEach((t, i) => {
    const num = titles.length > 1 ? `${i + 1}.` : '';
    const text = (i === 0 ? head : '') + num + t;
    const gs = glyphs(flow.fonts, text, 'fangsong');
    // later lines align with the first character of the name (7.3.4)
    const nameStart = 2 + 3 + (num ? widthOf(glyphs(flow.fonts, num, 'fangsong')) : 0);
    flow.wrapped(gs, i === 0 ? 2 : 5, nameStart);
  });
}

function attachmentPages(flow: Flow, atts: NonNullable<OutputDocument['attachments']>, labelled: boolean): void {
  atts.forEach((a, i) => {
    flow.newPage('attachment');
    if (labelled) {
      const label = atts.length > 1 ? `附件${i + 1}` : '附件';
      const top = flow.take();
      flow.placeGrid(top, glyphs(flow.fonts, label, 'heiti'), GB9704.left, SIZE.h3, BLACK);
    } else flow.take();
    flow.take(); // the title stands on the third line (7.3.7)
    flow.title(titleLines(a.title, (t) => flow.naturalWidth(glyphs(flow.fonts, t, 'xiaobiaosong'), SIZE.h2)));
    flow.blank();
    for (const p of a.body) flow.paragraph(paragraphOf(p));
  });
}

/** Lines of the 版记 in blocks (抄送 / other / 印发), each line one grid line. */
interface ImprintLine { gs: Glyph[]; right?: Glyph[]; indent: number }

const IMPRINT_CELL = SIZE.h4;

function imprintBlocks(fonts: Fonts, imp: Imprint): ImprintLine[][] {
  const blocks: ImprintLine[][] = [];
  const capacity = Math.floor((GB9704.bodyWidth - 2 * IMPRINT_CELL) / IMPRINT_CELL);
  if (imp.cc?.length) {
    const gs = glyphs(fonts, `抄送：${imp.cc.join('，')}。`, 'fangsong');
    blocks.push(breakLines(gs, capacity, capacity - 3).map((line, i) => ({ gs: line, indent: i === 0 ? 0 : 3 })));
  }
  for (const o of imp.other ?? []) {
    const gs = glyphs(fonts, o, 'fangsong');
    blocks.push(breakLines(gs, capacity, capacity).map((line) => ({ gs: line, indent: 0 })));
  }
  blocks.push([{
    gs: glyphs(fonts, imp.printer, 'fangsong'),
    right: glyphs(fonts, `${requireDate(imp.printDate, '印发日期')}印发`, 'fangsong'),
    indent: 0,
  }]);
  return blocks;
}

/**
 * Places the 版记 at the bottom of the last page, which must be even (封四): its last rule on the
 * lower edge of the 版心 (7.4.1). Adds a blank page when needed; then neither page is numbered (7.5).
 */
function imprint(flow: Flow, imp: Imprint): void {
  const blocks = imprintBlocks(flow.fonts, imp);
  const nLines = blocks.reduce((s, b) => s + b.length, 0);
  const top = BODY_BOTTOM - nLines * LINE_PITCH;
  const fitsHere = flow.pages.length % 2 === 0 && flow.y <= top + 1e-6;
  if (!fitsHere) {
    // an even page of its own; when the text ended on an even page, a blank odd page comes first
    if (flow.pages.length % 2 === 0) flow.newPage('blank');
    flow.newPage('imprint');
  }
  const page = flow.page;
  const left = GB9704.left + IMPRINT_CELL;
  const right = BODY_RIGHT - IMPRINT_CELL;
  flow.rule(top, GB9704.imprintThick, BLACK, 'imprint-first');
  let y = top;
  blocks.forEach((block, bi) => {
    if (bi > 0) flow.rule(y, GB9704.imprintThin, BLACK, 'imprint-middle');
    for (const line of block) {
      page.lineTops.push(y);
      flow.placeGrid(y, line.gs, left + line.indent * IMPRINT_CELL, SIZE.h4, BLACK, IMPRINT_CELL);
      if (line.right) {
        const w = widthOf(line.right) * IMPRINT_CELL;
        flow.placeGrid(y, line.right, right - w, SIZE.h4, BLACK, IMPRINT_CELL);
      }
      y += LINE_PITCH;
    }
  });
  flow.rule(BODY_BOTTOM - GB9704.imprintThick / 2, GB9704.imprintThick, BLACK, 'imprint-last');
}

/** 7.5: — N — in 4号宋体, 7 mm under the 版心; odd pages right 空一字, even pages left 空一字. */
function pageNumbers(flow: Flow): void {
  const pages = flow.pages;
  const last = pages[pages.length - 1]!;
  const unnumbered = new Set<LaidPage>();
  if (last.kind === 'imprint' && pages.length >= 2 && pages[pages.length - 2]!.kind === 'blank') {
    unnumbered.add(last);
    unnumbered.add(pages[pages.length - 2]!);
  }
  const song = flow.fonts.all.song;
  const dash = song.font.glyphForCodePoint('—'.codePointAt(0)!);
  // baseline that puts the dash's stroke 7 mm below the 版心
  const dashMid = ((dash.bbox.maxY + dash.bbox.minY) / 2 / song.font.unitsPerEm) * SIZE.h4;
  pages.forEach((p, i) => {
    if (unnumbered.has(p)) return;
    p.number = i + 1;
    const text = `— ${i + 1} —`;
    const gs = glyphs(flow.fonts, text, 'song');
    const w = flow.naturalWidth(gs, SIZE.h4);
    const x = (i + 1) % 2 === 1 ? BODY_RIGHT - IMPRINT_CELL - w : GB9704.left + IMPRINT_CELL;
    const baseline = BODY_BOTTOM + GB9704.pageNumberGap + dashMid;
    const saved = flow.page;
    flow.page = p;
    const runs: PlacedRun = { role: 'song', size: SIZE.h4, color: BLACK, baseline, chars: [], xs: [] };
    let cx = x;
    for (const g of gs) {
      if (g.ch !== ' ') { runs.chars.push(g.ch); runs.xs.push(cx); }
      cx += flow.fonts.advance(g.ch, g.role, SIZE.h4);
    }
    p.runs.push(runs);
    flow.page = saved;
  });
}

// ---------------------------------------------------------------- documents and minutes

function validateDocument(d: OutputDocument): void {
  const missing: string[] = [];
  if (!d.id) missing.push('id');
  if (!d.issuerMark) missing.push('发文机关标志');
  if (!d.documentNumber) missing.push('发文字号');
  if (!d.title || (Array.isArray(d.title) && d.title.length === 0)) missing.push('标题');
  if (!d.body?.length) missing.push('正文');
  if (!d.signature) missing.push('署名');
  if (!d.date) missing.push('成文日期');
  if (missing.length) {
    throw new AppError('OUTPUT.INVALID_DOCUMENT', {
      message: `公文要素不完整：缺少${missing.join('、')}`,
      violations: missing.map((m) => ({ code: 'OUTPUT.INVALID_DOCUMENT', message: `缺少${m}`, details: { field: m } })),
    });
  }
}

export function layoutDocument(d: OutputDocument): Layout {
  validateDocument(d);
  const dateText = requireDate(d.date, '成文日期');
  const fonts = new Fonts();
  const flow = new Flow(fonts);
  headLines(flow, d);
  const markBottom = mark(flow, d.issuerMark);

  // 发文字号 two lines below the mark; with 签发人 (upward documents) on the last signer line
  let numberTop = markBottom + 2 * LINE_PITCH;
  const numberGs = glyphs(fonts, d.documentNumber, 'fangsong');
  if (d.signers?.length) {
    const label = glyphs(fonts, '签发人：', 'fangsong');
    const names = d.signers.map((n) => glyphs(fonts, n, 'kaiti'));
    const nameW = Math.max(...names.map(widthOf));
    names.forEach((n, i) => {
      const top = markBottom + (2 + i) * LINE_PITCH;
      flow.page.lineTops.push(top);
      const nameX = BODY_RIGHT - CELL - nameW * CELL;
      if (i === 0) flow.placeGrid(top, label, nameX - widthOf(label) * CELL, SIZE.h3, BLACK);
      flow.placeGrid(top, n, nameX, SIZE.h3, BLACK);
      numberTop = top;
    });
    flow.placeGrid(numberTop, numberGs, GB9704.left + CELL, SIZE.h3, BLACK);
  } else {
    flow.page.lineTops.push(numberTop);
    flow.placeGrid(numberTop, numberGs, GB9704.left + (GB9704.bodyWidth - widthOf(numberGs) * CELL) / 2, SIZE.h3, BLACK);
  }
  const separatorY = emBottom(numberTop) + GB9704.separatorGap;
  flow.rule(separatorY + SEPARATOR_THICKNESS / 2, SEPARATOR_THICKNESS, RED, 'separator');

  // title two lines below the separator, 主送 one line below the title, then the body
  flow.y = separatorY + SEPARATOR_THICKNESS + 2 * LINE_PITCH;
  flow.title(titleLines(d.title, (t) => flow.naturalWidth(glyphs(fonts, t, 'xiaobiaosong'), SIZE.h2)));
  flow.blank();
  if (d.recipients) flow.wrapped(glyphs(fonts, `${d.recipients}：`, 'fangsong'), 0, 0);
  for (const p of d.body) flow.paragraph(paragraphOf(p));

  const labelled = d.attachmentsLabelled ?? true;
  if (labelled && d.attachments?.length) {
    flow.blank();
    attachmentNote(flow, d.attachments.map((a) => a.title));
  }
  flow.blank();
  signatureBlock(flow, d.signature, dateText, (d.sealed ?? false) || Boolean(d.seal));
  if (d.note) flow.wrapped(glyphs(fonts, `（${d.note}）`, 'fangsong'), 2, 0);
  if (d.attachments?.length) attachmentPages(flow, d.attachments, labelled);
  if (d.imprint) imprint(flow, d.imprint);
  fonts.check();
  pageNumbers(flow);
  return { pages: flow.pages };
}

function attendance(flow: Flow, label: string, names: string[]): void {
  const head = glyphs(flow.fonts, `${label}：`, 'heiti');
  const rest = glyphs(flow.fonts, names.join('，'), 'fangsong');
  // 回行时与冒号后的首字对齐 (clause 9)
  flow.wrapped([...head, ...rest], 2, 2 + widthOf(head));
}

export function layoutMinutes(m: OutputMinutes): Layout {
  const missing = [!m.id && 'id', !m.mark && '纪要标志', !m.issuer && '编印单位', !m.date && '日期', !m.body?.length && '正文', !m.present?.length && '出席人员']
    .filter((x): x is string => Boolean(x));
  if (missing.length) {
    throw new AppError('OUTPUT.INVALID_DOCUMENT', {
      message: `纪要要素不完整：缺少${missing.join('、')}`,
      violations: missing.map((f) => ({ code: 'OUTPUT.INVALID_DOCUMENT', message: `缺少${f}`, details: { field: f } })),
    });
  }
  const dateText = requireDate(m.date, '纪要日期');
  const fonts = new Fonts();
  const flow = new Flow(fonts);
  headLines(flow, m);
  let y = mark(flow, m.mark);
  let issuerTop = y + 2 * LINE_PITCH;
  if (m.issue) {
    const gs = glyphs(fonts, m.issue, 'fangsong');
    flow.page.lineTops.push(y);
    flow.placeGrid(y, gs, GB9704.left + (GB9704.bodyWidth - widthOf(gs) * CELL) / 2, SIZE.h3, BLACK);
    y += LINE_PITCH;
    issuerTop = y + LINE_PITCH;
  }
  flow.page.lineTops.push(issuerTop);
  flow.placeGrid(issuerTop, glyphs(fonts, m.issuer, 'fangsong'), GB9704.left + CELL, SIZE.h3, BLACK);
  const dg = glyphs(fonts, dateText, 'fangsong');
  flow.placeGrid(issuerTop, dg, BODY_RIGHT - CELL - widthOf(dg) * CELL, SIZE.h3, BLACK);
  const separatorY = emBottom(issuerTop) + GB9704.separatorGap;
  flow.rule(separatorY + SEPARATOR_THICKNESS / 2, SEPARATOR_THICKNESS, RED, 'separator');
  flow.y = separatorY + SEPARATOR_THICKNESS + 2 * LINE_PITCH;
  if (m.title) { flow.title(titleLines(m.title, (t) => flow.naturalWidth(glyphs(fonts, t, 'xiaobiaosong'), SIZE.h2))); flow.blank(); }
  for (const p of m.body) flow.paragraph(paragraphOf(p));
  flow.blank();
  attendance(flow, '出席', m.present);
  if (m.absent?.length) attendance(flow, '请假', m.absent);
  if (m.observers?.length) attendance(flow, '列席', m.observers);
  if (m.imprint) imprint(flow, m.imprint);
  fonts.check();
  pageNumbers(flow);
  return { pages: flow.pages };
}

export type { ParagraphInput };
