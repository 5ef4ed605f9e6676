// Grassroots research days (第九十六条): each city leader at least N days a year (N a pack parameter,
// "不少于" includes N). Only research that has taken place is logged.
import { basedOn } from '../shared/article.ts';
import { decide, type Decision, type Violation } from '../shared/violation.ts';
import { dayNumberOf, dayNumberOfIso, isIsoDate } from '../calendar/date.ts';

export interface ResearchRules { minimumDays: number; article: number }

export interface ResearchEntry { personId: string; from: string; to: string; place: string; topic: string }

export const entryDays = (e: Pick<ResearchEntry, 'from' | 'to'>): number => dayNumberOfIso(e.to) - dayNumberOfIso(e.from) + 1;

export function checkResearchEntry(e: ResearchEntry, existing: ResearchEntry[], today: string, r: ResearchRules): Decision<ResearchEntry> {
  const blocks: Violation[] = [];
  if (!isIsoDate(e.from) || !isIsoDate(e.to)) blocks.push({ code: 'LEAD.INVALID_DATE', message: '调研日期格式错误（应为 YYYY-MM-DD）' });
  else {
    if (e.to < e.from) blocks.push({ code: 'LEAD.INVALID_PERIOD', message: '调研结束日期早于开始日期' });
    if (e.to > today) blocks.push({ code: 'LEAD.RESEARCH_IN_FUTURE', message: `${basedOn(r.article)}，只登记已完成的调研，${e.to}晚于今天${today}`, article: r.article, details: { to: e.to, today } });
    if (e.from.slice(0, 4) !== e.to.slice(0, 4)) blocks.push({ code: 'LEAD.RESEARCH_SPANS_YEARS', message: '跨年度的调研请按年度分两条登记', article: r.article });
    const clash = existing.find((x) => x.personId === e.personId && x.from <= e.to && e.from <= x.to);
    if (clash) blocks.push({ code: 'LEAD.RESEARCH_OVERLAP', message: `${clash.from}至${clash.to}已登记调研（${clash.place}），同一天不重复计算`, article: r.article });
  }
  if (!e.place.trim() || !e.topic.trim()) blocks.push({ code: 'LEAD.RESEARCH_INCOMPLETE', message: '应写明调研地点和主题', article: r.article });
  return decide(blocks, [], () => e);
}

export interface ResearchProgress {
  year: number;
  days: number;
  minimum: number;
  /** days expected by today at an even pace */
  expectedByNow: number;
  /** days at year end if the pace so far continues */
  projected: number;
  onTrack: boolean;
  /** days still needed */
  remaining: number;
  article: number;
}

export function researchProgress(entries: ResearchEntry[], year: number, today: string, r: ResearchRules): ResearchProgress {
  const days = entries.filter((e) => e.from.startsWith(String(year))).reduce((n, e) => n + entryDays(e), 0);
  const start = dayNumberOf(year, 1, 1);
  const len = dayNumberOf(year + 1, 1, 1) - start;
  const elapsed = Math.min(len, Math.max(0, dayNumberOfIso(today) - start + 1));
  const fraction = elapsed / len;
  const projected = fraction > 0 ? Math.round(days / fraction) : 0;
  return {
    year, days, minimum: r.minimumDays,
    expectedByNow: Math.round(r.minimumDays * fraction),
    projected,
    onTrack: days >= r.minimumDays || projected >= r.minimumDays,
    remaining: Math.max(0, r.minimumDays - days),
    article: r.article,
  };
}
