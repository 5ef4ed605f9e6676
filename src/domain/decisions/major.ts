// Major administrative decisions (重大行政决策) and collective decisions.
// 第三十一条  公众参与、专家论证、风险评估、合法性审查、集体讨论决定 are the legal steps; where 《重大行政决策
//            程序暂行条例》 makes a step conditional it may be "not applicable", with the reason recorded.
// 第三十二条  重大事项决策、重大项目安排、大额资金使用、设立议事协调机构 are decided collectively;
// 第十条/第三十三条 at a plenary or executive meeting: the record links the meeting decision.
// 第三十五条  the parties heard and the legal adviser's opinion are kept in the decision file.
// 第三十六条  after the decision: tracking, opinions, evaluation of effects, adjustment.
// 第九十四条  a decision made according to law is not changed at will: a change states its legal basis.
import { basedOn } from '../shared/article.ts';
import { decide, type Decision, type Violation } from '../shared/violation.ts';
import type { CollectiveRules, MajorRules } from './rules.ts';

export interface StepRecord {
  step: string;
  applicable: boolean;
  /** what shows the step was done (征求意见公告、论证会纪要、风险评估报告、合法性审查意见书 …) */
  evidence: string;
  /** why the step does not apply (only for conditional steps) */
  reason: string;
  on: string;
}

export const stepLabel = (step: string, r: MajorRules): string => r.stepLabels[r.steps.indexOf(step)] ?? step;

/** Recording one step: evidence when done, a reason when not applicable, only for conditional steps. */
export function checkStepRecord(rec: StepRecord, today: string, decided: boolean, r: MajorRules): Decision<StepRecord> {
  const art = r.stepsArticle;
  const blocks: Violation[] = [];
  const label = stepLabel(rec.step, r);
  if (decided) blocks.push({ code: 'DEC.ALREADY_DECIDED', message: '该重大行政决策已作出决定，法定程序不再补录' });
  if (!r.steps.includes(rec.step)) {
    blocks.push({ code: 'DEC.UNKNOWN_STEP', article: art, message: `${basedOn(art)}，法定程序为${r.stepLabels.join('、')}`, details: { step: rec.step } });
  } else if (rec.applicable && !rec.evidence.trim()) {
    blocks.push({ code: 'DEC.STEP_EVIDENCE_MISSING', article: art, message: `${basedOn(art)}，「${label}」应附佐证材料`, details: { step: rec.step } });
  } else if (!rec.applicable && !r.conditionalSteps.includes(rec.step)) {
    blocks.push({ code: 'DEC.STEP_NOT_OPTIONAL', article: art, message: `${basedOn(art)}，「${label}」是重大行政决策的必经程序，不能标记为不适用`, details: { step: rec.step } });
  } else if (!rec.applicable && !rec.reason.trim()) {
    blocks.push({ code: 'DEC.STEP_REASON_MISSING', article: art, message: `${basedOn(art)}，「${label}」不适用的，应写明依《重大行政决策程序暂行条例》不适用的理由`, details: { step: rec.step } });
  }
  if (rec.on > today) blocks.push({ code: 'DEC.DATE_IN_FUTURE', message: `日期${rec.on}晚于今天` });
  return decide(blocks, [], () => rec);
}

/** The meeting decision a collective decision points to, as loaded from the meetings context. */
export interface MeetingDecisionRef {
  meetingId: string;
  meetingType: string;
  meetingLabel: string;
  topicId: string;
  topicTitle: string;
  outcome: string;
  decidedOn: string;
}

/**
 * 第十条、第三十二条、第三十三条: the matter must rest on a plenary or executive meeting decision that
 * approved it. `requested` says whether the caller named one; `found` is what was found.
 */
export function checkMeetingLink(requested: boolean, found: MeetingDecisionRef | null, article: number, r: CollectiveRules): Violation[] {
  if (!requested) {
    return [{ code: 'DEC.MEETING_DECISION_REQUIRED', article, message: `${basedOn(article)}，该事项须经市政府全体会议或常务会议集体讨论决定，应关联会议决定（会议、议题）` }];
  }
  if (!found) return [{ code: 'DEC.MEETING_DECISION_NOT_FOUND', article, message: `${basedOn(article)}，未找到所关联的会议决定（议题尚未经会议研究决定）` }];
  const out: Violation[] = [];
  if (!r.meetingTypes.includes(found.meetingType)) {
    out.push({ code: 'DEC.MEETING_TYPE_NOT_ALLOWED', article: r.meetingArticle, message: `${basedOn(r.meetingArticle)}，重大事项必须经市政府全体会议或常务会议讨论决定，「${found.meetingLabel}」不能作为依据`, details: { meetingId: found.meetingId, meetingType: found.meetingType } });
  }
  if (!r.approvingOutcomes.includes(found.outcome)) {
    out.push({ code: 'DEC.MEETING_NOT_APPROVED', article, message: `${basedOn(article)}，会议对「${found.topicTitle}」的决定不是同意，不能作为集体决定的依据`, details: { outcome: found.outcome } });
  }
  return out;
}

/** 第三十二条: a matter in the collective register names its category and its meeting decision. */
export function checkCollectiveMatter(matter: string, title: string, requested: boolean, found: MeetingDecisionRef | null, r: CollectiveRules): Decision<{ matterLabel: string }> {
  const blocks: Violation[] = [];
  if (!title.trim()) blocks.push({ code: 'DEC.TITLE_MISSING', message: '应写明事项名称' });
  const m = r.matters.find((x) => x.code === matter);
  if (!m) blocks.push({ code: 'DEC.UNKNOWN_MATTER', article: r.mattersArticle, message: `${basedOn(r.mattersArticle)}，集体决策事项为${r.matters.map((x) => x.label).join('、')}之一`, details: { matter } });
  blocks.push(...checkMeetingLink(requested, found, r.mattersArticle, r));
  return decide(blocks, [], () => ({ matterLabel: m?.label ?? matter }));
}

export interface MajorState {
  status: 'draft' | 'decided';
  /** the latest record of each step */
  steps: StepRecord[];
  /** parties heard (第三十五条) */
  consultedParties: string[];
  legalAdviserHeard: boolean;
}

export interface DecideInput {
  on: string;
  /** 第三十六条: when the effects are evaluated (set by the decision; rolled to a working day) */
  evaluationDue?: string;
  text: string;
}

/**
 * Recording the decision: every one of the five steps present (all missing ones listed), the
 * collective decision resting on a meeting decision (violations passed in from checkMeetingLink),
 * an evaluation date. The parties and the legal adviser of 第三十五条 are warnings when absent.
 */
export function checkDecide(state: MajorState, input: DecideInput, meeting: Violation[], today: string, r: MajorRules): Decision<DecideInput> {
  const art = r.stepsArticle;
  const blocks: Violation[] = [];
  if (state.status !== 'draft') blocks.push({ code: 'DEC.ALREADY_DECIDED', message: '该重大行政决策已作出决定' });
  for (const step of r.steps) {
    if (!state.steps.some((s) => s.step === step)) {
      blocks.push({ code: 'DEC.STEP_MISSING', article: art, message: `${basedOn(art)}，缺少法定程序「${stepLabel(step, r)}」`, details: { step } });
    }
  }
  blocks.push(...meeting);
  if (!input.text.trim()) blocks.push({ code: 'DEC.DECISION_TEXT_MISSING', message: '应写明决定内容' });
  if (input.on > today) blocks.push({ code: 'DEC.DATE_IN_FUTURE', message: `决定日期${input.on}晚于今天` });
  const t = r.trackingArticle;
  if (!input.evaluationDue) blocks.push({ code: 'DEC.EVALUATION_DUE_MISSING', article: t, message: `${basedOn(t)}，应确定决策执行效果的评估时间` });
  else if (input.evaluationDue <= input.on) blocks.push({ code: 'DEC.EVALUATION_DUE_INVALID', article: t, message: `${basedOn(t)}，评估时间应晚于决定日期${input.on}` });
  const warnings: Violation[] = [];
  const missing = r.consultParties.filter((p) => !state.consultedParties.includes(p));
  if (missing.length === r.consultParties.length) {
    warnings.push({ code: 'DEC.CONSULTATION_NOT_RECORDED', article: r.consultArticle, message: `${basedOn(r.consultArticle)}，决策案卷中未记录听取${r.consultParties.join('、')}等方面意见的情况` });
  }
  if (!state.legalAdviserHeard) {
    warnings.push({ code: 'DEC.LEGAL_ADVISER_NOT_RECORDED', article: r.legalAdviserArticle, message: `${basedOn(r.legalAdviserArticle)}，决策案卷中未记录${r.legalAdviser}的意见` });
  }
  return decide(blocks, warnings, () => input);
}

/** 第三十五条: a consultation names one of the pack's parties and what was said. */
export function checkConsultation(c: { party: string; summary: string; on: string }, today: string, decided: boolean, r: MajorRules): Decision<true> {
  const blocks: Violation[] = [];
  const allowed = [...r.consultParties, r.legalAdviser];
  if (decided) blocks.push({ code: 'DEC.ALREADY_DECIDED', message: '决策已作出，意见不再补录' });
  if (!allowed.includes(c.party)) blocks.push({ code: 'DEC.UNKNOWN_PARTY', article: r.consultArticle, message: `${basedOn(r.consultArticle)}，听取意见的对象为${allowed.join('、')}` });
  if (!c.summary.trim()) blocks.push({ code: 'DEC.CONSULTATION_SUMMARY_MISSING', article: r.consultArticle, message: `${basedOn(r.consultArticle)}，应记录所听取的意见和建议` });
  if (c.on > today) blocks.push({ code: 'DEC.DATE_IN_FUTURE', message: `日期${c.on}晚于今天` });
  return decide(blocks, [], () => true as const);
}

/** 第三十六条: tracking entries come after the decision, one of the pack's stages, dated. */
export function checkTracking(status: MajorState['status'], decidedOn: string | null, e: { stage: string; on: string; summary: string }, today: string, r: MajorRules): Decision<true> {
  const art = r.trackingArticle;
  const blocks: Violation[] = [];
  if (status !== 'decided') blocks.push({ code: 'DEC.NOT_DECIDED', article: art, message: `${basedOn(art)}，执行跟踪和效果评估在决策作出后进行` });
  if (!r.trackingStages.some((s) => s.code === e.stage)) blocks.push({ code: 'DEC.UNKNOWN_TRACKING_STAGE', article: art, message: `${basedOn(art)}，跟踪环节为${r.trackingStages.map((s) => s.label).join('、')}之一` });
  if (!e.summary.trim()) blocks.push({ code: 'DEC.TRACKING_SUMMARY_MISSING', article: art, message: `${basedOn(art)}，应写明实施情况或评估结论` });
  if (e.on > today) blocks.push({ code: 'DEC.DATE_IN_FUTURE', message: `日期${e.on}晚于今天` });
  if (decidedOn && e.on < decidedOn) blocks.push({ code: 'DEC.DATE_BEFORE_DECISION', article: art, message: `日期${e.on}早于决定日期${decidedOn}` });
  return decide(blocks, [], () => true as const);
}

/** 第九十四条: changing a plan or decision made according to law states its legal basis and reason. */
export function checkChange(targetIssued: boolean, c: { legalBasis: string; reason: string; on: string }, today: string, r: Pick<MajorRules, 'changeArticle'>): Decision<true> {
  const art = r.changeArticle;
  const blocks: Violation[] = [];
  if (!targetIssued) blocks.push({ code: 'DEC.CHANGE_TARGET_NOT_ISSUED', article: art, message: `${basedOn(art)}，只有已依法作出的规划、行政决定才登记改变；未作出的直接修改草案` });
  if (!c.legalBasis.trim()) blocks.push({ code: 'DEC.CHANGE_LEGAL_BASIS_MISSING', article: art, message: `${basedOn(art)}，依法作出的规划、行政决定等不得随意改变，应写明改变的法定依据` });
  if (!c.reason.trim()) blocks.push({ code: 'DEC.CHANGE_REASON_MISSING', article: art, message: `${basedOn(art)}，应写明改变的理由` });
  if (c.on > today) blocks.push({ code: 'DEC.DATE_IN_FUTURE', message: `日期${c.on}晚于今天` });
  return decide(blocks, [], () => true as const);
}
