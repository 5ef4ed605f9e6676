// The web inbox of the signed-in person, their preferences, and the office's view of the deliveries.
import { AppError, refusal } from '../../errors/index.ts';
import {
  CHANNEL_LABELS, CHANNELS, KIND_SPECS, NOTIFICATION_KINDS, preferenceViolations,
  type NotificationKind, type Preferences, type PreferencesInput,
} from '../../domain/notifications/index.ts';
import { runQuery, runUseCase, type Actor, type AppDeps } from '../context.ts';
import { announceInboxChange, preferencesOf } from './notify.ts';

export interface InboxQuery {
  filter?: 'unread' | 'all';
  kind?: NotificationKind;
  limit?: number;
  /** the last id of the previous page (created_at, id descending) */
  before?: string;
}

const person = (actor: Actor): string => {
  if (!actor.personId) throw new AppError('NOTIFY.NO_INBOX');
  return actor.personId;
};

const toItem = (r: any) => ({
  id: r.id,
  kind: r.kind as NotificationKind,
  kindLabel: KIND_SPECS[r.kind as NotificationKind]?.label ?? r.kind,
  article: Number(r.article),
  title: r.title,
  body: r.body,
  link: r.link,
  actingFor: r.acting_for,
  createdAt: new Date(r.created_at).toISOString(),
  readAt: r.read_at ? new Date(r.read_at).toISOString() : null,
  deliveries: (r.deliveries ?? []).map((d: any) => ({ channel: d.channel, status: d.status, sentAt: d.sent_at })),
});

export async function listInbox(deps: AppDeps, actor: Actor, q: InboxQuery) {
  const me = person(actor);
  const limit = q.limit ?? 50;
  return runQuery(deps, async (tx) => {
    const params: unknown[] = [actor.tenantId, me, limit + 1];
    const where = ['n.tenant_id = $1', 'n.recipient_person_id = $2'];
    if (q.filter === 'unread') where.push('n.read_at IS NULL');
    if (q.kind) { params.push(q.kind); where.push(`n.kind = $${params.length}`); }
    if (q.before) {
      params.push(q.before);
      where.push(`(n.created_at, n.id) < (SELECT created_at, id FROM notifications WHERE tenant_id = $1 AND id = $${params.length})`);
    }
    const { rows } = await tx.query(
      `SELECT n.*, (SELECT json_agg(json_build_object('channel', d.channel, 'status', d.status, 'sent_at', d.sent_at) ORDER BY d.channel)
                      FROM notification_deliveries d WHERE d.tenant_id = n.tenant_id AND d.notification_id = n.id) AS deliveries
         FROM notifications n WHERE ${where.join(' AND ')} ORDER BY n.created_at DESC, n.id DESC LIMIT $3`, params);
    const items = rows.slice(0, limit).map(toItem);
    return { items, next: rows.length > limit ? items[items.length - 1].id : null };
  });
}

export async function unreadCount(deps: AppDeps, tenantId: string, personId: string | null): Promise<number> {
  if (!personId) return 0;
  const { rows } = await runQuery(deps, (tx) => tx.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM notifications WHERE tenant_id = $1 AND recipient_person_id = $2 AND read_at IS NULL`, [tenantId, personId]));
  return Number(rows[0].n);
}

export async function markRead(deps: AppDeps, actor: Actor, id: string) {
  // a login that is nobody has no notification of its own: none with this id either
  if (!actor.personId) throw new AppError('NOTIFY.NOT_FOUND');
  const me = actor.personId;
  return runUseCase(deps, actor, async (ctx) => {
    const { rows } = await ctx.tx.query(
      `UPDATE notifications SET read_at = COALESCE(read_at, $4) WHERE tenant_id = $1 AND id = $2 AND recipient_person_id = $3 RETURNING read_at`,
      [actor.tenantId, id, me, ctx.now]);
    if (!rows.length) throw new AppError('NOTIFY.NOT_FOUND');
    await announceInboxChange(ctx.tx, actor.tenantId, [me]);
    return { id, readAt: new Date((rows[0] as any).read_at).toISOString() };
  });
}

/** Marks read what the person had seen: everything created up to `upTo` (a later arrival stays unread). */
export async function markAllRead(deps: AppDeps, actor: Actor, upTo: Date, kind?: NotificationKind) {
  const me = person(actor);
  return runUseCase(deps, actor, async (ctx) => {
    const r = await ctx.tx.query(
      `UPDATE notifications SET read_at = $3 WHERE tenant_id = $1 AND recipient_person_id = $2 AND read_at IS NULL AND created_at <= $4 ${kind ? 'AND kind = $5' : ''}`,
      [actor.tenantId, me, ctx.now, upTo, ...(kind ? [kind] : [])]);
    if (r.rowCount) await announceInboxChange(ctx.tx, actor.tenantId, [me]);
    return { marked: r.rowCount };
  });
}

const catalogue = () => ({
  kinds: NOTIFICATION_KINDS.map((k) => ({ kind: k, ...KIND_SPECS[k] })),
  channels: CHANNELS.map((c) => ({ channel: c, label: CHANNEL_LABELS[c] })),
});

export async function getPreferences(deps: AppDeps, actor: Actor): Promise<{ preferences: Preferences; chosen: boolean } & ReturnType<typeof catalogue>> {
  const me = person(actor);
  return runQuery(deps, async (tx) => {
    const prefs = (await preferencesOf(tx, actor.tenantId, [me])).get(me)!;
    const { rows } = await tx.query(`SELECT 1 FROM notification_preferences WHERE tenant_id = $1 AND person_id = $2`, [actor.tenantId, me]);
    return { preferences: prefs, chosen: rows.length > 0, ...catalogue() };
  });
}

export async function savePreferences(deps: AppDeps, actor: Actor, input: PreferencesInput) {
  const me = person(actor);
  const v = preferenceViolations(input);
  if (v.length) throw refusal('NOTIFY.PREFERENCES_INVALID', v);
  return runUseCase(deps, actor, async (ctx) => {
    const current = (await preferencesOf(ctx.tx, actor.tenantId, [me])).get(me)!;
    const next: PreferencesInput = {
      channels: { ...current.channels, ...(input.channels ?? {}) },
      quietHours: input.quietHours === undefined ? current.quietHours : input.quietHours,
      digest: input.digest ?? current.digest,
      mail: input.mail === undefined ? current.mail : input.mail || null,
    };
    await ctx.tx.query(
      `INSERT INTO notification_preferences (tenant_id, person_id, preferences, updated_at) VALUES ($1,$2,$3,$4)
       ON CONFLICT (tenant_id, person_id) DO UPDATE SET preferences = EXCLUDED.preferences, updated_at = EXCLUDED.updated_at`,
      [actor.tenantId, me, JSON.stringify(next), ctx.now]);
    await ctx.audit({ action: 'notification.preferences_saved', objectType: 'person', objectId: me, payload: { quietHours: next.quietHours, digest: next.digest, mailSet: Boolean(next.mail) } });
    return (await preferencesOf(ctx.tx, actor.tenantId, [me])).get(me)!;
  });
}

/** The office's view: what went out on which channel, what failed and why. */
export async function listDeliveries(deps: AppDeps, actor: Actor, q: { status?: 'pending' | 'sent' | 'failed'; channel?: string; limit?: number }) {
  return runQuery(deps, async (tx) => {
    const params: unknown[] = [actor.tenantId, q.limit ?? 100];
    const where = ['d.tenant_id = $1'];
    if (q.status) { params.push(q.status); where.push(`d.status = $${params.length}`); }
    if (q.channel) { params.push(q.channel); where.push(`d.channel = $${params.length}`); }
    const { rows } = await tx.query(
      `SELECT d.*, n.kind, n.title, n.article, n.classification FROM notification_deliveries d
         JOIN notifications n ON n.tenant_id = d.tenant_id AND n.id = d.notification_id
        WHERE ${where.join(' AND ')} ORDER BY d.created_at DESC, d.notification_id, d.channel LIMIT $2`, params);
    const counts = await tx.query<{ status: string; n: number }>(
      `SELECT status, count(*)::int AS n FROM notification_deliveries WHERE tenant_id = $1 GROUP BY status`, [actor.tenantId]);
    return {
      counts: Object.fromEntries(['pending', 'sent', 'failed'].map((s) => [s, Number(counts.rows.find((c) => c.status === s)?.n ?? 0)])),
      items: rows.map((r: any) => ({
        notificationId: r.notification_id, channel: r.channel, channelLabel: CHANNEL_LABELS[r.channel as keyof typeof CHANNEL_LABELS],
        recipientPersonId: r.recipient_person_id, kind: r.kind, kindLabel: KIND_SPECS[r.kind as NotificationKind]?.label ?? r.kind,
        // the office sees what was sent, not more: a restricted title stays hidden here as in the message
        title: r.classification ? `（标注“${r.classification}”的事项）` : r.title, article: Number(r.article),
        status: r.status, held: r.held, attempts: Number(r.attempts), lastError: r.last_error,
        nextAttemptAt: r.status === 'pending' ? new Date(r.next_attempt_at).toISOString() : null,
        sentAt: r.sent_at ? new Date(r.sent_at).toISOString() : null, createdAt: new Date(r.created_at).toISOString(),
      })),
    };
  });
}
