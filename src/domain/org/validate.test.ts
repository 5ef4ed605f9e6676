import { test } from 'node:test';
import assert from 'node:assert/strict';
import { smallOrg, TEST_RULES } from './fixture.ts';
import { validateOrg, validateOrgOn } from './validate.ts';
import { checkAbsence, checkEntrustment } from './records.ts';
import type { Absence, Entrustment } from './types.ts';

const DAY = '2026-03-03';
const codes = (vs: { code: string }[]) => vs.map((v) => v.code).sort();

test('the test organisation is consistent, structurally and on a day', () => {
  assert.deepEqual(validateOrg(smallOrg()), []);
  assert.deepEqual(validateOrgOn(smallOrg(), DAY), []);
});

test('ids are unique across the organisation and references resolve — every problem is listed', () => {
  const org = smallOrg();
  org.people.push({ id: 'pos-mayor', name: '重号' });
  org.assignments.push({ id: 'a-x', positionId: 'pos-ghost', personId: 'p-ghost', period: { from: '2026-01-01' } });
  org.units.push({ id: 'u-x', kind: 'affiliated_institution', name: 'x', shortName: 'x', parentId: 'u-ghost' });
  assert.deepEqual(codes(validateOrg(org)), ['ORG.DANGLING_REFERENCE', 'ORG.DANGLING_REFERENCE', 'ORG.DANGLING_REFERENCE', 'ORG.DUPLICATE_ID']);
});

test('periods: real dates, end not before start', () => {
  const org = smallOrg();
  org.units.push({ id: 'u-new', kind: 'constituent_department', name: '新设局', shortName: '新设局', period: { from: '2026-13-01' } });
  org.portfolios.push({ id: 'pf-x', positionId: 'pos-vm2', unitIds: [], areas: [], period: { from: '2026-03-02', to: '2026-03-01' } });
  assert.deepEqual(codes(validateOrg(org)), ['ORG.INVALID_DATE', 'ORG.INVALID_PERIOD']);
});

test('a post is held by one person at a time', () => {
  const org = smallOrg();
  org.assignments.push({ id: 'a-x', positionId: 'pos-mayor', personId: 'p-sg', period: { from: '2026-01-01' } });
  assert.deepEqual(codes(validateOrg(org)), ['ORG.POSITION_DOUBLY_HELD']);
});

test('第十一条: portfolios belong to the mayor or vice mayors, one leader per department at a time', () => {
  const org = smallOrg();
  org.portfolios.push({ id: 'pf-sg', positionId: 'pos-sg', unitIds: [], areas: ['机关事务'], period: { from: '2023-01-01' } });
  org.portfolios.push({ id: 'pf-dup', positionId: 'pos-vm2', unitIds: ['u-fgw'], areas: [], period: { from: '2026-01-01' } });
  const vs = validateOrg(org);
  assert.deepEqual(codes(vs), ['ORG.PORTFOLIO_NOT_LEADER', 'ORG.PORTFOLIO_OVERLAP']);
  assert.ok(vs.every((v) => v.article === 11));
});

test('第十一条: AB岗 is between two different vice mayors, one partner at a time', () => {
  const org = smallOrg();
  org.backupPairs.push({ id: 'ab-bad', positionIds: ['pos-vm2', 'pos-sg'], period: { from: '2023-01-01' } });
  assert.deepEqual(codes(validateOrg(org)), ['ORG.BACKUP_PAIR_INVALID', 'ORG.BACKUP_PAIR_OVERLAP']);
});

test('第十二条: assistance runs from a deputy secretary-general to a city leader', () => {
  const org = smallOrg();
  org.assistance.push({ id: 'as-bad', assistantPositionId: 'pos-vm1', assistedPositionId: 'pos-vm2', period: { from: '2023-01-01' } });
  assert.deepEqual(codes(validateOrg(org)), ['ORG.ASSISTANCE_INVALID']);
});

test('第十一条: on a day every vice mayor has an AB岗 partner and every department a leader in charge', () => {
  const org = smallOrg();
  org.backupPairs = org.backupPairs.filter((b) => b.id !== 'ab-2');
  org.portfolios = org.portfolios.filter((p) => p.id !== 'pf-vm1');
  const vs = validateOrgOn(org, DAY);
  assert.deepEqual(codes(vs), ['ORG.NO_BACKUP_PARTNER', 'ORG.NO_BACKUP_PARTNER', 'ORG.NO_LEADER_IN_CHARGE']);
  assert.ok(vs.some((v) => v.code === 'ORG.NO_LEADER_IN_CHARGE' && v.details?.unitId === 'u-jyj'));
});

test('第十二条: on a day every vice mayor is assisted by a deputy secretary-general', () => {
  const org = smallOrg();
  org.assistance = org.assistance.filter((a) => a.id !== 'as-3');
  assert.deepEqual(codes(validateOrgOn(org, DAY)), ['ORG.NO_ASSISTANT']);
});

const absence = (over: Partial<Absence> = {}): Absence => ({
  id: 'ab-new',
  personId: 'p-vm1',
  kind: 'business',
  period: { from: '2026-03-02', to: '2026-03-05' },
  ...over,
});

test('第七十九条: recording an absence — overlapping trips of one person are refused, corrections supersede', () => {
  const org = smallOrg({ absences: [absence({ id: 'ab-1' })] });
  const clash = checkAbsence(org, absence({ period: { from: '2026-03-05', to: '2026-03-07' } }));
  assert.ok(!clash.ok);
  assert.deepEqual(codes(clash.violations), ['ORG.ABSENCE_OVERLAP']);
  assert.equal(clash.violations[0].article, 79);
  assert.ok(checkAbsence(org, absence({ period: { from: '2026-03-05', to: '2026-03-07' }, supersedes: 'ab-1' })).ok);
  assert.ok(checkAbsence(org, absence({ personId: 'p-vm2' })).ok);
  const bad = checkAbsence(org, absence({ personId: 'p-ghost', period: { from: '2026-03-05', to: '2026-03-01' }, supersedes: 'ab-9' }));
  assert.ok(!bad.ok);
  assert.deepEqual(codes(bad.violations), ['ORG.ABSENCE_NOT_FOUND', 'ORG.INVALID_PERIOD', 'ORG.UNKNOWN_PERSON']);
});

const entrustment = (over: Partial<Entrustment> = {}): Entrustment => ({
  id: 'en-new',
  kind: 'preside',
  grantorPositionId: 'pos-mayor',
  granteePositionId: 'pos-exec',
  period: { from: '2026-03-02', to: '2026-03-05' },
  ...over,
});

test('第十三条: presiding is entrusted by the mayor to the 常务副市长 only', () => {
  const d = checkEntrustment(smallOrg(), entrustment({ grantorPositionId: 'pos-sg', granteePositionId: 'pos-vm1' }), TEST_RULES);
  assert.ok(!d.ok);
  assert.deepEqual(codes(d.violations), ['ORG.ENTRUSTMENT_NOT_BY_MAYOR', 'ORG.ENTRUSTMENT_PRESIDE_NOT_EXECUTIVE']);
  assert.ok(d.violations.every((v) => v.article === 13));
});

test('第十三条: an entrustment recorded before the trip is accepted with a visible warning', () => {
  const d = checkEntrustment(smallOrg(), entrustment(), TEST_RULES);
  assert.ok(d.ok);
  assert.deepEqual(codes(d.warnings), ['ORG.ENTRUSTMENT_WITHOUT_QUALIFYING_ABSENCE']);
  const withTrip = smallOrg({ absences: [absence({ personId: 'p-mayor', kind: 'study' })] });
  const d2 = checkEntrustment(withTrip, entrustment(), TEST_RULES);
  assert.ok(d2.ok);
  assert.deepEqual(d2.warnings, []);
  // leave is not a qualifying absence
  const onLeave = smallOrg({ absences: [absence({ personId: 'p-mayor', kind: 'leave' })] });
  assert.deepEqual(codes(checkEntrustment(onLeave, entrustment(), TEST_RULES).warnings), ['ORG.ENTRUSTMENT_WITHOUT_QUALIFYING_ABSENCE']);
});

test('第十一条: other work or a special task is entrusted to a vice mayor and says what it is', () => {
  const ok = checkEntrustment(smallOrg(), entrustment({ kind: 'task', granteePositionId: 'pos-vm2', task: '牵头筹备招商引资推介会' }), TEST_RULES);
  assert.ok(ok.ok);
  assert.deepEqual(ok.warnings, []);
  const bad = checkEntrustment(smallOrg(), entrustment({ kind: 'task', granteePositionId: 'pos-dsg1' }), TEST_RULES);
  assert.ok(!bad.ok);
  assert.deepEqual(codes(bad.violations), ['ORG.ENTRUSTMENT_TASK_MISSING', 'ORG.ENTRUSTMENT_TASK_NOT_VICE_MAYOR']);
  assert.ok(bad.violations.every((v) => v.article === 11));
});
