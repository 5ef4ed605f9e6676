// A meeting: who takes part (computed from the organisation), who hosts (第十条, 第十三条, 第五十五条),
// attendance and quorum (第五十三条), leave (第五十七条), written opinions of absent members (第五十三条),
// decisions by the chair (第九条) and the end of the meeting.
import { basedOn } from '../shared/article.ts';
import { accept, decide, refuse, type Decision, type Violation } from '../shared/violation.ts';
import { absenceOn, governmentPost, isViceMayorKind, membersOf, personById, positionById, positionsOf } from '../org/queries.ts';
import { whoActsFor } from '../org/resolver.ts';
import type { Org } from '../org/types.ts';
import { checkQuorum, quorumsFor, quorumViolations, type QuorumResult } from './quorum.ts';
import type { MeetingRules } from './rules.ts';
import { MEETING_TYPE_LABELS, type Capacity, type Meeting, type MeetingType, type Participant, type Topic } from './types.ts';

export interface Host {
  personId: string;
  /** 本人主持 / 受市长委托主持 */
  basis: string;
  article: number;
  /** set when the executive vice mayor hosts by the mayor's entrustment */
  entrustmentId?: string;
}

const nameOf = (org: Org, personId: string) => personById(org, personId)?.name ?? personId;

function titleOf(org: Org, personId: string, date: string): string {
  return positionsOf(org, personId, date).map((p) => p.title).join('、') || '';
}

/**
 * Who hosts a meeting on `date`. The mayor convenes and hosts plenary, executive and mayor's office
 * meetings (第十条); while the mayor is away on business or study AND has entrusted it, the executive
 * vice mayor hosts (第十三条 — both conditions, as the organisation resolver decides). Special meetings
 * are convened and hosted by a vice mayor (第五十五条).
 */
export function resolveHost(org: Org, type: MeetingType, date: string, rules: MeetingRules, convenerPersonId?: string): Decision<Host> {
  const t = rules.types[type];
  if (t.convener === 'viceMayor') {
    if (!convenerPersonId) {
      return refuse([{ code: 'MEETING.CONVENER_REQUIRED', article: t.article, message: `${basedOn(t.article)}，${MEETING_TYPE_LABELS[type]}由副市长召集和主持，请指定召集的副市长` }]);
    }
    const isViceMayor = positionsOf(org, convenerPersonId, date).some((p) => isViceMayorKind(p.kind));
    if (!isViceMayor) {
      return refuse([{
        code: 'MEETING.CONVENER_NOT_VICE_MAYOR',
        article: t.article,
        message: `${basedOn(t.article)}，${MEETING_TYPE_LABELS[type]}由副市长召集和主持；${nameOf(org, convenerPersonId)}在${date}不是副市长`,
        details: { personId: convenerPersonId },
      }]);
    }
    const away = absenceOn(org, convenerPersonId, date);
    const warnings: Violation[] = away
      ? [{ code: 'MEETING.HOST_AWAY', article: t.article, message: `${nameOf(org, convenerPersonId)}在${date}有外出记录，请核实会期`, details: { absenceId: away.id } }]
      : [];
    return accept({ personId: convenerPersonId, basis: '副市长召集和主持', article: t.article }, warnings);
  }
  const mayorPost = governmentPost(org, 'mayor');
  if (!mayorPost) return refuse([{ code: 'MEETING.HOST_UNAVAILABLE', article: 10, message: '组织机构中没有市长职务' }]);
  const r = whoActsFor(org, mayorPost.id, date, { kind: 'preside' }, rules.presiding);
  if (!r.ok) return refuse(r.violations);
  const a = r.value;
  if (a.outcome === 'self' && a.personId) {
    return accept({ personId: a.personId, basis: '市长召集和主持', article: 10 });
  }
  if (a.outcome === 'acting' && a.personId && a.basis === 'entrustment') {
    return accept(
      { personId: a.personId, basis: `受市长委托主持（${basedOn(rules.presiding.presidingArticle)}）`, article: rules.presiding.presidingArticle, entrustmentId: a.entrustmentId },
      [{ code: 'MEETING.HOSTED_BY_ENTRUSTMENT', article: rules.presiding.presidingArticle, message: a.reason }],
    );
  }
  return refuse([
    { code: 'MEETING.HOST_UNAVAILABLE', article: a.article ?? 10, message: `${MEETING_TYPE_LABELS[type]}无法确定主持人：${a.reason}`, details: { outcome: a.outcome } },
    ...a.flags,
  ]);
}

/**
 * The participants of a meeting on `date`. Plenary and executive members are computed from the
 * organisation (第五十二条, 第五十三条); mayor's office and special meetings take the host and the
 * participants chosen for the topics (第五十四条, 第五十五条). Observers (列席) never count toward quorum.
 */
export function composeParticipants(
  org: Org,
  type: MeetingType,
  date: string,
  rules: MeetingRules,
  host: Host,
  chosen: { participantPersonIds?: string[]; observerPersonIds?: string[] },
): Decision<Participant[]> {
  const t = rules.types[type];
  const blocks: Violation[] = [];
  const out: Participant[] = [];
  const add = (personId: string, role: Participant['role']) => {
    if (out.some((p) => p.personId === personId)) return;
    if (!personById(org, personId)) {
      blocks.push({ code: 'MEETING.UNKNOWN_PERSON', message: `未知的人员：${personId}`, details: { personId } });
      return;
    }
    out.push({ personId, name: nameOf(org, personId), title: titleOf(org, personId, date), role });
  };
  if (t.memberTerms) {
    for (const m of membersOf(org, { terms: t.memberTerms, article: t.article }, date)) add(m.personId, 'member');
    if (t.memberTerms.length && !out.length) {
      blocks.push({ code: 'MEETING.NO_MEMBERS', article: t.article, message: `${basedOn(t.article)}，按组织机构计算${MEETING_TYPE_LABELS[type]}没有成员` });
    }
  } else {
    add(host.personId, 'member');
    for (const id of chosen.participantPersonIds ?? []) add(id, 'member');
  }
  for (const id of chosen.observerPersonIds ?? []) {
    if (out.some((p) => p.personId === id && p.role === 'member')) continue;
    add(id, 'observer');
  }
  if (!out.some((p) => p.personId === host.personId)) add(host.personId, 'member');
  return decide(blocks, [], () => out);
}

export interface ScheduleInput {
  startsAt: string;
  place: string;
  video: boolean;
  materialsDueAt?: string;
}

export function checkSchedule(input: ScheduleInput, now: Date): Decision<{ materialsDueAt: string }> {
  const blocks: Violation[] = [];
  const start = Date.parse(input.startsAt);
  if (Number.isNaN(start)) blocks.push({ code: 'MEETING.INVALID_TIME', message: `会议时间无效：${input.startsAt}` });
  if (!input.place.trim() && !input.video) blocks.push({ code: 'MEETING.PLACE_REQUIRED', message: '请填写会议地点，或选择视频会议' });
  const due = input.materialsDueAt ?? input.startsAt;
  if (input.materialsDueAt != null) {
    const d = Date.parse(input.materialsDueAt);
    if (Number.isNaN(d)) blocks.push({ code: 'MEETING.INVALID_TIME', message: `材料送达截止时间无效：${input.materialsDueAt}` });
    else if (!Number.isNaN(start) && d > start) {
      blocks.push({ code: 'MEETING.MATERIALS_DUE_AFTER_START', article: 56, message: `${basedOn(56)}，会议材料一般应于会前送达，截止时间不能晚于会议开始时间` });
    }
  }
  const warnings: Violation[] = [];
  if (!Number.isNaN(start) && start < now.getTime()) {
    warnings.push({ code: 'MEETING.SCHEDULED_IN_PAST', message: '会议时间早于当前时间（补录）' });
  }
  return decide(blocks, warnings, () => ({ materialsDueAt: due }));
}

// ---- attendance ----

export interface AttendanceEvent {
  personId: string;
  kind: 'arrive' | 'depart';
  at: string;
}

/** Who is in the room now: each person's last event is an arrival. Events come in recorded order. */
export function presentPeople(events: readonly AttendanceEvent[]): Set<string> {
  const last = new Map<string, AttendanceEvent['kind']>();
  for (const e of events) last.set(e.personId, e.kind);
  return new Set([...last].filter(([, k]) => k === 'arrive').map(([id]) => id));
}

export const membersOfMeeting = (m: Pick<Meeting, 'participants'>): Participant[] => m.participants.filter((p) => p.role === 'member');

export function presentMembers(m: Pick<Meeting, 'participants'>, events: readonly AttendanceEvent[]): string[] {
  const here = presentPeople(events);
  return membersOfMeeting(m).map((p) => p.personId).filter((id) => here.has(id));
}

export function checkAttendanceEvent(meeting: Meeting, events: readonly AttendanceEvent[], e: Omit<AttendanceEvent, 'at'>): Decision<true> {
  const blocks: Violation[] = [];
  if (meeting.status !== 'scheduled' && meeting.status !== 'in_progress') {
    blocks.push({ code: 'MEETING.NOT_IN_PROGRESS', message: '会议已结束或已取消，不能再登记到会情况' });
  }
  if (!meeting.participants.some((p) => p.personId === e.personId)) {
    blocks.push({ code: 'MEETING.NOT_A_PARTICIPANT', message: '该人员不是本次会议的参会或列席人员', details: { personId: e.personId } });
  }
  const here = presentPeople(events).has(e.personId);
  if (e.kind === 'arrive' && here) blocks.push({ code: 'MEETING.ALREADY_PRESENT', message: '该人员已登记到会' });
  if (e.kind === 'depart' && !here) blocks.push({ code: 'MEETING.NOT_PRESENT', message: '该人员尚未到会，不能登记离会' });
  return decide(blocks, [], () => true as const);
}

/** The quorums of holding the meeting (第五十三条), and of one topic if given. */
export function quorumNow(meeting: Meeting, events: readonly AttendanceEvent[], rules: MeetingRules, topic?: Pick<Topic, 'kind'>): QuorumResult[] {
  const members = membersOfMeeting(meeting).length;
  const present = presentMembers(meeting, events).length;
  return quorumsFor(rules.types[meeting.type], topic?.kind ?? null).map((q) => checkQuorum(members, present, q));
}

/** Opens the meeting: the host is there and, for the executive meeting, 半数以上 of members (第五十三条). */
export function checkOpen(meeting: Meeting, events: readonly AttendanceEvent[], rules: MeetingRules, who: Capacity): Decision<QuorumResult[]> {
  const blocks: Violation[] = [];
  if (meeting.status !== 'scheduled') blocks.push({ code: 'MEETING.NOT_SCHEDULED', message: '会议不在待召开状态' });
  if (!isOffice(who) && who.personId !== meeting.hostPersonId) {
    blocks.push({ code: 'MEETING.NOT_AUTHORISED', message: '会议由主持人或市政府办公室宣布开始（第五十六条：会议组织服务工作由市政府办公室负责）', article: 56 });
  }
  if (!presentPeople(events).has(meeting.hostPersonId)) {
    blocks.push({ code: 'MEETING.HOST_NOT_PRESENT', message: '主持人尚未到会' });
  }
  const q = quorumNow(meeting, events, rules);
  blocks.push(...quorumViolations(q, '召开会议', 'MEETING.QUORUM_NOT_MET'));
  return decide(blocks, [], () => q);
}

export const isOffice = (who: Capacity): boolean => who.roles.some((r) => r === 'office_clerk' || r === 'office_secretary');

// ---- leave (第五十七条) ----

export interface Leave {
  id: string;
  personId: string;
  reason: string;
  approverPersonId: string;
  status: 'pending' | 'approved' | 'denied';
}

/** Whom leave is asked of: the mayor for plenary, executive and mayor's office meetings; the host for special meetings. */
export function leaveApprover(meeting: Meeting, rules: MeetingRules, mayorPersonId: string | null): string | null {
  return rules.types[meeting.type].leaveFrom === 'mayor' ? mayorPersonId : meeting.hostPersonId;
}

export function checkLeaveRequest(meeting: Meeting, personId: string, reason: string, existing: readonly Leave[], now: Date, approver: string | null): Decision<true> {
  const blocks: Violation[] = [];
  const started = meeting.status !== 'scheduled' || now.getTime() >= Date.parse(meeting.startsAt);
  if (started) {
    blocks.push({ code: 'MEETING.LEAVE_AFTER_START', article: 57, message: `${basedOn(57)}，确需请假的应在会前请假；会议已经开始，不能再请假` });
  }
  if (!meeting.participants.some((p) => p.personId === personId)) {
    blocks.push({ code: 'MEETING.NOT_A_PARTICIPANT', message: '该人员不是本次会议的参会或列席人员', details: { personId } });
  }
  if (!reason.trim()) {
    blocks.push({ code: 'MEETING.LEAVE_REASON_REQUIRED', article: 57, message: `${basedOn(57)}，除特殊原因外原则上不应请假，请假须写明特殊原因` });
  }
  if (existing.some((l) => l.personId === personId && l.status !== 'denied')) {
    blocks.push({ code: 'MEETING.LEAVE_DUPLICATE', message: '该人员已有请假申请' });
  }
  if (approver == null) blocks.push({ code: 'MEETING.LEAVE_NO_APPROVER', article: 57, message: '无法确定请假审批人（市长职务空缺）' });
  if (approver != null && approver === personId) {
    blocks.push({ code: 'MEETING.LEAVE_SELF', article: 57, message: '主持人（审批人）本人不能向自己请假；主持人不能到会的，请调整会期或主持人' });
  }
  return decide(blocks, [], () => true as const);
}

export function checkLeaveDecision(meeting: Meeting, leave: Leave, who: Capacity, rules: MeetingRules): Decision<true> {
  const blocks: Violation[] = [];
  if (leave.status !== 'pending') blocks.push({ code: 'MEETING.LEAVE_ALREADY_DECIDED', message: '该请假申请已审批' });
  if (who.personId !== leave.approverPersonId) {
    const from = rules.types[meeting.type].leaveFrom === 'mayor' ? '市长' : '会议主持人';
    blocks.push({ code: 'MEETING.LEAVE_WRONG_APPROVER', article: 57, message: `${basedOn(57)}，${MEETING_TYPE_LABELS[meeting.type]}请假应向${from}请假，由${from}审批` });
  }
  if (meeting.status === 'ended' || meeting.status === 'cancelled') blocks.push({ code: 'MEETING.NOT_IN_PROGRESS', message: '会议已结束或已取消' });
  return decide(blocks, [], () => true as const);
}

// ---- written opinions (第五十三条) ----

export function checkWrittenOpinion(meeting: Meeting, topic: Topic, personId: string, present: ReadonlySet<string>, text: string, concluded: boolean): Decision<true> {
  const blocks: Violation[] = [];
  const member = membersOfMeeting(meeting).some((p) => p.personId === personId);
  if (!member) blocks.push({ code: 'MEETING.OPINION_NOT_MEMBER', article: 53, message: `${basedOn(53)}，书面意见由因故不能参加会议的成员提出；该人员不是会议成员` });
  if (present.has(personId)) blocks.push({ code: 'MEETING.OPINION_MEMBER_PRESENT', article: 53, message: `${basedOn(53)}，到会成员当面发表意见；书面意见由因故不能参加会议的成员提出` });
  if (topic.meetingId !== meeting.id) blocks.push({ code: 'MEETING.TOPIC_NOT_ON_AGENDA', message: '该议题未列入本次会议' });
  if (concluded || meeting.status === 'ended' || meeting.status === 'cancelled') blocks.push({ code: 'MEETING.TOPIC_ALREADY_DECIDED', message: '该议题已研究决定，书面意见应在研究前提出' });
  if (!text.trim()) blocks.push({ code: 'MEETING.OPINION_EMPTY', message: '书面意见不能为空' });
  return decide(blocks, [], () => true as const);
}

// ---- decisions (第九条: 市长负责制 — the chair decides after discussion; no votes) ----

export const DECISION_OUTCOMES = ['approved', 'approvedInPrinciple', 'agreed', 'noted', 'deferred', 'rejected'] as const;
export type DecisionOutcome = (typeof DECISION_OUTCOMES)[number];
export const DECISION_OUTCOME_LABELS: Record<DecisionOutcome, string> = {
  approved: '同意',
  approvedInPrinciple: '原则同意',
  agreed: '协调一致',
  noted: '听取汇报',
  deferred: '暂缓研究',
  rejected: '不同意',
};

export function checkTopicDecision(
  meeting: Meeting,
  topic: Topic,
  events: readonly AttendanceEvent[],
  who: Capacity,
  rules: MeetingRules,
  input: { outcome: DecisionOutcome; text: string },
): Decision<QuorumResult[]> {
  const blocks: Violation[] = [];
  if (meeting.status !== 'in_progress') blocks.push({ code: 'MEETING.NOT_IN_PROGRESS', message: '会议尚未开始或已结束，不能作出决定' });
  if (topic.meetingId !== meeting.id || topic.stage !== 'placed') {
    blocks.push({ code: 'MEETING.TOPIC_NOT_ON_AGENDA', message: topic.stage === 'concluded' ? '该议题已研究决定' : '该议题未列入本次会议' });
  }
  if (who.personId !== meeting.hostPersonId) {
    blocks.push({
      code: 'MEETING.DECISION_NOT_BY_CHAIR',
      article: rules.chairDecides.article,
      message: `${basedOn(rules.chairDecides.article)}，市政府实行市长负责制，会议决定由主持人在集体讨论后作出，不实行表决`,
    });
  }
  const q = quorumNow(meeting, events, rules, topic);
  blocks.push(...quorumViolations(q, `研究「${topic.title}」`, 'MEETING.TOPIC_QUORUM_NOT_MET'));
  if (!input.text.trim()) blocks.push({ code: 'MEETING.DECISION_TEXT_REQUIRED', message: '请填写会议决定的内容' });
  if (input.outcome === 'agreed' && meeting.type !== 'special') {
    blocks.push({ code: 'MEETING.AGREED_ONLY_AT_SPECIAL', article: rules.dispute.article, message: '“协调一致”用于分管副市长召开的专题会议对分歧议题的协调结论' });
  }
  return decide(blocks, [], () => q);
}

export function checkEnd(meeting: Meeting, who: Capacity, undecided: number): Decision<true> {
  const blocks: Violation[] = [];
  if (meeting.status !== 'in_progress') blocks.push({ code: 'MEETING.NOT_IN_PROGRESS', message: '会议不在进行中' });
  if (!isOffice(who) && who.personId !== meeting.hostPersonId) blocks.push({ code: 'MEETING.NOT_AUTHORISED', message: '会议由主持人或市政府办公室宣布结束' });
  const warnings: Violation[] = undecided
    ? [{ code: 'MEETING.TOPICS_UNDECIDED', message: `尚有${undecided}个议题未作决定，结束后退回“已确定”阶段，可列入以后的会议` }]
    : [];
  return decide(blocks, warnings, () => true as const);
}
