// The data generator (zhengtong generate): what it writes is read by the product's own routes, its audit
// records verify as part of the chain, and the same seed gives the same rows (PGlite, or PostgreSQL with
// DATABASE_URL).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from './http-harness.ts';
import { openSeededTestDb } from './harness.ts';
import { verifyAudit } from '../../src/app/audit/chain.ts';
import { canonicalJson } from '../../src/domain/audit/chain.ts';
import { defaultOptions, generate, generateOnly, parseArgs } from '../../scripts/generate-data.ts';
import { rowContent, rowContentJson, type AuditRow } from '../../scripts/generate/audit.ts';
import type { Db } from '../../src/store/db.ts';

const NOW = '2026-11-27T10:00:00+08:00';
const AS_OF = '2026-11-27';
const small = (seed: number, phases?: ('supervision' | 'meetings')[]) => defaultOptions({ scale: 200, units: 20, users: 40, seed, asOf: AS_OF, phases });

let s: TestServer;
let clerk: string;
before(async () => {
  s = await startTestServer({ now: NOW });
  clerk = await s.login('office-clerk');
  await generate(s.deps.db, small(7));
});
after(async () => { await s.close(); });

const get = async (url: string) => {
  const r = await s.app.inject({ method: 'GET', url: `/api/v1${url}`, headers: { cookie: clerk } });
  assert.equal(r.statusCode, 200, `${url}: ${r.body.slice(0, 500)}`);
  return r.json();
};

test('第八十六条: generated supervision items go through 立项 → 结论运用 on the working-day calendar and the board, the performance view and the item page read them', async () => {
  const items = (await get('/supervision/items')).items.filter((i: any) => i.id.startsWith('gs-'));
  assert.equal(items.length, 10, 'one item per 20 documents');
  assert.ok(items.some((i: any) => i.stage === 'applied') && items.some((i: any) => i.stage !== 'applied'), 'closed and open items');
  for (const i of items) {
    assert.ok(i.leadUnitId.startsWith('gu-'), 'led by a generated unit');
    assert.ok(i.openedOn <= AS_OF && i.due > i.openedOn);
    if (i.stage === 'applied') assert.ok(i.closedOn && i.closedOn <= AS_OF);
  }
  const perf = await get('/supervision/performance?by=department&from=2024-01-01&to=2027-12-31');
  assert.ok(perf.groups.some((g: any) => g.key.startsWith('gu-')), '按时办结率 by generated department');
  const closed = items.find((i: any) => i.stage === 'applied');
  const page = await get(`/supervision/items/${closed.id}`);
  assert.deepEqual(page.events.filter((e: any) => e.event_type === 'stage').map((e: any) => e.stage), ['opened', 'planned', 'in_progress', 'concluded', 'applied']);
  assert.equal(page.trail.length, page.events.length, 'one audit record per recorded event (第五十条 责任倒查)');
  const instructions = (await get('/supervision/instructions')).instructions.filter((i: any) => i.id.startsWith('gi-'));
  assert.ok(instructions.length >= 5);
  for (const i of instructions.filter((x: any) => x.status === 'closed')) assert.deepEqual(i.missing, [], `${i.id} closed with nothing missing (第八十四条, 第八十五条)`);
});

test('第五十三条: generated meetings are held with their quorum, each topic decided by the chair and the minutes signed', async () => {
  const meetings = (await get('/meetings')).meetings.filter((m: any) => m.id.startsWith('gm-'));
  assert.ok(meetings.length >= 4);
  assert.ok(meetings.every((m: any) => ['plenary', 'executive', 'mayorsOffice', 'special'].includes(m.type)));
  for (const m of meetings.filter((x: any) => x.status === 'ended')) {
    const d = await get(`/meetings/${m.id}`);
    assert.ok(d.meeting.number > 0, 'numbered when held');
    assert.ok(d.quorum.every((q: any) => q.met));
    assert.ok(d.topics.length > 0);
    for (const t of d.topics) {
      assert.ok(t.decision, `${t.id} decided`);
      assert.equal(t.decision.decidedBy, d.meeting.hostName, '第九条: the chair decides');
      assert.ok(t.quorum.every((q: any) => q.met));
    }
    for (const p of d.participants.filter((x: any) => x.role === 'member' && !x.present)) assert.equal(p.leave?.status, 'approved', '第五十七条: absent only on approved leave');
    assert.equal(d.minutes?.status, 'signed');
  }
  assert.ok((await get('/meetings/topics/board')).topics.some((t: any) => t.id.startsWith('gmt-')));
});

test('第五十条: the generated audit records chain after the existing ones and the whole chain verifies', async () => {
  const r = await verifyAudit(s.deps.db);
  assert.ok(r.ok, JSON.stringify(r));
  const n = async (sql: string) => Number((await s.deps.db.query(sql)).rows[0].n);
  assert.equal(await n(`SELECT count(*) AS n FROM audit_records WHERE object_type = 'supervision_item' AND object_id LIKE 'gs-%'`),
    await n(`SELECT count(*) AS n FROM sup_item_events WHERE id LIKE 'gse-%'`));
  assert.equal(await n(`SELECT count(*) AS n FROM audit_records WHERE object_type = 'document' AND object_id LIKE 'gd-%'`),
    await n(`SELECT count(*) AS n FROM document_events WHERE document_id LIKE 'gd-%'`));
  assert.equal(await n(`SELECT count(*) AS n FROM audit_records WHERE chain_pos IS NULL`), 0);
});

test('第五十条: a record written by the generator hashes the same canonical JSON the verifier rebuilds', () => {
  const row: AuditRow = { k: '1', seq: '42', tenant_id: 'wuwei', at: '2026-11-27T01:02:03.004Z', actor_name: '市政府办公室', action: 'document.registered',
    object_type: 'document', object_id: 'gd-00000001', article: 62 };
  for (const payload of [{ label: '登记：《关于"城市更新"的请示》\n' }, { to: 'applied', from: 'concluded', on: '2026-01-05', conclusion: null, nested: { b: 1, a: [2, { d: 1, c: 'x' }] } }]) {
    assert.equal(rowContentJson(row, canonicalJson(payload)), canonicalJson(rowContent(row, payload)));
    assert.equal(rowContentJson({ ...row, article: null }, canonicalJson(payload)), canonicalJson(rowContent({ ...row, article: null }, payload)));
  }
});

/** md5 of the generated rows, without what a run cannot repeat (sequence numbers, chain hashes). */
async function fingerprint(db: Db): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const q = async (name: string, sql: string) => { out[name] = String((await db.query(`SELECT md5(coalesce(string_agg(r::text, '|' ORDER BY r::text), '')) AS h FROM (${sql}) r`)).rows[0].h); };
  await q('sup_items', `SELECT * FROM sup_items WHERE id LIKE 'gs-%'`);
  await q('sup_item_events', `SELECT * FROM sup_item_events WHERE id LIKE 'gse-%'`);
  await q('sup_instructions', `SELECT * FROM sup_instructions WHERE id LIKE 'gi-%'`);
  await q('sup_instruction_entries', `SELECT * FROM sup_instruction_entries WHERE id LIKE 'gie-%'`);
  await q('meetings', `SELECT * FROM meetings WHERE id LIKE 'gm-%'`);
  await q('meeting_topics', `SELECT * FROM meeting_topics WHERE id LIKE 'gmt-%'`);
  await q('meeting_attendance', `SELECT meeting_id, person_id, kind, at FROM meeting_attendance WHERE meeting_id LIKE 'gm-%'`);
  await q('meeting_decisions', `SELECT * FROM meeting_decisions WHERE id LIKE 'gmd-%'`);
  await q('meeting_minutes', `SELECT meeting_id, text, signed_by_person_id, signed_at FROM meeting_minutes WHERE id LIKE 'gmn-%'`);
  await q('audit', `SELECT at, action, object_type, object_id, article, payload FROM audit_records WHERE object_id LIKE 'gs-%' OR object_id LIKE 'gi-%' OR object_id LIKE 'gm-%' OR object_id LIKE 'gmt-%'`);
  return out;
}

test('第五十条: generate --only adds supervision and meetings to a generated database, chained after its audit records; the same seed gives the same rows', async () => {
  const a = s.deps.db;
  const t = await openSeededTestDb(NOW);
  try {
    const db = t.db;
    // the documents first, then only the new phases, as on a database generated before they existed
    await generate(db, small(7, []));
    const lastBefore = Number((await db.query(`SELECT max(chain_pos) AS n FROM audit_records`)).rows[0].n);
    await generateOnly(db, { ...small(7), only: ['supervision', 'meetings'] });
    const firstAfter = Number((await db.query(`SELECT min(chain_pos) AS n FROM audit_records WHERE object_id LIKE 'gs-%' OR object_id LIKE 'gm-%'`)).rows[0].n);
    assert.ok(firstAfter > lastBefore, 'chained after the existing records');
    assert.ok((await verifyAudit(db)).ok);
    assert.deepEqual(await fingerprint(db), await fingerprint(a), 'same seed, same rows');
    await assert.rejects(generateOnly(db, { ...small(7), only: ['meetings'] }), /已有/, 'never generated twice');
  } finally {
    await t.close();
  }
});

test('zhengtong generate --only takes the phases to add and refuses an unknown one', () => {
  assert.deepEqual((parseArgs(['--only', 'supervision,meetings']) as any).only, ['supervision', 'meetings']);
  assert.throws(() => parseArgs(['--only', 'supervision,votes']), /votes/);
});
