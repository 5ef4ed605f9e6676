// Emergencies (第四十一条): 快报事实、慎报原因 — report upward first, then release the facts, then update
// as events develop; false or incomplete information in circulation is answered with accurate
// information within one's remit. The sequence is the pack's (openness.emergency.factsFirst).
import { basedOn } from '../shared/article.ts';
import type { Violation } from '../shared/violation.ts';

export type EmergencyEntryKind = 'upward_report' | 'fact_release' | 'update' | 'correction';

export const EMERGENCY_KIND_LABELS: Record<EmergencyEntryKind, string> = {
  upward_report: '向上级报告',
  fact_release: '首次发布事实',
  update: '跟进更新',
  correction: '澄清更正',
};

/** Kinds that go to the public portal. */
export const PUBLIC_EMERGENCY_KINDS: readonly EmergencyEntryKind[] = ['fact_release', 'update', 'correction'];

export interface EmergencyEntry {
  kind: EmergencyEntryKind;
  at: string;
}

/** Every reason the next entry cannot be recorded yet. */
export function checkEmergencyEntry(
  existing: readonly EmergencyEntry[],
  next: { kind: EmergencyEntryKind; content: string; corrects?: string | null },
  article: number,
): Violation[] {
  const out: Violation[] = [];
  const has = (k: EmergencyEntryKind) => existing.some((e) => e.kind === k);
  if (next.kind !== 'upward_report' && !has('upward_report')) {
    out.push({ code: 'OPENNESS.EMERGENCY_REPORT_FIRST', article, message: `${basedOn(article)}，重大突发事件应当先客观、及时上报，再向社会发布信息` });
  }
  if ((next.kind === 'update') && !has('fact_release')) {
    out.push({ code: 'OPENNESS.EMERGENCY_FACTS_FIRST', article, message: `${basedOn(article)}，快报事实：应先发布事实，再根据事态发展更新` });
  }
  if (next.kind === 'correction' && !next.corrects?.trim()) {
    out.push({ code: 'OPENNESS.EMERGENCY_CORRECTION_TARGET', article, message: `${basedOn(article)}，澄清须写明所针对的虚假或不完整信息` });
  }
  if (!next.content?.trim()) out.push({ code: 'OPENNESS.CONTENT_MISSING', article, message: '发布内容不能为空' });
  return out;
}
