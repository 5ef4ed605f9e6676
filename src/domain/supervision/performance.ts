// Performance views (第五十条 绩效管理、责任倒查): on-time and overdue rates grouped by department, leader in
// charge, kind or month, over a period. Groups are listed in a fixed order (by name), never ranked: the
// rules warn against formalism (第九十三条), and the pack says whether individuals may be ranked.

export type GroupBy = 'department' | 'leader' | 'kind' | 'month';

export interface PerfItem {
  id: string;
  title: string;
  department: { id: string; name: string };
  leader: { id: string; name: string } | null;
  kind: { code: string; label: string };
  due: string;
  closedOn: string | null;
}

export type Outcome = 'on_time' | 'late' | 'overdue_open' | 'open';

export function outcomeOf(i: Pick<PerfItem, 'due' | 'closedOn'>, today: string): Outcome {
  if (i.closedOn) return i.closedOn <= i.due ? 'on_time' : 'late';
  return today > i.due ? 'overdue_open' : 'open';
}

export interface Group {
  key: string;
  label: string;
  total: number;
  onTime: number;
  late: number;
  overdueOpen: number;
  open: number;
  /** on-time share of the items already decided (closed, or past their due date); null when none */
  onTimeRate: number | null;
  overdueRate: number | null;
  itemIds: string[];
}

function keyOf(i: PerfItem, by: GroupBy): { key: string; label: string } {
  switch (by) {
    case 'department': return { key: i.department.id, label: i.department.name };
    case 'leader': return i.leader ? { key: i.leader.id, label: i.leader.name } : { key: '-', label: '（未明确分管领导）' };
    case 'kind': return { key: i.kind.code, label: i.kind.label };
    case 'month': return { key: i.due.slice(0, 7), label: `${i.due.slice(0, 4)}年${Number(i.due.slice(5, 7))}月` };
  }
}

/** Items due within [from, to], grouped. */
export function performance(items: PerfItem[], by: GroupBy, period: { from: string; to: string }, today: string): { groups: Group[]; totals: Group } {
  const inPeriod = items.filter((i) => i.due >= period.from && i.due <= period.to);
  const map = new Map<string, Group>();
  const blank = (key: string, label: string): Group => ({ key, label, total: 0, onTime: 0, late: 0, overdueOpen: 0, open: 0, onTimeRate: null, overdueRate: null, itemIds: [] });
  const totals = blank('*', '合计');
  for (const i of inPeriod) {
    const k = keyOf(i, by);
    const g = map.get(k.key) ?? blank(k.key, k.label);
    map.set(k.key, g);
    for (const x of [g, totals]) {
      x.total++;
      x.itemIds.push(i.id);
      const o = outcomeOf(i, today);
      if (o === 'on_time') x.onTime++;
      else if (o === 'late') x.late++;
      else if (o === 'overdue_open') x.overdueOpen++;
      else x.open++;
    }
  }
  const groups = [...map.values()].sort(inFixedOrder(by));
  groups.forEach(rate);
  rate(totals);
  return { groups, totals };
}

function rate(g: Omit<Group, 'itemIds'>) {
  const decided = g.onTime + g.late + g.overdueOpen;
  g.onTimeRate = decided ? g.onTime / decided : null;
  g.overdueRate = decided ? (g.late + g.overdueOpen) / decided : null;
}

const inFixedOrder = (by: GroupBy) => (a: { key: string; label: string }, b: { key: string; label: string }) =>
  by === 'month' ? a.key.localeCompare(b.key) : a.label.localeCompare(b.label, 'zh-Hans-CN');

/** The outcome counts of one group, as counted by the store over the items due within the period. */
export interface GroupCounts {
  key: string;
  label: string;
  onTime: number;
  late: number;
  overdueOpen: number;
  open: number;
}

/** The same view as performance() from counts already grouped: totals, rates and the fixed order
 *  (the items themselves are listed per group on request). */
export function performanceOfCounts(counts: GroupCounts[], by: GroupBy): { groups: Omit<Group, 'itemIds'>[]; totals: Omit<Group, 'itemIds'> } {
  const totals: Omit<Group, 'itemIds'> = { key: '*', label: '合计', total: 0, onTime: 0, late: 0, overdueOpen: 0, open: 0, onTimeRate: null, overdueRate: null };
  const groups = counts.map((c) => ({ ...c, total: c.onTime + c.late + c.overdueOpen + c.open, onTimeRate: null as number | null, overdueRate: null as number | null }));
  for (const g of groups) {
    totals.total += g.total; totals.onTime += g.onTime; totals.late += g.late; totals.overdueOpen += g.overdueOpen; totals.open += g.open;
  }
  groups.sort(inFixedOrder(by));
  groups.forEach(rate);
  rate(totals);
  return { groups, totals };
}
