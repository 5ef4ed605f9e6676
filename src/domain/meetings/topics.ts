// Topics (议题): the pipeline of 第五十六条, screening and the dispute rule of 第五十三条, the materials of
// 第三十四条, and which meetings may decide major matters (第十条, 第三十三条).
import { basedOn } from '../shared/article.ts';
import { accept, decide, refuse, type Decision, type Violation } from '../shared/violation.ts';
import type { MeetingRules, TopicStepName } from './rules.ts';
import {
  MATERIAL_KIND_LABELS,
  MEETING_TYPE_LABELS,
  TOPIC_KIND_LABELS,
  TOPIC_STAGE_LABELS,
  type Capacity,
  type MaterialKind,
  type Meeting,
  type Topic,
  type TopicStage,
  type TopicStep,
} from './types.ts';

const STEP_TARGET: Record<TopicStepName, TopicStage> = {
  viceMayorReview: 'proposed',
  officeCollects: 'collected',
  secretaryGeneralVerifies: 'verified',
  mayorDecides: 'approved',
  viceMayorDecides: 'approved',
};
const STEP_OF: Record<TopicStepName, TopicStep> = {
  viceMayorReview: 'propose',
  officeCollects: 'collect',
  secretaryGeneralVerifies: 'verify',
  mayorDecides: 'approve',
  viceMayorDecides: 'approve',
};
export const STEP_LABELS: Record<TopicStepName, string> = {
  viceMayorReview: '分管副市长协调或审核后提出',
  officeCollects: '市政府办公室汇总',
  secretaryGeneralVerifies: '秘书长核报',
  mayorDecides: '市长确定',
  viceMayorDecides: '副市长确定',
};

export const OFFICE_ROLES = ['office_clerk', 'office_secretary'];

/** The steps still ahead of a topic, in order (第五十六条). */
export function remainingSteps(topic: Pick<Topic, 'stage' | 'meetingType'>, rules: MeetingRules): TopicStepName[] {
  const steps = rules.types[topic.meetingType].topicSteps;
  if (topic.stage === 'draft') return steps;
  const i = steps.findIndex((s) => STEP_TARGET[s] === topic.stage);
  return i < 0 ? [] : steps.slice(i + 1);
}

/** Who may take a step: the vice mayor in charge, the office, the secretary-general, the mayor. */
function mayTake(step: TopicStepName, topic: Topic, who: Capacity): boolean {
  switch (step) {
    case 'viceMayorReview':
    case 'viceMayorDecides':
      return who.personId != null && who.personId === topic.leaderPersonId;
    case 'officeCollects':
      return who.roles.some((r) => OFFICE_ROLES.includes(r));
    case 'secretaryGeneralVerifies':
      return who.roles.includes('secretary_general');
    case 'mayorDecides':
      return who.roles.includes('mayor');
  }
}

/**
 * 第五十六条: moves a topic one step along its pipeline. A step out of order or by someone else is
 * refused with the article; every problem is returned.
 */
export function advanceTopic(topic: Topic, step: TopicStep, who: Capacity, rules: MeetingRules): Decision<TopicStage> {
  const art = rules.pipeline.article;
  const ahead = remainingSteps(topic, rules);
  const next = ahead[0];
  const blocks: Violation[] = [];
  if (topic.stage === 'rejected' || topic.stage === 'placed' || topic.stage === 'concluded' || next == null) {
    return refuse([{
      code: 'MEETING.TOPIC_OUT_OF_ORDER',
      article: art,
      message: `议题当前处于「${TOPIC_STAGE_LABELS[topic.stage]}」阶段，不能再${stepVerb(step)}`,
      details: { stage: topic.stage, step },
    }]);
  }
  if (STEP_OF[next] !== step) {
    return refuse([{
      code: 'MEETING.TOPIC_OUT_OF_ORDER',
      article: art,
      message: `${basedOn(art)}，${MEETING_TYPE_LABELS[topic.meetingType]}议题须依次经过：${rules.types[topic.meetingType].topicSteps.map((s) => STEP_LABELS[s]).join(' → ')}；当前应先「${STEP_LABELS[next]}」`,
      details: { stage: topic.stage, step, expected: STEP_OF[next] },
    }]);
  }
  if ((next === 'viceMayorReview' || next === 'viceMayorDecides') && topic.leaderPersonId == null) {
    blocks.push({
      code: 'MEETING.TOPIC_NO_LEADER_IN_CHARGE',
      article: 11,
      message: '议题汇报部门没有分管副市长，无法由分管副市长审核提出；请先在组织机构中登记分管',
      details: { departmentUnitId: topic.departmentUnitId },
    });
  } else if (!mayTake(next, topic, who)) {
    blocks.push({
      code: 'MEETING.TOPIC_STEP_NOT_AUTHORISED',
      article: art,
      message: `${basedOn(art)}，「${STEP_LABELS[next]}」应由${whoTakes(next)}办理`,
      details: { step: next },
    });
  }
  return decide(blocks, [], () => STEP_TARGET[next]);
}

function stepVerb(step: TopicStep): string {
  return { propose: '提出', collect: '汇总', verify: '核报', approve: '确定' }[step];
}
function whoTakes(step: TopicStepName): string {
  return {
    viceMayorReview: '分管该部门的副市长',
    viceMayorDecides: '分管该部门的副市长',
    officeCollects: '市政府办公室',
    secretaryGeneralVerifies: '秘书长',
    mayorDecides: '市长',
  }[step];
}

/** 第三十四条: the materials a department topic of this kind must carry. */
export function requiredMaterials(topic: Topic, rules: MeetingRules): MaterialKind[] {
  const m = rules.materials;
  if (!m.forKinds.includes(topic.kind)) return [];
  const need = new Set<MaterialKind>(m.always);
  if (topic.involvedUnitIds.length > 0) m.ifOtherDepartments.forEach((k) => need.add(k));
  if (topic.involvesCounties) m.ifCounties.forEach((k) => need.add(k));
  if (topic.publicInterest) m.ifPublicInterest.forEach((k) => need.add(k));
  if (topic.marketActivity) m.ifMarketActivity.forEach((k) => need.add(k));
  if (topic.enterpriseRules) m.ifEnterpriseRules.forEach((k) => need.add(k));
  return [...need];
}

export function missingMaterials(topic: Topic, rules: MeetingRules): Violation[] {
  const have = new Set(topic.materials.map((x) => x.kind));
  return requiredMaterials(topic, rules)
    .filter((k) => !have.has(k))
    .map((k) => ({
      code: 'MEETING.TOPIC_MATERIALS_MISSING',
      article: rules.materials.article,
      message: `${basedOn(rules.materials.article)}，${TOPIC_KIND_LABELS[topic.kind]}议题须附${MATERIAL_KIND_LABELS[k]}`,
      details: { material: k },
    }));
}

/** 第五十六条第二款: materials should reach participants before the meeting; late ones are flagged. */
export function lateMaterials(topic: Topic, materialsDueAt: string): Violation[] {
  const due = Date.parse(materialsDueAt);
  return topic.materials
    .filter((x) => Date.parse(x.submittedAt) > due)
    .map((x) => ({
      code: 'MEETING.MATERIALS_LATE',
      article: 56,
      message: `${basedOn(56)}，会议材料一般应于会前送达与会人员：「${x.title}」送达晚于截止时间`,
      details: { material: x.kind, title: x.title, submittedAt: x.submittedAt, dueAt: materialsDueAt },
    }));
}

/** The agreement a special meeting recorded on a disputed topic (第五十三条). */
export interface Coordination {
  meetingType: Meeting['type'];
  hostPersonId: string;
  agreed: boolean;
}

/** 第五十三条: screening of executive-meeting topics. */
export function admissionViolations(topic: Topic, rules: MeetingRules): Violation[] {
  const a = rules.admission;
  const checks: [boolean, string][] = [
    [topic.concernsOverall, a.criteria[0] ?? '涉及全局'],
    [topic.innovative, a.criteria[1] ?? '有创新内容'],
    [topic.clearProposal, a.criteria[2] ?? '有明确意见'],
  ];
  return checks
    .filter(([ok]) => !ok)
    .map(([, what]) => ({
      code: 'MEETING.TOPIC_NOT_ADMISSIBLE',
      article: a.article,
      message: `${basedOn(a.article)}，不涉及全局、没有创新内容、没有明确意见的议题一律不上会：该议题未${what.replace(/^有/, '具有')}`,
      details: { criterion: what },
    }));
}

/** 第五十三条: several departments that disagree → a special meeting of the vice mayor in charge first. */
export function disputeViolation(topic: Topic, rules: MeetingRules, coordination: Coordination | null): Violation | null {
  const departments = new Set([topic.departmentUnitId, ...topic.involvedUnitIds]).size;
  if (!topic.disputed || departments < rules.dispute.minDepartments) return null;
  const ok = coordination != null && coordination.meetingType === 'special' && coordination.agreed && coordination.hostPersonId === topic.leaderPersonId;
  if (ok) return null;
  return {
    code: 'MEETING.DISPUTED_TOPIC_NOT_COORDINATED',
    article: rules.dispute.article,
    message: `${basedOn(rules.dispute.article)}，涉及多个部门且意见不一致的议题，须先由分管副市长召开专题会议协调、达成一致意见后再提交常务会议审议`,
    details: {
      departments,
      coordination: coordination ?? null,
    },
  };
}

/** What a topic still lacks before it can be placed on a meeting of its type (for the topic board). */
export function topicGaps(topic: Topic, rules: MeetingRules, coordination: Coordination | null): Violation[] {
  const gaps: Violation[] = [];
  for (const s of remainingSteps(topic, rules)) {
    if (topic.stage === 'rejected') break;
    gaps.push({ code: 'MEETING.TOPIC_STEP_PENDING', article: 56, message: `待${STEP_LABELS[s]}`, details: { step: s } });
  }
  gaps.push(...placementBlocks(topic, topic.meetingType, rules, coordination));
  return gaps;
}

function placementBlocks(topic: Topic, type: Meeting['type'], rules: MeetingRules, coordination: Coordination | null): Violation[] {
  const blocks: Violation[] = [];
  const mm = rules.majorMatters;
  if (mm.topicKinds.includes(topic.kind) && !mm.meetingTypes.includes(type)) {
    blocks.push({
      code: 'MEETING.MAJOR_MATTER_WRONG_MEETING',
      article: mm.article,
      message: `${basedOn(mm.article)}，市政府工作中的重大事项必须经${mm.meetingTypes.map((t) => MEETING_TYPE_LABELS[t]).join('或')}讨论决定，不能在${MEETING_TYPE_LABELS[type]}上决定`,
      details: { kind: topic.kind, meetingType: type },
    });
  }
  if (type === 'executive') {
    blocks.push(...admissionViolations(topic, rules));
    const d = disputeViolation(topic, rules, coordination);
    if (d) blocks.push(d);
  }
  blocks.push(...missingMaterials(topic, rules));
  return blocks;
}

/**
 * Places an approved topic on a meeting's agenda. Refused, with every reason: out of order, wrong
 * meeting type, a meeting no longer open, a major matter at the wrong meeting (第十条), screening and the
 * dispute rule (第五十三条), missing materials (第三十四条). Flags: late materials (第五十六条), a special
 * meeting's topic outside the host's portfolio (第五十五条).
 */
export function checkPlacement(topic: Topic, meeting: Meeting, rules: MeetingRules, coordination: Coordination | null): Decision<true> {
  const blocks: Violation[] = [];
  const warnings: Violation[] = [];
  if (topic.stage !== 'approved') {
    blocks.push({
      code: 'MEETING.TOPIC_OUT_OF_ORDER',
      article: 56,
      message: `${basedOn(56)}，议题须经确定后才能列入会议，当前处于「${TOPIC_STAGE_LABELS[topic.stage]}」阶段`,
      details: { stage: topic.stage },
    });
  }
  if (meeting.status !== 'scheduled' && meeting.status !== 'in_progress') {
    blocks.push({ code: 'MEETING.NOT_OPEN_FOR_AGENDA', message: '会议已结束或已取消，不能再列入议题', details: { status: meeting.status } });
  }
  if (topic.meetingType !== meeting.type) {
    blocks.push({
      code: 'MEETING.TOPIC_WRONG_MEETING_TYPE',
      article: 56,
      message: `该议题经确定提交${MEETING_TYPE_LABELS[topic.meetingType]}，不能列入${MEETING_TYPE_LABELS[meeting.type]}`,
      details: { topicMeetingType: topic.meetingType, meetingType: meeting.type },
    });
  }
  blocks.push(...placementBlocks(topic, meeting.type, rules, coordination));
  warnings.push(...lateMaterials(topic, meeting.materialsDueAt));
  if (meeting.type === 'special' && topic.leaderPersonId !== meeting.hostPersonId) {
    warnings.push({
      code: 'MEETING.SPECIAL_OUTSIDE_PORTFOLIO',
      article: 55,
      message: `${basedOn(55)}，专题会议主要研究主持副市长分管工作范围内的重大事项；该议题汇报部门不在主持人分管范围内`,
    });
  }
  return decide(blocks, warnings, () => true as const);
}

/** A topic may be rejected (不上会) at any stage before it is placed, with a reason. */
export function checkRejection(topic: Topic, reason: string): Decision<true> {
  const blocks: Violation[] = [];
  if (!['draft', 'proposed', 'collected', 'verified', 'approved'].includes(topic.stage)) {
    blocks.push({ code: 'MEETING.TOPIC_OUT_OF_ORDER', article: 56, message: `议题处于「${TOPIC_STAGE_LABELS[topic.stage]}」阶段，不能退回`, details: { stage: topic.stage } });
  }
  if (!reason.trim()) blocks.push({ code: 'MEETING.REASON_REQUIRED', message: '退回议题须写明理由' });
  return blocks.length ? refuse(blocks) : accept(true as const);
}
