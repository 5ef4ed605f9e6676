// 24-hour duty (第八十条): every department keeps a roster covering each hour of each day; gaps are
// flagged (not blocked — a gap is a fact to fix, and the roster must still be recordable while it is
// being filled). The horizon checked and the hours per day are pack parameters.
import { basedOn } from '../shared/article.ts';
import type { Violation } from '../shared/violation.ts';
import { addDays, type IsoDate } from '../calendar/date.ts';

export interface Shift {
  unitId: string;
  date: string;
  /** hours 0..24, start inclusive, end exclusive */
  startHour: number;
  endHour: number;
  personName: string;
  phone?: string;
}

export interface DutyRules { horizonDays: number; hoursPerDay: number; article: number }

export interface Gap { unitId: string; date: string; startHour: number; endHour: number }

export function checkShift(s: Shift, r: DutyRules): Violation[] {
  const out: Violation[] = [];
  if (!Number.isInteger(s.startHour) || !Number.isInteger(s.endHour) || s.startHour < 0 || s.endHour > r.hoursPerDay || s.startHour >= s.endHour) {
    out.push({ code: 'LEAD.SHIFT_INVALID', message: `值班时段应在0至${r.hoursPerDay}时之间且开始早于结束`, article: r.article, details: { startHour: s.startHour, endHour: s.endHour } });
  }
  if (!s.personName.trim()) out.push({ code: 'LEAD.SHIFT_PERSON_MISSING', message: '应写明值班人员', article: r.article });
  return out;
}

/** Uncovered hours for each unit over [from, from + horizon). */
export function rosterGaps(unitIds: string[], shifts: Shift[], from: IsoDate, r: DutyRules): Gap[] {
  const gaps: Gap[] = [];
  for (const unitId of unitIds) {
    for (let k = 0; k < r.horizonDays; k++) {
      const date = addDays(from, k);
      const covered = new Array<boolean>(r.hoursPerDay).fill(false);
      for (const s of shifts) if (s.unitId === unitId && s.date === date) for (let h = s.startHour; h < s.endHour; h++) covered[h] = true;
      let h = 0;
      while (h < r.hoursPerDay) {
        if (covered[h]) { h++; continue; }
        const start = h;
        while (h < r.hoursPerDay && !covered[h]) h++;
        gaps.push({ unitId, date, startHour: start, endHour: h });
      }
    }
  }
  return gaps;
}

export const gapFlag = (g: Gap, unitName: string, r: DutyRules): Violation => ({
  code: 'LEAD.ROSTER_GAP',
  message: `${basedOn(r.article)}，${unitName}${g.date} ${g.startHour}:00—${g.endHour}:00 无人值班`,
  article: r.article,
  details: { ...g },
});
