// Who acts for a post on a date, and why.
//
// 第十一条  副市长之间实行AB岗互补工作制度 — the rules say no more. Routing an away vice mayor's items to the
//           paired partner ("AB岗代理") is our reading of it, and every such result says so.
// 第十三条  市长离市出差、学习期间，受市长委托，由负责常务工作的副市长主持市政府工作 — both conditions: the
//           absence must be of a listed kind (a pack parameter) AND the mayor must have entrusted it; a trip
//           record alone switches nothing on.
// 第七十条  powers the rules reserve to the mayor (a pack parameter) are never delegated: the item waits.
// When the one who would act is away too, the result says so; nobody else is picked silently.
import { articleLabel, basedOn } from '../shared/article.ts';
import { accept, refuse, type Decision, type Violation } from '../shared/violation.ts';
import { ABSENCE_KIND_LABELS, periodLabel } from './labels.ts';
import {
  absenceOn,
  backupPartnerOf,
  entrustmentsOn,
  governmentPost,
  holderOf,
  isIsoDate,
  isViceMayorKind,
  personById,
  positionById,
  positionsOf,
} from './queries.ts';
import type { Absence, DelegationRules, IsoDate, Org, Position, PositionKind, ReservedPower } from './types.ts';

/** handle: the post's own items (分管事项、阅处); preside: presiding over the government's work and
 *  convening its meetings; power: a named power (reserved ones are listed in the rule pack). */
export type Purpose = { kind: 'handle' } | { kind: 'preside' } | { kind: 'power'; powerId: string };

/** self: the holder acts; acting: someone else acts for the holder; waits: the item waits for the
 *  holder; unresolved: nobody can be named from the recorded facts — a person has to decide. */
export type ActingOutcome = 'self' | 'acting' | 'waits' | 'unresolved';
export type ActingBasis = 'self' | 'backup_partner' | 'entrustment' | 'none';

export interface ActingResult {
  outcome: ActingOutcome;
  /** who acts (self, acting) or whom the item waits for (waits); null when unresolved */
  personId: string | null;
  /** the post through which that person acts */
  positionId: string | null;
  /** true when someone other than the post holder acts */
  acting: boolean;
  basis: ActingBasis;
  /** the article the answer rests on */
  article?: number;
  /** set when the answer rests on our reading of an article rather than its words */
  interpretation?: string;
  /** Chinese, names the people, dates and article */
  reason: string;
  /** the post asked about, and who holds it */
  forPositionId: string;
  holderPersonId: string | null;
  /** the holder's absence that triggered delegation */
  absence?: Absence;
  entrustmentId?: string;
  /** visible warnings (the item waits, both partners away …), each with its code and article */
  flags: Violation[];
}

/** Our reading of 第十一条, shown with every AB岗代理 result. */
export const BACKUP_INTERPRETATION =
  '第十一条只规定「副市长之间实行AB岗互补工作制度」；副市长外出期间其分管事项由AB岗搭档代为处理（AB岗代理），是本系统对该条的理解，不是条文原文。';

/** The articles that give each post its own duties, cited when the holder acts in person. */
const DUTY_ARTICLE: Partial<Record<PositionKind, number>> = {
  mayor: 9, // 市长负责制
  executive_vice_mayor: 11,
  vice_mayor: 11, // 按分工负责处理分管工作
  secretary_general: 12,
  deputy_secretary_general: 12,
  department_principal_head: 14,
  department_head: 14,
  duty_officer: 80,
};

export function whoActsFor(
  org: Org,
  positionOrPersonId: string,
  date: IsoDate,
  purpose: Purpose,
  rules: DelegationRules,
): Decision<ActingResult> {
  if (!isIsoDate(date)) {
    return refuse([{ code: 'ORG.INVALID_DATE', message: `日期格式错误：${date}（应为 YYYY-MM-DD）`, details: { date } }]);
  }
  let post = positionById(org, positionOrPersonId);
  if (!post) {
    const person = personById(org, positionOrPersonId);
    if (!person) {
      return refuse([
        { code: 'ORG.UNKNOWN_TARGET', message: `未知的职务或人员：${positionOrPersonId}`, details: { id: positionOrPersonId } },
      ]);
    }
    post = positionsOf(org, person.id, date)[0];
    if (!post) {
      return refuse([
        { code: 'ORG.UNKNOWN_TARGET', message: `${person.name}在${date}未担任任何职务`, details: { id: person.id, date } },
      ]);
    }
  }

  if (purpose.kind === 'power') {
    const power = rules.reservedPowers.find((p) => p.id === purpose.powerId);
    if (power) return accept(reservedPower(org, post, date, power));
    // a power the rules do not reserve follows the post like its other items
  }

  const holder = holderOf(org, post.id, date);
  const name = (personId: string | null | undefined) => (personId ? (personById(org, personId)?.name ?? personId) : '');
  const base = { forPositionId: post.id, holderPersonId: holder ?? null, flags: [] as Violation[] };

  if (holder == null) {
    return accept({
      ...base,
      outcome: 'unresolved',
      personId: null,
      positionId: null,
      acting: false,
      basis: 'none',
      reason: `${post.title}职务在${date}空缺，需由市政府明确由谁负责。`,
      flags: [{ code: 'ORG.POSITION_VACANT', message: `${post.title}职务在${date}空缺`, details: { positionId: post.id, date } }],
    });
  }

  const absence = absenceOn(org, holder, date);
  const who = `${name(holder)}（${post.title}）`;
  if (!absence) {
    const article = DUTY_ARTICLE[post.kind];
    return accept({
      ...base,
      outcome: 'self',
      personId: holder,
      positionId: post.id,
      acting: false,
      basis: 'self',
      article,
      reason: `${who}在岗，本人负责${article != null ? `（${basedOn(article)}）` : ''}。`,
    });
  }

  const away = `${who}${ABSENCE_KIND_LABELS[absence.kind]}（${periodLabel(absence.period)}${absence.destination ? `，${absence.destination}` : ''}）`;

  if (post.kind === 'mayor') return accept(mayorAway(org, post, date, absence, away, rules, { ...base, holderPersonId: holder }, name));
  if (isViceMayorKind(post.kind)) return accept(viceMayorAway(org, post, date, absence, away, rules, { ...base, holderPersonId: holder }, name));

  return accept({
    ...base,
    outcome: 'unresolved',
    personId: null,
    positionId: null,
    acting: false,
    basis: 'none',
    absence,
    reason: `${away}。工作规则未规定该职务外出期间由谁代理，请由本单位另行明确。`,
    flags: [{ code: 'ORG.NO_DELEGATION_RULE', message: `工作规则未规定${post.title}外出期间由谁代理`, details: { positionId: post.id } }],
  });
}

type Base = { forPositionId: string; holderPersonId: string; flags: Violation[] };
type NameOf = (personId: string | null | undefined) => string;

// 第十三条: an entrusted executive vice mayor presides, only during a listed absence of the mayor.
function mayorAway(
  org: Org,
  post: Position,
  date: IsoDate,
  absence: Absence,
  away: string,
  rules: DelegationRules,
  base: Base,
  name: NameOf,
): ActingResult {
  const art = rules.presidingArticle;
  const kinds = rules.presidingAbsenceKinds.map((k) => ABSENCE_KIND_LABELS[k]).join('、');
  const entrustment = entrustmentsOn(org, date, 'preside').find((e) => e.grantorPositionId === post.id);
  const waits = (code: string, reason: string, flag: string): ActingResult => ({
    ...base,
    outcome: 'waits',
    personId: base.holderPersonId,
    positionId: post.id,
    acting: false,
    basis: 'self',
    article: art,
    absence,
    entrustmentId: entrustment?.id,
    reason,
    flags: [{ code, message: flag, article: art, details: { absenceId: absence.id, entrustmentId: entrustment?.id } }],
  });

  if (!rules.presidingAbsenceKinds.includes(absence.kind)) {
    return waits(
      'ORG.MAYOR_AWAY_NOT_BUSINESS_OR_STUDY',
      `${away}。${basedOn(art)}，只有市长离市${kinds}期间才可受委托由负责常务工作的副市长主持市政府工作；` +
        `${ABSENCE_KIND_LABELS[absence.kind]}不在其列${entrustment ? '，已登记的委托在此期间不生效' : ''}，事项待市长处理或由市长另行明确。`,
      `${basedOn(art)}，市长${ABSENCE_KIND_LABELS[absence.kind]}期间不适用委托常务副市长主持工作`,
    );
  }
  if (!entrustment) {
    return waits(
      'ORG.MAYOR_AWAY_NOT_ENTRUSTED',
      `${away}，但未登记市长委托。${basedOn(art)}，常务副市长须“受市长委托”才主持市政府工作，仅有外出记录不启动代为主持，事项待市长处理。`,
      `${basedOn(art)}，市长外出未委托，常务副市长不代为主持市政府工作`,
    );
  }
  const granteePost = positionById(org, entrustment.granteePositionId);
  const grantee = holderOf(org, entrustment.granteePositionId, date);
  const title = granteePost?.title ?? entrustment.granteePositionId;
  const unresolved = (reason: string, flag: Violation): ActingResult => ({
    ...base,
    outcome: 'unresolved',
    personId: null,
    positionId: null,
    acting: false,
    basis: 'none',
    article: art,
    absence,
    entrustmentId: entrustment.id,
    reason,
    flags: [flag],
  });
  if (grantee == null) {
    return unresolved(`${away}，已委托${title}主持市政府工作，但该职务当日空缺，请市长另行明确。`, {
      code: 'ORG.POSITION_VACANT',
      message: `${title}职务在${date}空缺`,
      details: { positionId: entrustment.granteePositionId },
    });
  }
  const granteeAbsence = absenceOn(org, grantee, date);
  if (granteeAbsence) {
    return unresolved(
      `${away}，已委托${name(grantee)}（${title}）主持市政府工作，但其同时${ABSENCE_KIND_LABELS[granteeAbsence.kind]}` +
        `（${periodLabel(granteeAbsence.period)}）。系统不自动另选他人，请报市长另行明确。`,
      {
        code: 'ORG.ACTING_ALSO_ABSENT',
        message: `市长与受托的${title}同时不在岗`,
        article: art,
        details: { absenceId: absence.id, granteeAbsenceId: granteeAbsence.id },
      },
    );
  }
  return {
    ...base,
    outcome: 'acting',
    personId: grantee,
    positionId: entrustment.granteePositionId,
    acting: true,
    basis: 'entrustment',
    article: art,
    absence,
    entrustmentId: entrustment.id,
    reason: `${away}，受市长委托（${periodLabel(entrustment.period)}），由${name(grantee)}（${title}）主持市政府工作（${basedOn(art)}）。`,
  };
}

// 第十一条 (our reading): an away vice mayor's items go to the AB岗 partner.
function viceMayorAway(
  org: Org,
  post: Position,
  date: IsoDate,
  absence: Absence,
  away: string,
  rules: DelegationRules,
  base: Base,
  name: NameOf,
): ActingResult {
  const art = rules.backupArticle;
  const partnerPostId = backupPartnerOf(org, post.id, date);
  const unresolved = (reason: string, flag: Violation): ActingResult => ({
    ...base,
    outcome: 'unresolved',
    personId: null,
    positionId: null,
    acting: false,
    basis: 'none',
    article: art,
    interpretation: BACKUP_INTERPRETATION,
    absence,
    reason,
    flags: [flag],
  });
  if (partnerPostId == null) {
    return unresolved(`${away}，未登记AB岗搭档，请报市长明确由谁负责。`, {
      code: 'ORG.NO_BACKUP_PARTNER',
      message: `${basedOn(art)}，${post.title}没有AB岗搭档`,
      article: art,
      details: { positionId: post.id },
    });
  }
  const partnerPost = positionById(org, partnerPostId);
  const partnerTitle = partnerPost?.title ?? partnerPostId;
  const partner = holderOf(org, partnerPostId, date);
  if (partner == null) {
    return unresolved(`${away}，AB岗搭档${partnerTitle}职务当日空缺，请报市长明确由谁负责。`, {
      code: 'ORG.POSITION_VACANT',
      message: `${partnerTitle}职务在${date}空缺`,
      details: { positionId: partnerPostId },
    });
  }
  const partnerAbsence = absenceOn(org, partner, date);
  if (partnerAbsence) {
    return unresolved(
      `${away}；AB岗搭档${name(partner)}（${partnerTitle}）同时${ABSENCE_KIND_LABELS[partnerAbsence.kind]}` +
        `（${periodLabel(partnerAbsence.period)}）。AB岗双方均不在岗，系统不自动另选他人，请报市长明确由谁负责。`,
      {
        code: 'ORG.ACTING_ALSO_ABSENT',
        message: `AB岗双方（${post.title}、${partnerTitle}）同时不在岗`,
        article: art,
        details: { absenceId: absence.id, partnerAbsenceId: partnerAbsence.id },
      },
    );
  }
  return {
    ...base,
    outcome: 'acting',
    personId: partner,
    positionId: partnerPostId,
    acting: true,
    basis: 'backup_partner',
    article: art,
    interpretation: BACKUP_INTERPRETATION,
    absence,
    reason: `${away}，其分管事项由AB岗搭档${name(partner)}（${partnerTitle}）代理（AB岗代理，依据对${articleLabel(art)}的理解）。`,
  };
}

// 第七十条 and the like: the mayor signs in person; absence or entrustment changes nothing.
function reservedPower(org: Org, asked: Position, date: IsoDate, power: ReservedPower): ActingResult {
  const mayorPost = asked.kind === 'mayor' ? asked : governmentPost(org, 'mayor');
  const postId = mayorPost?.id ?? asked.id;
  const holder = mayorPost ? holderOf(org, mayorPost.id, date) : undefined;
  const redirected = mayorPost && mayorPost.id !== asked.id ? `该事项为市长保留事项，不属于${asked.title}。` : '';
  const base = { forPositionId: postId, holderPersonId: holder ?? null, article: power.article };
  if (holder == null) {
    return {
      ...base,
      outcome: 'unresolved',
      personId: null,
      positionId: null,
      acting: false,
      basis: 'none',
      reason: `${redirected}${power.label}由市长签署（${basedOn(power.article)}），市长职务在${date}空缺。`,
      flags: [{ code: 'ORG.POSITION_VACANT', message: `市长职务在${date}空缺`, details: { date } }],
    };
  }
  const holderName = personById(org, holder)?.name ?? holder;
  const absence = absenceOn(org, holder, date);
  if (!absence) {
    return {
      ...base,
      outcome: 'self',
      personId: holder,
      positionId: postId,
      acting: false,
      basis: 'self',
      reason: `${redirected}${power.label}由市长${holderName}本人签署（${basedOn(power.article)}）。`,
      flags: [],
    };
  }
  return {
    ...base,
    outcome: 'waits',
    personId: holder,
    positionId: postId,
    acting: false,
    basis: 'self',
    absence,
    reason:
      `${redirected}${power.label}由市长签署（${basedOn(power.article)}），不因市长外出或委托转由他人行使；` +
      `市长${holderName}${ABSENCE_KIND_LABELS[absence.kind]}（${periodLabel(absence.period)}），待市长签署。`,
    flags: [
      {
        code: 'ORG.RESERVED_TO_MAYOR',
        message: `${basedOn(power.article)}，${power.label}由市长签署，待市长返回`,
        article: power.article,
        details: { powerId: power.id, absenceId: absence.id },
      },
    ],
  };
}
