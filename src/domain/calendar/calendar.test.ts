import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AppError } from '../../errors/index.ts';
import { validateArrangement, type HolidayArrangement } from './arrangement.ts';
import {
  addNaturalDays,
  addWorkingDays,
  buildCalendarIndex,
  dayInfo,
  isWorkingDay,
  workingDayOnOrAfter,
  workingDaysBetween,
} from './calendar.ts';
import { fromDayNumber, isWeekend, naturalDays, toDayNumber, workingDays, type IsoDate } from './date.ts';

// A calendar with one year loaded: 2026 as 国办发明电〔2025〕7号 arranges it.
function arrangement2026(): HolidayArrangement {
  const d = validateArrangement({
    year: 2026,
    notice: { title: '国务院办公厅关于2026年部分节假日安排的通知', number: '国办发明电〔2025〕7号', date: '2025-11-04' },
    holidays: [
      { name: '元旦', daysOff: [{ from: '2026-01-01', to: '2026-01-03' }], makeupWorkdays: ['2026-01-04'] },
      { name: '春节', daysOff: [{ from: '2026-02-15', to: '2026-02-23' }], makeupWorkdays: ['2026-02-14', '2026-02-28'] },
      { name: '国庆节', daysOff: [{ from: '2026-10-01', to: '2026-10-07' }], makeupWorkdays: ['2026-09-20', '2026-10-10'] },
    ],
  });
  assert.ok(d.ok);
  return d.value;
}
const cal = buildCalendarIndex([arrangement2026()], { firstYear: 2020, lastYear: 2030 });
const D = (s: string) => s as IsoDate;

test('makeup working days are working days, days off are not, weekends otherwise off', () => {
  assert.equal(isWorkingDay(cal, '2026-02-14').workday, true, 'Saturday 2026-02-14 is worked (春节 调休)');
  assert.equal(isWorkingDay(cal, '2026-02-16').workday, false, 'Monday 2026-02-16 is off (春节)');
  assert.equal(isWorkingDay(cal, '2026-03-07').workday, false, 'an ordinary Saturday');
  assert.equal(isWorkingDay(cal, '2026-03-09').workday, true, 'an ordinary Monday');
  assert.deepEqual(dayInfo(cal, '2026-02-28'), {
    date: '2026-02-28', kind: 'makeup', workday: true, holiday: '春节', notice: '国办发明电〔2025〕7号', unknownYears: [],
  });
});

test('add N working days counts from the day after and skips the whole break', () => {
  // Friday 2026-02-13 + 1 → Saturday 2026-02-14 (makeup day); + 2 → Tuesday 02-24 (after the 9-day break)
  assert.equal(addWorkingDays(cal, '2026-02-13', workingDays(1)).date, '2026-02-14');
  assert.equal(addWorkingDays(cal, '2026-02-13', workingDays(2)).date, '2026-02-24');
  // an event during the break: the first working day after it
  assert.equal(addWorkingDays(cal, '2026-02-17', workingDays(1)).date, '2026-02-24');
  assert.equal(addWorkingDays(cal, '2026-02-24', workingDays(0)).date, '2026-02-24');
  // backwards: the working day before 02-24 is the makeup Saturday 02-14
  assert.equal(addWorkingDays(cal, '2026-02-24', workingDays(-1)).date, '2026-02-14');
  assert.equal(addWorkingDays(cal, '2026-02-24', workingDays(-2)).date, '2026-02-13');
});

test('working days between two dates counts (from, to] and agrees with add', () => {
  assert.equal(workingDaysBetween(cal, '2026-02-13', '2026-02-24').days, 2);
  assert.equal(workingDaysBetween(cal, '2026-02-24', '2026-02-13').days, -2);
  assert.equal(workingDaysBetween(cal, '2026-02-13', '2026-02-13').days, 0);
  assert.equal(workingDayOnOrAfter(cal, '2026-10-01').date, '2026-10-08');
  assert.equal(addNaturalDays(cal, '2026-02-13', naturalDays(3)).date, '2026-02-16');
});

// A reference that steps day by day, to check the O(1) index against.
function stepping(from: IsoDate, n: number): IsoDate {
  const off = new Set<string>();
  const work = new Set<string>();
  for (const h of arrangement2026().holidays) {
    for (const r of h.daysOff) for (let x = toDayNumber(r.from); x <= toDayNumber(r.to); x++) off.add(fromDayNumber(x));
    for (const w of h.makeupWorkdays) work.add(w);
  }
  const isWork = (x: number) => !off.has(fromDayNumber(x)) && (work.has(fromDayNumber(x)) || !isWeekend(x));
  let x = toDayNumber(from);
  let left = Math.abs(n);
  while (left > 0) {
    x += Math.sign(n);
    if (isWork(x)) left--;
  }
  return fromDayNumber(x);
}

test('the index agrees with day-by-day stepping on 5,000 seeded random cases', () => {
  let seed = 20230301;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const base = toDayNumber(D('2025-06-01'));
  for (let i = 0; i < 5000; i++) {
    const from = fromDayNumber(base + Math.floor(rnd() * 700));
    const n = Math.floor(rnd() * 61) - 30;
    const got = addWorkingDays(cal, from, workingDays(n)).date;
    assert.equal(got, stepping(from, n), `${from} ${n}`);
    if (n > 0) assert.equal(workingDaysBetween(cal, from, got).days, n);
  }
});

test('a year without a loaded arrangement is flagged, never silently a plain year', () => {
  assert.deepEqual(isWorkingDay(cal, '2027-02-08'), { workday: true, unknownYears: [2027] });
  assert.deepEqual(isWorkingDay(cal, '2026-02-16').unknownYears, []);
  const r = addWorkingDays(cal, '2026-12-30', workingDays(3));
  assert.equal(r.date, '2027-01-04');
  assert.deepEqual(r.unknownYears, [2027]);
  // counting starts the next day: an event on 2025-12-31 examines only 2026 days
  assert.deepEqual(addWorkingDays(cal, '2025-12-31', workingDays(1)).unknownYears, []);
  assert.equal(addWorkingDays(cal, '2025-12-31', workingDays(1)).date, '2026-01-04');
  assert.deepEqual(workingDaysBetween(cal, '2024-06-01', '2028-06-01').unknownYears, [2024, 2025, 2027, 2028]);
});

test('dates outside the supported range are refused, not guessed', () => {
  const isRange = (e: unknown) => e instanceof AppError && e.code === 'CALENDAR.OUT_OF_RANGE';
  assert.throws(() => isWorkingDay(cal, '2019-12-31'), isRange);
  assert.throws(() => addWorkingDays(cal, '2030-12-30', workingDays(5)), isRange);
  assert.throws(() => isWorkingDay(cal, '2026-02-30'), (e: unknown) => e instanceof AppError && e.code === 'CALENDAR.INVALID_DATE');
});
