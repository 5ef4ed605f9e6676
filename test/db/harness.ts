// Test databases: PGlite in memory by default, a PostgreSQL server when DATABASE_URL is set (each test
// database then lives in its own schema, dropped at the end). PGlite databases start from a snapshot
// (test/db/snapshots.ts): the migrated schema, or the demo seeded at a given moment.
import { randomBytes } from 'node:crypto';
import { openDb, type Db } from '../../src/store/db.ts';
import { migrate } from '../../src/store/migrate.ts';
import type { AppDeps, Clock } from '../../src/app/context.ts';
import { loadConfig, type Config } from '../../src/config.ts';
import { seedDemo } from '../../src/app/seed.ts';
import { pgliteSnapshot } from './snapshots.ts';

export const usingPostgres = () => Boolean(process.env.DATABASE_URL);

export interface TestDb {
  db: Db;
  close(): Promise<void>;
}

/** A fresh database with every migration applied; on PGlite, `from` gives another snapshot to start from. */
export async function openTestDb(from?: Blob): Promise<TestDb> {
  if (process.env.DATABASE_URL) {
    const schema = `t_${randomBytes(6).toString('hex')}`;
    const db = await openDb({ url: process.env.DATABASE_URL, schema, poolSize: 8 });
    await migrate(db);
    return {
      db,
      async close() {
        await db.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
        await db.close();
      },
    };
  }
  const db = await openDb({ dataDir: 'memory://', loadDataDir: from ?? await pgliteSnapshot({ seed: null }) });
  return { db, close: () => db.close() };
}

/** The PGlite snapshot of the Wuwei demo seeded at `now` (built on first use). */
export const seededSnapshot = (now: string): Promise<Blob> =>
  pgliteSnapshot({ seed: 'wuwei', now }, (db) => seedDemo({ db, clock: manualClock(now) }, 'wuwei').then(() => {}));

/** A fresh database with the Wuwei demo seeded at `now`: from the snapshot on PGlite, seeded here on PostgreSQL. */
export async function openSeededTestDb(now: string): Promise<TestDb> {
  if (!usingPostgres()) return openTestDb(await seededSnapshot(now));
  const t = await openTestDb();
  await seedDemo({ db: t.db, clock: manualClock(now) }, 'wuwei');
  return t;
}

/** A clock the test moves by hand. */
export function manualClock(start: string | Date): Clock & { set(d: string | Date): void; advance(ms: number): void } {
  let t = new Date(start).getTime();
  return {
    now: () => new Date(t),
    set: (d) => { t = new Date(d).getTime(); },
    advance: (ms) => { t += ms; },
  };
}

/** The settings of a test server: the defaults, with the demo's accounts usable as `npm start` (--demo) lets them. */
export function testConfig(overrides: Partial<Config> = {}): Config {
  return { ...loadConfig({}), demoSkipPasswordChange: true, ...overrides };
}

export function depsFor(db: Db, clock: Clock): AppDeps {
  return { db, clock };
}
