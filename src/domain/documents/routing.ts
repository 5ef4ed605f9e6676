// 第六十八条 拟办 and leader routing; 第六十九条 senior leaders' instructions to the mayor first.
import { basedOn } from '../shared/article.ts';
import { refuse, accept, type Decision, type Violation } from '../shared/violation.ts';
import { governmentPost, leaderInCharge, positionById } from '../org/queries.ts';
import type { IsoDate, Org } from '../org/types.ts';
import type { InstructionSource, TimeLimitKind } from './model.ts';
import type { DocumentParams } from './params.ts';

/** The office's proposal (拟办意见): specific, clear, operable, naming the lead department and duties. */
export interface ProposedHandling {
  text: string;
  leadUnitId: string | null;
  cooperatingUnitIds: string[];
  duties: string;
  important: boolean;
  instructionSource: InstructionSource;
  timeLimitKind: TimeLimitKind;
  /** 紧急公文: the limit the government sets (第七十三条) */
  urgentDue?: string | null;
  urgentReason?: string | null;
}

export function checkProposedHandling(h: ProposedHandling, p: DocumentParams): Violation[] {
  const art = p.proposedHandlingRequires.article;
  const v: Violation[] = [];
  const lacking = [
    ...(h.text.trim().length < 4 ? ['具体、明确、可操作的拟办意见'] : []),
    ...(!h.leadUnitId ? ['牵头部门'] : []),
    ...(!h.duties.trim() ? ['工作责任'] : []),
  ];
  if (lacking.length) {
    v.push({
      code: 'DOC.PROPOSAL_INCOMPLETE', article: art,
      message: `${basedOn(art)}，拟办意见应明确牵头部门和工作责任；缺少：${lacking.join('、')}`,
      details: { lacking },
    });
  }
  if (h.leadUnitId && h.cooperatingUnitIds.includes(h.leadUnitId)) {
    v.push({ code: 'DOC.PROPOSAL_INCOMPLETE', article: art, message: `${basedOn(art)}，牵头部门不能同时列为协办部门` });
  }
  if (h.timeLimitKind === 'urgent' && (!h.urgentDue || !h.urgentReason?.trim())) {
    v.push({
      code: 'DOC.URGENT_LIMIT_MISSING', article: p.articles.timeLimits,
      message: `${basedOn(p.articles.timeLimits)}，紧急公文以市政府明确的办理时限为准；请写明截止日期和理由`,
    });
  }
  return v;
}

export type LeaderRole = 'mayor' | 'vice_mayor_in_charge';

export interface LeaderStep {
  order: number;
  role: LeaderRole;
  positionId: string;
  /** 阅批 (read and instruct) or 阅处 (handle) */
  mode: 'instruct' | 'handle';
  article: number;
  reason: string;
}

/**
 * The leaders who read an incoming document, in order. 第六十九条: important instructions of central
 * leaders and all instructions of provincial leaders go to the mayor first; 第六十八条: important
 * documents are read by the mayor, then handled by the vice mayor in charge; other documents go to the
 * vice mayor in charge of the lead department.
 */
export function leaderRouting(org: Org, date: IsoDate, h: ProposedHandling, p: DocumentParams): Decision<LeaderStep[]> {
  const mayor = governmentPost(org, 'mayor');
  if (!mayor) return refuse([{ code: 'DOC.NO_LEADER_IN_CHARGE', message: '未设置市长职务，无法批办' }]);
  const inCharge = h.leadUnitId ? leaderInCharge(org, h.leadUnitId, date) : undefined;
  const senior = h.instructionSource === 'central_important' || h.instructionSource === 'provincial';
  const steps: LeaderStep[] = [];
  if (senior) {
    steps.push({ order: 1, role: 'mayor', positionId: mayor.id, mode: 'instruct', article: p.seniorInstructionSources.article,
      reason: `${basedOn(p.seniorInstructionSources.article)}，${h.instructionSource === 'provincial' ? '省委、省政府领导批示' : '党中央、国务院领导重要批示'}第一时间报市长阅批` });
  } else if (h.important) {
    steps.push({ order: 1, role: 'mayor', positionId: mayor.id, mode: 'instruct', article: p.importantOrder.article,
      reason: `${basedOn(p.importantOrder.article)}，重要公文由市长阅批` });
  }
  if (inCharge && inCharge.positionId !== mayor.id) {
    const title = positionById(org, inCharge.positionId)?.title ?? '分管副市长';
    steps.push({ order: steps.length + 1, role: 'vice_mayor_in_charge', positionId: inCharge.positionId, mode: 'handle',
      article: steps.length ? p.importantOrder.article : p.proposedHandlingRequires.article,
      reason: steps.length ? `${basedOn(p.importantOrder.article)}，市长阅批后由分管副市长（${title}）阅处` : `${basedOn(p.proposedHandlingRequires.article)}，按领导分工由分管副市长（${title}）阅处` });
  } else if (!steps.length) {
    if (!inCharge) {
      return refuse([{ code: 'DOC.NO_LEADER_IN_CHARGE', article: p.proposedHandlingRequires.article,
        message: `${basedOn(p.proposedHandlingRequires.article)}，按领导分工分办，但牵头部门没有分管市领导；请先在组织机构中登记分管` }]);
    }
    steps.push({ order: 1, role: 'mayor', positionId: mayor.id, mode: 'handle', article: p.proposedHandlingRequires.article,
      reason: `${basedOn(p.proposedHandlingRequires.article)}，牵头部门由市长分管` });
  }
  return accept(steps);
}

/** A leader may instruct only when every earlier step is done (the order of 第六十八条/第六十九条). */
export function stepOrderViolations(steps: { order: number; positionId: string; done: boolean; article: number }[], order: number): Violation[] {
  const step = steps.find((s) => s.order === order);
  if (!step) return [{ code: 'DOC.ROUTING_STEP_UNKNOWN', message: `批办环节 ${order} 不存在` }];
  if (step.done) return [{ code: 'DOC.ROUTING_STEP_DONE', message: '该领导已批示，不能重复批示' }];
  const pending = steps.filter((s) => s.order < order && !s.done);
  if (pending.length) {
    return [{ code: 'DOC.ROUTING_OUT_OF_ORDER', article: step.article,
      message: `${basedOn(step.article)}，须按顺序批办：前一环节的领导尚未批示`, details: { pending: pending.map((s) => s.order) } }];
  }
  return [];
}
