// 公开属性 (disclosure attribute) and what may be published (第三十七条、第三十九条).
// "以公开为常态、不公开为例外": every outgoing document carries an attribute decided at drafting
// (源头认定); 不予公开 needs a reason; only 主动公开 material is published proactively.
import { basedOn } from '../shared/article.ts';
import type { Violation } from '../shared/violation.ts';

export const DISCLOSURE_ATTRIBUTES = ['主动公开', '依申请公开', '不予公开'] as const;
export type DisclosureAttribute = (typeof DISCLOSURE_ATTRIBUTES)[number];

/** The pack's 第三十七条 parameters (openness.attribute.required). */
export interface AttributeParams {
  article: number;
  values: readonly string[];
  withheldNeedsReason: boolean;
  /** the article proactive publication rests on (第三十九条) */
  publishArticle: number;
}

/** Every problem with an attribute as set at drafting or confirmed at signing. */
export function checkAttribute(
  input: { attribute?: string | null; reason?: string | null },
  p: AttributeParams,
): Violation[] {
  const out: Violation[] = [];
  if (!input.attribute) {
    out.push({ code: 'OPENNESS.ATTRIBUTE_MISSING', article: p.article, message: `${basedOn(p.article)}，公文须标明公开属性（${p.values.join('、')}）` });
  } else if (!p.values.includes(input.attribute)) {
    out.push({ code: 'OPENNESS.ATTRIBUTE_INVALID', article: p.article, message: `${basedOn(p.article)}，公开属性只能是${p.values.join('、')}，不能是「${input.attribute}」`, details: { attribute: input.attribute } });
  }
  if (input.attribute === '不予公开' && p.withheldNeedsReason && !input.reason?.trim()) {
    out.push({ code: 'OPENNESS.WITHHELD_REASON_MISSING', article: p.article, message: `${basedOn(p.article)}，公开为常态、不公开为例外，不予公开须写明理由` });
  }
  return out;
}

/** What a publication candidate must satisfy before it goes to the portal. */
export interface PublishCandidate {
  attribute?: string | null;
  attributeReason?: string | null;
  title: string;
  body: string;
  issuedOn?: string | null;
  /** already on the portal (same source) */
  alreadyPublished: boolean;
}

/**
 * Proactive publication (第三十九条): only 主动公开 material goes to the portal. A 不予公开 or 依申请公开
 * document is refused — it can reach the public only through an answered disclosure request.
 */
export function checkPublishable(c: PublishCandidate, p: AttributeParams): Violation[] {
  const out = checkAttribute({ attribute: c.attribute, reason: c.attributeReason }, p)
    .filter((v) => v.code !== 'OPENNESS.WITHHELD_REASON_MISSING');
  if (c.attribute === '不予公开') {
    out.push({ code: 'OPENNESS.NOT_PUBLISHABLE', article: p.publishArticle, message: `${basedOn(p.publishArticle)}，该文件公开属性为不予公开${c.attributeReason ? `（理由：${c.attributeReason}）` : ''}，不得主动公开`, details: { attribute: c.attribute } });
  } else if (c.attribute === '依申请公开') {
    out.push({ code: 'OPENNESS.NOT_PUBLISHABLE', article: p.publishArticle, message: `${basedOn(p.publishArticle)}，该文件公开属性为依申请公开，只能通过依申请公开答复提供，不在门户主动公开`, details: { attribute: c.attribute } });
  }
  if (!c.title.trim()) out.push({ code: 'OPENNESS.CONTENT_MISSING', message: '公开的信息须有标题' });
  if (!c.body.trim()) out.push({ code: 'OPENNESS.CONTENT_MISSING', message: '公开的信息须有正文' });
  if (!c.issuedOn) out.push({ code: 'OPENNESS.CONTENT_MISSING', message: '公开的信息须有成文或发布日期' });
  if (c.alreadyPublished) out.push({ code: 'OPENNESS.ALREADY_PUBLISHED', message: '该信息已经公开，不能重复发布；内容变更请登记修订' });
  return out;
}
