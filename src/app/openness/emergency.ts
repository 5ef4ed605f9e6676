// 第四十一条: 快报事实、慎报原因. An event records its upward report first (internal), then the fact
// release and dated updates, and corrections of false or incomplete information — the public entries
// are published into published_items, threaded by event, so the portal shows them in order.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { AppError, refusal } from '../../errors/index.ts';
import { EMERGENCY_KIND_LABELS, PUBLIC_EMERGENCY_KINDS, checkEmergencyEntry, type EmergencyEntryKind } from '../../domain/openness/emergency.ts';
import { runQuery, runUseCase, type Actor, type AppDeps } from '../context.ts';
import { indexEntry } from '../search/search.ts';
import { opennessRules, shanghaiDate } from './rules.ts';

export const openEmergencyInput = z.strictObject({
  title: z.string().min(1).max(200),
  unitId: z.string().max(64).optional(),
  unitName: z.string().min(1).max(100),
  occurredAt: z.iso.datetime({ offset: true }),
});

export async function openEmergency(deps: AppDeps, actor: Actor, input: z.infer<typeof openEmergencyInput>) {
  return runUseCase(deps, actor, async (ctx) => {
    const id = `evt-${randomUUID()}`;
    await ctx.tx.query(`INSERT INTO emergency_events (tenant_id, id, title, unit_id, unit_name, occurred_at, created_at) VALUES ($1,$2,$3,$4,$5,$6,$7)`,
      [actor.tenantId, id, input.title, input.unitId ?? null, input.unitName, input.occurredAt, ctx.now]);
    await ctx.audit({ action: 'openness.emergency_opened', objectType: 'emergency_event', objectId: id, article: opennessRules(shanghaiDate(ctx.now)).emergencyArticle, payload: { title: input.title } });
    return { id };
  });
}

export const emergencyEntryInput = z.strictObject({
  kind: z.enum(['upward_report', 'fact_release', 'update', 'correction']),
  content: z.string().max(20_000),
  reportedTo: z.string().max(200).optional(),
  corrects: z.string().max(2000).optional(),
});

export async function addEmergencyEntry(deps: AppDeps, actor: Actor, eventId: string, input: z.infer<typeof emergencyEntryInput>) {
  return runUseCase(deps, actor, async (ctx) => {
    const today = shanghaiDate(ctx.now);
    const article = opennessRules(today).emergencyArticle;
    const ev = (await ctx.tx.query('SELECT * FROM emergency_events WHERE tenant_id = $1 AND id = $2 FOR UPDATE', [actor.tenantId, eventId])).rows[0];
    if (!ev) throw new AppError('OPENNESS.EMERGENCY_NOT_FOUND');
    const existing = (await ctx.tx.query('SELECT kind, at FROM emergency_entries WHERE tenant_id = $1 AND event_id = $2 ORDER BY seq', [actor.tenantId, eventId])).rows;
    const v = checkEmergencyEntry(existing.map((e) => ({ kind: e.kind, at: String(e.at) })), input, article);
    if (input.kind === 'upward_report' && !input.reportedTo?.trim()) v.push({ code: 'OPENNESS.CONTENT_MISSING', article, message: '上报须写明报告对象（如市委总值班室、省政府总值班室）' });
    if (v.length) throw refusal(v[0].code, v);
    const seq = existing.length + 1;
    let itemId: string | null = null;
    if ((PUBLIC_EMERGENCY_KINDS as readonly string[]).includes(input.kind)) {
      itemId = `pub-${randomUUID()}`;
      const title = `${ev.title}（${EMERGENCY_KIND_LABELS[input.kind as EmergencyEntryKind]}）`;
      await ctx.tx.query(
        `INSERT INTO published_items (tenant_id, id, source_type, source_id, kind, title, body, doc_type, issuer, issuer_unit_id, issued_on,
           published_on, published_at, thread_id, corrects)
         VALUES ($1,$2,'emergency',$3,'emergency',$4,$5,$6,$7,$8,$9,$9,$10,$11,$12)`,
        [actor.tenantId, itemId, `${eventId}:${seq}`, title, input.content, EMERGENCY_KIND_LABELS[input.kind as EmergencyEntryKind], ev.unit_name, ev.unit_id, today, ctx.now, eventId, input.corrects ?? null]);
      await indexEntry(ctx.tx, { tenantId: actor.tenantId, objectType: 'published_item', objectId: itemId, scope: 'public', unitId: ev.unit_id, kind: 'emergency', title, issuer: ev.unit_name, body: input.content, datedOn: today, status: 'in_force' });
    }
    await ctx.tx.query(
      `INSERT INTO emergency_entries (tenant_id, event_id, seq, kind, content, reported_to, corrects, at, actor_name, published_item_id)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10)`,
      [actor.tenantId, eventId, seq, input.kind, input.content, input.reportedTo ?? null, input.corrects ?? null, ctx.now, actor.name, itemId]);
    await ctx.audit({ action: `openness.emergency_${input.kind}`, objectType: 'emergency_event', objectId: eventId, article, payload: { seq, publishedItemId: itemId } });
    return { eventId, seq, publishedItemId: itemId };
  });
}

export async function listEmergencies(deps: AppDeps, tenantId: string) {
  return runQuery(deps, async (tx) => {
    const events = (await tx.query('SELECT * FROM emergency_events WHERE tenant_id = $1 ORDER BY occurred_at DESC', [tenantId])).rows;
    const entries = (await tx.query('SELECT * FROM emergency_entries WHERE tenant_id = $1 ORDER BY event_id, seq', [tenantId])).rows;
    return events.map((e) => ({
      id: e.id, title: e.title, unitName: e.unit_name, occurredAt: e.occurred_at,
      entries: entries.filter((x) => x.event_id === e.id).map((x) => ({ seq: x.seq, kind: x.kind, kindLabel: EMERGENCY_KIND_LABELS[x.kind as EmergencyEntryKind], content: x.content, reportedTo: x.reported_to, corrects: x.corrects, at: x.at, actorName: x.actor_name, publishedItemId: x.published_item_id })),
    }));
  });
}
