// What the API and the organisation browser show for a date: the model joined with names, holders,
// leaders in charge, assistants, AB岗 partners and the computed sets. Pure functions of (org, date).
import {
  POSITION_KIND_LABELS,
  UNIT_KIND_LABELS,
  absenceOn,
  assistantsOf,
  backupPartnerOf,
  entrustmentsOn,
  holderOf,
  inPeriod,
  leaderInCharge,
  membersOf,
  personById,
  positionById,
  positionsOf,
  principalHeadPost,
  type Absence,
  type IsoDate,
  type Org,
} from '../../domain/org/index.ts';
import type { OrgRules } from './rules.ts';

export interface PostRef {
  positionId: string;
  title: string;
  personId: string | null;
  personName: string | null;
}

export function postRef(org: Org, positionId: string, date: IsoDate): PostRef {
  const p = positionById(org, positionId);
  const personId = holderOf(org, positionId, date) ?? null;
  return { positionId, title: p?.title ?? positionId, personId, personName: personId ? (personById(org, personId)?.name ?? null) : null };
}

export function unitsView(org: Org, date: IsoDate) {
  return org.units.map((u) => {
    const head = principalHeadPost(org, u.id);
    const charge = leaderInCharge(org, u.id, date);
    return {
      ...u,
      kindLabel: UNIT_KIND_LABELS[u.kind],
      principalHead: head ? postRef(org, head.id, date) : null,
      leaderInCharge: charge ? { ...postRef(org, charge.positionId, date), viaUnitId: charge.viaUnitId ?? null } : null,
    };
  });
}

export function positionsView(org: Org, date: IsoDate) {
  return org.positions.map((p) => {
    const holder = holderOf(org, p.id, date) ?? null;
    const assignment = org.assignments.find((a) => a.positionId === p.id && inPeriod(a.period, date));
    return {
      ...p,
      kindLabel: POSITION_KIND_LABELS[p.kind],
      unitName: org.units.find((u) => u.id === p.unitId)?.shortName ?? p.unitId,
      holder: holder ? { personId: holder, name: personById(org, holder)?.name ?? holder, since: assignment?.period.from, concurrent: assignment?.concurrent ?? false } : null,
    };
  });
}

export function peopleView(org: Org, date: IsoDate) {
  return org.people.map((person) => ({
    ...person,
    posts: positionsOf(org, person.id, date).map((p) => ({
      positionId: p.id,
      title: p.title,
      kind: p.kind,
      unitId: p.unitId,
      concurrent: org.assignments.some((a) => a.positionId === p.id && a.personId === person.id && a.concurrent && inPeriod(a.period, date)),
    })),
    absence: absenceOn(org, person.id, date) ?? null,
  }));
}

export function portfoliosView(org: Org, date: IsoDate) {
  return org.portfolios
    .filter((p) => inPeriod(p.period, date))
    .map((p) => {
      const partner = backupPartnerOf(org, p.positionId, date);
      return {
        ...p,
        leader: postRef(org, p.positionId, date),
        units: p.unitIds.map((id) => ({ id, name: org.units.find((u) => u.id === id)?.shortName ?? id })),
        assistants: assistantsOf(org, p.positionId, date).map((a) => postRef(org, a.id, date)),
        backupPartner: partner ? postRef(org, partner, date) : null,
      };
    })
    .sort((a, b) => (positionById(org, a.positionId)?.order ?? 0) - (positionById(org, b.positionId)?.order ?? 0));
}

export function backupPairsView(org: Org, date: IsoDate) {
  return org.backupPairs
    .filter((b) => inPeriod(b.period, date))
    .map((b) => ({ id: b.id, period: b.period, members: b.positionIds.map((id) => postRef(org, id, date)) }));
}

export function membersView(org: Org, rules: OrgRules, date: IsoDate) {
  const view = (c: OrgRules['government']) => ({
    article: c.article,
    terms: c.terms,
    members: membersOf(org, c, date).map((m) => postRef(org, m.positionId, date)),
  });
  return { government: view(rules.government), plenary: view(rules.plenary), executiveMeeting: view(rules.executiveMeeting) };
}

export function absencesView(org: Org, list: Absence[]) {
  return list.map((a) => ({ ...a, personName: personById(org, a.personId)?.name ?? a.personId }));
}

/** Entrustments in force on the date or starting later, newest first. */
export function entrustmentsView(org: Org, date: IsoDate) {
  const inForce = new Set(entrustmentsOn(org, date).map((e) => e.id));
  return org.entrustments
    .filter((e) => e.period.to >= date)
    .map((e) => ({
      ...e,
      inForce: inForce.has(e.id),
      grantor: postRef(org, e.grantorPositionId, date),
      grantee: postRef(org, e.granteePositionId, date),
    }))
    .sort((a, b) => b.period.from.localeCompare(a.period.from));
}
