// Follow-up of an open item (第八十六条 分级负责、动态管理): progress reports on a cycle, 催办 before the due
// date, escalation up the chain once overdue. The cycle, lead times and the chain are pack parameters.
import { addWorkingDays, workingDaysBetween, type CalendarIndex } from '../calendar/calendar.ts';
import { deadlineState, type DeadlineState } from '../calendar/deadline.ts';
import { workingDays, type IsoDate } from '../calendar/date.ts';

export interface FollowUpRules {
  /** working days between progress reports */
  reportEvery: number;
  /** working days before the due date a 催办 is due */
  chaseBefore: number;
  /** working days overdue after which the item goes to the top of the chain */
  escalateAfter: number;
  /** who is chased, in order: department head, assisting deputy secretary-general, leader in charge */
  chain: string[];
  article: number;
}

export interface FollowUpInput {
  due: string;
  unknownYears: number[];
  closed: boolean;
  /** the last progress report, or the opening day */
  lastReportOn: string;
}

export interface FollowUp {
  state: DeadlineState | 'closed';
  chaseFrom: string;
  /** a 催办 is due today */
  chase: boolean;
  /** -1: none; otherwise the index into rules.chain */
  escalationLevel: number;
  escalateTo: string | null;
  overdueWorkingDays: number;
  nextReportDue: string;
  reportOverdue: boolean;
}

export function followUp(i: FollowUpInput, today: string, cal: CalendarIndex, r: FollowUpRules): FollowUp {
  const chaseFrom = addWorkingDays(cal, i.due as IsoDate, workingDays(-r.chaseBefore)).date;
  const nextReportDue = addWorkingDays(cal, i.lastReportOn as IsoDate, workingDays(r.reportEvery)).date;
  if (i.closed) {
    return { state: 'closed', chaseFrom, chase: false, escalationLevel: -1, escalateTo: null, overdueWorkingDays: 0, nextReportDue, reportOverdue: false };
  }
  const state = deadlineState({ due: i.due as IsoDate, remindFrom: chaseFrom, unknownYears: i.unknownYears }, today);
  const overdue = today > i.due ? workingDaysBetween(cal, i.due as IsoDate, today as IsoDate).days : 0;
  let level = -1;
  if (today >= chaseFrom) level = 0;
  if (today > i.due) level = Math.min(1, r.chain.length - 1);
  if (overdue >= r.escalateAfter && today > i.due) level = r.chain.length - 1;
  return {
    state,
    chaseFrom,
    chase: today >= chaseFrom,
    escalationLevel: level,
    escalateTo: level >= 0 ? r.chain[level] ?? null : null,
    overdueWorkingDays: overdue,
    nextReportDue,
    reportOverdue: today > nextReportDue,
  };
}
