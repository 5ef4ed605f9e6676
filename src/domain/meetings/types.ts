// Meetings under Chapter 9 (第五十一条–第六十一条) with 第九条, 第十条, 第十三条, 第三十二条–第三十四条.
// Pure data. Every rule value (quorum fractions, frequencies, who decides, who signs, time limits)
// arrives through MeetingRules, built from the rule pack in force on the meeting's date.
import type { MemberTerm } from '../org/types.ts';

export const MEETING_TYPES = ['plenary', 'executive', 'mayorsOffice', 'special'] as const;
/** 第五十一条: 全体会议、常务会议、市长办公会议、专题会议 */
export type MeetingType = (typeof MEETING_TYPES)[number];

export const MEETING_TYPE_LABELS: Record<MeetingType, string> = {
  plenary: '市政府全体会议',
  executive: '市政府常务会议',
  mayorsOffice: '市长办公会议',
  special: '市政府专题会议',
};

export const TOPIC_KINDS = ['personnel', 'majorDecision', 'regulation', 'normative', 'workReport', 'other'] as const;
/** personnel 人事任免; majorDecision 重大决策事项; regulation 地方性法规、政府规章草案; normative 行政规范性文件;
 *  workReport 工作汇报; other 其他事项 */
export type TopicKind = (typeof TOPIC_KINDS)[number];
export const TOPIC_KIND_LABELS: Record<TopicKind, string> = {
  personnel: '人事任免',
  majorDecision: '重大决策事项',
  regulation: '法规规章草案',
  normative: '行政规范性文件',
  workReport: '工作汇报',
  other: '其他事项',
};

export const MATERIAL_KINDS = [
  'assessment', // 合法性、必要性、科学性、可行性、可控性评估论证
  'collectiveDecision', // 部门集体讨论决定
  'departmentConsultation', // 相关部门协商意见
  'countyConsultation', // 县区意见
  'stabilityRisk', // 社会稳定风险评估
  'fairCompetition', // 公平竞争审查
  'businessConsultation', // 企业和行业协会商会意见
  'draft', // 会议文件（送审稿）
  'other',
] as const;
export type MaterialKind = (typeof MATERIAL_KINDS)[number];
export const MATERIAL_KIND_LABELS: Record<MaterialKind, string> = {
  assessment: '五性评估论证（合法性、必要性、科学性、可行性、可控性）',
  collectiveDecision: '部门集体讨论决定',
  departmentConsultation: '相关部门协商意见',
  countyConsultation: '县区意见',
  stabilityRisk: '社会稳定风险评估',
  fairCompetition: '公平竞争审查意见',
  businessConsultation: '企业和行业协会商会意见',
  draft: '会议文件',
  other: '其他材料',
};

/** The topic pipeline of 第五十六条. */
export const TOPIC_STAGES = ['draft', 'proposed', 'collected', 'verified', 'approved', 'placed', 'concluded', 'rejected'] as const;
export type TopicStage = (typeof TOPIC_STAGES)[number];
export const TOPIC_STAGE_LABELS: Record<TopicStage, string> = {
  draft: '部门拟提',
  proposed: '分管副市长审核提出',
  collected: '办公室汇总',
  verified: '秘书长核报',
  approved: '已确定',
  placed: '已列入会议',
  concluded: '已研究决定',
  rejected: '不上会',
};

/** The step that moves a topic to the next stage. */
export type TopicStep = 'propose' | 'collect' | 'verify' | 'approve';

export interface Material {
  kind: MaterialKind;
  title: string;
  /** ISO instant the material reached the office */
  submittedAt: string;
}

export interface Topic {
  id: string;
  title: string;
  kind: TopicKind;
  /** the meeting type the topic is meant for */
  meetingType: MeetingType;
  stage: TopicStage;
  /** the reporting department (议题汇报部门) */
  departmentUnitId: string;
  /** other departments the topic concerns */
  involvedUnitIds: string[];
  /** the departments do not agree (第五十三条) */
  disputed: boolean;
  involvesCounties: boolean;
  publicInterest: boolean;
  marketActivity: boolean;
  enterpriseRules: boolean;
  /** screening of 第五十三条: 涉及全局、有创新内容、有明确意见 */
  concernsOverall: boolean;
  innovative: boolean;
  clearProposal: boolean;
  /** goes on to the party committee's standing committee (第五十三条第三款) */
  toPartyCommittee: boolean;
  /** the vice mayor in charge of the reporting department (分管副市长), computed from the organisation */
  leaderPersonId: string | null;
  materials: Material[];
  /** the meeting it is placed on */
  meetingId: string | null;
  /** the special-meeting topic whose decision recorded agreement (第五十三条) */
  coordinatedByTopicId: string | null;
  /** a special-meeting topic that coordinates this (disputed) topic */
  coordinatesTopicId: string | null;
}

/** A member of a meeting as computed from the organisation at scheduling, kept with the meeting. */
export interface Participant {
  personId: string;
  name: string;
  title: string;
  /** member: counts toward quorum; observer: 列席 */
  role: 'member' | 'observer';
}

export type MeetingStatus = 'scheduled' | 'in_progress' | 'ended' | 'cancelled';
export const MEETING_STATUS_LABELS: Record<MeetingStatus, string> = {
  scheduled: '已安排',
  in_progress: '进行中',
  ended: '已结束',
  cancelled: '已取消',
};

export interface Meeting {
  id: string;
  type: MeetingType;
  /** assigned when the meeting opens, so a cancelled meeting leaves no gap */
  number: number | null;
  startsAt: string;
  place: string;
  video: boolean;
  hostPersonId: string;
  /** why this person hosts (本人主持 / 受市长委托 第十三条) */
  hostBasis: string;
  status: MeetingStatus;
  /** materials should reach participants before this instant (第五十六条第二款) */
  materialsDueAt: string;
  endedAt: string | null;
  participants: Participant[];
}

/** Who is acting, as the meeting rules see them. */
export interface Capacity {
  personId: string | null;
  /** role names of the session (mayor, vice_mayor, office_clerk …) */
  roles: readonly string[];
}

export type { MemberTerm };
