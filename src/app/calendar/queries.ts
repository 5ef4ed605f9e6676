// Calendar queries shared by the CLI and the HTTP routes: is a date a working day, and the deadline
// N working/natural days after an event under the pack's counting conventions.
import { AppError } from '../../errors/index.ts';
import { isWorkingDay, type CalendarIndex } from '../../domain/calendar/calendar.ts';
import { isIsoDate, invalidDate, type IsoDate } from '../../domain/calendar/date.ts';
import { dueDate, type CountingConventions, type DeadlineUnit } from '../../domain/calendar/deadline.ts';

export interface WorkdayAnswer {
  date: IsoDate;
  workday: boolean;
  unknownYears: number[];
}

export interface AddAnswer {
  from: IsoDate;
  n: number;
  unit: 'workday' | 'day';
  date: IsoDate;
  unknownYears: number[];
}

export function parseDateArg(s: unknown): IsoDate {
  if (!isIsoDate(s)) throw invalidDate(s);
  return s;
}

export function parseCountArg(s: unknown): number {
  const text = String(s ?? '');
  if (!/^\d{1,6}$/.test(text)) {
    throw new AppError('CALENDAR.INVALID_COUNT', { message: `天数「${text}」无效，应为非负整数` });
  }
  return Number(text);
}

export function parseUnitArg(s: unknown): 'workday' | 'day' {
  if (s === 'workday' || s === 'day') return s;
  throw new AppError('CALENDAR.INVALID_UNIT', { message: `时限单位「${String(s ?? '')}」无效，应为 workday（工作日）或 day（自然日）` });
}

export function workdayQuery(cal: CalendarIndex, date: IsoDate): WorkdayAnswer {
  const r = isWorkingDay(cal, date);
  return { date, workday: r.workday, unknownYears: r.unknownYears };
}

export function addQuery(
  cal: CalendarIndex,
  conv: CountingConventions,
  from: IsoDate,
  n: number,
  unit: Extract<DeadlineUnit, 'workday' | 'day'>,
): AddAnswer {
  const r = dueDate({ value: n, unit }, from, cal, conv);
  return { from, n, unit, date: r.date, unknownYears: r.unknownYears };
}

/** 「注意：2027 年的节假日安排尚未加载……」 or '' */
export function unknownYearsWarning(years: number[]): string {
  if (!years.length) return '';
  return `注意：${years.join('、')} 年的节假日安排尚未加载，结果按普通周末推算，仅供参考（CALENDAR.YEAR_UNKNOWN）`;
}
