// Who stands in for a city leader on a day, derived from the trip reports and the mayor's entrustments.
// The decision itself is the org context's whoActsFor (第十一条 AB岗 — our reading, labelled; 第十三条 —
// presiding only when the mayor is away on business or study AND has entrusted it; 第七十条 reserved
// powers wait). This module only applies it to items and to the whereabouts board.
import { whoActsFor, type ActingResult } from '../org/resolver.ts';
import { absenceOn, holderOf, personById, positionById, positionsOfKind, principalHeadPost, unitsOfKind } from '../org/queries.ts';
import { ABSENCE_KIND_LABELS } from '../org/labels.ts';
import type { Absence, DelegationRules, Org } from '../org/types.ts';

export interface Handler {
  /** the post the item belongs to (the leader in charge) */
  positionId: string;
  /** who handles it today */
  personId: string | null;
  personName: string;
  acting: boolean;
  /** AB岗代理 / 受市长委托 / 本人 / 待本人返回 / 需明确 */
  marker: string;
  article?: number;
  interpretation?: string;
  reason: string;
}

export function handlerOf(org: Org, positionId: string, date: string, rules: DelegationRules): Handler {
  // The mayor's items are presiding work (第十三条); anyone else's are their own items (第十一条).
  const purpose = positionById(org, positionId)?.kind === 'mayor' ? ({ kind: 'preside' } as const) : ({ kind: 'handle' } as const);
  const d = whoActsFor(org, positionId, date, purpose, rules);
  if (!d.ok) return { positionId, personId: null, personName: '', acting: false, marker: '需明确', reason: d.violations.map((v) => v.message).join('；') };
  return toHandler(org, positionId, d.value);
}

function toHandler(org: Org, positionId: string, a: ActingResult): Handler {
  const marker = a.outcome === 'self' ? '本人' : a.basis === 'backup_partner' ? 'AB岗代理' : a.basis === 'entrustment' ? '受市长委托' : a.outcome === 'waits' ? '待本人返回' : '需明确';
  return {
    positionId,
    personId: a.personId,
    personName: a.personId ? (personById(org, a.personId)?.name ?? a.personId) : '',
    acting: a.acting,
    marker,
    article: a.article,
    interpretation: a.interpretation,
    reason: a.reason,
  };
}

export interface WhereaboutsRow {
  positionId: string;
  title: string;
  personId: string | null;
  personName: string;
  status: 'present' | 'away' | 'vacant';
  absence?: Pick<Absence, 'id' | 'kind' | 'period' | 'destination'> & { kindLabel: string };
  standIn?: Handler;
}

function row(org: Org, positionId: string, date: string, rules: DelegationRules): WhereaboutsRow {
  const post = positionById(org, positionId)!;
  const holder = holderOf(org, positionId, date);
  if (!holder) return { positionId, title: post.title, personId: null, personName: '', status: 'vacant' };
  const away = absenceOn(org, holder, date);
  const base = { positionId, title: post.title, personId: holder, personName: personById(org, holder)?.name ?? holder };
  if (!away) return { ...base, status: 'present' };
  return {
    ...base,
    status: 'away',
    absence: { id: away.id, kind: away.kind, period: away.period, destination: away.destination, kindLabel: ABSENCE_KIND_LABELS[away.kind] },
    standIn: handlerOf(org, positionId, date, rules),
  };
}

/** 第八十条: the municipal duty office's board of city leaders. */
export function leaderBoard(org: Org, date: string, rules: DelegationRules): WhereaboutsRow[] {
  const posts = positionsOfKind(org, 'mayor', 'executive_vice_mayor', 'vice_mayor', 'secretary_general');
  return posts.map((p) => row(org, p.id, date, rules));
}

/** 第八十条: each department's duty office knows where its principal head is. */
export function departmentHeadBoard(org: Org, date: string, rules: DelegationRules): (WhereaboutsRow & { unitId: string; unitName: string })[] {
  return unitsOfKind(org, 'constituent_department', date).flatMap((u) => {
    const post = principalHeadPost(org, u.id);
    return post ? [{ ...row(org, post.id, date, rules), unitId: u.id, unitName: u.shortName }] : [];
  });
}
