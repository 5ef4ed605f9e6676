import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseChineseNumber, parseSource } from './source.ts';
import { defaultPackDir } from './load.ts';

const source = readFileSync(join(defaultPackDir(), 'source.txt'), 'utf8');

test('the source splits into exactly 100 articles, 第一条 … 第一百条, numbered 1..100', () => {
  const { articles } = parseSource(source);
  assert.equal(articles.length, 100);
  assert.deepEqual(articles.map((a) => a.number), Array.from({ length: 100 }, (_, i) => i + 1));
  assert.equal(articles[0].label, '第一条');
  assert.equal(articles[65].label, '第六十六条');
  assert.equal(articles[99].label, '第一百条');
});

test('each article carries its chapter (第九章 会议制度 holds 第五十一条 … 第六十一条)', () => {
  const { articles } = parseSource(source);
  assert.deepEqual(articles[0].chapter, { number: 1, label: '第一章', title: '总则' });
  const meetings = articles.filter((a) => a.chapter.title === '会议制度').map((a) => a.number);
  assert.deepEqual(meetings, [51, 52, 53, 54, 55, 56, 57, 58, 59, 60, 61]);
  assert.equal(articles[99].chapter.title, '附则');
  assert.equal(new Set(articles.map((a) => a.chapter.number)).size, 14);
});

test('stray line breaks inside 第二条, 第八条 and 第一百条 are joined; real paragraphs (第十四条) are kept', () => {
  const { articles } = parseSource(source);
  assert.match(articles[1].text, /社会主义现代化武威新篇章。$/);
  assert.equal(articles[7].text, '市政府由下列人员组成：市长、副市长、秘书长，市政府组成部门主要负责同志。');
  assert.match(articles[99].text, /2018年10月18日市政府印发的《武威市人民政府工作规则》（武政发〔2018〕126号）同时废止。$/);
  assert.equal(articles[13].text.split('\n').length, 2);
  assert.ok(!articles[99].text.includes('抄送'), '版记不是第一百条的条文');
});

test('第五十九条 reads 3日内 / 5日内 / 2个工作日内 without the conversion spaces', () => {
  const t = parseSource(source).articles[58].text;
  assert.ok(t.includes('在会议结束后3日内印发'));
  assert.ok(t.includes('在会议结束后5日内印发'));
  assert.ok(t.includes('2个工作日内报出'));
});

test('the header (通知) and the 版记 (抄送 … 印发) are kept apart from the articles', () => {
  const { header, colophon } = parseSource(source);
  assert.ok(header.startsWith('武威市人民政府文件'));
  assert.ok(header.includes('武政发〔2023〕19号'));
  assert.ok(header.includes('2023年2月20日市政府党组（扩大）会议审议通过'));
  assert.ok(colophon.startsWith('抄送：市委办公室'));
  assert.ok(colophon.endsWith('2023年3月1日印发'));
});

test('Chinese article numerals parse (十三, 六十六, 一百)', () => {
  assert.equal(parseChineseNumber('十三'), 13);
  assert.equal(parseChineseNumber('六十六'), 66);
  assert.equal(parseChineseNumber('七十'), 70);
  assert.equal(parseChineseNumber('一百'), 100);
});

test('a source with a missing article is refused, naming the article expected', () => {
  const broken = source.replace(/^第六十六条.*$/m, '');
  assert.throws(() => parseSource(broken), /应为第六十六条，实际为第六十七条/);
});
