// The working-day calendar: which days are working days (工作日) under the loaded holiday
// arrangements, and counting in working or natural days.
//
// Every query is O(1) after the index is built: per day we keep the number of working days before it
// (prefix counts) and per working day its date (ordinal → day), so "add N working days" is two array
// reads, never a day-by-day walk. Days are integer day numbers (date.ts), so the answer does not
// depend on the process time zone.
//
// A year whose arrangement is not loaded is counted as plain weeks (Monday–Friday working) only so
// that a provisional date can be shown; every result that touched such a year names it in
// `unknownYears`, and that flag travels into every deadline computed from it.
import { AppError } from '../../errors/index.ts';
import { arrangedDays, type ArrangedDay, type HolidayArrangement } from './arrangement.ts';
import {
  dayNumberOf,
  dayNumberOfIso,
  fromDayNumber,
  invalidDate,
  isWeekend,
  partsOf,
  toDayNumber,
  workingDays as asWorkingDays,
  type DayNumber,
  type IsoDate,
  type NaturalDays,
  type WorkingDays,
} from './date.ts';

/** How a day stands in the calendar. */
export type DayKind = 'workday' | 'weekend' | 'off' | 'makeup';

const KIND_CODES: DayKind[] = ['workday', 'weekend', 'off', 'makeup'];
const WORKDAY = 0;
const WEEKEND = 1;
const OFF = 2;
const MAKEUP = 3;

export interface CalendarIndex {
  /** first and last day number covered (inclusive) */
  readonly start: DayNumber;
  readonly end: DayNumber;
  readonly firstYear: number;
  readonly lastYear: number;
  /** years whose arrangement is loaded, ascending */
  readonly loadedYears: readonly number[];
  /** kind code per day, index = day - start */
  readonly kinds: Uint8Array;
  /** prefix[i] = number of working days in [start, start + i); length = days + 1 */
  readonly prefix: Int32Array;
  /** ordinal[k] = day offset of the k-th working day (0-based) */
  readonly ordinal: Int32Array;
  /** unknownBefore[y - firstYear] = number of not-loaded years in [firstYear, y) */
  readonly unknownBefore: Int32Array;
  /** unknownDays[i] = number of days in not-loaded years in [start, start + i); length = days + 1 */
  readonly unknownDays: Int32Array;
  /** calendar year of each day offset */
  readonly yearAt: Uint16Array;
  /** YYYY-MM-DD of each day offset, so answers are not re-formatted on every call */
  readonly iso: readonly IsoDate[];
  /** arranged days by day number, for display (holiday name, notice) */
  readonly arranged: ReadonlyMap<DayNumber, ArrangedDay>;
  readonly arrangements: readonly HolidayArrangement[];
}

/** A calendar answer with the years it relied on that have no loaded arrangement. */
export interface CalendarAnswer {
  unknownYears: number[];
}

export interface CalendarRange {
  /** first supported year (default 2000, or earlier if an arrangement needs it) */
  firstYear?: number;
  /** last supported year (default 2099, or later if an arrangement needs it) */
  lastYear?: number;
}

/**
 * Builds the index over the supported range from the (already validated) arrangements.
 * Build cost is linear in the range (≈ 37k days for a century), paid once per load.
 */
export function buildCalendarIndex(arrangements: readonly HolidayArrangement[], range: CalendarRange = {}): CalendarIndex {
  const years = [...new Set(arrangements.map((a) => a.year))].sort((a, b) => a - b);
  const firstYear = Math.min(range.firstYear ?? 2000, (years[0] ?? 2000) - 1);
  const lastYear = Math.max(range.lastYear ?? 2099, (years[years.length - 1] ?? 2099) + 1);
  const start = dayNumberOf(firstYear, 1, 1);
  const end = dayNumberOf(lastYear, 12, 31);
  const size = end - start + 1;

  const kinds = new Uint8Array(size);
  for (let i = 0; i < size; i++) kinds[i] = isWeekend(start + i) ? WEEKEND : WORKDAY;
  const arranged = new Map<DayNumber, ArrangedDay>();
  for (const a of arrangements) {
    for (const d of arrangedDays(a)) {
      const n = toDayNumber(d.date);
      if (n < start || n > end) continue;
      kinds[n - start] = d.kind === 'off' ? OFF : MAKEUP;
      arranged.set(n, d);
    }
  }

  const prefix = new Int32Array(size + 1);
  let count = 0;
  for (let i = 0; i < size; i++) {
    prefix[i] = count;
    if (kinds[i] === WORKDAY || kinds[i] === MAKEUP) count++;
  }
  prefix[size] = count;
  const ordinal = new Int32Array(count);
  for (let i = 0, k = 0; i < size; i++) if (kinds[i] === WORKDAY || kinds[i] === MAKEUP) ordinal[k++] = i;

  const loaded = new Set(years);
  const unknownBefore = new Int32Array(lastYear - firstYear + 2);
  for (let y = firstYear, c = 0; y <= lastYear + 1; y++) {
    unknownBefore[y - firstYear] = c;
    if (!loaded.has(y)) c++;
  }

  const yearAt = new Uint16Array(size);
  const iso: IsoDate[] = new Array(size);
  const unknownDays = new Int32Array(size + 1);
  for (let i = 0, u = 0; i < size; i++) {
    iso[i] = fromDayNumber(start + i);
    yearAt[i] = Number(iso[i].slice(0, 4));
    unknownDays[i] = u;
    if (!loaded.has(yearAt[i])) u++;
    unknownDays[i + 1] = u;
  }

  return {
    start,
    end,
    firstYear,
    lastYear,
    loadedYears: years,
    kinds,
    prefix,
    ordinal,
    unknownBefore,
    unknownDays,
    yearAt,
    iso,
    arranged,
    arrangements: [...arrangements].sort((a, b) => a.year - b.year),
  };
}

function outOfRange(cal: CalendarIndex, what: string): AppError {
  return new AppError('CALENDAR.OUT_OF_RANGE', {
    message: `${what}超出日历支持的范围（${cal.firstYear}—${cal.lastYear} 年）`,
    details: { firstYear: cal.firstYear, lastYear: cal.lastYear },
  });
}

/** Day offset in the index of a date, checking it is real and covered. */
function offsetOf(cal: CalendarIndex, date: IsoDate | string): number {
  const n = dayNumberOfIso(date);
  if (Number.isNaN(n)) throw invalidDate(date);
  if (n < cal.start || n > cal.end) throw outOfRange(cal, `日期 ${date} `);
  return n - cal.start;
}

const dateAt = (cal: CalendarIndex, offset: number): IsoDate => cal.iso[offset];

/** Not-loaded years among the days at offsets [from, to] (inclusive, any order). */
function unknownYearsIn(cal: CalendarIndex, from: number, to: number): number[] {
  if (from > to) [from, to] = [to, from];
  // O(1) in the usual case: no day of a not-loaded year in the span.
  if (cal.unknownDays[to + 1] - cal.unknownDays[from] === 0) return [];
  const y1 = cal.yearAt[from];
  const y2 = cal.yearAt[to];
  const out: number[] = [];
  for (let y = y1; y <= y2; y++) {
    if (cal.unknownBefore[y + 1 - cal.firstYear] - cal.unknownBefore[y - cal.firstYear] === 1) out.push(y);
  }
  return out;
}

/** Years in [from, to] (inclusive, any order) whose arrangement is not loaded. */
export function unknownYearsBetween(cal: CalendarIndex, from: IsoDate | string, to: IsoDate | string): number[] {
  return unknownYearsIn(cal, offsetOf(cal, from), offsetOf(cal, to));
}

/** Whether a year's arrangement is loaded. */
export const isYearLoaded = (cal: CalendarIndex, year: number): boolean => cal.loadedYears.includes(year);

/** Is the date a working day? (weekdays, and weekend makeup days; not days off) */
export function isWorkingDay(cal: CalendarIndex, date: IsoDate | string): CalendarAnswer & { workday: boolean } {
  const i = offsetOf(cal, date);
  const k = cal.kinds[i];
  return { workday: k === WORKDAY || k === MAKEUP, unknownYears: unknownYearsIn(cal, i, i) };
}

/** How the day stands, with its holiday and notice when an arrangement touches it. */
export function dayInfo(
  cal: CalendarIndex,
  date: IsoDate | string,
): CalendarAnswer & { date: IsoDate; kind: DayKind; workday: boolean; holiday?: string; notice?: string } {
  const i = offsetOf(cal, date);
  const kind = KIND_CODES[cal.kinds[i]];
  const a = cal.arranged.get(cal.start + i);
  return {
    date: dateAt(cal, i),
    kind,
    workday: kind === 'workday' || kind === 'makeup',
    ...(a ? { holiday: a.holiday, notice: a.notice } : {}),
    unknownYears: unknownYearsIn(cal, i, i),
  };
}

/**
 * The n-th working day after `date` (the date itself is not counted); n < 0 counts back to the
 * |n|-th working day before it; n = 0 is the date itself.
 */
export function addWorkingDays(cal: CalendarIndex, date: IsoDate | string, n: WorkingDays): CalendarAnswer & { date: IsoDate } {
  const i = offsetOf(cal, date);
  if (n === 0) return { date: dateAt(cal, i), unknownYears: [] };
  const k = n > 0 ? cal.prefix[i + 1] + n - 1 : cal.prefix[i] + n;
  if (k < 0 || k >= cal.ordinal.length) throw outOfRange(cal, `从 ${date} 起算 ${n} 个工作日`);
  const j = cal.ordinal[k];
  return { date: dateAt(cal, j), unknownYears: n > 0 ? unknownYearsIn(cal, i + 1, j) : unknownYearsIn(cal, j, i - 1) };
}

/** The date n natural days after `date` (before it for n < 0). */
export function addNaturalDays(cal: CalendarIndex, date: IsoDate | string, n: NaturalDays): CalendarAnswer & { date: IsoDate } {
  const i = offsetOf(cal, date);
  const j = i + n;
  if (j < 0 || j >= cal.kinds.length) throw outOfRange(cal, `从 ${date} 起算 ${n} 日`);
  if (n === 0) return { date: dateAt(cal, j), unknownYears: [] };
  return { date: dateAt(cal, j), unknownYears: n > 0 ? unknownYearsIn(cal, i + 1, j) : unknownYearsIn(cal, j, i - 1) };
}

/** The first working day on or after `date` (the date itself when it is a working day). */
export function workingDayOnOrAfter(cal: CalendarIndex, date: IsoDate | string): CalendarAnswer & { date: IsoDate } {
  const i = offsetOf(cal, date);
  const k = cal.prefix[i];
  if (k >= cal.ordinal.length) throw outOfRange(cal, `${date} 之后的工作日`);
  const j = cal.ordinal[k];
  return { date: dateAt(cal, j), unknownYears: unknownYearsIn(cal, i, j) };
}

/**
 * Working days in (from, to]: after `from`, up to and including `to` — how many working days of a
 * period counted from the day after `from` have run by the end of `to`. Negative when to < from.
 */
export function workingDaysBetween(cal: CalendarIndex, from: IsoDate | string, to: IsoDate | string): CalendarAnswer & { days: WorkingDays } {
  const i = offsetOf(cal, from);
  const j = offsetOf(cal, to);
  const days = cal.prefix[j + 1] - cal.prefix[i + 1];
  return { days: asWorkingDays(days), unknownYears: i === j ? [] : unknownYearsIn(cal, Math.min(i, j) + 1, Math.max(i, j)) };
}

/** The arranged days (off / makeup, with holiday and notice) of a calendar year, for display. */
export function arrangedDaysOfYear(cal: CalendarIndex, year: number): ArrangedDay[] {
  const out: ArrangedDay[] = [];
  for (const [n, d] of cal.arranged) if (partsOf(n).y === year) out.push(d);
  return out.sort((a, b) => (a.date < b.date ? -1 : 1));
}
