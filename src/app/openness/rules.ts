// The openness parameters of the pack in force on a day, and the official calendar.
import type { Pack } from '../../rules/index.ts';
import { tenantPack } from '../tenancy/registry.ts';
import { shippedCalendar } from '../calendar/files.ts';
import { attributeParams, publicationRule, requestLimits, portalCategories } from '../../domain/openness/limits.ts';

export const shanghaiDate = (at: Date): string => new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 10);

export function opennessRules(on: string, pack: Pack = tenantPack()) {
  return {
    pack,
    attribute: attributeParams(pack, on),
    publication: publicationRule(pack, on),
    request: requestLimits(pack, on),
    categories: portalCategories(pack, on),
    decisions: {
      article: pack.rule('openness.decisions.publish', on).article,
      meetingTypes: (pack.param('openness.decisions.publish', 'meetingTypes', on).value as string[]).map(String),
    },
    interpretationArticle: pack.rule('openness.interpretation.drafterOwns', on).article,
    emergencyArticle: pack.rule('openness.emergency.factsFirst', on).article,
    calendar: shippedCalendar(),
  };
}
