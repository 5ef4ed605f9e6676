// 第五十八条: 全体会议、常务会议纪要由市政府办公室起草，报市长签发；市长办公会议、专题会议纪要由议题汇报部门
// 会同市政府办公室起草，报会议主持人签发. The 纪要 lists 出席、请假、列席 and the decision on each topic.
import { basedOn } from '../shared/article.ts';
import { chineseDate, shanghaiDate } from '../calendar/date.ts';
import { decide, type Decision, type Violation } from '../shared/violation.ts';
import { DECISION_OUTCOME_LABELS, isOffice, type DecisionOutcome } from './meeting.ts';
import type { MeetingRules } from './rules.ts';
import { MEETING_TYPE_LABELS, type Capacity, type Meeting } from './types.ts';

export const DEPARTMENT_ROLES = ['dept_clerk', 'dept_head'];

export interface MinutesItem {
  topicTitle: string;
  department: string;
  outcome: DecisionOutcome;
  text: string;
  writtenOpinions: { name: string; text: string }[];
}

/** A person in the 出席/请假/列席 lists of the 纪要. */
export interface MinutesPerson {
  name: string;
  title: string;
}

export interface MinutesModel {
  title: string;
  /** 纪要标志 (武威市人民政府常务会议纪要), 期号 (第N期) and 编印单位 of the GB/T 9704 纪要 */
  mark: string;
  issue: string | null;
  issuer: string;
  /** the meeting's day, YYYY-MM-DD in Beijing time */
  date: string;
  people: { present: MinutesPerson[]; onLeave: MinutesPerson[]; absent: MinutesPerson[]; observers: MinutesPerson[] };
  /** 2026年3月5日 */
  dateText: string;
  place: string;
  host: string;
  present: string[];
  onLeave: string[];
  absent: string[];
  observers: string[];
  items: MinutesItem[];
}

/** 市政府第12次常务会议 — numbered when the meeting opens. */
export function meetingTitle(type: Meeting['type'], number: number | null): string {
  if (number == null) return `${MEETING_TYPE_LABELS[type]}（待编号）`;
  switch (type) {
    case 'plenary':
      return `市政府第${number}次全体会议`;
    case 'executive':
      return `市政府第${number}次常务会议`;
    case 'mayorsOffice':
      return `第${number}次市长办公会议`;
    case 'special':
      return `市政府专题会议（第${number}次）`;
  }
}

const MARK_NAMES: Record<Meeting['type'], string> = {
  plenary: '全体会议',
  executive: '常务会议',
  mayorsOffice: '市长办公会议',
  special: '专题会议',
};

/** 纪要标志 of GB/T 9704-2012 clause 9: 武威市人民政府常务会议纪要. */
export function minutesMark(type: Meeting['type'], governmentName: string): string {
  return `${governmentName}${MARK_NAMES[type]}纪要`;
}

const ATTENDANCE_LINE = /^(出席|请假|列席|缺席)：/;

/**
 * The body of the 纪要 for output: the edited text without its attendance lines — the 出席/请假/列席 lists
 * are printed from the attendance record. Members absent without leave stay in the body (缺席：…).
 */
export function minutesBody(text: string, m: Pick<MinutesModel, 'people'>): string[] {
  const paras = text.split('\n').map((l) => l.trim()).filter((l) => l && !ATTENDANCE_LINE.test(l));
  if (m.people.absent.length) paras.push(`缺席：${m.people.absent.map((p) => p.name).join('、')}`);
  return paras;
}

/** 市长 林向东 — an entry of the attendance lists (title first, as 纪要 list them). */
export const attendanceEntry = (p: MinutesPerson): string => (p.title ? `${p.title} ${p.name}` : p.name);

/** 2026年3月5日 from an instant, read in Shanghai time. */
export const chineseDateOf = (instant: string): string => chineseDate(shanghaiDate(instant)) ?? instant;

/** The body of the minutes as plain paragraphs, ready to edit. */
export function minutesText(m: MinutesModel): string {
  const lines: string[] = [];
  lines.push(`${m.dateText}，${m.host}在${m.place}主持召开${m.title}。会议研究了以下事项：`);
  m.items.forEach((it, i) => {
    const num = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'][i] ?? String(i + 1);
    lines.push(`${num}、${it.topicTitle}`);
    lines.push(`会议听取了${it.department}的汇报。${it.writtenOpinions.map((o) => `${o.name}书面提出：${o.text}。`).join('')}会议${DECISION_OUTCOME_LABELS[it.outcome]}，${it.text}`);
  });
  lines.push(`出席：${m.present.join('、') || '无'}`);
  lines.push(`请假：${m.onLeave.join('、') || '无'}`);
  if (m.absent.length) lines.push(`缺席：${m.absent.join('、')}`);
  lines.push(`列席：${m.observers.join('、') || '无'}`);
  return lines.join('\n');
}

export interface MinutesState {
  status: 'draft' | 'signed';
}

export function checkMinutesDraft(meeting: Meeting, minutes: MinutesState | null, who: Capacity, rules: MeetingRules, text: string): Decision<true> {
  const blocks: Violation[] = [];
  const t = rules.types[meeting.type];
  if (meeting.status !== 'ended') blocks.push({ code: 'MEETING.MINUTES_BEFORE_END', article: 58, message: '会议结束后才能起草纪要' });
  if (minutes?.status === 'signed') blocks.push({ code: 'MEETING.MINUTES_ALREADY_SIGNED', article: 58, message: '纪要已签发，不能再修改' });
  const may = t.minutesDraftedBy === 'office' ? isOffice(who) : isOffice(who) || who.roles.some((r) => DEPARTMENT_ROLES.includes(r));
  if (!may) {
    blocks.push({
      code: 'MEETING.MINUTES_WRONG_DRAFTER',
      article: 58,
      message: `${basedOn(58)}，${MEETING_TYPE_LABELS[meeting.type]}纪要由${t.minutesDraftedBy === 'office' ? '市政府办公室' : '议题汇报部门会同市政府办公室'}起草`,
    });
  }
  if (!text.trim()) blocks.push({ code: 'MEETING.MINUTES_EMPTY', message: '纪要正文不能为空' });
  return decide(blocks, [], () => true as const);
}

/** Who signs: the mayor (plenary, executive) or the host (mayor's office, special) — 第五十八条. */
export function minutesSigner(meeting: Meeting, rules: MeetingRules, mayorPersonId: string | null): string | null {
  return rules.types[meeting.type].minutesSignedBy === 'mayor' ? mayorPersonId : meeting.hostPersonId;
}

export function checkMinutesSigning(meeting: Meeting, minutes: MinutesState | null, who: Capacity, rules: MeetingRules, signer: string | null): Decision<true> {
  const blocks: Violation[] = [];
  const t = rules.types[meeting.type];
  if (!minutes) blocks.push({ code: 'MEETING.MINUTES_NOT_DRAFTED', article: 58, message: '纪要尚未起草' });
  if (minutes?.status === 'signed') blocks.push({ code: 'MEETING.MINUTES_ALREADY_SIGNED', article: 58, message: '纪要已签发' });
  if (signer == null || who.personId !== signer) {
    blocks.push({
      code: 'MEETING.MINUTES_WRONG_SIGNER',
      article: 58,
      message: `${basedOn(58)}，${MEETING_TYPE_LABELS[meeting.type]}纪要报${t.minutesSignedBy === 'mayor' ? '市长' : '会议主持人'}签发`,
      details: { signer },
    });
  }
  return decide(blocks, [], () => true as const);
}
