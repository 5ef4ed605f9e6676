// Database snapshots for the tests on PGlite: a migrated database, and one with the Wuwei demo seeded
// at a given moment, each built once and kept as a PGlite data-folder dump under
// node_modules/.cache/zhengtong-test (ZHENGTONG_TEST_CACHE to move it). A test database starts from a
// copy of the dump (≈1 s) instead of initdb + migrations + demo data (≈8 s). The file name is a hash of
// everything that could change the database's content: src/ (migrations, seeders, use cases), demo/,
// packs/, calendar/ and package-lock.json (the PGlite version), plus the seed and its moment. A change to
// any of them gives a new name, so a stale snapshot is never used. Files are written to a temporary name
// and renamed, so parallel test processes never read half a file.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openDb, type Db } from '../../src/store/db.ts';
import { migrate } from '../../src/store/migrate.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const INPUTS = ['src', 'demo', 'packs', 'calendar', 'package-lock.json'];

export const snapshotDir = (): string => process.env.ZHENGTONG_TEST_CACHE ?? join(ROOT, 'node_modules', '.cache', 'zhengtong-test');

let inputsHash: string | null = null;

/** sha256 over the path and content of every file that can change what a snapshot holds. */
export function snapshotInputsHash(): string {
  if (inputsHash) return inputsHash;
  const h = createHash('sha256');
  const visit = (rel: string) => {
    const abs = join(ROOT, rel);
    if (!existsSync(abs)) return;
    if (statSync(abs).isDirectory()) {
      for (const name of readdirSync(abs).sort()) {
        if (name === 'node_modules' || name.endsWith('.test.ts')) continue;
        visit(join(rel, name));
      }
      return;
    }
    h.update(rel).update('\0').update(readFileSync(abs)).update('\0');
  };
  INPUTS.forEach(visit);
  inputsHash = h.digest('hex');
  return inputsHash;
}

/** What a snapshot holds: the migrated schema alone, or the demo of a government seeded at `now`. */
export type SnapshotKind = { seed: null } | { seed: string; now: string };

function snapshotName(kind: SnapshotKind): string {
  const label = kind.seed === null ? 'migrated' : `${kind.seed}-${new Date(kind.now).toISOString()}`;
  return createHash('sha256').update(snapshotInputsHash()).update('\0').update(label).digest('hex').slice(0, 24) + '.tar';
}

const memo = new Map<string, Promise<Blob>>();

/**
 * The dump for `kind`, from this process's memory, else the cache folder, else built now (and saved).
 * `build` fills a freshly migrated database (for seeded kinds).
 */
export function pgliteSnapshot(kind: SnapshotKind, build?: (db: Db) => Promise<void>): Promise<Blob> {
  const name = snapshotName(kind);
  let p = memo.get(name);
  if (!p) {
    p = loadOrBuild(name, kind, build);
    memo.set(name, p);
    p.catch(() => memo.delete(name));
  }
  return p;
}

async function loadOrBuild(name: string, kind: SnapshotKind, build?: (db: Db) => Promise<void>): Promise<Blob> {
  const file = join(snapshotDir(), name);
  if (existsSync(file)) return new Blob([readFileSync(file)]);
  let db: Db;
  if (kind.seed === null) {
    db = await openDb({ dataDir: 'memory://' });
    await migrate(db);
  } else {
    if (!build) throw new Error(`snapshot ${kind.seed}@${kind.now} is not cached and no builder was given`);
    db = await openDb({ dataDir: 'memory://', loadDataDir: await pgliteSnapshot({ seed: null }) });
    await build(db);
  }
  const dump: Blob = await (db as unknown as { dumpDataDir(c?: 'none'): Promise<Blob> }).dumpDataDir('none');
  await db.close();
  try {
    mkdirSync(snapshotDir(), { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, Buffer.from(await dump.arrayBuffer()));
    renameSync(tmp, file);
  } catch {
    // a read-only or full disk only costs speed: the dump stays in this process's memory
  }
  return dump;
}
