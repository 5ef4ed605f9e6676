import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Conventions } from '../../rules/index.ts';
import { validateArrangement } from './arrangement.ts';
import { buildCalendarIndex } from './calendar.ts';
import {
  computeDeadline,
  countingConventions,
  deadlineRule,
  deadlineState,
  dueDate,
  type Deadline,
  type DeadlineRule,
} from './deadline.ts';

// The conventions as packs/wuwei-2023/pack.yaml states them (民法典 第二百零一条、第一千二百五十九条、第二百零三条).
const packConventions: Conventions = {
  countFrom: { value: 'nextDay', basis: 'borrowed', cite: '《中华人民共和国民法典》第二百零一条' },
  inclusiveBound: {
    value: { inclusive: ['以上', '以下', '以内', '届满'], exclusive: ['不满', '超过', '以外'] },
    basis: 'borrowed',
    cite: '《中华人民共和国民法典》第一千二百五十九条',
  },
  naturalDayEndRollsToWorkday: { value: true, basis: 'borrowed', cite: '《中华人民共和国民法典》第二百零三条' },
  unknownCalendarYear: { value: 'flag', basis: 'design', cite: '设计约定' },
  packForStraddlingItems: { value: 'itemStart', basis: 'design', cite: '设计约定' },
};
const conv = countingConventions(packConventions);

const a2026 = validateArrangement({
  year: 2026,
  notice: { title: '国务院办公厅关于2026年部分节假日安排的通知', number: '国办发明电〔2025〕7号', date: '2025-11-04' },
  holidays: [
    { name: '春节', daysOff: [{ from: '2026-02-15', to: '2026-02-23' }], makeupWorkdays: ['2026-02-14', '2026-02-28'] },
    { name: '劳动节', daysOff: [{ from: '2026-05-01', to: '2026-05-05' }], makeupWorkdays: ['2026-05-09'] },
    { name: '国庆节', daysOff: [{ from: '2026-10-01', to: '2026-10-07' }], makeupWorkdays: ['2026-09-20', '2026-10-10'] },
  ],
});
assert.ok(a2026.ok);
const cal = buildCalendarIndex([a2026.value], { firstYear: 2020, lastYear: 2030 });

// Rules shaped as the pack gives them (pack.deadline(id) + pack.rule(id)).
const countersign: DeadlineRule = deadlineRule(
  { ruleId: 'documents.countersign.replyLimit', article: 66, duration: 2, unit: 'workday', from: 'countersign.requested' },
  { label: '征求意见或会签答复时限', overridable: { by: '主办部门', cite: '除主办部门另有时限要求外' } },
  conv,
  { value: 1, unit: 'workday' },
);
const upwardReport: DeadlineRule = deadlineRule(
  { ruleId: 'meetings.issuance.upwardReport', article: 59, duration: 2, unit: 'workday', from: 'meeting.ended' },
  { label: '向省政府、市委请示报告报送时限' },
  conv,
);
const minorEdits: DeadlineRule = deadlineRule(
  { ruleId: 'meetings.issuance.minorEdits', article: 59, duration: 3, unit: 'day', from: 'meeting.ended' },
  { label: '文字修改后印发时限' },
  conv,
);

const ok = (d: ReturnType<typeof computeDeadline>): Deadline => {
  assert.ok(d.ok, JSON.stringify(d));
  return d.value;
};

test('第六十六条: a countersign asked on Friday 2026-02-13 is due Tuesday 2026-02-24 (2个工作日 across 春节)', () => {
  const d = ok(computeDeadline(countersign, '2026-02-13', cal));
  // day 1 = Saturday 02-14 (调休上班), day 2 = 02-24 (the first working day after the break)
  assert.equal(d.due, '2026-02-24');
  assert.equal(d.label, '2个工作日 · 第六十六条');
  assert.equal(d.remindFrom, '2026-02-14');
  assert.deepEqual(d.unknownYears, []);
});

test('民法典 第二百零一条: the event day is not counted — counting starts the next day', () => {
  // Monday 2026-03-02 + 2 working days = Wednesday 03-04, not Tuesday 03-03
  assert.equal(ok(computeDeadline(countersign, '2026-03-02', cal)).due, '2026-03-04');
  const sameDay = countingConventions({ ...packConventions, countFrom: { ...packConventions.countFrom, value: 'sameDay' } });
  assert.equal(dueDate({ value: 2, unit: 'workday' }, '2026-03-02', cal, sameDay).date, '2026-03-03');
});

test('民法典 第一千二百五十九条: "N日内" includes day N; a pack that excludes it ends a day earlier', () => {
  assert.equal(dueDate({ value: 3, unit: 'day' }, '2026-03-02', cal, conv).date, '2026-03-05');
  const exclusive = countingConventions({
    ...packConventions,
    inclusiveBound: { ...packConventions.inclusiveBound, value: { inclusive: ['以上'], exclusive: ['以内'] } },
  });
  assert.equal(dueDate({ value: 3, unit: 'day' }, '2026-03-02', cal, exclusive).date, '2026-03-04');
});

test('民法典 第二百零三条 / 第五十九条: 3日内 ending in the 国庆 break ends on the next working day', () => {
  // meeting ends Tuesday 2026-09-29; day 3 = Friday 10-02 (off) → the next working day, Thursday 10-08
  const d = ok(computeDeadline(minorEdits, '2026-09-29', cal));
  assert.equal(d.due, '2026-10-08');
  assert.equal(d.label, '3日 · 第五十九条');
  // a day-3 that is a working day stays: meeting ends Monday 2026-03-02 → Thursday 03-05
  assert.equal(ok(computeDeadline(minorEdits, '2026-03-02', cal)).due, '2026-03-05');
  // ending on an ordinary Saturday rolls to Monday
  assert.equal(ok(computeDeadline(minorEdits, '2026-03-04', cal)).due, '2026-03-09');
  // without the convention the period ends on the day off itself
  const noRoll = countingConventions({ ...packConventions, naturalDayEndRollsToWorkday: { ...packConventions.naturalDayEndRollsToWorkday, value: false } });
  assert.equal(dueDate({ value: 3, unit: 'day' }, '2026-09-29', cal, noRoll).date, '2026-10-02');
});

test('第五十九条: 2个工作日 skip the 劳动节 break and count the makeup Saturday 2026-05-09', () => {
  // 04-30 Thu → day 1 = 05-06 (Wed, first working day after 05-01..05-05), day 2 = 05-07
  assert.equal(ok(computeDeadline(upwardReport, '2026-04-30', cal)).due, '2026-05-07');
  // 05-07 Thu event → day 1 = 05-08 Fri, day 2 = Saturday 05-09 (调休上班)
  assert.equal(ok(computeDeadline(upwardReport, '2026-05-07', cal)).due, '2026-05-09');
});

test('第六十六条 除主办部门另有时限要求外: the lead department may set another limit, recorded with who and why', () => {
  const d = ok(
    computeDeadline(countersign, '2026-03-02', cal, {
      by: '市发展改革委',
      reason: '涉及多部门数据核实，主办部门要求5个工作日内答复',
      duration: { value: 5, unit: 'workday' },
    }),
  );
  assert.equal(d.due, '2026-03-09');
  assert.equal(d.label, '5个工作日 · 第六十六条');
  assert.equal(d.override?.by, '市发展改革委');
  assert.equal(d.override?.cite, '除主办部门另有时限要求外');
  assert.equal(d.override?.ruleDue, '2026-03-04');
  const fixed = ok(computeDeadline(countersign, '2026-03-02', cal, { by: '市发展改革委', reason: '当日报市政府', due: '2026-03-02' as never }));
  assert.equal(fixed.due, '2026-03-02');
  assert.equal(fixed.label, '限2026-03-02前 · 第六十六条');
});

test('第五十九条: a limit the article does not allow to change is refused with a violation citing it', () => {
  const d = computeDeadline(upwardReport, '2026-03-02', cal, { by: '某部门', reason: '工作量大', duration: { value: 10, unit: 'workday' } });
  assert.equal(d.ok, false);
  assert.ok(!d.ok);
  assert.deepEqual(d.violations.map((v) => [v.code, v.article]), [['CALENDAR.OVERRIDE_NOT_ALLOWED', 59]]);
  assert.match(d.violations[0].message, /依据第五十九条/);
});

test('an override without who and why, or without a new limit, is refused (all problems at once)', () => {
  const d = computeDeadline(countersign, '2026-03-02', cal, { by: ' ', reason: '' });
  assert.ok(!d.ok);
  assert.deepEqual(d.violations.map((v) => v.code), ['CALENDAR.OVERRIDE_INCOMPLETE', 'CALENDAR.OVERRIDE_INCOMPLETE']);
});

test('deadline state: 按期 before the reminder day, 即将到期 from it, 已逾期 after the due day', () => {
  const d = ok(computeDeadline(countersign, '2026-02-13', cal)); // due 02-24, remind from 02-14
  assert.equal(deadlineState(d, '2026-02-13'), 'on_time');
  assert.equal(deadlineState(d, '2026-02-14'), 'due_soon');
  assert.equal(deadlineState(d, '2026-02-24'), 'due_soon', 'the due day itself is still on time');
  assert.equal(deadlineState(d, '2026-02-25'), 'overdue');
});

test('a deadline reaching into a year without a loaded arrangement is "calendar unknown", with the year named', () => {
  const d = ok(computeDeadline(countersign, '2026-12-31', cal));
  assert.equal(d.due, '2027-01-04', 'provisional: plain weeks');
  assert.deepEqual(d.unknownYears, [2027]);
  assert.equal(deadlineState(d, '2026-12-31'), 'calendar_unknown');
  assert.equal(deadlineState(d, '2027-03-01'), 'calendar_unknown');
});
