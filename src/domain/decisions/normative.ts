// Normative documents (行政规范性文件), 第二十七条–第二十九条.
// 第二十七条  legality review before issuance (within the statutory powers and procedures).
// 第二十八条  a matter touching two or more departments' powers: the related departments heard, and a
//            government rule, decision or order, or a joint document — never one department alone; matters
//            touching public rights or high public attention: a prior 请示 to the government; an important
//            joint document: the government's approval before publication.
// 第二十九条  no licensing, penalty or coercion; no added licensing conditions; no unlawful reduction of
//            rights or added obligations. Non-conforming documents: correction ordered or revoked (new records).
import { basedOn } from '../shared/article.ts';
import { decide, type Decision, type Violation } from '../shared/violation.ts';
import type { NormativeRules } from './rules.ts';

/** 'department' is one department's own document; the other forms come from the pack (第二十八条). */
export type NormativeForm = 'department' | string;

export interface NormativeDraft {
  title: string;
  draftingUnit: { id: string; name: string };
  /** other departments whose powers the matter touches */
  involvedUnits: { id: string; name: string }[];
  form: NormativeForm;
  publicRights: boolean;
  highAttention: boolean;
  /** an important joint document (第二十八条) */
  important: boolean;
}

export interface NormativeFile {
  legalityReview?: { passed: boolean; opinion: string; on: string };
  priorRequest?: { ref: string; on: string };
  governmentApproval?: { ref: string; on: string };
  consultedUnitIds: string[];
  /** the 第二十九条 checklist: item → whether the document contains it (undefined: not answered) */
  checklist: Record<string, boolean | undefined>;
}

export const formLabel = (form: string, r: NormativeRules): string => (form === 'department' ? '部门单独制定' : r.forms.find((f) => f.code === form)?.label ?? form);

export function checkDraft(d: NormativeDraft, r: NormativeRules): Decision<NormativeDraft> {
  const blocks: Violation[] = [];
  if (!d.title.trim()) blocks.push({ code: 'DEC.TITLE_MISSING', message: '应写明文件名称' });
  if (d.form !== 'department' && !r.forms.some((f) => f.code === d.form)) {
    blocks.push({ code: 'DEC.UNKNOWN_FORM', article: r.crossArticle, message: `${basedOn(r.crossArticle)}，制定形式为部门单独制定或${r.forms.map((f) => f.label).join('、')}` });
  }
  if (d.involvedUnits.some((u) => u.id === d.draftingUnit.id)) blocks.push({ code: 'DEC.DRAFTER_ALSO_INVOLVED', message: `${d.draftingUnit.name}是制定单位，不必列为涉及部门` });
  return decide(blocks, [], () => d);
}

/** Issuance (印发): every rule of 第二十七条–第二十九条 checked at once. */
export function checkIssue(d: NormativeDraft, f: NormativeFile, status: string, r: NormativeRules): Decision<true> {
  const blocks: Violation[] = [];
  if (status !== 'draft') blocks.push({ code: 'DEC.NORMATIVE_NOT_DRAFT', message: '该规范性文件不是待印发状态' });
  const la = r.legalityArticle;
  if (!f.legalityReview) blocks.push({ code: 'DEC.LEGALITY_REVIEW_MISSING', article: la, message: `${basedOn(la)}，行政规范性文件印发前应经合法性审查` });
  else if (!f.legalityReview.passed) blocks.push({ code: 'DEC.LEGALITY_REVIEW_FAILED', article: la, message: `${basedOn(la)}，合法性审查未通过：${f.legalityReview.opinion}` });

  const ca = r.crossArticle;
  const departments = 1 + d.involvedUnits.length;
  if (departments >= r.minDepartments) {
    if (d.form === 'department') {
      blocks.push({ code: 'DEC.CROSS_DEPARTMENT_FORM', article: ca, message: `${basedOn(ca)}，涉及${[d.draftingUnit, ...d.involvedUnits].map((u) => u.name).join('、')}等两个及以上部门职权的事项，应由市政府制定规章、发布决定或命令，或由有关部门联合制定，不得由一个部门单独制定`, details: { departments } });
    }
    if (r.consultInvolved) {
      for (const u of d.involvedUnits.filter((u) => !f.consultedUnitIds.includes(u.id))) {
        blocks.push({ code: 'DEC.DEPARTMENT_NOT_CONSULTED', article: ca, message: `${basedOn(ca)}，应充分听取${u.name}的意见`, details: { unitId: u.id } });
      }
    }
  }
  if ((d.publicRights || d.highAttention) && !f.priorRequest) {
    const why = [d.publicRights ? r.priorRequestTriggers[0] : '', d.highAttention ? r.priorRequestTriggers[1] : ''].filter(Boolean).join('、');
    blocks.push({ code: 'DEC.PRIOR_REQUEST_MISSING', article: r.priorRequestArticle, message: `${basedOn(r.priorRequestArticle)}，${why}的事项应当事先请示市政府` });
  }
  if (d.form === 'jointDocument' && d.important && !f.governmentApproval) {
    blocks.push({ code: 'DEC.JOINT_APPROVAL_MISSING', article: r.jointApprovalArticle, message: `${basedOn(r.jointApprovalArticle)}，部门联合制定的重要行政规范性文件发布前须经市政府批准` });
  }
  const fa = r.forbiddenArticle;
  for (const item of r.forbidden) {
    const v = f.checklist[item];
    if (v === true) blocks.push({ code: 'DEC.FORBIDDEN_CONTENT', article: fa, message: `${basedOn(fa)}，行政规范性文件不得${item}`, details: { item } });
    else if (v !== false) blocks.push({ code: 'DEC.CHECKLIST_INCOMPLETE', article: fa, message: `${basedOn(fa)}，未核对是否「${item}」`, details: { item } });
  }
  return decide(blocks, [], () => true as const);
}

/** 第二十九条第二款: correction ordered or revocation, recorded against an issued document. */
export function checkCorrection(status: string, a: { outcome: string; reason: string; on: string }, today: string, r: NormativeRules): Decision<true> {
  const art = r.correctionArticle;
  const blocks: Violation[] = [];
  if (status !== 'issued' && status !== 'correction_ordered') blocks.push({ code: 'DEC.NORMATIVE_NOT_ISSUED', article: art, message: `${basedOn(art)}，责令纠正或撤销针对已印发的规范性文件` });
  if (status === 'correction_ordered' && a.outcome === r.correctionOutcomes[0]) blocks.push({ code: 'DEC.CORRECTION_PENDING', article: art, message: '该文件已责令纠正，待制定部门报送纠正后的文件' });
  if (!r.correctionOutcomes.includes(a.outcome)) blocks.push({ code: 'DEC.UNKNOWN_CORRECTION', article: art, message: `${basedOn(art)}，处理方式为${r.correctionOutcomes.join('或')}` });
  if (!a.reason.trim()) blocks.push({ code: 'DEC.CORRECTION_REASON_MISSING', article: art, message: `${basedOn(art)}，应写明违反的规定或内容不适当之处` });
  if (a.on > today) blocks.push({ code: 'DEC.DATE_IN_FUTURE', message: `日期${a.on}晚于今天` });
  return decide(blocks, [], () => true as const);
}
