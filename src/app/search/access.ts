// Who may find a document in the staff search: the documents context's own rule (canSee,
// src/domain/documents/access.ts, 第八十二条), turned into a SQL condition on the joined document row.
import { canSee, type Viewer } from '../../domain/documents/index.ts';


export interface DocumentAccess {
  personId: string | null;
  unitIds: string[];
  portfolioUnitIds: string[];
  restricted: string[];
  /** the fact combinations canSee allows: restricted*8 + routed*4 + unit*2 + portfolio */
  allowed: number[];
}

/**
 * canSee depends on four facts of a document for a viewer: restricted classification, routed to the
 * person, routed to one of the person's units, routed to a unit of the person's portfolio. Asking canSee
 * itself about each of the sixteen combinations gives the set the SQL condition accepts, so the search
 * applies exactly the documents context's rule.
 */
export function documentAccess(viewer: Viewer, restricted: string[]): DocumentAccess {
  const probe: Viewer = { ...viewer, personId: 'probe-person', unitIds: ['probe-unit'], portfolioUnitIds: ['probe-portfolio'] };
  const allowed: number[] = [];
  for (let k = 0; k < 16; k++) {
    const r = (k & 8) !== 0, routed = (k & 4) !== 0, unit = (k & 2) !== 0, portfolio = (k & 1) !== 0;
    if (r && !restricted.length) continue;
    const classification = r ? restricted[0] : '';
    const doc = { classification, routedPersonIds: routed ? ['probe-person'] : [], unitIds: [...(unit ? ['probe-unit'] : []), ...(portfolio ? ['probe-portfolio'] : [])] };
    if (canSee(doc, probe, restricted)) allowed.push(k);
  }
  return { personId: viewer.personId, unitIds: viewer.unitIds, portfolioUnitIds: viewer.portfolioUnitIds, restricted, allowed };
}

/** The SQL condition on the joined document row `d`; pushes its parameters. */
export function documentAccessSql(a: DocumentAccess, params: unknown[]): string {
  const p = (v: unknown) => { params.push(v); return `$${params.length}`; };
  const key = `((CASE WHEN d.classification = ANY(${p(a.restricted)}::text[]) THEN 8 ELSE 0 END)
    + (CASE WHEN ${p(a.personId)}::text IS NOT NULL AND ${p(a.personId)}::text = ANY(d.routed_person_ids) THEN 4 ELSE 0 END)
    + (CASE WHEN d.unit_ids && ${p(a.unitIds)}::text[] THEN 2 ELSE 0 END)
    + (CASE WHEN d.unit_ids && ${p(a.portfolioUnitIds)}::text[] THEN 1 ELSE 0 END))`;
  return `${key} = ANY(${p(a.allowed)}::int[])`;
}
