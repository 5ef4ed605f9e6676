// A standalone subset of a font, for embedding in OFD: fontkit subsets the outlines (glyf or CFF) and
// this module adds what a reader needs to map text to glyphs — cmap, name, OS/2, post (and for CFF
// fonts head, hhea, hmtx, maxp) — and writes the sfnt (TrueType .ttf or OpenType/CFF .otf).
import type { LoadedFont } from './fonts.ts';

interface TableRec { offset: number; length: number }

function readDirectory(buf: Buffer, at = 0): Record<string, TableRec> {
  const n = buf.readUInt16BE(at + 4);
  const out: Record<string, TableRec> = {};
  for (let i = 0; i < n; i++) {
    const r = at + 12 + i * 16;
    out[buf.toString('latin1', r, r + 4)] = { offset: buf.readUInt32BE(r + 8), length: buf.readUInt32BE(r + 12) };
  }
  return out;
}

/** The raw table of a face; a .ttc face's directory starts at its offset in the collection. */
function rawTable(f: LoadedFont, tag: string): Buffer | null {
  const dir = (f.font as unknown as { directory: { tables: Record<string, TableRec> } }).directory.tables;
  const rec = dir[tag];
  return rec ? Buffer.from(f.data.subarray(rec.offset, rec.offset + rec.length)) : null;
}

function checksum(b: Buffer): number {
  const padded = Buffer.concat([b, Buffer.alloc((4 - (b.length % 4)) % 4)]);
  let sum = 0;
  for (let i = 0; i < padded.length; i += 4) sum = (sum + padded.readUInt32BE(i)) >>> 0;
  return sum;
}

function writeSfnt(tables: Record<string, Buffer>, cff: boolean): Buffer {
  const tags = Object.keys(tables).sort();
  const n = tags.length;
  const entrySelector = Math.floor(Math.log2(n));
  const searchRange = 2 ** entrySelector * 16;
  const header = Buffer.alloc(12 + 16 * n);
  header.writeUInt32BE(cff ? 0x4f54544f : 0x00010000, 0);
  header.writeUInt16BE(n, 4);
  header.writeUInt16BE(searchRange, 6);
  header.writeUInt16BE(entrySelector, 8);
  header.writeUInt16BE(n * 16 - searchRange, 10);
  const head = tables.head!;
  head.writeUInt32BE(0, 8);
  let offset = header.length;
  const bodies: Buffer[] = [];
  tags.forEach((tag, i) => {
    const t = tables[tag]!;
    const r = 12 + i * 16;
    header.write(tag, r, 'latin1');
    header.writeUInt32BE(checksum(t), r + 4);
    header.writeUInt32BE(offset, r + 8);
    header.writeUInt32BE(t.length, r + 12);
    const padded = Buffer.concat([t, Buffer.alloc((4 - (t.length % 4)) % 4)]);
    bodies.push(padded);
    offset += padded.length;
  });
  const font = Buffer.concat([header, ...bodies]);
  const headOffset = header.readUInt32BE(12 + tags.indexOf('head') * 16 + 8);
  font.writeUInt32BE((0xb1b0afba - checksum(font)) >>> 0, headOffset + 8);
  return font;
}

/** cmap with a (3,1) format 4 subtable for the BMP and a (3,10) format 12 subtable for all. */
function buildCmap(map: Array<[number, number]>): Buffer {
  const sorted = [...map].sort((a, b) => a[0] - b[0]);
  const bmp = sorted.filter(([c]) => c < 0xffff);
  const segs = [...bmp.map(([c, g]) => ({ start: c, end: c, delta: (g - c + 0x10000) % 0x10000 })), { start: 0xffff, end: 0xffff, delta: 1 }];
  const segX2 = segs.length * 2;
  const f4 = Buffer.alloc(16 + segs.length * 8);
  const es = Math.floor(Math.log2(segs.length));
  f4.writeUInt16BE(4, 0);
  f4.writeUInt16BE(f4.length, 2);
  f4.writeUInt16BE(0, 4);
  f4.writeUInt16BE(segX2, 6);
  f4.writeUInt16BE(2 * 2 ** es, 8);
  f4.writeUInt16BE(es, 10);
  f4.writeUInt16BE(segX2 - 2 * 2 ** es, 12);
  segs.forEach((s, i) => {
    f4.writeUInt16BE(s.end, 14 + i * 2);
    f4.writeUInt16BE(s.start, 16 + segX2 + i * 2);
    f4.writeUInt16BE(s.delta, 16 + 2 * segX2 + i * 2);
    f4.writeUInt16BE(0, 16 + 3 * segX2 + i * 2);
  });
  const f12 = Buffer.alloc(16 + sorted.length * 12);
  f12.writeUInt16BE(12, 0);
  f12.writeUInt32BE(f12.length, 4);
  f12.writeUInt32BE(sorted.length, 12);
  sorted.forEach(([c, g], i) => {
    f12.writeUInt32BE(c, 16 + i * 12);
    f12.writeUInt32BE(c, 20 + i * 12);
    f12.writeUInt32BE(g, 24 + i * 12);
  });
  const head = Buffer.alloc(4 + 2 * 8);
  head.writeUInt16BE(0, 0);
  head.writeUInt16BE(2, 2);
  head.writeUInt16BE(3, 4); head.writeUInt16BE(1, 6); head.writeUInt32BE(head.length, 8);
  head.writeUInt16BE(3, 12); head.writeUInt16BE(10, 14); head.writeUInt32BE(head.length + f4.length, 16);
  return Buffer.concat([head, f4, f12]);
}

function buildName(family: string, postscript: string): Buffer {
  const names: Array<[number, string]> = [[1, family], [2, 'Regular'], [3, `${postscript}-subset`], [4, family], [6, postscript]];
  const strings = names.map(([, s]) => Buffer.from(s, 'utf16le').swap16());
  const header = Buffer.alloc(6 + names.length * 12);
  header.writeUInt16BE(0, 0);
  header.writeUInt16BE(names.length, 2);
  header.writeUInt16BE(header.length, 4);
  let off = 0;
  names.forEach(([id], i) => {
    const r = 6 + i * 12;
    header.writeUInt16BE(3, r); header.writeUInt16BE(1, r + 2); header.writeUInt16BE(0x409, r + 4);
    header.writeUInt16BE(id, r + 6); header.writeUInt16BE(strings[i]!.length, r + 8); header.writeUInt16BE(off, r + 10);
    off += strings[i]!.length;
  });
  return Buffer.concat([header, ...strings]);
}

export interface FontSubset {
  data: Buffer;
  /** .ttf or .otf */
  extension: 'ttf' | 'otf';
  /** code point → glyph id in the subset */
  glyphOf: Map<number, number>;
}

/** A standalone font holding exactly the glyphs of `chars`, with a cmap. */
export function subsetFont(f: LoadedFont, chars: Iterable<string>): FontSubset {
  const subset = f.font.createSubset();
  const map: Array<[number, number]> = [];
  const oldIds: number[] = [0];
  for (const ch of new Set(chars)) {
    const cp = ch.codePointAt(0)!;
    if (!f.font.hasGlyphForCodePoint(cp)) continue;
    const g = f.font.glyphForCodePoint(cp);
    const id = subset.includeGlyph(g.id);
    if (oldIds[id] === undefined) oldIds[id] = g.id;
    map.push([cp, id]);
  }
  const encoded = Buffer.from(subset.encode());
  const tables: Record<string, Buffer> = {};
  if (f.cff) {
    tables['CFF '] = encoded;
    const numGlyphs = oldIds.length;
    tables.head = rawTable(f, 'head')!;
    const hhea = rawTable(f, 'hhea')!;
    hhea.writeUInt16BE(numGlyphs, 34);
    tables.hhea = hhea;
    const hmtx = Buffer.alloc(numGlyphs * 4);
    oldIds.forEach((old, i) => {
      const g = f.font.getGlyph(old);
      hmtx.writeUInt16BE(Math.round(g.advanceWidth), i * 4);
      hmtx.writeInt16BE(Math.round(g.bbox.minX === Infinity ? 0 : g.bbox.minX), i * 4 + 2);
    });
    tables.hmtx = hmtx;
    const maxp = Buffer.alloc(6);
    maxp.writeUInt32BE(0x00005000, 0);
    maxp.writeUInt16BE(numGlyphs, 4);
    tables.maxp = maxp;
  } else {
    const dir = readDirectory(encoded);
    for (const [tag, rec] of Object.entries(dir)) tables[tag] = Buffer.from(encoded.subarray(rec.offset, rec.offset + rec.length));
  }
  tables.cmap = buildCmap(map);
  tables.name = buildName(f.spec.family, f.spec.postscriptName);
  const os2 = rawTable(f, 'OS/2');
  if (os2) tables['OS/2'] = os2;
  const post = Buffer.alloc(32);
  rawTable(f, 'post')?.copy(post, 0, 0, 32);
  post.writeUInt32BE(0x00030000, 0);
  tables.post = post;
  return { data: writeSfnt(tables, f.cff), extension: f.cff ? 'otf' : 'ttf', glyphOf: new Map(map) };
}
