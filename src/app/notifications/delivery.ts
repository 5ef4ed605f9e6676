// Delivery of notifications on the external channels, exactly once per notification and channel. A
// worker in every server process claims one due outbox row with FOR UPDATE SKIP LOCKED (another
// process skips it), sends it, and marks it sent in the same transaction; a failure is recorded and
// tried again on the back-off (ZHENGTONG_NOTIFY_RETRY_SECONDS) until the schedule is spent, then the
// row is failed for good and shows so on the office's page. What quiet hours held back goes out, when
// they end, as one digest per person and channel (all its rows are claimed and marked together).
//
// The send happens while the row is locked: no other process can send it meanwhile. A crash between
// the channel accepting the message and the commit would send it again at the next claim; the mail
// carries a stable Message-ID so that a relay can recognise the repeat.
import { digestMessage, retryAt, type StoredNotification } from '../../domain/notifications/index.ts';
import type { Queryable } from '../../store/db.ts';
import { asSystem } from '../../store/scope.ts';
import { drainOutbox, startOutboxWorker } from '../../jobs/outbox.ts';
import { pollIntervals } from '../../config.ts';
import type { AppDeps } from '../context.ts';
import { packOfTenant, knowTenant } from '../tenancy/registry.ts';
import { documentParams } from '../documents/rules.ts';
import { shanghaiDay } from '../documents/clock.ts';
import { send } from './channels.ts';
import { notificationSettings } from './settings.ts';

export type DeliveryOutcome =
  | { sent: string[]; channel: string; tenantId: string; personId: string }
  | { retry: string[]; channel: string; error: string }
  | { failed: string[]; channel: string; error: string }
  | null;

const toStored = (r: any): StoredNotification => ({
  id: r.id, kind: r.kind, article: Number(r.article), title: r.title, body: r.body, link: r.link,
  classification: r.classification ?? '', actingFor: r.acting_for ?? null,
});

async function recipientName(tx: Queryable, tenantId: string, personId: string): Promise<string> {
  const { rows } = await tx.query<{ display_name: string }>(
    `SELECT display_name FROM users WHERE tenant_id = $1 AND person_id = $2 ORDER BY created_at LIMIT 1`, [tenantId, personId]);
  return rows[0]?.display_name ?? personId;
}

/** Claims and delivers at most one message (one delivery, or one digest); null when none is due. */
export function deliverOneNotification(deps: AppDeps): Promise<DeliveryOutcome> {
  return asSystem(() => deliverOne(deps));
}

async function deliverOne(deps: AppDeps): Promise<DeliveryOutcome> {
  const now = deps.clock.now();
  const settings = notificationSettings();
  return deps.db.transaction(async (tx): Promise<DeliveryOutcome> => {
    const { rows } = await tx.query<any>(
      `SELECT * FROM notification_deliveries WHERE status = 'pending' AND next_attempt_at <= $1
        ORDER BY next_attempt_at, created_at, notification_id LIMIT 1 FOR UPDATE SKIP LOCKED`, [now]);
    const first = rows[0];
    if (!first) return null;
    let batch: any[] = [first];
    if (first.held) {
      // the digest: every held row of this person and channel that is due, claimed together
      const more = await tx.query<any>(
        `SELECT * FROM notification_deliveries WHERE status = 'pending' AND held AND next_attempt_at <= $1
            AND tenant_id = $2 AND recipient_person_id = $3 AND channel = $4 AND notification_id <> $5
          ORDER BY created_at, notification_id FOR UPDATE SKIP LOCKED`,
        [now, first.tenant_id, first.recipient_person_id, first.channel, first.notification_id]);
      batch = batch.concat(more.rows);
    }
    const ids = batch.map((b) => String(b.notification_id));
    const notes = await tx.query<any>(`SELECT * FROM notifications WHERE tenant_id = $1 AND id = ANY($2::text[]) ORDER BY created_at, id`, [first.tenant_id, ids]);
    await knowTenant(tx, first.tenant_id);
    const restricted = documentParams(packOfTenant(first.tenant_id), shanghaiDay(now)).restrictedClassifications.value;
    const message = digestMessage(notes.rows.map(toStored), first.channel, settings.linkBase, restricted);
    const messageId = `${ids[0]}.${first.channel}${ids.length > 1 ? `.digest${ids.length}` : ''}`;
    const mark = (sql: string, params: unknown[]) =>
      tx.query(`UPDATE notification_deliveries SET ${sql} WHERE tenant_id = $1 AND channel = $2 AND notification_id = ANY($3::text[])`,
        [first.tenant_id, first.channel, ids, ...params]);
    try {
      await send(settings, {
        channel: first.channel, address: first.address, recipientName: await recipientName(tx, first.tenant_id, first.recipient_person_id),
        message, messageId,
      }, now.getTime());
    } catch (e) {
      const error = String((e as Error)?.message ?? e).slice(0, 1000);
      const attempts = Number(first.attempts) + 1;
      const next = retryAt(now, attempts, settings.retrySeconds);
      if (next) {
        await mark(`attempts = attempts + 1, last_error = $4, next_attempt_at = $5`, [error, next]);
        return { retry: ids, channel: first.channel, error };
      }
      await mark(`attempts = attempts + 1, last_error = $4, status = 'failed'`, [error]);
      return { failed: ids, channel: first.channel, error };
    }
    await mark(`attempts = attempts + 1, last_error = NULL, status = 'sent', sent_at = $4, message_id = $5`, [now, messageId]);
    return { sent: ids, channel: first.channel, tenantId: first.tenant_id, personId: first.recipient_person_id };
  });
}

/** Delivers everything due now (up to `limit` messages). */
export async function deliverDueNotifications(deps: AppDeps, limit = 500): Promise<NonNullable<DeliveryOutcome>[]> {
  return drainOutbox(() => deliverOneNotification(deps), limit);
}

/** The worker every server process runs (ZHENGTONG_NOTIFY_POLL_MS, default 2 s). */
export async function notificationsBackground(deps: AppDeps): Promise<{ stop(): Promise<void> }> {
  return startOutboxWorker({ failureLabel: '消息投递失败', pollMs: pollIntervals().notifications, deliverOne: () => deliverOneNotification(deps) });
}
