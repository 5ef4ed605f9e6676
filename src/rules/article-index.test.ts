import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { citedArticles, parseChineseNumber, renderArticleIndex } from './article-index.ts';
import { loadDefaultPack, repoRoot } from './index.ts';

test('article index: Chinese article numbers are read back (第六十六条 → 66, 第一百条 → 100)', () => {
  assert.equal(parseChineseNumber('六十六'), 66);
  assert.equal(parseChineseNumber('十三'), 13);
  assert.equal(parseChineseNumber('一百'), 100);
  assert.equal(parseChineseNumber('七十'), 70);
  assert.deepEqual(citedArticles('第六十六条: no reply; 民法典 第一千二百五十九条; 保守国家秘密法 第三十一条'), [66]);
});

test('docs/article-index.md is current (run `npm run docs` after adding rules or tests)', () => {
  const committed = readFileSync(join(repoRoot(), 'docs', 'article-index.md'), 'utf8');
  assert.equal(committed, renderArticleIndex(loadDefaultPack(), repoRoot()));
});
