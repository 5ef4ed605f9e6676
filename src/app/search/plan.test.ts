import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rankingPlan } from './plan.ts';

const base = { cap: 10_000, window: 200, offset: 0, limit: 20 } as const;

test('search plan: up to the cap every match is ranked, by relevance or by date', () => {
  assert.deepEqual(rankingPlan({ ...base, matches: 0, sort: 'relevance' }), { kind: 'none' });
  assert.deepEqual(rankingPlan({ ...base, matches: 1, sort: 'relevance' }), { kind: 'all' });
  assert.deepEqual(rankingPlan({ ...base, matches: 10_000, sort: 'relevance' }), { kind: 'all' });
  assert.deepEqual(rankingPlan({ ...base, matches: 10_000, sort: 'newest' }), { kind: 'all' });
});

test('search plan: beyond the cap 最新 reads the date index and 相关度 ranks a bounded window that reaches the page', () => {
  assert.deepEqual(rankingPlan({ ...base, matches: 10_001, sort: 'newest' }), { kind: 'newest' });
  assert.deepEqual(rankingPlan({ ...base, matches: 10_001, sort: 'relevance' }), { kind: 'window', window: 200 });
  assert.deepEqual(rankingPlan({ ...base, matches: 10_001, sort: 'relevance', offset: 400 }), { kind: 'window', window: 420 });
});
