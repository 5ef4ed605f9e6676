import { test } from 'node:test';
import assert from 'node:assert/strict';
import { performance, performanceOfCounts, outcomeOf, type Group, type GroupBy, type PerfItem } from './performance.ts';

const mk = (id: string, dep: string, leader: string | null, kind: string, due: string, closedOn: string | null): PerfItem => ({
  id, title: id, department: { id: `u-${dep}`, name: dep }, leader: leader ? { id: `p-${leader}`, name: leader } : null, kind: { code: kind, label: kind }, due, closedOn,
});
const items = [
  mk('a', '市教育局', '张三', '常规督查', '2026-03-10', '2026-03-09'),
  mk('b', '市教育局', null, '专项督查', '2026-03-10', '2026-03-12'),
  mk('c', '市发展改革委', '李四', '常规督查', '2026-03-10', null),
  mk('d', '市发展改革委', '张三', '专项督查', '2026-04-30', null),
  mk('e', '市财政局', '李四', '常规督查', '2026-02-01', '2026-02-01'),
];
const today = '2026-03-20';

test('第五十条 and 第九十三条: rates counted by the store per group equal those over the items, in the same fixed order', () => {
  for (const by of ['department', 'leader', 'kind', 'month'] as GroupBy[]) {
    const fromItems = performance(items, by, { from: '2026-01-01', to: '2026-12-31' }, today);
    // what a GROUP BY returns: outcome counts per key, in no particular order
    const counts = [...fromItems.groups].reverse().map((g) => {
      const mine = items.filter((i) => g.itemIds.includes(i.id)).map((i) => outcomeOf(i, today));
      return { key: g.key, label: g.label, onTime: mine.filter((o) => o === 'on_time').length, late: mine.filter((o) => o === 'late').length,
        overdueOpen: mine.filter((o) => o === 'overdue_open').length, open: mine.filter((o) => o === 'open').length };
    });
    const fromCounts = performanceOfCounts(counts, by);
    const strip = ({ itemIds: _, ...g }: Group) => g;
    assert.deepEqual(fromCounts.groups, fromItems.groups.map(strip), by);
    assert.deepEqual(fromCounts.totals, strip(fromItems.totals), by);
  }
});
