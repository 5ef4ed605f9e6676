// The proactive publication limit (第三十九条, with 《政府信息公开条例》第二十六条): information to be
// published proactively is published within N working days of being formed or changed. The limit is a
// pack parameter; the date is counted on the official calendar (src/domain/calendar).
import { computeDeadline, deadlineState, type Deadline, type DeadlineRule, type DeadlineState } from '../calendar/deadline.ts';
import type { CalendarIndex } from '../calendar/calendar.ts';

export type PublicationState = 'pending' | 'due_soon' | 'overdue' | 'published_on_time' | 'published_late' | 'calendar_unknown';

export const PUBLICATION_STATE_LABELS: Record<PublicationState, string> = {
  pending: '待公开',
  due_soon: '即将到期',
  overdue: '逾期未公开',
  published_on_time: '按期公开',
  published_late: '逾期公开',
  calendar_unknown: '日历未知（期限为暂定）',
};

/** The last day on which the item may be published, counted from the day it was issued. */
export function publicationDeadline(rule: DeadlineRule, issuedOn: string, cal: CalendarIndex): Deadline {
  const d = computeDeadline(rule, issuedOn, cal);
  if (!d.ok) throw new Error('publication limit cannot be overridden here');
  return d.value;
}

/** Where a publication obligation stands on `today` (dates YYYY-MM-DD in the pack's time zone). */
export function publicationState(
  deadline: Pick<Deadline, 'due' | 'remindFrom' | 'unknownYears'>,
  publishedOn: string | null,
  today: string,
): PublicationState {
  if (publishedOn) return publishedOn <= deadline.due ? 'published_on_time' : 'published_late';
  const s: DeadlineState = deadlineState(deadline, today);
  if (s === 'on_time') return 'pending';
  return s;
}
