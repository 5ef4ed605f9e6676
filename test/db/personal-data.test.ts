import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from './http-harness.ts';
import { asSystem } from '../../src/store/scope.ts';
import { keyRing, loadKeyRing, useKeyRing } from '../../src/crypto/keys.ts';
import { sealedKeyId } from '../../src/crypto/sm4.ts';
import { PERSONAL_FIELDS, resealPersonalData } from '../../src/app/privacy/personal-data.ts';

// 密评 (GB/T 39786-2021 应用和数据安全 重要数据存储机密性): the personal data of the public is not
// readable in a dump of the database — not in its table, not in the search index, not in the audit record.

let s: TestServer;
const NAME = '慕容秋雁';
const ID_NO = '620602199001014321';
const PHONE = '13909350123';
const PARTY = '信访人 上官明远';

before(async () => { s = await startTestServer(); });
after(async () => { useKeyRing(loadKeyRing({})); await s.close(); });

/** Every row of every table, as text: what a database dump would show. */
async function dump(): Promise<string> {
  return asSystem(async () => {
    const tables = (await s.t.db.query<{ t: string }>(
      `SELECT table_name AS t FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`)).rows;
    const parts: string[] = [];
    for (const { t } of tables) {
      const { rows } = await s.t.db.query(`SELECT row_to_json(x)::text AS j FROM "${t}" x`);
      for (const r of rows) parts.push(r.j as string);
    }
    return parts.join('\n');
  });
}

const inject = async (method: string, url: string, payload?: unknown, cookie?: string) => {
  const r = await s.app.inject({ method: method as any, url: `/api/v1${url}`, payload: payload as any, headers: cookie ? { cookie } : {} });
  return { status: r.statusCode, body: r.json() };
};

test('密评 数据存储机密性: a 依申请公开 applicant and a 信访 party are sealed with SM4; staff read them, a dump does not', async () => {
  const submitted = await inject('POST', '/public/requests', {
    requesterKind: '公民', name: NAME, identity: ID_NO, contact: { phone: PHONE, address: '武威市凉州区东大街8号' }, description: '申请公开本市2025年城区供热价格成本监审报告',
  });
  assert.equal(submitted.status, 201, JSON.stringify(submitted.body));
  const clerk = await s.login('office-clerk');
  const registered = await inject('POST', '/accountability/cases', { kind: 'petition', title: '反映小区供暖温度不达标的来信', party: PARTY, receivedOn: '2026-02-27' }, clerk);
  assert.equal(registered.status, 201, JSON.stringify(registered.body));

  const detail = await inject('GET', `/openness/requests/${submitted.body.id}`, undefined, clerk);
  assert.equal(detail.body.requester.name, NAME);
  assert.equal(detail.body.requester.identity, ID_NO);
  assert.equal(detail.body.requester.contact.phone, PHONE);
  const cases = await inject('GET', '/accountability/cases', undefined, clerk);
  assert.equal(cases.body.cases.find((c: any) => c.id === registered.body.id).party, PARTY);

  const text = await dump();
  for (const clear of [NAME, ID_NO, PHONE, '东大街8号', '上官明远']) assert.ok(!text.includes(clear), `the dump contains ${clear}`);
  assert.ok(text.includes('sm4$'), 'sealed values are in the dump');
});

test('密评 检索: staff find an applicant by exact name through the blind index, and by nothing else', async () => {
  const clerk = await s.login('office-clerk');
  const found = await inject('GET', `/openness/requests?requester=${encodeURIComponent(NAME)}`, undefined, clerk);
  assert.equal(found.status, 200);
  assert.deepEqual(found.body.requests.map((r: any) => r.requesterName), [NAME]);
  const none = await inject('GET', `/openness/requests?requester=${encodeURIComponent('慕容')}`, undefined, clerk);
  assert.equal(none.body.requests.length, 0);
});

test('密钥轮换: after a new key becomes current, resealing moves every personal field to it and nothing is lost', async () => {
  const before = keyRing();
  const next = loadKeyRing({ ZHENGTONG_DATA_KEYS: `k2026b:${'a1'.repeat(16)}` });
  const ring = { current: next.current, keys: new Map([...next.keys, ...before.keys]), demo: false };
  useKeyRing(ring);
  const counts = await resealPersonalData(s.t.db, ring);
  assert.ok(counts.disclosure_requests >= 1 && counts.acc_cases >= 1, JSON.stringify(counts));
  for (const f of PERSONAL_FIELDS) {
    const { rows } = await asSystem(() => s.t.db.query(`SELECT ${f.column} AS v FROM ${f.table} WHERE ${f.column} <> ''`));
    for (const r of rows) assert.equal(sealedKeyId(r.v as string), 'k2026b', `${f.table}.${f.column}`);
  }
  const again = await resealPersonalData(s.t.db, ring);
  assert.deepEqual(again, { disclosure_requests: 0, acc_cases: 0 }, 'a second pass has nothing to do');
  const clerk = await s.login('office-clerk');
  const found = await inject('GET', `/openness/requests?requester=${encodeURIComponent(NAME)}`, undefined, clerk);
  assert.equal(found.body.requests[0].requesterName, NAME, 'the blind index follows the new key');
  // the old key can go once nothing is sealed under it
  useKeyRing(next);
  const detail = await inject('GET', `/openness/requests/${found.body.requests[0].id}`, undefined, clerk);
  assert.equal(detail.body.requester.identity, ID_NO);
});

test('密评: a row written in clear (before sealing existed) is sealed at the next start', async () => {
  const ring = keyRing();
  await asSystem(() => s.t.db.query(`UPDATE acc_cases SET party = '旧数据 明文当事人' WHERE id = (SELECT id FROM acc_cases ORDER BY id LIMIT 1)`));
  await resealPersonalData(s.t.db, ring);
  assert.ok(!(await dump()).includes('明文当事人'));
});
