// The accountability list (第八十九条): items handled late (拖延) or pushed back (推诿) feed the trail of
// 第五十条. The app reads the overdue deadlines and the bounced items from the stores of each context;
// here they are merged and counted per unit, oldest first.
export interface OverdueEntry {
  source: string;
  objectType: string;
  objectId: string;
  title: string;
  unitId?: string | null;
  due: string;
  article: number;
  closedOn?: string | null;
}

export interface BounceEntry {
  source: string;
  objectType: string;
  objectId: string;
  title: string;
  unitId?: string | null;
  on: string;
  reason: string;
  article?: number | null;
}

export interface AccountabilityRow {
  kind: 'overdue' | 'late' | 'bounced';
  source: string;
  objectType: string;
  objectId: string;
  title: string;
  unitId: string | null;
  date: string;
  daysLate: number;
  article: number | null;
  detail: string;
}

const dayNumber = (d: string) => Math.floor(Date.parse(`${d}T00:00:00Z`) / 86_400_000);

/** Open items past due (逾期未办), items closed after their due day (逾期办结) and bounced items (退回). */
export function accountabilityList(overdue: OverdueEntry[], bounced: BounceEntry[], today: string): { rows: AccountabilityRow[]; byUnit: { unitId: string | null; overdue: number; late: number; bounced: number }[] } {
  const rows: AccountabilityRow[] = [];
  for (const o of overdue) {
    const end = o.closedOn ?? today;
    if (end <= o.due) continue;
    rows.push({
      kind: o.closedOn ? 'late' : 'overdue', source: o.source, objectType: o.objectType, objectId: o.objectId, title: o.title, unitId: o.unitId ?? null,
      date: o.due, daysLate: dayNumber(end) - dayNumber(o.due), article: o.article,
      detail: o.closedOn ? `应于${o.due}前办结，${o.closedOn}办结` : `应于${o.due}前办结，至今未办结`,
    });
  }
  for (const b of bounced) {
    rows.push({ kind: 'bounced', source: b.source, objectType: b.objectType, objectId: b.objectId, title: b.title, unitId: b.unitId ?? null, date: b.on, daysLate: 0, article: b.article ?? null, detail: b.reason });
  }
  rows.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : b.daysLate - a.daysLate));
  const units = new Map<string | null, { unitId: string | null; overdue: number; late: number; bounced: number }>();
  for (const r of rows) {
    const u = units.get(r.unitId) ?? { unitId: r.unitId, overdue: 0, late: 0, bounced: 0 };
    u[r.kind] += 1;
    units.set(r.unitId, u);
  }
  return { rows, byUnit: [...units.values()].sort((a, b) => b.overdue + b.late + b.bounced - (a.overdue + a.late + a.bounced)) };
}
