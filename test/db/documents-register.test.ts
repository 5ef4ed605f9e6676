// The registers (收文/发文登记簿) of a city: the total is counted up to REGISTER_COUNT_CAP and says so; a
// filter that narrows below the cap counts exactly; the department's register still holds only what it
// may see (第八十二条) once the visibility rule is answered by indexes.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { getAsUser, startTestServer, type TestServer } from './http-harness.ts';
import { REGISTER_COUNT_CAP } from '../../src/app/documents/queries.ts';

let s: TestServer;
before(async () => { s = await startTestServer(); });
after(async () => { await s?.close(); });

const call = getAsUser(() => s);

test('registers: more than REGISTER_COUNT_CAP documents are counted as 约 10,000+ (totalCapped); a narrower filter counts exactly; a department sees only its own', async () => {
  const extra = REGISTER_COUNT_CAP + 5;
  await s.t.db.query(`INSERT INTO documents (id, tenant_id, flow, state, doc_type, direction, title, issuer_name, pack_id, started_on, created_at, updated_at,
               classification, unit_ids, routed_person_ids, signing)
             SELECT 'cap-' || lpad(g::text, 5, '0'), d.tenant_id, 'incoming', CASE WHEN g <= 30 THEN 'registered' ELSE 'closed' END, d.doc_type, d.direction,
                    '批量来文' || g, d.issuer_name, d.pack_id, d.started_on, d.created_at, timestamptz '2026-01-01T00:00:00Z' + g * interval '1 minute',
                    CASE WHEN g <= 30 AND g % 3 = 0 THEN '工作秘密' ELSE '' END, CASE WHEN g % 2 = 0 THEN '{unit-jyj}'::text[] ELSE '{unit-fgw}'::text[] END, '{}', d.signing
               FROM documents d, generate_series(1, $1::int) g WHERE d.id = (SELECT id FROM documents WHERE tenant_id = 'wuwei' ORDER BY id LIMIT 1)`, [extra]);
  const all = await call('office-clerk', '/documents?flow=incoming&limit=20');
  assert.equal(all.total, REGISTER_COUNT_CAP);
  assert.equal(all.totalCapped, true);
  assert.equal(all.documents.length, 20);
  const deep = await call('office-clerk', `/documents?flow=incoming&limit=20&offset=${REGISTER_COUNT_CAP - 20}`);
  assert.equal(deep.documents.length, 20, 'the last counted page is reachable');

  const [{ n: registered }] = (await s.t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM documents WHERE tenant_id = 'wuwei' AND flow = 'incoming' AND state = 'registered' AND classification NOT IN ('工作秘密', '内部')`)).rows;
  const narrow = await call('office-clerk', '/documents?flow=incoming&state=registered&limit=5');
  assert.equal(narrow.totalCapped, false);
  assert.equal(narrow.total, registered);

  // the 教育局 clerk: the open documents of 教育局, not its work secrets (not routed to the clerk), none of 发改委
  const jyj = await call('jyj-clerk', '/documents?flow=incoming&state=registered&limit=100');
  const ids = jyj.documents.map((d: any) => d.id).filter((id: string) => id.startsWith('cap-'));
  const expected = Array.from({ length: 30 }, (_, i) => i + 1).filter((g) => g % 2 === 0 && g % 3 !== 0).map((g) => `cap-${String(g).padStart(5, '0')}`);
  assert.deepEqual(ids.sort(), expected);
});
