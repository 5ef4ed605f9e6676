import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from './http-harness.ts';

let s: TestServer;
let clerk: string;
before(async () => { s = await startTestServer({ now: '2026-03-02T09:00:00+08:00' }); clerk = await s.login('office-clerk'); });
after(async () => { await s?.close(); });

const get = (url: string, cookie?: string) => s.app.inject({ method: 'GET', url, headers: cookie ? { cookie } : {} });
const post = (url: string, payload: unknown, cookie?: string) => s.app.inject({ method: 'POST', url, payload: payload as object, headers: cookie ? { cookie } : {} });
const count = async (table: string) => (await s.t.db.query(`SELECT count(*)::int AS n FROM ${table}`)).rows[0].n as number;

async function findByNumber(docNumber: string) {
  const r = await get('/api/v1/public/items?pageSize=100');
  return r.json().items.find((i: any) => i.docNumber === docNumber);
}

test('第三十九条: the rules document 武政发〔2023〕19号 is on the portal with its full text; 武政发〔2018〕126号 is shown repealed by it', async () => {
  const current = await findByNumber('武政发〔2023〕19号');
  assert.ok(current, 'the 2023 rules are published');
  const detail = (await get(`/api/v1/public/items/${current.id}`)).json();
  assert.match(detail.body, /第一百条 本规则自发布之日起施行/);
  assert.equal(detail.status, 'in_force');
  const old = await findByNumber('武政发〔2018〕126号');
  assert.equal(old.status, 'repealed');
  const oldDetail = (await get(`/api/v1/public/items/${old.id}`)).json();
  assert.equal(oldDetail.supersededBy.docNumber, '武政发〔2023〕19号');
  assert.equal(detail.supersedes[0].docNumber, '武政发〔2018〕126号');
});

test('第四十条: a policy and its interpretation by the drafting unit are linked both ways', async () => {
  const policy = await findByNumber('武政办发〔2025〕45号');
  const d = (await get(`/api/v1/public/items/${policy.id}`)).json();
  assert.equal(d.interpretations.length, 1);
  const interp = (await get(`/api/v1/public/items/${d.interpretations[0].id}`)).json();
  assert.equal(interp.interprets.id, policy.id);
  assert.equal(interp.issuer, '武威市住房和城乡建设局');
});

test('第四十条: an interpretation by a unit that did not draft the policy is refused and nothing is published', async () => {
  const policy = await findByNumber('武政办发〔2025〕45号');
  const before = await count('published_items');
  const r = await post(`/api/v1/openness/items/${policy.id}/interpretations`, { unitId: 'unit-czj', unitName: '武威市财政局', title: '解读', body: '正文' }, clerk);
  assert.equal(r.statusCode, 422);
  assert.equal(r.json().code, 'OPENNESS.INTERPRETATION_NOT_DRAFTER');
  assert.equal(r.json().article, 40);
  assert.equal(await count('published_items'), before);
});

test('第三十九条: publishing a 不予公开 document is refused with its article; nothing is written, nothing is searchable', async () => {
  const before = [await count('published_items'), await count('search_entries'), await count('audit_records')];
  const r = await post('/api/v1/openness/documents', {
    sourceId: 'secret-1', title: '关于某涉密事项的通知绝密标题', body: '内部正文', issuer: '武威市人民政府', issuedOn: '2026-02-20',
    attribute: '不予公开', attributeReason: '涉及国家秘密',
  }, clerk);
  assert.equal(r.statusCode, 422);
  assert.equal(r.json().code, 'OPENNESS.NOT_PUBLISHABLE');
  assert.equal(r.json().article, 39);
  assert.deepEqual([await count('published_items'), await count('search_entries'), await count('audit_records')], before);
  const q = await get(`/api/v1/public/search?q=${encodeURIComponent('绝密标题')}`);
  assert.equal(q.json().total, 0);
});

test('第三十九条: publishing a 主动公开 document fulfils its obligation on time and makes it findable by Chinese words', async () => {
  const reg = await post('/api/v1/openness/obligations', { sourceType: 'document', sourceId: 'doc-new-1', title: '武威市人民政府关于加强城乡供水保障工作的通知', docNumber: '武政发〔2026〕5号', issuer: '武威市人民政府', issuedOn: '2026-02-27', attribute: '主动公开' }, clerk);
  assert.equal(reg.statusCode, 201);
  assert.equal(reg.json().due, '2026-03-26'); // 28 February is a makeup working day
  const r = await post('/api/v1/openness/documents', {
    sourceId: 'doc-new-1', title: '武威市人民政府关于加强城乡供水保障工作的通知', body: '各县区要落实农村饮水安全责任，保障城乡居民用水。',
    docNumber: '武政发〔2026〕5号', docType: '通知', issuer: '武威市人民政府', issuerUnitId: 'unit-gov', issuedOn: '2026-02-27', attribute: '主动公开', category: '民生保障',
  }, clerk);
  assert.equal(r.statusCode, 201, r.body);
  assert.equal(r.json().obligation.state, 'published_on_time');
  const q = (await get(`/api/v1/public/search?q=${encodeURIComponent('饮水安全')}`)).json();
  assert.equal(q.hits[0].docNumber, '武政发〔2026〕5号');
  assert.ok(q.hits[0].snippet.highlights.length > 0);
  const again = await post('/api/v1/openness/documents', { sourceId: 'doc-new-1', title: 'x', body: 'y', issuer: 'z', issuedOn: '2026-02-27', attribute: '主动公开' }, clerk);
  assert.equal(again.statusCode, 409);
});

test('第三十九条 主动公开时限: the demo obligation issued 45 days ago is flagged overdue, the recent one pending', async () => {
  const r = (await get('/api/v1/openness/obligations', clerk)).json();
  const states = Object.fromEntries(r.obligations.map((o: any) => [o.docNumber, o.state]));
  assert.equal(states['武政办发〔2026〕3号'], 'overdue');
  assert.equal(states['武政办发〔2026〕8号'], 'pending');
});

test('search: Chinese words find documents by title, body, 发文字号 and issuer; operators and script are plain text', async () => {
  const byNumber = (await get(`/api/v1/public/search?q=${encodeURIComponent('武政发〔2023〕19号')}`)).json();
  assert.equal(byNumber.hits[0].docNumber, '武政发〔2023〕19号');
  const byWord = (await get(`/api/v1/public/search?q=${encodeURIComponent('老旧小区')}`)).json();
  assert.ok(byWord.hits.some((h: any) => h.docNumber === '武政办发〔2025〕45号'));
  const part = (await get(`/api/v1/public/search?q=${encodeURIComponent('人民政府 工作规则')}`)).json();
  assert.ok(part.total >= 2);
  for (const q of ["'); DROP TABLE published_items; --", '<script>alert(1)</script>', '工作 & | ! ( ) :* 规则', "a'b\"c\\"]) {
    const r = await get(`/api/v1/public/search?q=${encodeURIComponent(q)}`);
    assert.ok(r.statusCode === 200 || r.statusCode === 400, `${q}: ${r.statusCode} ${r.body}`);
  }
  assert.equal((await get(`/api/v1/public/search?q=${encodeURIComponent('&|!')}`)).json().code, 'OPENNESS.SEARCH_QUERY_INVALID');
  assert.ok((await count('published_items')) > 0);
  const filtered = (await get(`/api/v1/public/search?q=${encodeURIComponent('工作规则')}&status=repealed`)).json();
  assert.ok(filtered.hits.every((h: any) => h.status === 'repealed') && filtered.total >= 1);
});

test('依申请公开 (第三十九条): submission → receipt and query code → clarification → supplement → answer with partial disclosure; the requester sees every limit', async () => {
  const sub = await post('/api/v1/public/requests', {
    requesterKind: '公民', name: '赵明远', identity: '620602199001010011', contact: { phone: '0935-1234567', email: 'zhao@example.cn' },
    description: '2025年城区老旧小区改造项目的施工合同', form: '电子', delivery: '网上查询',
  });
  assert.equal(sub.statusCode, 201, sub.body);
  const { receiptNo, queryCode, id } = sub.json();
  assert.equal(receiptNo, '武政依申〔2026〕1号');
  assert.equal(sub.json().due, '2026-03-30');
  assert.equal(sub.json().clarifyBy, '2026-03-11');

  const wrong = await post('/api/v1/public/requests/query', { receiptNo, code: 'AAAA-BBBB-CCCC' });
  assert.equal(wrong.statusCode, 404);
  assert.ok(!wrong.body.includes('赵明远'));

  const v1 = (await get(`/api/v1/openness/requests/${id}`, clerk)).json();
  const cl = await post(`/api/v1/openness/requests/${id}/clarification`, { items: '请写明合同所属的小区名称', version: v1.version }, clerk);
  assert.equal(cl.statusCode, 200, cl.body);
  s.clock.set('2026-03-05T10:00:00+08:00');
  clerk = await s.login('office-clerk');
  const sup = await post(`/api/v1/openness/requests/${id}/supplement`, { content: '凉州区东关街道某小区', version: v1.version + 1 }, clerk);
  assert.equal(sup.statusCode, 200, sup.body);
  const mine = (await post('/api/v1/public/requests/query', { receiptNo, code: queryCode })).json();
  assert.equal(mine.limits.replyFrom, '2026-03-05');
  assert.equal(mine.limits.due, '2026-04-02');
  assert.equal(mine.requester, undefined, 'the public view carries no identity data');

  s.clock.set('2026-03-10T10:00:00+08:00');
  clerk = await s.login('office-clerk');
  const bad = await post(`/api/v1/openness/requests/${id}/answer`, { type: 'disclosed', content: '部分公开', document: '合同甲方某公司，联系人电话13900000000', redactions: [{ text: '13900000000', reason: '' }], version: v1.version + 2 }, clerk);
  assert.equal(bad.statusCode, 422);
  assert.equal(bad.json().violations[0].code, 'OPENNESS.REDACTION_REASON_MISSING');
  const ans = await post(`/api/v1/openness/requests/${id}/answer`, { type: 'disclosed', content: '予以公开，个人联系方式不予公开', document: '合同甲方某公司，联系人电话13900000000', redactions: [{ text: '13900000000', reason: '涉及个人隐私' }], version: v1.version + 2 }, clerk);
  assert.equal(ans.statusCode, 200, ans.body);
  const done = (await post('/api/v1/public/requests/query', { receiptNo, code: queryCode.toLowerCase() })).json();
  assert.equal(done.status, 'answered');
  assert.equal(done.answer.partial, true);
  assert.ok(!done.answer.released.includes('13900000000'));
  assert.deepEqual(done.answer.redactionReasons, ['涉及个人隐私']);
  const report = (await get('/api/v1/openness/report/2026', clerk)).json();
  assert.equal(report.requests.received, 1);
  assert.equal(report.requests.partial, 1);
  assert.equal(report.requests.onTime, 1);
});

test('依申请公开 bad input: missing contact data lists every field; an oversized description is refused; nothing is stored', async () => {
  const before = await count('disclosure_requests');
  const r = await post('/api/v1/public/requests', { requesterKind: '公民', name: '', identity: '', contact: {}, description: '' });
  assert.equal(r.statusCode, 422);
  assert.deepEqual(r.json().violations.map((v: any) => v.details.field), ['name', 'identity', 'contact', 'description']);
  const big = await post('/api/v1/public/requests', { requesterKind: '公民', name: '钱', identity: '1', contact: { phone: '0935-1234567' }, description: '要'.repeat(2001) });
  assert.equal(big.statusCode, 400);
  assert.equal(await count('disclosure_requests'), before);
});
