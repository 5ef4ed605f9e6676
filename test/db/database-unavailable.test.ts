// The database going away under a request (connection reset, administrator shutdown, a standby that
// cannot take writes during a failover) is answered with 503 STORE.UNAVAILABLE and Retry-After, in the
// error shape and in Chinese, never as a 500; /healthz (the process) stays up while /readyz (the
// database reachable and writable) says 503. The failure is simulated by a database whose every
// statement fails with the driver's error, as node-postgres reports it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from './http-harness.ts';
import type { Db } from '../../src/store/db.ts';

let s: TestServer;
let cookie: string;
before(async () => { s = await startTestServer(); cookie = await s.login('office-clerk'); });
after(async () => { await s.close(); });

/** Runs fn while every statement of the server's database fails with `err`. */
async function whileFailing<T>(err: Error, fn: () => Promise<T>): Promise<T> {
  const db = s.deps.db as Db & Record<string, unknown>;
  const saved = { query: db.query, exec: db.exec, transaction: db.transaction };
  db.query = async () => { throw err; };
  db.exec = async () => { throw err; };
  db.transaction = async () => { throw err; };
  try { return await fn(); } finally { Object.assign(db, saved); }
}

const failures: [string, Error][] = [
  ['57P01 admin shutdown', Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' })],
  ['25006 read-only standby', Object.assign(new Error('cannot execute INSERT in a read-only transaction'), { code: '25006' })],
  ['08006 connection failure', Object.assign(new Error('connection failure'), { code: '08006' })],
  ['ECONNRESET', Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' })],
  ['ECONNREFUSED', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:55432'), { code: 'ECONNREFUSED' })],
  ['connection ended', new Error('Connection terminated unexpectedly')],
];

test('/healthz says the process is up and /readyz that the database takes writes', async () => {
  const h = await s.app.inject({ method: 'GET', url: '/healthz' });
  assert.equal(h.statusCode, 200);
  const r = await s.app.inject({ method: 'GET', url: '/readyz' });
  assert.equal(r.statusCode, 200, r.body);
  assert.equal(r.json().status, 'ready');
});

for (const [name, err] of failures) {
  test(`database unavailable (${name}): a write and a read get 503 STORE.UNAVAILABLE with Retry-After; /healthz 200, /readyz 503`, async () => {
    const before = (await s.deps.db.query('SELECT count(*)::int AS n FROM audit_records')).rows[0].n;
    await whileFailing(err, async () => {
      const w = await s.app.inject({ method: 'POST', url: '/api/v1/org/absences', headers: { cookie },
        payload: { personId: 'person-vmayor2', kind: 'business', from: '2026-03-09', to: '2026-03-11', destination: '兰州' } });
      const login = await s.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { login: 'office-clerk', password: 'Zhengtong@2026' } });
      const read = await s.app.inject({ method: 'GET', url: '/api/v1/documents', headers: { cookie } });
      for (const r of [w, login, read]) {
        assert.equal(r.statusCode, 503, r.body);
        assert.equal(r.headers['retry-after'], '2');
        const b = r.json();
        assert.equal(b.code, 'STORE.UNAVAILABLE');
        assert.match(b.message, /数据库暂时不可用.*请稍后重试/);
        assert.deepEqual(b.violations, []);
      }
      assert.equal((await s.app.inject({ method: 'GET', url: '/healthz' })).statusCode, 200);
      const ready = await s.app.inject({ method: 'GET', url: '/readyz' });
      assert.equal(ready.statusCode, 503);
      assert.equal(ready.json().code, 'STORE.UNAVAILABLE');
    });
    assert.equal((await s.deps.db.query('SELECT count(*)::int AS n FROM audit_records')).rows[0].n, before, 'nothing was recorded');
    assert.equal((await s.app.inject({ method: 'GET', url: '/readyz' })).statusCode, 200, 'ready again once the database is back');
  });
}

test('/readyz is 503 on a standby or a read-only session, and says which', async () => {
  const db = s.deps.db as Db & Record<string, unknown>;
  const saved = db.transaction;
  for (const [row, reason] of [[{ standby: true, ro: 'on' }, 'standby'], [{ standby: false, ro: 'on' }, 'read_only']] as const) {
    db.transaction = (async () => ({ rows: [row], rowCount: 1 })) as any;
    try {
      const r = await s.app.inject({ method: 'GET', url: '/readyz' });
      assert.equal(r.statusCode, 503);
      assert.deepEqual([r.json().code, r.json().details.reason, r.headers['retry-after']], ['STORE.UNAVAILABLE', reason, '2']);
    } finally { db.transaction = saved; }
  }
});

test('an error that is not the database going away stays a 500 INTERNAL (not mistaken for a retryable one)', async () => {
  const err = Object.assign(new Error('relation "x" does not exist'), { code: '42P01' });
  await whileFailing(err, async () => {
    const r = await s.app.inject({ method: 'GET', url: '/api/v1/documents', headers: { cookie } });
    assert.equal(r.statusCode, 500);
    assert.equal(r.json().code, 'INTERNAL');
    assert.equal(r.headers['retry-after'], undefined);
  });
});

test('PostgreSQL: a write whose connection is terminated mid-flight (57P01, pg_terminate_backend while it waits for a row lock) is answered 503 STORE.UNAVAILABLE, changes nothing, and the next request is served on a new connection',
  { skip: !process.env.DATABASE_URL && '需要 DATABASE_URL（PostgreSQL）' }, async () => {
    const db = s.deps.db;
    const { rows: docs } = await db.query<{ id: string; version: number }>(
      `SELECT id, version FROM documents WHERE state = 'handling' AND flow = 'incoming' ORDER BY id LIMIT 1`);
    const doc = docs[0];
    assert.ok(doc, 'the demo has a document in 承办');
    // another session holds the document's row lock, so the request's transaction waits inside PostgreSQL
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let lockedBy = 0;
    const locked = new Promise<void>((ready) => {
      void db.transaction(async (tx) => {
        lockedBy = (await tx.query<{ p: number }>('SELECT pg_backend_pid() AS p')).rows[0].p;
        await tx.query('SELECT 1 FROM documents WHERE id = $1 FOR UPDATE', [doc.id]);
        ready();
        await held;
      });
    });
    await locked;
    const request = s.app.inject({ method: 'POST', url: `/api/v1/documents/${doc.id}/handling-reports`, headers: { cookie },
      payload: { kind: 'progress', text: '连接中断测试', version: doc.version } });
    let waiting: number | undefined;
    for (let i = 0; i < 200 && !waiting; i++) {
      waiting = (await db.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE $1 = ANY(pg_blocking_pids(pid))', [lockedBy])).rows[0]?.pid;
      if (!waiting) await new Promise((r) => setTimeout(r, 25));
    }
    assert.ok(waiting, 'the request waits for the row lock');
    await db.query('SELECT pg_terminate_backend($1)', [waiting]);
    const r = await request;
    release();
    assert.equal(r.statusCode, 503, r.body);
    assert.equal(r.json().code, 'STORE.UNAVAILABLE');
    assert.equal(r.headers['retry-after'], '2');
    const after = (await db.query<{ version: number }>('SELECT version FROM documents WHERE id = $1', [doc.id])).rows[0];
    assert.equal(after.version, doc.version, 'nothing was written');
    const again = await s.app.inject({ method: 'POST', url: `/api/v1/documents/${doc.id}/handling-reports`, headers: { cookie },
      payload: { kind: 'progress', text: '连接恢复后重试', version: doc.version } });
    assert.equal(again.statusCode, 200, again.body);
  });
