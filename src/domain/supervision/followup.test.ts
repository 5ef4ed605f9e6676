import { test } from 'node:test';
import assert from 'node:assert/strict';
import { followUp } from './followup.ts';
import { performance } from './performance.ts';
import { TEST_FOLLOWUP_RULES as R } from './fixture.ts';
import { shippedCalendarForTests } from './testing-calendar.ts';

const cal = shippedCalendarForTests();
const item = { due: '2026-03-20', unknownYears: [], closed: false, lastReportOn: '2026-03-02' };

test('第八十六条: chase from 3 working days before the due date, escalate up the chain when overdue', () => {
  const cases = [
    { today: '2026-03-16', chase: false, level: -1, state: 'on_time' },
    { today: '2026-03-17', chase: true, level: 0, state: 'due_soon' },
    { today: '2026-03-23', chase: true, level: 1, state: 'overdue' },
    { today: '2026-03-27', chase: true, level: 2, state: 'overdue' },
  ];
  for (const c of cases) {
    const f = followUp(item, c.today, cal, R);
    assert.equal(f.chase, c.chase, c.today);
    assert.equal(f.escalationLevel, c.level, c.today);
    assert.equal(f.state, c.state, c.today);
  }
  assert.equal(followUp(item, '2026-03-27', cal, R).escalateTo, '分管市领导');
  assert.equal(followUp({ ...item, closed: true }, '2026-04-30', cal, R).state, 'closed');
});

test('第八十六条: a progress report is due every 10 working days after the last one', () => {
  const f = followUp(item, '2026-03-16', cal, R);
  assert.equal(f.nextReportDue, '2026-03-16');
  assert.equal(f.reportOverdue, false);
  assert.equal(followUp(item, '2026-03-17', cal, R).reportOverdue, true);
});

test('第五十条: on-time and overdue rates by department, never ranked (groups in name order)', () => {
  const mk = (id: string, dep: string, due: string, closedOn: string | null) => ({
    id, title: id, department: { id: dep, name: dep }, leader: null, kind: { code: 'regular', label: '常规督查' }, due, closedOn,
  });
  const r = performance([
    mk('a', '市教育局', '2026-03-10', '2026-03-09'),
    mk('b', '市教育局', '2026-03-10', '2026-03-12'),
    mk('c', '市发展改革委', '2026-03-10', null),
    mk('d', '市发展改革委', '2026-03-31', null),
    mk('e', '市发展改革委', '2026-05-01', null),
  ], 'department', { from: '2026-03-01', to: '2026-03-31' }, '2026-03-20');
  assert.deepEqual(r.groups.map((g) => g.label), ['市发展改革委', '市教育局']);
  const edu = r.groups[1];
  assert.equal(edu.onTimeRate, 0.5);
  assert.equal(r.groups[0].overdueOpen, 1);
  assert.equal(r.groups[0].open, 1);
  assert.equal(r.totals.total, 4);
  assert.deepEqual(r.groups[0].itemIds, ['c', 'd']);
});
