import { test, mock } from 'node:test';
import assert from 'node:assert/strict';
import { statSync } from 'node:fs';
import * as fontkit from 'fontkit';
import { FONT_IDLE_RELEASE_MS, loadFont, loadedFontCount, resetFontCache, type FkFont } from './fonts.ts';

test('a face of a .ttc collection is held alone: the same face fontkit opens in the whole collection', () => {
  resetFontCache();
  for (const role of ['kaiti', 'xiaobiaosong'] as const) {
    const f = loadFont(role);
    assert.ok(f.data.length < statSync(f.path).size, `${role}: only one face's tables are held`);
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

test('fonts are let go after FONT_IDLE_RELEASE_MS without a rendering, and kept while renderings go on', () => {
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
    assert.equal(loadFont('fangsong').font.postscriptName, 'BousungEG-Light-GB', 'the next rendering reads the font again');
  } finally {
    mock.timers.reset();
    resetFontCache();
  }
});
