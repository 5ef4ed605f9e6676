// Crash: the server is killed with SIGKILL again and again during a write load (签收 and 登记 of incoming
// documents through the API), on PostgreSQL and on PGlite. Afterwards: every acknowledged transition is
// present with its audit record, the 收文登记号 (the same gap-free counter as the 发文字号) are neither
// duplicated nor skipped, and the audit chain verifies. Timers: a worker killed while firing resumes at
// the next start and every timer fires exactly once.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { sealAudit, verifyAudit } from '../../src/app/audit/chain.ts';
import { FULL, PASSWORD, PG_URL, incomingBody, login, pgliteTarget, post, postgresTarget, start, type Target } from './harness.ts';

const KILLS = FULL ? 20 : 2;
const CLIENTS = 4;
const TIMERS = FULL ? 10_000 : 300;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function crashUnderLoad(t: Target) {
  let server = await start(t);
  const cookie = await login(server.base, 'office-clerk', PASSWORD);
  const received = new Set<string>();
  const registered = new Map<string, string>();
  let attempts = 0;
  let stop = false;
  const client = async (c: number) => {
    for (let n = 0; !stop; n++) {
      const base = server.base;
      try {
        attempts++;
        const r = await post(base, cookie, '/api/v1/documents/incoming', incomingBody(`${c}-${n}`));
        if (r.status !== 201) { await sleep(20); continue; }
        received.add(r.json.id);
        const g = await post(base, cookie, `/api/v1/documents/${r.json.id}/register`, {});
        if (g.status === 200) registered.set(r.json.id, g.json.registrationNo);
      } catch {
        await sleep(50); // the server is down: try again on the restarted one
      }
    }
  };
  const clients = Array.from({ length: CLIENTS }, (_, c) => client(c));
  for (let k = 0; k < KILLS; k++) {
    await sleep(800 + Math.random() * 1200);
    await server.kill9();
    server = await start(t);
  }
  await sleep(1000);
  stop = true;
  await Promise.all(clients);
  await server.stop();

  const db = await t.open();
  try {
    const ids = [...received];
    const { rows: docs } = await db.query<{ id: string; registration_no: string | null }>(
      `SELECT id, registration_no FROM documents WHERE id = ANY($1::text[])`, [ids]);
    assert.equal(docs.length, ids.length, 'every acknowledged 签收 is present');
    const byId = new Map(docs.map((d) => [d.id, d.registration_no]));
    for (const [id, no] of registered) assert.equal(byId.get(id), no, `acknowledged 登记 ${id} keeps ${no}`);
    const { rows: audited } = await db.query<{ action: string; n: number }>(
      `SELECT action, count(DISTINCT object_id)::int AS n FROM audit_records WHERE object_id = ANY($1::text[]) AND action IN ('document.received', 'document.registered') GROUP BY action`, [ids]);
    const count = (a: string) => audited.find((r) => r.action === a)?.n ?? 0;
    assert.equal(count('document.received'), ids.length, 'every acknowledged 签收 is audited');
    assert.ok(count('document.registered') >= registered.size, 'every acknowledged 登记 is audited');
    // gap-free, unique registration numbers per year, matching the counter
    const { rows: years } = await db.query<{ year: number; n: number; distinct_n: number; max_seq: number; last_seq: number }>(
      `SELECT c.year, count(d.id)::int AS n, count(DISTINCT d.registration_no)::int AS distinct_n,
              coalesce(max(substring(d.registration_no FROM '〕(\\d+)号')::int), 0) AS max_seq, c.last_seq
         FROM doc_number_counters c
         LEFT JOIN documents d ON d.tenant_id = c.tenant_id AND d.registration_no LIKE '收文〔' || c.year || '〕%'
        WHERE c.issuer_code = '收文' GROUP BY c.year, c.last_seq`);
    for (const y of years) {
      assert.equal(y.distinct_n, y.n, `收文 ${y.year}: no number duplicated`);
      assert.equal(y.max_seq, y.n, `收文 ${y.year}: no number skipped (1…${y.n})`);
      assert.equal(y.last_seq, y.n, `收文 ${y.year}: the counter matches`);
    }
    await sealAudit(db);
    const v = await verifyAudit(db);
    assert.ok(v.ok, `audit chain verifies: ${JSON.stringify(v)}`);
    console.log(`# crash ${t.kind}: ${KILLS} × kill -9, ${attempts} attempts, ${received.size} 签收 and ${registered.size} 登记 acknowledged, all present; ` +
      `registration numbers gap-free (${years.map((y) => `${y.year}: 1…${y.n}`).join(', ')}); audit chain verified (${v.verified} records)`);
  } finally {
    await db.close();
  }
}

function worker(t: Target, schema?: string) {
  const root = fileURLToPath(new URL('../../', import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/reliability/_timer-worker.ts'], {
    cwd: root, env: { ...process.env, ...t.env, ...(schema ? { DATABASE_URL: PG_URL!, SCHEMA: schema } : {}) }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  const done = new Promise<{ code: number | null; out: string }>((r) => child.on('exit', (code) => r({ code, out })));
  return { child, done };
}

async function timersResume(t: Target, schema?: string) {
  const db = await t.open();
  const { migrate } = await import('../../src/store/migrate.ts');
  await migrate(db);
  await db.exec(`CREATE TABLE IF NOT EXISTS timer_firings (key text NOT NULL, process int NOT NULL)`);
  await db.query(`INSERT INTO timers (tenant_id, kind, key, due_at, created_at)
                  SELECT 'wuwei', 'test.reliability', 'k' || g, now() - interval '1 minute', now() FROM generate_series(1, $1) g`, [TIMERS]);
  if (t.kind === 'pglite') await db.close(); // one process per PGlite folder
  let kills = 0;
  for (let round = 0; round < 50; round++) {
    const w = worker(t, schema);
    const killAfter = round < (FULL ? 5 : 2) ? 400 + Math.random() * 600 : 0;
    if (killAfter) {
      const r = await Promise.race([w.done, sleep(killAfter).then(() => null)]);
      if (r === null) { w.child.kill('SIGKILL'); await w.done; kills++; continue; }
      if (r.code === 0) break;
      throw new Error(`timer worker failed: ${r.out}`);
    }
    const r = await w.done;
    assert.equal(r.code, 0, r.out);
    break;
  }
  const check = t.kind === 'pglite' ? await t.open() : db;
  try {
    const { rows: per } = await check.query<{ n: number; keys: number; twice: number }>(
      `SELECT count(*)::int AS n, count(DISTINCT key)::int AS keys, (SELECT count(*)::int FROM (SELECT key FROM timer_firings GROUP BY key HAVING count(*) > 1) x) AS twice FROM timer_firings`);
    assert.equal(per[0].keys, TIMERS, 'every timer fired');
    assert.equal(per[0].twice, 0, 'no timer fired twice');
    assert.equal(per[0].n, TIMERS);
    const { rows: a } = await check.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_records WHERE action = 'test.reliability_fired'`);
    assert.equal(a[0].n, TIMERS, 'one audit record per firing');
    await sealAudit(check);
    assert.ok((await verifyAudit(check)).ok, 'audit chain verifies');
    console.log(`# timers ${t.kind}: ${TIMERS} due timers, worker killed ${kills} × while firing, each fired exactly once`);
  } finally {
    await check.close();
  }
}

test('crash on PGlite: kill -9 during writes loses nothing acknowledged, numbers stay gap-free, the chain verifies', async () => {
  const t = pgliteTarget();
  try { await crashUnderLoad(t); } finally { await t.drop(); }
});

test('crash on PostgreSQL: kill -9 during writes loses nothing acknowledged, numbers stay gap-free, the chain verifies', { skip: !PG_URL && 'DATABASE_URL 未设置（此测试需要 PostgreSQL）' }, async () => {
  const t = await postgresTarget();
  try { await crashUnderLoad(t); } finally { await t.drop(); }
});

test('timers on PGlite: a worker killed while firing resumes and every timer fires exactly once', async () => {
  const t = pgliteTarget();
  try { await timersResume(t); } finally { await t.drop(); }
});

test('timers on PostgreSQL: a worker killed while firing resumes and every timer fires exactly once', { skip: !PG_URL && 'DATABASE_URL 未设置（此测试需要 PostgreSQL）' }, async () => {
  const t = await postgresTarget();
  const schema = /search_path%3D(\w+)/.exec(t.env.DATABASE_URL)![1];
  try { await timersResume(t, schema); } finally { await t.drop(); }
});
