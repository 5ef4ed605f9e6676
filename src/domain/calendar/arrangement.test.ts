import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validateArrangement, validateArrangementSet, type HolidayArrangement } from './arrangement.ts';

const notice = { title: '国务院办公厅关于2026年部分节假日安排的通知', number: '国办发明电〔2025〕7号', date: '2025-11-04' };
const good = () => ({
  year: 2026,
  notice: { ...notice },
  holidays: [
    { name: '劳动节', daysOff: [{ from: '2026-05-01', to: '2026-05-05' }], makeupWorkdays: ['2026-05-09'] },
    { name: '元旦', daysOff: [{ from: '2026-01-01', to: '2026-01-03' }], makeupWorkdays: ['2026-01-04'] },
  ],
});
const codes = (input: unknown) => {
  const d = validateArrangement(input);
  return d.ok ? [] : d.violations.map((v) => v.code);
};

test('a well-formed arrangement citing its notice is accepted', () => {
  const d = validateArrangement(good());
  assert.equal(d.ok, true);
});

test('an arrangement with an impossible date (2026-02-30) is refused', () => {
  const a = good();
  a.holidays[0].daysOff[0].to = '2026-02-30';
  assert.deepEqual(codes(a), ['CALENDAR.INVALID_DATE']);
});

test('a makeup working day must be a weekend day (2026-05-08 is a Friday)', () => {
  const a = good();
  a.holidays[0].makeupWorkdays = ['2026-05-08'];
  assert.deepEqual(codes(a), ['CALENDAR.MAKEUP_NOT_WEEKEND']);
});

test('no day is both off and a working day', () => {
  const a = good();
  a.holidays[0].makeupWorkdays = ['2026-05-02'];
  assert.deepEqual(codes(a), ['CALENDAR.DAY_BOTH_OFF_AND_WORKING']);
});

test('the notice must be cited: number with 〔year〕N号, title naming the year, real date', () => {
  const a = good();
  a.notice.number = '国办通知';
  a.notice.title = '放假通知';
  a.notice.date = '2025-11-31';
  assert.deepEqual(codes(a).sort(), ['CALENDAR.INVALID_DATE', 'CALENDAR.NOTICE_MISSING', 'CALENDAR.NOTICE_MISSING']);
  const b: Record<string, unknown> = good();
  delete b.notice;
  assert.deepEqual(codes(b), ['CALENDAR.ARRANGEMENT_INVALID']);
});

test('every problem is reported at once, not only the first', () => {
  const a = good();
  a.holidays[0].daysOff[0] = { from: '2026-05-05', to: '2026-05-01' };
  a.holidays[0].makeupWorkdays = ['2026-05-07', '2026-02-30'];
  a.holidays[1].daysOff[0].from = '2024-01-01';
  assert.deepEqual(codes(a).sort(), [
    'CALENDAR.DATE_OUTSIDE_YEAR',
    'CALENDAR.INVALID_DATE',
    'CALENDAR.MAKEUP_NOT_WEEKEND',
    'CALENDAR.RANGE_REVERSED',
  ]);
});

test('a notice may reach into the last days of the previous year (2023 元旦 from 2022-12-31)', () => {
  const d = validateArrangement({
    year: 2023,
    notice: { title: '国务院办公厅关于2023年部分节假日安排的通知', number: '国办发明电〔2022〕16号', date: '2022-12-08' },
    holidays: [{ name: '元旦', daysOff: [{ from: '2022-12-31', to: '2023-01-02' }], makeupWorkdays: [] }],
  });
  assert.equal(d.ok, true);
});

test('unknown fields are refused (a typo must not silently drop a day)', () => {
  const a = { ...good(), holidays: [{ name: '元旦', daysOff: [{ from: '2026-01-01', to: '2026-01-03' }], makeupWorkday: ['2026-01-04'] }] };
  const b = { ...good(), holiday: [] };
  assert.deepEqual(codes(b), ['CALENDAR.ARRANGEMENT_INVALID']);
  assert.deepEqual(codes(a), ['CALENDAR.ARRANGEMENT_INVALID']);
});

test('two notices may not contradict each other at the turn of the year, nor repeat a year', () => {
  const y2023 = validateArrangement({
    year: 2023,
    notice: { title: '国务院办公厅关于2023年部分节假日安排的通知', number: '国办发明电〔2022〕16号', date: '2022-12-08' },
    holidays: [{ name: '元旦', daysOff: [{ from: '2022-12-31', to: '2023-01-02' }], makeupWorkdays: [] }],
  });
  const y2022 = validateArrangement({
    year: 2022,
    notice: { title: '国务院办公厅关于2022年部分节假日安排的通知', number: '国办发明电〔2021〕11号', date: '2021-10-25' },
    holidays: [{ name: '假想', daysOff: [{ from: '2022-12-29', to: '2022-12-30' }], makeupWorkdays: ['2022-12-31'] }],
  });
  assert.ok(y2023.ok && y2022.ok);
  const list = [y2022.value, y2023.value] as HolidayArrangement[];
  assert.deepEqual(validateArrangementSet(list).map((v) => v.code), ['CALENDAR.DAY_BOTH_OFF_AND_WORKING']);
  assert.deepEqual(validateArrangementSet([y2023.value, y2023.value]).map((v) => v.code), ['CALENDAR.YEAR_DUPLICATE']);
});
