import { addMonths, type IsoDate } from '../calendar/date.ts';
// Internal control (第四十三条): 分事行权、分岗设权、分级授权，定期轮岗.
// In the sensitive flows the pack lists (财政资金分配使用、国有资产监管、政府投资、政府采购 …) the person who
// drafted a matter never approves it; posts in those flows rotate after the pack's interval.
import { basedOn } from '../shared/article.ts';
import type { Violation } from '../shared/violation.ts';

export interface SeparationRules {
  /** the sensitive areas (supervision.internal.separationOfDuties.areas) */
  areas: string[];
  article: number;
}

export interface RotationRules {
  areas: string[];
  /** years in one post before rotation is due (supervision.internal.postRotation.interval) */
  intervalYears: number;
  article: number;
}

/**
 * The reusable check: in a sensitive area the drafter is never the approver. `area` absent or outside
 * the pack's list means the flow is not a sensitive one and nothing is checked.
 */
export function checkSeparation(input: { area?: string | null; drafterId?: string | null; approverId?: string | null; drafterName?: string }, r: SeparationRules): Violation[] {
  if (!input.area || !r.areas.includes(input.area)) return [];
  const v: Violation[] = [];
  if (!input.drafterId) {
    v.push({ code: 'ACC.DRAFTER_MISSING', message: `${basedOn(r.article)}，${input.area}事项应写明拟稿人，以便与审批人分离`, article: r.article, details: { area: input.area } });
  } else if (input.approverId && input.drafterId === input.approverId) {
    v.push({ code: 'ACC.DRAFTER_APPROVES', message: `${basedOn(r.article)}，${input.area}事项分岗设权：拟稿人${input.drafterName ?? ''}不得审批本人拟办的事项`, article: r.article, details: { area: input.area, person: input.drafterId } });
  }
  return v;
}

export function checkUnknownArea(area: string, r: { areas: string[]; article: number }): Violation[] {
  return r.areas.includes(area) ? [] : [{ code: 'ACC.UNKNOWN_AREA', message: `${basedOn(r.article)}，权力集中领域应为${r.areas.join('、')}之一`, article: r.article, details: { area } }];
}

/** The day a post held since `since` is due for rotation: the same day `intervalYears` later. */
export function rotationDueOn(since: string, intervalYears: number): string {
  return addMonths(since as IsoDate, 12 * intervalYears);
}

export type RotationState = 'in_post' | 'due' | 'rotated';

export function rotationState(p: { since: string; rotatedOn?: string | null }, today: string, r: RotationRules): { dueOn: string; state: RotationState } {
  const dueOn = rotationDueOn(p.since, r.intervalYears);
  if (p.rotatedOn) return { dueOn, state: 'rotated' };
  return { dueOn, state: today >= dueOn ? 'due' : 'in_post' };
}
