// Anonymous routes that do work — 依申请公开 submissions, look-ups by query code, logins — are limited
// per client address (config.rateLimits); over the limit the answer is 429 REQUEST.RATE_LIMITED in the
// error shape with Retry-After, and nothing is done. The server's clock is a manual one: no sleeping.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, DEMO_PASSWORD, type TestServer } from './http-harness.ts';
import { loadConfig } from '../../src/config.ts';
import { errorTable } from '../../src/errors/index.ts';

let s: TestServer;
const production = loadConfig({}).rateLimits;
before(async () => {
  s = await startTestServer({ config: { rateLimits: { ...production, login: { max: 3, windowSeconds: 60 } } } });
});
after(async () => { await s.close(); });

const A = '203.0.113.7';
const B = '198.51.100.23';
const submission = (n: number) => ({
  requesterKind: '公民', name: '孙立', identity: '620602198801010022', contact: { phone: '0935-7654321' }, description: `申请公开城区供热价格核定文件（第${n}件）`,
});
const submit = (ip: string, n: number) => s.app.inject({ method: 'POST', url: '/api/v1/public/requests', remoteAddress: ip, payload: submission(n) });
const requests = async () => Number((await s.deps.db.query('SELECT count(*)::int AS n FROM disclosure_requests')).rows[0].n);

function assertLimited(r: { statusCode: number; headers: Record<string, unknown>; body: string }, retryAfter: number) {
  assert.equal(r.statusCode, 429, r.body);
  assert.equal(r.headers['retry-after'], String(retryAfter));
  const b = JSON.parse(r.body);
  assert.equal(b.code, 'REQUEST.RATE_LIMITED');
  assert.ok('REQUEST.RATE_LIMITED' in errorTable);
  assert.match(b.message, /请求过于频繁.*秒后再试/);
  assert.deepEqual(b.violations, []);
  assert.equal(b.details.retryAfterSeconds, retryAfter);
}

test('rate limit: the 11th 依申请公开 submission from one address within the window gets 429 with Retry-After; another address is unaffected; after the window it is accepted again', async () => {
  assert.deepEqual(production.public_submission, { max: 10, windowSeconds: 600 });
  for (let i = 1; i <= 10; i++) assert.equal((await submit(A, i)).statusCode, 201, `submission ${i}`);
  const stored = await requests();
  const eleventh = await submit(A, 11);
  assertLimited(eleventh, 600);
  assert.equal(await requests(), stored, 'the refused submission was not recorded');
  // refused before the body is read: even a malformed body gets the 429
  const raw = await s.app.inject({ method: 'POST', url: '/api/v1/public/requests', remoteAddress: A, headers: { 'content-type': 'application/json' }, payload: '{"a":' });
  assert.equal(raw.statusCode, 429);

  assert.equal((await submit(B, 12)).statusCode, 201, 'another address has its own window');
  // the public portal's reads are not limited
  assert.equal((await s.app.inject({ method: 'GET', url: '/api/v1/public/portal', remoteAddress: A })).statusCode, 200);

  s.clock.advance(400_000);
  assertLimited(await submit(A, 13), 200);
  s.clock.advance(200_000);
  assert.equal((await submit(A, 14)).statusCode, 201, 'a new window starts once the old one ends');
});

test('rate limit: look-ups by receipt number and query code are limited per address too', async () => {
  const { max, windowSeconds } = production.public_lookup;
  const look = (ip: string) => s.app.inject({ method: 'POST', url: '/api/v1/public/requests/query', remoteAddress: ip, payload: { receiptNo: 'YSQ-2026-00000', code: 'ZZZZ-ZZZZ-ZZZZ' } });
  for (let i = 0; i < max; i++) assert.equal((await look('192.0.2.1')).statusCode, 404);
  assertLimited(await look('192.0.2.1'), windowSeconds);
  assert.equal((await look('192.0.2.2')).statusCode, 404);
});

test('rate limit: logins from one address are limited apart from the per-account lockout, and a refused attempt does not count as a failed login', async () => {
  const login = (ip: string, password = DEMO_PASSWORD) => s.app.inject({ method: 'POST', url: '/api/v1/auth/login', remoteAddress: ip, payload: { login: 'office-clerk', password } });
  const failed = async () => Number((await s.deps.db.query(`SELECT failed_logins FROM users WHERE login = 'office-clerk'`)).rows[0].failed_logins);
  assert.equal((await login(A)).statusCode, 200);
  assert.equal((await login(A, 'wrong-password')).statusCode, 401);
  assert.equal((await login(A)).statusCode, 200);
  const before = await failed();
  assertLimited(await login(A, 'wrong-password'), 60);
  assertLimited(await login(A), 60);
  assert.equal(await failed(), before, 'the limited attempts never reached the password check');
  assert.equal((await login(B)).statusCode, 200);
  s.clock.advance(60_000);
  assert.equal((await login(A)).statusCode, 200);
});
