import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from './http-harness.ts';
import { ROLES, can } from '../../src/app/auth/roles.ts';
import { createUser } from '../../src/app/auth/sessions.ts';

// Generated from the server's own route table, so that no new route can escape the check: anonymous
// callers get 401 on every non-public route, and each role gets 403 wherever its permissions stop.
let s: TestServer;
const cookies: Record<string, string> = {};
before(async () => {
  s = await startTestServer();
  for (const role of Object.keys(ROLES).filter((r) => r !== 'system')) {
    await createUser(s.t.db, { tenantId: 'wuwei', login: `matrix-${role}`, displayName: `矩阵-${role}`, password: 'Matrix@Pass1', roles: [role] });
    cookies[role] = await s.login(`matrix-${role}`, 'Matrix@Pass1');
  }
});
after(async () => { await s.close(); });

const concrete = (url: string) => url.replace(/:[A-Za-z]+/g, 'no-such-id').replace(/\*$/, 'x');

test('access matrix: every API route declares a permission', () => {
  assert.ok(s.app.routeTable.length > 0);
  for (const r of s.app.routeTable) assert.ok(r.permission, `${r.method} ${r.url}`);
});

test('access matrix: anonymous callers get 401 on every route that is not public', async () => {
  for (const r of s.app.routeTable.filter((x) => x.permission !== 'public')) {
    const res = await s.app.inject({ method: r.method as any, url: concrete(r.url), payload: r.method === 'GET' ? undefined : {} });
    assert.equal(res.statusCode, 401, `${r.method} ${r.url} → ${res.statusCode} ${res.body.slice(0, 200)}`);
    assert.equal(res.json().code, 'AUTH.UNAUTHENTICATED');
  }
});

test('access matrix: every role gets 403 on every route its permissions do not grant', async () => {
  let checked = 0;
  for (const [role, cookie] of Object.entries(cookies)) {
    for (const r of s.app.routeTable) {
      if (can([role], r.permission)) continue;
      const res = await s.app.inject({ method: r.method as any, url: concrete(r.url), headers: { cookie }, payload: r.method === 'GET' ? undefined : {} });
      assert.equal(res.statusCode, 403, `${role} ${r.method} ${r.url} → ${res.statusCode}`);
      assert.equal(res.json().code, 'AUTH.FORBIDDEN');
      checked++;
    }
  }
  assert.ok(checked > 0, 'some role must be refused somewhere');
});

test('access matrix: a permitted role is never refused with 401/403', async () => {
  for (const [role, cookie] of Object.entries(cookies)) {
    for (const r of s.app.routeTable.filter((x) => x.method === 'GET' && can([role], x.permission))) {
      const res = await s.app.inject({ method: 'GET', url: concrete(r.url), headers: { cookie } });
      assert.ok(![401, 403].includes(res.statusCode), `${role} GET ${r.url} → ${res.statusCode}`);
      assert.ok(res.statusCode < 500, `${role} GET ${r.url} → ${res.statusCode} ${res.body.slice(0, 200)}`);
    }
  }
});
