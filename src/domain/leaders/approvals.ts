// Approval in advance (第七十八条) and inscriptions (第九十八条).
// 第七十八条  city leaders: every speech or article, on the government's behalf or personal, is approved
//            first; other members: on the government's behalf, or personal ones touching major matters
//            the government has not decided.
// 第九十八条  no inscriptions or prefaces; in exceptional cases the organising unit applies for approval.
import { basedOn } from '../shared/article.ts';
import { decide, type Decision, type Violation } from '../shared/violation.ts';

export type ApprovalKind = 'speech' | 'article' | 'inscription' | 'preface';
export const APPROVAL_KIND_LABELS: Record<ApprovalKind, string> = { speech: '讲话', article: '文章', inscription: '题词、题字', preface: '作序' };

export interface ApprovalDraft {
  kind: ApprovalKind;
  /** is the author a city leader (市政府领导同志) or another member of the government */
  authorIsCityLeader: boolean;
  /** on the government's behalf, or personal */
  capacity: 'government' | 'personal';
  /** personal, touching a major matter the government has not decided */
  touchesUndecidedMajorMatter: boolean;
  /** for inscriptions: the applicant unit (主办单位) */
  applicantUnitId?: string;
  /** why an exception is needed (第九十八条 特殊情况) */
  exceptionReason?: string;
  title: string;
}

export interface ApprovalRules { speechArticle: number; inscriptionArticle: number }

/** Is approval in advance required, under which article? */
export function approvalRequired(d: ApprovalDraft, r: ApprovalRules): { required: boolean; article: number; reason: string } {
  if (d.kind === 'inscription' || d.kind === 'preface') return { required: true, article: r.inscriptionArticle, reason: `${basedOn(r.inscriptionArticle)}，特殊情况确需${APPROVAL_KIND_LABELS[d.kind]}的，由主办单位报批` };
  if (d.authorIsCityLeader) return { required: true, article: r.speechArticle, reason: `${basedOn(r.speechArticle)}，市政府领导同志${d.capacity === 'government' ? '代表市政府' : '个人'}发表${APPROVAL_KIND_LABELS[d.kind]}，事先报市政府批准` };
  if (d.capacity === 'government') return { required: true, article: r.speechArticle, reason: `${basedOn(r.speechArticle)}，代表市政府发表${APPROVAL_KIND_LABELS[d.kind]}，事先报市政府批准` };
  if (d.touchesUndecidedMajorMatter) return { required: true, article: r.speechArticle, reason: `${basedOn(r.speechArticle)}，个人发表涉及未经市政府研究决定的重大问题的${APPROVAL_KIND_LABELS[d.kind]}，事先报市政府批准` };
  return { required: false, article: r.speechArticle, reason: `${basedOn(r.speechArticle)}，其他组成人员个人发表、不涉及未决重大问题的，无需报批` };
}

export function checkApplication(d: ApprovalDraft, r: ApprovalRules): Decision<ApprovalDraft> {
  const blocks: Violation[] = [];
  if (!d.title.trim()) blocks.push({ code: 'LEAD.APPROVAL_TITLE_MISSING', message: '应写明题目' });
  if (d.kind === 'inscription' || d.kind === 'preface') {
    if (!d.applicantUnitId) blocks.push({ code: 'LEAD.INSCRIPTION_APPLICANT', message: `${basedOn(r.inscriptionArticle)}，题词、题字、作序由主办单位报批，应写明主办单位`, article: r.inscriptionArticle });
    if (!d.exceptionReason?.trim()) blocks.push({ code: 'LEAD.INSCRIPTION_REASON', message: `${basedOn(r.inscriptionArticle)}，市政府领导同志原则上不题词、题字、作序，报批应写明特殊情况`, article: r.inscriptionArticle });
  }
  return decide(blocks, [], () => d);
}
