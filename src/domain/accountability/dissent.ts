// Dissent inside the government (第七十七条): a member who disagrees raises it inside the government,
// through the channels the pack lists; the decision stands until the government remakes it, so the
// record never changes the decision's standing by itself.
import { basedOn } from '../shared/article.ts';
import { decide, type Decision, type Violation } from '../shared/violation.ts';

export interface DissentRules {
  channels: string[];
  article: number;
}

export interface DissentDraft {
  decisionRef: string;
  channel: string;
  content: string;
  raisedOn: string;
}

export function checkDissent(d: DissentDraft, today: string, r: DissentRules): Decision<DissentDraft & { decisionStands: true }> {
  const v: Violation[] = [];
  if (!d.decisionRef.trim()) v.push({ code: 'ACC.DECISION_REF_MISSING', message: `${basedOn(r.article)}，应写明所涉市政府决定`, article: r.article });
  if (!r.channels.includes(d.channel)) {
    v.push({ code: 'ACC.DISSENT_CHANNEL', message: `${basedOn(r.article)}，不同意见应在市政府内部提出（${r.channels.join('、')}）`, article: r.article, details: { channel: d.channel } });
  }
  if (!d.content.trim()) v.push({ code: 'ACC.SUMMARY_MISSING', message: '应写明不同意见的内容' });
  if (d.raisedOn > today) v.push({ code: 'ACC.DATE_IN_FUTURE', message: `日期${d.raisedOn}晚于今天` });
  return decide(v, [], () => ({ ...d, decisionStands: true as const }));
}

/** Remaking the decision is the only thing that ends the standing of the original one. */
export function checkRemade(state: { status: 'standing' | 'remade'; raisedOn: string }, input: { newDecisionRef: string; on: string }, today: string, r: DissentRules): Decision<{ status: 'remade' }> {
  const v: Violation[] = [];
  if (state.status === 'remade') v.push({ code: 'ACC.DISSENT_RESOLVED', message: '该决定已重新作出' });
  if (!input.newDecisionRef.trim()) v.push({ code: 'ACC.DECISION_REF_MISSING', message: `${basedOn(r.article)}，在没有重新作出决定前原决定继续执行：应写明重新作出的决定`, article: r.article });
  if (input.on > today) v.push({ code: 'ACC.DATE_IN_FUTURE', message: `日期${input.on}晚于今天` });
  if (input.on < state.raisedOn) v.push({ code: 'ACC.DATE_ORDER', message: `日期早于提出不同意见的日期${state.raisedOn}` });
  return decide(v, [], () => ({ status: 'remade' as const }));
}
