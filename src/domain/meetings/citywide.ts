// 第六十条, 第六十一条: citywide meetings called by a department. The department first obtains the vice
// mayor's consent, then submits a formal 请示; 原则上 at most the pack's yearly number per department — one
// more is flagged and needs a recorded justification and approval (the text says "in principle", so it is
// not a hard block); never in the name of the government or its office; county heads only with the
// government's approval; city leaders generally do not attend (flag); video preferred (flag).
import { basedOn } from '../shared/article.ts';
import { decide, type Decision, type Violation } from '../shared/violation.ts';
import type { Capacity } from './types.ts';
import { isOffice } from './meeting.ts';

export interface CitywideRules {
  article: number;
  /** 第六十条: work meetings are strictly approved by the government */
  approvalArticle: number;
  maxPerYear: number;
  forbiddenNames: string[];
}

export interface CitywideRequest {
  departmentUnitId: string;
  title: string;
  /** the year the meeting falls in */
  year: number;
  /** the name on the notice */
  hostName: string;
  viceMayorConsent: { personId: string; date: string } | null;
  /** the formal 请示 to the government (number or title) */
  formalRequest: string | null;
  video: boolean;
  invitesCountyHeads: boolean;
  invitesCityLeaders: boolean;
  justification: string | null;
}

/** Checks a department's request; `earlier`: the department's other requests that year not refused. */
export function checkCitywideRequest(
  req: CitywideRequest,
  earlier: number,
  rules: CitywideRules,
  leaderInChargePersonId: string | null,
): Decision<{ overYearlyLimit: boolean }> {
  const a = rules.article;
  const blocks: Violation[] = [];
  const warnings: Violation[] = [];
  if (!req.title.trim()) blocks.push({ code: 'MEETING.CITYWIDE_TITLE_REQUIRED', message: '请填写会议名称' });
  if (!req.viceMayorConsent) {
    blocks.push({ code: 'MEETING.CITYWIDE_NO_VICE_MAYOR_CONSENT', article: a, message: `${basedOn(a)}，以部门名义召开全市性会议，应事先征得分管副市长同意` });
  } else if (leaderInChargePersonId != null && req.viceMayorConsent.personId !== leaderInChargePersonId) {
    blocks.push({ code: 'MEETING.CITYWIDE_CONSENT_NOT_LEADER_IN_CHARGE', article: a, message: `${basedOn(a)}，须征得分管该部门的副市长同意` });
  }
  if (!req.formalRequest?.trim()) {
    blocks.push({ code: 'MEETING.CITYWIDE_NO_FORMAL_REQUEST', article: a, message: `${basedOn(a)}，征得分管副市长同意后，应正式向市政府报送请示` });
  }
  const name = req.hostName.replace(/\s/g, '');
  if (rules.forbiddenNames.some((n) => name === n)) {
    blocks.push({ code: 'MEETING.CITYWIDE_IN_GOVERNMENT_NAME', article: a, message: `${basedOn(a)}，应由各部门召开的全市性会议，不以市政府或市政府办公室名义召开` });
  }
  const over = earlier >= rules.maxPerYear;
  if (over) {
    warnings.push({
      code: 'MEETING.CITYWIDE_OVER_YEARLY_LIMIT',
      article: a,
      message: `${basedOn(a)}，部门全市性会议原则上每年不超过${rules.maxPerYear}次；本部门${req.year}年已申请${earlier}次，须说明理由并经批准`,
      details: { earlier, maxPerYear: rules.maxPerYear },
    });
    if (!req.justification?.trim()) {
      blocks.push({ code: 'MEETING.CITYWIDE_JUSTIFICATION_MISSING', article: a, message: `${basedOn(a)}，超过每年${rules.maxPerYear}次的，须写明确需召开的理由` });
    }
  }
  if (req.invitesCountyHeads) {
    warnings.push({ code: 'MEETING.CITYWIDE_COUNTY_HEADS', article: a, message: `${basedOn(a)}，部门全市性会议不邀请县区政府负责同志参加，确需邀请的须报市政府批准` });
  }
  if (req.invitesCityLeaders) {
    warnings.push({ code: 'MEETING.CITYWIDE_CITY_LEADERS', article: a, message: `${basedOn(a)}，市政府领导同志一般不出席部门的工作会议` });
  }
  if (!req.video) {
    warnings.push({ code: 'MEETING.CITYWIDE_NOT_VIDEO', article: a, message: `${basedOn(a)}，全市性会议应尽可能采用视频会议形式召开` });
  }
  return decide(blocks, warnings, () => ({ overYearlyLimit: over }));
}

/** The government's approval (第六十条 严格审批): an over-limit meeting and invited county heads need it explicitly. */
export function checkCitywideApproval(
  req: CitywideRequest & { status: string; overYearlyLimit: boolean },
  who: Capacity,
  input: { approve: boolean; note: string; approveCountyHeads?: boolean; approveOverLimit?: boolean },
  rules: CitywideRules,
): Decision<true> {
  const a = rules.article;
  const blocks: Violation[] = [];
  if (req.status !== 'submitted') blocks.push({ code: 'MEETING.CITYWIDE_ALREADY_DECIDED', message: '该请示已办理' });
  if (!isOffice(who) && !who.roles.some((r) => ['mayor', 'exec_vice_mayor', 'vice_mayor', 'secretary_general', 'deputy_secretary_general'].includes(r))) {
    blocks.push({ code: 'MEETING.NOT_AUTHORISED', article: rules.approvalArticle, message: `${basedOn(rules.approvalArticle)}，工作会议由市政府严格审批` });
  }
  if (input.approve) {
    if (req.invitesCountyHeads && !input.approveCountyHeads) {
      blocks.push({ code: 'MEETING.CITYWIDE_COUNTY_HEADS_NOT_APPROVED', article: a, message: `${basedOn(a)}，邀请县区政府负责同志须经市政府批准：请明确批准邀请，或退回修改` });
    }
    if (req.overYearlyLimit && !input.approveOverLimit) {
      blocks.push({ code: 'MEETING.CITYWIDE_OVER_LIMIT_NOT_APPROVED', article: a, message: `${basedOn(a)}，超过每年${rules.maxPerYear}次的全市性会议须明确批准其理由` });
    }
  }
  if (!input.note.trim()) blocks.push({ code: 'MEETING.REASON_REQUIRED', message: '请填写审批意见' });
  return decide(blocks, [], () => true as const);
}
