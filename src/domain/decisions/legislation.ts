// Legislation register (第二十四条, 第二十六条): bills of local regulations and government rules to make,
// amend or repeal, with their lifecycle 立项 → 起草 → 征求意见 → 审查 → 决定 → 公布 → 后评估.
// 第二十六条  drafts are published for comment unless secret; important items with major inter-department
//            dispute get a third-party evaluation; disputes still open: the justice bureau lists each
//            side's reasons, proposes a position and submits it for the government's decision;
//            government rules are evaluated after implementation (第二款).
// 第三十三条  地方性法规草案和政府规章 are decided at a plenary or executive meeting (violations passed in).
import { basedOn } from '../shared/article.ts';
import { decide, type Decision, type Violation } from '../shared/violation.ts';
import type { LegislationRules } from './rules.ts';

/** The stage codes the register stores; their order and labels come from the pack (decisions.legislation.register). */
export const STAGE = {
  initiated: 'initiated', drafting: 'drafting', publicComment: 'publicComment', review: 'review',
  decided: 'decided', published: 'published', postEvaluation: 'postEvaluation',
} as const;

export interface LegislationDraft {
  title: string;
  instrument: string;
  action: string;
  secret: boolean;
  secrecyReason: string;
  important: boolean;
  disputed: boolean;
}

export function checkLegislationDraft(d: LegislationDraft, r: LegislationRules): Decision<LegislationDraft> {
  const blocks: Violation[] = [];
  const a = r.registerArticle;
  if (!d.title.trim()) blocks.push({ code: 'DEC.TITLE_MISSING', message: '应写明名称' });
  const allowed = r.instruments.filter((i) => i !== '行政规范性文件');
  if (!allowed.includes(d.instrument)) blocks.push({ code: 'DEC.UNKNOWN_INSTRUMENT', article: a, message: `${basedOn(a)}，立法事项为${allowed.join('或')}（行政规范性文件在规范性文件台账登记）` });
  if (!r.actions.includes(d.action)) blocks.push({ code: 'DEC.UNKNOWN_ACTION', article: a, message: `${basedOn(a)}，应为${r.actions.join('、')}之一` });
  if (d.secret && !d.secrecyReason.trim()) blocks.push({ code: 'DEC.SECRECY_REASON_MISSING', article: r.publicCommentArticle, message: `${basedOn(r.publicCommentArticle)}，不公开征求意见的，应写明依法需要保密的依据` });
  return decide(blocks, [], () => d);
}

export interface LegislationState extends LegislationDraft {
  stage: string;
  lastStageOn: string;
  thirdPartyEvaluated: boolean;
  /** disputes submitted by the justice bureau and not yet decided by the government */
  openDisputes: number;
}

export const legislationStageLabel = (code: string, r: LegislationRules) => r.stages.find((s) => s.code === code)?.label ?? code;

export function checkLegislationAdvance(
  s: LegislationState,
  step: { to: string; on: string; summary: string },
  meeting: Violation[],
  today: string,
  r: LegislationRules,
): Decision<{ skipped: string[] }> {
  const blocks: Violation[] = [];
  const codes = r.stages.map((x) => x.code);
  const cur = codes.indexOf(s.stage);
  const next = codes.indexOf(step.to);
  const { publicComment: comment, decided, postEvaluation: post } = STAGE;
  let skipped: string[] = [];
  if (next < 0) {
    blocks.push({ code: 'DEC.UNKNOWN_STAGE', article: r.registerArticle, message: `${basedOn(r.registerArticle)}，立法流程为${r.stages.map((x) => x.label).join('→')}` });
  } else if (next !== cur + 1) {
    skipped = codes.slice(cur + 1, Math.max(next, cur + 1));
    const onlyComment = skipped.length === 1 && skipped[0] === comment;
    if (onlyComment && s.secret) {
      // 除依法需要保密的外: the secret draft goes from drafting to review without public comment
    } else if (onlyComment) {
      blocks.push({ code: 'DEC.PUBLIC_COMMENT_REQUIRED', article: r.publicCommentArticle, message: `${basedOn(r.publicCommentArticle)}，除${r.secrecyExemption}外，地方性法规和政府规章的草案都要公开征求意见` });
    } else {
      blocks.push({
        code: 'DEC.STAGE_OUT_OF_ORDER', article: r.registerArticle,
        message: `${basedOn(r.registerArticle)}，按${r.stages.map((x) => x.label).join('→')}推进；当前为「${legislationStageLabel(s.stage, r)}」${skipped.length ? `，还缺：${skipped.map((c) => legislationStageLabel(c, r)).join('、')}` : ''}`,
        details: { from: s.stage, to: step.to, missing: skipped },
      });
    }
  }
  if (step.to === comment && s.secret) blocks.push({ code: 'DEC.SECRET_NO_PUBLIC_COMMENT', article: r.publicCommentArticle, message: `${basedOn(r.publicCommentArticle)}，该草案依法需要保密，不公开征求意见` });
  if (step.to === decided) {
    if (s.important && s.disputed && !s.thirdPartyEvaluated) {
      blocks.push({ code: 'DEC.THIRD_PARTY_EVALUATION_MISSING', article: r.thirdPartyArticle, message: `${basedOn(r.thirdPartyArticle)}，部门间争议较大的重要立法事项，应引入第三方评估` });
    }
    if (s.openDisputes > 0) {
      blocks.push({ code: 'DEC.DISPUTE_UNRESOLVED', article: r.disputeArticle, message: `${basedOn(r.disputeArticle)}，尚有${s.openDisputes}项争议待市政府决定`, details: { open: s.openDisputes } });
    }
    blocks.push(...meeting);
  }
  if (step.to === post && s.instrument !== r.postEvaluationInstrument) {
    blocks.push({ code: 'DEC.POST_EVALUATION_NOT_APPLICABLE', article: r.postEvaluationArticle, message: `${basedOn(r.postEvaluationArticle)}，实施后评估针对${r.postEvaluationInstrument}` });
  }
  if (!step.summary.trim()) blocks.push({ code: 'DEC.STAGE_SUMMARY_MISSING', article: r.registerArticle, message: '应写明本环节情况' });
  if (step.on > today) blocks.push({ code: 'DEC.DATE_IN_FUTURE', message: `日期${step.on}晚于今天` });
  if (step.on < s.lastStageOn) blocks.push({ code: 'DEC.STAGE_DATE_ORDER', message: `日期${step.on}早于上一环节的日期${s.lastStageOn}` });
  return decide(blocks, [], () => ({ skipped }));
}

export interface DisputeInput {
  issue: string;
  sides: { unitId: string; unitName: string; position: string; reasons: string }[];
  proposal: string;
  submittedByUnitId: string;
}

/** 第二十六条: the justice bureau lists each side's reasons and proposes a position. */
export function checkDispute(d: DisputeInput, handlerUnitId: string | null, stage: string, r: LegislationRules): Decision<DisputeInput> {
  const a = r.disputeArticle;
  const blocks: Violation[] = [];
  const codes = r.stages.map((x) => x.code);
  if (codes.indexOf(stage) >= codes.indexOf(STAGE.decided)) blocks.push({ code: 'DEC.DISPUTE_TOO_LATE', article: a, message: `${basedOn(a)}，争议应在提请决定前报请市政府决定` });
  if (!d.issue.trim()) blocks.push({ code: 'DEC.DISPUTE_ISSUE_MISSING', article: a, message: `${basedOn(a)}，应写明争议问题` });
  if (d.sides.length < r.minSides) blocks.push({ code: 'DEC.DISPUTE_SIDES', article: a, message: `${basedOn(a)}，应列明争议各方（至少${r.minSides}方）` });
  for (const s of d.sides.filter((x) => !x.position.trim() || !x.reasons.trim())) {
    blocks.push({ code: 'DEC.DISPUTE_REASONS_MISSING', article: a, message: `${basedOn(a)}，应列明${s.unitName}的意见和理据`, details: { unitId: s.unitId } });
  }
  if (!d.proposal.trim()) blocks.push({ code: 'DEC.DISPUTE_PROPOSAL_MISSING', article: a, message: `${basedOn(a)}，${r.disputeHandler}应提出倾向性意见` });
  if (handlerUnitId && d.submittedByUnitId !== handlerUnitId) blocks.push({ code: 'DEC.DISPUTE_HANDLER', article: a, message: `${basedOn(a)}，争议由${r.disputeHandler}列明理据后报请市政府决定` });
  return decide(blocks, [], () => d);
}
