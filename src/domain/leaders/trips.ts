// Trips (外出请假、报备), 第七十九条: every member of the government reports before leaving. The lead time
// is a pack parameter; a trip reported after departure is refused, one reported late but before leaving
// passes only when marked urgent with a reason (flagged). Overlaps are refused by the org context's own
// absence check (checkAbsence), which this reuses rather than repeats.
// While away: 第十一条 AB岗 (our reading) and 第十三条 受市长委托 — see standins.ts.
import { basedOn } from '../shared/article.ts';
import { decide, type Decision, type Violation } from '../shared/violation.ts';
import { checkAbsence } from '../org/records.ts';
import { positionsOf } from '../org/queries.ts';
import type { Absence, Org } from '../org/types.ts';

export interface TripRules {
  /** natural days between the report and departure */
  leadDays: number;
  urgentAllowed: boolean;
  article: number;
}

export interface TripDraft {
  absence: Absence;
  /** the day the trip is reported */
  reportedOn: string;
  reason: string;
  urgent?: { reason: string };
}

/** days between two ISO dates (b - a) */
export const daysBetween = (a: string, b: string): number =>
  Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);

export function checkTrip(org: Org, d: TripDraft, r: TripRules): Decision<TripDraft> {
  const base = checkAbsence(org, d.absence);
  const blocks: Violation[] = base.ok ? [] : [...base.violations];
  const warnings: Violation[] = [...base.warnings];
  const art = r.article;
  if (!d.reason.trim()) blocks.push({ code: 'LEAD.TRIP_REASON_MISSING', message: `${basedOn(art)}，请假、报备应写明外出事由`, article: art });
  if (!d.absence.cancelled && positionsOf(org, d.absence.personId, d.absence.period.from).length === 0 && org.people.some((p) => p.id === d.absence.personId)) {
    blocks.push({ code: 'LEAD.NOT_A_MEMBER', message: `该人员在${d.absence.period.from}未担任职务，无需在此报备`, article: art });
  }
  if (!d.absence.cancelled && d.absence.supersedes == null) {
    const lead = daysBetween(d.reportedOn, d.absence.period.from);
    if (lead < 0) {
      blocks.push({ code: 'LEAD.TRIP_AFTER_DEPARTURE', message: `${basedOn(art)}，应在外出前请假、报备；出发日${d.absence.period.from}已过，不能事后报备`, article: art, details: { from: d.absence.period.from, reportedOn: d.reportedOn } });
    } else if (lead < r.leadDays) {
      if (d.urgent?.reason.trim() && r.urgentAllowed) {
        warnings.push({ code: 'LEAD.TRIP_URGENT', message: `${basedOn(art)}，紧急外出：未提前${r.leadDays}日报备（${d.urgent.reason}）`, article: art, details: { leadDays: lead } });
      } else {
        blocks.push({ code: 'LEAD.TRIP_LEAD_TIME', message: `${basedOn(art)}，外出应至少提前${r.leadDays}日请假、报备；确属紧急的请注明紧急外出理由`, article: art, details: { required: r.leadDays, actual: lead } });
      }
    }
  }
  return decide(blocks, warnings, () => d);
}
