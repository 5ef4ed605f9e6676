// March 2026 for the case tables: a year with its arrangement loaded (国办发明电〔2025〕7号, first half).
import { validateArrangement } from '../calendar/arrangement.ts';
import { buildCalendarIndex, type CalendarIndex } from '../calendar/calendar.ts';

export function shippedCalendarForTests(): CalendarIndex {
  const d = validateArrangement({
    year: 2026,
    notice: { title: '国务院办公厅关于2026年部分节假日安排的通知', number: '国办发明电〔2025〕7号', date: '2025-11-04' },
    holidays: [
      { name: '元旦', daysOff: [{ from: '2026-01-01', to: '2026-01-03' }], makeupWorkdays: ['2026-01-04'] },
      { name: '春节', daysOff: [{ from: '2026-02-15', to: '2026-02-23' }], makeupWorkdays: ['2026-02-14', '2026-02-28'] },
      { name: '清明节', daysOff: [{ from: '2026-04-04', to: '2026-04-06' }], makeupWorkdays: [] },
    ],
  });
  if (!d.ok) throw new Error(d.violations.map((v) => v.message).join('；'));
  return buildCalendarIndex([d.value], { firstYear: 2026, lastYear: 2026 });
}
