// The holiday arrangements shipped with the product (calendar/<year>.yaml), read and validated.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { refusal } from '../../errors/index.ts';
import { validateArrangement, validateArrangementSet, type HolidayArrangement } from '../../domain/calendar/arrangement.ts';
import { buildCalendarIndex, type CalendarIndex } from '../../domain/calendar/calendar.ts';

/** calendar/ at the repository root */
export const CALENDAR_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../../calendar');

/** Parses and validates one arrangement file's text; throws CALENDAR.ARRANGEMENT_INVALID with every problem. */
export function parseArrangement(text: string, source = '节假日安排'): HolidayArrangement {
  let data: unknown;
  try {
    data = parse(text);
  } catch (e) {
    throw refusal('CALENDAR.ARRANGEMENT_INVALID', [
      { code: 'CALENDAR.ARRANGEMENT_INVALID', message: `${source}：YAML 语法错误：${(e as Error).message}` },
    ]);
  }
  const d = validateArrangement(data);
  if (!d.ok) {
    throw refusal(
      'CALENDAR.ARRANGEMENT_INVALID',
      d.violations.map((v) => ({ ...v, message: `${source}：${v.message}` })),
    );
  }
  return d.value;
}

/** Every calendar/<year>.yaml, validated one by one and as a set. */
export function readArrangementFiles(dir = CALENDAR_DIR): HolidayArrangement[] {
  const files = readdirSync(dir).filter((f) => /^\d{4}\.ya?ml$/.test(f)).sort();
  const list = files.map((f) => {
    const a = parseArrangement(readFileSync(join(dir, f), 'utf8'), f);
    if (`${a.year}` !== f.slice(0, 4)) {
      throw refusal('CALENDAR.ARRANGEMENT_INVALID', [
        { code: 'CALENDAR.ARRANGEMENT_INVALID', message: `${f}：文件名年份与内容中的 year: ${a.year} 不一致` },
      ]);
    }
    return a;
  });
  const problems = validateArrangementSet(list);
  if (problems.length) throw refusal('CALENDAR.ARRANGEMENT_INVALID', problems);
  return list;
}

let current: CalendarIndex | undefined;

/**
 * The calendar this process computes with: the shipped files, plus every year loaded into the database
 * once the runtime has started (src/app/calendar/store.ts installs it and keeps it fresh).
 */
export function currentCalendar(): CalendarIndex {
  current ??= buildCalendarIndex(readArrangementFiles());
  return current;
}

/** Kept for callers written before runtime loading: the same as currentCalendar(). */
export const shippedCalendar = currentCalendar;

/** Replaces the process calendar (after a year was loaded). */
export function installCalendar(arrangements: HolidayArrangement[]): CalendarIndex {
  current = buildCalendarIndex(arrangements);
  return current;
}
