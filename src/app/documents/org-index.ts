// Lookups by id into the organisation a request works with. The organisation is loaded once per revision and
// shared between requests, so its index is built once per loaded organisation too.
import type { Org } from '../../domain/org/index.ts';

export interface OrgIndex {
  unitName(id: string): string;
  personName(id: string | null): string | null;
  positionTitle(id: string | null): string | null | undefined;
}

const cache = new WeakMap<Org, OrgIndex>();

export function orgIndex(org: Org): OrgIndex {
  let ix = cache.get(org);
  if (!ix) {
    const units = new Map(org.units.map((u) => [u.id, u]));
    const people = new Map(org.people.map((p) => [p.id, p]));
    const positions = new Map(org.positions.map((p) => [p.id, p]));
    ix = {
      unitName: (id) => units.get(id)?.shortName ?? id,
      personName: (id) => (id ? people.get(id)?.name ?? id : null),
      positionTitle: (id) => (id ? positions.get(id)?.title : null),
    };
    cache.set(org, ix);
  }
  return ix;
}
