// Policy interpretation (第四十条): 谁起草、谁解读 — the unit that drafted a policy owns its
// interpretation. The policy and its interpretation are linked both ways on the portal.
import { basedOn } from '../shared/article.ts';
import type { Violation } from '../shared/violation.ts';

export function checkInterpretation(
  policy: { kind: string; draftingUnitId: string | null; status: string } | null,
  interpretation: { unitId: string; title: string; body: string },
  article: number,
): Violation[] {
  const out: Violation[] = [];
  if (!policy) {
    out.push({ code: 'OPENNESS.POLICY_NOT_PUBLISHED', article, message: `${basedOn(article)}，解读须关联一件已公开的政策文件` });
    return out;
  }
  if (policy.kind === 'interpretation') out.push({ code: 'OPENNESS.POLICY_NOT_PUBLISHED', article, message: '不能为解读再作解读，请关联政策文件本身' });
  if (policy.draftingUnitId && policy.draftingUnitId !== interpretation.unitId) {
    out.push({ code: 'OPENNESS.INTERPRETATION_NOT_DRAFTER', article, message: `${basedOn(article)}，按照“谁起草、谁解读”的原则，该政策由起草单位负责解读`, details: { draftingUnitId: policy.draftingUnitId, unitId: interpretation.unitId } });
  }
  if (!interpretation.title.trim() || !interpretation.body.trim()) out.push({ code: 'OPENNESS.CONTENT_MISSING', article, message: '解读须有标题和正文' });
  return out;
}
