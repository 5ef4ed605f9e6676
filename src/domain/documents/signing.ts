// 第七十条–第七十二条: who signs an outgoing document in the government's name, who reviews it first,
// and whether the mayor must be told before signing. The result names its article.
import { articleLabel, basedOn } from '../shared/article.ts';
import { accept, refuse, type Decision } from '../shared/violation.ts';
import { governmentPost, leaderInCharge, positionById } from '../org/queries.ts';
import type { IsoDate, Org } from '../org/types.ts';
import type { Direction } from './model.ts';
import type { DocumentParams } from './params.ts';

export type JointKind = 'none' | 'party' | 'external';

export interface SigningFacts {
  docType: string;
  direction: Direction;
  joint: JointKind;
  /** joint with another city or provincial department: the counterpart signer's rank */
  counterpartRank?: 'mayor' | 'vice_mayor' | null;
  /** a matter of 第七十条 beyond the type (规章, 人事任免) */
  reservedMatter?: string | null;
  /** a matter of 第七十二条 (审计事项、大额资金使用 …) */
  majorMatter?: string | null;
  /** the department in charge of the subject: its vice mayor in charge signs or reviews */
  leadUnitId: string;
}

export type SignerRole = 'mayor' | 'vice_mayor_in_charge';

export interface SigningPlan {
  signerRole: SignerRole;
  signerPositionId: string;
  reviewers: { role: 'secretary_general' | 'vice_mayor_in_charge'; positionId: string }[];
  reportToMayorFirst: boolean;
  /** the mayor signs as 会签 of a joint party–government document */
  countersign: boolean;
  /** a power 第七十条 reserves to the mayor: never delegated, the document waits */
  reservedMatter: string | null;
  article: number;
  explanation: string;
}

const TYPE_MATTER: Record<string, string> = { 议案: '议案', '命令（令）': '命令', 命令: '命令' };

/** The matter of 第七十条 a draft falls under, if any (by type, or declared). */
export function reservedMatterOf(f: Pick<SigningFacts, 'docType' | 'reservedMatter'>, p: DocumentParams): string | null {
  const byType = TYPE_MATTER[f.docType];
  if (byType && p.mayorReservedMatters.value.includes(byType)) return byType;
  if (f.reservedMatter && p.mayorReservedMatters.value.includes(f.reservedMatter)) return f.reservedMatter;
  return null;
}

export function signingPlan(org: Org, date: IsoDate, f: SigningFacts, p: DocumentParams): Decision<SigningPlan> {
  const mayor = governmentPost(org, 'mayor');
  const sg = governmentPost(org, 'secretary_general');
  if (!mayor) return refuse([{ code: 'DOC.NO_SIGNER', message: '未设置市长职务，无法确定签发人' }]);
  const inCharge = leaderInCharge(org, f.leadUnitId, date);
  const vmic = inCharge?.positionId ?? null;
  const vmTitle = vmic ? positionById(org, vmic)?.title ?? '分管副市长' : '分管副市长';
  const needVmic = (article: number) =>
    refuse<SigningPlan>([{ code: 'DOC.NO_LEADER_IN_CHARGE', article, message: `${basedOn(article)}须由分管副市长审核或签发，但主办部门没有分管市领导；请先登记分管` }]);
  const reviewersVmic = vmic && vmic !== mayor.id ? [{ role: 'vice_mayor_in_charge' as const, positionId: vmic }] : [];

  const reserved = reservedMatterOf(f, p);
  if (reserved) {
    const a = p.mayorReservedMatters.article;
    return accept({ signerRole: 'mayor', signerPositionId: mayor.id, reviewers: reviewersVmic, reportToMayorFirst: false, countersign: false,
      reservedMatter: reserved, article: a, explanation: `${basedOn(a)}，${reserved}由市长签署（不因委托或外出转由他人签署）` });
  }
  if (f.majorMatter && p.majorMatters.value.includes(f.majorMatter)) {
    const a = p.majorMatters.article;
    if (!vmic) return needVmic(a);
    return accept({ signerRole: 'mayor', signerPositionId: mayor.id, reviewers: reviewersVmic, reportToMayorFirst: false, countersign: false,
      reservedMatter: null, article: a, explanation: `${basedOn(a)}，涉及${f.majorMatter}的发文，由${vmTitle}审核把关后报市长审定` });
  }
  const a71 = p.articles.upward;
  if (f.joint === 'party') {
    if (!vmic) return needVmic(p.articles.jointParty);
    return accept({ signerRole: 'mayor', signerPositionId: mayor.id, reviewers: reviewersVmic, reportToMayorFirst: false, countersign: true,
      reservedMatter: null, article: p.articles.jointParty, explanation: `${basedOn(p.articles.jointParty)}，市委、市政府联合发文由${vmTitle}审核后报市长会签` });
  }
  if (f.joint === 'external') {
    if (f.counterpartRank === 'mayor') {
      return accept({ signerRole: 'mayor', signerPositionId: mayor.id, reviewers: [], reportToMayorFirst: false, countersign: false,
        reservedMatter: null, article: p.articles.jointExternal, explanation: `${basedOn(p.articles.jointExternal)}，联合方由主要负责同志签发，对应由市长签发` });
    }
    if (!vmic) return needVmic(p.articles.jointExternal);
    return accept({ signerRole: 'vice_mayor_in_charge', signerPositionId: vmic, reviewers: [], reportToMayorFirst: true, countersign: false,
      reservedMatter: null, article: p.articles.jointExternal, explanation: `${basedOn(p.articles.jointExternal)}，与联合方签发人职务对应，由${vmTitle}签发，签发前报告市长` });
  }
  if (f.direction === 'upward') {
    if (!vmic) return needVmic(a71);
    const reviewers = [...(sg ? [{ role: 'secretary_general' as const, positionId: sg.id }] : []), ...reviewersVmic];
    return accept({ signerRole: 'mayor', signerPositionId: mayor.id, reviewers, reportToMayorFirst: false, countersign: false,
      reservedMatter: null, article: a71, explanation: `${basedOn(a71)}，以市政府名义制发的上行文，经秘书长、${vmTitle}审核后由市长签发` });
  }
  if (!vmic) return needVmic(p.articles.parallel);
  if (vmic === mayor.id) {
    return accept({ signerRole: 'mayor', signerPositionId: mayor.id, reviewers: [], reportToMayorFirst: false, countersign: false,
      reservedMatter: null, article: p.articles.parallel, explanation: `${basedOn(p.articles.parallel)}，主办部门由市长分管，由市长签发` });
  }
  return accept({ signerRole: 'vice_mayor_in_charge', signerPositionId: vmic, reviewers: [], reportToMayorFirst: true, countersign: false,
    reservedMatter: null, article: p.articles.parallel,
    explanation: `${basedOn(p.articles.parallel)}，以市政府名义制发的${f.direction === 'parallel' ? '平行文' : '下行文'}由${vmTitle}签发，签发前报告市长` });
}

export const signingArticleLabel = (plan: SigningPlan): string => articleLabel(plan.article);
