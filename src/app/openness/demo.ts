// The Wuwei openness demo (demo/wuwei/openness.yaml), loaded through the same use cases as the API:
// the 2023 rules as a published document with its full text, the 2018 rules repealed by it, policies
// with interpretations by their drafting units, meeting decisions, tracked obligations and an emergency.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { AppError } from '../../errors/index.ts';
import type { UseCaseContext } from '../context.ts';
import { DEMO_DIR } from '../seed.ts';
import { repoRoot } from '../../rules/index.ts';
import { changeStatusIn, publishDocumentIn, publishInterpretationIn, publishMeetingDecisionIn, registerObligationIn } from './publish.ts';
import { checkEmergencyEntry, PUBLIC_EMERGENCY_KINDS, EMERGENCY_KIND_LABELS, type EmergencyEntryKind } from '../../domain/openness/emergency.ts';
import { indexEntry } from '../search/search.ts';
import { indexAllDocuments } from '../search/documents.ts';
import { onDocumentIssued } from './documents.ts';
import { shanghaiDate } from './rules.ts';

const minusDays = (d: string, n: number) => new Date(Date.parse(`${d}T00:00:00Z`) - n * 86_400_000).toISOString().slice(0, 10);

export async function seedDemoOpenness(ctx: UseCaseContext): Promise<void> {
  const data = parse(readFileSync(join(DEMO_DIR, 'openness.yaml'), 'utf8'));
  const today = shanghaiDate(ctx.now);
  const ids = new Map<string, string>();
  const fullText = readFileSync(join(repoRoot(), 'packs', 'wuwei-2023', 'source.txt'), 'utf8').trim();
  for (const d of data.documents ?? []) {
    const r = await publishDocumentIn(ctx, {
      sourceId: d.sourceId, title: d.title, body: d.bodyFromPack ? fullText : String(d.body).trim(), docNumber: d.docNumber, docType: d.docType,
      issuer: d.issuer, issuerUnitId: d.issuerUnitId, draftingUnitId: d.draftingUnitId, category: d.category, issuedOn: String(d.issuedOn),
      attribute: '主动公开', policy: Boolean(d.policy),
    }, { publishedOn: String(d.publishedOn) });
    ids.set(d.key, r.id);
  }
  for (const d of data.documents ?? []) {
    if (!d.repealedBy) continue;
    await changeStatusIn(ctx, ids.get(d.key)!, { status: 'repealed', byItemId: ids.get(d.repealedBy), note: d.repealNote, on: String(d.repealedOn), version: 1 });
  }
  for (const i of data.interpretations ?? []) {
    const policyId = ids.get(i.policy);
    if (!policyId) throw new AppError('OPENNESS.ITEM_NOT_FOUND', { message: `演示解读引用了不存在的政策 ${i.policy}` });
    await publishInterpretationIn(ctx, policyId, { unitId: i.unitId, unitName: i.unitName, title: i.title, body: String(i.body).trim(), form: i.form }, { publishedOn: String(i.publishedOn) });
  }
  for (const m of data.meetingDecisions ?? []) {
    await publishMeetingDecisionIn(ctx, {
      sourceId: m.sourceId, meetingType: m.meetingType, title: m.title, body: String(m.body).trim(), meetingNumber: m.meetingNumber,
      heldOn: String(m.heldOn), attribute: '主动公开', category: m.category,
    }, { publishedOn: String(m.publishedOn) });
  }
  for (const p of data.pending ?? []) {
    await registerObligationIn(ctx, { sourceType: 'document', sourceId: p.sourceId, title: p.title, docNumber: p.docNumber, issuer: p.issuer, issuedOn: minusDays(today, p.daysAgo), attribute: '主动公开' });
  }
  for (const e of data.emergencies ?? []) {
    const eventId = `evt-${randomUUID()}`;
    await ctx.tx.query(`INSERT INTO emergency_events (tenant_id, id, title, unit_id, unit_name, occurred_at, created_at) VALUES ($1,$2,$3,$4,$5,$6,$6)`,
      [ctx.actor.tenantId, eventId, e.title, e.unitId, e.unitName, ctx.now]);
    const done: { kind: EmergencyEntryKind; at: string }[] = [];
    for (const [i, x] of (e.entries as any[]).entries()) {
      const v = checkEmergencyEntry(done, { kind: x.kind, content: x.content, corrects: x.corrects }, 41);
      if (v.length) throw new AppError('OPENNESS.REFUSED', { message: `演示突发事件数据顺序错误：${v[0].message}` });
      let itemId: string | null = null;
      if ((PUBLIC_EMERGENCY_KINDS as readonly string[]).includes(x.kind)) {
        itemId = `pub-${randomUUID()}`;
        const title = `${e.title}（${EMERGENCY_KIND_LABELS[x.kind as EmergencyEntryKind]}）`;
        await ctx.tx.query(
          `INSERT INTO published_items (tenant_id, id, source_type, source_id, kind, title, body, doc_type, issuer, issuer_unit_id, issued_on, published_on, published_at, thread_id, corrects)
           VALUES ($1,$2,'emergency',$3,'emergency',$4,$5,$6,$7,$8,$9,$9,$10,$11,$12)`,
          [ctx.actor.tenantId, itemId, `${eventId}:${i + 1}`, title, x.content, EMERGENCY_KIND_LABELS[x.kind as EmergencyEntryKind], e.unitName, e.unitId, today, new Date(ctx.now.getTime() + i * 60_000), eventId, x.corrects ?? null]);
        await indexEntry(ctx.tx, { tenantId: ctx.actor.tenantId, objectType: 'published_item', objectId: itemId, scope: 'public', unitId: e.unitId, kind: 'emergency', title, issuer: e.unitName, body: x.content, datedOn: today, status: 'in_force' });
      }
      await ctx.tx.query(`INSERT INTO emergency_entries (tenant_id, event_id, seq, kind, content, reported_to, corrects, at, actor_name, published_item_id) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10)`,
        [ctx.actor.tenantId, eventId, i + 1, x.kind, x.content, x.reportedTo ?? null, x.corrects ?? null, new Date(ctx.now.getTime() + i * 60_000), '演示数据', itemId]);
      done.push({ kind: x.kind, at: today });
    }
    await ctx.audit({ action: 'openness.emergency_seeded', objectType: 'emergency_event', objectId: eventId, article: 41 });
  }
  // documents issued by the documents demo: 印发 already published the 主动公开 ones (onDocumentIssued);
  // any issued without that step are taken through it now, and every document gets its staff search entry
  const { rows: issued } = await ctx.tx.query(
    `SELECT id FROM documents d WHERE tenant_id = $1 AND flow = 'outgoing' AND issued_date IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM document_disclosures x WHERE x.tenant_id = d.tenant_id AND x.document_id = d.id) ORDER BY issued_date, id`, [ctx.actor.tenantId]);
  for (const d of issued) await onDocumentIssued(ctx, d.id);
  await indexAllDocuments(ctx.tx, ctx.actor.tenantId);
}
