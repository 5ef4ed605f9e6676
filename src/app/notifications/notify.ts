// Creating notifications, in the transaction of the event that gives the work or the deadline: the
// emitting use case or timer handler makes one call, `notify(ctx, {...})`. The recipients are resolved
// through the organisation on the event's day (an absent leader's work reaches the AB岗 partner or the
// entrusted executive vice mayor), each recipient's preferences decide the channels, and one outbox row
// per external channel waits for the worker (delivery.ts) — so the event and what it tells commit
// together or not at all. A second call for the same event (same key) adds nothing.
import { randomUUID } from 'node:crypto';
import { refusal } from '../../errors/index.ts';
import {
  defaultPreferences, draftViolations, EXTERNAL_CHANNELS, mergePreferences, releaseAt, resolveRecipients,
  type NotificationDraft, type Preferences, type PreferencesInput, type Target,
} from '../../domain/notifications/index.ts';
import type { Org } from '../../domain/org/index.ts';
import type { Queryable } from '../../store/db.ts';
import type { UseCaseContext } from '../context.ts';
import { shanghaiDay } from '../documents/clock.ts';
import { documentParams } from '../documents/rules.ts';
import { orgRulesOn } from '../org/rules.ts';
import { requireOrg } from '../org/usecases.ts';
import { tenantPack } from '../tenancy/registry.ts';
import { channelConfigured, notificationSettings, utcOffsetMinutes } from './settings.ts';

/** The PostgreSQL channel a committed change of someone's inbox is announced on ('<tenant>:<person>'). */
export const INBOX_CHANNEL = 'zhengtong_inbox';

export interface NotifyInput extends NotificationDraft {
  to: Target[];
  /** identifies the event: one notification per recipient and key */
  key: string;
  objectType?: string;
  objectId?: string;
  /** the organisation the caller already loaded (a test's, another government's directory) */
  org?: Org | null;
}

export interface Notified {
  personId: string;
  id: string;
}

/** The classification lists of the pack in force (第八十二条). */
export function classificationRules(day: string) {
  const p = documentParams(tenantPack(), day);
  return { refused: p.refusedClassifications.value, restricted: p.restrictedClassifications.value, article: p.refusedClassifications.article };
}

/** A person's preferences: what they chose, over their role's defaults. */
export async function preferencesOf(tx: Queryable, tenantId: string, personIds: string[]): Promise<Map<string, Preferences>> {
  const out = new Map<string, Preferences>();
  if (!personIds.length) return out;
  const settings = notificationSettings();
  const roles = await tx.query<{ person_id: string; roles: string[] }>(
    `SELECT person_id, array_agg(DISTINCT r) AS roles FROM users, unnest(roles) r
      WHERE tenant_id = $1 AND person_id = ANY($2::text[]) AND NOT disabled GROUP BY person_id`, [tenantId, personIds]);
  const stored = await tx.query<{ person_id: string; preferences: PreferencesInput | string }>(
    `SELECT person_id, preferences FROM notification_preferences WHERE tenant_id = $1 AND person_id = ANY($2::text[])`, [tenantId, personIds]);
  const rolesOf = new Map(roles.rows.map((r) => [r.person_id, r.roles]));
  const prefsOf = new Map(stored.rows.map((r) => [r.person_id, typeof r.preferences === 'string' ? JSON.parse(r.preferences) : r.preferences]));
  for (const id of personIds) {
    out.set(id, mergePreferences(defaultPreferences(rolesOf.get(id) ?? [], { quietHours: settings.quietHours }), prefsOf.get(id)));
  }
  return out;
}

/** Announces a committed change of these inboxes (PostgreSQL delivers NOTIFY only when the transaction commits). */
export async function announceInboxChange(tx: Queryable, tenantId: string, personIds: string[]): Promise<void> {
  for (const p of [...new Set(personIds)]) await tx.query('SELECT pg_notify($1, $2)', [INBOX_CHANNEL, `${tenantId}:${p}`]);
}

export async function notify(ctx: UseCaseContext, input: NotifyInput): Promise<Notified[]> {
  const day = shanghaiDay(ctx.now);
  const tenantId = ctx.actor.tenantId;
  const v = draftViolations(input, classificationRules(day));
  if (v.length) throw refusal(v[0].code, v);
  // without an organisation nobody can be resolved: the event stands, and nobody is told
  const org = input.org ?? (await requireOrg(ctx.tx, tenantId).catch(() => null));
  if (!org) return [];
  const recipients = resolveRecipients(org, input.to, day, orgRulesOn(day).delegation);
  if (!recipients.length) return [];
  const settings = notificationSettings();
  const prefs = await preferencesOf(ctx.tx, tenantId, recipients.map((r) => r.personId));
  const offset = utcOffsetMinutes(tenantPack().meta.timeZone, ctx.now);
  const out: Notified[] = [];
  for (const r of recipients) {
    const id = `ntf-${randomUUID()}`;
    const acting = r.actingFor ? `${r.actingFor.marker}：代${r.actingFor.title}` : null;
    const ins = await ctx.tx.query(
      `INSERT INTO notifications (tenant_id, id, recipient_person_id, kind, article, title, body, link, classification, acting_for,
         object_type, object_id, dedupe_key, created_at)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14) ON CONFLICT (tenant_id, recipient_person_id, dedupe_key) DO NOTHING`,
      [tenantId, id, r.personId, input.kind, input.article, input.title, input.body ?? null, input.link, input.classification ?? '', acting,
        input.objectType ?? null, input.objectId ?? null, input.key, ctx.now]);
    if (!ins.rowCount) continue;
    out.push({ personId: r.personId, id });
    const p = prefs.get(r.personId)!;
    const release = releaseAt(ctx.now, p.quietHours, offset);
    for (const channel of EXTERNAL_CHANNELS) {
      if (!p.channels[input.kind].includes(channel) || !channelConfigured(settings, channel)) continue;
      const noAddress = channel === 'mail' && !p.mail;
      await ctx.tx.query(
        `INSERT INTO notification_deliveries (tenant_id, notification_id, channel, recipient_person_id, address, status, held, next_attempt_at, last_error, created_at)
         VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10)`,
        [tenantId, id, channel, r.personId, channel === 'mail' ? p.mail : null, noAddress ? 'failed' : 'pending',
          release.held && p.digest, release.at, noAddress ? '未填写电子邮件地址（在“消息设置”中填写）' : null, ctx.now]);
    }
  }
  if (out.length) {
    await announceInboxChange(ctx.tx, tenantId, out.map((o) => o.personId));
    await ctx.audit({
      action: 'notification.created', objectType: input.objectType ?? 'notification', objectId: input.objectId ?? input.key, article: input.article,
      payload: { kind: input.kind, key: input.key, recipients: out.map((o) => o.personId) },
    });
  }
  return out;
}
