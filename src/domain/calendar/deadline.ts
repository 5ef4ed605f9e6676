// Deadlines (期限) computed from a time limit (时限) of the rule pack.
//
// A deadline rule says how long (duration and unit: 工作日 or 日), from which event, under which
// article. How a period is counted is not written in the rules of Wuwei either: the pack borrows the
// conventions of the 民法典 and cites them (pack.yaml `conventions`):
//   - counting starts the day after the event (第二百零一条) — `countFrom: nextDay`;
//   - "N日内" includes day N (第一千二百五十九条, 以内 includes the number) — `inclusiveBound`;
//   - a natural-day period whose last day is a day off ends on the next working day (第二百零三条).
// None of these is decided here: they arrive as arguments, read from the pack in force.
import type { Conventions, DeadlineParams } from '../../rules/index.ts';
import { AppError } from '../../errors/index.ts';
import { articleLabel } from '../shared/article.ts';
import { accept, refuse, type Decision, type Violation } from '../shared/violation.ts';
import {
  addNaturalDays,
  addWorkingDays,
  unknownYearsBetween,
  workingDayOnOrAfter,
  type CalendarAnswer,
  type CalendarIndex,
} from './calendar.ts';
import {
  addMonths,
  fromDayNumber,
  isIsoDate,
  invalidDate,
  naturalDays,
  toDayNumber,
  workingDays,
  type IsoDate,
} from './date.ts';

export type DeadlineUnit = 'workday' | 'day' | 'month' | 'year';

export interface Duration {
  value: number;
  unit: DeadlineUnit;
}

/** How periods are counted — resolved from the pack's conventions (see countingConventions). */
export interface CountingConventions {
  /** day 1 of a period is the day after the event (民法典 第二百零一条) */
  startNextDay: boolean;
  /** "N日内" includes day N (民法典 第一千二百五十九条) */
  inclusiveEnd: boolean;
  /** a natural-day (or month/year) period whose last day is a day off ends on the next working day (第二百零三条) */
  rollToWorkingDay: boolean;
  /** citations of the three conventions, for explanations */
  cites: { startNextDay: string; inclusiveEnd: string; rollToWorkingDay: string };
}

/** A time limit of the pack, ready for the calendar. */
export interface DeadlineRule {
  ruleId: string;
  article: number;
  /** the rule's short Chinese label (会签答复时限) */
  label?: string;
  duration: Duration;
  /** the event the period counts from (countersign.requested) */
  from: string;
  /** present only where the article itself allows another limit (第六十六条 除主办部门另有时限要求外 …) */
  overridable?: { by: string; cite: string; note?: string };
  conventions: CountingConventions;
  /** how long before the due date a reminder is due (a pack parameter) */
  reminderLead?: Duration;
}

/** Another limit set where the article allows it, recorded with who set it and why. */
export interface DeadlineOverride {
  /** who set the other limit (person or unit) */
  by: string;
  /** why (the lead department's requirement, the government's urgent limit, the law that provides otherwise) */
  reason: string;
  /** the other limit, counted like the rule's own … */
  duration?: Duration;
  /** … or a fixed due date */
  due?: IsoDate;
}

export interface Deadline {
  ruleId: string;
  article: number;
  /** "2个工作日 · 第六十六条" */
  label: string;
  from: string;
  eventDate: IsoDate;
  /** the effective limit (the override's when there is one) */
  duration?: Duration;
  /** last day on which acting is on time */
  due: IsoDate;
  /** from this day the deadline is "due soon" (= due when the pack gives no lead time) */
  remindFrom: IsoDate;
  /** years without a loaded holiday arrangement that the computation relied on */
  unknownYears: number[];
  override?: DeadlineOverride & { cite: string; ruleDue: IsoDate; ruleDuration: Duration };
}

export type DeadlineState = 'on_time' | 'due_soon' | 'overdue' | 'calendar_unknown';

export const DEADLINE_STATE_LABELS: Record<DeadlineState, string> = {
  on_time: '按期',
  due_soon: '即将到期',
  overdue: '已逾期',
  calendar_unknown: '日历未知',
};

const UNIT_TEXT: Record<DeadlineUnit, string> = { workday: '个工作日', day: '日', month: '个月', year: '年' };

/** 2个工作日 / 3日 / 3个月 */
export const durationText = (d: Duration): string => `${d.value}${UNIT_TEXT[d.unit]}`;

const isUnit = (u: unknown): u is DeadlineUnit => u === 'workday' || u === 'day' || u === 'month' || u === 'year';

function citeOf(c: { cite: string; note?: string }): string {
  return c.cite;
}

/** The pack's conventions as the counting switches this module uses. */
export function countingConventions(c: Conventions): CountingConventions {
  return {
    startNextDay: c.countFrom.value === 'nextDay',
    inclusiveEnd: c.inclusiveBound.value.inclusive.includes('以内'),
    rollToWorkingDay: c.naturalDayEndRollsToWorkday.value,
    cites: {
      startNextDay: citeOf(c.countFrom),
      inclusiveEnd: citeOf(c.inclusiveBound),
      rollToWorkingDay: citeOf(c.naturalDayEndRollsToWorkday),
    },
  };
}

/** A deadline rule from the pack's deadline parameters, its rule record and conventions. */
export function deadlineRule(
  params: DeadlineParams,
  rule: { label?: string; overridable?: { by: string; cite: string; note?: string } },
  conventions: CountingConventions,
  reminderLead?: Duration,
): DeadlineRule {
  if (!isUnit(params.unit) || !Number.isSafeInteger(params.duration) || params.duration < 0) {
    throw new AppError('CALENDAR.DEADLINE_RULE_INVALID', {
      message: `规则 ${params.ruleId}（${articleLabel(params.article)}）的时限 ${params.duration} ${params.unit} 无法按日历计算`,
      article: params.article,
    });
  }
  return {
    ruleId: params.ruleId,
    article: params.article,
    label: rule.label,
    duration: { value: params.duration, unit: params.unit },
    from: params.from,
    ...(rule.overridable ? { overridable: rule.overridable } : {}),
    conventions,
    ...(reminderLead ? { reminderLead } : {}),
  };
}

const mergeYears = (...answers: CalendarAnswer[]): number[] =>
  [...new Set(answers.flatMap((a) => a.unknownYears))].sort((a, b) => a - b);

/**
 * The last on-time day of a period of `duration` counted from `eventDate` under the conventions.
 * Working days: day 1 is the first working day after the event (or the event day, if it is one and
 * counting starts the same day). Natural days, months, years: the calendar day, rolled to the next
 * working day when it is a day off (if the convention says so).
 */
export function dueDate(
  duration: Duration,
  eventDate: IsoDate | string,
  cal: CalendarIndex,
  conv: CountingConventions,
): CalendarAnswer & { date: IsoDate } {
  if (!isIsoDate(eventDate)) throw invalidDate(eventDate);
  if (!isUnit(duration.unit)) {
    throw new AppError('CALENDAR.INVALID_UNIT', { message: `时限单位「${String(duration.unit)}」无效，应为 workday 或 day` });
  }
  if (!Number.isSafeInteger(duration.value) || duration.value < 0) {
    throw new AppError('CALENDAR.INVALID_COUNT', { message: `时限天数应为非负整数：${duration.value}` });
  }
  // The day before day 1: the event itself when counting starts the next day.
  const base = conv.startNextDay ? eventDate : fromDayNumber(toDayNumber(eventDate) - 1);
  // "N日内" with the bound excluded ends the day before day N.
  const n = conv.inclusiveEnd ? duration.value : Math.max(0, duration.value - 1);
  if (duration.unit === 'workday') {
    return addWorkingDays(cal, base, workingDays(n));
  }
  let last: CalendarAnswer & { date: IsoDate };
  if (duration.unit === 'day') last = addNaturalDays(cal, base, naturalDays(n));
  else {
    // months/years: the corresponding day (民法典 第二百零二条); the excluded bound is the day before.
    const months = duration.unit === 'year' ? duration.value * 12 : duration.value;
    let d = addMonths(base, months);
    if (!conv.inclusiveEnd) d = fromDayNumber(toDayNumber(d) - 1);
    last = { date: d, unknownYears: unknownYearsBetween(cal, fromDayNumber(toDayNumber(base) + 1), d) };
  }
  if (!conv.rollToWorkingDay) return last;
  const rolled = workingDayOnOrAfter(cal, last.date);
  return { date: rolled.date, unknownYears: mergeYears(last, rolled) };
}

function reminderDate(due: IsoDate, lead: Duration | undefined, cal: CalendarIndex): CalendarAnswer & { date: IsoDate } {
  if (!lead || lead.value === 0) return { date: due, unknownYears: [] };
  if (lead.unit === 'workday') return addWorkingDays(cal, due, workingDays(-lead.value));
  if (lead.unit === 'day') return addNaturalDays(cal, due, naturalDays(-lead.value));
  const d = addMonths(due, -(lead.unit === 'year' ? lead.value * 12 : lead.value));
  return { date: d, unknownYears: [] };
}

/** "2个工作日 · 第六十六条"; for a fixed date "限2026-03-02前 · 第七十三条". */
export function deadlineLabel(article: number, duration: Duration | undefined, due?: IsoDate): string {
  return `${duration ? durationText(duration) : `限${due}前`} · ${articleLabel(article)}`;
}

/**
 * The deadline of `rule` for an event on `eventDate`. An override (another limit, or a fixed date)
 * is accepted only where the article allows one (rule.overridable) and only with who and why;
 * otherwise the refusal cites the article.
 */
export function computeDeadline(
  rule: DeadlineRule,
  eventDate: IsoDate | string,
  cal: CalendarIndex,
  override?: DeadlineOverride,
): Decision<Deadline> {
  if (!isIsoDate(eventDate)) throw invalidDate(eventDate);
  const own = dueDate(rule.duration, eventDate, cal, rule.conventions);
  if (!override) {
    const remind = reminderDate(own.date, rule.reminderLead, cal);
    return accept({
      ruleId: rule.ruleId,
      article: rule.article,
      label: deadlineLabel(rule.article, rule.duration),
      from: rule.from,
      eventDate,
      duration: rule.duration,
      due: own.date,
      remindFrom: remind.date < eventDate ? eventDate : remind.date,
      unknownYears: mergeYears(own, remind),
    });
  }

  const problems: Violation[] = [];
  const art = articleLabel(rule.article);
  if (!rule.overridable) {
    problems.push({
      code: 'CALENDAR.OVERRIDE_NOT_ALLOWED',
      article: rule.article,
      message: `依据${art}，${rule.label ? `「${rule.label}」` : '该'}时限为${durationText(rule.duration)}，条文未规定可另定时限，不得变更`,
      details: { ruleId: rule.ruleId },
    });
  }
  if (!override.by?.trim() || !override.reason?.trim()) {
    problems.push({
      code: 'CALENDAR.OVERRIDE_INCOMPLETE',
      article: rule.article,
      message: `变更${art}规定的时限须写明变更人和理由`,
    });
  }
  if ((override.duration === undefined) === (override.due === undefined)) {
    problems.push({
      code: 'CALENDAR.OVERRIDE_INCOMPLETE',
      article: rule.article,
      message: '变更时限须给出新的时限或截止日期（二者选一）',
    });
  }
  if (override.due !== undefined && (!isIsoDate(override.due) || override.due < eventDate)) {
    problems.push({
      code: 'CALENDAR.INVALID_DATE',
      article: rule.article,
      message: `变更后的截止日期「${override.due}」无效或早于起算事件日期 ${eventDate}`,
    });
  }
  if (override.duration !== undefined && (!isUnit(override.duration.unit) || !Number.isSafeInteger(override.duration.value) || override.duration.value < 0)) {
    problems.push({ code: 'CALENDAR.INVALID_COUNT', article: rule.article, message: '变更后的时限应为非负整数，单位为 workday 或 day' });
  }
  if (problems.length) return refuse(problems);

  const changed = override.duration
    ? dueDate(override.duration, eventDate, cal, rule.conventions)
    : { date: override.due!, unknownYears: unknownYearsBetween(cal, eventDate, override.due!) };
  const remind = reminderDate(changed.date, rule.reminderLead, cal);
  return accept({
    ruleId: rule.ruleId,
    article: rule.article,
    label: deadlineLabel(rule.article, override.duration, override.due),
    from: rule.from,
    eventDate,
    ...(override.duration ? { duration: override.duration } : {}),
    due: changed.date,
    remindFrom: remind.date < eventDate ? eventDate : remind.date,
    unknownYears: mergeYears(changed, remind),
    override: { ...override, cite: rule.overridable!.cite, ruleDue: own.date, ruleDuration: rule.duration },
  });
}

/**
 * The state of a deadline on `today`: overdue after the due day, due soon from the reminder day,
 * otherwise on time — and "calendar unknown" whenever the due date rests on a year whose holiday
 * arrangement is not loaded (the date shown is then provisional).
 */
export function deadlineState(
  deadline: { due: string; remindFrom: string; unknownYears: readonly number[] },
  today: IsoDate | string,
): DeadlineState {
  if (!isIsoDate(today)) throw invalidDate(today);
  if (deadline.unknownYears.length) return 'calendar_unknown';
  if (today > deadline.due) return 'overdue';
  if (today >= deadline.remindFrom) return 'due_soon';
  return 'on_time';
}
