// Questions the rules ask of the organisation on a given day: who holds a post, who is in charge of a
// department (分管), who assists whom, who is paired with whom (AB岗), who is away, and the computed
// sets (组成人员, 全体会议, 常务会议). Pure: the date is always a parameter.
import type {
  Absence,
  Assignment,
  BackupPair,
  Composition,
  Entrustment,
  EntrustmentKind,
  IsoDate,
  MemberTerm,
  Org,
  Period,
  Person,
  Portfolio,
  Position,
  PositionKind,
  Unit,
} from './types.ts';

/** A real calendar day written YYYY-MM-DD (the calendar's check). */
export { isIsoDate } from '../calendar/date.ts';

/** Both ends inclusive; an open end runs for ever. */
export const inPeriod = (p: Period, date: IsoDate): boolean => p.from <= date && (p.to == null || date <= p.to);

export const periodsOverlap = (a: Period, b: Period): boolean =>
  (a.to == null || b.from <= a.to) && (b.to == null || a.from <= b.to);

// ---- posts and people ----

export const LEADER_KINDS: readonly PositionKind[] = ['mayor', 'executive_vice_mayor', 'vice_mayor'];
export const isViceMayorKind = (k: PositionKind): boolean => k === 'vice_mayor' || k === 'executive_vice_mayor';

/** Rank used to pick a person's main post when they hold several (副市长兼公安局局长 → 副市长). */
const KIND_RANK: Record<PositionKind, number> = {
  mayor: 0,
  executive_vice_mayor: 1,
  vice_mayor: 2,
  secretary_general: 3,
  deputy_secretary_general: 4,
  county_head: 5,
  department_principal_head: 6,
  department_head: 7,
  secretary: 8,
  clerk: 9,
  duty_officer: 10,
};

export const unitById = (org: Org, id: string): Unit | undefined => org.units.find((u) => u.id === id);
export const personById = (org: Org, id: string): Person | undefined => org.people.find((p) => p.id === id);
export const positionById = (org: Org, id: string): Position | undefined => org.positions.find((p) => p.id === id);

/** The assignment in force for a post on a date (at most one, see validateOrg). */
export function assignmentOf(org: Org, positionId: string, date: IsoDate): Assignment | undefined {
  return org.assignments.find((a) => a.positionId === positionId && inPeriod(a.period, date));
}

/** Who holds the post on the date; undefined when vacant. */
export const holderOf = (org: Org, positionId: string, date: IsoDate): string | undefined =>
  assignmentOf(org, positionId, date)?.personId;

/** The posts a person holds on the date, main post first. */
export function positionsOf(org: Org, personId: string, date: IsoDate): Position[] {
  const ids = org.assignments
    .filter((a) => a.personId === personId && inPeriod(a.period, date))
    .sort((a, b) => Number(a.concurrent ?? false) - Number(b.concurrent ?? false))
    .map((a) => a.positionId);
  return ids
    .map((id) => positionById(org, id))
    .filter((p): p is Position => p != null)
    .sort((a, b) => KIND_RANK[a.kind] - KIND_RANK[b.kind]);
}

/** The posts of a kind (e.g. every vice mayor), in display order. */
export const positionsOfKind = (org: Org, ...kinds: PositionKind[]): Position[] =>
  org.positions.filter((p) => kinds.includes(p.kind)).sort((a, b) => (a.order ?? 0) - (b.order ?? 0));

/** The single post of a kind in the municipal government (市长, 常务副市长, 秘书长). */
export function governmentPost(org: Org, kind: PositionKind): Position | undefined {
  const gov = org.units.find((u) => u.kind === 'municipal_government');
  return org.positions.find((p) => p.kind === kind && p.unitId === gov?.id);
}

export const unitsOfKind = (org: Org, kind: Unit['kind'], date?: IsoDate): Unit[] =>
  org.units
    .filter((u) => u.kind === kind && (date == null || u.period == null || inPeriod(u.period, date)))
    .sort((a, b) => (a.order ?? 0) - (b.order ?? 0));

/** The principal head's post of a unit (主要负责同志). */
export const principalHeadPost = (org: Org, unitId: string): Position | undefined =>
  org.positions.find((p) => p.unitId === unitId && (p.kind === 'department_principal_head' || p.kind === 'county_head'));

// ---- computed sets ----

export interface Member {
  personId: string;
  /** the post through which the person is a member */
  positionId: string;
}

/** Members of a body on a date as its composition lists them (第八条, 第五十二条, 第五十三条), each
 *  person once: a vice mayor who also heads a department is counted as vice mayor. Vacant posts are
 *  not members. */
export function membersOf(org: Org, composition: Composition, date: IsoDate): Member[] {
  const posts: Position[] = [];
  const gov = org.units.find((u) => u.kind === 'municipal_government');
  const inGov = (p: Position) => p.unitId === gov?.id;
  const termPosts: Record<MemberTerm, () => Position[]> = {
    mayor: () => positionsOfKind(org, 'mayor').filter(inGov),
    vice_mayors: () => positionsOfKind(org, 'executive_vice_mayor', 'vice_mayor').filter(inGov),
    secretary_general: () => positionsOfKind(org, 'secretary_general').filter(inGov),
    deputy_secretaries_general: () => positionsOfKind(org, 'deputy_secretary_general').filter(inGov),
    // the office is a government working department too (市政府工作部门), listed first
    constituent_department_principal_heads: () =>
      [...unitsOfKind(org, 'government_office', date), ...unitsOfKind(org, 'constituent_department', date)]
        .map((u) => principalHeadPost(org, u.id))
        .filter((p): p is Position => p != null),
  };
  for (const term of composition.terms) posts.push(...termPosts[term]());
  const seen = new Set<string>();
  const members: Member[] = [];
  for (const p of posts) {
    const personId = holderOf(org, p.id, date);
    if (personId == null || seen.has(personId)) continue;
    seen.add(personId);
    members.push({ personId, positionId: p.id });
  }
  return members;
}

// ---- 分管, 协助, AB岗 ----

export const portfoliosOn = (org: Org, date: IsoDate): Portfolio[] => org.portfolios.filter((p) => inPeriod(p.period, date));

export const portfolioOf = (org: Org, positionId: string, date: IsoDate): Portfolio | undefined =>
  portfoliosOn(org, date).find((p) => p.positionId === positionId);

export interface InCharge {
  positionId: string;
  /** undefined when the post is vacant */
  personId?: string;
  portfolioId: string;
  /** set when the unit is covered through its supervising department (归口) */
  viaUnitId?: string;
}

/** The city leader in charge (分管) of a unit on a date: from the portfolios; an affiliated
 *  institution not listed itself falls under its supervising department's leader. */
export function leaderInCharge(org: Org, unitId: string, date: IsoDate): InCharge | undefined {
  let current: string | undefined = unitId;
  const visited = new Set<string>();
  while (current != null && !visited.has(current)) {
    visited.add(current);
    const id: string = current;
    const portfolio = portfoliosOn(org, date).find((p) => p.unitIds.includes(id));
    if (portfolio) {
      return {
        positionId: portfolio.positionId,
        personId: holderOf(org, portfolio.positionId, date),
        portfolioId: portfolio.id,
        viaUnitId: id === unitId ? undefined : id,
      };
    }
    const unit = unitById(org, id);
    if (unit?.kind !== 'affiliated_institution') return undefined;
    current = unit.parentId;
  }
  return undefined;
}

/** The deputy secretaries-general assisting a leader on a date (第十二条). */
export const assistantsOf = (org: Org, positionId: string, date: IsoDate): Position[] =>
  org.assistance
    .filter((a) => a.assistedPositionId === positionId && inPeriod(a.period, date))
    .map((a) => positionById(org, a.assistantPositionId))
    .filter((p): p is Position => p != null);

/** The leaders a deputy secretary-general assists on a date. */
export const assistedBy = (org: Org, assistantPositionId: string, date: IsoDate): Position[] =>
  org.assistance
    .filter((a) => a.assistantPositionId === assistantPositionId && inPeriod(a.period, date))
    .map((a) => positionById(org, a.assistedPositionId))
    .filter((p): p is Position => p != null);

export const backupPairOf = (org: Org, positionId: string, date: IsoDate): BackupPair | undefined =>
  org.backupPairs.find((b) => b.positionIds.includes(positionId) && inPeriod(b.period, date));

/** The AB岗 partner's post (第十一条). */
export function backupPartnerOf(org: Org, positionId: string, date: IsoDate): string | undefined {
  const pair = backupPairOf(org, positionId, date);
  if (!pair) return undefined;
  return pair.positionIds[0] === positionId ? pair.positionIds[1] : pair.positionIds[0];
}

// ---- absences and entrustments ----

/** Absences still standing: rows that no later row supersedes, and not cancellation rows. */
export function effectiveAbsences(org: Org): Absence[] {
  const superseded = new Set(org.absences.map((a) => a.supersedes).filter((s): s is string => s != null));
  return org.absences.filter((a) => !superseded.has(a.id) && !a.cancelled);
}

/** The person's absence covering the date, if any. */
export const absenceOn = (org: Org, personId: string, date: IsoDate): Absence | undefined =>
  effectiveAbsences(org).find((a) => a.personId === personId && inPeriod(a.period, date));

/** Entrustments in force on the date (recorded, dated, not revoked). */
export function entrustmentsOn(org: Org, date: IsoDate, kind?: EntrustmentKind): Entrustment[] {
  return org.entrustments.filter(
    (e) => inPeriod(e.period, date) && (e.revokedOn == null || date < e.revokedOn) && (kind == null || e.kind === kind),
  );
}
