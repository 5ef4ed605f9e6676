import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AppError } from '../../errors/index.ts';
import { addDays, addMonths, chineseDate, dayNumberOf, fromDayNumber, isIsoDate, isoDate, partsOf, shanghaiDate, toDayNumber, weekdayOf } from './date.ts';

test('impossible dates are rejected (2026-02-30, 2023-02-29, 2025-13-01, 2026-4-1)', () => {
  for (const s of ['2026-02-30', '2023-02-29', '2025-13-01', '2025-00-10', '2025-04-31', '2026-4-1', '20260401', '', 'abc']) {
    assert.equal(isIsoDate(s), false, s);
    assert.throws(() => isoDate(s), (e: unknown) => e instanceof AppError && e.code === 'CALENDAR.INVALID_DATE', s);
  }
  assert.equal(isIsoDate('2024-02-29'), true, 'leap day of a leap year');
  assert.equal(isIsoDate('2000-02-29'), true, '2000 is a leap year (divisible by 400)');
  assert.equal(isIsoDate('1900-02-29'), false, '1900 is not a leap year');
});

test('day numbers round-trip every day from 1900 to 2200 without using Date', () => {
  const start = dayNumberOf(1900, 1, 1);
  const end = dayNumberOf(2200, 12, 31);
  for (let n = start; n <= end; n++) {
    const p = partsOf(n);
    assert.equal(dayNumberOf(p.y, p.m, p.d), n);
  }
  assert.equal(dayNumberOf(1970, 1, 1), 0);
  assert.equal(toDayNumber(isoDate('2023-03-01')), Date.UTC(2023, 2, 1) / 86400000);
  assert.equal(fromDayNumber(toDayNumber(isoDate('2022-12-31')) + 1), '2023-01-01');
});

test('weekdays: 2023-03-01 (the rules issued) was a Wednesday, 2026-02-14 a Saturday', () => {
  assert.equal(weekdayOf(toDayNumber(isoDate('2023-03-01'))), 3);
  assert.equal(weekdayOf(toDayNumber(isoDate('2026-02-14'))), 6);
  assert.equal(weekdayOf(toDayNumber(isoDate('2026-02-15'))), 0);
  assert.equal(weekdayOf(toDayNumber(isoDate('1969-12-31'))), 3, 'before the epoch too');
});

test('calendar steps: days across a month end, months clamped to the month\'s last day (民法典 第二百零二条)', () => {
  assert.equal(addDays(isoDate('2024-02-28'), 2), '2024-03-01');
  assert.equal(addDays(isoDate('2026-01-01'), -1), '2025-12-31');
  assert.equal(addMonths(isoDate('2026-01-31'), 1), '2026-02-28');
  assert.equal(addMonths(isoDate('2024-02-29'), 12), '2025-02-28');
  assert.equal(addMonths(isoDate('2026-03-15'), -3), '2025-12-15');
});

test('an instant is read as its Shanghai date (UTC+8), and a date is written 2023年3月1日', () => {
  assert.equal(shanghaiDate('2026-03-04T15:59:59Z'), '2026-03-04');
  assert.equal(shanghaiDate('2026-03-04T16:00:00Z'), '2026-03-05');
  assert.equal(shanghaiDate(new Date(Date.UTC(2025, 11, 31, 16))), '2026-01-01');
  assert.equal(chineseDate('2023-03-01'), '2023年3月1日');
  assert.equal(chineseDate('2023-12-25'), '2023年12月25日');
  assert.equal(chineseDate('2023-02-29'), null);
});
