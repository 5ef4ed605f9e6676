import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AppError } from '../errors/index.ts';
import { loadAllFonts, setFontSearch } from './fonts.ts';
import { canonicalContent, digestOf, verifyOutput } from './integrity.ts';
import { breakLines, layoutDocument } from './layout.ts';
import { chineseDate, detectStyle } from './model.ts';
import { sampleNotice } from './samples.ts';
import { sourceDocument } from './source-document.ts';

test('GB/T 9704-2012 7.3.3: heading levels 一、（一）1.（1） detected, 第X章/第X条 of regulations', () => {
  assert.equal(detectStyle('一、总体要求'), 'h1');
  assert.equal(detectStyle('（二）及时主动公开政府信息。'), 'h2');
  assert.equal(detectStyle('1.行政规范性文件'), 'h3');
  assert.equal(detectStyle('（1）涉及群众切身利益的'), 'h4');
  assert.equal(detectStyle('第十四章　附则'), 'chapter');
  assert.equal(detectStyle('第一百条　本规则自发布之日起施行。'), 'article');
  assert.equal(detectStyle('为贯彻落实《武威市人民政府工作规则》'), 'body');
});

test('GB/T 9704-2012 7.3.5.4: 成文日期 in full, months and days without leading zeros', () => {
  assert.equal(chineseDate('2023-03-01'), '2023年3月1日');
  assert.equal(chineseDate('2023-12-25'), '2023年12月25日');
  assert.equal(chineseDate('2023-02-30'), null);
});

test('line breaking: no closing mark starts a line, no opening mark ends one, numbers kept whole', () => {
  const g = (s: string) => [...s].map((ch) => ({ ch, w: ch.codePointAt(0)! < 0x2000 ? 0.5 : 1 }));
  const lines = breakLines(g('一二三四五六七八九十一二三四五六七八九十一二三四五六七八。后'), 28, 28);
  assert.ok(!'，。、；：？！）》”'.includes(lines[1]![0]!.ch), `second line starts with ${lines[1]![0]!.ch}`);
  const open = breakLines(g('一二三四五六七八九十一二三四五六七八九十一二三四五六七“引号”'), 28, 28);
  assert.notEqual(open[0]!.at(-1)!.ch, '“');
  const num = breakLines(g('一二三四五六七八九十一二三四五六七八九十一二三四五六七2023年'), 28, 28);
  assert.equal(num[1]!.map((x) => x.ch).join(''), '2023年');
});

test('rules document from source.txt: 版头, notice, regulation of 14 chapters and 100 articles, 版记', () => {
  const d = sourceDocument();
  assert.equal(d.issuerMark, '武威市人民政府文件');
  assert.equal(d.documentNumber, '武政发〔2023〕19号');
  assert.deepEqual(d.title, ['武威市人民政府', '关于印发《武威市人民政府工作规则》的通知']);
  assert.equal(d.recipients, '各县、区人民政府，市政府各部门、单位');
  assert.equal(d.date, '2023-03-01');
  assert.equal(d.note, '此件公开发布');
  const body = d.attachments![0]!.body.map((p) => (typeof p === 'string' ? { text: p, style: detectStyle(p) } : p));
  assert.equal(body.filter((p) => p.style === 'chapter').length, 14);
  assert.equal(body.filter((p) => p.style === 'article').length, 100);
  // paragraphs split by the page breaks of the printed original are joined again
  assert.ok(body.some((p) => p.text.endsWith('奋力谱写全面建设社会主义现代化武威新篇章。')));
  assert.ok(body.some((p) => p.text.includes('2018年10月18日市政府印发的《武威市人民政府工作规则》（武政发〔2018〕126号）同时废止。')));
  assert.deepEqual(d.imprint, {
    cc: ['市委办公室', '市人大常委会办公室', '市政协办公室'], other: ['公开属性：主动公开'],
    printer: '武威市人民政府办公室', printDate: '2023-03-01',
  });
});

test('SM3 digest of the canonical content: stable, and any change of a printed element changes it', () => {
  const a = sourceDocument();
  assert.equal(digestOf(a), digestOf(sourceDocument()));
  assert.match(digestOf(a), /^[0-9a-f]{64}$/);
  const b = { ...a, date: '2023-03-02' };
  assert.notEqual(digestOf(b), digestOf(a));
  // key order and explicit-vs-detected styles do not change the content
  const c = { ...a, body: a.body.map((p) => (typeof p === 'string' ? { text: p } : p)) };
  assert.equal(canonicalContent(c), canonicalContent(a));
});

test('verification refuses a file that is not an output of this system', async () => {
  await assert.rejects(verifyOutput(Buffer.from('hello'), 'x'), (e: AppError) => e.code === 'OUTPUT.UNKNOWN_FORMAT');
  await assert.rejects(verifyOutput(Buffer.from('%PDF-1.7\n%%EOF'), 'x'), (e: AppError) => e.code === 'OUTPUT.NO_EMBEDDED_DIGEST');
});

test('a missing font is OUTPUT.FONT_MISSING naming the npm and Debian packages, never boxes', () => {
  setFontSearch({ dir: '/nonexistent-font-dir', system: null, npm: false });
  try {
    assert.throws(() => loadAllFonts(), (e: AppError) => {
      assert.equal(e.code, 'OUTPUT.FONT_MISSING');
      const d = e.details as { debianPackages: string[]; npmPackages: string[] };
      assert.deepEqual(d.debianPackages, ['fonts-arphic-gbsn00lp', 'fonts-arphic-ukai', 'fonts-noto-cjk', 'fonts-wqy-zenhei']);
      assert.deepEqual(d.npmPackages, ['@expo-google-fonts/noto-sans-sc', '@expo-google-fonts/noto-serif-sc']);
      assert.match(e.message, /npm install/);
      return true;
    });
    assert.throws(() => layoutDocument(sampleNotice()), (e: AppError) => e.code === 'OUTPUT.FONT_MISSING');
  } finally {
    setFontSearch(null);
  }
});

test('a character no installed font holds is OUTPUT.GLYPH_MISSING, listing it', () => {
  const d = { ...sampleNotice(), body: ['私用区字符\uE000不可显示。'] };
  assert.throws(() => layoutDocument(d), (e: AppError) => e.code === 'OUTPUT.GLYPH_MISSING' && e.message.includes('\uE000'));
});

test('an incomplete document is OUTPUT.INVALID_DOCUMENT listing every missing element', () => {
  const d = { ...sampleNotice(), issuerMark: '', signature: '' };
  assert.throws(() => layoutDocument(d), (e: AppError) => e.code === 'OUTPUT.INVALID_DOCUMENT' && e.violations.length === 2);
});
