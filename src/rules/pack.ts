// A loaded rule pack and its queries: "which rule was in force on date D", "what is parameter X".
// Pure: built from already-read data, so the domain can depend on these types.
import { AppError } from '../errors/index.ts';
import { articleLabel } from '../domain/shared/article.ts';
import type { Article } from './source.ts';
import type {
  Citation,
  Conventions,
  DurationUnit,
  Government,
  IsoDate,
  NotFormalised,
  Param,
  RuleKind,
  VocabularyEntry,
} from './schema.ts';
import { DURATION_UNITS, parseFraction } from './schema.ts';
import { identity } from './vocabulary.ts';

export interface PackMeta {
  id: string;
  title: string;
  docNumber?: string;
  issuer?: string;
  adopted?: { date: IsoDate; by: string };
  issued?: IsoDate;
  /** first day the pack is in force; cited to its article (第一百条 自发布之日起施行) */
  effective: { from: IsoDate; article?: number; note?: string };
  repeals: { docNumber: string; issued: IsoDate; repealedOn: IsoDate; title?: string }[];
  timeZone: string;
  /** the government the rules are for (a derived pack without its own keeps its base's) */
  government: Government;
  /** the pack this one derives from, with parameter overrides (a county reusing Wuwei's pack) */
  extends?: string;
  note?: string;
}

export interface Rule {
  /** stable dotted id, prefixed by its context: documents.countersign.replyLimit */
  id: string;
  /** the context file it comes from: documents */
  context: string;
  article: number;
  clause?: string;
  label: string;
  kind: RuleKind;
  params: Record<string, Param>;
  overridable?: { by: string; cite: string; note?: string };
  /** [from, to): to is the first day no longer in force */
  effective: { from: IsoDate; to?: IsoDate };
  source?: Citation;
  see?: string[];
  note?: string;
  interpretation?: string;
  /** set when a derived pack changed some of this rule's parameters (or its label) explicitly */
  overridden?: { pack: string; params: string[]; label?: true };
}

/** A parameter with where it comes from, so a caller can cite it in a message. */
export type ResolvedParam = Param & { ruleId: string; article: number; name: string };

/** A time limit ready for the calendar: how long, in which unit, from which event. */
export interface DeadlineParams {
  ruleId: string;
  article: number;
  duration: number;
  unit: DurationUnit;
  /** the triggering event: counting starts the day after it (conventions.countFrom) */
  from: string;
}

/** A quorum: present/members must reach numerator/denominator, the bound included or not. */
export interface QuorumParams {
  ruleId: string;
  article: number;
  numerator: number;
  denominator: number;
  inclusive: boolean;
}

export interface Pack {
  meta: PackMeta;
  header: string;
  colophon: string;
  articles: readonly Article[];
  rules: readonly Rule[];
  notFormalised: readonly NotFormalised[];
  conventions: Conventions;
  /**
   * The words this pack says differently from the pack it extends (市长 → 区长): its own list, or its
   * base's when it gives none; empty for a pack that speaks the words of its source text.
   */
  vocabulary: readonly VocabularyEntry[];
  /**
   * Puts a text written in the base pack's words into this pack's words, applying every vocabulary
   * along the `extends` chain, base first: 分管副市长签发 → 分管副区长签发. The identity when no pack in
   * the chain has a vocabulary. Pure; the article text itself is never rewritten.
   */
  speak(text: string): string;
  /** 第N条; throws when the source has no such article */
  article(n: number): Article;
  /** the rule with this id; with a date, only if in force that day (else PACK.NO_RULE_IN_FORCE) */
  rule(id: string, on?: IsoDate): Rule;
  param(ruleId: string, name: string, on?: IsoDate): ResolvedParam;
  deadline(ruleId: string, on?: IsoDate): DeadlineParams;
  quorum(ruleId: string, on?: IsoDate): QuorumParams;
  rulesInForce(on: IsoDate): Rule[];
  rulesForArticle(n: number): Rule[];
}

export const inForce = (r: Rule, on: IsoDate): boolean => r.effective.from <= on && (!r.effective.to || on < r.effective.to);

export function buildPack(input: {
  meta: PackMeta;
  header: string;
  colophon: string;
  articles: Article[];
  rules: Rule[];
  notFormalised: NotFormalised[];
  conventions: Conventions;
  vocabulary?: readonly VocabularyEntry[];
  speak?: (text: string) => string;
}): Pack {
  const byId = new Map(input.rules.map((r) => [r.id, r]));
  const byArticle = new Map<number, Rule[]>();
  for (const r of input.rules) byArticle.set(r.article, [...(byArticle.get(r.article) ?? []), r]);
  const packName = `规则包 ${input.meta.id}`;

  const rule = (id: string, on?: IsoDate): Rule => {
    const r = byId.get(id);
    if (!r) throw new AppError('PACK.NO_RULE_IN_FORCE', { message: `${packName} 中没有规则 "${id}"`, details: { ruleId: id } });
    if (on !== undefined && !inForce(r, on))
      throw new AppError('PACK.NO_RULE_IN_FORCE', {
        message: `${packName} 的规则 "${id}"（${r.label}，${articleLabel(r.article)}）在 ${on} 未生效（生效期间 ${r.effective.from} 起${r.effective.to ? `，${r.effective.to} 止` : ''}）`,
        article: r.article,
        details: { ruleId: id, on, effective: r.effective },
      });
    return r;
  };

  const param = (ruleId: string, name: string, on?: IsoDate): ResolvedParam => {
    const r = rule(ruleId, on);
    const p = r.params[name];
    if (!p) throw new AppError('PACK.INVALID', { message: `${packName} 的规则 "${ruleId}" 没有参数 "${name}"`, article: r.article });
    return { ...p, ruleId, article: r.article, name };
  };

  return {
    meta: input.meta,
    header: input.header,
    colophon: input.colophon,
    articles: input.articles,
    rules: input.rules,
    notFormalised: input.notFormalised,
    conventions: input.conventions,
    vocabulary: input.vocabulary ?? [],
    speak: input.speak ?? identity,
    article(n) {
      const a = input.articles[n - 1];
      if (!a || a.number !== n)
        throw new AppError('REQUEST.NOT_FOUND', { message: `${packName} 没有第 ${n} 条（共 ${input.articles.length} 条）` });
      return a;
    },
    rule,
    param,
    deadline(ruleId, on) {
      const d = param(ruleId, 'duration', on);
      const f = param(ruleId, 'from', on);
      if (typeof d.value !== 'number' || !(DURATION_UNITS as readonly string[]).includes(d.unit ?? ''))
        throw new AppError('PACK.INVALID', { message: `${packName} 的规则 "${ruleId}" 不是时限规则`, article: d.article });
      return { ruleId, article: d.article, duration: d.value, unit: d.unit as DurationUnit, from: String(f.value) };
    },
    quorum(ruleId, on) {
      const f = param(ruleId, 'fraction', on);
      const b = param(ruleId, 'bound', on);
      const { numerator, denominator } = parseFraction(String(f.value));
      return { ruleId, article: f.article, numerator, denominator, inclusive: b.value === 'inclusive' };
    },
    rulesInForce: (on) => input.rules.filter((r) => inForce(r, on)),
    rulesForArticle: (n) => byArticle.get(n) ?? [],
  };
}
