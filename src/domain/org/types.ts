// The organisation of a government as the rules see it (第八条–第十四条, 第九十九条).
// Pure data: every period is dated (from/to, both inclusive, ISO dates in Asia/Shanghai); nothing is
// removed — an ended assignment keeps its row with `to`, a corrected absence is superseded by a new row.

/** 'YYYY-MM-DD', a calendar day in Asia/Shanghai. */
export type IsoDate = string;

/** A period of days, both ends inclusive; `to` absent = open-ended. */
export interface Period {
  from: IsoDate;
  to?: IsoDate;
}

/** A government running 政通 (the tenant). */
export interface Tenant {
  id: string;
  /** 武威市人民政府 */
  name: string;
  /** 市政府 */
  shortName: string;
}

export const UNIT_KINDS = [
  'municipal_government', // 市政府
  'government_office', // 市政府办公室 — a working department too: its head is among 组成部门主要负责同志
  'constituent_department', // 组成部门（局、委员会、办公室）
  'affiliated_institution', // 直属事业单位 / 部门归口管理单位（第九十九条）
  'county_government', // 县区政府
  'external', // 市委、市人大常委会、市政协、省政府、省委、党中央、国务院 …
] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

/** For affiliated institutions: directly under the government, or managed through a department (归口). */
export type Affiliation = 'directly_affiliated' | 'department_managed';

/** For external bodies: which level and which kind of body (used by routing, e.g. 第六十九条). */
export type ExternalTier = 'central' | 'provincial' | 'municipal';
export type ExternalBody = 'party' | 'government' | 'congress' | 'cppcc';

export interface IssuerCode {
  /** 武政发, 武政办函, 武发改发 … */
  code: string;
  /** what the code is used for (Chinese), e.g. 下行文、平行文 */
  label?: string;
}

export interface Unit {
  id: string;
  kind: UnitKind;
  /** full name: 武威市发展和改革委员会 */
  name: string;
  /** short name: 市发展改革委 */
  shortName: string;
  /** the unit it belongs to: the office and departments → the government; an institution → its
   *  supervising department (归口) or the government; 市委办公室 → 市委 */
  parentId?: string;
  affiliation?: Affiliation;
  tier?: ExternalTier;
  body?: ExternalBody;
  issuerCodes?: IssuerCode[];
  /** display order inside its parent */
  order?: number;
  period?: Period;
}

export interface Person {
  id: string;
  /** fictional in the demo */
  name: string;
  gender?: 'male' | 'female';
}

export const POSITION_KINDS = [
  'mayor', // 市长
  'executive_vice_mayor', // 常务副市长（负责常务工作的副市长，第十三条）
  'vice_mayor', // 副市长
  'secretary_general', // 秘书长
  'deputy_secretary_general', // 副秘书长
  'department_principal_head', // 部门主要负责同志（局长、主任）
  'department_head', // 部门负责同志（副局长、副主任 …）
  'county_head', // 县（区）长
  'secretary', // 秘书
  'clerk', // 文书
  'duty_officer', // 值班员
] as const;
export type PositionKind = (typeof POSITION_KINDS)[number];

/** A post. Who holds it on a date comes from assignments. */
export interface Position {
  id: string;
  kind: PositionKind;
  unitId: string;
  /** Chinese title as shown: 常务副市长, 市发展改革委主任, 市政府办公室秘书科科员 */
  title: string;
  order?: number;
}

/** A person holds a position over a period (任职). One holder per position at a time. */
export interface Assignment {
  id: string;
  positionId: string;
  personId: string;
  period: Period;
  /** 兼任: held concurrently with the person's main post */
  concurrent?: boolean;
}

/** 分管 (第十一条): the departments and areas a city leader is in charge of. */
export interface Portfolio {
  id: string;
  positionId: string;
  /** departments and institutions in charge */
  unitIds: string[];
  /** areas of work in Chinese: 工业和信息化、招商引资 … */
  areas: string[];
  period: Period;
}

/** 第十二条: 副秘书长按照工作分工协助副市长开展工作 — one row per deputy and assisted leader. */
export interface Assistance {
  id: string;
  assistantPositionId: string;
  assistedPositionId: string;
  period: Period;
}

/** AB岗 (第十一条): two vice mayors paired to back each other up. */
export interface BackupPair {
  id: string;
  positionIds: [string, string];
  period: Period;
}

export const ABSENCE_KINDS = ['business', 'study', 'leave', 'other'] as const;
/** business 出差, study 学习（培训）, leave 请假（休假、病假、事假）, other 其他外出 */
export type AbsenceKind = (typeof ABSENCE_KINDS)[number];

/** 外出 (第七十九条): a person away over whole days. A correction or cancellation is a new row that
 *  supersedes the old one. */
export interface Absence {
  id: string;
  personId: string;
  kind: AbsenceKind;
  period: Required<Period>;
  /** where to (Chinese), e.g. 兰州 */
  destination?: string;
  note?: string;
  /** the absence this row replaces */
  supersedes?: string;
  /** this row only cancels the superseded absence */
  cancelled?: boolean;
}

/** preside: 主持市政府工作 during the mayor's trip (第十三条); task: other work or a special task the
 *  mayor entrusts to a vice mayor (第十一条). */
export type EntrustmentKind = 'preside' | 'task';

/** 受市长委托: a recorded, dated delegation by the mayor. */
export interface Entrustment {
  id: string;
  kind: EntrustmentKind;
  grantorPositionId: string;
  granteePositionId: string;
  period: Required<Period>;
  /** for tasks: what is entrusted (Chinese) */
  task?: string;
  /** from this day on the entrustment no longer applies (withdrawn by the mayor) */
  revokedOn?: IsoDate;
}

/** The whole organisation of one tenant, as loaded. */
export interface Org {
  tenant: Tenant;
  units: Unit[];
  people: Person[];
  positions: Position[];
  assignments: Assignment[];
  portfolios: Portfolio[];
  assistance: Assistance[];
  backupPairs: BackupPair[];
  absences: Absence[];
  entrustments: Entrustment[];
}

// ---- rule-pack parameters the organisation rules take (values live in packs/<pack>/rules/org.yaml) ----

/** A power the rules reserve to the mayor in person (e.g. 第七十条: 议案、规章、命令、人事任免由市长签署). */
export interface ReservedPower {
  id: string;
  /** Chinese label: 签署人事任免 */
  label: string;
  article: number;
}

export interface DelegationRules {
  /** 第十三条: the mayor's absences during which the executive vice mayor may preside, if entrusted
   *  (离市出差、学习 → ['business', 'study']) */
  presidingAbsenceKinds: AbsenceKind[];
  presidingArticle: number;
  /** powers never delegated */
  reservedPowers: ReservedPower[];
  /** 第十一条: article of the AB岗 system */
  backupArticle: number;
}

/** Who a body is made of, as the rules list it. */
export type MemberTerm =
  | 'mayor'
  | 'vice_mayors' // includes the executive vice mayor
  | 'secretary_general'
  | 'deputy_secretaries_general'
  | 'constituent_department_principal_heads';

export interface Composition {
  terms: MemberTerm[];
  /** 第八条 (the government), 第五十二条 (plenary), 第五十三条 (executive meeting) */
  article: number;
}
