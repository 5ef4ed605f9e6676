// Openness fed by the documents and meetings contexts, through the API on the Wuwei demo:
// 第三十九条 — an issued 主动公开 document is on the portal with its 发文字号 and its 20-working-day obligation
// closed, a 不予公开 one is never reachable from a public route; the decisions of an executive meeting
// are published when its minutes are signed; staff search finds documents under the documents
// context's visibility rule (第八十二条), the public search never.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from './http-harness.ts';

let s: TestServer;
const cookies: Record<string, string> = {};
const LOGINS = ['office-clerk', 'vmayor3', 'mayor', 'sg', 'vmayor-exec', 'fgw-clerk', 'jyj-clerk'];
before(async () => {
  s = await startTestServer({ now: '2026-03-02T09:00:00+08:00' });
  for (const l of LOGINS) cookies[l] = await s.login(l);
});
after(async () => { await s?.close(); });

async function at(instant: string) {
  s.clock.set(instant);
  for (const l of LOGINS) cookies[l] = await s.login(l);
}
const call = async (who: string | null, method: 'GET' | 'POST', url: string, payload?: unknown) => {
  const r = await s.app.inject({ method, url: `/api/v1${url}`, headers: who ? { cookie: cookies[who] } : {}, ...(payload !== undefined ? { payload: payload as object } : {}) });
  return { status: r.statusCode, body: r.json() as any, raw: r.body };
};
const ok = (r: { status: number; body: any }, status = 200) => { assert.equal(r.status, status, JSON.stringify(r.body)); return r.body; };
const q = (x: string) => encodeURIComponent(x);

/** 拟稿 → 核稿 → 签发 (王雅琴, 分管市教育局) → 复核 → 编号 → 印发 */
async function issue(title: string, body: string, disclosure: string, disclosureReason?: string) {
  const d = ok(await call('office-clerk', 'POST', '/documents/outgoing', {
    docType: '通知', direction: 'downward', title, body, issuerName: '武威市人民政府', issuerCode: '武政发', leadUnitId: 'unit-jyj',
    principalRecipients: ['各县区人民政府', '市政府有关部门'], disclosure, ...(disclosureReason ? { disclosureReason } : {}),
  }), 201);
  let v = ok(await call('office-clerk', 'POST', `/documents/${d.id}/submit`, { version: 1 })).version;
  v = ok(await call('office-clerk', 'POST', `/documents/${d.id}/review`, { opinion: '同意', version: v })).version;
  v = ok(await call('vmayor3', 'POST', `/documents/${d.id}/sign`, { version: v, reportedToMayor: true })).version;
  v = ok(await call('office-clerk', 'POST', `/documents/${d.id}/check`, { version: v })).version;
  const n = ok(await call('office-clerk', 'POST', `/documents/${d.id}/number`, { version: v }));
  ok(await call('office-clerk', 'POST', `/documents/${d.id}/issue`, { version: n.version }));
  return { id: d.id as string, docNumber: n.docNumber as string };
}

const SECRET = '琥珀暗记词';
const state: Record<string, string> = {};

test('第三十九条: an outgoing 通知 with 主动公开 issued through 签发 and 印发 is on the portal with its 发文字号; the 20-working-day obligation is closed on time', async () => {
  const title = '武威市人民政府关于做好2026年春季学期中小学校园安全工作的通知';
  const doc = await issue(title, '各县区人民政府，市政府有关部门：为切实做好春季学期校园安全工作，现就有关事项通知如下。一、压实安全责任。二、开展隐患排查。', '主动公开');
  assert.match(doc.docNumber, /^武政发〔2026〕\d+号$/);
  const list = ok(await call(null, 'GET', '/public/items?kind=document&pageSize=100')).items;
  const item = list.find((i: any) => i.docNumber === doc.docNumber);
  assert.ok(item, 'the issued document is on the portal');
  assert.deepEqual([item.title, item.issuer, item.docType, item.issuedOn, item.publishedOn, item.status], [title, '武威市人民政府', '通知', '2026-03-02', '2026-03-02', 'in_force']);
  const detail = ok(await call(null, 'GET', `/public/items/${item.id}`));
  assert.match(detail.body, /隐患排查/);
  const home = ok(await call(null, 'GET', '/public/portal'));
  assert.ok(home.documents.some((x: any) => x.docNumber === doc.docNumber));
  const found = ok(await call(null, 'GET', `/public/search?q=${q('校园安全')}`));
  assert.ok(found.hits.some((h: any) => h.objectId === item.id), 'the public search finds it');
  const obl = ok(await call('office-clerk', 'GET', '/openness/obligations')).obligations.find((o: any) => o.sourceId === doc.id);
  assert.deepEqual([obl.state, obl.publishedItemId, obl.article], ['published_on_time', item.id, 39]);
  assert.ok(obl.due > '2026-03-02');
  const rec = ok(await call('office-clerk', 'GET', '/openness/document-disclosures')).documents.find((x: any) => x.documentId === doc.id);
  assert.deepEqual([rec.disposition, rec.publishedItemId], ['published', item.id]);
  state.published = item.id;
});

test('第四十条 谁起草、谁解读: the drafting unit\'s own staff interpret the issued document; another department\'s clerk is refused in either unit\'s name', async () => {
  const mine = ok(await call('jyj-clerk', 'GET', '/openness/my-units'));
  assert.deepEqual(mine.units.map((u: any) => u.unitId), ['unit-jyj']);
  const input = { title: '《关于做好2026年春季学期中小学校园安全工作的通知》解读', body: '一、出台背景。二、主要内容：压实安全责任、开展隐患排查。' };
  for (const unit of [{ unitId: 'unit-jyj', unitName: '武威市教育局' }, { unitId: 'unit-fgw', unitName: '武威市发展和改革委员会' }]) {
    const r = await call('fgw-clerk', 'POST', `/openness/items/${state.published}/interpretations`, { ...unit, ...input });
    assert.equal(r.status, 422, JSON.stringify(r.body));
    assert.equal(r.body.code, 'OPENNESS.INTERPRETATION_NOT_DRAFTER');
    assert.equal(r.body.article, 40);
  }
  const done = ok(await call('jyj-clerk', 'POST', `/openness/items/${state.published}/interpretations`, { ...mine.units[0], ...input }), 201);
  const policy = ok(await call(null, 'GET', `/public/items/${state.published}`));
  assert.deepEqual(policy.interpretations.map((x: any) => x.id), [done.id]);
  assert.equal(ok(await call(null, 'GET', `/public/items/${done.id}`)).interprets.id, state.published);
});

test('第三十九条: a 不予公开 document goes through 印发 but no public route ever returns it; staff find it, with its reason recorded', async () => {
  const doc = await issue(`武威市人民政府关于${SECRET}有关事项的通知`, `市政府有关部门：${SECRET}事项按内部安排办理。`, '不予公开', '涉及内部人事安排');
  state.withheld = doc.id;
  const bodies: string[] = [];
  const get = async (url: string) => { const r = await call(null, 'GET', url); bodies.push(r.raw); return r; };
  await get('/public/portal');
  await get('/public/facets');
  for (const kind of ['', 'document', 'meeting_decision', 'policy', 'interpretation', 'emergency']) {
    for (const status of ['', 'in_force', 'amended', 'repealed']) await get(`/public/items?pageSize=100${kind ? `&kind=${kind}` : ''}${status ? `&status=${status}` : ''}`);
  }
  for (const year of [2026]) await get(`/public/items?year=${year}&pageSize=100&issuer=${q('武威市人民政府')}`);
  assert.equal((await get(`/public/items/${q(doc.id)}`)).status, 404);
  for (const term of [SECRET, doc.docNumber, '内部人事安排']) {
    const r = await call(null, 'GET', `/public/search?q=${q(term)}`);
    assert.ok(!r.body.hits.some((h: any) => h.objectId === doc.id || h.docNumber === doc.docNumber), term);
    bodies.push(JSON.stringify(r.body.hits));
  }
  for (const b of bodies) {
    assert.ok(!b.includes(SECRET), `a public answer leaked a 不予公开 document: ${b.slice(0, 200)}`);
    assert.ok(!b.includes(doc.docNumber), `a public answer leaked the 发文字号 ${doc.docNumber}`);
  }
  assert.equal((await s.t.db.query(`SELECT count(*)::int AS n FROM published_items WHERE source_id = $1`, [doc.id])).rows[0].n, 0);
  assert.equal((await s.t.db.query(`SELECT count(*)::int AS n FROM publication_obligations WHERE source_id = $1`, [doc.id])).rows[0].n, 0);
  const rec = ok(await call('office-clerk', 'GET', '/openness/document-disclosures')).documents.find((x: any) => x.documentId === doc.id);
  assert.deepEqual([rec.disposition, rec.reason], ['withheld', '涉及内部人事安排']);
  const staff = ok(await call('office-clerk', 'GET', `/search?q=${q(SECRET)}`));
  assert.ok(staff.hits.some((h: any) => h.objectType === 'document' && h.objectId === doc.id && h.docNumber === doc.docNumber), JSON.stringify(staff.hits));
});

test('第三十九条: the demo documents issued at seed time with 主动公开 are on the portal; the 依申请公开 one is recorded as available on request', async () => {
  const { rows } = await s.t.db.query(`SELECT id, doc_number, disclosure FROM documents WHERE flow = 'outgoing' AND issued_date IS NOT NULL AND id <> ALL($1)`, [[state.withheld]]);
  const items = ok(await call(null, 'GET', '/public/items?kind=document&pageSize=100')).items;
  const proactive = rows.filter((r: any) => r.disclosure === '主动公开');
  assert.ok(proactive.length >= 1, 'the demo issues 主动公开 documents');
  for (const r of proactive) assert.ok(items.some((i: any) => i.docNumber === r.doc_number), r.doc_number);
  for (const r of rows.filter((x: any) => x.disclosure !== '主动公开')) assert.ok(!items.some((i: any) => i.docNumber === r.doc_number), r.doc_number);
  const recs = ok(await call('office-clerk', 'GET', '/openness/document-disclosures')).documents;
  for (const r of rows.filter((x: any) => x.disclosure === '依申请公开')) {
    assert.equal(recs.find((x: any) => x.documentId === r.id)?.disposition, 'on_request');
  }
});

test('第八十二条 in the staff search: an incoming 请示 is found by a Chinese word at once by the office, not by an unrelated department, never by the public', async () => {
  const r = ok(await call('office-clerk', 'POST', '/documents/incoming', {
    docType: '请示', title: '民勤县人民政府关于申请沙漠公园防护林补植项目资金的请示', issuerName: '民勤县人民政府', issuerUnitId: 'unit-mq',
    sourceDocNumber: '民政发〔2026〕7号', body: '市人民政府：为巩固防沙治沙成果，我县拟在沙漠公园外围补植梭梭防护林三千亩，特申请市级补助资金。妥否，请批示。',
    facts: { matters: ['申请沙漠公园防护林补植项目市级补助资金'], principalRecipients: ['武威市人民政府'], submitterUnitId: 'unit-mq' },
  }), 201);
  for (const word of ['梭梭', '防护林', '民政发〔2026〕7号']) {
    const hits = ok(await call('office-clerk', 'GET', `/search?q=${q(word)}`)).hits;
    const hit = hits.find((h: any) => h.objectId === r.id);
    assert.ok(hit, `${word}: ${JSON.stringify(hits)}`);
    assert.deepEqual([hit.objectType, hit.kind, hit.issuer], ['document', '请示', '民勤县人民政府']);
  }
  const dept = ok(await call('fgw-clerk', 'GET', `/search?q=${q('梭梭')}`)).hits;
  assert.ok(!dept.some((h: any) => h.objectId === r.id), 'a department the 请示 was not routed to does not find it');
  const pub = ok(await call(null, 'GET', `/public/search?q=${q('梭梭')}`));
  assert.ok(!pub.hits.some((h: any) => h.objectId === r.id || /梭梭/.test(h.title)), 'the public search never returns an internal document');
  assert.ok(!pub.hits.some((h: any) => h.objectType === 'document' && h.scope !== 'public'));
});

test('第三十九条: an executive meeting\'s decisions are on the portal once the mayor signs the minutes, not before', async () => {
  const t = ok(await call('office-clerk', 'POST', '/meetings/topics', {
    title: '市政府工作部门人事任免事项', kind: 'personnel', meetingType: 'executive', departmentUnitId: 'unit-rsj', concernsOverall: true, innovative: true, clearProposal: true,
  }));
  for (const [who, step] of [['vmayor-exec', 'propose'], ['office-clerk', 'collect'], ['sg', 'verify'], ['mayor', 'approve']]) {
    ok(await call(who, 'POST', `/meetings/topics/${t.id}/steps`, { step }));
  }
  const m = ok(await call('office-clerk', 'POST', '/meetings', { type: 'executive', startsAt: '2026-03-05T09:00:00+08:00', place: '市政府常务会议室', video: false }));
  ok(await call('office-clerk', 'POST', `/meetings/topics/${t.id}/place`, { meetingId: m.id }));
  await at('2026-03-05T08:55:00+08:00');
  for (const p of ['person-mayor', 'person-sg', 'person-vmayor1', 'person-vmayor-exec', 'person-vmayor2', 'person-vmayor3']) {
    ok(await call('office-clerk', 'POST', `/meetings/${m.id}/attendance`, { personId: p, kind: 'arrive' }));
  }
  await at('2026-03-05T09:00:00+08:00');
  const opened = ok(await call('office-clerk', 'POST', `/meetings/${m.id}/open`, {}));
  ok(await call('mayor', 'POST', `/meetings/${m.id}/topics/${t.id}/decision`, { outcome: 'approved', text: '同意任命张明远为市教育局局长。' }));
  await at('2026-03-05T11:30:00+08:00');
  ok(await call('mayor', 'POST', `/meetings/${m.id}/end`, {}));
  const title = `市政府第${opened.number}次常务会议决定事项`;
  const find = async () => ok(await call(null, 'GET', '/public/items?kind=meeting_decision&pageSize=100')).items.find((i: any) => i.title === title);
  assert.equal(await find(), undefined, 'nothing is published before the minutes are signed');
  const day = ok(await call('office-clerk', 'GET', `/meetings/${m.id}`));
  ok(await call('office-clerk', 'POST', `/meetings/${m.id}/minutes`, { text: day.minutesDraft, version: 0 }));
  ok(await call('mayor', 'POST', `/meetings/${m.id}/minutes/sign`, {}));
  const item = await find();
  assert.ok(item, 'the decisions are on the portal');
  assert.deepEqual([item.meetingType, item.issuedOn, item.publishedOn, item.status], ['executive', '2026-03-05', '2026-03-05', 'in_force']);
  const detail = ok(await call(null, 'GET', `/public/items/${item.id}`));
  assert.match(detail.body, /市政府工作部门人事任免事项。同意。同意任命张明远为市教育局局长。/);
  const obl = ok(await call('office-clerk', 'GET', '/openness/obligations')).obligations.find((o: any) => o.publishedItemId === item.id);
  assert.equal(obl.state, 'published_on_time');
});
