// The 公文交换 delivery worker as the server runs it (src/app/exchange/delivery.ts), until nothing is
// pending (or until killed). DATABASE_URL + SCHEMA, or ZHENGTONG_DATA_DIR for PGlite.
import { openDb } from '../../src/store/db.ts';
import { deliverOnePackage } from '../../src/app/exchange/delivery.ts';

const db = process.env.DATABASE_URL
  ? await openDb({ url: process.env.DATABASE_URL, schema: process.env.SCHEMA, poolSize: 4 })
  : await openDb({ dataDir: process.env.ZHENGTONG_DATA_DIR! });
const deps = { db, clock: { now: () => new Date() } };
let delivered = 0;
process.stdout.write('ready\n');
for (;;) {
  const r = await deliverOnePackage(deps);
  if (!r) break;
  if ('delivered' in r) delivered++;
}
await db.close();
process.stdout.write(JSON.stringify({ pid: process.pid, delivered }) + '\n');
