import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { computeCoverage, renderCoverageMarkdown } from './coverage.ts';
import { loadDefaultPack, repoRoot } from './load.ts';
import type { Rule } from './pack.ts';

const pack = loadDefaultPack();

test('every article of the Wuwei rules is formalised or listed as not formalised with a reason, never both', () => {
  const { articles, problems } = computeCoverage(pack);
  assert.deepEqual(problems, []);
  assert.equal(articles.length, 100);
  assert.ok(articles.every((a) => a.status === 'formalised' || a.status === 'notFormalised'));
});

test('the articles RULES.md §11 leaves unformalised are the ones listed, each with a reason', () => {
  const listed = pack.notFormalised.map((n) => n.article).sort((a, b) => a - b);
  assert.deepEqual(listed, [1, 2, 3, 4, 5, 7, 15, 16, 17, 18, 19, 20, 21, 23, 25, 30, 83, 88, 91, 92, 93, 95, 97]);
  assert.ok(pack.notFormalised.every((n) => n.note.length > 0));
});

test('docs/rule-coverage.md is what `npm run coverage:rules` writes', () => {
  const committed = readFileSync(join(repoRoot(), 'docs', 'rule-coverage.md'), 'utf8');
  assert.equal(committed, renderCoverageMarkdown(pack), 'run `npm run coverage:rules` and commit docs/rule-coverage.md');
});

test('coverage reports an uncovered article, an article both cited and unformalised, and a citation of a missing article', () => {
  const articles = pack.articles.slice(0, 3);
  const rule = (id: string, article: number) => ({ id, article, label: id, kind: 'track' }) as Rule;
  const { articles: rows, problems } = computeCoverage({
    articles,
    rules: [rule('org.a', 1), rule('org.b', 2), rule('org.c', 200)],
    notFormalised: [{ article: 2, reason: 'principle', note: '原则' }],
  });
  assert.deepEqual(rows.map((r) => r.status), ['formalised', 'conflict', 'missing']);
  assert.deepEqual(problems, [
    '规则 org.c 引用了原文中不存在的第 200 条',
    '第二条既有规则（org.b）又列为未形式化',
    '第三条既没有规则，也没有列为未形式化（需说明理由）',
  ]);
});
