// Contingency plans (第二十二条): 制定切实可行的具体防范措施和应急预案，落实责任. Each plan has a responsible
// unit and is reviewed at the interval the pack sets; a plan past its review date is listed.
import { basedOn } from '../shared/article.ts';
import { decide, type Decision, type Violation } from '../shared/violation.ts';

export interface PlanRules {
  article: number;
}

export interface PlanDraft {
  title: string;
  risk: string;
  measures: string;
  responsibleUnitId?: string | null;
  approvedOn: string;
}

export function checkPlan(p: PlanDraft, today: string, r: PlanRules): Decision<PlanDraft> {
  const v: Violation[] = [];
  if (!p.title.trim()) v.push({ code: 'ACC.TITLE_MISSING', message: '应写明预案名称' });
  if (!p.responsibleUnitId) v.push({ code: 'ACC.PLAN_UNIT_MISSING', message: `${basedOn(r.article)}，应急预案应落实责任：写明责任单位`, article: r.article });
  if (!p.measures.trim()) v.push({ code: 'ACC.PLAN_MEASURES_MISSING', message: `${basedOn(r.article)}，应写明具体防范措施`, article: r.article });
  if (p.approvedOn > today) v.push({ code: 'ACC.DATE_IN_FUTURE', message: `日期${p.approvedOn}晚于今天` });
  return decide(v, [], () => p);
}

export type PlanState = 'current' | 'review_due';
export const planState = (nextReviewOn: string, today: string): PlanState => (today > nextReviewOn ? 'review_due' : 'current');
