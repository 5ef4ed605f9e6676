// Durable timers of the meetings context. The 第五十九条 issuance deadlines are tracked deadlines of the
// calendar (reminder on the pack's reminder day, 催办 the day after the due day, each fired once and
// audited with 第五十九条) and follow a recomputation when a year's holidays are loaded. The materials
// cut-off of a meeting (第五十六条第二款) is a timer of its own: when it passes, every agenda topic still
// lacking a 第三十四条 material is recorded, once, with the articles.
import { basedOn } from '../../domain/shared/article.ts';
import { missingMaterials } from '../../domain/meetings/index.ts';
import { onDeadlineRecomputed } from '../calendar/deadlines.ts';
import { cancelTimer, registerTimerKind, scheduleTimer } from '../../jobs/timers.ts';
import type { BackgroundTask } from '../background.ts';
import type { UseCaseContext } from '../context.ts';
import { loadMeeting, loadTopics } from './repo.ts';
import { meetingRules } from './rules.ts';
import { shanghaiDate } from '../org/usecases.ts';

export const MATERIALS_CUTOFF_KIND = 'meetings.materials.cutoff';
export const ISSUANCE_OBJECT = 'meeting_issuance_task';

/** Schedules (or moves) the materials cut-off of a meeting. */
export async function scheduleMaterialsCutoff(ctx: UseCaseContext, meetingId: string, dueAt: string): Promise<void> {
  await scheduleTimer(ctx.tx, { tenantId: ctx.actor.tenantId, kind: MATERIALS_CUTOFF_KIND, key: meetingId, dueAt: new Date(dueAt), payload: { meetingId, article: 56 } }, ctx.now);
}

export async function cancelMaterialsCutoff(ctx: UseCaseContext, meetingId: string): Promise<void> {
  await cancelTimer(ctx.tx, ctx.actor.tenantId, MATERIALS_CUTOFF_KIND, meetingId, ctx.now);
}

let registered = false;

/** Registers the meetings timer kind and the recomputation listener (idempotent). */
export function registerMeetingTimerKinds(): void {
  registerTimerKind(MATERIALS_CUTOFF_KIND, async (ctx, t) => {
    const meetingId = String(t.payload.meetingId ?? t.key);
    const m = await loadMeeting(ctx.tx, t.tenantId, meetingId);
    if (m.status === 'cancelled' || m.status === 'ended') return;
    const rules = meetingRules(shanghaiDate(new Date(m.startsAt)));
    const topics = await loadTopics(ctx.tx, t.tenantId, `meeting_id = $2`, [m.id]);
    const lacking = topics
      .map((x) => ({ topicId: x.id, title: x.title, missing: missingMaterials(x, rules).map((v) => ({ material: v.details?.material, message: v.message })) }))
      .filter((x) => x.missing.length);
    await ctx.audit({
      action: 'meeting.materials.cutoff',
      objectType: 'meeting',
      objectId: m.id,
      article: 56,
      payload: {
        dueAt: m.materialsDueAt,
        topics: topics.length,
        lacking,
        message: lacking.length
          ? `${basedOn(56)}，会议材料一般应于会前送达：截止时${lacking.length}个议题仍缺${basedOn(rules.materials.article).replace('依据', '')}规定的材料`
          : `${basedOn(56)}，会议材料送达截止：议题材料齐全`,
      },
    });
  });
  if (registered) return;
  registered = true;
  // a loaded holiday arrangement moved an issuance deadline: the task's own columns follow
  onDeadlineRecomputed(ISSUANCE_OBJECT, async (ctx, d) => {
    await ctx.tx.query(`UPDATE meeting_issuance_tasks SET due = $2, remind_from = $3, unknown_years = $4, version = version + 1 WHERE id = $1`,
      [d.objectId, d.due, d.remindFrom, d.unknownYears]);
  });
}

/** Background work: the timer kinds are registered before the timer worker starts firing. */
export const meetingsBackground: BackgroundTask = async () => {
  registerMeetingTimerKinds();
  return { async stop() {} };
};
