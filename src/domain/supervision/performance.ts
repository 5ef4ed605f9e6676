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
  const rate = (g: Group) => {
    const decided = g.onTime + g.late + g.overdueOpen;
    g.onTimeRate = decided ? g.onTime / decided : null;
    g.overdueRate = decided ? (g.late + g.overdueOpen) / decided : null;
  };
  const groups = [...map.values()].sort((a, b) => (by === 'month' ? a.key.localeCompare(b.key) : a.label.localeCompare(b.label, 'zh-Hans-CN')));
  groups.forEach(rate);
  rate(totals);
  return { groups, totals };
}
