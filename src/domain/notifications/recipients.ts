// Who must hear of an event, resolved through the organisation on the event's day. A post's work goes
// to whoever acts for it that day — the holder, or, while the holder is away, the AB岗 partner
// (第十一条) or the executive vice mayor entrusted to preside (第十三条), as the org resolver decides;
// the absent holder is told as well, so that nothing is news on return. A unit's work goes to its
// clerks (文书), and to its principal head where it has none.
import { handlerOf } from '../leaders/standins.ts';
import { holderOf, positionsOfKind, principalHeadPost } from '../org/queries.ts';
import type { DelegationRules, IsoDate, Org, PositionKind } from '../org/types.ts';

export type Target =
  | { personId: string }
  | { positionId: string }
  | { unitId: string; as: 'clerk' | 'head' }
  /** every holder of posts of these kinds (e.g. the government office's clerks) */
  | { kinds: PositionKind[]; unitId?: string };

export interface Recipient {
  personId: string;
  /** present when the person receives it for someone else's post (AB岗代理 / 受市长委托) */
  actingFor?: { positionId: string; title: string; marker: string; article?: number };
}

function unitPeople(org: Org, unitId: string, kind: PositionKind, day: IsoDate): string[] {
  return org.positions
    .filter((p) => p.unitId === unitId && p.kind === kind)
    .map((p) => holderOf(org, p.id, day))
    .filter((x): x is string => Boolean(x));
}

function forPosition(org: Org, positionId: string, day: IsoDate, rules: DelegationRules): Recipient[] {
  const holder = holderOf(org, positionId, day);
  const h = handlerOf(org, positionId, day, rules);
  const out: Recipient[] = [];
  if (h.personId && h.personId !== holder) {
    const title = org.positions.find((p) => p.id === positionId)?.title ?? positionId;
    out.push({ personId: h.personId, actingFor: { positionId, title, marker: h.marker, ...(h.article ? { article: h.article } : {}) } });
  }
  if (holder) out.push({ personId: holder });
  return out;
}

/** The people to tell, each once (the first reason found wins), in the order the targets were given. */
export function resolveRecipients(org: Org, targets: readonly Target[], day: IsoDate, rules: DelegationRules): Recipient[] {
  const all: Recipient[] = [];
  for (const t of targets) {
    if ('personId' in t) all.push({ personId: t.personId });
    else if ('positionId' in t) all.push(...forPosition(org, t.positionId, day, rules));
    else if ('as' in t) {
      const clerks = t.as === 'clerk' ? unitPeople(org, t.unitId, 'clerk', day) : [];
      if (clerks.length) all.push(...clerks.map((personId) => ({ personId })));
      else {
        const head = principalHeadPost(org, t.unitId);
        if (head) all.push(...forPosition(org, head.id, day, rules));
      }
    } else {
      for (const p of positionsOfKind(org, ...t.kinds)) {
        if (t.unitId && p.unitId !== t.unitId) continue;
        const holder = holderOf(org, p.id, day);
        if (holder) all.push({ personId: holder });
      }
    }
  }
  const seen = new Set<string>();
  return all.filter((r) => (seen.has(r.personId) ? false : (seen.add(r.personId), true)));
}
