// Calendar dates as day numbers. Every computation works on integer day numbers (days since
// 1970-01-01 in the proleptic Gregorian calendar), never on a JavaScript Date and never on local-time
// getters, so the answers are the same in any process time zone. The rules count days in
// Asia/Shanghai; a date here is already a Shanghai calendar date.

import { AppError } from '../../errors/index.ts';

declare const isoDateBrand: unique symbol;
declare const workingDaysBrand: unique symbol;
declare const naturalDaysBrand: unique symbol;

/** A real calendar date written YYYY-MM-DD ('2026-02-30' is not one). */
export type IsoDate = string & { readonly [isoDateBrand]: true };
/** A count of working days (工作日). Cannot be mixed with natural days. */
export type WorkingDays = number & { readonly [workingDaysBrand]: true };
/** A count of natural days (日). Cannot be mixed with working days. */
export type NaturalDays = number & { readonly [naturalDaysBrand]: true };
/** Days since 1970-01-01. */
export type DayNumber = number;

/** CALENDAR.INVALID_DATE for a string that is not a real YYYY-MM-DD date. */
export const invalidDate = (input: unknown): AppError =>
  new AppError('CALENDAR.INVALID_DATE', {
    message: `日期无效：「${String(input)}」不是真实存在的日期（格式 YYYY-MM-DD）`,
    details: { input: String(input) },
  });

export const isLeapYear = (y: number): boolean => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
export const daysInMonth = (y: number, m: number): number => (m === 2 && isLeapYear(y) ? 29 : MONTH_DAYS[m - 1]);

const digit = (s: string, i: number): number => {
  const c = s.charCodeAt(i) - 48;
  return c >= 0 && c <= 9 ? c : NaN;
};

/**
 * The day number of a YYYY-MM-DD string, or NaN when it is not a real date. Reads the characters
 * directly (no regular expression, no Date): this sits on the hot path of every calendar query.
 */
export function dayNumberOfIso(s: unknown): DayNumber {
  if (typeof s !== 'string' || s.length !== 10 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return NaN;
  const y = digit(s, 0) * 1000 + digit(s, 1) * 100 + digit(s, 2) * 10 + digit(s, 3);
  const m = digit(s, 5) * 10 + digit(s, 6);
  const d = digit(s, 8) * 10 + digit(s, 9);
  if (!(m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m))) return NaN;
  return dayNumberOf(y, m, d);
}

/** Parses YYYY-MM-DD into its parts when it is a real date, otherwise null. */
export function parseParts(s: unknown): { y: number; m: number; d: number } | null {
  const n = dayNumberOfIso(s);
  return Number.isNaN(n) ? null : partsOf(n);
}

export const isIsoDate = (s: unknown): s is IsoDate => !Number.isNaN(dayNumberOfIso(s));

/** Checks the string is a real date and brands it; throws CALENDAR.INVALID_DATE otherwise. */
export function isoDate(s: string): IsoDate {
  if (!isIsoDate(s)) throw invalidDate(s);
  return s;
}

export function workingDays(n: number): WorkingDays {
  if (!Number.isSafeInteger(n)) throw new AppError('CALENDAR.INVALID_COUNT', { message: `工作日数应为整数：${n}` });
  return n as WorkingDays;
}

export function naturalDays(n: number): NaturalDays {
  if (!Number.isSafeInteger(n)) throw new AppError('CALENDAR.INVALID_COUNT', { message: `自然日数应为整数：${n}` });
  return n as NaturalDays;
}

// Days from civil / civil from days: H. Hinnant's algorithms (exact for every Gregorian date).
export function dayNumberOf(y: number, m: number, d: number): DayNumber {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export function partsOf(n: DayNumber): { y: number; m: number; d: number } {
  const z = n + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp + (mp < 10 ? 3 : -9);
  return { y: yoe + era * 400 + (m <= 2 ? 1 : 0), m, d };
}

export function toDayNumber(date: IsoDate): DayNumber {
  const n = dayNumberOfIso(date);
  if (Number.isNaN(n)) throw invalidDate(date);
  return n;
}

const pad2 = (n: number): string => (n < 10 ? '0' + n : String(n));

export function fromDayNumber(n: DayNumber): IsoDate {
  const { y, m, d } = partsOf(n);
  return `${String(y).padStart(4, '0')}-${pad2(m)}-${pad2(d)}` as IsoDate;
}

/** The calendar day n days after (n < 0: before) a date. */
export const addDays = (date: IsoDate, n: number): IsoDate => fromDayNumber(toDayNumber(date) + n);

/** Same day of the month n months later; the month's last day when it has no such day (民法典 第二百零二条). */
export function addMonths(date: IsoDate, months: number): IsoDate {
  const p = partsOf(toDayNumber(date));
  const total = p.y * 12 + (p.m - 1) + months;
  const y = Math.floor(total / 12);
  const m = (total % 12) + 1;
  return fromDayNumber(dayNumberOf(y, m, Math.min(p.d, daysInMonth(y, m))));
}

const DAY_MS = 86_400_000;
/** Asia/Shanghai is UTC+8 all year (no daylight saving since 1991). */
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

/** The Shanghai calendar date of an instant: the day the rules count in. */
export const shanghaiDate = (at: Date | string | number): IsoDate =>
  fromDayNumber(Math.floor((new Date(at).getTime() + SHANGHAI_OFFSET_MS) / DAY_MS));

/** 2023-03-01 → 2023年3月1日 (GB/T 9704-2012 7.3.5.4); null when it is not a real date. */
export function chineseDate(s: unknown): string | null {
  const p = parseParts(s);
  return p && `${p.y}年${p.m}月${p.d}日`;
}

/** Year of a date: its first four characters (no parsing of a Date). */
export const yearOf = (date: IsoDate): number => Number(date.slice(0, 4));

/** 0 = Sunday … 6 = Saturday. 1970-01-01 was a Thursday. */
export const weekdayOf = (n: DayNumber): number => (((n + 4) % 7) + 7) % 7;

export const isWeekend = (n: DayNumber): boolean => {
  const w = weekdayOf(n);
  return w === 0 || w === 6;
};
