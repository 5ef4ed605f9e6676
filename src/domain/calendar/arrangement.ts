// One year's holiday arrangement (节假日安排): the State Council General Office notice
// (国务院办公厅关于X年部分节假日安排的通知) with every day off and every makeup working day (调休上班日).
// The same validator checks the files shipped in calendar/ and a year an administrator loads at runtime.
import { z } from 'zod';
import { accept, refuse, type Decision, type Violation } from '../shared/violation.ts';
import { dayNumberOf, fromDayNumber, isWeekend, parseParts, toDayNumber, type IsoDate } from './date.ts';

const dateText = z.string().min(1);

// Strict at every level: a misspelt key (makeupWorkday) must not silently drop days.
export const arrangementSchema = z
  .strictObject({
    year: z.number().int().min(1949).max(9999),
    notice: z.strictObject({
      /** 国务院办公厅关于2026年部分节假日安排的通知 */
      title: z.string().min(1),
      /** 国办发明电〔2025〕7号 */
      number: z.string().min(1),
      /** the date the notice bears (成文日期) */
      date: dateText,
      url: z.string().optional(),
    }),
    holidays: z
      .array(
        z.strictObject({
          name: z.string().min(1),
          /** the notice's own sentence for this holiday */
          text: z.string().optional(),
          daysOff: z.array(z.strictObject({ from: dateText, to: dateText })).min(1),
          makeupWorkdays: z.array(dateText).default([]),
        }),
      )
      .min(1),
  });

export type ArrangementInput = z.input<typeof arrangementSchema>;

export interface HolidayArrangement {
  year: number;
  notice: { title: string; number: string; date: IsoDate; url?: string };
  holidays: {
    name: string;
    text?: string;
    daysOff: { from: IsoDate; to: IsoDate }[];
    makeupWorkdays: IsoDate[];
  }[];
}

/** One day the arrangement changes: a day off, or a weekend day worked. */
export interface ArrangedDay {
  date: IsoDate;
  kind: 'off' | 'makeup';
  holiday: string;
  year: number;
  notice: string;
}

const NOTICE_NUMBER = /〔\d{4}〕\d+号$/;

const v = (code: string, message: string, details?: Record<string, unknown>): Violation => ({ code, message, details });

/**
 * Validates one year's arrangement: shape, real dates, ranges in order, dates within the year (or the
 * turn of the year — 2023's 元旦 begins on 2022-12-31), makeup days on weekends, no day both off and
 * worked, and the notice cited (title, number, date). Returns every problem at once.
 */
export function validateArrangement(input: unknown): Decision<HolidayArrangement> {
  const parsed = arrangementSchema.safeParse(input);
  if (!parsed.success) {
    return refuse(
      parsed.error.issues.map((i) =>
        v('CALENDAR.ARRANGEMENT_INVALID', `节假日安排格式错误：${i.path.join('.') || '(根)'} ${i.message}`, {
          path: i.path.map(String),
        }),
      ),
    );
  }
  const a = parsed.data;
  const problems: Violation[] = [];
  const realDate = (s: string, where: string): boolean => {
    if (parseParts(s)) return true;
    problems.push(v('CALENDAR.INVALID_DATE', `${where}：日期「${s}」不存在或格式不是 YYYY-MM-DD`, { date: s, where }));
    return false;
  };

  realDate(a.notice.date, '通知日期');
  if (!NOTICE_NUMBER.test(a.notice.number)) {
    problems.push(
      v('CALENDAR.NOTICE_MISSING', `节假日安排须注明通知文号（如 国办发明电〔2025〕7号），现为「${a.notice.number}」`, {
        number: a.notice.number,
      }),
    );
  }
  if (!a.notice.title.includes(String(a.year))) {
    problems.push(
      v('CALENDAR.NOTICE_MISSING', `通知标题「${a.notice.title}」与年份 ${a.year} 不符`, { title: a.notice.title }),
    );
  }

  // The turn of the year: a notice may reach into the last days of the previous year or the first of
  // the next one; anything further away is a transcription error.
  const first = dayNumberOf(a.year - 1, 12, 1);
  const last = dayNumberOf(a.year + 1, 1, 31);
  const within = (s: string, where: string): boolean => {
    const n = toDayNumber(s as IsoDate);
    if (n >= first && n <= last) return true;
    problems.push(
      v('CALENDAR.DATE_OUTSIDE_YEAR', `${where}：日期 ${s} 不在 ${a.year} 年（或相邻的跨年日）之内`, { date: s, where }),
    );
    return false;
  };

  const off = new Map<number, string>();
  const work = new Map<number, string>();
  for (const h of a.holidays) {
    for (const r of h.daysOff) {
      const where = `${h.name}放假`;
      const real = [realDate(r.from, where), realDate(r.to, where)];
      if (!real[0] || !real[1]) continue;
      const inYear = [within(r.from, where), within(r.to, where)];
      if (!inYear[0] || !inYear[1]) continue;
      const from = toDayNumber(r.from as IsoDate);
      const to = toDayNumber(r.to as IsoDate);
      if (to < from) {
        problems.push(v('CALENDAR.RANGE_REVERSED', `${where}：结束日 ${r.to} 早于开始日 ${r.from}`, { from: r.from, to: r.to }));
        continue;
      }
      for (let n = from; n <= to; n++) {
        const other = off.get(n);
        if (other !== undefined) {
          problems.push(
            v('CALENDAR.DAY_LISTED_TWICE', `${fromDayNumber(n)} 在「${other}」和「${h.name}」中重复列为放假日`, {
              date: fromDayNumber(n),
            }),
          );
        } else off.set(n, h.name);
      }
    }
    for (const d of h.makeupWorkdays) {
      const where = `${h.name}调休上班`;
      if (!realDate(d, where) || !within(d, where)) continue;
      const n = toDayNumber(d as IsoDate);
      if (!isWeekend(n)) {
        problems.push(
          v('CALENDAR.MAKEUP_NOT_WEEKEND', `${where}：${d} 不是周六或周日，调休上班日只能是周末`, { date: d, holiday: h.name }),
        );
      }
      if (work.has(n)) {
        problems.push(v('CALENDAR.DAY_LISTED_TWICE', `${d} 重复列为调休上班日`, { date: d }));
      }
      work.set(n, h.name);
    }
  }
  for (const [n, name] of work) {
    const offName = off.get(n);
    if (offName !== undefined) {
      problems.push(
        v('CALENDAR.DAY_BOTH_OFF_AND_WORKING', `${fromDayNumber(n)} 既是「${offName}」放假日，又是「${name}」调休上班日`, {
          date: fromDayNumber(n),
        }),
      );
    }
  }
  if (problems.length) return refuse(problems);
  return accept(a as HolidayArrangement);
}

/** Every day an arrangement changes, in date order. */
export function arrangedDays(a: HolidayArrangement): ArrangedDay[] {
  const out: ArrangedDay[] = [];
  for (const h of a.holidays) {
    for (const r of h.daysOff) {
      for (let n = toDayNumber(r.from); n <= toDayNumber(r.to); n++) {
        out.push({ date: fromDayNumber(n), kind: 'off', holiday: h.name, year: a.year, notice: a.notice.number });
      }
    }
    for (const d of h.makeupWorkdays) {
      out.push({ date: d, kind: 'makeup', holiday: h.name, year: a.year, notice: a.notice.number });
    }
  }
  return out.sort((x, y) => (x.date < y.date ? -1 : x.date > y.date ? 1 : 0));
}

/**
 * Checks a set of arrangements together: one per year, and no date that one notice gives off and
 * another gives as a working day (notices meet at the turn of the year).
 */
export function validateArrangementSet(list: HolidayArrangement[]): Violation[] {
  const problems: Violation[] = [];
  const years = new Set<number>();
  for (const a of list) {
    if (years.has(a.year)) problems.push(v('CALENDAR.YEAR_DUPLICATE', `${a.year} 年的节假日安排重复`, { year: a.year }));
    years.add(a.year);
  }
  const seen = new Map<string, ArrangedDay>();
  for (const a of list) {
    for (const d of arrangedDays(a)) {
      const prior = seen.get(d.date);
      if (prior && prior.kind !== d.kind) {
        problems.push(
          v('CALENDAR.DAY_BOTH_OFF_AND_WORKING', `${d.date} 在 ${prior.notice} 与 ${d.notice} 中安排矛盾（一为放假、一为上班）`, {
            date: d.date,
          }),
        );
      }
      if (!prior) seen.set(d.date, d);
    }
  }
  return problems;
}
