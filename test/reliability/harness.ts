// Reliability harness: the server as a separate process (killed with SIGKILL at will), an isolated
// database (a fresh PostgreSQL schema, or a fresh PGlite folder), and a write load through the API.
// RELIABILITY_SCALE=full runs the long version; CI runs the small one.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDb, type Db } from '../../src/store/db.ts';
import { login, startServer, type ServerProc } from '../../bench/_lib.ts';

export const FULL = process.env.RELIABILITY_SCALE === 'full';
export const PG_URL = process.env.DATABASE_URL;
export const PASSWORD = 'Zhengtong@2026';

export interface Target {
  kind: 'postgres' | 'pglite';
  /** environment for the server process */
  env: Record<string, string>;
  /** opens the same database from the test (only when no server holds a PGlite folder) */
  open(): Promise<Db>;
  drop(): Promise<void>;
}

export async function postgresTarget(): Promise<Target> {
  const schema = `rel_${randomBytes(5).toString('hex')}`;
  const admin = await openDb({ url: PG_URL!, poolSize: 1 });
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.close();
  const sep = PG_URL!.includes('?') ? '&' : '?';
  const url = `${PG_URL}${sep}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
  return {
    kind: 'postgres',
    env: { DATABASE_URL: url },
    open: () => openDb({ url: PG_URL!, schema, poolSize: 4 }),
    async drop() {
      const db = await openDb({ url: PG_URL!, poolSize: 1 });
      await db.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await db.close();
    },
  };
}

export function pgliteTarget(): Target {
  const dir = mkdtempSync(join(tmpdir(), 'zt-rel-'));
  return {
    kind: 'pglite',
    env: { ZHENGTONG_DATA_DIR: dir, DATABASE_URL: '' },
    open: () => openDb({ dataDir: dir }),
    async drop() { rmSync(dir, { recursive: true, force: true }); },
  };
}

export async function start(t: Target, extra: Record<string, string> = {}): Promise<ServerProc> {
  return startServer({ ...t.env, ...extra }, { timeoutMs: 180_000 });
}

export async function post(base: string, cookie: string, path: string, body: unknown): Promise<{ status: number; json: any }> {
  const r = await fetch(base + path, { method: 'POST', headers: { cookie, 'content-type': 'application/json' }, body: JSON.stringify(body), signal: AbortSignal.timeout(20_000) });
  const text = await r.text();
  let json: any = null;
  try { json = JSON.parse(text); } catch {}
  return { status: r.status, json };
}

export { login };

export const incomingBody = (n: string) => ({
  docType: '请示', title: `关于可靠性测试事项${n}的请示`, body: '妥否，请批示。', issuerName: '武威市教育局', issuerUnitId: 'unit-jyj',
  facts: { matters: ['可靠性测试'], principalRecipients: ['武威市人民政府'], submitterUnitId: 'unit-jyj' },
});
