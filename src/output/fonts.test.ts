import { test, mock } from 'node:test';
import assert from 'node:assert/strict';
import { statSync } from 'node:fs';
import * as fontkit from 'fontkit';
import {
  FONT_IDLE_RELEASE_MS, FONT_ROLES, loadAllFonts, loadFont, loadedFontCount, resetFontCache, setFontSearch,
  type FkFont, type FontRole,
} from './fonts.ts';
import { AppError } from '../errors/index.ts';

const ROLES = Object.keys(FONT_ROLES) as FontRole[];
const GB2312_LEVEL1 = (): string[] => {
  const out: string[] = [];
  const dec = new TextDecoder('gb18030');
  for (let hi = 0xb0; hi <= 0xd7; hi++) for (let lo = 0xa1; lo <= 0xfe; lo++) {
    if (hi === 0xd7 && lo > 0xf9) continue;
    out.push(dec.decode(Buffer.from([hi, lo])));
  }
  return out;
};

test('GB/T 9704 fonts: every role has a face, named with where it came from', (t) => {
  resetFontCache();
  for (const role of ROLES) {
    const f = loadFont(role);
    assert.ok(FONT_ROLES[role].faces.some((face) => face.postscriptName === f.font.postscriptName), `${role}: one of its listed faces`);
    t.diagnostic(`${role}: ${f.spec.family} (${f.spec.source}: ${f.spec.package})`);
  }
  resetFontCache();
});

test('Debian font collections (fonts-arphic-ukai, fonts-noto-cjk): a face of a .ttc is held alone', (t) => {
  resetFontCache();
  const inCollections = ROLES.map((role) => loadFont(role)).filter((f) => f.path.endsWith('.ttc'));
  if (inCollections.length === 0) {
    t.skip('no face was found in a .ttc collection: the Debian font packages fonts-arphic-ukai, fonts-wqy-zenhei and fonts-noto-cjk are not installed');
    return;
  }
  for (const f of inCollections) {
    assert.ok(f.data.length < statSync(f.path).size, `${f.spec.role}: only one face's tables are held`);
    const whole = fontkit.openSync(f.path, f.spec.postscriptName) as FkFont;
    assert.equal(f.font.postscriptName, whole.postscriptName);
    assert.equal(f.font.numGlyphs, whole.numGlyphs);
    for (const ch of '国务院第一百条。') {
      const a = f.font.glyphForCodePoint(ch.codePointAt(0)!);
      const b = whole.glyphForCodePoint(ch.codePointAt(0)!);
      assert.deepEqual([a.id, a.advanceWidth, a.bbox.minY, a.bbox.maxY], [b.id, b.advanceWidth, b.bbox.minY, b.bbox.maxY]);
    }
  }
  resetFontCache();
});

test('GB/T 9704 fonts: with no system fonts every role renders from the npm packages, covering GB 2312 level 1', () => {
  setFontSearch({ system: null, npm: true });
  try {
    const all = loadAllFonts();
    const level1 = GB2312_LEVEL1();
    for (const role of ROLES) {
      assert.equal(all[role].spec.source, 'npm', `${role} comes from an npm package`);
      const missing = level1.filter((c) => !all[role].font.hasGlyphForCodePoint(c.codePointAt(0)!));
      assert.deepEqual(missing, [], `${role}: ${all[role].spec.family} holds every GB 2312 level-1 hanzi`);
    }
    assert.match(all.xiaobiaosong.spec.postscriptName, /Bold/, '标宋 is a bold serif');
    assert.match(all.heiti.spec.family, /Sans/, '黑体 is a sans face');
  } finally {
    setFontSearch(null);
  }
});

test('GB/T 9704 fonts: a face in ZHENGTONG_FONT_DIR comes before the system and npm faces', () => {
  const npmOnly = (() => { setFontSearch({ system: null, npm: true }); return loadFont('heiti'); })();
  const dir = npmOnly.path.split('/').slice(0, -2).join('/'); // the npm package folder holds Sans SC
  setFontSearch({ dir, system: null, npm: false });
  try {
    assert.equal(loadFont('heiti').path, npmOnly.path, 'found in the configured folder by its file name');
    assert.throws(() => loadFont('xiaobiaosong'), (e: AppError) => e.code === 'OUTPUT.FONT_MISSING');
  } finally {
    setFontSearch(null);
  }
});

test('fonts are let go after FONT_IDLE_RELEASE_MS without a rendering, and kept while renderings go on', () => {
  resetFontCache();
  const face = loadFont('fangsong').font.postscriptName;
  resetFontCache();
  mock.timers.enable({ apis: ['setTimeout', 'Date'], now: 0 });
  try {
    loadFont('fangsong');
    assert.equal(loadedFontCount(), 1);
    mock.timers.tick(FONT_IDLE_RELEASE_MS - 1000);
    loadFont('fangsong'); // another rendering
    mock.timers.tick(1000);
    assert.equal(loadedFontCount(), 1, 'the period counts from the last rendering');
    mock.timers.tick(FONT_IDLE_RELEASE_MS - 1000);
    assert.equal(loadedFontCount(), 0);
    assert.equal(loadFont('fangsong').font.postscriptName, face, 'the next rendering reads the font again');
  } finally {
    mock.timers.reset();
    resetFontCache();
  }
});
