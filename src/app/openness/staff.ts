// What the 公开 page's staff forms need about the caller: the units the person works in today (第四十条
// 谁起草、谁解读 — an interpretation is published by the drafting unit, i.e. by its own staff).
import { positionsOf } from '../../domain/org/index.ts';
import { basedOn } from '../../domain/shared/article.ts';
import { refusal } from '../../errors/index.ts';
import type { Queryable } from '../../store/db.ts';
import { runQuery, type Actor, type AppDeps } from '../context.ts';
import { requireOrg } from '../org/usecases.ts';
import { opennessRules, shanghaiDate } from './rules.ts';

/** the government office runs publication for every unit (第三十九条) and may record for any of them */
const OFFICE_ROLES = ['system', 'office_clerk', 'office_secretary'];
export const actsForAnyUnit = (a: Actor) => a.roles.some((r) => OFFICE_ROLES.includes(r));

export async function unitsOf(tx: Queryable, actor: Actor, day: string): Promise<{ unitId: string; unitName: string }[]> {
  if (!actor.personId) return [];
  const org = await requireOrg(tx, actor.tenantId);
  const ids = [...new Set(positionsOf(org, actor.personId, day).map((p) => p.unitId))];
  return ids.map((id) => ({ unitId: id, unitName: org.units.find((u) => u.id === id)?.name ?? id }));
}

/** The caller's units today, and whether the caller may act for any unit (the office). */
export const myUnits = (deps: AppDeps, actor: Actor) => runQuery(deps, async (tx) => {
  const units = await unitsOf(tx, actor, shanghaiDate(deps.clock.now()));
  if (!actsForAnyUnit(actor)) return { units, anyUnit: false };
  // the office records for any drafting unit: every unit of the government, its own first
  const org = await requireOrg(tx, actor.tenantId);
  const others = org.units.filter((u) => u.kind !== 'external' && !units.some((x) => x.unitId === u.id)).map((u) => ({ unitId: u.id, unitName: u.name }));
  return { units: [...units, ...others], anyUnit: true };
});

/** 第四十条: outside the office, staff publish interpretations only in the name of a unit they work in. */
export async function checkInterpreterUnit(tx: Queryable, actor: Actor, unitId: string, day: string): Promise<void> {
  if (actsForAnyUnit(actor)) return;
  const units = await unitsOf(tx, actor, day);
  if (units.some((u) => u.unitId === unitId)) return;
  const article = opennessRules(day).interpretationArticle;
  throw refusal('OPENNESS.INTERPRETATION_NOT_DRAFTER', [{
    code: 'OPENNESS.INTERPRETATION_NOT_DRAFTER', article,
    message: `${basedOn(article)}，谁起草、谁解读：您只能以本人所在单位（${units.map((u) => u.unitName).join('、') || '无'}）的名义发布解读`,
    details: { unitId },
  }]);
}
