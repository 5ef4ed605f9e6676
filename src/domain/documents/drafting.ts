// 拟稿: 第七十四条 warnings (flags, not blocks) and the disclosure attribute decided at the source.
import { basedOn } from '../shared/article.ts';
import type { Violation } from '../shared/violation.ts';
import type { DocumentParams } from './params.ts';

export interface DraftFacts {
  /** the issuing organ's name as it appears on the document (市政府, 市政府办公室 …) */
  issuerName: string;
  withinDepartmentPowers: boolean;
  separateDivisionPlan: boolean;
  alreadyCovered: boolean;
  necessity?: string | null;
  body: string;
  disclosure: string | null;
  disclosureReason?: string | null;
}

/** 第七十四条: allowed, but shown as a warning citing the article. */
export function draftingWarnings(d: DraftFacts, p: DocumentParams): Violation[] {
  const a = p.articles.drafting;
  const w: Violation[] = [];
  if (d.withinDepartmentPowers && p.departmentMatterIssuers.value.includes(d.issuerName)) {
    w.push({ code: 'DOC.DRAFT_DEPARTMENT_MATTER', article: a,
      message: `${basedOn(a)}，属部门职权范围内事务、应由部门自行发文或联合发文的，不以${d.issuerName}名义发文` });
  }
  if (d.separateDivisionPlan) {
    w.push({ code: 'DOC.DRAFT_SEPARATE_DIVISION_PLAN', article: a, message: `${basedOn(a)}，分工方案原则上应与文件合并印发，不单独发文` });
  }
  if (d.alreadyCovered) {
    w.push({ code: 'DOC.DRAFT_ALREADY_COVERED', article: a,
      message: `${basedOn(a)}，法律法规已作出明确规定、现行文件已有部署且仍然适用的，一律不再制发文件${d.necessity?.trim() ? `（已说明必要性：${d.necessity.trim()}）` : '；请说明发文必要性'}` });
  }
  if (d.body.replace(/\s/g, '').length < 20) {
    w.push({ code: 'DOC.DRAFT_NO_SUBSTANCE', article: a, message: `${basedOn(a)}，没有实质内容、可发可不发的文件简报，一律不发` });
  }
  return w;
}

/** A draft without a 公开属性 (or 不予公开 without a reason) is not routed. */
export function disclosureViolations(disclosure: string | null | undefined, reason: string | null | undefined, p: DocumentParams): Violation[] {
  const a = p.disclosureValues.article;
  if (!disclosure) {
    return [{ code: 'DOC.DISCLOSURE_MISSING', article: a,
      message: `${basedOn(a)}，拟稿时须确定公开属性（${p.disclosureValues.value.join('、')}），未确定的不得流转` }];
  }
  if (!p.disclosureValues.value.includes(disclosure)) {
    return [{ code: 'DOC.DISCLOSURE_MISSING', article: a, message: `公开属性“${disclosure}”无效，应为${p.disclosureValues.value.join('、')}之一` }];
  }
  const withheld = p.disclosureValues.value[p.disclosureValues.value.length - 1];
  if (disclosure === withheld && p.withheldNeedsReason.value && !reason?.trim()) {
    return [{ code: 'DOC.DISCLOSURE_REASON_MISSING', article: p.withheldNeedsReason.article, message: `${basedOn(p.withheldNeedsReason.article)}，公开为常态、不公开为例外：${withheld}须写明理由` }];
  }
  return [];
}
