// 第五十九条: documents a meeting decides to issue — 只作部分文字修改的3日内印发，有重大修改意见需要协调的5日内
// 印发（自然日），请示报告省政府和市委的2个工作日内报出, counted from the end of the meeting on the
// official calendar. 第五十三条第三款: topics going to the party committee's standing committee are
// approved by the mayor and reported in the name of the government's party group.
import { computeDeadline, type Deadline, type DeadlineRule } from '../calendar/deadline.ts';
import type { CalendarIndex } from '../calendar/calendar.ts';
import { decide, type Decision, type Violation } from '../shared/violation.ts';

export const ISSUANCE_KINDS = ['minorEdits', 'majorEdits', 'upwardReport'] as const;
export type IssuanceKind = (typeof ISSUANCE_KINDS)[number];
export const ISSUANCE_KIND_LABELS: Record<IssuanceKind, string> = {
  minorEdits: '只作部分文字修改后印发',
  majorEdits: '有重大修改意见需协调后印发',
  upwardReport: '请示报告省政府、市委',
};

export interface FollowUp {
  kind: IssuanceKind;
  title: string;
  /** for upward reports: 省政府 / 市委 */
  recipient?: string;
}

export interface IssuanceTaskDraft extends FollowUp {
  deadline: Deadline;
  /** in whose name it goes out (市政府党组 for the party committee's standing committee) */
  senderName: string | null;
  needsMayorApproval: boolean;
}

export function checkFollowUps(followUps: readonly FollowUp[]): Violation[] {
  const out: Violation[] = [];
  followUps.forEach((f, i) => {
    if (!f.title.trim()) out.push({ code: 'MEETING.FOLLOW_UP_INVALID', article: 59, message: `第${i + 1}项印发事项缺少文件标题` });
    if (f.kind === 'upwardReport' && !f.recipient?.trim()) out.push({ code: 'MEETING.FOLLOW_UP_INVALID', article: 59, message: `第${i + 1}项请示报告须写明报送单位（省政府或市委）` });
  });
  return out;
}

/** The issuance tasks of one decision, with deadlines counted from the day the meeting ended. */
export function issuanceTasks(
  followUps: readonly FollowUp[],
  meetingEndDate: string,
  rules: Record<IssuanceKind, DeadlineRule>,
  cal: CalendarIndex,
  partyCommittee: { toPartyCommittee: boolean; reportedInNameOf: string; topicTitle: string },
): Decision<IssuanceTaskDraft[]> {
  const blocks = checkFollowUps(followUps);
  const all: FollowUp[] = [...followUps];
  if (partyCommittee.toPartyCommittee && !followUps.some((f) => f.kind === 'upwardReport' && f.recipient === '市委')) {
    all.push({ kind: 'upwardReport', title: `关于提请市委常委会会议审议《${partyCommittee.topicTitle}》的请示`, recipient: '市委' });
  }
  const tasks: IssuanceTaskDraft[] = [];
  for (const f of all) {
    const d = computeDeadline(rules[f.kind], meetingEndDate, cal);
    if (!d.ok) {
      blocks.push(...d.violations);
      continue;
    }
    const toParty = partyCommittee.toPartyCommittee && f.kind === 'upwardReport' && f.recipient === '市委';
    tasks.push({ ...f, deadline: d.value, senderName: toParty ? partyCommittee.reportedInNameOf : null, needsMayorApproval: toParty });
  }
  return decide(blocks, [], () => tasks);
}
