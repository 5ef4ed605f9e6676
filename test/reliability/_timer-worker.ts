// A timer worker as the server runs it (src/jobs/timers.ts), with a test kind whose handler records its
// effect in the claiming transaction: a row per firing and an audit record. Runs until nothing is
// pending (or until killed). DATABASE_URL + SCHEMA, or ZHENGTONG_DATA_DIR for PGlite.
import { openDb } from '../../src/store/db.ts';
import { registerTimerKind, startTimerWorker } from '../../src/jobs/timers.ts';

const db = process.env.DATABASE_URL
  ? await openDb({ url: process.env.DATABASE_URL, schema: process.env.SCHEMA, poolSize: 4 })
  : await openDb({ dataDir: process.env.ZHENGTONG_DATA_DIR! });
const deps = { db, clock: { now: () => new Date() } };
let fired = 0;
registerTimerKind('test.reliability', async (ctx, timer) => {
  await ctx.tx.query('INSERT INTO timer_firings (key, process) VALUES ($1, $2)', [timer.key, process.pid]);
  await ctx.audit({ action: 'test.reliability_fired', objectType: 'test', objectId: timer.key });
  fired++;
});
const worker = startTimerWorker(deps, { pollMs: 10 });
process.stdout.write('ready\n');
for (;;) {
  await new Promise((r) => setTimeout(r, 100));
  const { rows } = await db.query(`SELECT count(*)::int AS n FROM timers WHERE fired_at IS NULL AND kind = 'test.reliability'`);
  if (rows[0].n === 0) break;
}
await worker.stop();
await db.close();
process.stdout.write(JSON.stringify({ pid: process.pid, fired }) + '\n');
