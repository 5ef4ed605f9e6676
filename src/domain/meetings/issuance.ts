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

/** 第五十九条 with 第五十六条第三款: how a meeting's document to issue is drafted in the documents context. */
export interface IssuanceDraftRules {
  article: number;
  /** the 文种 the pack knows (第六十二条) — a title ending in one of them names its own 文种 */
  docTypes: string[];
  issuerName: string;
  downward: { docType: string; issuerCode: string };
  upward: { docType: string; issuerCode: string };
  /** 发文代字 of documents sent in the party group's name (第五十三条第三款) */
  partyGroupCode: string;
}

export interface IssuanceDraftFacts {
  docType: string;
  direction: 'upward' | 'downward';
  title: string;
  body: string;
  issuerName: string;
  issuerCode: string;
  /** 第五十六条第三款: the reporting department drafts */
  leadUnitId: string;
  principalRecipients: string[];
}

/**
 * The outgoing draft of one issuance task: a title that already ends in a 文种 is kept (…的报告); a document
 * adopted at the meeting is issued with a 印发 notice (关于印发《…》的通知). Upward reports go to the recipient
 * named at the meeting, in the party group's name when the topic goes to the party committee.
 */
export function issuanceDraft(
  task: Pick<IssuanceTaskDraft, 'kind' | 'title' | 'recipient' | 'senderName'>,
  from: { meetingTitle: string; topicTitle: string; decisionText: string; departmentUnitId: string },
  rules: IssuanceDraftRules,
): IssuanceDraftFacts {
  const upward = task.kind === 'upwardReport';
  const own = [...rules.docTypes].sort((a, b) => b.length - a.length).find((t) => task.title.trim().endsWith(t));
  const dflt = upward ? rules.upward : rules.downward;
  const issuerName = task.senderName ?? rules.issuerName;
  const title = own ? task.title.trim() : upward ? `${issuerName}关于${task.title.trim()}的${dflt.docType}` : `${issuerName}关于印发《${task.title.trim()}》的${dflt.docType}`;
  return {
    docType: own ?? dflt.docType,
    direction: upward ? 'upward' : 'downward',
    title,
    body: `根据${from.meetingTitle}议定事项（${from.topicTitle}）：${from.decisionText}`,
    issuerName,
    issuerCode: task.senderName ? rules.partyGroupCode : dflt.issuerCode,
    leadUnitId: from.departmentUnitId,
    principalRecipients: upward && task.recipient ? [task.recipient] : [],
  };
}
