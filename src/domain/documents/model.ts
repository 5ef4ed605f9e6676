// The official document (公文) as the rules of Chapter 10 see it. Pure data; values that the rule pack
// lists in Chinese (文种、密级、公开属性) are kept in Chinese so the pack stays the single source.

export type Direction = 'upward' | 'parallel' | 'downward';
export const DIRECTION_LABELS: Record<Direction, string> = { upward: '上行文', parallel: '平行文', downward: '下行文' };

/** 紧急程度 */
export type Urgency = 'normal' | 'urgent' | 'extra_urgent';
export const URGENCY_LABELS: Record<Urgency, string> = { normal: '平件', urgent: '加急', extra_urgent: '特急' };

/** 收文 or 发文 */
export type Flow = 'incoming' | 'outgoing';

/** Incoming: 签收 → 登记 → 初审 → 拟办 → 批办 → 承办 → 办结 (or 退回 at 初审). */
export const INCOMING_STATES = ['received', 'registered', 'reviewed', 'proposed', 'instructing', 'handling', 'closed', 'returned'] as const;
export type IncomingState = (typeof INCOMING_STATES)[number];

/** Outgoing: 拟稿 → 会签 → 核稿 → 签发 → 复核 → 编号 → 印发 → 分发. */
export const OUTGOING_STATES = ['drafting', 'countersigning', 'reviewing', 'signing', 'signed', 'checked', 'numbered', 'issued', 'distributed', 'withdrawn'] as const;
export type OutgoingState = (typeof OUTGOING_STATES)[number];

export type DocState = IncomingState | OutgoingState;

export const STATE_LABELS: Record<DocState, string> = {
  received: '已签收', registered: '已登记', reviewed: '初审通过', proposed: '已拟办', instructing: '批办中',
  handling: '承办中', closed: '已办结', returned: '已退回',
  drafting: '拟稿', countersigning: '会签中', reviewing: '核稿', signing: '待签发', signed: '已签发',
  checked: '已复核', numbered: '已编号', issued: '已印发', distributed: '已分发', withdrawn: '已撤回',
};

/** A department's countersign on a 请示 (第六十四条). */
export interface Countersign {
  unitId: string;
  /** the rank of who signed for the unit: the principal head (主要负责同志) or a head (负责同志) */
  signerRank: 'principal_head' | 'head' | 'other';
  signerName: string;
}

/** 第六十四条: where consultation did not settle a disagreement. */
export interface Disagreement {
  /** each party's reasons (列明各方理据) */
  positions: { unitId: string; reasons: string }[];
  /** the lead department's proposed handling (提出办理建议) */
  proposal: string;
}

/** What an incoming document declares about itself, checked at 初审. */
export interface IntakeFacts {
  docType: string;
  /** the matters the submitter declares (请示 一文一事) */
  matters: string[];
  /** a 报告 that contains a request for instructions (报告夹带请示) */
  containsRequest: boolean;
  /** the submission skips a level (越级行文) … */
  skipsLevel: boolean;
  /** … with the approval recorded (who approved, reference) */
  skipLevelApproval?: string | null;
  /** principal recipients named on the document (主送) */
  principalRecipients: string[];
  /** the same document also registered as submitted to other authorities (多头报文) */
  alsoSentTo: string[];
  /** addressed to a leader personally */
  addressedToLeader: boolean;
  /** why that is allowed: assigned by the leader (交办) or must be reported directly (直报) */
  leaderException?: 'assigned' | 'direct' | null;
  /** the submitting unit (lead department, 主办部门) */
  submitterUnitId: string;
  /** other departments whose powers the request involves */
  involvedUnitIds: string[];
  countersigns: Countersign[];
  /** submitted jointly with the involved departments (联合报送) */
  jointSubmission: boolean;
  disagreement?: Disagreement | null;
  /** a request to issue a 行政规范性文件 */
  normative: boolean;
  /**
   * 第六十三条: a draft the department means for the party committee — one of the pack's purposes
   * (提请市委有关会议审议, 以市委市政府名义联合发文) — with whether its content is mainly about government duties
   */
  partyDraft?: { purpose: string; mainlyGovernmentDuties: boolean } | null;
  /** likely to have a major impact after issuance */
  highImpact: boolean;
  hasInterpretation: boolean;
  hasOpinionPlan: boolean;
  /** 密级 as marked (empty = none) */
  classification: string;
}

/** 第七十三条: kinds of assignment and their time limits. */
export const TIME_LIMIT_KINDS = ['withinPowers', 'departmentOpinion', 'jointOpinion', 'investigationResult', 'legalityReview', 'urgent'] as const;
export type TimeLimitKind = (typeof TIME_LIMIT_KINDS)[number];
export const TIME_LIMIT_LABELS: Record<TimeLimitKind, string> = {
  withinPowers: '职权范围内事项办结',
  departmentOpinion: '需市政府审批事项提出部门意见',
  jointOpinion: '主办部门会同相关部门提出意见',
  investigationResult: '需调查论证事项报告结果',
  legalityReview: '合法性审查',
  urgent: '紧急公文（市政府明确的时限）',
};
/** the rule of the pack that gives each kind's limit (none for legality review: its own rules apply) */
export const TIME_LIMIT_RULES: Record<TimeLimitKind, string | null> = {
  withinPowers: 'documents.handling.withinPowers',
  departmentOpinion: 'documents.handling.departmentOpinion',
  jointOpinion: 'documents.handling.jointOpinion',
  investigationResult: 'documents.handling.investigationResult',
  legalityReview: null,
  urgent: null,
};

/** The source of a leader's instruction forwarded in an incoming document (第六十九条). */
export type InstructionSource = 'none' | 'central_important' | 'central' | 'provincial';
