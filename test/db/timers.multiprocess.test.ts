// Exactly once across processes: two server processes on one PostgreSQL claim the same due timers;
// every timer fires once (one effect each), none twice, none lost. PostgreSQL only (PGlite is one
// process by design): skipped without DATABASE_URL.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { openDb } from '../../src/store/db.ts';
import { migrate } from '../../src/store/migrate.ts';

const url = process.env.DATABASE_URL;
const TIMERS = 400;

// Each child is a worker as the server runs it: a registered kind whose handler writes its effect in
// the claiming transaction (an audit record, and a row counting firings per process).
const WORKER = `
  import { openDb } from './src/store/db.ts';
  import { registerTimerKind, startTimerWorker } from './src/jobs/timers.ts';
  const db = await openDb({ url: process.env.DATABASE_URL, schema: process.env.SCHEMA, poolSize: 4 });
  const deps = { db, clock: { now: () => new Date() } };
  let fired = 0;
  registerTimerKind('test.multi', async (ctx, timer) => {
    await ctx.tx.query('INSERT INTO timer_firings (key, process) VALUES ($1, $2)', [timer.key, process.pid]);
    await ctx.audit({ action: 'test.multi_fired', objectType: 'test', objectId: timer.key });
    fired++;
  });
  const worker = startTimerWorker(deps, { pollMs: 20 });
  // run until nothing has been pending for a moment
  for (;;) {
    await new Promise((r) => setTimeout(r, 200));
    const { rows } = await db.query('SELECT count(*)::int AS n FROM timers WHERE fired_at IS NULL');
    if (rows[0].n === 0) break;
  }
  await worker.stop();
  await db.close();
  process.stdout.write(JSON.stringify({ pid: process.pid, fired }));
`;

function runWorker(schema: string): Promise<{ pid: number; fired: number }> {
  const root = fileURLToPath(new URL('../../', import.meta.url));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', WORKER], {
      cwd: root,
      env: { ...process.env, SCHEMA: schema },
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`worker exited ${code}: ${err}`))));
  });
}

test('two server processes on one PostgreSQL fire every due timer exactly once', { skip: !url && 'DATABASE_URL 未设置（此测试需要 PostgreSQL）' }, async () => {
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const db = await openDb({ url: url!, schema, poolSize: 4 });
  try {
    await migrate(db);
    await db.exec(`CREATE TABLE timer_firings (key text NOT NULL, process int NOT NULL)`);
    await db.query(
      `INSERT INTO timers (tenant_id, kind, key, due_at, created_at)
       SELECT 'wuwei', 'test.multi', 'k' || g, now() - interval '1 minute', now() FROM generate_series(1, $1) g`,
      [TIMERS],
    );
    const results = await Promise.all([runWorker(schema), runWorker(schema)]);
    const { rows: per } = await db.query(`SELECT key, count(*)::int AS n FROM timer_firings GROUP BY key`);
    assert.equal(per.length, TIMERS, 'every timer fired');
    assert.deepEqual(per.filter((r: any) => r.n !== 1), [], 'none fired twice');
    assert.equal(results[0].fired + results[1].fired, TIMERS);
    const { rows: audit } = await db.query(`SELECT count(*)::int AS n, count(DISTINCT object_id)::int AS d FROM audit_records WHERE action = 'test.multi_fired'`);
    assert.deepEqual([audit[0].n, audit[0].d], [TIMERS, TIMERS]);
    const { rows: pending } = await db.query(`SELECT count(*)::int AS n FROM timers WHERE fired_at IS NULL OR attempts <> 1`);
    assert.equal(pending[0].n, 0);
    console.log(`# firings per process: ${results.map((r) => r.fired).join(' + ')} = ${TIMERS}`);
  } finally {
    await db.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await db.close();
  }
});
