// Staff search over documents: who finds a document is the documents context's rule (canSee, 第八十二条),
// applied in SQL through its truth table; changes made outside 印发 are picked up by the catch-up.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from './http-harness.ts';
import { canSee } from '../../src/domain/documents/index.ts';
import { viewerOf, params } from '../../src/app/documents/common.ts';
import { requireOrg } from '../../src/app/org/usecases.ts';
import { documentAccess, documentAccessSql } from '../../src/app/search/access.ts';
import { catchUpDocuments } from '../../src/app/search/documents.ts';
import type { Actor } from '../../src/app/context.ts';

let s: TestServer;
before(async () => { s = await startTestServer({ now: '2026-03-02T09:00:00+08:00' }); });
after(async () => { await s?.close(); });

const PEOPLE: [string, string[]][] = [
  ['person-office-clerk', ['office_clerk']], ['person-fgw-clerk', ['dept_clerk']], ['person-jyj-clerk', ['dept_clerk']], ['person-czj-head', ['dept_head']],
  ['person-vmayor3', ['vice_mayor']], ['person-vmayor-exec', ['exec_vice_mayor']], ['person-mayor', ['mayor']], ['person-lzq-clerk', ['dept_clerk']],
];

test('第八十二条: the staff search condition admits exactly the demo documents canSee lets each person see', async () => {
  const day = '2026-03-02';
  const org = await requireOrg(s.t.db, 'wuwei');
  const restricted = params(day).restrictedClassifications.value;
  const { rows: docs } = await s.t.db.query(`SELECT id, classification, routed_person_ids, unit_ids FROM documents WHERE tenant_id = 'wuwei'`);
  assert.ok(docs.length > 10);
  // one restricted document, so the restricted half of the rule is exercised on real rows
  await s.t.db.query(`UPDATE documents SET classification = $1 WHERE id = $2`, [restricted[0], docs[0].id]);
  docs[0].classification = restricted[0];
  for (const [personId, roles] of PEOPLE) {
    const actor: Actor = { tenantId: 'wuwei', userId: null, personId, name: personId, roles, ip: null };
    const viewer = viewerOf(org, actor, day);
    const expected = docs.filter((d: any) => canSee({ classification: d.classification, routedPersonIds: d.routed_person_ids, unitIds: d.unit_ids }, viewer, restricted)).map((d: any) => d.id).sort();
    const p: unknown[] = ['wuwei'];
    const cond = documentAccessSql(documentAccess(viewer, restricted), p);
    const got = (await s.t.db.query(`SELECT id FROM documents d WHERE tenant_id = $1 AND ${cond} ORDER BY id`, p)).rows.map((r: any) => r.id).sort();
    assert.deepEqual(got, expected, personId);
  }
});

test('search catch-up: a draft changed outside 印发 is found by its new words once the catch-up has run; nothing is rebuilt twice', async () => {
  const login = async (l: string) => {
    const r = await s.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { login: l, password: 'Zhengtong@2026' } });
    return `zt_session=${r.cookies.find((c) => c.name === 'zt_session')!.value}`;
  };
  let clerk = await login('office-clerk');
  const call = async (method: 'GET' | 'POST', url: string, payload?: object) => {
    const r = await s.app.inject({ method, url: `/api/v1${url}`, headers: { cookie: clerk }, ...(payload ? { payload } : {}) });
    return r.json() as any;
  };
  await catchUpDocuments(s.deps, 10_000);
  const d = await call('POST', '/documents/outgoing', {
    docType: '通知', direction: 'downward', title: '武威市人民政府关于开展春季植树活动的通知', body: '各县区人民政府：现就春季植树工作通知如下。',
    issuerName: '武威市人民政府', issuerCode: '武政发', leadUnitId: 'unit-lcj', disclosure: '主动公开',
  });
  const edited = await call('POST', `/documents/${d.id}/edit`, { title: '武威市人民政府关于开展春季义务植树和沙枣林抚育活动的通知', substantive: false, version: 1 });
  assert.ok(edited.version, JSON.stringify(edited));
  // ten minutes later the per-search window no longer covers the change: the background catch-up does
  s.clock.set('2026-03-02T09:10:00+08:00');
  clerk = await login('office-clerk');
  let rounds = 0;
  while ((await catchUpDocuments(s.deps)).read > 0 && rounds < 100) rounds++;
  const hits = (await call('GET', `/search?q=${encodeURIComponent('沙枣林')}`)).hits;
  assert.ok(hits.some((h: any) => h.objectId === d.id && /沙枣林抚育/.test(h.title)), JSON.stringify(hits));
  const again = await catchUpDocuments(s.deps);
  assert.equal(again.indexed, 0, 'entries already current are not rebuilt');
});
