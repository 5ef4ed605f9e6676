// The openness parameters of a rule pack, read on a given day, in the shapes the domain functions take.
import type { Pack } from '../../rules/index.ts';
import { countingConventions, deadlineRule, type DeadlineRule } from '../calendar/deadline.ts';
import type { AttributeParams } from './attribute.ts';
import type { RequestLimits } from './request.ts';

const list = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : []);

function rule(pack: Pack, id: string, on?: string): DeadlineRule {
  const r = pack.rule(id, on);
  return deadlineRule(pack.deadline(id, on), { label: r.label, overridable: r.overridable }, countingConventions(pack.conventions));
}

export function attributeParams(pack: Pack, on?: string): AttributeParams {
  const v = pack.param('openness.attribute.required', 'values', on);
  return {
    article: v.article,
    values: list(v.value),
    withheldNeedsReason: pack.param('openness.attribute.required', 'withheldNeedsReason', on).value === true,
    publishArticle: pack.rule('openness.decisions.publish', on).article,
  };
}

export function publicationRule(pack: Pack, on?: string): DeadlineRule {
  return rule(pack, 'openness.proactive.publishLimit', on);
}

export function requestLimits(pack: Pack, on?: string): RequestLimits {
  const ext = pack.param('openness.request.extension', 'duration', on);
  const types = pack.param('openness.request.answerTypes', 'types', on);
  const contact = pack.param('openness.request.contact', 'required', on);
  return {
    reply: rule(pack, 'openness.request.replyLimit', on),
    clarification: rule(pack, 'openness.request.clarificationNotice', on),
    consultation: rule(pack, 'openness.request.thirdPartyConsultation', on),
    extension: {
      article: ext.article,
      workdays: Number(ext.value),
      maxTimes: Number(pack.param('openness.request.extension', 'maxTimes', on).value),
    },
    answerTypes: list(types.value),
    needsReason: list(pack.param('openness.request.answerTypes', 'needsReason', on).value),
    partialArticle: pack.rule('openness.request.partialDisclosure', on).article,
    contact: { article: contact.article, required: list(contact.value) },
  };
}

/** 第三十八条 categories: the institutional items and the priority fields. */
export function portalCategories(pack: Pack, on?: string): { institutional: string[]; priorities: string[]; article: number } {
  const i = pack.param('openness.portal.categories', 'institutional', on);
  return { institutional: list(i.value), priorities: list(pack.param('openness.portal.categories', 'priorities', on).value), article: i.article };
}
