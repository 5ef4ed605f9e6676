// Who the meetings context tells: the participants of a meeting when it is notified, changed or
// cancelled, and the member whose leave was decided. One call per event, in its transaction.
import { MEETING_TYPE_LABELS, type MeetingType } from '../../domain/meetings/types.ts';
import type { UseCaseContext } from '../context.ts';
import { notify } from '../notifications/notify.ts';

const when = (iso: string) => new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');

export interface MeetingNotice {
  id: string;
  type: MeetingType;
  startsAt: string;
  place: string | null;
  personIds: string[];
}

/** A meeting notified (scheduled), changed (rescheduled) or cancelled: every participant is told. */
export async function noticeMeeting(ctx: UseCaseContext, m: MeetingNotice, change: 'notice' | 'rescheduled' | 'cancelled', article: number, reason?: string): Promise<void> {
  const label = MEETING_TYPE_LABELS[m.type];
  const title = change === 'notice' ? `会议通知：${label}，${when(m.startsAt)}${m.place ? `，${m.place}` : ''}`
    : change === 'rescheduled' ? `会议变更：${label}改于${when(m.startsAt)}${m.place ? `，${m.place}` : ''}`
      : `会议取消：${label}（原定${when(m.startsAt)}）`;
  await notify(ctx, {
    kind: change === 'notice' ? 'meeting_notice' : 'meeting_changed', article, key: `meeting_${change}:${m.id}:${m.startsAt}`,
    objectType: 'meeting', objectId: m.id, title, body: reason ? `原因：${reason}` : null, link: `/meetings/m/${m.id}`,
    to: m.personIds.map((personId) => ({ personId })),
  });
}

/** 第五十七条: a member's leave from a meeting was approved (a refusal is told as a change to attend). */
export async function noticeLeaveDecided(ctx: UseCaseContext, m: MeetingNotice, leave: { id: string; personId: string }, approved: boolean, article: number, note: string): Promise<void> {
  await notify(ctx, {
    kind: approved ? 'leave_approved' : 'meeting_changed', article, key: `leave:${leave.id}`, objectType: 'meeting', objectId: m.id,
    title: approved ? `请假已批准：${MEETING_TYPE_LABELS[m.type]}（${when(m.startsAt)}）` : `请假未获批准，请按时参会：${MEETING_TYPE_LABELS[m.type]}（${when(m.startsAt)}）`,
    body: note || null, link: `/meetings/m/${m.id}`, to: [{ personId: leave.personId }],
  });
}
