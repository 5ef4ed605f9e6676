// Two server processes on one PostgreSQL: concurrent transitions on the same documents through both
// (optimistic concurrency: each request names the version it read; a stale one is refused with
// REQUEST.CONFLICT), and due timers fired by two workers exactly once. PostgreSQL only.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { sealAudit, verifyAudit } from '../../src/app/audit/chain.ts';
import { migrate } from '../../src/store/migrate.ts';
import { FULL, PASSWORD, PG_URL, login, post, postgresTarget, start } from './harness.ts';

const ATTEMPTS = FULL ? 4000 : 200;
const TIMERS = FULL ? 10_000 : 500;
const skip = !PG_URL && 'DATABASE_URL 未设置（此测试需要 PostgreSQL）';

test('two processes, same documents: no lost update (every accepted transition counted once, stale ones refused)', { skip }, async () => {
  const t = await postgresTarget();
  const a = await start(t);
  const b = await start(t);
  try {
    const servers = [a, b];
    const cookies = [await login(a.base, 'office-clerk', PASSWORD), await login(b.base, 'office-clerk', PASSWORD)];
    const db = await t.open();
    const { rows: docs } = await db.query<{ id: string; version: number }>(
      `SELECT id, version FROM documents WHERE state = 'handling' AND flow = 'incoming' ORDER BY id LIMIT 3`);
    assert.ok(docs.length > 0, 'the demo has documents in 承办');
    const start0 = new Map(docs.map((d) => [d.id, d.version]));
    const ok = new Map<string, number>(docs.map((d) => [d.id, 0]));
    let conflicts = 0, other = 0, sent = 0;
    const client = async (c: number) => {
      const s = servers[c % 2], cookie = cookies[c % 2];
      while (sent < ATTEMPTS) {
        sent++;
        const id = docs[sent % docs.length].id;
        const g = await fetch(`${s.base}/api/v1/documents/${id}`, { headers: { cookie } });
        const version = (await g.json()).document.version;
        const r = await post(s.base, cookie, `/api/v1/documents/${id}/handling-reports`, { kind: 'progress', text: `进展 ${c}-${sent}`, version });
        if (r.status === 200) ok.set(id, ok.get(id)! + 1);
        else if (r.status === 409 && r.json?.code === 'REQUEST.CONFLICT') conflicts++;
        else other++;
      }
    };
    await Promise.all(Array.from({ length: 8 }, (_, c) => client(c)));
    assert.equal(other, 0, 'only successes and conflicts');
    for (const d of docs) {
      const { rows } = await db.query<{ version: number; events: number; audited: number }>(
        `SELECT d.version, (SELECT count(*)::int FROM document_events e WHERE e.document_id = d.id AND e.action = 'progress_reported' AND e.label LIKE '%进展 %') AS events,
                (SELECT count(*)::int FROM audit_records r WHERE r.object_id = d.id AND r.action = 'document.progress_reported' AND r.payload->>'label' LIKE '%进展 %') AS audited
           FROM documents d WHERE d.id = $1`, [d.id]);
      assert.equal(rows[0].version - start0.get(d.id)!, ok.get(d.id), `${d.id}: version advanced once per accepted transition`);
      assert.equal(rows[0].events, ok.get(d.id), `${d.id}: one trail line per accepted transition`);
      assert.equal(rows[0].audited, ok.get(d.id), `${d.id}: one audit record per accepted transition`);
    }
    await sealAudit(db);
    assert.ok((await verifyAudit(db)).ok);
    await db.close();
    const accepted = [...ok.values()].reduce((x, y) => x + y, 0);
    console.log(`# two processes: ${sent} transitions on ${docs.length} documents, ${accepted} accepted, ${conflicts} refused as stale, 0 lost`);
  } finally {
    await a.stop();
    await b.stop();
    await t.drop();
  }
});

test('two processes fire due timers exactly once', { skip }, async () => {
  const t = await postgresTarget();
  const schema = /search_path%3D(\w+)/.exec(t.env.DATABASE_URL)![1];
  const db = await t.open();
  try {
    await migrate(db);
    await db.exec(`CREATE TABLE timer_firings (key text NOT NULL, process int NOT NULL)`);
    await db.query(`INSERT INTO timers (tenant_id, kind, key, due_at, created_at)
                    SELECT 'wuwei', 'test.reliability', 'k' || g, now() - interval '1 minute', now() FROM generate_series(1, $1) g`, [TIMERS]);
    const root = fileURLToPath(new URL('../../', import.meta.url));
    const run = () => new Promise<{ fired: number }>((resolve, reject) => {
      const child = spawn(process.execPath, ['--import', 'tsx', 'test/reliability/_timer-worker.ts'], { cwd: root, env: { ...process.env, DATABASE_URL: PG_URL!, SCHEMA: schema } });
      let out = '';
      child.stdout.on('data', (d) => (out += d));
      child.stderr.on('data', (d) => (out += d));
      child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out.trim().split('\n').pop()!)) : reject(new Error(out))));
    });
    const t0 = Date.now();
    const r = await Promise.all([run(), run()]);
    const secs = (Date.now() - t0) / 1000;
    const { rows } = await db.query<{ n: number; keys: number }>(`SELECT count(*)::int AS n, count(DISTINCT key)::int AS keys FROM timer_firings`);
    assert.deepEqual([rows[0].n, rows[0].keys], [TIMERS, TIMERS], 'each fired exactly once');
    assert.equal(r[0].fired + r[1].fired, TIMERS);
    console.log(`# two processes: ${TIMERS} timers fired exactly once (${r[0].fired} + ${r[1].fired}) in ${secs.toFixed(1)} s including start-up`);
  } finally {
    await db.close();
    await t.drop();
  }
});
