import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from './http-harness.ts';
import { errorTable } from '../../src/errors/index.ts';

let s: TestServer;
before(async () => { s = await startTestServer(); });
after(async () => { await s.close(); });

const isErrorShape = (body: any) =>
  typeof body.code === 'string' && typeof body.message === 'string' && Array.isArray(body.violations) && body.code in errorTable;

test('auth: a correct password opens a session; /auth/me says who is logged in', async () => {
  const cookie = await s.login('admin');
  const r = await s.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie } });
  assert.equal(r.statusCode, 200);
  assert.equal(r.json().login, 'admin');
  const setCookie = (await s.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { login: 'admin', password: 'Zhengtong@2026' } })).headers['set-cookie'];
  assert.match(String(setCookie), /HttpOnly/i);
});

test('auth: no session gets 401 with the error shape', async () => {
  const r = await s.app.inject({ method: 'GET', url: '/api/v1/audit/status' });
  assert.equal(r.statusCode, 401);
  assert.equal(r.json().code, 'AUTH.UNAUTHENTICATED');
  assert.ok(isErrorShape(r.json()));
});

test('auth: a wrong password is refused and changes nothing but the failure count', async () => {
  const r = await s.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { login: 'admin', password: 'wrong-password' } });
  assert.equal(r.statusCode, 401);
  assert.equal(r.json().code, 'AUTH.BAD_CREDENTIALS');
  assert.match(r.json().message, /用户名或密码错误/);
});

test('auth: repeated failed logins lock the account, even against the right password', async () => {
  const login = 'locktest';
  const { createUser } = await import('../../src/app/auth/sessions.ts');
  await createUser(s.t.db, { tenantId: 'wuwei', login, displayName: '锁定测试', password: 'Right@Password1', roles: ['dept_clerk'] });
  for (let i = 0; i < s.config.lockoutThreshold; i++) {
    await s.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { login, password: 'bad' } });
  }
  const r = await s.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { login, password: 'Right@Password1' } });
  assert.equal(r.statusCode, 423);
  assert.equal(r.json().code, 'AUTH.LOCKED');
  s.clock.advance((s.config.lockoutMinutes + 1) * 60_000);
  const later = await s.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { login, password: 'Right@Password1' } });
  assert.equal(later.statusCode, 200);
});

test('auth: an idle session expires', async () => {
  const cookie = await s.login('admin');
  s.clock.advance((s.config.sessionIdleMinutes + 1) * 60_000);
  const r = await s.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie } });
  assert.equal(r.statusCode, 401);
  assert.equal(r.json().code, 'AUTH.SESSION_EXPIRED');
});

test('input: malformed JSON, unknown fields, wrong types and oversized bodies get 4xx with a code', async () => {
  const bad = await s.app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: { 'content-type': 'application/json' }, payload: '{"login": ' });
  assert.equal(bad.statusCode, 400);
  assert.equal(bad.json().code, 'REQUEST.INVALID_JSON');

  const unknown = await s.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { login: 'admin', password: 'x', admin: true } });
  assert.equal(unknown.statusCode, 400);
  assert.equal(unknown.json().code, 'REQUEST.VALIDATION');
  assert.match(unknown.json().violations[0].message, /admin/);

  const wrongType = await s.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { login: 42, password: 'x' } });
  assert.equal(wrongType.statusCode, 400);
  assert.equal(wrongType.json().code, 'REQUEST.VALIDATION');

  const huge = await s.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { login: 'x'.repeat(2_000_000), password: 'x' } });
  assert.equal(huge.statusCode, 413);
  assert.equal(huge.json().code, 'REQUEST.TOO_LARGE');
});

test('input: an unknown API path is a 404 in the error shape', async () => {
  const r = await s.app.inject({ method: 'GET', url: '/api/v1/no-such-thing' });
  assert.equal(r.statusCode, 404);
  assert.ok(isErrorShape(r.json()));
});

test('healthz answers without login', async () => {
  const r = await s.app.inject({ method: 'GET', url: '/healthz' });
  assert.equal(r.statusCode, 200);
  assert.equal(r.json().status, 'ok');
});
