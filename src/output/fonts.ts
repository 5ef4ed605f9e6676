// Fonts of the GB/T 9704-2012 layout and the open substitutes installed from Debian packages.
// 仿宋/楷体/黑体/小标宋 are commercial faces; each role (font-specs.ts) names the free face used instead
// and the Debian package that installs it; this module finds and opens it. A missing font is
// OUTPUT.FONT_MISSING, a character no font can show is OUTPUT.GLYPH_MISSING: nothing is ever drawn as an
// empty box.
import { closeSync, existsSync, openSync, readFileSync, readSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
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
  /** the face's font data: a standalone font (a face of a .ttc collection is read out of it alone) */
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
const byPath = new Map<string, { data: Buffer; font: FkFont }>();

/** After this long without a rendering the fonts are let go, so a server that has rendered documents
 * returns to the memory of one that has not; the next rendering reads them again. */
export const FONT_IDLE_RELEASE_MS = 30_000;
let lastUse = 0;
let idleTimer: NodeJS.Timeout | undefined;

function schedule(ms: number): NodeJS.Timeout {
  const t = setTimeout(onIdle, ms);
  t.unref();
  return t;
}
function onIdle(): void {
  idleTimer = undefined;
  const left = lastUse + FONT_IDLE_RELEASE_MS - Date.now();
  if (left > 0) idleTimer = schedule(left);
  else {
    resetFontCache();
    collect();
  }
}

/** A full collection once the fonts are dropped: an idle server allocates next to nothing, so V8 would
 * not collect on its own and the font buffers (external memory) and fontkit's tables would stay resident. */
let gcFn: (() => void) | undefined;
function collect(): void {
  if (!gcFn) {
    const exposed = (globalThis as { gc?: () => void }).gc;
    if (exposed) gcFn = exposed;
    else {
      setFlagsFromString('--expose-gc');
      gcFn = runInNewContext('gc') as () => void;
      setFlagsFromString('--no-expose-gc');
    }
  }
  gcFn();
}
function touch(): void {
  lastUse = Date.now();
  idleTimer ??= schedule(FONT_IDLE_RELEASE_MS);
}

function readAt(fd: number, offset: number, length: number): Buffer {
  const b = Buffer.alloc(length);
  let done = 0;
  while (done < length) {
    const n = readSync(fd, b, done, length - done, offset + done);
    if (n === 0) throw new Error(`font file ends early at ${offset + done}`);
    done += n;
  }
  return b;
}

interface DirEntry { tag: string; checksum: number; offset: number; length: number }

function readDir(fd: number, at: number): { version: number; tables: DirEntry[] } {
  const head = readAt(fd, at, 12);
  const n = head.readUInt16BE(4);
  const dir = readAt(fd, at + 12, n * 16);
  const tables: DirEntry[] = [];
  for (let i = 0; i < n; i++) {
    const r = i * 16;
    tables.push({
      tag: dir.toString('latin1', r, r + 4), checksum: dir.readUInt32BE(r + 4),
      offset: dir.readUInt32BE(r + 8), length: dir.readUInt32BE(r + 12),
    });
  }
  return { version: head.readUInt32BE(0), tables };
}

/** The PostScript names (name ID 6) a face's name table records. */
function postscriptNames(fd: number, tables: DirEntry[]): string[] {
  const rec = tables.find((t) => t.tag === 'name');
  if (!rec) return [];
  const name = readAt(fd, rec.offset, rec.length);
  const count = name.readUInt16BE(2);
  const strings = name.readUInt16BE(4);
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const r = 6 + i * 12;
    if (name.readUInt16BE(r + 6) !== 6) continue;
    const platform = name.readUInt16BE(r);
    const raw = name.subarray(strings + name.readUInt16BE(r + 10), strings + name.readUInt16BE(r + 10) + name.readUInt16BE(r + 8));
    out.push(platform === 3 || platform === 0 ? Buffer.from(raw).swap16().toString('utf16le') : raw.toString('latin1'));
  }
  return out;
}

/** One face of a collection (.ttc) as a standalone font: its directory and tables, read at their offsets,
 * so the collection's other faces are never held in memory. The tables are copied unchanged. */
function readCollectionFace(fd: number, postscriptName: string): Buffer | null {
  const header = readAt(fd, 0, 12);
  const count = header.readUInt32BE(8);
  const offsets = readAt(fd, 12, count * 4);
  for (let i = 0; i < count; i++) {
    const { version, tables } = readDir(fd, offsets.readUInt32BE(i * 4));
    if (!postscriptNames(fd, tables).includes(postscriptName)) continue;
    const n = tables.length;
    const entrySelector = Math.floor(Math.log2(n));
    const searchRange = 2 ** entrySelector * 16;
    const dir = Buffer.alloc(12 + 16 * n);
    dir.writeUInt32BE(version, 0);
    dir.writeUInt16BE(n, 4);
    dir.writeUInt16BE(searchRange, 6);
    dir.writeUInt16BE(entrySelector, 8);
    dir.writeUInt16BE(n * 16 - searchRange, 10);
    let size = dir.length;
    const placed = tables.map((t) => {
      const at = size;
      size += Math.ceil(t.length / 4) * 4;
      return at;
    });
    const out = Buffer.alloc(size);
    dir.copy(out);
    tables.forEach((t, k) => {
      const r = 12 + k * 16;
      out.write(t.tag, r, 'latin1');
      out.writeUInt32BE(t.checksum, r + 4);
      out.writeUInt32BE(placed[k]!, r + 8);
      out.writeUInt32BE(t.length, r + 12);
      let done = 0;
      while (done < t.length) {
        const got = readSync(fd, out, placed[k]! + done, t.length - done, t.offset + done);
        if (got === 0) throw new Error(`font file ends early at ${t.offset + done}`);
        done += got;
      }
    });
    return out;
  }
  return null;
}

function openFace(path: string, postscriptName: string): { data: Buffer; font: FkFont } | null {
  const key = `${path}#${postscriptName}`;
  const hit = byPath.get(key);
  if (hit) return hit;
  // a collection (.ttc) picks its face by PostScript name; a single font is the face itself
  const fd = openSync(path, 'r');
  let data: Buffer | null;
  try {
    const isCollection = readAt(fd, 0, 4).toString('latin1') === 'ttcf';
    data = isCollection ? readCollectionFace(fd, postscriptName) : readFileSync(fd);
  } finally {
    closeSync(fd);
  }
  if (!data) return null;
  const font = fontkit.create(data) as unknown as FkFont | null;
  if (!font || !('unitsPerEm' in font)) return null;
  const entry = { data, font };
  byPath.set(key, entry);
  return entry;
}

/** Loads the font of a role, or throws OUTPUT.FONT_MISSING naming the Debian package. */
export function loadFont(role: FontRole): LoadedFont {
  touch();
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

/** Forgets loaded fonts (after the idle period, and tests that change ZHENGTONG_FONT_DIR). */
export function resetFontCache(): void {
  cache.clear();
  byPath.clear();
  if (idleTimer) clearTimeout(idleTimer);
  idleTimer = undefined;
}

/** How many roles have their font loaded now. */
export function loadedFontCount(): number {
  return cache.size;
}
