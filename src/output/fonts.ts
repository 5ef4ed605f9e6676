// Fonts of the GB/T 9704-2012 layout. 仿宋/楷体/黑体/小标宋 are commercial faces; each role
// (font-specs.ts) lists the free faces used instead, best first, and this module finds and opens the first
// one present: in ZHENGTONG_FONT_DIR, then the system's fonts, then the font files of the npm
// dependencies. A role with no face is OUTPUT.FONT_MISSING, a character no font can show is
// OUTPUT.GLYPH_MISSING: nothing is ever drawn as an empty box.
import { closeSync, existsSync, openSync, readFileSync, readSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import * as fontkit from 'fontkit';
import { AppError } from '../errors/index.ts';
import { FONT_ROLES, type FontFace, type FontRole, type FontSpec } from './font-specs.ts';

export { DEBIAN_FONT_PACKAGES, FONT_ROLES, NPM_FONT_PACKAGES, type FontRole, type FontSpec } from './font-specs.ts';

/** Where faces are looked for. The default: ZHENGTONG_FONT_DIR when set, /usr/share/fonts, npm. */
export interface FontSearch {
  /** a folder searched first (recursively, by file name) for any face of a role */
  dir?: string;
  /** the system's font folder; null skips it */
  system: string | null;
  /** whether the font files of the npm dependencies are used */
  npm: boolean;
}

let searchOverride: FontSearch | null = null;

function currentSearch(): FontSearch {
  return searchOverride ?? { dir: process.env.ZHENGTONG_FONT_DIR || undefined, system: '/usr/share/fonts', npm: true };
}

/** Replaces where faces are looked for (null: back to the default) and forgets the loaded fonts. */
export function setFontSearch(search: FontSearch | null): void {
  searchOverride = search;
  resetFontCache();
}

/** The first file named `name` under `root` (depth-first). */
function findByName(root: string, name: string): string | null {
  const stack = [root];
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

const require = createRequire(import.meta.url);

/** The folder of an installed npm package, or null when it is not installed. */
function npmPackageDir(pkg: string): string | null {
  try { return dirname(require.resolve(`${pkg}/package.json`)); } catch { return null; }
}

/** The candidate files of a role, in the order they are tried. */
function candidates(role: FontRole, search: FontSearch): Array<{ face: FontFace; path: string }> {
  const faces = FONT_ROLES[role].faces;
  const out: Array<{ face: FontFace; path: string }> = [];
  if (search.dir) {
    for (const face of faces) {
      const p = findByName(search.dir, basename(face.file));
      if (p) out.push({ face, path: p });
    }
  }
  if (search.system) {
    for (const face of faces.filter((f) => f.source === 'system')) {
      const exact = join(search.system, face.file);
      const p = existsSync(exact) ? exact : findByName(search.system, basename(face.file));
      if (p) out.push({ face, path: p });
    }
  }
  if (search.npm) {
    for (const face of faces.filter((f) => f.source === 'npm')) {
      const dir = npmPackageDir(face.package);
      if (dir && existsSync(join(dir, face.file))) out.push({ face, path: join(dir, face.file) });
    }
  }
  return out;
}

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

function missingError(role: FontRole): AppError {
  const spec = FONT_ROLES[role];
  const debian = spec.faces.filter((f) => f.source === 'system').map((f) => f.package);
  const npm = spec.faces.filter((f) => f.source === 'npm').map((f) => f.package);
  return new AppError('OUTPUT.FONT_MISSING', {
    message: `排版所需的字体未安装：${spec.standardFace}没有可用的字体，请运行 npm install（安装 ${npm.join('、')}），或安装 Debian 软件包 ${debian[0]}`,
    details: { role, faces: spec.faces.map((f) => f.family), debianPackages: [debian[0]], npmPackages: npm },
  });
}

/** Loads the font of a role: the first of its faces found, or throws OUTPUT.FONT_MISSING. */
export function loadFont(role: FontRole): LoadedFont {
  touch();
  const hit = cache.get(role);
  if (hit) return hit;
  for (const { face, path } of candidates(role, currentSearch())) {
    const opened = openFace(path, face.postscriptName);
    if (!opened) continue;
    const g = opened.font.glyphForCodePoint('国'.codePointAt(0)!);
    const centreToBaseline = (g.bbox.maxY + g.bbox.minY) / 2 / opened.font.unitsPerEm;
    const spec: FontSpec = { ...face, role, standardFace: FONT_ROLES[role].standardFace };
    const loaded: LoadedFont = {
      spec, path, data: opened.data, font: opened.font, centreToBaseline, cff: Boolean(opened.font['CFF ']),
    };
    cache.set(role, loaded);
    return loaded;
  }
  throw missingError(role);
}

/** Loads every role at once: a caller learns about every role without a face in one error. */
export function loadAllFonts(): Record<FontRole, LoadedFont> {
  const missing: FontRole[] = [];
  const out = {} as Record<FontRole, LoadedFont>;
  for (const role of Object.keys(FONT_ROLES) as FontRole[]) {
    try { out[role] = loadFont(role); } catch (e) {
      if (e instanceof AppError && e.code === 'OUTPUT.FONT_MISSING') missing.push(role);
      else throw e;
    }
  }
  if (missing.length) {
    const specs = missing.map((r) => FONT_ROLES[r]);
    const debian = [...new Set(specs.map((s) => s.faces[0]!.package))].sort();
    const npm = [...new Set(specs.flatMap((s) => s.faces.filter((f) => f.source === 'npm').map((f) => f.package)))].sort();
    throw new AppError('OUTPUT.FONT_MISSING', {
      message: `排版所需的字体未安装：${specs.map((s) => s.standardFace).join('、')}没有可用的字体，请运行 npm install（安装 ${npm.join('、')}），或安装 Debian 软件包 ${debian.join(' ')}`,
      details: { missing, debianPackages: debian, npmPackages: npm },
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
