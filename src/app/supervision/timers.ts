// Durable timers of a supervision item (第八十六条 分级负责、动态管理): the 催办 before the due date, the
// 催办 the day after it falls due, and the escalation once it is overdue by the pack's number of working
// days. Each fires once (src/jobs/timers.ts), is recorded on the item and in the audit record citing the
// article, and is cancelled when the item closes. The board still computes the state on read.
//
// The item's time limit is a tracked deadline of the calendar (src/app/calendar/deadlines.ts) with no
// timers of its own: a due date computed while a year had no holiday arrangement is recomputed when that
// year is loaded, and the item's due date, 催办 day and timers follow (onDeadlineRecomputed).
import { addWorkingDays, type CalendarIndex } from '../../domain/calendar/calendar.ts';
import { addDays, workingDays, type IsoDate } from '../../domain/calendar/date.ts';
import type { DeadlineOverride, DeadlineRule } from '../../domain/calendar/deadline.ts';
import { followUp, type FollowUpRules } from '../../domain/supervision/followup.ts';
import { articleLabel } from '../../domain/shared/article.ts';
import { cancelTimer, registerTimerKind, scheduleTimer, type TimerRow } from '../../jobs/timers.ts';
import { shippedCalendar } from '../calendar/files.ts';
import { closeDeadline, onDeadlineRecomputed, startOfDay, trackDeadline, type TrackedDeadline } from '../calendar/deadlines.ts';
import { shanghaiDate } from '../org/usecases.ts';
import type { UseCaseContext } from '../context.ts';
import { rulesOn } from './rules.ts';
import { randomBytes } from 'node:crypto';
import { notify } from '../notifications/notify.ts';

/** The object type of an item's tracked deadline. */
export const ITEM_OBJECT = 'supervision_item';
export const CHASE_KIND = 'supervision.item.chase';
export const OVERDUE_KIND = 'supervision.item.overdue';
export const ESCALATE_KIND = 'supervision.item.escalate';
export const SUPERVISION_TIMER_KINDS = [CHASE_KIND, OVERDUE_KIND, ESCALATE_KIND] as const;

const LEVEL: Record<string, 'chase' | 'overdue' | 'escalate'> = { [CHASE_KIND]: 'chase', [OVERDUE_KIND]: 'overdue', [ESCALATE_KIND]: 'escalate' };

/** The days the three timers of an item fall due. */
export function followUpDays(due: string, chaseFrom: string, r: FollowUpRules, cal: CalendarIndex = shippedCalendar()): Record<string, string> {
  return {
    [CHASE_KIND]: chaseFrom,
    [OVERDUE_KIND]: addDays(due as IsoDate, 1),
    [ESCALATE_KIND]: addWorkingDays(cal, due as IsoDate, workingDays(r.escalateAfter)).date,
  };
}

/** Schedules (or moves) the item's timers inside the caller's transaction (of the caller's tenant unless given). */
export async function scheduleItemTimers(ctx: UseCaseContext, itemId: string, due: string, chaseFrom: string, opts: { tenantId?: string; calendar?: CalendarIndex } = {}): Promise<void> {
  const r = rulesOn(shanghaiDate(ctx.now)).followUp;
  const tenantId = opts.tenantId ?? ctx.actor.tenantId;
  for (const [kind, day] of Object.entries(followUpDays(due, chaseFrom, r, opts.calendar))) {
    await scheduleTimer(ctx.tx, { tenantId, kind, key: itemId, dueAt: startOfDay(day), payload: { itemId, due, day } }, ctx.now);
  }
}

/** Tracks the item's time limit (第八十六条) so that a year's holiday arrangement loaded later recomputes it. */
export async function trackItemDeadline(ctx: UseCaseContext, itemId: string, rule: DeadlineRule, openedOn: string, override?: DeadlineOverride): Promise<TrackedDeadline> {
  return trackDeadline(ctx, {
    objectType: ITEM_OBJECT, objectId: itemId, rule, eventDate: openedOn, calendar: shippedCalendar(),
    ...(override ? { override } : {}),
    timers: { remind: null, overdue: null },
  });
}

/** The item closed: its timers are cancelled and its deadline closed. */
export async function cancelItemTimers(ctx: UseCaseContext, itemId: string): Promise<void> {
  for (const kind of SUPERVISION_TIMER_KINDS) await cancelTimer(ctx.tx, ctx.actor.tenantId, kind, itemId, ctx.now);
  const { rows } = await ctx.tx.query(`SELECT rule_id FROM deadlines WHERE tenant_id = $1 AND object_type = $2 AND object_id = $3 AND closed_at IS NULL`,
    [ctx.actor.tenantId, ITEM_OBJECT, itemId]);
  for (const d of rows as any[]) await closeDeadline(ctx, ITEM_OBJECT, itemId, d.rule_id);
}

async function fire(ctx: UseCaseContext, t: TimerRow): Promise<void> {
  const { rows } = await ctx.tx.query('SELECT * FROM sup_items WHERE tenant_id = $1 AND id = $2 FOR UPDATE', [t.tenantId, t.payload.itemId ?? t.key]);
  const row = rows[0] as any;
  if (!row || row.closed_on) return;
  const today = shanghaiDate(ctx.now);
  const r = rulesOn(today).followUp;
  const due: string = row.due;
  const f = followUp({ due, unknownYears: row.unknown_years ?? [], closed: false, lastReportOn: row.last_report_on }, today, shippedCalendar(), r);
  const kind = LEVEL[t.kind];
  // the level the timer stands for (the chain of the pack), even when it fires late after a restart
  const level = kind === 'chase' ? 0 : kind === 'overdue' ? Math.min(1, r.chain.length - 1) : r.chain.length - 1;
  const escalateTo = r.chain[level] ?? null;
  const summary = kind === 'chase'
    ? `到期前催办：「${row.title}」将于${due}到期，请${escalateTo ?? '承办单位'}抓紧办理（依据${articleLabel(r.article)}）`
    : kind === 'overdue'
      ? `逾期催办：「${row.title}」已于${due}到期未办结，报${escalateTo}（依据${articleLabel(r.article)}）`
      : `逾期升级：「${row.title}」逾期${f.overdueWorkingDays}个工作日，报${escalateTo}（依据${articleLabel(r.article)}）`;
  const detail = { automatic: true, timerKind: t.kind, escalationLevel: level, escalateTo, state: f.state, overdueWorkingDays: f.overdueWorkingDays };
  await ctx.tx.query(`INSERT INTO sup_item_events (tenant_id, id, item_id, event_type, on_date, summary, detail, recorded_by, recorded_at) VALUES ($1,$2,$3,'chase',$4,$5,$6,$7,$8)`,
    [t.tenantId, `ev-${randomBytes(6).toString('hex')}`, row.id, today, summary, JSON.stringify(detail), ctx.actor.name, ctx.now]);
  await ctx.audit({ action: kind === 'escalate' ? 'supervision.escalated' : 'supervision.chased', objectType: 'supervision_item', objectId: row.id, article: r.article,
    payload: { summary, due, ...detail } });
  // 第八十六条: the lead unit is told; once overdue, the leader in charge too (or who acts for the post)
  await notify(ctx, {
    kind: kind === 'chase' ? 'chased' : kind === 'overdue' ? 'overdue' : 'escalated', article: r.article, key: `${t.kind}:${row.id}:${due}`,
    objectType: ITEM_OBJECT, objectId: row.id, title: summary, link: `/supervision/i/${row.id}`,
    to: [{ unitId: row.lead_unit_id, as: 'clerk' }, ...(kind !== 'chase' && row.leader_position_id ? [{ positionId: row.leader_position_id }] : [])],
  });
}

/**
 * A year's holiday arrangement was loaded and the item's time limit recomputed under it: the item's due
 * date, 催办 day and unknown years follow, and its timers move (the change is in the audit record).
 */
async function itemDeadlineRecomputed(ctx: UseCaseContext, d: TrackedDeadline, _before: { due: string }, cal: CalendarIndex): Promise<void> {
  const { rows } = await ctx.tx.query('SELECT tenant_id, deadline, last_report_on FROM sup_items WHERE id = $1 AND closed_on IS NULL FOR UPDATE', [d.objectId]);
  const row = rows[0] as any;
  if (!row) return;
  const r = rulesOn(shanghaiDate(ctx.now)).followUp;
  const chaseFrom = followUp({ due: d.due, unknownYears: d.unknownYears, closed: false, lastReportOn: row.last_report_on }, shanghaiDate(ctx.now), cal, r).chaseFrom;
  const stored = typeof row.deadline === 'string' ? JSON.parse(row.deadline) : row.deadline ?? {};
  const deadline = { ...stored, due: d.due, remindFrom: d.remindFrom, unknownYears: d.unknownYears, label: d.label };
  await ctx.tx.query('UPDATE sup_items SET due = $2, chase_from = $3, unknown_years = $4, deadline = $5, version = version + 1 WHERE id = $1',
    [d.objectId, d.due, chaseFrom, d.unknownYears, JSON.stringify(deadline)]);
  await scheduleItemTimers(ctx, d.objectId, d.due, chaseFrom, { tenantId: row.tenant_id, calendar: cal });
}

let listening = false;

/** Registers the three kinds and the recomputation listener; called when this module loads and again by the background task. */
export function registerSupervisionTimerKinds(): void {
  for (const k of SUPERVISION_TIMER_KINDS) registerTimerKind(k, fire);
  if (listening) return;
  listening = true;
  onDeadlineRecomputed(ITEM_OBJECT, itemDeadlineRecomputed);
}
registerSupervisionTimerKinds();
