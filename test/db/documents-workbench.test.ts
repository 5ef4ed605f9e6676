// The 工作台 and the registers at volume, on the Wuwei demo organisation: the 签发 to-dos name exactly whom
// the signer rules and the stand-in resolver name for each document (第七十条–第七十二条, 第十一条 AB岗,
// 第十三条), and the office's to-dos, the overdue list and the registers are paged so that every row —
// the 501st and beyond — can be reached, and each page holds only what the caller may see (第八十二条).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { getAsUser, startTestServer, type TestServer } from './http-harness.ts';
import { getOrg } from '../../src/app/org/usecases.ts';
import { realOrgPort } from '../../src/app/documents/ports.ts';
import { powerIdOf } from '../../src/app/documents/outgoing.ts';
import { canSee } from '../../src/domain/documents/index.ts';
import { viewerOf } from '../../src/app/documents/common.ts';
import { OFFICE_STEPS } from '../../src/app/documents/workbench.ts';

let s: TestServer;
const DAY = '2026-03-02';
before(async () => {
  // 马志远 (副市长) is away from 03-01 to 03-04: his items go to his AB岗 partner
  s = await startTestServer({ now: `${DAY}T09:00:00+08:00` });
});
after(async () => { await s?.close(); });

const cookies: Record<string, string> = {};
const call = getAsUser(() => s);
const sql = async (text: string, args: unknown[] = []) => (await s.t.db.query(text, args)).rows as any[];

/** `n` copies of a demo document under ids `<prefix>0001`…, a minute apart from 2026-01-01, then `set` applied to them. */
async function insertDocs(prefix: string, n: number, set: string) {
  const [tpl] = await sql(`SELECT id FROM documents WHERE tenant_id = 'wuwei' AND flow = 'outgoing' ORDER BY id LIMIT 1`);
  await sql(`INSERT INTO documents (id, tenant_id, flow, state, doc_type, direction, title, issuer_name, pack_id, started_on, created_at, updated_at,
               classification, unit_ids, routed_person_ids, signing)
             SELECT $2 || lpad(g::text, 4, '0'), d.tenant_id, d.flow, d.state, d.doc_type, d.direction, '批量' || $2 || g, d.issuer_name, d.pack_id, d.started_on,
                    d.created_at, timestamptz '2026-01-01T00:00:00Z' + g * interval '1 minute', d.classification, d.unit_ids, d.routed_person_ids, d.signing
               FROM documents d, generate_series(1, $3::int) g WHERE d.id = $1`, [tpl.id, prefix, n]);
  await sql(`UPDATE documents SET ${set} WHERE id LIKE $1 || '%'`, [prefix]);
}

async function allPages(url: string, limit: number) {
  const rows: any[] = [];
  let total = -1;
  for (let offset = 0; total < 0 || offset < total; offset += limit) {
    const page = await call('office-clerk', `${url}${url.includes('?') ? '&' : '?'}offset=${offset}&limit=${limit}`);
    total = page.total;
    assert.equal(page.offset, offset);
    rows.push(...(page.rows ?? page.documents));
  }
  return { rows, total };
}

test('第七十条–第七十二条 with 第十一条 and 第十三条: each document in 签发 is a to-do of exactly the person the resolver names today', async () => {
  // documents in 签发 for every city leader's post, with and without each matter 第七十条 reserves to the mayor
  const posts = (await sql(`SELECT id FROM org_positions WHERE tenant_id = 'wuwei' AND kind IN ('mayor', 'executive_vice_mayor', 'vice_mayor', 'secretary_general') ORDER BY id`)).map((r) => r.id);
  const matters = [null, '议案', '人事任免'];
  let k = 0;
  for (const pos of posts) {
    for (const matter of matters) {
      const plan = { article: matter ? 70 : 71, signerRole: 'vice_mayor_in_charge', signerPositionId: pos, reservedMatter: matter, reviewers: [], countersign: false, explanation: '测试' };
      await insertDocs(`sig-${String(++k).padStart(2, '0')}-`, 2, `state = 'signing', signing = '${JSON.stringify(plan)}'::jsonb`);
    }
  }
  await insertDocs('sig-none-', 1, `state = 'signing', signing = NULL`);
  const org = await getOrg(s.deps, 'wuwei');
  const signing = await sql(`SELECT id, signing FROM documents WHERE tenant_id = 'wuwei' AND state = 'signing'`);
  assert.ok(signing.length >= posts.length * matters.length * 2);
  const users = await sql(`SELECT login, person_id FROM users WHERE tenant_id = 'wuwei' AND person_id IS NOT NULL ORDER BY login`);
  let seen = 0;
  for (const u of users) {
    const expected = signing.filter((d) => d.signing).map((d) => {
      const a = realOrgPort.actingFor(org, d.signing.signerPositionId, DAY, d.signing.reservedMatter ? { kind: 'power', powerId: powerIdOf(d.signing.reservedMatter) } : { kind: 'handle' });
      return { documentId: d.id, personId: a.personId, article: d.signing.article, acting: a.acting ? a.reason : null, waits: a.outcome === 'waits' };
    }).filter((e) => e.personId === u.person_id).map(({ personId, ...e }) => e).sort((a, b) => a.documentId.localeCompare(b.documentId));
    cookies[u.login] ??= await s.login(u.login);
    const r = await s.app.inject({ method: 'GET', url: '/api/v1/documents/workbench', headers: { cookie: cookies[u.login] } });
    if (r.statusCode === 403) { assert.deepEqual(expected, [], `${u.login} cannot read documents, so nothing may wait on them`); continue; }
    const got = r.json().todos.filter((t: any) => t.kind === '签发')
      .map(({ kind, title, ...t }: any) => t).sort((a: any, b: any) => a.documentId.localeCompare(b.documentId));
    assert.deepEqual(got, expected, u.login);
    seen += got.length;
  }
  // the away vice mayor's documents went to his partner, and the reserved matters wait for (or go to) the mayor
  assert.equal(seen, signing.filter((d) => d.signing).length, 'every document with a signer is somebody\'s to-do');
  const partner = (await call('vmayor3', '/documents/workbench')).todos.filter((t: any) => t.kind === '签发');
  assert.ok(partner.some((t: any) => t.acting), JSON.stringify(partner));
});

test('office to-dos: more than 500 waiting documents are paged oldest first with their total, and row 501 onwards is reachable', async () => {
  await insertDocs('off-', 530, `state = 'registered'`);
  const expected = (await sql(`SELECT id FROM documents WHERE tenant_id = 'wuwei' AND state IN ('received','registered','reviewed','reviewing','signed','checked','numbered','issued')
                                 ORDER BY updated_at, id`)).map((r) => r.id);
  assert.ok(expected.length > 530);
  const wb = await call('office-clerk', '/documents/workbench');
  assert.equal(wb.office.total, expected.length);
  assert.deepEqual(wb.office.rows.map((r: any) => r.documentId), expected.slice(0, wb.office.limit));
  assert.ok(!wb.todos.some((t: any) => t.kind === '初审'), 'the office\'s list is its own, paged list');
  const page = await call('office-clerk', '/documents/workbench/office?offset=500&limit=50');
  assert.deepEqual(page.rows.map((r: any) => r.documentId), expected.slice(500, 550));
  assert.ok(page.rows.every((r: any) => r.kind === OFFICE_STEPS[r.state]), 'each row names the step it waits for');
  const all = await allPages('/documents/workbench/office', 100);
  assert.deepEqual(all.rows.map((r: any) => r.documentId), expected, 'every page in order, nothing missing or repeated');
  // a department clerk has no office list
  assert.equal((await call('jyj-clerk', '/documents/workbench')).office, null);
  assert.equal((await call('jyj-clerk', '/documents/workbench/office')).total, 0);
});

test('第七十三条 overdue list: more than 500 overdue assignments are paged earliest due first; a department sees only its own', async () => {
  const [unit] = await sql(`SELECT id FROM org_units WHERE tenant_id = 'wuwei' AND id = 'unit-jyj'`);
  assert.ok(unit, 'the demo has 市教育局');
  await insertDocs('od-', 520, `state = 'handling', flow = 'incoming'`);
  await sql(`INSERT INTO document_assignments (id, tenant_id, document_id, unit_id, role, time_limit_kind, article, assigned_on, due, remind_from, state)
             SELECT 'odA-' || d.id, 'wuwei', d.id, CASE WHEN right(d.id, 1) IN ('0', '5') THEN 'unit-jyj' ELSE 'unit-shuiwu' END, 'lead', 'withinPowers', 73,
                    date '2026-01-05', date '2026-01-06' + (substr(d.id, 4)::int % 40), date '2026-01-06', 'open'
               FROM documents d WHERE d.id LIKE 'od-%'`);
  const expected = (await sql(`SELECT id, unit_id FROM document_assignments WHERE tenant_id = 'wuwei' AND state = 'open' AND due < $1 ORDER BY due, id`, [DAY]));
  assert.ok(expected.length > 520);
  const wb = await call('office-clerk', '/documents/workbench');
  assert.equal(wb.overdue.total, expected.length);
  const page = await call('office-clerk', '/documents/workbench/overdue?offset=500&limit=20');
  assert.deepEqual(page.rows.map((r: any) => r.id), expected.slice(500, 520).map((r) => r.id));
  assert.ok(page.rows.every((r: any) => r.title && r.unitName && r.due < DAY));
  const all = await allPages('/documents/workbench/overdue', 100);
  assert.deepEqual(all.rows.map((r: any) => r.id), expected.map((r) => r.id));
  const clerk = await call('jyj-clerk', '/documents/workbench/overdue?limit=100');
  assert.equal(clerk.total, expected.filter((r) => r.unit_id === 'unit-jyj').length);
  assert.ok(clerk.rows.every((r: any) => r.unit_id === 'unit-jyj'));
});

test('第八十二条 registers: pages and totals hold exactly what the caller may see, and the 501st document is reachable', async () => {
  await insertDocs('reg-', 40, `flow = 'incoming', state = 'handling'`);
  // work secrets routed to one person, or in one unit; open documents of one unit
  await sql(`UPDATE documents SET classification = '工作秘密', routed_person_ids = '{person-vmayor3}', unit_ids = '{}' WHERE id BETWEEN 'reg-0001' AND 'reg-0010'`);
  await sql(`UPDATE documents SET classification = '工作秘密', routed_person_ids = '{}', unit_ids = '{unit-jyj}' WHERE id BETWEEN 'reg-0011' AND 'reg-0020'`);
  await sql(`UPDATE documents SET classification = '', routed_person_ids = '{}', unit_ids = '{unit-jyj}' WHERE id BETWEEN 'reg-0021' AND 'reg-0030'`);
  const org = await getOrg(s.deps, 'wuwei');
  const docs = await sql(`SELECT id, classification, routed_person_ids, unit_ids FROM documents WHERE tenant_id = 'wuwei' AND flow = 'incoming'`);
  for (const login of ['office-clerk', 'mayor', 'vmayor3', 'jyj-clerk', 'lzq-clerk']) {
    const [u] = await sql(`SELECT id, person_id, roles FROM users WHERE tenant_id = 'wuwei' AND login = $1`, [login]);
    const viewer = viewerOf(org, { tenantId: 'wuwei', userId: u.id, personId: u.person_id, name: login, roles: u.roles, ip: null }, DAY);
    const expected = docs.filter((d) => canSee({ classification: d.classification, routedPersonIds: d.routed_person_ids, unitIds: d.unit_ids }, viewer, ['工作秘密', '内部']))
      .map((d) => d.id).sort();
    const rows: any[] = [];
    let total = -1;
    for (let offset = 0; total < 0 || offset < total; offset += 50) {
      const page = await call(login, `/documents?flow=incoming&offset=${offset}&limit=50`);
      total = page.total;
      assert.ok(page.documents.length <= 50);
      rows.push(...page.documents);
    }
    assert.equal(total, expected.length, login);
    assert.deepEqual(rows.map((d) => d.id).sort(), expected, login);
  }
  // more than 500 documents: the register's last page is reachable
  const count = (await call('office-clerk', '/documents?limit=1')).total;
  assert.ok(count > 500, String(count));
  const last = await call('office-clerk', `/documents?offset=${count - 1}&limit=500`);
  assert.equal(last.documents.length, 1);
  const [oldest] = await sql(`SELECT id FROM documents WHERE tenant_id = 'wuwei' ORDER BY updated_at, id DESC LIMIT 1`);
  assert.equal(last.documents[0].id, oldest.id);
});
