import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkSeparation, rotationDueOn, rotationState } from './separation.ts';
import { TEST_ROTATION_RULES as ROT, TEST_SEPARATION_RULES as R } from './fixture.ts';

test('第四十三条: in a sensitive flow the drafter never approves; elsewhere nothing is checked', () => {
  const cases: { name: string; input: Parameters<typeof checkSeparation>[0]; expect: string[] }[] = [
    { name: 'procurement, drafter approves', input: { area: '政府采购', drafterId: 'p1', approverId: 'p1' }, expect: ['ACC.DRAFTER_APPROVES'] },
    { name: 'procurement, another approver', input: { area: '政府采购', drafterId: 'p1', approverId: 'p2' }, expect: [] },
    { name: 'public works without a drafter', input: { area: '公共工程建设', approverId: 'p2' }, expect: ['ACC.DRAFTER_MISSING'] },
    { name: 'not a sensitive flow', input: { area: '会务保障', drafterId: 'p1', approverId: 'p1' }, expect: [] },
    { name: 'no area', input: { drafterId: 'p1', approverId: 'p1' }, expect: [] },
  ];
  for (const c of cases) {
    const v = checkSeparation(c.input, R);
    assert.deepEqual(v.map((x) => x.code), c.expect, c.name);
    for (const x of v) { assert.equal(x.article, 43); assert.match(x.message, /依据第四十三条/); }
  }
});

test('第四十三条: a post in a sensitive flow is due for rotation after the pack interval', () => {
  assert.equal(rotationDueOn('2021-03-02', 5), '2026-03-02');
  assert.equal(rotationDueOn('2020-02-29', 5), '2025-02-28');
  assert.deepEqual(rotationState({ since: '2021-03-02' }, '2026-03-01', ROT), { dueOn: '2026-03-02', state: 'in_post' });
  assert.deepEqual(rotationState({ since: '2021-03-02' }, '2026-03-02', ROT), { dueOn: '2026-03-02', state: 'due' });
  assert.equal(rotationState({ since: '2019-01-01', rotatedOn: '2024-01-01' }, '2026-03-02', ROT).state, 'rotated');
});
