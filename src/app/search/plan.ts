// How a search reads its matches, chosen from the capped count (the product rule of docs/performance.md, "Search"):
// - no match: nothing to read;
// - at most `cap` matches: every match, from the GIN index, ordered by relevance (ts_rank_cd) or date;
// - more than `cap`, 最新: the date index, newest first, stopping after the page;
// - more than `cap`, 相关度: ts_rank_cd over a bounded candidate set (the newest `window` matches and
//   the newest `window` title matches), widened when the page asked for lies beyond it.
import type { SearchSort } from './search.ts';

export type RankingPlan =
  | { kind: 'none' }
  | { kind: 'all' }
  | { kind: 'newest' }
  | { kind: 'window'; window: number };

export function rankingPlan(p: { matches: number; cap: number; sort: SearchSort; window: number; offset: number; limit: number }): RankingPlan {
  if (p.matches === 0) return { kind: 'none' };
  if (p.matches <= p.cap) return { kind: 'all' };
  if (p.sort === 'newest') return { kind: 'newest' };
  return { kind: 'window', window: Math.max(p.window, p.offset + p.limit) };
}
