// 第五十二条, 第五十三条: 全体会议一般每年召开2次；常务会议一般每月召开2次至3次 — "一般", so the report shows
// held against usual and flags the difference; it never blocks a meeting ("必要时可随时召开").
import type { Frequency, MeetingRules } from './rules.ts';
import { MEETING_TYPES, MEETING_TYPE_LABELS, type MeetingType } from './types.ts';

export interface RhythmRow {
  type: MeetingType;
  label: string;
  /** 2026 or 2026-03 */
  period: string;
  held: number;
  usual: { min: number; max: number } | null;
  article: number;
  state: 'below' | 'within' | 'above' | 'untracked';
}

/** Counts meetings held (opened) per type and period. `heldDates`: ISO dates (Beijing) of held meetings. */
export function rhythmReport(held: readonly { type: MeetingType; date: string }[], year: number, months: number[], rules: MeetingRules): RhythmRow[] {
  const rows: RhythmRow[] = [];
  for (const type of MEETING_TYPES) {
    const t = rules.types[type];
    const f: Frequency | undefined = t.frequency;
    const periods = f?.per === 'month' ? months.map((m) => `${year}-${String(m).padStart(2, '0')}`) : [String(year)];
    for (const period of periods) {
      const n = held.filter((h) => h.type === type && h.date.startsWith(period)).length;
      rows.push({
        type,
        label: MEETING_TYPE_LABELS[type],
        period,
        held: n,
        usual: f ? { min: f.min, max: f.max } : null,
        article: f?.article ?? t.article,
        state: !f ? 'untracked' : n < f.min ? 'below' : n > f.max ? 'above' : 'within',
      });
    }
  }
  return rows;
}
