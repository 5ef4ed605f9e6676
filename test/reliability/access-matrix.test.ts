// The access matrix, completed: test/db/access-matrix.test.ts checks every route × role that must be
// refused (401 anonymous, 403 without the permission) and every permitted GET. This adds the permitted
// mutations: every role on every non-GET route it is granted, with an empty body on unknown ids, is
// never refused for access (401/403) and never fails (≥ 500) — it reaches validation or the use case.
// Generated from the server's route table, so a new route cannot escape it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from '../db/http-harness.ts';
import { ROLES, can } from '../../src/app/auth/roles.ts';
import { createUser } from '../../src/app/auth/sessions.ts';

let s: TestServer;
const cookies: Record<string, string> = {};
before(async () => {
  s = await startTestServer();
  for (const role of Object.keys(ROLES).filter((r) => r !== 'system')) {
    await createUser(s.t.db, { tenantId: 'wuwei', login: `rel-${role}`, displayName: `矩阵-${role}`, password: 'Matrix@Pass1', roles: [role] });
    cookies[role] = await s.login(`rel-${role}`, 'Matrix@Pass1');
  }
});
after(async () => { await s.close(); });

const concrete = (url: string) => url.replace(/:[A-Za-z]+/g, 'no-such-id').replace(/\*$/, 'x');

test('access matrix: every route × every role and anonymous is decided by the declared permission', async () => {
  const routes = s.app.routeTable.filter((r) => !['/api/v1/auth/login', '/api/v1/auth/logout'].includes(r.url));
  let pairs = 0;
  const wrong: string[] = [];
  for (const r of routes) {
    const anon = await s.app.inject({ method: r.method as any, url: concrete(r.url), payload: r.method === 'GET' ? undefined : {} });
    pairs++;
    if (r.permission === 'public' ? [401, 403].includes(anon.statusCode) : anon.statusCode !== 401) wrong.push(`anonymous ${r.method} ${r.url} → ${anon.statusCode}`);
    for (const [role, cookie] of Object.entries(cookies)) {
      const res = await s.app.inject({ method: r.method as any, url: concrete(r.url), headers: { cookie }, payload: r.method === 'GET' ? undefined : {} });
      pairs++;
      const allowed = can([role], r.permission);
      if (res.statusCode >= 500) wrong.push(`${role} ${r.method} ${r.url} → ${res.statusCode}`);
      else if (allowed && [401, 403].includes(res.statusCode) && res.json().code?.startsWith('AUTH.')) wrong.push(`${role} ${r.method} ${r.url} permitted but refused ${res.statusCode}`);
      else if (!allowed && res.statusCode !== 403) wrong.push(`${role} ${r.method} ${r.url} not permitted but ${res.statusCode}`);
    }
  }
  console.log(`# access matrix: ${routes.length} routes × (${Object.keys(cookies).length} roles + anonymous) = ${pairs} pairs`);
  assert.deepEqual(wrong, []);
});
