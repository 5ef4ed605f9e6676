// The visual check: the rules document itself (武政发〔2023〕19号), an outgoing 通知, an upward 请示 and
// a 纪要 are rendered to PDF, rasterised (150 dpi) and read back with pdfjs-dist (src/output/inspect.ts);
// the measured positions are compared with the numbers of GB/T 9704-2012.
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  columnProfile, dominantPeriod, inkExtent, isDark, isRed, pdfFonts, pdfPageCount, pdfWords, rasterize, rowBands,
  type Band, type PdfWord, type Raster,
} from './inspect.ts';
import { loadFont } from './fonts.ts';
import { BODY_BOTTOM, BODY_RIGHT, CELL, GB9704, LINE_PITCH, SIZE, layoutDocument } from './layout.ts';
import { renderMinutesPdf, renderPdf } from './index.ts';
import { sampleMinutes, sampleNotice, sampleRequest } from './samples.ts';
import { sourceDocument } from './source-document.ts';

const near = (actual: number, expected: number, tol: number, what: string) =>
  assert.ok(Math.abs(actual - expected) <= tol, `${what}: measured ${actual.toFixed(2)} mm, standard ${expected.toFixed(2)} mm ± ${tol} mm`);
const mm = (v: number) => `${v.toFixed(2)} mm`;
/** horizontal centre of the 版心 (28 mm + 156/2): 居中 means centred in the 版心 */
const CENTRE = GB9704.left + GB9704.bodyWidth / 2;
const weight = (s: string) => [...s].reduce((n, c) => n + (c.codePointAt(0)! < 0x2000 ? 0.5 : 1), 0);

/** words grouped into text lines (same baseline), each with its character count including gaps */
function wordLines(words: PdfWord[]): Array<{ y: number; xMin: number; xMax: number; chars: number; words: PdfWord[] }> {
  const lines: Array<{ y: number; xMin: number; xMax: number; chars: number; words: PdfWord[] }> = [];
  for (const w of [...words].sort((a, b) => a.yMax - b.yMax || a.xMin - b.xMin)) {
    const line = lines.find((l) => Math.abs(l.y - w.yMax) < 2);
    if (line) line.words.push(w);
    else lines.push({ y: w.yMax, xMin: 0, xMax: 0, chars: 0, words: [w] });
  }
  for (const l of lines) {
    l.words.sort((a, b) => a.xMin - b.xMin);
    l.xMin = l.words[0]!.xMin;
    l.xMax = l.words.at(-1)!.xMax;
    l.chars = l.words.reduce((n, w, i) => n + weight(w.text) + (i ? Math.round((w.xMin - l.words[i - 1]!.xMax) / CELL) : 0), 0);
  }
  return lines;
}

/** text lines inside the 版心 of a page image: bands of dark rows */
const textLines = (img: Raster): Band[] =>
  rowBands(img, isDark, { x0: GB9704.left - 1, x1: BODY_RIGHT + 1, y0: GB9704.top - 1, y1: BODY_BOTTOM + 1 }).filter((b) => b.bottom - b.top > 1.5);

describe('rules document 武政发〔2023〕19号 as PDF', () => {
  let pdf: Buffer;
  let pages: number;
  let p1: Raster;
  let p3: Raster;
  let last: Raster;
  before(async () => {
    pdf = await renderPdf(sourceDocument());
    pages = await pdfPageCount(pdf);
    p1 = await rasterize(pdf, 1);
    p3 = await rasterize(pdf, 3);
    last = await rasterize(pdf, pages);
  });

  test('GB/T 9704-2012 5.2.1: A4 pages of 210 × 297 mm', (t) => {
    near(p1.width / p1.pxPerMm, 210, 0.2, 'page width');
    near(p1.height / p1.pxPerMm, 297, 0.2, 'page height');
    t.diagnostic(`page ${mm(p1.width / p1.pxPerMm)} × ${mm(p1.height / p1.pxPerMm)}`);
  });

  test('GB/T 9704-2012 5.2.2: all text of a body page inside the 版心 156 × 225 mm (top 37 mm, left 28 mm)', (t) => {
    const lines = textLines(p3);
    const all = rowBands(p3, isDark, { y1: BODY_BOTTOM + 3 }).filter((b) => b.bottom - b.top > 1.5);
    const ext = inkExtent(p3, isDark, { top: 0, bottom: BODY_BOTTOM + 1 })!;
    assert.ok(ext.left >= GB9704.left - 0.2, `ink starts at ${mm(ext.left)}`);
    assert.ok(ext.right <= BODY_RIGHT + 0.2, `ink ends at ${mm(ext.right)}`);
    assert.ok(all[0]!.top >= GB9704.top, `first ink row ${mm(all[0]!.top)}`);
    assert.ok(lines[lines.length - 1]!.bottom <= BODY_BOTTOM, `last ink row ${mm(lines[lines.length - 1]!.bottom)}`);
    t.diagnostic(`ink x ${mm(ext.left)}–${mm(ext.right)} (版心 28–184 mm), y ${mm(all[0]!.top)}–${mm(lines[lines.length - 1]!.bottom)} (版心 37–262 mm)`);
  });

  test('GB/T 9704-2012 5.2.4: 22 lines per page at a pitch of 225/22 mm', (t) => {
    const lines = textLines(p3);
    assert.equal(lines.length, 22, `text lines on page 3: ${lines.length}`);
    const centres = lines.map((b) => (b.top + b.bottom) / 2);
    const pitch = (centres[centres.length - 1]! - centres[0]!) / (centres.length - 1);
    near(pitch, GB9704.bodyHeight / 22, 0.15, 'line pitch');
    t.diagnostic(`22 lines, pitch ${mm(pitch)} (standard ${mm(LINE_PITCH)})`);
  });

  test('GB/T 9704-2012 5.2.4: 28 characters per line', async (t) => {
    // image: the character pitch of the lines, by autocorrelation of the ink columns
    const lines = textLines(p3);
    const prof = new Array<number>(p3.width).fill(0);
    for (const b of lines) columnProfile(p3, isDark, b).forEach((v, i) => (prof[i]! += v));
    const pitch = dominantPeriod(prof, p3.pxPerMm, 4, 7);
    near(pitch, CELL, 0.05, 'character pitch');
    // text: counting the indent, no line holds more than 28 characters; a line that reaches the right
    // edge of the 版心 holds 28 (27 where a closing mark may not start the next line)
    const textRows = wordLines((await pdfWords(pdf, 3)).filter((w) => w.yMax < BODY_BOTTOM)).map((l) => ({
      ...l, total: l.chars + Math.round((l.xMin - GB9704.left) / CELL),
    }));
    assert.ok(Math.max(...textRows.map((l) => l.total)) <= 28, `longest line ${Math.max(...textRows.map((l) => l.total))} characters`);
    const fullWidth = textRows.filter((l) => l.xMax > BODY_RIGHT - 1);
    const exactly28 = fullWidth.filter((l) => l.total === 28).length;
    assert.ok(fullWidth.every((l) => l.total >= 27), `full-width lines hold ${fullWidth.map((l) => l.total).join(', ')} characters`);
    assert.ok(exactly28 >= fullWidth.length * 0.75, `${exactly28} of ${fullWidth.length} full-width lines hold 28 characters`);
    t.diagnostic(`character pitch ${mm(pitch)} → ${(GB9704.bodyWidth / pitch).toFixed(2)} characters per 156 mm; of ${fullWidth.length} full-width lines on page 3, ${exactly28} hold 28 characters and the rest 27 (line-breaking rule); none holds more than 28`);
  });

  test('GB/T 9704-2012 7.2.4: red 发文机关标志 centred, upper edge 35 mm below the 版心', (t) => {
    const red = rowBands(p1, isRed, { minPx: 2 });
    const markBand = red[0]!;
    near(markBand.top, GB9704.top + GB9704.markOffset, 1.0, 'mark upper edge');
    const ext = inkExtent(p1, isRed, markBand)!;
    near((ext.left + ext.right) / 2, CENTRE, 0.8, 'mark centre');
    t.diagnostic(`mark ink ${mm(markBand.top)}–${mm(markBand.bottom)} from the page top (standard: upper edge ${GB9704.top + GB9704.markOffset} mm), x ${mm(ext.left)}–${mm(ext.right)}, centre ${mm((ext.left + ext.right) / 2)}`);
  });

  test('GB/T 9704-2012 7.2.5/7.2.7: 发文字号 two lines under the mark, red separator 4 mm under it, as wide as the 版心', async (t) => {
    const red = rowBands(p1, isRed, { minPx: 2 });
    const [markBand, sepBand] = [red[0]!, red[1]!];
    const sepExt = inkExtent(p1, isRed, sepBand)!;
    near(sepExt.left, GB9704.left, 0.3, 'separator left end');
    near(sepExt.right - sepExt.left, GB9704.bodyWidth, 0.3, 'separator length');
    const numberBand = rowBands(p1, isDark, { y0: markBand.bottom, y1: sepBand.top }).at(-1)!;
    // the number's em box is 3号 (5.64 mm); its ink fills most of it
    near(numberBand.top - markBand.bottom, 2 * LINE_PITCH + (LINE_PITCH - SIZE.h3) / 2, 1.5, 'mark → 发文字号 (two lines)');
    near(sepBand.top - numberBand.bottom, GB9704.separatorGap, 0.8, '发文字号 → separator');
    const words = await pdfWords(pdf, 1);
    const number = words.find((w) => w.text === '武政发〔2023〕19号')!;
    near((number.xMin + number.xMax) / 2, CENTRE, 0.5, '发文字号 centre');
    t.diagnostic(`发文字号 ink ${mm(numberBand.top)}–${mm(numberBand.bottom)}, ${mm(numberBand.top - markBand.bottom)} under the mark (2 lines = ${mm(2 * LINE_PITCH)}); separator ${mm(sepBand.top)}–${mm(sepBand.bottom)}, ${mm(sepBand.top - numberBand.bottom)} under the number (standard 4 mm), x ${mm(sepExt.left)}–${mm(sepExt.right)}`);
  });

  test('GB/T 9704-2012 7.3.1–7.3.3: title two lines under the separator, 主送 flush left, body indented two characters', async (t) => {
    const red = rowBands(p1, isRed, { minPx: 2 });
    const sep = red[1]!;
    const words = await pdfWords(pdf, 1);
    const title = words.find((w) => w.text === '武威市人民政府')!;
    const gap = title.yMin - sep.bottom;
    // text boxes span the font's ascent and descent; compare cell tops: two blank lines, then the title
    const titleCellTop = (title.yMin + title.yMax) / 2 - LINE_PITCH / 2;
    near(titleCellTop - sep.bottom, 2 * LINE_PITCH, 1.0, 'separator → title');
    const recipients = words.find((w) => w.text.startsWith('各县、区人民政府'))!;
    near(recipients.xMin, GB9704.left, 0.5, '主送 left edge');
    const body = words.find((w) => w.text.startsWith('《武威市人民政府工作规则》已经'))!;
    near(body.xMin, GB9704.left + 2 * CELL, 0.5, 'first body line indent');
    t.diagnostic(`title cell ${mm(titleCellTop)} (${mm(titleCellTop - sep.bottom)} under the separator, 2 lines = ${mm(2 * LINE_PITCH)}; text box gap ${mm(gap)}); 主送 at x ${mm(recipients.xMin)}; body indent at x ${mm(body.xMin)} (28 + 2 × ${CELL.toFixed(3)})`);
  });

  test('GB/T 9704-2012 7.3.5.2/7.3.6: 署名 右空二字, 成文日期 2023年3月1日 under it, 附注 左空二字', async (t) => {
    const words = await pdfWords(pdf, 1);
    const sig = words.filter((w) => w.text === '武威市人民政府').at(-1)!;
    const date = words.find((w) => w.text === '2023年3月1日')!;
    const note = words.find((w) => w.text === '（此件公开发布）')!;
    near(date.xMin - sig.xMin, 2 * CELL, 0.5, '成文日期 two characters right of the 署名');
    assert.ok(BODY_RIGHT - sig.xMax >= 2 * CELL - 0.5, `署名 right margin ${mm(BODY_RIGHT - sig.xMax)}`);
    near(date.yMin - sig.yMin, LINE_PITCH, 0.2, '成文日期 on the next line');
    near(note.xMin, GB9704.left + 2 * CELL, 0.5, '附注 indent');
    near(note.yMin - date.yMin, LINE_PITCH, 0.2, '附注 on the line after the date');
    t.diagnostic(`署名 x ${mm(sig.xMin)}–${mm(sig.xMax)} (右空 ${((BODY_RIGHT - sig.xMax) / CELL).toFixed(2)} 字), 成文日期 x ${mm(date.xMin)}–${mm(date.xMax)} (右空 ${((BODY_RIGHT - date.xMax) / CELL).toFixed(2)} 字), 附注 x ${mm(note.xMin)}`);
  });

  test('GB/T 9704-2012 7.5: page numbers — N — 7 mm under the 版心, odd pages right, even pages left, 空一字', async (t) => {
    const w1 = (await pdfWords(pdf, 1)).filter((w) => w.yMin > BODY_BOTTOM);
    const w2 = (await pdfWords(pdf, 2)).filter((w) => w.yMin > BODY_BOTTOM);
    assert.deepEqual(w1.map((w) => w.text), ['—', '1', '—']);
    assert.deepEqual(w2.map((w) => w.text), ['—', '2', '—']);
    near(w1.at(-1)!.xMax, BODY_RIGHT - SIZE.h4, 0.3, 'odd page number right edge (空一字)');
    near(w2[0]!.xMin, GB9704.left + SIZE.h4, 0.3, 'even page number left edge (空一字)');
    // the dash's stroke in the image
    const dashBand = rowBands(p1, isDark, { x0: w1[0]!.xMin, x1: w1[0]!.xMax, y0: BODY_BOTTOM + 1 })[0]!;
    near((dashBand.top + dashBand.bottom) / 2, BODY_BOTTOM + GB9704.pageNumberGap, 0.6, '一字线 under the 版心');
    t.diagnostic(`page 1 number x ${mm(w1[0]!.xMin)}–${mm(w1.at(-1)!.xMax)} (right 空一字 = ${mm(BODY_RIGHT - SIZE.h4)}), page 2 from x ${mm(w2[0]!.xMin)}; 一字线 at ${mm((dashBand.top + dashBand.bottom) / 2)} = 版心 + ${mm((dashBand.top + dashBand.bottom) / 2 - BODY_BOTTOM)}`);
  });

  test('GB/T 9704-2012 7.4: 版记 on the last, even page; last rule on the lower edge of the 版心; 抄送 and 印发 空一字', async (t) => {
    assert.equal(pages % 2, 0, `${pages} pages`);
    const rules = rowBands(last, (r, g, b) => isDark(r, g, b), { minPx: Math.round(150 * last.pxPerMm) });
    assert.equal(rules.length, 4, `rules of the 版记: ${rules.map((r) => mm(r.top)).join(', ')}`);
    near(rules.at(-1)!.bottom, BODY_BOTTOM, 0.3, 'last rule bottom');
    const thick = rules[0]!.bottom - rules[0]!.top;
    const thin = rules[1]!.bottom - rules[1]!.top;
    assert.ok(thick >= thin, `first rule ${mm(thick)} ≥ middle rule ${mm(thin)}`);
    const words = await pdfWords(pdf, pages);
    const cc = words.find((w) => w.text.startsWith('抄送：'))!;
    assert.equal(cc.text, '抄送：市委办公室，市人大常委会办公室，市政协办公室。');
    near(cc.xMin, GB9704.left + SIZE.h4, 0.3, '抄送 left (空一字)');
    const printed = words.find((w) => w.text === '2023年3月1日印发')!;
    near(printed.xMax, BODY_RIGHT - SIZE.h4, 0.3, '印发日期 right (空一字)');
    assert.ok(words.some((w) => w.text === '武威市人民政府办公室'));
    t.diagnostic(`${pages} pages; 版记 rules at ${rules.map((r) => `${mm(r.top)}–${mm(r.bottom)}`).join(', ')} (版心 bottom ${BODY_BOTTOM} mm); 抄送 x ${mm(cc.xMin)}, 印发日期 right ${mm(printed.xMax)}`);
  });

  test('GB/T 9704-2012 5.2.3: the face found for each role drawn is embedded as a subset (no missing glyphs)', async (t) => {
    const fonts = await pdfFonts(pdf);
    const roles = [...new Set(layoutDocument(sourceDocument()).pages.flatMap((p) => p.runs.map((r) => r.role)))];
    for (const role of ['fangsong', 'xiaobiaosong', 'heiti', 'song'] as const) assert.ok(roles.includes(role), `${role} drawn`);
    const faces = [...new Set(roles.map((role) => loadFont(role).font.postscriptName))];
    // BaseFont of an embedded subset: a six-letter tag, '+', the face's PostScript name
    for (const n of fonts) assert.match(n, /^[A-Z]{6}\+/, `${n} embedded as a subset`);
    for (const f of faces) assert.ok(fonts.some((n) => n.slice(7) === f), `${f} in ${fonts.join(', ')}`);
    for (const n of fonts) assert.ok(faces.includes(n.slice(7)), `${n} is the face of a role`);
    t.diagnostic(`${fonts.join(', ')} for ${roles.join(', ')}`);
  });
});

describe('an outgoing 通知 and an upward 请示 as PDF', () => {
  test('GB/T 9704-2012 7.2.1–7.2.3: 份号 and 紧急程度 on the first lines, flush left', async () => {
    const pdf = await renderPdf(sampleNotice());
    const words = await pdfWords(pdf, 1);
    const copy = words.find((w) => w.text === '000012')!;
    const urgent = words.find((w) => w.text === '特急')!;
    near(copy.xMin, GB9704.left, 0.5, '份号 left');
    near((urgent.yMin + urgent.yMax) / 2 - (copy.yMin + copy.yMax) / 2, LINE_PITCH, 0.8, '紧急程度 on the second line');
    assert.ok(copy.yMin >= GB9704.top && copy.yMax <= GB9704.top + LINE_PITCH + 1, `份号 on line 1 (${mm(copy.yMin)})`);
  });

  test('GB/T 9704-2012 7.3.4/7.3.7: 附件说明 under the body, each attachment on a new page with 附件N and its title on line 3', async () => {
    const doc = sampleNotice();
    const layout = layoutDocument(doc);
    const pdf = await renderPdf(doc);
    const attPages = layout.pages.map((p, i) => [p, i + 1] as const).filter(([p]) => p.kind === 'attachment');
    assert.equal(attPages.length, 2);
    for (const [k, [, n]] of attPages.entries()) {
      const words = await pdfWords(pdf, n);
      const label = words.find((w) => w.text === `附件${k + 1}`)!;
      near(label.xMin, GB9704.left, 0.3, '附件 label flush left');
      near((label.yMin + label.yMax) / 2, GB9704.top + LINE_PITCH / 2, 1.5, '附件 label on line 1');
      const title = words.find((w) => w.text === doc.attachments![k]!.title)!;
      near((title.yMin + title.yMax) / 2, GB9704.top + 2.5 * LINE_PITCH, 1.5, 'attachment title on line 3');
      near((title.xMin + title.xMax) / 2, CENTRE, 0.5, 'attachment title centred');
    }
    const all = [...(await pdfWords(pdf, 1)), ...(await pdfWords(pdf, 2))];
    const note = all.find((w) => w.text.startsWith('附件：1.'))!;
    near(note.xMin, GB9704.left + 2 * CELL, 0.5, '附件说明 左空二字');
    const second = all.find((w) => w.text.startsWith('2.政务公开'))!;
    near(second.xMin, GB9704.left + 5 * CELL, 0.5, 'second attachment aligned under the first name');
  });

  test('GB/T 9704-2012 7.2.5/7.2.6: upward 发文字号 居左空一字, 签发人 居右空一字 on the same line', async () => {
    const pdf = await renderPdf(sampleRequest());
    const words = await pdfWords(pdf, 1);
    const number = words.find((w) => w.text === '武政〔2023〕8号')!;
    const signer = words.find((w) => w.text.includes('李明'))!;
    near(number.xMin, GB9704.left + CELL, 0.5, '发文字号 left');
    near(signer.xMax, BODY_RIGHT - CELL, 0.5, '签发人 right');
    near(number.yMin, signer.yMin, 0.5, 'same line');
  });
});

describe('纪要 as PDF', () => {
  let pdf: Buffer;
  let p1: Raster;
  before(async () => {
    pdf = await renderMinutesPdf(sampleMinutes());
    p1 = await rasterize(pdf, 1);
  });

  test('GB/T 9704-2012 clause 9: red 纪要标志 35 mm under the 版心, red separator across the 版心', (t) => {
    const red = rowBands(p1, isRed, { minPx: 2 });
    near(red[0]!.top, GB9704.top + GB9704.markOffset, 1.0, '纪要标志 upper edge');
    const sep = red.at(-1)!;
    const ext = inkExtent(p1, isRed, sep)!;
    near(ext.right - ext.left, GB9704.bodyWidth, 0.3, 'separator length');
    t.diagnostic(`纪要标志 from ${mm(red[0]!.top)}, separator ${mm(sep.top)}–${mm(sep.bottom)}`);
  });

  test('GB/T 9704-2012 clause 9: 出席/请假/列席 左空二字, lines after the first aligned after the colon', async (t) => {
    const pages = await pdfPageCount(pdf);
    const words = [...(await pdfWords(pdf, 1)), ...(pages >= 2 ? await pdfWords(pdf, 2) : [])];
    for (const label of ['出席：', '请假：', '列席：']) {
      const w = words.find((x) => x.text.startsWith(label));
      assert.ok(w, `${label} present`);
      near(w.xMin, GB9704.left + 2 * CELL, 0.5, `${label} indent`);
    }
    const lines = wordLines(words.filter((w) => w.yMax < BODY_BOTTOM));
    const present = lines.findIndex((l) => l.words[0]!.text.startsWith('出席：'));
    const cont = lines[present + 1]!;
    near(cont.xMin, GB9704.left + 5 * CELL, 0.5, 'continuation aligned after 出席：');
    t.diagnostic(`出席 at x ${mm(lines[present]!.xMin)}, continuation at x ${mm(cont.xMin)} (28 + 5 × ${CELL.toFixed(3)})`);
  });
});
