// Reads at scale with 32 concurrent clients from this (separate) load process against the server process:
//   todo       my to-do list: GET /documents/workbench as department clerks (their unit's assignments,
//              opinion requests, and the overdue list of their department)
//   head       a department head's workbench (the department's overdue list)
//   page       a document's page with its whole trail: GET /documents/:id (office clerk)
//   dashboard  an aggregate: GET /supervision/performance?by=department (按时办结率)
//   office     the office clerk's workbench (every document waiting on the office)
//   officepage a random page of the office's to-dos (GET /documents/workbench/office?offset=…)
//   overdue    a random page of the overdue list as the office (GET /documents/workbench/overdue?offset=…)
// Target: p99 ≤ 20 ms each; the server's RSS during the run ≤ 300 MB (also printed).
// SERVER_NODE_OPTIONS is passed to the server process as NODE_OPTIONS (e.g. --max-old-space-size=160).
//
//   npm run bench -- reads [--url postgres://…/zhengtong_bench] [--clients 32] [--duration 15] [--only todo,page] [--rate R] [--sequential N]
// --sequential N sends N requests per scenario one at a time (no concurrency) and prints min, median, p90
// and max: the service time of one request, less sensitive to other work on the machine.
// --rate R sends R requests/s in total (open loop) instead of as fast as the clients can: below saturation
// this measures the service time rather than the queueing that a closed loop at full speed adds.
import { openDb } from '../src/store/db.ts';
import { arg, cannon, DEFAULT_URL, load, login, say, serverLine, serverWindow, startServer } from './_lib.ts';
/** every staff read, one at a time, at 1M documents: p99 ≤ 20 ms (what a clerk feels as instant) */
const ALONE_P99_TARGET_MS = 20;

const GENERATED_PASSWORD = 'Generated@2026';

export async function run(args: string[]) {
  const url = arg(args, 'url', process.env.BENCH_DATABASE_URL ?? DEFAULT_URL);
  const connections = Number(arg(args, 'clients', '32'));
  const duration = Number(arg(args, 'duration', '15'));
  const only = arg(args, 'only', 'todo,head,page,dashboard,office,officepage,overdue').split(',');
  const rate = Number(arg(args, 'rate', '0'));
  const sequential = Number(arg(args, 'sequential', '0'));

  const db = await openDb({ url, poolSize: 2 });
  const docsCount = (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM documents`)).rows[0].n;
  // department clerks and heads of units that have open work
  const { rows: clerks } = await db.query<{ login: string }>(
    `SELECT u.login FROM users u JOIN org_assignments a ON a.tenant_id = u.tenant_id AND a.person_id = u.person_id
       JOIN org_positions p ON p.tenant_id = a.tenant_id AND p.id = a.position_id
      WHERE u.tenant_id = 'wuwei' AND u.login LIKE 'gen-%' AND p.kind = 'clerk'
        AND EXISTS (SELECT 1 FROM document_assignments x WHERE x.tenant_id = 'wuwei' AND x.state = 'open' AND x.unit_id = p.unit_id)
      ORDER BY u.login LIMIT 16`);
  const { rows: heads } = await db.query<{ login: string }>(
    `SELECT u.login FROM users u JOIN org_assignments a ON a.tenant_id = u.tenant_id AND a.person_id = u.person_id
       JOIN org_positions p ON p.tenant_id = a.tenant_id AND p.id = a.position_id
      WHERE u.tenant_id = 'wuwei' AND u.login LIKE 'gen-%' AND p.kind = 'department_principal_head' ORDER BY u.login LIMIT 16`);
  // pages of the office's to-dos and of the overdue list (20 rows each), anywhere in the list
  const { rows: [sizes] } = await db.query<{ office: number; overdue: number }>(
    `SELECT (SELECT count(*)::int FROM documents WHERE tenant_id = 'wuwei'
               AND state IN ('received','registered','reviewed','reviewing','signed','checked','numbered','issued')) AS office,
            (SELECT count(*)::int FROM document_assignments WHERE tenant_id = 'wuwei' AND state = 'open' AND due < current_date) AS overdue`);
  const { rows: docs } = await db.query<{ id: string }>(
    `SELECT id FROM documents WHERE tenant_id = 'wuwei' AND id LIKE 'gd-%' ORDER BY hashtext(id) LIMIT 2000`);
  await db.close();

  say(`# reads: ${docsCount.toLocaleString('en')} documents, ${connections} clients${rate ? `, ${rate} requests/s in total` : ''}, ${duration} s each; load ${load()}`);
  const server = await startServer({ DATABASE_URL: url, ...(process.env.SERVER_NODE_OPTIONS ? { NODE_OPTIONS: process.env.SERVER_NODE_OPTIONS } : {}) });
  let maxRss = server.rssMb();
  const sampler = setInterval(() => { maxRss = Math.max(maxRss, server.rssMb()); }, 200);
  const results: Record<string, unknown> = {};
  try {
    const office = await login(server.base, 'office-clerk', 'Zhengtong@2026');
    const window = await serverWindow(server.base);
    const clerkCookies = await Promise.all(clerks.map((c) => login(server.base, c.login, GENERATED_PASSWORD)));
    const headCookies = await Promise.all(heads.map((c) => login(server.base, c.login, GENERATED_PASSWORD)));
    const scenarios: Record<string, () => { path: string; cookie: string }> = {};
    let i = 0;
    if (clerkCookies.length) scenarios.todo = () => ({ path: '/api/v1/documents/workbench', cookie: clerkCookies[i++ % clerkCookies.length] });
    if (headCookies.length) scenarios.head = () => ({ path: '/api/v1/documents/workbench', cookie: headCookies[i++ % headCookies.length] });
    scenarios.page = () => ({ path: `/api/v1/documents/${docs[i++ % docs.length].id}`, cookie: office });
    scenarios.dashboard = () => ({ path: '/api/v1/supervision/performance?by=department&from=2026-01-01&to=2026-12-31', cookie: office });
    scenarios.office = () => ({ path: '/api/v1/documents/workbench', cookie: office });
    const pageAt = (n: number) => 20 * ((i++ * 7919) % Math.max(1, Math.ceil(n / 20)));
    scenarios.officepage = () => ({ path: `/api/v1/documents/workbench/office?offset=${pageAt(sizes.office)}&limit=20`, cookie: office });
    scenarios.overdue = () => ({ path: `/api/v1/documents/workbench/overdue?offset=${pageAt(sizes.overdue)}&limit=20`, cookie: office });
    for (const name of only) {
      const next = scenarios[name];
      if (!next) { say(`${name}: skipped (no data)`); continue; }
      const loadBefore = load();
      if (sequential) {
        const ms: number[] = [];
        let bad = 0;
        for (let k = 0; k < sequential; k++) {
          const n = next();
          const t0 = performance.now();
          const res = await fetch(server.base + n.path, { headers: { cookie: n.cookie } });
          await res.arrayBuffer();
          ms.push(performance.now() - t0);
          if (res.status !== 200) bad++;
        }
        ms.sort((a, b) => a - b);
        const at = (q: number) => ms[Math.min(ms.length - 1, Math.floor(q * ms.length))].toFixed(1);
        results[name] = { sequential, min: ms[0], p50: Number(at(0.5)), p90: Number(at(0.9)), p99: Number(at(0.99)), max: ms[ms.length - 1], non2xx: bad };
        say(`${name.padEnd(10)} one at a time, ${sequential} requests: min ${ms[0].toFixed(1)} ms  p50 ${at(0.5)} ms  p90 ${at(0.9)} ms  p99 ${at(0.99)} ms  max ${ms[ms.length - 1].toFixed(1)} ms  non-2xx ${bad} | ` +
          `p99 target ${ALONE_P99_TARGET_MS} ms: ${Number(at(0.99)) <= ALONE_P99_TARGET_MS ? 'met' : 'missed'} (${(Number(at(0.99)) / ALONE_P99_TARGET_MS).toFixed(2)}×) | load ${loadBefore} → ${load()}`);
        continue;
      }
      await window.reset();
      const r = await cannon({
        url: server.base, connections, duration, timeout: 30, ...(rate ? { overallRate: rate } : {}),
        requests: [{ method: 'GET', setupRequest: (req: any) => { const n = next(); return { ...req, path: n.path, headers: { cookie: n.cookie } }; } }],
      });
      const m = await window.read();
      results[name] = { ...r, rssMb: Math.round(maxRss), server: m };
      say(`${name.padEnd(9)} ${r.rps.toFixed(0).padStart(6)} req/s  p50 ${r.p50} ms  p90 ${r.p90} ms  p99 ${r.p99} ms  max ${r.max} ms  ` +
        `p99/p50 ${(r.p99 / Math.max(1, r.p50)).toFixed(1)} (target ≤ 4: ${r.p99 / Math.max(1, r.p50) <= 4 ? 'met' : 'missed'})  ` +
        `non-2xx ${r.non2xx}  errors ${r.errors}  | p99 target 20 ms: ${r.p99 <= 20 ? 'met' : 'missed'} (${(r.p99 / 20).toFixed(2)}×) | RSS max so far ${maxRss.toFixed(0)} MB | load ${loadBefore} → ${load()}`);
      say('  ' + serverLine(m, 2));
    }
  } finally {
    clearInterval(sampler);
    await server.stop();
  }
  say(`server RSS max during reads: ${maxRss.toFixed(0)} MB (target ≤ 300 MB: ${maxRss <= 300 ? 'met' : 'missed'})`);
  return results;
}
