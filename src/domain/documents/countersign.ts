// 第六十四条–第六十六条: opinion requests and countersigns between departments; 第六十五条 disagreements.
import { basedOn } from '../shared/article.ts';
import type { Violation } from '../shared/violation.ts';

export type OpinionState = 'open' | 'agreed' | 'disagreed' | 'implied' | 'withdrawn';
export const OPINION_STATE_LABELS: Record<OpinionState, string> = {
  open: '待回复', agreed: '同意', disagreed: '有不同意见', implied: '逾期视为无不同意见', withdrawn: '已撤回',
};

export interface OpinionRequestView {
  state: OpinionState;
  due: string;
  askedUnitId: string;
}

export interface ReplyInput {
  agree: boolean;
  reasons?: string | null;
}

/** A reply is accepted while the request is open; a disagreement carries its reasons. */
export function replyViolations(r: OpinionRequestView, reply: ReplyInput, actorUnitIds: string[], article: number): Violation[] {
  const v: Violation[] = [];
  if (r.state !== 'open') {
    v.push({ code: 'DOC.OPINION_CLOSED', article,
      message: r.state === 'implied' ? `${basedOn(article)}，已逾期视为无不同意见，不能再回复；如有新情况请与主办部门沟通` : `该征求意见已${OPINION_STATE_LABELS[r.state]}，不能再回复` });
  }
  if (!actorUnitIds.includes(r.askedUnitId)) {
    v.push({ code: 'DOC.NOT_YOUR_UNIT', message: '只有被征求意见的部门才能回复' });
  }
  if (!reply.agree && !reply.reasons?.trim()) {
    v.push({ code: 'DOC.OPINION_REASONS_MISSING', article, message: `${basedOn(article)}，有不同意见的须写明理由` });
  }
  return v;
}

/** 第六十六条: silence until after the due day is recorded as 无不同意见. */
export function isSilenceNoObjection(r: OpinionRequestView, today: string): boolean {
  return r.state === 'open' && today > r.due;
}

export interface NegotiationInput {
  newDue: string;
  form: string;
  agreedWith: string;
}

/** 第六十六条: 特殊情况 — the asked department agrees a new limit and form with the lead department. */
export function negotiationViolations(r: OpinionRequestView, n: NegotiationInput, today: string, article: number): Violation[] {
  const v: Violation[] = [];
  if (r.state !== 'open') v.push({ code: 'DOC.OPINION_CLOSED', article, message: `该征求意见已${OPINION_STATE_LABELS[r.state]}，不能再商定时限` });
  if (!n.agreedWith.trim() || !n.form.trim()) {
    v.push({ code: 'DOC.NEGOTIATION_INCOMPLETE', article, message: `${basedOn(article)}，应与主办部门沟通并商定回复时限及方式：请写明商定的对象和回复方式` });
  }
  if (!/^\d{4}-\d{2}-\d{2}$/.test(n.newDue) || n.newDue < today) {
    v.push({ code: 'DOC.NEGOTIATION_INCOMPLETE', article, message: `商定的回复时限“${n.newDue}”无效或早于今天` });
  }
  if (r.state === 'open' && today > r.due) {
    v.push({ code: 'DOC.OPINION_CLOSED', article, message: `${basedOn(article)}，应在期限内主动沟通；已逾期的按无不同意见处理` });
  }
  return v;
}

export type CoordinationOutcome = 'agreement' | 'recommendation';
export const COORDINATION_OUTCOME_LABELS: Record<CoordinationOutcome, string> = { agreement: '取得一致意见', recommendation: '提出倾向性建议' };
