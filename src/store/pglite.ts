import { PGlite, types } from '@electric-sql/pglite';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { AppError } from '../errors/index.ts';
import type { Db, Queryable, QueryResult } from './db.ts';
import { currentTenant, tenantStatement } from './scope.ts';

const parsers = {
  [types.INT8]: (v: string) => Number(v),
  [types.DATE]: (v: string) => v,
  [types.NUMERIC]: (v: string) => Number(v),
};

/**
 * Two processes on one PGlite folder lose data silently, so the folder is locked with a file holding
 * the owner's pid; a second process is refused with STORE.FOLDER_LOCKED. A lock left by a dead process
 * is taken over.
 */
function lockFolder(dir: string): () => void {
  mkdirSync(dir, { recursive: true });
  const lockPath = join(dir, 'zhengtong.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockPath, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        try {
          if (readFileSync(lockPath, 'utf8') === String(process.pid)) unlinkSync(lockPath);
        } catch {}
      };
      process.once('exit', release);
      return release;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const owner = Number(readFileSync(lockPath, 'utf8').trim());
      if (owner && owner !== process.pid && isAlive(owner)) {
        throw new AppError('STORE.FOLDER_LOCKED', {
          message: `数据目录 ${resolve(dir)} 已被进程 ${owner} 占用：同一数据目录不能由两个政通进程同时打开`,
          details: { dataDir: resolve(dir), pid: owner },
        });
      }
      try { unlinkSync(lockPath); } catch {}
    }
  }
  throw new AppError('STORE.FOLDER_LOCKED', { details: { dataDir: resolve(dir) } });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function wrap(q: { query: PGlite['query']; exec: PGlite['exec'] }): Queryable {
  return {
    async query<T>(sql: string, params: unknown[] = []): Promise<QueryResult<T>> {
      const r = await q.query<T>(sql, params as any[], { parsers });
      return { rows: r.rows, rowCount: r.affectedRows ?? r.rows.length };
    },
    async exec(sql: string) {
      await q.exec(sql);
    },
  };
}

export async function openPglite(dataDir: string, opts: { loadDataDir?: Blob | File } = {}): Promise<Db> {
  const memory = dataDir.startsWith('memory://');
  const release = memory ? () => {} : lockFolder(dataDir);
  if (!memory && !existsSync(dataDir)) mkdirSync(dataDir, { recursive: true });
  let pg: PGlite;
  try {
    pg = await PGlite.create(memory ? undefined : resolve(dataDir), { loadDataDir: opts.loadDataDir });
  } catch (err) {
    release();
    throw err;
  }
  const base = wrap(pg);
  // PGlite runs one transaction at a time; queue transactions so concurrent requests wait their turn.
  let queue: Promise<unknown> = Promise.resolve();
  const db = {
    kind: 'pglite',
    // inside a tenant scope a lone statement is a transaction of its own, so that it is confined too
    query: <T>(sql: string, params?: unknown[]) => (currentTenant() ? db.transaction((tx) => tx.query<T>(sql, params)) : base.query<T>(sql, params)),
    exec: (sql: string) => (currentTenant() ? db.transaction((tx) => tx.exec(sql)) : base.exec(sql)),
    transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
      const tenant = currentTenant();
      const run = queue.then(() => pg.transaction(async (raw) => {
        const tx = wrap(raw as any);
        if (tenant) {
          const s = tenantStatement(tenant);
          await tx.query(s.sql, s.params);
        }
        return fn(tx);
      }));
      queue = run.catch(() => {});
      return run as Promise<T>;
    },
    async close() {
      await queue;
      await pg.close();
      release();
    },
    async listen(channel: string, fn: (payload: string) => void) {
      const stop = await pg.listen(channel, fn);
      return async () => { await stop(); };
    },
    // exposed for fast test fixtures
    dumpDataDir: () => pg.dumpDataDir('none'),
  } as Db & { dumpDataDir: () => Promise<File | Blob> };
  return db;
}
