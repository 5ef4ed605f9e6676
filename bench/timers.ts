// Durable timers at scale: 100,000 due timers fired by two worker processes (the worker every server
// process runs, src/jobs/timers.ts) on one PostgreSQL. Prints the rate and the firings counted
// (each timer must fire exactly once).
//
//   npm run bench -- timers [--url postgres://…/zhengtong_bench] [--timers 100000] [--processes 2]
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { openDb } from '../src/store/db.ts';
import { migrate } from '../src/store/migrate.ts';
import { arg, DEFAULT_URL, load, ROOT, say } from './_lib.ts';

export async function run(args: string[]) {
  const url = arg(args, 'url', process.env.BENCH_DATABASE_URL ?? DEFAULT_URL);
  const n = Number(arg(args, 'timers', '100000'));
  const procs = Number(arg(args, 'processes', '2'));
  const schema = `bench_timers_${randomBytes(4).toString('hex')}`;
  const db = await openDb({ url, schema, poolSize: 2 });
  try {
    await migrate(db);
    await db.exec(`CREATE TABLE timer_firings (key text NOT NULL, process int NOT NULL)`);
    await db.query(`INSERT INTO timers (tenant_id, kind, key, due_at, created_at)
                    SELECT 'wuwei', 'test.reliability', 'k' || g, now() - interval '1 minute', now() FROM generate_series(1, $1) g`, [n]);
    say(`# timers: ${n.toLocaleString('en')} due timers, ${procs} processes; load ${load()}`);
    const t0 = Date.now();
    const runs = Array.from({ length: procs }, () => new Promise<{ fired: number; readyAt: number }>((resolve, reject) => {
      const child = spawn(process.execPath, ['--import', 'tsx', 'test/reliability/_timer-worker.ts'], { cwd: ROOT, env: { ...process.env, DATABASE_URL: url, SCHEMA: schema } });
      let out = '';
      let readyAt = 0;
      child.stdout.on('data', (d) => { out += d; if (!readyAt && out.includes('ready')) readyAt = Date.now(); });
      child.stderr.on('data', (d) => (out += d));
      child.on('exit', (code) => (code === 0 ? resolve({ ...JSON.parse(out.trim().split('\n').pop()!), readyAt }) : reject(new Error(out))));
    }));
    const results = await Promise.all(runs);
    const end = Date.now();
    const firstReady = Math.min(...results.map((r) => r.readyAt));
    const { rows } = await db.query<{ n: number; keys: number; first: Date; last: Date }>(
      `SELECT count(*)::int AS n, count(DISTINCT key)::int AS keys FROM timer_firings`);
    const { rows: span } = await db.query<{ secs: number }>(`SELECT extract(epoch FROM max(fired_at) - min(fired_at))::float AS secs FROM timers`);
    const secs = span[0].secs;
    say(`fired ${rows[0].n.toLocaleString('en')} firings for ${rows[0].keys.toLocaleString('en')} timers (per process: ${results.map((r) => r.fired).join(' + ')}); ` +
      `${(n / secs).toFixed(0)} timers/s between first and last firing (${secs.toFixed(1)} s); wall ${((end - firstReady) / 1000).toFixed(1)} s from first worker ready ` +
      `(${((end - t0) / 1000).toFixed(1)} s with start-up); exactly once: ${rows[0].n === n && rows[0].keys === n ? 'yes' : 'NO'}; load ${load()}`);
    return { timers: n, firings: rows[0].n, distinct: rows[0].keys, perSecond: n / secs };
  } finally {
    await db.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await db.close();
  }
}
