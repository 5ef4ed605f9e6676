// The shipped holiday arrangements (calendar/2022.yaml … 2026.yaml) checked as case tables over every
// long break, against the chinese-days package for every date of 2022–2026, and in another time zone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { readArrangementFiles, shippedCalendar } from './files.ts';
import { isWorkingDay, workingDaysBetween } from '../../domain/calendar/calendar.ts';
import { dayNumberOf, fromDayNumber } from '../../domain/calendar/date.ts';
import { countingConventions, dueDate } from '../../domain/calendar/deadline.ts';
import type { Conventions } from '../../rules/index.ts';

const cal = shippedCalendar();

test('calendar/2022–2026.yaml load, validate and cite their notices', () => {
  const list = readArrangementFiles();
  assert.deepEqual(
    list.map((a) => [a.year, a.notice.number, a.notice.date]),
    [
      [2022, '国办发明电〔2021〕11号', '2021-10-25'],
      [2023, '国办发明电〔2022〕16号', '2022-12-08'],
      [2024, '国办发明电〔2023〕7号', '2023-10-25'],
      [2025, '国办发明电〔2024〕12号', '2024-11-12'],
      [2026, '国办发明电〔2025〕7号', '2025-11-04'],
    ],
  );
  // days off per notice (the sums of the spans as written) and makeup working days
  const count = (y: number) => {
    const a = list.find((x) => x.year === y)!;
    let off = 0;
    for (const h of a.holidays) for (const r of h.daysOff) off += (Date.parse(r.to) - Date.parse(r.from)) / 86400000 + 1;
    return [off, a.holidays.flatMap((h) => h.makeupWorkdays).length];
  };
  assert.deepEqual([2022, 2023, 2024, 2025, 2026].map(count), [[31, 7], [27, 7], [28, 8], [28, 5], [33, 6]]);
});

// One line per day: the date, working or not, and why.
const dayCases: [string, boolean, string][] = [
  ['2022-01-29', true, '2022 春节: Saturday worked (调休上班)'],
  ['2022-01-30', true, '2022 春节: Sunday worked'],
  ['2022-02-04', false, '2022 春节: Friday off'],
  ['2022-04-02', true, '2022 清明节: Saturday worked'],
  ['2022-04-24', true, '2022 劳动节: Sunday worked'],
  ['2022-05-04', false, '2022 劳动节: Wednesday off'],
  ['2022-05-07', true, '2022 劳动节: Saturday worked'],
  ['2022-10-07', false, '2022 国庆节: Friday off'],
  ['2022-10-08', true, '2022 国庆节: Saturday worked'],
  ['2022-10-09', true, '2022 国庆节: Sunday worked'],
  ['2022-12-31', false, '2023 元旦 reaches into 2022 (国办发明电〔2022〕16号)'],
  ['2023-01-02', false, '2023 元旦: Monday off'],
  ['2023-01-28', true, '2023 春节: Saturday worked'],
  ['2023-01-27', false, '2023 春节: Friday off'],
  ['2023-04-23', true, '2023 劳动节: Sunday worked'],
  ['2023-05-06', true, '2023 劳动节: Saturday worked'],
  ['2023-06-23', false, '2023 端午节: Friday off'],
  ['2023-06-25', true, '2023 端午节: Sunday worked'],
  ['2023-10-06', false, '2023 中秋节、国庆节: Friday off'],
  ['2023-10-07', true, '2023 中秋节、国庆节: Saturday worked'],
  ['2023-10-08', true, '2023 中秋节、国庆节: Sunday worked'],
  ['2024-01-01', false, '2024 元旦'],
  ['2024-02-04', true, '2024 春节: Sunday worked'],
  ['2024-02-09', true, '2024 除夕 was a working day (only encouraged to rest)'],
  ['2024-02-16', false, '2024 春节: Friday off'],
  ['2024-02-18', true, '2024 春节: Sunday worked'],
  ['2024-04-07', true, '2024 清明节: Sunday worked'],
  ['2024-04-28', true, '2024 劳动节: Sunday worked'],
  ['2024-05-11', true, '2024 劳动节: Saturday worked'],
  ['2024-06-10', false, '2024 端午节: Monday off'],
  ['2024-09-14', true, '2024 中秋节: Saturday worked'],
  ['2024-09-29', true, '2024 国庆节: Sunday worked'],
  ['2024-10-12', true, '2024 国庆节: Saturday worked'],
  ['2025-01-26', true, '2025 春节: Sunday worked'],
  ['2025-01-28', false, '2025 春节: 除夕 off under the revised 放假办法'],
  ['2025-02-04', false, '2025 春节: Tuesday off'],
  ['2025-02-08', true, '2025 春节: Saturday worked'],
  ['2025-04-27', true, '2025 劳动节: Sunday worked'],
  ['2025-05-05', false, '2025 劳动节: Monday off'],
  ['2025-06-02', false, '2025 端午节: Monday off'],
  ['2025-09-28', true, '2025 国庆节、中秋节: Sunday worked'],
  ['2025-10-08', false, '2025 国庆节、中秋节: Wednesday off (8 days)'],
  ['2025-10-11', true, '2025 国庆节、中秋节: Saturday worked'],
  ['2026-01-02', false, '2026 元旦: Friday off'],
  ['2026-01-04', true, '2026 元旦: Sunday worked'],
  ['2026-02-14', true, '2026 春节: Saturday worked'],
  ['2026-02-23', false, '2026 春节: Monday off (9 days)'],
  ['2026-02-28', true, '2026 春节: Saturday worked'],
  ['2026-04-06', false, '2026 清明节: Monday off'],
  ['2026-05-05', false, '2026 劳动节: Tuesday off'],
  ['2026-05-09', true, '2026 劳动节: Saturday worked'],
  ['2026-06-19', false, '2026 端午节: Friday off'],
  ['2026-09-20', true, '2026 国庆节: Sunday worked'],
  ['2026-09-25', false, '2026 中秋节: Friday off'],
  ['2026-10-07', false, '2026 国庆节: Wednesday off'],
  ['2026-10-10', true, '2026 国庆节: Saturday worked'],
];

test('every long break of 2022–2026: days off and makeup working days (case table)', () => {
  for (const [date, workday, why] of dayCases) {
    const r = isWorkingDay(cal, date);
    assert.equal(r.workday, workday, `${date}: ${why}`);
    assert.deepEqual(r.unknownYears, [], date);
  }
});

// One line per count: event date, N, unit, the deadline, and why.
const addCases: [string, number, 'workday' | 'day', string, string][] = [
  ['2022-01-28', 1, 'workday', '2022-01-29', '2022 春节: the next working day is the makeup Saturday'],
  ['2022-01-28', 3, 'workday', '2022-02-07', '2022 春节: 01-29, 01-30, then after the break'],
  ['2022-04-29', 1, 'workday', '2022-05-05', '2022 劳动节'],
  ['2022-05-06', 1, 'workday', '2022-05-07', '2022 劳动节: makeup Saturday'],
  ['2022-09-30', 1, 'workday', '2022-10-08', '2022 国庆节: makeup Saturday right after'],
  ['2022-12-30', 1, 'workday', '2023-01-03', '2023 元旦 from 2022-12-31 to 2023-01-02'],
  ['2022-12-28', 3, 'day', '2023-01-03', '民法典 第二百零三条: day 3 = 2022-12-31 is off → next working day'],
  ['2023-01-20', 1, 'workday', '2023-01-28', '2023 春节: makeup Saturday after the break'],
  ['2023-04-28', 1, 'workday', '2023-05-04', '2023 劳动节'],
  ['2023-06-21', 2, 'workday', '2023-06-26', '2023 端午节: makeup Sunday 06-25 is day 1'],
  ['2023-09-28', 1, 'workday', '2023-10-07', '2023 中秋节、国庆节: makeup Saturday'],
  ['2023-09-28', 3, 'workday', '2023-10-09', '2023 中秋节、国庆节: 10-07, 10-08, 10-09'],
  ['2023-12-29', 3, 'day', '2024-01-02', '2024 元旦: day 3 off → next working day'],
  ['2024-02-09', 1, 'workday', '2024-02-18', '2024 春节: makeup Sunday right after'],
  ['2024-02-07', 3, 'day', '2024-02-18', '2024 春节: day 3 (02-10) off → the makeup Sunday'],
  ['2024-04-30', 1, 'workday', '2024-05-06', '2024 劳动节'],
  ['2024-05-10', 1, 'workday', '2024-05-11', '2024 劳动节: makeup Saturday'],
  ['2024-09-30', 1, 'workday', '2024-10-08', '2024 国庆节'],
  ['2025-01-24', 1, 'workday', '2025-01-26', '2025 春节: makeup Sunday before the break'],
  ['2025-01-27', 1, 'workday', '2025-02-05', '2025 春节 (除夕 off)'],
  ['2025-04-30', 1, 'workday', '2025-05-06', '2025 劳动节'],
  ['2025-09-30', 1, 'workday', '2025-10-09', '2025 国庆节、中秋节 (8 days)'],
  ['2025-09-30', 3, 'day', '2025-10-09', '2025 国庆节: day 3 off → next working day'],
  ['2025-12-31', 2, 'workday', '2026-01-05', '2026 元旦: 01-04 makeup Sunday is day 1'],
  ['2026-02-13', 2, 'workday', '2026-02-24', '2026 春节: 02-14 makeup Saturday, then after the 9-day break'],
  ['2026-02-13', 20, 'workday', '2026-03-19', '2026 春节: 20 working days incl. both makeup Saturdays'],
  ['2026-04-30', 1, 'workday', '2026-05-06', '2026 劳动节'],
  ['2026-09-30', 2, 'workday', '2026-10-09', '2026 国庆节: 10-08, 10-09'],
  ['2026-09-29', 3, 'day', '2026-10-08', '2026 国庆节: day 3 (10-02) off → 10-08'],
  ['2022-01-04', 250, 'workday', '2023-01-04', 'a year of working days across 2022 into 2023'],
];

const conv = countingConventions({
  countFrom: { value: 'nextDay', basis: 'borrowed', cite: '《中华人民共和国民法典》第二百零一条' },
  inclusiveBound: { value: { inclusive: ['以内'], exclusive: ['超过'] }, basis: 'borrowed', cite: '《中华人民共和国民法典》第一千二百五十九条' },
  naturalDayEndRollsToWorkday: { value: true, basis: 'borrowed', cite: '《中华人民共和国民法典》第二百零三条' },
  unknownCalendarYear: { value: 'flag', basis: 'design', cite: '设计约定' },
  packForStraddlingItems: { value: 'itemStart', basis: 'design', cite: '设计约定' },
} satisfies Conventions);

test('deadlines across every long break of 2022–2026 (case table)', () => {
  for (const [from, n, unit, due, why] of addCases) {
    const r = dueDate({ value: n, unit }, from, cal, conv);
    assert.equal(r.date, due, `${from} + ${n} ${unit}: ${why}`);
    assert.deepEqual(r.unknownYears, [], `${from} + ${n} ${unit}`);
    if (unit === 'workday') assert.equal(workingDaysBetween(cal, from, due).days, n);
  }
});

test('2027 and later are flagged until their arrangement is loaded', () => {
  assert.deepEqual(isWorkingDay(cal, '2027-02-08').unknownYears, [2027]);
  assert.deepEqual(dueDate({ value: 5, unit: 'workday' }, '2026-12-28', cal, conv).unknownYears, [2027]);
  assert.deepEqual(dueDate({ value: 2, unit: 'workday' }, '2026-12-28', cal, conv).unknownYears, []);
});

// chinese-days is itself a transcription of the same notices; every date of 2022–2026 must agree.
// (It files 2022-12-31 under 2022 although the 2023 notice sets it; the day's status is the same.)
test('every date of 2022–2026 agrees with the chinese-days package (TZ=Asia/Shanghai)', async () => {
  process.env.TZ = 'Asia/Shanghai';
  const { default: cd } = await import('chinese-days');
  const differences: string[] = [];
  let checked = 0;
  for (let n = dayNumberOf(2022, 1, 1); n <= dayNumberOf(2026, 12, 31); n++) {
    const d = fromDayNumber(n);
    checked++;
    if (isWorkingDay(cal, d).workday !== cd.isWorkday(d)) differences.push(d);
  }
  assert.equal(checked, 1826);
  assert.deepEqual(differences, []);
});

// The child computes the same fingerprint with only its time zone changed.
const FINGERPRINT = `
  import { createHash } from 'node:crypto';
  import { shippedCalendar } from './src/app/calendar/files.ts';
  import { addWorkingDays, isWorkingDay } from './src/domain/calendar/calendar.ts';
  import { dayNumberOf, fromDayNumber, workingDays } from './src/domain/calendar/date.ts';
  import { dueDate } from './src/domain/calendar/deadline.ts';
  const conv = JSON.parse(process.env.CONV);
  const cal = shippedCalendar();
  const h = createHash('sha256');
  for (let n = dayNumberOf(2022, 1, 1); n <= dayNumberOf(2026, 12, 31); n++) {
    const d = fromDayNumber(n);
    h.update(d + ':' + isWorkingDay(cal, d).workday + ':' + addWorkingDays(cal, d, workingDays(n % 23)).date + ':' + dueDate({ value: n % 9, unit: 'day' }, d, cal, conv).date + ';');
  }
  process.stdout.write(JSON.stringify({ tz: Intl.DateTimeFormat().resolvedOptions().timeZone, offset: new Date(2026, 0, 1).getTimezoneOffset(), hash: h.digest('hex') }));
`;

function fingerprintIn(tz: string): { tz: string; offset: number; hash: string } {
  const root = fileURLToPath(new URL('../../../', import.meta.url));
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', FINGERPRINT], {
    cwd: root,
    env: { ...process.env, TZ: tz, CONV: JSON.stringify(conv) },
    encoding: 'utf8',
  });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout);
}

test('the same answers in any process time zone (America/New_York, Pacific/Kiritimati vs Asia/Shanghai)', () => {
  const shanghai = fingerprintIn('Asia/Shanghai');
  assert.equal(shanghai.offset, -480);
  for (const tz of ['America/New_York', 'Pacific/Kiritimati']) {
    const other = fingerprintIn(tz);
    assert.notEqual(other.offset, shanghai.offset, `the child really runs in ${tz}`);
    assert.equal(other.hash, shanghai.hash, `TZ=${tz}`);
  }
});
