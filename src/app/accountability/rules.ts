// The accountability rules of the pack in force on a date, in the shapes the domain takes.
import type { Pack } from '../../rules/index.ts';
import { tenantPack } from '../tenancy/registry.ts';
import { countingConventions, deadlineRule, type DeadlineRule } from '../../domain/calendar/deadline.ts';
import type { CaseKind, CaseRules } from '../../domain/accountability/cases.ts';
import type { RotationRules, SeparationRules } from '../../domain/accountability/separation.ts';
import type { DissentRules } from '../../domain/accountability/dissent.ts';

export const pack = (): Pack => tenantPack();

const list = (p: Pack, id: string, name: string, on: string): string[] => (p.param(id, name, on).value as (string | number)[]).map(String);
const num = (p: Pack, id: string, name: string, on: string): number => Number(p.param(id, name, on).value);

export interface AccountabilityRules {
  packId: string;
  cases: CaseRules;
  separation: SeparationRules;
  rotation: RotationRules;
  dissent: DissentRules;
  planArticle: number;
  planReview: DeadlineRule;
  /** the deadline rule of a pack entry, ready for the calendar */
  deadline(ruleId: string, extraDays?: number): DeadlineRule;
  /** the reply limit of a suggestion or proposal (3 months, 6 for complex items) */
  replyLimitId(kind: CaseKind, complex: boolean): string;
  registerArticle: Record<CaseKind, number>;
  /** 第八十九条 */
  delaysArticle: number;
  /** the supervision items' time limit (督查事项办理时限) */
  itemLimitArticle: number;
  /** 第八十九条: audit actions that put an item on the accountability list as returned (推诿线索) */
  returnActions: { actions: string[]; article: number };
  /** 第四十四条, 第四十七条: the kinds whose result goes to the portal, under which 第三十八条 category */
  results: Partial<Record<CaseKind, ResultPublication>>;
}

export interface ResultPublication {
  ruleId: string;
  article: number;
  /** 第三十八条 category on the portal */
  category: string;
}

const RESULT_RULES = ['accountability.results.suggestionsPublished', 'accountability.results.publicSupervisionPublished'];

export function rulesOn(on: string, p: Pack = pack()): AccountabilityRules {
  const conventions = countingConventions(p.conventions);
  const deadline = (ruleId: string, extraDays = 0): DeadlineRule => {
    const params = p.deadline(ruleId, on);
    const rule = p.rule(ruleId, on);
    return deadlineRule({ ...params, duration: params.duration + extraDays }, { label: rule.label }, conventions);
  };
  const separation: SeparationRules = { areas: list(p, 'supervision.internal.separationOfDuties', 'areas', on), article: p.rule('supervision.internal.separationOfDuties', on).article };
  const art = (id: string) => p.rule(id, on).article;
  return {
    packId: p.meta.id,
    separation,
    rotation: { areas: list(p, 'supervision.internal.postRotation', 'areas', on), intervalYears: num(p, 'supervision.internal.postRotation', 'interval', on), article: art('supervision.internal.postRotation') },
    dissent: { channels: list(p, 'discipline.decisions.dissentInside', 'channels', on), article: art('discipline.decisions.dissentInside') },
    planArticle: art('org.risk.contingencyPlans'),
    planReview: deadline('supervision.risk.contingencyPlanReview'),
    cases: {
      suggestionsArticle: art('supervision.suggestions.register'),
      resultCodes: list(p, 'supervision.suggestions.resultCodes', 'codes', on),
      litigationArticle: art('supervision.litigation.tracking'),
      reconsiderationArticle: art('supervision.reconsideration.decisionLimit'),
      publicSupervisionArticle: art('supervision.publicSupervision.handling'),
      petitionsArticle: art('supervision.petitions.intake'),
      readingArticle: art('supervision.petitions.leaderReading'),
      readerPositions: list(p, 'supervision.petitions.leaderReading', 'readerPositions', on),
      readerLabels: list(p, 'supervision.petitions.leaderReading', 'readers', on),
      extensionDays: {
        petition: { days: num(p, 'supervision.petitions.extension', 'duration', on), article: art('supervision.petitions.extension') },
        reconsideration: { days: num(p, 'supervision.reconsideration.decisionLimit', 'extension', on), article: art('supervision.reconsideration.decisionLimit') },
      },
      separation,
    },
    deadline,
    replyLimitId: (kind, complex) => `supervision.${kind === 'proposal' ? 'proposals' : 'suggestions'}.${complex ? 'complexReplyLimit' : 'replyLimit'}`,
    delaysArticle: art('supervision.accountability.delays'),
    itemLimitArticle: art('supervision.items.timeLimit'),
    returnActions: { actions: list(p, 'accountability.list.returnActions', 'actions', on), article: art('accountability.list.returnActions') },
    results: Object.fromEntries(RESULT_RULES.flatMap((id) => {
      const publication: ResultPublication = { ruleId: id, article: art(id), category: String(p.param(id, 'category', on).value) };
      return list(p, id, 'kinds', on).map((kind) => [kind, publication]);
    })),
    registerArticle: {
      suggestion: art('supervision.suggestions.register'), proposal: art('supervision.suggestions.register'),
      petition: art('supervision.petitions.intake'), reconsideration: art('supervision.reconsideration.decisionLimit'),
      litigation: art('supervision.litigation.tracking'), media: art('supervision.publicSupervision.handling'),
    },
  };
}
