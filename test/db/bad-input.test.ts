import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from './http-harness.ts';
import { errorTable } from '../../src/errors/index.ts';
import { sealAudit } from '../../src/app/audit/chain.ts';
import { can } from '../../src/app/auth/roles.ts';
import { demoLogins } from '../../src/app/seed.ts';
import { dbChecksum } from './db-checksum.ts';

// A campaign of malformed and hostile requests, generated from the route table so that every route is
// covered: 0 responses ≥ 500, every error in the documented shape, and the database unchanged by what
// was rejected. BAD_INPUT_SCALE multiplies the payload set (CI runs 1; `BAD_INPUT_SCALE=5` ≥ 10,000).
const SCALE = Number(process.env.BAD_INPUT_SCALE ?? 1);

const HOSTILE_STRINGS = [
  "' OR 1=1 --", "'; DROP TABLE audit_records; --", '<script>alert(1)</script>', '../../../../etc/passwd',
  '..%2F..%2Fetc%2Fpasswd', '%00', '\u0000', '${7*7}', '{{7*7}}', 'x'.repeat(5000), '😀'.repeat(100),
  '2026-02-30', '2026-13-01', '0000-00-00', '-1', '1e309', 'NaN', 'null', 'undefined', '__proto__',
  'constructor', '武政发〔2023〕19号', ' ', '\t\n', 'SELECT pg_sleep(10)', "$$; COPY x TO PROGRAM 'id'; $$",
];
const HOSTILE_BODIES: unknown[] = [
  [], 'a string', 42, true, { __proto__: { admin: true } }, { constructor: { prototype: { x: 1 } } },
  { unexpectedField: 'x' }, { id: { $ne: null } }, { title: ['array', 'instead'] }, { date: '2026-02-30', unexpected: 1 },
  { n: -1, unit: 'weeks', extra: true }, { deadline: '9999-99-99', nope: 1 }, Object.fromEntries(Array.from({ length: 300 }, (_, i) => [`k${i}`, i])),
];
const RAW_BODIES = ['{"a":', '{"a": 1,}', 'null', '\u0000\u0001', '{"a": "\\ud800"}', '[' .repeat(5000)];

let s: TestServer;
/** 三员分立: no login reaches every route; each route is sent by the first demo login whose roles grant it. */
const PREFERRED = ['office-clerk', 'admin', 'secadmin', 'auditor', 'platform-admin'];
const cookies = new Map<string, string>();
function loginFor(permission: string): string {
  const all = demoLogins();
  const ordered = [...PREFERRED.map((l) => all.find((x) => x.login === l)!), ...all.filter((x) => !PREFERRED.includes(x.login))];
  const l = ordered.find((x) => can(x.roles, permission));
  assert.ok(l, `a demo login granted ${permission}`);
  return l.login;
}
before(async () => { s = await startTestServer(); });
after(async () => { await s.close(); });

function concrete(url: string, value: string) {
  return url.replace(/:[A-Za-z]+/g, encodeURIComponent(value));
}

test('bad-input campaign: hostile requests on every route get a 4xx in the error shape and change nothing', async () => {
  const routes = s.app.routeTable.filter((r) => !['/api/v1/auth/login', '/api/v1/auth/logout'].includes(r.url));
  // every login signs in before the checksum is taken
  for (const r of routes) {
    const login = loginFor(r.permission);
    if (!cookies.has(login)) cookies.set(login, await s.login(login));
  }
  await sealAudit(s.t.db);
  const before = await dbChecksum(s.t.db);
  let sent = 0;
  const failures: string[] = [];
  const accepted: string[] = [];
  const check = (fullLabel: string, method: string, res: { statusCode: number; body: string }) => {
    const label = fullLabel.length > 140 ? fullLabel.slice(0, 140) + '…' : fullLabel;
    sent++;
    if (res.statusCode >= 500) failures.push(`${label} → ${res.statusCode} ${res.body.slice(0, 160)}`);
    else if (res.statusCode >= 400) {
      let body: any;
      try { body = JSON.parse(res.body); } catch { failures.push(`${label} → ${res.statusCode} not JSON`); return; }
      if (typeof body.code !== 'string' || !(body.code in errorTable) || typeof body.message !== 'string' || !Array.isArray(body.violations)) {
        failures.push(`${label} → error not in the documented shape: ${res.body.slice(0, 160)}`);
      }
      if (/at .+\.(ts|js):\d+/.test(res.body)) failures.push(`${label} → stack trace leaked`);
    } else if (method !== 'GET') accepted.push(`${label} → ${res.statusCode}`);
  };
  for (let round = 0; round < SCALE; round++) {
    for (const r of routes) {
      const cookie = cookies.get(loginFor(r.permission))!;
      const hasParams = r.url.includes(':');
      for (const str of HOSTILE_STRINGS) {
        const url = hasParams ? concrete(r.url, str + (round ? String(round) : '')) : r.url;
        const qs = `?q=${encodeURIComponent(str)}&date=${encodeURIComponent(str)}&limit=${encodeURIComponent(str)}&page=${encodeURIComponent(str)}`;
        if (r.method === 'GET') {
          check(`GET ${url}${qs}`, 'GET', await s.app.inject({ method: 'GET', url: url + qs, headers: { cookie } }));
        } else if (hasParams) {
          check(`${r.method} ${url}`, r.method, await s.app.inject({ method: r.method as any, url, headers: { cookie }, payload: { unexpectedField: str } }));
        }
      }
      if (r.method === 'GET') continue;
      const url = hasParams ? concrete(r.url, 'no-such-id') : r.url;
      for (const body of HOSTILE_BODIES) {
        check(`${r.method} ${url} ${JSON.stringify(body).slice(0, 40)}`, r.method,
          await s.app.inject({ method: r.method as any, url, headers: { cookie, 'content-type': 'application/json' }, payload: JSON.stringify(body) }));
      }
      for (const raw of RAW_BODIES) {
        check(`${r.method} ${url} raw ${raw.slice(0, 20)}`, r.method,
          await s.app.inject({ method: r.method as any, url, headers: { cookie, 'content-type': 'application/json' }, payload: raw }));
      }
      check(`${r.method} ${url} text/plain`, r.method,
        await s.app.inject({ method: r.method as any, url, headers: { cookie, 'content-type': 'text/plain' }, payload: 'hello' }));
      check(`${r.method} ${url} oversized`, r.method,
        await s.app.inject({ method: r.method as any, url, headers: { cookie, 'content-type': 'application/json' }, payload: JSON.stringify({ x: 'x'.repeat(s.config.bodyLimitBytes + 10) }) }));
    }
  }
  await sealAudit(s.t.db);
  const afterSum = await dbChecksum(s.t.db);
  console.log(`# bad-input campaign: ${sent} requests over ${routes.length} routes`);
  assert.deepEqual(failures, []);
  assert.deepEqual(accepted, [], 'hostile mutations must all be rejected');
  assert.deepEqual(afterSum, before);
});
