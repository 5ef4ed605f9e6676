// The cost of a per-address rate-limit decision: in the process's memory (the embedded database) and
// in the shared PostgreSQL table every node uses (src/http/rate-limit.ts). Prints the time per decision
// one at a time (the latency a limited request pays) and with 16 at once (the throughput).
//
//   npm run bench -- rate-limit [--url postgres://…/zhengtong_bench] [--hits 20000]
import { randomBytes } from 'node:crypto';
import { openDb } from '../src/store/db.ts';
import { migrate } from '../src/store/migrate.ts';
import { RateLimiter, SharedRateLimiter, type RateCounter } from '../src/http/rate-limit.ts';
import { arg, DEFAULT_URL, load, say } from './_lib.ts';

const LIMIT = { max: 1_000_000_000, windowSeconds: 60 };

async function measure(name: string, counter: RateCounter, hits: number, parallel: number): Promise<void> {
  const keys = Array.from({ length: 500 }, (_, i) => `login 10.0.${i >> 8}.${i & 255}`);
  let next = 0;
  const t0 = process.hrtime.bigint();
  await Promise.all(Array.from({ length: parallel }, async () => {
    while (next < hits) await counter.hit(keys[next++ % keys.length], LIMIT);
  }));
  const us = Number(process.hrtime.bigint() - t0) / 1000 / hits;
  say(`${name.padEnd(28)} ${String(parallel).padStart(2)} at once: ${us.toFixed(1).padStart(7)} µs per decision (${Math.round(1e6 / us).toLocaleString('en')}/s)`);
}

export async function run(args: string[]) {
  const url = arg(args, 'url', process.env.BENCH_DATABASE_URL ?? DEFAULT_URL);
  const hits = Number(arg(args, 'hits', '20000'));
  const schema = `bench_rate_${randomBytes(4).toString('hex')}`;
  const db = await openDb({ url, schema, poolSize: 16 });
  try {
    await migrate(db);
    say(`# rate limit: ${hits.toLocaleString('en')} decisions over 500 addresses; load ${load()}`);
    const memory = new RateLimiter(() => Date.now());
    const shared = new SharedRateLimiter(db, () => new Date());
    await measure('in memory (embedded)', memory, hits, 1);
    await measure('PostgreSQL, unlogged table', shared, hits, 1);
    await measure('PostgreSQL, unlogged table', shared, hits, 16);
    await db.exec('ALTER TABLE rate_limit_windows SET LOGGED');
    await measure('PostgreSQL, logged table', shared, hits, 1);
    await measure('PostgreSQL, logged table', shared, hits, 16);
    say(`load ${load()}`);
  } finally {
    await db.query(`DROP SCHEMA ${schema} CASCADE`);
    await db.close();
  }
}
