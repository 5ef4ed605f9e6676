import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkDissent, checkRemade } from './dissent.ts';
import { checkPlan, planState } from './plans.ts';
import { accountabilityList } from './accountability.ts';
import { TEST_DISSENT_RULES as D } from './fixture.ts';

const codes = (d: { ok: boolean; violations?: { code: string }[] }) => (d.ok ? [] : d.violations!.map((v) => v.code));

test('第七十七条: dissent is raised inside the government and the decision stands until remade', () => {
  const ok = checkDissent({ decisionRef: '市政府第12次常务会议纪要第3项', channel: '书面意见', content: '建议调整补助标准', raisedOn: '2026-03-01' }, '2026-03-02', D);
  assert.equal(ok.ok && ok.value.decisionStands, true);
  const out = checkDissent({ decisionRef: '', channel: '媒体采访', content: '', raisedOn: '2026-03-05' }, '2026-03-02', D);
  assert.deepEqual(codes(out), ['ACC.DECISION_REF_MISSING', 'ACC.DISSENT_CHANNEL', 'ACC.SUMMARY_MISSING', 'ACC.DATE_IN_FUTURE']);
  assert.match(!out.ok ? out.violations[1].message : '', /依据第七十七条，不同意见应在市政府内部提出/);
  assert.deepEqual(codes(checkRemade({ status: 'standing', raisedOn: '2026-03-01' }, { newDecisionRef: '', on: '2026-03-02' }, '2026-03-02', D)), ['ACC.DECISION_REF_MISSING']);
  assert.equal(checkRemade({ status: 'standing', raisedOn: '2026-03-01' }, { newDecisionRef: '市政府第13次常务会议纪要', on: '2026-03-02' }, '2026-03-02', D).ok, true);
});

test('第二十二条: a contingency plan names its responsible unit and measures; past its review date it is due', () => {
  assert.deepEqual(codes(checkPlan({ title: '防汛应急预案', risk: '洪涝', measures: '', responsibleUnitId: null, approvedOn: '2026-01-01' }, '2026-03-02', { article: 22 })), ['ACC.PLAN_UNIT_MISSING', 'ACC.PLAN_MEASURES_MISSING']);
  assert.equal(checkPlan({ title: '防汛应急预案', risk: '洪涝', measures: '汛前排查', responsibleUnitId: 'unit-yjj', approvedOn: '2026-01-01' }, '2026-03-02', { article: 22 }).ok, true);
  assert.equal(planState('2026-03-01', '2026-03-02'), 'review_due');
  assert.equal(planState('2026-03-02', '2026-03-02'), 'current');
});

test('第八十九条: overdue, late and bounced items feed the accountability list, counted per unit', () => {
  const l = accountabilityList(
    [
      { source: '督查', objectType: 'supervision_item', objectId: 's1', title: '项目推进', unitId: 'u1', due: '2026-02-20', article: 86 },
      { source: '建议提案', objectType: 'acc_case', objectId: 'c1', title: '建议', unitId: 'u1', due: '2026-02-01', article: 44, closedOn: '2026-02-05' },
      { source: '信访', objectType: 'acc_case', objectId: 'c2', title: '按期', unitId: 'u2', due: '2026-03-10', article: 48 },
    ],
    [{ source: '建议提案', objectType: 'acc_case', objectId: 'c3', title: '交办不当', unitId: 'u2', on: '2026-02-10', reason: '退回：不属本单位职责', article: 44 }],
    '2026-03-02',
  );
  assert.deepEqual(l.rows.map((r) => [r.kind, r.objectId, r.daysLate]), [['late', 'c1', 4], ['bounced', 'c3', 0], ['overdue', 's1', 10]]);
  assert.deepEqual(l.byUnit, [{ unitId: 'u1', overdue: 1, late: 1, bounced: 0 }, { unitId: 'u2', overdue: 0, late: 0, bounced: 1 }]);
});
