// 初审 of an incoming document: every rule of 第六十二条, 第六十四条 and 第六十七条 is checked together and
// all violations are returned at once, with the secrecy refusal of 第八十二条 (保守国家秘密法 第三十一条).
import { basedOn } from '../shared/article.ts';
import type { Violation } from '../shared/violation.ts';
import type { IntakeFacts } from './model.ts';
import type { DocumentParams } from './params.ts';

export type NameOf = (unitId: string) => string;

/** 密级 秘密/机密/绝密: never on this system (第八十二条; 保守国家秘密法 第三十一条). */
export function classificationViolations(classification: string, p: DocumentParams): Violation[] {
  const c = classification.trim();
  if (!c || !p.refusedClassifications.value.includes(c)) return [];
  return [{
    code: 'DOC.CLASSIFIED',
    article: p.refusedClassifications.article,
    message: `${basedOn(p.refusedClassifications.article)}及《中华人民共和国保守国家秘密法》第三十一条，涉密信息不得在非涉密信息系统中处理；标注“${c}”的公文请通过涉密渠道办理`,
    details: { classification: c },
  }];
}

export function typeViolations(docType: string, p: DocumentParams): Violation[] {
  if (p.types.value.includes(docType)) return [];
  return [{
    code: 'DOC.UNKNOWN_TYPE',
    article: p.types.article,
    message: `${basedOn(p.types.article)}和《党政机关公文处理工作条例》第八条，文种“${docType}”不是规定的公文种类（${p.types.value.join('、')}）`,
    details: { docType },
  }];
}

/** 第六十二条: 行文规则. */
export function submissionRuleViolations(f: IntakeFacts, p: DocumentParams): Violation[] {
  const v: Violation[] = [];
  const matters = f.matters.map((m) => m.trim()).filter(Boolean);
  if (f.docType === p.requestType && matters.length > p.maxMattersPerRequest.value) {
    v.push({
      code: 'DOC.INTAKE_MULTIPLE_MATTERS', article: p.maxMattersPerRequest.article,
      message: `${basedOn(p.maxMattersPerRequest.article)}，请示应当一文一事；本件申明了${matters.length}项事项（${matters.join('；')}），请分件报送`,
      details: { matters: matters.length, max: p.maxMattersPerRequest.value },
    });
  }
  if (f.docType === p.reportType.value && f.containsRequest) {
    v.push({
      code: 'DOC.INTAKE_REPORT_WITH_REQUEST', article: p.reportType.article,
      message: `${basedOn(p.reportType.article)}，报告不得夹带请示事项；需要市政府批复的事项请另行以请示报送`,
    });
  }
  if (f.skipsLevel && p.skipLevelNeedsApproval.value && !f.skipLevelApproval?.trim()) {
    v.push({
      code: 'DOC.INTAKE_SKIP_LEVEL', article: p.skipLevelNeedsApproval.article,
      message: `${basedOn(p.skipLevelNeedsApproval.article)}，未经批准不得越级行文；请登记批准越级行文的依据，或按程序逐级呈报`,
    });
  }
  const recipients = [...new Set([...f.principalRecipients, ...f.alsoSentTo].map((r) => r.trim()).filter(Boolean))];
  if (recipients.length > p.maxPrincipalRecipients.value) {
    v.push({
      code: 'DOC.INTAKE_MULTIPLE_RECIPIENTS', article: p.maxPrincipalRecipients.article,
      message: `${basedOn(p.maxPrincipalRecipients.article)}，不得多头报文；本件同时报送了${recipients.join('、')}`,
      details: { recipients },
    });
  }
  if (f.addressedToLeader && !f.leaderException) {
    v.push({
      code: 'DOC.INTAKE_ADDRESSED_TO_LEADER', article: p.leaderExceptions.article,
      message: `${basedOn(p.leaderExceptions.article)}，除${p.leaderExceptions.value.join('和')}外，一般不得直接向市政府领导同志个人报送公文`,
    });
  }
  return v;
}

/** 第六十四条: a 请示 touching other departments' powers needs their countersign or a joint submission. */
export function countersignViolations(f: IntakeFacts, p: DocumentParams, nameOf: NameOf): Violation[] {
  if (f.docType !== p.requestType) return [];
  const others = [...new Set(f.involvedUnitIds.filter((u) => u !== f.submitterUnitId))];
  if (!others.length || f.jointSubmission) return [];
  const v: Violation[] = [];
  const art = p.countersignForms.article;
  const signOf = (unitId: string) => f.countersigns.find((c) => c.unitId === unitId);
  const missing = others.filter((u) => !signOf(u));
  if (missing.length) {
    v.push({
      code: 'DOC.INTAKE_COUNTERSIGN_MISSING', article: art,
      message: `${basedOn(art)}，涉及${missing.map(nameOf).join('、')}职权的请示，须与其会签或联合报送${f.disagreement ? '（有分歧的，列明各方理据后仍须会签）' : ''}`,
      details: { missing },
    });
  }
  const lowRank = others.filter((u) => signOf(u) && signOf(u)!.signerRank === 'other');
  if (lowRank.length) {
    v.push({
      code: 'DOC.INTAKE_COUNTERSIGN_RANK', article: p.countersignSignatories.article,
      message: `${basedOn(p.countersignSignatories.article)}，相关部门须由负责同志会签；${lowRank.map(nameOf).join('、')}的会签人不是部门负责同志`,
      details: { units: lowRank },
    });
  }
  const lead = signOf(f.submitterUnitId);
  if (!lead || lead.signerRank !== 'principal_head') {
    v.push({
      code: 'DOC.INTAKE_COUNTERSIGN_RANK', article: p.countersignSignatories.article,
      message: `${basedOn(p.countersignSignatories.article)}，会签须由主办部门（${nameOf(f.submitterUnitId)}）主要负责同志签署`,
      details: { unitId: f.submitterUnitId },
    });
  }
  if (f.disagreement) {
    const d = f.disagreement;
    const noReasons = others.filter((u) => !d.positions.some((x) => x.unitId === u && x.reasons.trim()));
    const leadReasons = d.positions.some((x) => x.unitId === f.submitterUnitId && x.reasons.trim());
    if (noReasons.length || !leadReasons || !d.proposal.trim()) {
      const lacking = [
        ...(!leadReasons ? [`${nameOf(f.submitterUnitId)}的理据`] : []),
        ...noReasons.map((u) => `${nameOf(u)}的理据`),
        ...(!d.proposal.trim() ? ['办理建议'] : []),
      ];
      v.push({
        code: 'DOC.INTAKE_DISAGREEMENT_INCOMPLETE', article: p.disagreementRequires.article,
        message: `${basedOn(p.disagreementRequires.article)}，协商后仍不能取得一致意见的，主办部门应列明各方理据、提出办理建议；缺少：${lacking.join('、')}`,
        details: { lacking },
      });
    }
  }
  return v;
}

/** 第六十七条: normative documents come with their 政策解读材料 and, if high-impact, a 舆情应对方案. */
export function normativeViolations(f: IntakeFacts, p: DocumentParams): Violation[] {
  if (!f.normative) return [];
  const v: Violation[] = [];
  if (!f.hasInterpretation) {
    v.push({
      code: 'DOC.INTAKE_INTERPRETATION_MISSING', article: p.interpretationRequired.article,
      message: `${basedOn(p.interpretationRequired.article)}，提请市政府制发行政规范性文件，要一并报送${p.interpretationRequired.value}`,
    });
  }
  if (f.highImpact && !f.hasOpinionPlan) {
    v.push({
      code: 'DOC.INTAKE_OPINION_PLAN_MISSING', article: p.opinionPlanRequired.article,
      message: `${basedOn(p.opinionPlanRequired.article)}，出台后可能产生较大影响的行政规范性文件，要同时报送${p.opinionPlanRequired.value}`,
    });
  }
  return v;
}

/**
 * 第六十三条: a draft for the party committee's meetings or for joint 市委、市政府 issuance, drafted by a
 * government department and mainly about government duties, first goes through the government's review
 * or approval: it comes to the government as a 请示 (the pack's type; 第六十二条 keeps it to one 主送).
 */
export function partyDraftViolations(f: IntakeFacts, p: DocumentParams): Violation[] {
  const d = f.partyDraft;
  if (!d) return [];
  const art = p.partyDraftPurposes.article;
  if (!p.partyDraftPurposes.value.includes(d.purpose)) {
    return [{
      code: 'DOC.INTAKE_PARTY_DRAFT_PURPOSE', article: art,
      message: `${basedOn(art)}，报市政府先行审议或审批的市委文件稿限于：${p.partyDraftPurposes.value.join('、')}；“${d.purpose}”不在其列`,
      details: { purpose: d.purpose, purposes: p.partyDraftPurposes.value },
    }];
  }
  if (!d.mainlyGovernmentDuties) return [];
  const as = p.partyDraftSubmittedAs.value;
  if (f.docType === as) return [];
  return [{
    code: 'DOC.INTAKE_PARTY_DRAFT_REVIEW_FIRST', article: art,
    message: `${basedOn(art)}，拟${d.purpose}的文件稿，内容主要涉及政府职责且由市政府部门牵头起草的，应先按程序报市政府履行相关审议或审批程序；请以${as}报送，提请市政府审议或审批（本件为${f.docType}）`,
    details: { purpose: d.purpose, docType: f.docType, submittedAs: as },
  }];
}

/** Everything 初审 checks, all at once. */
export function reviewIntake(f: IntakeFacts, p: DocumentParams, nameOf: NameOf): Violation[] {
  return [
    ...classificationViolations(f.classification, p),
    ...typeViolations(f.docType, p),
    ...submissionRuleViolations(f, p),
    ...countersignViolations(f, p, nameOf),
    ...normativeViolations(f, p),
    ...partyDraftViolations(f, p),
  ];
}
