// Changes to a scheduled meeting and who may file a topic. A meeting is cancelled or moved only while it
// is still scheduled, by whoever may schedule it (the office — 第五十六条第二款 组织服务工作由市政府办公室负责 — the
// mayor, or for a special meeting the vice mayor who called it, 第五十五条), always with a reason; the
// meeting keeps its record. A topic is filed by its reporting department (第三十四条, 第五十六条), by the
// office on its behalf, or by the vice mayor in charge of that department.
import { basedOn } from '../shared/article.ts';
import { decide, type Decision, type Violation } from '../shared/violation.ts';
import { checkSchedule, isOffice, type ScheduleInput } from './meeting.ts';
import { MEETING_STATUS_LABELS, type Capacity, type Meeting } from './types.ts';

/** Who may schedule, move or cancel a meeting of this type. */
export function mayArrange(meeting: Pick<Meeting, 'type' | 'hostPersonId'>, who: Capacity): boolean {
  if (isOffice(who)) return true;
  return meeting.type === 'special' ? who.personId === meeting.hostPersonId : who.roles.includes('mayor');
}

function arrangeBlocks(meeting: Meeting, who: Capacity, reason: string, what: string): Violation[] {
  const blocks: Violation[] = [];
  if (meeting.status !== 'scheduled') {
    blocks.push({
      code: 'MEETING.NOT_SCHEDULED',
      message: `会议${MEETING_STATUS_LABELS[meeting.status]}，只有待召开的会议才能${what}`,
      details: { status: meeting.status },
    });
  }
  if (!mayArrange(meeting, who)) {
    blocks.push({
      code: 'MEETING.NOT_AUTHORISED',
      article: 56,
      message: `${basedOn(56)}，会议组织服务工作由市政府办公室负责；${meeting.type === 'special' ? '专题会议也可由召集的副市长' : '也可由市长'}${what}`,
    });
  }
  if (!reason.trim()) blocks.push({ code: 'MEETING.REASON_REQUIRED', message: `${what}会议须写明理由` });
  return blocks;
}

/** Cancelling a scheduled meeting: its record stays, with the reason; nothing is deleted. */
export function checkCancel(meeting: Meeting, who: Capacity, reason: string): Decision<true> {
  return decide(arrangeBlocks(meeting, who, reason, '取消'), [], () => true as const);
}

/** Moving a scheduled meeting to a new time (and place); the new time is checked like a new meeting. */
export function checkReschedule(meeting: Meeting, who: Capacity, input: ScheduleInput & { reason: string }, now: Date): Decision<{ materialsDueAt: string }> {
  const blocks = arrangeBlocks(meeting, who, input.reason, '改期');
  const s = checkSchedule(input, now);
  if (!s.ok) blocks.push(...s.violations);
  if (!Number.isNaN(Date.parse(input.startsAt)) && Date.parse(input.startsAt) === Date.parse(meeting.startsAt) && input.place === meeting.place && input.video === meeting.video) {
    blocks.push({ code: 'MEETING.RESCHEDULE_UNCHANGED', message: '改期后的时间、地点与原安排相同' });
  }
  return decide(blocks, s.warnings, () => (s.ok ? s.value : { materialsDueAt: input.startsAt }));
}

/**
 * 第三十四条, 第五十六条: a topic is filed in the name of its reporting department — by someone holding a post
 * in that department, by the government office on its behalf, or by the vice mayor in charge of it.
 */
export function checkTopicFiler(
  who: Capacity,
  filer: { unitIds: readonly string[] },
  department: { unitId: string; name: string; leaderPersonId: string | null },
): Violation[] {
  if (isOffice(who)) return [];
  if (filer.unitIds.includes(department.unitId)) return [];
  if (who.personId != null && who.personId === department.leaderPersonId) return [];
  return [{
    code: 'MEETING.TOPIC_FILER_NOT_IN_DEPARTMENT',
    article: 56,
    message: `${basedOn(56)}，议题由汇报部门提出：您不在${department.name}任职，不能以${department.name}名义拟提议题（可由该部门或市政府办公室登记）`,
    details: { departmentUnitId: department.unitId, filerUnitIds: [...filer.unitIds] },
  }];
}
