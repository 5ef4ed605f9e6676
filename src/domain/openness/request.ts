// Disclosure requests (依申请公开). 第三十九条 anchors them ("按照相关规定需要公开的事项"); the limits come
// from 《政府信息公开条例》 and live in the pack: one notice to clarify within 7 working days (第三十条),
// third-party consultation of 15 working days not counted (第三十二条), an answer within 20 working days
// (第三十三条), one extension of at most 20 working days with approval, the seven answer types (第三十六条)
// and partial disclosure with a reason for every redaction (第三十七条). Every date is counted on the
// official calendar; nothing here reads a clock.
import { addWorkingDays, workingDaysBetween, type CalendarIndex } from '../calendar/calendar.ts';
import { workingDays } from '../calendar/date.ts';
import { computeDeadline, type Deadline, type DeadlineRule } from '../calendar/deadline.ts';
import { basedOn } from '../shared/article.ts';
import { decide, type Decision, type Violation } from '../shared/violation.ts';

export type RequestStatus = 'received' | 'awaiting_supplement' | 'consulting' | 'answered';

export const REQUEST_STATUS_LABELS: Record<RequestStatus, string> = {
  received: '办理中',
  awaiting_supplement: '待申请人补正',
  consulting: '征求第三方意见中',
  answered: '已答复',
};

/** The seven answer types of 条例 第三十六条; the pack lists which ones exist and which need a reason. */
export const ANSWER_TYPE_LABELS: Record<string, string> = {
  alreadyPublic: '已主动公开，告知获取方式和途径',
  disclosed: '予以公开',
  withheld: '不予公开',
  notExist: '经检索没有所申请公开的信息',
  notResponsible: '不属于本机关负责公开',
  repeated: '重复申请，不予重复处理',
  specialLaw: '有关法律法规对信息获取有特别规定',
};

export interface Consultation {
  thirdParty: string;
  from: string;
  to: string | null;
}

export interface RequestState {
  status: RequestStatus;
  receivedOn: string;
  clarification: { noticeOn: string; supplementOn: string | null } | null;
  consultations: Consultation[];
  extension: { approvedOn: string; approvedBy: string } | null;
  answeredOn: string | null;
}

/** The statutory limits as read from the pack in force on the day the request was received. */
export interface RequestLimits {
  reply: DeadlineRule;
  clarification: DeadlineRule;
  consultation: DeadlineRule;
  extension: { article: number; workdays: number; maxTimes: number };
  answerTypes: readonly string[];
  needsReason: readonly string[];
  partialArticle: number;
  contact: { article: number; required: readonly string[] };
}

export interface RequestSchedule {
  /** the one clarification notice must go out by this day (条例 第三十条) */
  clarifyBy: Deadline;
  /** the reply period counts from here: receipt, or the day the supplemented request arrived */
  replyFrom: string | null;
  /** the answer is due on this day; null while the period is stopped waiting for a supplement */
  due: string | null;
  /** due date before consultations and extension */
  baseDue: string | null;
  /** working days of third-party consultation not counted in the period (条例 第三十三条) */
  pausedWorkingDays: number;
  extensionWorkingDays: number;
  /** the open consultation's own limit (15 working days for the third party) */
  consultationDue: string | null;
  /** false while waiting for a supplement or a third party: the period does not run */
  running: boolean;
  unknownYears: number[];
}

const merge = (...lists: number[][]) => [...new Set(lists.flat())].sort((a, b) => a - b);

/** Every limit of a request on `today` (a consultation still open counts as paused up to today). */
export function requestSchedule(s: RequestState, l: RequestLimits, cal: CalendarIndex, today: string): RequestSchedule {
  const clar = computeDeadline(l.clarification, s.receivedOn, cal);
  if (!clar.ok) throw new Error('clarification limit is not overridable');
  const clarifyBy = clar.value;
  const replyFrom = s.clarification ? s.clarification.supplementOn : s.receivedOn;
  let consultationDue: string | null = null;
  let unknown = clarifyBy.unknownYears;
  for (const c of s.consultations) {
    if (c.to === null) {
      const d = computeDeadline(l.consultation, c.from, cal);
      if (d.ok) { consultationDue = d.value.due; unknown = merge(unknown, d.value.unknownYears); }
    }
  }
  if (!replyFrom) {
    return { clarifyBy, replyFrom: null, due: null, baseDue: null, pausedWorkingDays: 0, extensionWorkingDays: 0, consultationDue, running: false, unknownYears: unknown };
  }
  const base = computeDeadline(l.reply, replyFrom, cal);
  if (!base.ok) throw new Error('reply limit is not overridable');
  let paused = 0;
  for (const c of s.consultations) {
    const end = c.to ?? (today > c.from ? today : c.from);
    const b = workingDaysBetween(cal, c.from, end);
    paused += Math.max(0, b.days);
    unknown = merge(unknown, b.unknownYears);
  }
  const ext = s.extension ? l.extension.workdays : 0;
  const shifted = addWorkingDays(cal, base.value.due, workingDays(paused + ext));
  return {
    clarifyBy,
    replyFrom,
    due: shifted.date,
    baseDue: base.value.due,
    pausedWorkingDays: paused,
    extensionWorkingDays: ext,
    consultationDue,
    running: s.status === 'received',
    unknownYears: merge(unknown, base.value.unknownYears, shifted.unknownYears),
  };
}

// ---- submission ------------------------------------------------------------------------------

export interface Submission {
  name: string;
  identity: string;
  contact: { phone?: string; email?: string; address?: string };
  description: string;
}

const FIELD_LABELS: Record<string, string> = {
  name: '申请人姓名或者名称',
  identity: '身份证明（证件号码）',
  contact: '联系方式（电话、电子邮箱或通讯地址至少一项）',
  description: '所需政府信息的名称、文号或者便于查询的特征性描述',
};

/** 条例 第二十九条: a request names the applicant, proves identity, gives a contact and describes the information. */
export function checkSubmission(s: Submission, l: Pick<RequestLimits, 'contact'>): Violation[] {
  const out: Violation[] = [];
  const present: Record<string, boolean> = {
    name: Boolean(s.name?.trim()),
    identity: Boolean(s.identity?.trim()),
    contact: Boolean(s.contact?.phone?.trim() || s.contact?.email?.trim() || s.contact?.address?.trim()),
    description: Boolean(s.description?.trim()),
  };
  for (const f of l.contact.required) {
    if (!present[f]) out.push({ code: 'OPENNESS.REQUEST_FIELD_MISSING', article: l.contact.article, message: `${basedOn(l.contact.article)}（《政府信息公开条例》第二十九条），申请须写明${FIELD_LABELS[f] ?? f}`, details: { field: f } });
  }
  if (s.contact?.email?.trim() && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(s.contact.email.trim())) {
    out.push({ code: 'OPENNESS.REQUEST_FIELD_INVALID', message: '电子邮箱格式不正确', details: { field: 'contact.email' } });
  }
  if (s.contact?.phone?.trim() && !/^[0-9+\-() ]{7,20}$/.test(s.contact.phone.trim())) {
    out.push({ code: 'OPENNESS.REQUEST_FIELD_INVALID', message: '联系电话格式不正确', details: { field: 'contact.phone' } });
  }
  return out;
}

// ---- staff steps -----------------------------------------------------------------------------

const notAnswered = (s: RequestState, l: RequestLimits): Violation[] =>
  s.status === 'answered'
    ? [{ code: 'OPENNESS.REQUEST_ALREADY_ANSWERED', article: l.reply.article, message: '该申请已经答复，办理已结束' }]
    : [];

/** 条例 第三十条: one notice, within the limit, naming everything to supplement. */
export function checkClarification(s: RequestState, input: { items: string; on: string }, l: RequestLimits, cal: CalendarIndex): Violation[] {
  const out = notAnswered(s, l);
  const a = l.clarification.article;
  if (s.clarification) out.push({ code: 'OPENNESS.CLARIFICATION_ONCE', article: a, message: `${basedOn(a)}（《政府信息公开条例》第三十条），补正应当一次性告知，本申请已于 ${s.clarification.noticeOn} 告知过` });
  else if (s.status === 'consulting') out.push({ code: 'OPENNESS.REQUEST_STATE', message: '征求第三方意见期间不能要求补正' });
  const sched = requestSchedule(s, l, cal, input.on);
  if (!s.clarification && input.on > sched.clarifyBy.due) {
    out.push({ code: 'OPENNESS.CLARIFICATION_LATE', article: a, message: `${basedOn(a)}，补正告知应在收到申请之日起${l.clarification.duration.value}个工作日内（${sched.clarifyBy.due}前）作出，已超过期限，应按现有内容办理`, details: { due: sched.clarifyBy.due } });
  }
  if (!input.items?.trim()) out.push({ code: 'OPENNESS.CLARIFICATION_ITEMS_MISSING', article: a, message: '补正告知须写明需要补正的事项' });
  return out;
}

export function checkSupplement(s: RequestState, input: { on: string }): Violation[] {
  if (s.status !== 'awaiting_supplement') return [{ code: 'OPENNESS.REQUEST_STATE', message: '该申请没有待补正的告知' }];
  if (s.clarification && input.on < s.clarification.noticeOn) return [{ code: 'OPENNESS.REQUEST_STATE', message: '补正日期早于告知日期' }];
  return [];
}

export function checkConsultationStart(s: RequestState, input: { thirdParty: string }, l: RequestLimits): Violation[] {
  const out = notAnswered(s, l);
  if (s.status === 'awaiting_supplement') out.push({ code: 'OPENNESS.REQUEST_STATE', message: '申请尚待补正，补正后才能征求第三方意见' });
  if (s.status === 'consulting') out.push({ code: 'OPENNESS.REQUEST_STATE', message: '已有一项征求第三方意见尚未结束' });
  if (!input.thirdParty?.trim()) out.push({ code: 'OPENNESS.CONSULTATION_PARTY_MISSING', article: l.consultation.article, message: '征求意见须写明第三方名称' });
  return out;
}

export function checkConsultationEnd(s: RequestState, input: { on: string }): Violation[] {
  const open = s.consultations.find((c) => c.to === null);
  if (s.status !== 'consulting' || !open) return [{ code: 'OPENNESS.REQUEST_STATE', message: '该申请没有进行中的第三方征求意见' }];
  if (input.on < open.from) return [{ code: 'OPENNESS.REQUEST_STATE', message: '结束日期早于征求开始日期' }];
  return [];
}

/** 条例 第三十三条: at most one extension, approved by the named approver, before the period runs out. */
export function checkExtension(s: RequestState, input: { approvedBy: string; reason: string; on: string }, l: RequestLimits, cal: CalendarIndex): Violation[] {
  const out = notAnswered(s, l);
  const a = l.extension.article;
  const times = s.extension ? 1 : 0;
  if (times >= l.extension.maxTimes) out.push({ code: 'OPENNESS.EXTENSION_ONCE', article: a, message: `${basedOn(a)}（《政府信息公开条例》第三十三条），答复期限只能延长${l.extension.maxTimes}次，本申请已于 ${s.extension!.approvedOn} 延长` });
  if (s.status === 'awaiting_supplement') out.push({ code: 'OPENNESS.REQUEST_STATE', message: '申请尚待补正，答复期限未起算，无需延长' });
  if (!input.approvedBy?.trim()) out.push({ code: 'OPENNESS.EXTENSION_APPROVAL_MISSING', article: a, message: `${basedOn(a)}，延长答复期限须经政府信息公开工作机构负责人同意，请写明批准人` });
  if (!input.reason?.trim()) out.push({ code: 'OPENNESS.EXTENSION_APPROVAL_MISSING', article: a, message: '延长答复期限须写明理由，并告知申请人' });
  const sched = requestSchedule(s, l, cal, input.on);
  if (sched.due && input.on > sched.due) out.push({ code: 'OPENNESS.EXTENSION_TOO_LATE', article: a, message: `${basedOn(a)}，答复期限已于 ${sched.due} 届满，不能再延长`, details: { due: sched.due } });
  return out;
}

export interface Redaction {
  /** the exact passage withheld */
  text: string;
  /** why (个人隐私、商业秘密 …), told to the requester (条例 第三十七条) */
  reason: string;
}

export interface AnswerInput {
  type: string;
  content: string;
  reason?: string;
  /** for a disclosure: the released text, before redaction */
  document?: string;
  redactions?: Redaction[];
  on: string;
}

export interface AnswerDecision {
  partial: boolean;
  /** the released text with every redacted passage blacked out */
  released: string | null;
  late: boolean;
  due: string | null;
}

/** The answer: one of the seven types, a reason where the type needs one, every redaction explained. */
export function decideAnswer(s: RequestState, input: AnswerInput, l: RequestLimits, cal: CalendarIndex): Decision<AnswerDecision> {
  const out = notAnswered(s, l);
  const a = l.reply.article;
  if (s.status === 'awaiting_supplement') out.push({ code: 'OPENNESS.REQUEST_STATE', message: '申请尚待补正，收到补正后再答复' });
  if (s.status === 'consulting') out.push({ code: 'OPENNESS.REQUEST_STATE', message: '第三方意见征求尚未结束，请先登记征求结果' });
  if (!l.answerTypes.includes(input.type)) {
    out.push({ code: 'OPENNESS.ANSWER_TYPE_INVALID', article: a, message: `${basedOn(a)}（《政府信息公开条例》第三十六条），答复类型应为：${l.answerTypes.map((t) => ANSWER_TYPE_LABELS[t] ?? t).join('；')}`, details: { type: input.type } });
  }
  if (!input.content?.trim()) out.push({ code: 'OPENNESS.ANSWER_CONTENT_MISSING', article: a, message: '答复须有告知内容' });
  if (l.needsReason.includes(input.type) && !input.reason?.trim()) {
    out.push({ code: 'OPENNESS.ANSWER_REASON_MISSING', article: a, message: `${basedOn(a)}，「${ANSWER_TYPE_LABELS[input.type] ?? input.type}」须说明理由或依据` });
  }
  const redactions = input.redactions ?? [];
  if (redactions.length && input.type !== 'disclosed') {
    out.push({ code: 'OPENNESS.REDACTION_INVALID', article: l.partialArticle, message: '只有予以公开的答复才有部分公开（遮盖）' });
  }
  if (input.type === 'disclosed' && !input.document?.trim()) {
    out.push({ code: 'OPENNESS.ANSWER_CONTENT_MISSING', article: a, message: '予以公开的答复须附公开的信息内容' });
  }
  redactions.forEach((r, i) => {
    if (!r.reason?.trim()) out.push({ code: 'OPENNESS.REDACTION_REASON_MISSING', article: l.partialArticle, message: `${basedOn(l.partialArticle)}（《政府信息公开条例》第三十七条），第${i + 1}处不予公开的内容须说明理由`, details: { index: i } });
    if (!r.text?.trim() || !input.document?.includes(r.text)) out.push({ code: 'OPENNESS.REDACTION_NOT_FOUND', article: l.partialArticle, message: `第${i + 1}处遮盖内容在公开文本中找不到，请核对（防止遮盖失败而泄露）`, details: { index: i } });
  });
  const sched = requestSchedule(s, l, cal, input.on);
  const late = sched.due !== null && input.on > sched.due;
  const warnings: Violation[] = late
    ? [{ code: 'OPENNESS.ANSWER_LATE', article: a, message: `${basedOn(a)}，答复期限为 ${sched.due}，本次答复已逾期`, details: { due: sched.due } }]
    : [];
  return decide(out, warnings, () => ({
    partial: redactions.length > 0,
    released: input.type === 'disclosed' && input.document ? applyRedactions(input.document, redactions) : null,
    late,
    due: sched.due,
  }));
}

/** Blacks out every occurrence of each redacted passage, keeping its length so the layout stays honest. */
export function applyRedactions(text: string, redactions: readonly Redaction[]): string {
  let out = text;
  for (const r of redactions) {
    if (!r.text) continue;
    out = out.split(r.text).join('■'.repeat([...r.text].length));
  }
  return out;
}
