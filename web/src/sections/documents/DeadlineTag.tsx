import { articleLabel } from '../../lib/api.ts';
import { DeadlineTag as CalendarDeadlineTag } from '../calendar/DeadlineTag.tsx';

// A document's deadline shown with its rule and state (“3个工作日 · 第七十三条”, 按期/即将到期/已逾期/日历未知),
// through the calendar's DeadlineTag, with the state the server computed.
export const LIMIT_LABELS: Record<string, string> = {
  withinPowers: '3个工作日', departmentOpinion: '3个工作日', jointOpinion: '5个工作日', investigationResult: '30个工作日',
  legalityReview: '按合法性审查规定', urgent: '市政府明确的时限', countersign: '2个工作日',
};

export function DeadlineTag({ due, state, article, rule, unknownYears }: { due?: string | null; state?: string | null; article?: number | null; rule?: string | null; unknownYears?: number[] }) {
  if (!due) return null;
  const label = [rule, article ? articleLabel(article) : null].filter(Boolean).join(' · ') || '期限';
  return <CalendarDeadlineTag deadline={{ label, due: String(due).slice(0, 10), unknownYears }} state={(state ?? undefined) as any} />;
}
