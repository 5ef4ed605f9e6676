import { test } from 'node:test';
import assert from 'node:assert/strict';
import { articleLabel } from './article.ts';

test('article labels read as the rules write them (第一条 … 第一百条)', () => {
  assert.equal(articleLabel(1), '第一条');
  assert.equal(articleLabel(10), '第十条');
  assert.equal(articleLabel(13), '第十三条');
  assert.equal(articleLabel(66), '第六十六条');
  assert.equal(articleLabel(70), '第七十条');
  assert.equal(articleLabel(100), '第一百条');
});
