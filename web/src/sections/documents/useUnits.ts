import { useEffect, useState } from 'react';
import { get } from '../../lib/api.ts';

export interface UnitOption { id: string; name: string; shortName: string; kind: string; issuerCodes?: { code: string; label?: string }[]; leaderInCharge?: any }

/** The organisation's units (for 来文单位, 牵头部门, 会签部门 …). */
export function useUnits(): UnitOption[] {
  const [units, setUnits] = useState<UnitOption[]>([]);
  useEffect(() => { get('/org/overview').then((d) => setUnits(d.units ?? []), () => setUnits([])); }, []);
  return units;
}

export const unitOptions = (units: UnitOption[], filter: (u: UnitOption) => boolean = (u) => u.kind !== 'external') =>
  units.filter(filter).map((u) => ({ value: u.id, label: u.shortName, title: u.name }));
