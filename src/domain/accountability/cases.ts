// Registers of outside oversight the government answers to, each step checked against its article:
//   第四十四条  人大代表建议、政协提案: 交办 (lead + co-handlers), 与代表委员沟通, 交办不当及时退回, 限时答复
//              with a result code, 主动公开办理结果.
//   第四十五条  行政应诉: the defence within the statutory limit, 生效判决、裁定 carried out before closing.
//   第四十六条  行政复议: 受理 and decision within the statutory limits, extension once with approval.
//   第四十七条  社会公众和新闻舆论监督: 调查核实 → 依法处理 → 重大问题向社会公布处理结果.
//   第四十八条  信访: 登记转送 and 办结 within the limits of 《信访工作条例》, extension once with approval.
//   第四十九条  重要来信 read and instructed personally by city leaders or department heads; 重大信访问题
//              supervised to resolution (a supervision item is linked before closing).
// Time limits themselves are tracked deadlines computed by the app from the pack; the domain checks
// the order of steps and what each step needs, returning every violation at once.
import { basedOn } from '../shared/article.ts';
import { decide, type Decision, type Violation } from '../shared/violation.ts';
import { checkSeparation, type SeparationRules } from './separation.ts';

export const CASE_KINDS = ['suggestion', 'proposal', 'petition', 'reconsideration', 'litigation', 'media'] as const;
export type CaseKind = (typeof CASE_KINDS)[number];
export const CASE_KIND_LABELS: Record<CaseKind, string> = {
  suggestion: '人大代表建议', proposal: '政协提案', petition: '信访事项', reconsideration: '行政复议', litigation: '行政应诉', media: '社会和舆论监督',
};

export const CASE_STEPS = ['assign', 'contact', 'return', 'reply', 'publish', 'route', 'instruct', 'link', 'extend', 'accept', 'decide', 'respond', 'judgment', 'perform', 'investigate', 'handle', 'close'] as const;
export type CaseStep = (typeof CASE_STEPS)[number];
export const STEP_LABELS: Record<CaseStep, string> = {
  assign: '交办', contact: '沟通', return: '退回', reply: '答复', publish: '公开结果', route: '登记转送', instruct: '领导阅批', link: '督办',
  extend: '延期', accept: '受理', decide: '作出决定', respond: '提交答辩', judgment: '生效判决裁定', perform: '履行判决裁定',
  investigate: '调查核实', handle: '处理', close: '办结',
};

export type CaseStatus = 'registered' | 'assigned' | 'replied' | 'accepted' | 'responded' | 'judged' | 'investigating' | 'handled' | 'closed';
export const STATUS_LABELS: Record<CaseStatus, string> = {
  registered: '已登记', assigned: '已交办', replied: '已答复（待公开）', accepted: '已受理', responded: '已答辩', judged: '已判决', investigating: '已调查', handled: '已处理', closed: '已办结',
};

/** Which step applies in which status, per kind, and where it leads. */
const FLOW: Record<CaseKind, Partial<Record<CaseStep, { from: CaseStatus[]; to?: CaseStatus }>>> = {
  suggestion: {
    assign: { from: ['registered'], to: 'assigned' }, contact: { from: ['assigned'] }, return: { from: ['assigned'], to: 'registered' },
    reply: { from: ['assigned'], to: 'replied' }, publish: { from: ['replied'], to: 'closed' },
  },
  proposal: {
    assign: { from: ['registered'], to: 'assigned' }, contact: { from: ['assigned'] }, return: { from: ['assigned'], to: 'registered' },
    reply: { from: ['assigned'], to: 'replied' }, publish: { from: ['replied'], to: 'closed' },
  },
  petition: {
    route: { from: ['registered'], to: 'accepted' }, instruct: { from: ['registered', 'accepted'] }, link: { from: ['registered', 'accepted'] },
    extend: { from: ['accepted'] }, reply: { from: ['accepted'], to: 'closed' },
  },
  reconsideration: { accept: { from: ['registered'], to: 'accepted' }, extend: { from: ['accepted'] }, decide: { from: ['accepted'], to: 'closed' } },
  litigation: {
    respond: { from: ['registered'], to: 'responded' }, judgment: { from: ['responded'], to: 'judged' }, perform: { from: ['judged'] }, close: { from: ['judged'], to: 'closed' },
  },
  media: {
    investigate: { from: ['registered'], to: 'investigating' }, handle: { from: ['investigating'], to: 'handled' }, publish: { from: ['handled'] }, close: { from: ['handled'], to: 'closed' },
  },
};

export const stepsOf = (kind: CaseKind): CaseStep[] => Object.keys(FLOW[kind]) as CaseStep[];

export interface CaseRules {
  /** 第四十四条 */
  suggestionsArticle: number;
  /** 办理结果分类 (supervision.suggestions.resultCodes) */
  resultCodes: string[];
  litigationArticle: number;
  reconsiderationArticle: number;
  publicSupervisionArticle: number;
  petitionsArticle: number;
  /** 第四十九条 */
  readingArticle: number;
  /** who may read and instruct important letters: position kinds (supervision.petitions.leaderReading.readerPositions) */
  readerPositions: string[];
  readerLabels: string[];
  /** the longest extension per kind, in days (supervision.petitions.extension, supervision.reconsideration.decisionLimit.extension) */
  extensionDays: Partial<Record<CaseKind, { days: number; article: number }>>;
  separation: SeparationRules;
}

export interface CaseState {
  kind: CaseKind;
  status: CaseStatus;
  receivedOn: string;
  /** the date of the last step (steps are dated in order) */
  lastStepOn: string;
  important: boolean;
  major: boolean;
  area?: string | null;
  assignedOn?: string | null;
  /** 第四十四条: 交办不当的 return is due by this day (computed from the pack at assignment) */
  returnDue?: string | null;
  contactsSinceAssignment: number;
  instructed: boolean;
  supervisionItemId?: string | null;
  extended: boolean;
  mustPerform: boolean;
  performed: boolean;
  published: boolean;
}

export interface StepInput {
  step: CaseStep;
  on: string;
  summary: string;
  leadUnitId?: string;
  coUnitIds?: string[];
  complex?: boolean;
  resultCode?: string;
  days?: number;
  approvedBy?: string;
  /** for 领导阅批: the position kinds the instructing person holds on the day */
  instructorPositionKinds?: string[];
  instructorName?: string;
  supervisionItemId?: string;
  mustPerform?: boolean;
  /** who drafted the reply / decision (第四十三条), and who approves it (the caller) */
  draftedBy?: string | null;
  approverId?: string | null;
}

export interface StepOutcome {
  status: CaseStatus;
  closes: boolean;
}

export function checkStep(c: CaseState, s: StepInput, today: string, r: CaseRules): Decision<StepOutcome> {
  const blocks: Violation[] = [];
  const warnings: Violation[] = [];
  const flow = FLOW[c.kind][s.step];
  const label = STEP_LABELS[s.step];
  if (c.status === 'closed') blocks.push({ code: 'ACC.CASE_CLOSED', message: `该${CASE_KIND_LABELS[c.kind]}已办结` });
  else if (!flow) blocks.push({ code: 'ACC.STEP_NOT_APPLICABLE', message: `${CASE_KIND_LABELS[c.kind]}没有「${label}」环节`, details: { step: s.step, kind: c.kind } });
  else if (!flow.from.includes(c.status)) {
    blocks.push({ code: 'ACC.STEP_OUT_OF_ORDER', message: `当前为「${STATUS_LABELS[c.status]}」，不能「${label}」`, details: { status: c.status, step: s.step } });
  }
  if (s.on > today) blocks.push({ code: 'ACC.DATE_IN_FUTURE', message: `日期${s.on}晚于今天` });
  if (s.on < c.lastStepOn) blocks.push({ code: 'ACC.DATE_ORDER', message: `日期${s.on}早于上一环节的日期${c.lastStepOn}` });
  if (!s.summary.trim()) blocks.push({ code: 'ACC.SUMMARY_MISSING', message: `应写明「${label}」的情况` });

  const sug = r.suggestionsArticle;
  switch (flow ? s.step : undefined) {
    case 'assign':
    case 'route':
      if (!s.leadUnitId) blocks.push({ code: 'ACC.LEAD_MISSING', message: s.step === 'assign' ? `${basedOn(sug)}，应明确主办单位，靠实责任` : `${basedOn(r.petitionsArticle)}，应写明转送或办理的单位`, article: s.step === 'assign' ? sug : r.petitionsArticle });
      if (s.leadUnitId && s.coUnitIds?.includes(s.leadUnitId)) blocks.push({ code: 'ACC.LEAD_ALSO_CO', message: '主办单位不能同时列为协办单位' });
      break;
    case 'return':
      // 交办不当及时退回: a late return is allowed (the item must still find its handler) but recorded
      if (c.returnDue && s.on > c.returnDue) {
        warnings.push({ code: 'ACC.RETURN_LATE', message: `${basedOn(sug)}，交办不当的应及时退回：应在${c.returnDue}前退回`, article: sug, details: { due: c.returnDue } });
      }
      break;
    case 'reply':
      if (c.kind === 'suggestion' || c.kind === 'proposal') {
        if (c.contactsSinceAssignment === 0) {
          blocks.push({ code: 'ACC.DELEGATE_NOT_CONTACTED', message: `${basedOn(sug)}，应加强与代表委员沟通：答复前应登记与${c.kind === 'suggestion' ? '代表' : '委员'}的沟通情况`, article: sug });
        }
        if (!s.resultCode || !r.resultCodes.includes(s.resultCode)) {
          blocks.push({ code: 'ACC.UNKNOWN_RESULT_CODE', message: `${basedOn(sug)}，办理结果应标明分类（${r.resultCodes.join('、')}）`, article: sug, details: { resultCode: s.resultCode ?? null } });
        }
      }
      if (c.kind === 'petition') {
        if (c.important && !c.instructed) {
          blocks.push({ code: 'ACC.LETTER_NOT_INSTRUCTED', message: `${basedOn(r.readingArticle)}，重要来信应由${r.readerLabels.join('或')}亲自阅批后办结`, article: r.readingArticle });
        }
        if (c.major && !c.supervisionItemId) {
          blocks.push({ code: 'ACC.MAJOR_NOT_SUPERVISED', message: `${basedOn(r.readingArticle)}，重大信访问题应督促解决：办结前应纳入督查事项`, article: r.readingArticle });
        }
      }
      break;
    case 'instruct':
      if (!s.instructorPositionKinds?.some((k) => r.readerPositions.includes(k))) {
        blocks.push({ code: 'ACC.INSTRUCTOR_NOT_LEADER', message: `${basedOn(r.readingArticle)}，重要来信由${r.readerLabels.join('或')}亲自阅批${s.instructorName ? `，${s.instructorName}当日不担任上述职务` : ''}`, article: r.readingArticle });
      }
      break;
    case 'link':
      if (!s.supervisionItemId) blocks.push({ code: 'ACC.SUPERVISION_ITEM_MISSING', message: `${basedOn(r.readingArticle)}，应写明督办的督查事项`, article: r.readingArticle });
      break;
    case 'extend': {
      const ext = r.extensionDays[c.kind];
      const art = ext?.article;
      if (c.extended) blocks.push({ code: 'ACC.ALREADY_EXTENDED', message: `${art ? basedOn(art) : ''}，已延期一次，不得再延期`, article: art });
      if (!s.days || !ext || s.days < 1 || s.days > ext.days) blocks.push({ code: 'ACC.EXTENSION_TOO_LONG', message: `${art ? basedOn(art) : ''}，延长期限最多不超过${ext?.days ?? 0}日`, article: art, details: { days: s.days ?? null, max: ext?.days ?? 0 } });
      if (!s.approvedBy?.trim()) blocks.push({ code: 'ACC.EXTENSION_NOT_APPROVED', message: `${art ? basedOn(art) : ''}，情况复杂需要延期的应经批准，写明批准人`, article: art });
      break;
    }
    case 'handle':
      // nothing else: the investigation is a step before
      break;
    case 'close':
      if (c.kind === 'litigation' && c.mustPerform && !c.performed) {
        blocks.push({ code: 'ACC.JUDGMENT_NOT_PERFORMED', message: `${basedOn(r.litigationArticle)}，应自觉履行人民法院的生效判决、裁定：履行后才能办结`, article: r.litigationArticle });
      }
      if (c.kind === 'media' && c.major && !c.published) {
        blocks.push({ code: 'ACC.RESULT_NOT_PUBLISHED', message: `${basedOn(r.publicSupervisionArticle)}，重大问题要向社会公布处理结果后才能办结`, article: r.publicSupervisionArticle });
      }
      break;
    default:
      break;
  }
  // 第四十三条: the approval of a reply, decision or handling in a sensitive area is not the drafter's
  if (s.step === 'reply' || s.step === 'decide' || s.step === 'handle') {
    blocks.push(...checkSeparation({ area: c.area, drafterId: s.draftedBy, approverId: s.approverId }, r.separation));
  }
  return decide(blocks, warnings, () => ({ status: flow?.to ?? c.status, closes: flow?.to === 'closed' }));
}

/** What is still owed on a case: the publication of results (第四十四条, 第四十七条), a judgment to perform (第四十五条). */
export function obligations(c: CaseState, r: CaseRules): { code: string; label: string; article: number }[] {
  const o: { code: string; label: string; article: number }[] = [];
  if ((c.kind === 'suggestion' || c.kind === 'proposal') && c.status === 'replied') o.push({ code: 'publish', label: '主动公开办理结果', article: r.suggestionsArticle });
  if (c.kind === 'media' && c.major && !c.published && c.status !== 'closed') o.push({ code: 'publish', label: '向社会公布处理结果', article: r.publicSupervisionArticle });
  if (c.kind === 'litigation' && c.mustPerform && !c.performed) o.push({ code: 'perform', label: '履行生效判决、裁定', article: r.litigationArticle });
  if (c.kind === 'petition' && c.important && !c.instructed && c.status !== 'closed') o.push({ code: 'instruct', label: '领导亲自阅批', article: r.readingArticle });
  if (c.kind === 'petition' && c.major && !c.supervisionItemId && c.status !== 'closed') o.push({ code: 'supervise', label: '纳入督查、督促解决', article: r.readingArticle });
  return o;
}
