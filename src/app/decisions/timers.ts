// The durable timer of a major decision (第三十六条 决策执行跟踪和效果评估): on the evaluation date set when the
// decision was taken, a 决策后评估 reminder is recorded on the decision's record and in the audit record,
// addressed to the lead unit and citing the article of the tracking rule. It fires once (src/jobs/timers.ts);
// it is skipped when the evaluation was already recorded, and cancelled when it is recorded before.
import { basedOn } from '../../domain/shared/article.ts';
import { unitById } from '../../domain/org/index.ts';
import { cancelTimer, registerTimerKind, scheduleTimer, type TimerRow } from '../../jobs/timers.ts';
import type { BackgroundTask } from '../background.ts';
import { startOfDay } from '../calendar/deadlines.ts';
import type { UseCaseContext } from '../context.ts';
import { requireOrg, shanghaiDate } from '../org/usecases.ts';
import { decisionsRulesOn } from './rules.ts';

export const EVALUATION_KIND = 'decisions.major.evaluation';
export const EVALUATION_REMINDED = 'major_decision.evaluation_reminded';

/** Schedules (or moves) the evaluation reminder of a decision to 00:00 of its evaluation date. */
export async function scheduleEvaluationReminder(ctx: UseCaseContext, decisionId: string, due: string, tenantId = ctx.actor.tenantId): Promise<void> {
  await scheduleTimer(ctx.tx, { tenantId, kind: EVALUATION_KIND, key: decisionId, dueAt: startOfDay(due), payload: { decisionId, due } }, ctx.now);
}

/** The evaluation was recorded: no reminder is needed any more. */
export async function cancelEvaluationReminder(ctx: UseCaseContext, decisionId: string): Promise<void> {
  await cancelTimer(ctx.tx, ctx.actor.tenantId, EVALUATION_KIND, decisionId, ctx.now);
}

async function remind(ctx: UseCaseContext, t: TimerRow): Promise<void> {
  const id = String(t.payload.decisionId ?? t.key);
  const { rows } = await ctx.tx.query('SELECT * FROM dec_major_decisions WHERE tenant_id = $1 AND id = $2 FOR UPDATE', [t.tenantId, id]);
  const row = rows[0] as any;
  if (!row || row.status !== 'decided' || !row.evaluation_due) return;
  const evaluated = await ctx.tx.query(`SELECT 1 FROM dec_tracking WHERE tenant_id = $1 AND decision_id = $2 AND stage = 'evaluation' LIMIT 1`, [t.tenantId, id]);
  if (evaluated.rows.length) return;
  const r = decisionsRulesOn(shanghaiDate(ctx.now));
  const article = r.major.trackingArticle;
  const org = await requireOrg(ctx.tx, t.tenantId);
  const leadUnit = unitById(org, row.lead_unit_id)?.shortName ?? row.lead_unit_id;
  const due: string = row.evaluation_due;
  const message = `决策后评估提醒：「${row.title}」的效果评估日期 ${due} 已到，请${leadUnit}组织评估并报告评估结果（${basedOn(article)}）`;
  await ctx.audit({ action: EVALUATION_REMINDED, objectType: 'major_decision', objectId: id, article,
    payload: { due, leadUnitId: row.lead_unit_id, leadUnit, message, ...(row.evaluation_unknown_years?.length ? { unknownYears: row.evaluation_unknown_years } : {}) } });
}

/** Registers the decisions timer kind (idempotent); also done when this module loads. */
export function registerDecisionTimerKinds(): void {
  registerTimerKind(EVALUATION_KIND, remind);
}
registerDecisionTimerKinds();

/** Background work: the timer kind is registered before the timer worker starts firing. */
export const decisionsBackground: BackgroundTask = async () => {
  registerDecisionTimerKinds();
  return { async stop() {} };
};
