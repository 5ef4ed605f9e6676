// The decisions rules in the shapes the domain takes. The app reads them from the pack in force
// (src/app/decisions/rules.ts); the case tables use fixture.ts. Nothing here is a rule literal.

export interface MajorRules {
  /** the five legal steps in order (decisions.major.legalSteps, 第三十一条) */
  steps: string[];
  stepLabels: string[];
  /** steps that 《重大行政决策程序暂行条例》 makes conditional: "not applicable" with a reason */
  conditionalSteps: string[];
  stepsArticle: number;
  /** 第三十五条: parties heard, and the legal adviser */
  consultParties: string[];
  consultArticle: number;
  legalAdviser: string;
  legalAdviserArticle: number;
  /** 第三十六条 */
  trackingStages: { code: string; label: string }[];
  trackingArticle: number;
  /** 第九十四条 */
  changeArticle: number;
}

export interface CollectiveRules {
  /** 第三十二条 matters */
  matters: { code: string; label: string }[];
  mattersArticle: number;
  /** 第十条 / 第三十三条: the meeting types that decide */
  meetingTypes: string[];
  meetingArticle: number;
  globalArticle: number;
  approvingOutcomes: string[];
}

export interface NormativeRules {
  legalityArticle: number;
  minDepartments: number;
  forms: { code: string; label: string }[];
  consultInvolved: boolean;
  crossArticle: number;
  priorRequestTriggers: string[];
  priorRequestArticle: number;
  jointApprovalArticle: number;
  forbidden: string[];
  forbiddenArticle: number;
  correctionOutcomes: string[];
  correctionArticle: number;
}

export interface LegislationRules {
  instruments: string[];
  actions: string[];
  stages: { code: string; label: string }[];
  registerArticle: number;
  publicCommentArticle: number;
  secrecyExemption: string;
  thirdPartyArticle: number;
  disputeArticle: number;
  disputeHandler: string;
  minSides: number;
  postEvaluationArticle: number;
  postEvaluationInstrument: string;
}

export interface FilingRules {
  filedWith: string;
  instruments: string[];
  article: number;
  inquiryKinds: string[];
  inquiryArticle: number;
}

export interface DecisionsRules {
  major: MajorRules;
  collective: CollectiveRules;
  normative: NormativeRules;
  legislation: LegislationRules;
  filing: FilingRules;
}

/** Zips the pack's parallel code and label lists. */
export const coded = (codes: string[], labels: string[]): { code: string; label: string }[] =>
  codes.map((code, i) => ({ code, label: labels[i] ?? code }));
