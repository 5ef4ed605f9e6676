// The rule-pack parameters the meeting rules take. Built in src/app/meetings/rules.ts from the pack in
// force on the meeting's date; here they are plain typed values, each with its article.
import type { MemberTerm } from '../org/types.ts';
import type { DelegationRules } from '../org/types.ts';
import type { MaterialKind, MeetingType, TopicKind } from './types.ts';

export interface Quorum {
  ruleId: string;
  article: number;
  numerator: number;
  denominator: number;
  /** "以上" includes the number (民法典 第一千二百五十九条, a pack convention) */
  inclusive: boolean;
}

export interface Frequency {
  article: number;
  per: 'year' | 'month';
  min: number;
  max: number;
}

export interface MeetingTypeRules {
  type: MeetingType;
  /** the article describing the type (52–55) */
  article: number;
  /** computed membership (plenary, executive); null: participants chosen per meeting (54, 55) */
  memberTerms: MemberTerm[] | null;
  convener: 'mayor' | 'viceMayor';
  tasks: string[];
  frequency?: Frequency;
  /** 第五十六条: who decides the topics, through which steps */
  topicSteps: TopicStepName[];
  /** 第五十七条: whom leave is asked of */
  leaveFrom: 'mayor' | 'host';
  /** 第五十八条 */
  minutesDraftedBy: 'office' | 'departmentWithOffice';
  minutesSignedBy: 'mayor' | 'host';
  /** 第五十三条: to hold the meeting */
  quorum?: Quorum;
  /** 第五十三条: to decide personnel and other major matters */
  majorQuorum?: Quorum & { topicKinds: TopicKind[] };
}

export type TopicStepName = 'viceMayorReview' | 'officeCollects' | 'secretaryGeneralVerifies' | 'mayorDecides' | 'viceMayorDecides';

export interface MaterialRules {
  article: number;
  forKinds: TopicKind[];
  always: MaterialKind[];
  ifOtherDepartments: MaterialKind[];
  ifCounties: MaterialKind[];
  ifPublicInterest: MaterialKind[];
  ifMarketActivity: MaterialKind[];
  ifEnterpriseRules: MaterialKind[];
}

export interface MeetingRules {
  types: Record<MeetingType, MeetingTypeRules>;
  /** 第五十三条: 涉及全局、有创新内容、有明确意见 */
  admission: { article: number; criteria: string[] };
  /** 第五十三条: several departments disagreeing → a special meeting first */
  dispute: { article: number; minDepartments: number };
  materials: MaterialRules;
  /** 第十条 / 第三十三条: topic kinds that only plenary or executive meetings decide */
  majorMatters: { article: number; meetingTypes: MeetingType[]; topicKinds: TopicKind[] };
  /** 第五十三条第三款 */
  partyCommittee: { article: number; reportedInNameOf: string };
  /** 第十三条 */
  presiding: DelegationRules;
  /** 第五十六条: the topic pipeline */
  pipeline: { article: number };
  /** 第九条: decisions by the chair, no votes */
  chairDecides: { article: number };
}
