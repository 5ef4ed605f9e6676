// Isolation walk: a government's staff and its three administrators (三员分立: no one account reaches
// every route), walking every route of the server's own route table over another government's real ids
// (documents, meetings, items, units, people, accounts, files, search, exports), get 404 for every read
// and change nothing anywhere in the other government.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from './http-harness.ts';
import { createUser } from '../../src/app/auth/sessions.ts';
import { can } from '../../src/app/auth/roles.ts';
import { dbChecksum } from './db-checksum.ts';

const CITY = 'wuwei';
const COUNTY = 'liangzhou';
let s: TestServer;
let cookie: string;
/** The walkers: each route is walked by the first whose roles grant its permission. */
const WALKERS: { login: string; roles: string[]; cookie?: string }[] = [
  { login: 'walk-office', roles: ['office_clerk', 'secretary_general', 'mayor', 'dept_head', 'duty_officer'] },
  { login: 'walk-admin', roles: ['admin'] },
  { login: 'walk-secadmin', roles: ['security_admin'] },
  { login: 'walk-auditor', roles: ['security_auditor'] },
];

before(async () => {
  s = await startTestServer();
  for (const w of WALKERS) {
    await createUser(s.t.db, { tenantId: COUNTY, login: w.login, displayName: `隔离测试${w.login}`, password: 'Walk@Pass1', roles: w.roles });
    w.cookie = await s.login(w.login, 'Walk@Pass1', COUNTY);
  }
  cookie = WALKERS[0].cookie!;
});
after(async () => { await s.close(); });

/** Which table's ids a route's first parameter names (the URL prefix decides); later parameters below. */
const FIRST_PARAM: [RegExp, string][] = [
  [/^\/seals\//, 'seals'],
  [/^\/documents\/coordinations\//, 'document_coordinations'],
  [/^\/documents\/opinion-requests\//, 'opinion_requests'],
  [/^\/documents\//, 'documents'],
  [/^\/leaders\/approvals\//, 'lead_approvals'],
  [/^\/leaders\/trips\//, 'lead_trip_reports'],
  [/^\/meetings\/citywide\//, 'meeting_citywide_requests'],
  [/^\/meetings\/issuance-tasks\//, 'meeting_issuance_tasks'],
  [/^\/meetings\/topics\//, 'meeting_topics'],
  [/^\/meetings\//, 'meetings'],
  [/^\/openness\/emergencies\//, 'emergency_events'],
  [/^\/openness\/items\//, 'published_items'],
  [/^\/openness\/requests\//, 'disclosure_requests'],
  [/^\/public\/items\//, 'published_items'],
  [/^\/org\/acting\//, 'org_positions'],
  [/^\/org\/admin\/appointments\//, 'org_assignments'],
  [/^\/org\/admin\/leaders\//, 'org_positions'],
  [/^\/org\/admin\/units\//, 'org_units'],
  [/^\/org\/entrustments\//, 'org_entrustments'],
  [/^\/supervision\/instructions\//, 'sup_instructions'],
  [/^\/supervision\/items\//, 'sup_items'],
  [/^\/decisions\/major\//, 'dec_major_decisions'],
  [/^\/decisions\/normative\//, 'dec_normative_docs'],
  [/^\/decisions\/legislation\//, 'dec_legislation'],
  [/^\/decisions\/disputes\//, 'dec_legislation_disputes'],
  [/^\/decisions\/filings\//, 'dec_filings'],
  [/^\/decisions\/inquiries\//, 'dec_inquiries'],
  [/^\/accountability\/cases\//, 'acc_cases'],
  [/^\/accountability\/approvals\//, 'acc_approvals'],
  [/^\/accountability\/rotations\//, 'acc_rotations'],
  [/^\/accountability\/plans\//, 'acc_plans'],
  [/^\/accountability\/dissents\//, 'acc_dissents'],
  [/^\/exchange\/inbox\//, 'exchange_inbox'],
  [/^\/accounts\//, 'users'],
  [/^\/notifications\//, 'notifications'],
];
const CHILD_PARAM: Record<string, [string, string]> = {
  attachmentId: ['document_attachments', 'document_id'],
  leaveId: ['meeting_leaves', 'meeting_id'],
  topicId: ['meeting_topics', 'meeting_id'],
};
/** Parameters that are not another government's objects: national or per-government by construction. */
const NOT_OBJECTS = [/^\/calendar\/years\/:year/, /^\/pack\/articles\/:number/, /^\/openness\/report\/:year/, /^\/platform\//];

/** Ids of the city's rows that the county has no row of its own with (ids are unique per government only). */
async function cityIds(table: string, n = 2): Promise<{ id: string; parent?: string }[]> {
  const col = table === 'exchange_inbox' ? 'package_id' : 'id';
  const { rows } = await s.t.db.query<{ id: string }>(
    `SELECT ${col}::text AS id FROM ${table} c WHERE tenant_id = $1
        AND NOT EXISTS (SELECT 1 FROM ${table} o WHERE o.tenant_id = $2 AND o.${col} = c.${col}) ORDER BY 1 LIMIT $3`, [CITY, COUNTY, n]);
  return rows;
}

test('isolation: a county administrator walking every route over the city\'s ids gets 404 and changes nothing of the city', async () => {
  // the city has something in every table the walk names (and a file and a 签收 queue entry of its own)
  const before = await dbChecksum(s.t.db);
  const cityRows = (t: string) => Object.entries(before).find(([k]) => k === t)?.[1];
  let walked = 0, urls = 0;
  const unmapped: string[] = [];
  const noRows = new Set<string>();
  for (const r of s.app.routeTable) {
    const path = r.url.replace(/^\/api\/v1/, '');
    if (!path.includes(':') || NOT_OBJECTS.some((x) => x.test(path))) continue;
    const walker = WALKERS.find((w) => can(w.roles, r.permission));
    if (!walker) continue;
    const walkerCookie: string = walker.cookie!;
    const table = FIRST_PARAM.find(([re]) => re.test(path))?.[1];
    if (!table) { unmapped.push(`${r.method} ${path}`); continue; }
    const ids = await cityIds(table);
    if (!ids.length) { noRows.add(table); continue; }
    walked++;
    for (const { id } of ids) {
      const params = [...path.matchAll(/:([A-Za-z]+)/g)].map((m) => m[1]);
      let url = path.replace(`:${params[0]}`, encodeURIComponent(id));
      for (const p of params.slice(1)) {
        const child = CHILD_PARAM[p];
        assert.ok(child, `a mapping for :${p} in ${path}`);
        const c = await s.t.db.query<{ id: string }>(`SELECT id FROM ${child[0]} WHERE tenant_id = $1 AND ${child[1]} = $2 LIMIT 1`, [CITY, id]);
        url = url.replace(`:${p}`, encodeURIComponent(c.rows[0]?.id ?? 'none'));
      }
      const res = await s.app.inject({ method: r.method as any, url: `/api/v1${url}`, headers: { cookie: walkerCookie }, ...(r.method === 'GET' ? {} : { payload: {} }) });
      urls++;
      const what = `${r.method} ${url} → ${res.statusCode} ${res.body.slice(0, 160)}`;
      if (r.method === 'GET') assert.equal(res.statusCode, 404, what);
      // a write is refused before it reaches the data (its body is empty) or finds nothing
      else assert.ok([400, 404].includes(res.statusCode), what);
    }
  }
  assert.deepEqual(unmapped, [], 'every route with an object id is walked');
  assert.ok(walked > 100, `routes walked: ${walked}`);
  // list and search routes show none of the city's rows either
  for (const url of ['/documents?limit=50', '/meetings', '/supervision/items', '/search?q=%E6%AD%A6%E5%A8%81', '/org/units', '/exchange/inbox']) {
    const res = await s.app.inject({ method: 'GET', url: `/api/v1${url}`, headers: { cookie } });
    assert.ok(res.statusCode < 500, `${url} → ${res.statusCode}`);
    assert.ok(!res.body.includes('武威市发展和改革委员会') && !res.body.includes('unit-fgw'), `${url} shows nothing of the city`);
  }
  const after = await dbChecksum(s.t.db, ['sessions', 'rate_limit_windows', 'audit_records', 'users']);
  const { sessions: _s, audit_records: _a, users: _u, ...beforeData } = before;
  assert.deepEqual(after, beforeData, 'nothing of any government changed');
  assert.ok(cityRows('documents'));
  console.log(`isolation walk: ${walked} routes, ${urls} requests over the city's ids; tables without city rows in the demo: ${[...noRows].join(', ') || '—'}`);
});
