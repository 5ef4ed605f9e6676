// Fonts of the GB/T 9704-2012 layout and the open substitutes installed from Debian packages.
// 仿宋/楷体/黑体/小标宋 are commercial faces; each role (font-specs.ts) names the free face used instead
// and the Debian package that installs it; this module finds and opens it. A missing font is
// OUTPUT.FONT_MISSING, a character no font can show is OUTPUT.GLYPH_MISSING: nothing is ever drawn as an
// empty box.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import * as fontkit from 'fontkit';
import { AppError } from '../errors/index.ts';
import { FONT_SPECS, type FontRole, type FontSpec } from './font-specs.ts';

export { DEBIAN_FONT_PACKAGES, FONT_SPECS, type FontRole, type FontSpec } from './font-specs.ts';

const FONT_DIRS = ['/usr/share/fonts/truetype', '/usr/share/fonts/opentype'];

// fontkit's types are loose; the few members used here.
export interface FkGlyph {
  id: number;
  advanceWidth: number;
  bbox: { minX: number; minY: number; maxX: number; maxY: number };
  codePoints: number[];
}
export interface FkFont {
  postscriptName: string;
  familyName: string;
  unitsPerEm: number;
  ascent: number;
  descent: number;
  numGlyphs: number;
  hasGlyphForCodePoint(cp: number): boolean;
  glyphForCodePoint(cp: number): FkGlyph;
  getGlyph(id: number): FkGlyph;
  createSubset(): { includeGlyph(g: number | FkGlyph): number; encode(): Uint8Array };
  [table: string]: unknown;
}

export interface LoadedFont {
  spec: FontSpec;
  path: string;
  /** the font file (a .ttc holds several faces; postscriptName picks one) */
  data: Buffer;
  font: FkFont;
  /** baseline below the centre of the character cell, in em: centres the ideograph box in its cell */
  centreToBaseline: number;
  cff: boolean;
}

/** The folders searched: ZHENGTONG_FONT_DIR when set (and only it), else Debian's font folders. */
function fontRoots(): string[] {
  const extra = process.env.ZHENGTONG_FONT_DIR;
  return extra ? [extra] : ['/usr/share/fonts'];
}

function findFile(rel: string): string | null {
  const name = rel.split('/').pop()!;
  if (!process.env.ZHENGTONG_FONT_DIR) {
    for (const dir of FONT_DIRS) {
      const p = join(dir, rel);
      if (existsSync(p)) return p;
    }
  }
  const stack = fontRoots();
  while (stack.length) {
    const d = stack.pop()!;
    let entries: string[] = [];
    try { entries = readdirSync(d); } catch { continue; }
    for (const e of entries) {
      const p = join(d, e);
      if (e === name) return p;
      try { if (statSync(p).isDirectory()) stack.push(p); } catch { /* unreadable */ }
    }
  }
  return null;
}

const cache = new Map<FontRole, LoadedFont>();
const byPath = new Map<string, { data: Buffer; faces: Map<string, FkFont> }>();

function openFace(path: string, postscriptName: string): { data: Buffer; font: FkFont } | null {
  let entry = byPath.get(path);
  if (!entry) {
    entry = { data: readFileSync(path), faces: new Map() };
    byPath.set(path, entry);
  }
  let face = entry.faces.get(postscriptName);
  if (!face) {
    // a collection (.ttc) picks its face by PostScript name; a single font is the face itself
    const isCollection = entry.data.subarray(0, 4).toString('latin1') === 'ttcf';
    const f = (isCollection ? fontkit.create(entry.data, postscriptName) : fontkit.create(entry.data)) as unknown as FkFont | null;
    if (!f || !('unitsPerEm' in f)) return null;
    face = f;
    entry.faces.set(postscriptName, face);
  }
  return { data: entry.data, font: face };
}

/** Loads the font of a role, or throws OUTPUT.FONT_MISSING naming the Debian package. */
export function loadFont(role: FontRole): LoadedFont {
  const hit = cache.get(role);
  if (hit) return hit;
  const spec = FONT_SPECS[role];
  const path = findFile(spec.file);
  const opened = path ? openFace(path, spec.postscriptName) : null;
  if (!path || !opened) {
    throw new AppError('OUTPUT.FONT_MISSING', {
      message: `排版所需的字体未安装：${spec.family}（替代${spec.standardFace}），请安装 Debian 软件包 ${spec.debianPackage}`,
      details: { role, family: spec.family, file: spec.file, debianPackage: spec.debianPackage },
    });
  }
  const g = opened.font.glyphForCodePoint('国'.codePointAt(0)!);
  const centreToBaseline = (g.bbox.maxY + g.bbox.minY) / 2 / opened.font.unitsPerEm;
  const loaded: LoadedFont = {
    spec, path, data: opened.data, font: opened.font, centreToBaseline, cff: Boolean(opened.font['CFF ']),
  };
  cache.set(role, loaded);
  return loaded;
}

/** Loads every role at once: a caller learns about all missing packages in one error. */
export function loadAllFonts(): Record<FontRole, LoadedFont> {
  const missing: FontSpec[] = [];
  const out = {} as Record<FontRole, LoadedFont>;
  for (const role of Object.keys(FONT_SPECS) as FontRole[]) {
    try { out[role] = loadFont(role); } catch (e) {
      if (e instanceof AppError && e.code === 'OUTPUT.FONT_MISSING') missing.push(FONT_SPECS[role]);
      else throw e;
    }
  }
  if (missing.length) {
    const pkgs = [...new Set(missing.map((m) => m.debianPackage))];
    throw new AppError('OUTPUT.FONT_MISSING', {
      message: `排版所需的字体未安装：${missing.map((m) => m.family).join('、')}，请安装 Debian 软件包 ${pkgs.join(' ')}`,
      details: { missing: missing.map((m) => ({ role: m.role, family: m.family, debianPackage: m.debianPackage })), debianPackages: pkgs },
    });
  }
  return out;
}

/** Forgets loaded fonts (tests that change ZHENGTONG_FONT_DIR). */
export function resetFontCache(): void {
  cache.clear();
  byPath.clear();
}
