import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from './http-harness.ts';

let s: TestServer;
let cookie: string;
before(async () => { s = await startTestServer(); cookie = await s.login('admin'); });
after(async () => { await s.close(); });

test('rule-pack browser: 第六十六条 shows its text and the 2-working-day countersign rule', async () => {
  const r = await s.app.inject({ method: 'GET', url: '/api/v1/pack/articles/66', headers: { cookie } });
  assert.equal(r.statusCode, 200);
  const body = r.json();
  assert.equal(body.article.label, '第六十六条');
  assert.match(body.article.text, /2个工作日/);
  const limit = body.rules.find((x: any) => x.kind === 'deadline');
  assert.equal(limit.params.duration.value, 2);
  assert.equal(limit.params.duration.unit, 'workday');
});

test('rule-pack browser: the pack names what it repeals (武政发〔2018〕126号)', async () => {
  const r = await s.app.inject({ method: 'GET', url: '/api/v1/pack', headers: { cookie } });
  assert.equal(r.json().meta.docNumber, '武政发〔2023〕19号');
  assert.equal(r.json().meta.repeals[0].docNumber, '武政发〔2018〕126号');
});

test('rule-pack browser: no rule is in force before the 2023 rules took effect (第一百条)', async () => {
  const before2023 = await s.app.inject({ method: 'GET', url: '/api/v1/pack/rules?on=2023-02-28', headers: { cookie } });
  const after2023 = await s.app.inject({ method: 'GET', url: '/api/v1/pack/rules?on=2023-03-01', headers: { cookie } });
  assert.equal(before2023.json().rules.length, 0);
  assert.ok(after2023.json().rules.length > 50);
});

test('rule-pack browser: an article outside 1..100 is a 404 with the error shape', async () => {
  const r = await s.app.inject({ method: 'GET', url: '/api/v1/pack/articles/101', headers: { cookie } });
  assert.equal(r.statusCode, 404);
  assert.equal(r.json().code, 'REQUEST.NOT_FOUND');
});
