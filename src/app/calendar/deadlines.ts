// Tracked deadlines: a deadline computed for an item is stored with its rule, timers are scheduled for
// its reminder day (lead time from the pack) and for the day after it falls due (催办), and it is
// recomputed when a year it relied on without an arrangement is loaded.
//
// Other contexts either use the calendar's own timer kinds (which record the reminder / escalation in
// the audit record, citing the article) or pass their own kinds (documents: implicit consent of
// 第六十六条), and may listen to recomputation to update their own columns.
import { randomUUID } from 'node:crypto';
import { refusal } from '../../errors/index.ts';
import type { HolidayArrangement } from '../../domain/calendar/arrangement.ts';
import { buildCalendarIndex, type CalendarIndex } from '../../domain/calendar/calendar.ts';
import { addDays, type IsoDate } from '../../domain/calendar/date.ts';
import {
  computeDeadline,
  deadlineState,
  type Deadline,
  type DeadlineOverride,
  type DeadlineRule,
  type DeadlineState,
} from '../../domain/calendar/deadline.ts';
import { articleLabel } from '../../domain/shared/article.ts';
import { cancelTimer, registerTimerKind, scheduleTimer, type TimerRow } from '../../jobs/timers.ts';
import type { UseCaseContext } from '../context.ts';
import { currentCalendar } from './files.ts';

export const REMIND_KIND = 'calendar.deadline.remind';
export const OVERDUE_KIND = 'calendar.deadline.overdue';

/** 00:00 of a calendar day in Asia/Shanghai (the pack's time zone; no daylight saving). */
export const startOfDay = (date: IsoDate | string): Date => new Date(`${date}T00:00:00+08:00`);

export interface TrackedDeadline extends Deadline {
  id: string;
  objectType: string;
  objectId: string;
  closedAt: string | null;
}

export interface DeadlineTimers {
  /** timer kind fired on the reminder day (default: the calendar's reminder) */
  remind?: string | null;
  /** timer kind fired the day after the due day (default: the calendar's 催办) */
  overdue?: string | null;
  /** who is chased when overdue (a pack parameter, e.g. 市政府办公室) */
  escalateTo?: string;
}

type Listener = {
  /** `calendar` is the one the deadline was recomputed with (the process installs it after the commit) */
  recomputed?: (ctx: UseCaseContext, d: TrackedDeadline, before: { due: string; unknownYears: number[] }, calendar: CalendarIndex) => Promise<void>;
};
const listeners = new Map<string, Listener>();

/** A context listens to its deadlines being recomputed (to update its own due columns). */
export function onDeadlineRecomputed(objectType: string, fn: NonNullable<Listener['recomputed']>): void {
  listeners.set(objectType, { ...listeners.get(objectType), recomputed: fn });
}

const rowToTracked = (r: any): TrackedDeadline => {
  const rule = typeof r.rule === 'string' ? JSON.parse(r.rule) : r.rule;
  const override = r.override == null ? undefined : typeof r.override === 'string' ? JSON.parse(r.override) : r.override;
  const day = (v: any) => (typeof v === 'string' ? v.slice(0, 10) : v);
  return {
    id: r.id,
    objectType: r.object_type,
    objectId: r.object_id,
    ruleId: r.rule_id,
    article: Number(r.article),
    label: r.label,
    from: rule.from,
    eventDate: day(r.event_date),
    duration: override?.duration ?? rule.duration,
    due: day(r.due),
    remindFrom: day(r.remind_from),
    unknownYears: (r.unknown_years ?? []).map(Number),
    ...(override ? { override } : {}),
    closedAt: r.closed_at ? new Date(r.closed_at).toISOString() : null,
  };
};

async function scheduleFor(ctx: UseCaseContext, id: string, d: Deadline, kinds: DeadlineTimers): Promise<void> {
  const base = { tenantId: ctx.actor.tenantId, key: id };
  const payload = { deadlineId: id, ruleId: d.ruleId, article: d.article, due: d.due, ...(kinds.escalateTo ? { escalateTo: kinds.escalateTo } : {}) };
  const remind = kinds.remind === undefined ? REMIND_KIND : kinds.remind;
  const overdue = kinds.overdue === undefined ? OVERDUE_KIND : kinds.overdue;
  if (remind) await scheduleTimer(ctx.tx, { ...base, kind: remind, dueAt: startOfDay(d.remindFrom), payload }, ctx.now);
  if (overdue) {
    await scheduleTimer(ctx.tx, { ...base, kind: overdue, dueAt: startOfDay(addDays(d.due, 1)), payload }, ctx.now);
  }
}

/**
 * Computes and stores the deadline of `rule` for an item, with its timers. Refuses (with the article)
 * an override the rule does not allow. Tracking the same item and rule again replaces the deadline.
 */
export async function trackDeadline(
  ctx: UseCaseContext,
  input: {
    objectType: string;
    objectId: string;
    rule: DeadlineRule;
    eventDate: IsoDate | string;
    override?: DeadlineOverride;
    timers?: DeadlineTimers;
    calendar?: CalendarIndex;
  },
): Promise<TrackedDeadline> {
  const decision = computeDeadline(input.rule, input.eventDate, input.calendar ?? currentCalendar(), input.override);
  if (!decision.ok) throw refusal(decision.violations[0].code, decision.violations);
  const d = decision.value;
  const kinds = input.timers ?? {};
  const { rows } = await ctx.tx.query(
    `INSERT INTO deadlines (id, tenant_id, object_type, object_id, rule_id, article, label, event_date, due, remind_from,
       unknown_years, rule, override, timer_kinds, created_at)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15)
     ON CONFLICT (tenant_id, object_type, object_id, rule_id) DO UPDATE SET
       label = EXCLUDED.label, event_date = EXCLUDED.event_date, due = EXCLUDED.due, remind_from = EXCLUDED.remind_from,
       unknown_years = EXCLUDED.unknown_years, rule = EXCLUDED.rule, override = EXCLUDED.override,
       timer_kinds = EXCLUDED.timer_kinds, recomputed_at = $15, closed_at = NULL
     RETURNING *`,
    [
      randomUUID(), ctx.actor.tenantId, input.objectType, input.objectId, d.ruleId, d.article, d.label, d.eventDate, d.due,
      d.remindFrom, d.unknownYears, JSON.stringify(input.rule), d.override ? JSON.stringify(d.override) : null,
      JSON.stringify(kinds), ctx.now,
    ],
  );
  const tracked = rowToTracked(rows[0]);
  await scheduleFor(ctx, tracked.id, d, kinds);
  await ctx.audit({
    action: d.override ? 'deadline.overridden' : 'deadline.set',
    objectType: input.objectType,
    objectId: input.objectId,
    article: d.article,
    payload: {
      ruleId: d.ruleId, label: d.label, eventDate: d.eventDate, due: d.due, remindFrom: d.remindFrom,
      ...(d.unknownYears.length ? { unknownYears: d.unknownYears } : {}),
      ...(d.override ? { override: d.override } : {}),
    },
  });
  return tracked;
}

/** The item was done: the deadline is closed and its pending timers cancelled. */
export async function closeDeadline(ctx: UseCaseContext, objectType: string, objectId: string, ruleId: string): Promise<void> {
  const { rows } = await ctx.tx.query(
    `UPDATE deadlines SET closed_at = $5 WHERE tenant_id = $1 AND object_type = $2 AND object_id = $3 AND rule_id = $4 AND closed_at IS NULL RETURNING id, timer_kinds`,
    [ctx.actor.tenantId, objectType, objectId, ruleId, ctx.now],
  );
  for (const r of rows as any[]) {
    const kinds: DeadlineTimers = typeof r.timer_kinds === 'string' ? JSON.parse(r.timer_kinds) : r.timer_kinds ?? {};
    for (const k of [kinds.remind === undefined ? REMIND_KIND : kinds.remind, kinds.overdue === undefined ? OVERDUE_KIND : kinds.overdue]) {
      if (k) await cancelTimer(ctx.tx, ctx.actor.tenantId, k, r.id, ctx.now);
    }
  }
}

export async function deadlinesOf(ctx: { tx: UseCaseContext['tx'] }, tenantId: string, objectType: string, objectId: string): Promise<TrackedDeadline[]> {
  const { rows } = await ctx.tx.query(
    `SELECT * FROM deadlines WHERE tenant_id = $1 AND object_type = $2 AND object_id = $3 ORDER BY due`,
    [tenantId, objectType, objectId],
  );
  return rows.map(rowToTracked);
}

/** The state of a tracked deadline on a day (按期 / 即将到期 / 已逾期 / 日历未知). */
export const trackedState = (d: TrackedDeadline, today: IsoDate | string): DeadlineState => deadlineState(d, today);

/**
 * A year was loaded: every open deadline (all tenants: the notices are national) that relied on it as
 * unknown is recomputed under the new calendar, its timers moved, the change audited.
 */
export async function recomputeDeadlinesForYear(ctx: UseCaseContext, year: number, arrangements: HolidayArrangement[]): Promise<number> {
  const cal = buildCalendarIndex(arrangements);
  const { rows } = await ctx.tx.query(
    `SELECT * FROM deadlines WHERE closed_at IS NULL AND $1 = ANY(unknown_years) ORDER BY created_at FOR UPDATE`,
    [year],
  );
  for (const r of rows as any[]) {
    const before = rowToTracked(r);
    const rule: DeadlineRule = typeof r.rule === 'string' ? JSON.parse(r.rule) : r.rule;
    const stored = r.override == null ? undefined : typeof r.override === 'string' ? JSON.parse(r.override) : r.override;
    const override: DeadlineOverride | undefined = stored
      ? { by: stored.by, reason: stored.reason, ...(stored.duration ? { duration: stored.duration } : {}), ...(stored.due ? { due: stored.due } : {}) }
      : undefined;
    const decision = computeDeadline(rule, before.eventDate, cal, override);
    if (!decision.ok) continue; // the override was accepted when set; the rule has not changed since
    const d = decision.value;
    await ctx.tx.query(
      `UPDATE deadlines SET due = $2, remind_from = $3, unknown_years = $4, label = $5, recomputed_at = $6 WHERE id = $1`,
      [r.id, d.due, d.remindFrom, d.unknownYears, d.label, ctx.now],
    );
    const kinds: DeadlineTimers = typeof r.timer_kinds === 'string' ? JSON.parse(r.timer_kinds) : r.timer_kinds ?? {};
    const actorTenant = { ...ctx, actor: { ...ctx.actor, tenantId: r.tenant_id } };
    await scheduleFor(actorTenant, r.id, d, kinds);
    const after: TrackedDeadline = { ...before, due: d.due, remindFrom: d.remindFrom, unknownYears: d.unknownYears, label: d.label };
    await ctx.audit({
      action: 'deadline.recomputed',
      objectType: before.objectType,
      objectId: before.objectId,
      article: before.article,
      payload: { ruleId: before.ruleId, year, dueBefore: before.due, due: d.due, unknownYearsBefore: before.unknownYears, unknownYears: d.unknownYears },
    });
    await listeners.get(before.objectType)?.recomputed?.(ctx, after, { due: before.due, unknownYears: before.unknownYears }, cal);
  }
  return rows.length;
}

async function deadlineOfTimer(ctx: UseCaseContext, t: TimerRow): Promise<TrackedDeadline | null> {
  const { rows } = await ctx.tx.query(`SELECT * FROM deadlines WHERE id = $1`, [t.payload.deadlineId ?? t.key]);
  return rows.length ? rowToTracked(rows[0]) : null;
}

/** The calendar's own timer kinds: the reminder and the 催办, both recorded citing the rule's article. */
export function registerCalendarTimerKinds(): void {
  registerTimerKind(REMIND_KIND, async (ctx, t) => {
    const d = await deadlineOfTimer(ctx, t);
    if (!d || d.closedAt) return;
    await ctx.audit({
      action: 'deadline.reminded',
      objectType: d.objectType,
      objectId: d.objectId,
      article: d.article,
      payload: {
        ruleId: d.ruleId, label: d.label, due: d.due,
        message: `时限提醒：${d.label}，将于 ${d.due} 到期（依据${articleLabel(d.article)}）`,
        ...(d.unknownYears.length ? { unknownYears: d.unknownYears } : {}),
      },
    });
  });
  registerTimerKind(OVERDUE_KIND, async (ctx, t) => {
    const d = await deadlineOfTimer(ctx, t);
    if (!d || d.closedAt) return;
    const to = typeof t.payload.escalateTo === 'string' ? t.payload.escalateTo : null;
    await ctx.audit({
      action: 'deadline.escalated',
      objectType: d.objectType,
      objectId: d.objectId,
      article: d.article,
      payload: {
        ruleId: d.ruleId, label: d.label, due: d.due, escalateTo: to,
        message: `逾期催办：${d.label}，已于 ${d.due} 到期未办结${to ? `，报${to}` : ''}（依据${articleLabel(d.article)}）`,
        ...(d.unknownYears.length ? { unknownYears: d.unknownYears } : {}),
      },
    });
  });
}
