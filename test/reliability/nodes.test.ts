// Several server nodes on one PostgreSQL, as behind a load balancer: whatever node a request reaches,
// a session opened on another is valid there and a logout there ends it everywhere; failed logins
// count towards one lockout; the per-address login limit is one budget for all nodes; a retry with the
// same Idempotency-Key sent to another node is answered with the first answer and acted on once; a node
// given a host list whose first host is down finds the primary by itself. The audit chain written by
// all of them verifies. PostgreSQL only.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sealAudit, verifyAudit } from '../../src/app/audit/chain.ts';
import { PASSWORD, PG_URL, postgresTarget, start } from './harness.ts';

const skip = !PG_URL && 'DATABASE_URL 未设置（此测试需要 PostgreSQL）';
const LOGIN_LIMIT = 12;

async function loginAt(base: string, login: string, password: string) {
  const r = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login, password }) });
  const cookie = r.headers.getSetCookie().find((x) => x.startsWith('zt_session='))?.split(';')[0];
  return { status: r.status, body: await r.json() as any, cookie, retryAfter: r.headers.get('retry-after') };
}

test('nodes on one PostgreSQL share sessions, lockout, the login limit and Idempotency-Key answers; a host list with a dead first host still finds the primary', { skip }, async () => {
  const t = await postgresTarget();
  const env = { ZHENGTONG_RATE_LIMIT_LOGIN: `${LOGIN_LIMIT}/600`, ZHENGTONG_LOCKOUT_THRESHOLD: '5' };
  const a = await start(t, env);
  const b = await start(t, env);
  let c: Awaited<ReturnType<typeof start>> | null = null;
  try {
    let logins = 0;
    const at = (n: { base: string }, login: string, password = PASSWORD) => { logins++; return loginAt(n.base, login, password); };

    // a session opened on A is valid on B; logging out on B ends it on A
    const s = await at(a, 'office-clerk');
    assert.equal(s.status, 200);
    const meB = await fetch(`${b.base}/api/v1/auth/me`, { headers: { cookie: s.cookie! } });
    assert.equal(meB.status, 200, 'the session of node A is valid on node B');
    assert.equal((await fetch(`${b.base}/api/v1/auth/logout`, { method: 'POST', headers: { cookie: s.cookie! } })).status, 200);
    assert.equal((await fetch(`${a.base}/api/v1/auth/me`, { headers: { cookie: s.cookie! } })).status, 401, 'ended on node A too');

    // failed logins alternate between the nodes and lock the account at the threshold
    const wrong: number[] = [];
    for (let i = 0; i < 5; i++) wrong.push((await at(i % 2 ? b : a, 'jyj-clerk', 'wrong-password-1')).status);
    assert.deepEqual(wrong, [401, 401, 401, 401, 423], 'the fifth failure, on either node, locks');
    const locked = await at(b, 'jyj-clerk');
    assert.equal(locked.status, 423);
    assert.equal(locked.body.code, 'AUTH.LOCKED', 'the right password is refused on the other node while locked');

    // one login budget per address for all nodes together
    const statuses: number[] = [];
    while (logins < LOGIN_LIMIT) statuses.push((await at(logins % 2 ? a : b, 'office-sec')).status);
    assert.ok(statuses.every((x) => x === 200), `logins within the limit pass: ${statuses}`);
    for (const n of [a, b]) {
      const over = await loginAt(n.base, 'office-sec', PASSWORD);
      assert.equal(over.status, 429, `the ${LOGIN_LIMIT + 1}th login from this address is refused on every node`);
      assert.equal(over.body.code, 'REQUEST.RATE_LIMITED');
      assert.ok(Number(over.retryAfter) > 0);
    }

    // Idempotency-Key: a retry sent to the other node is answered with the first answer, acted on once
    const cookie = (await loginAt(a.base, 'office-clerk', PASSWORD)).cookie; // refused: over the limit
    assert.equal(cookie, undefined);
    const db = await t.open();
    await db.query('DELETE FROM rate_limit_windows');
    const clerk = (await loginAt(a.base, 'office-clerk', PASSWORD)).cookie!;
    const absence = { personId: 'person-vmayor2', kind: 'business', from: '2026-05-11', to: '2026-05-12', destination: '兰州' };
    const send = (n: { base: string }) => fetch(`${n.base}/api/v1/org/absences`, {
      method: 'POST', headers: { cookie: clerk, 'content-type': 'application/json', 'idempotency-key': 'nodes-absence-0511' }, body: JSON.stringify(absence) });
    const first = await send(a);
    const firstBody = await first.json();
    assert.equal(first.status, 201, JSON.stringify(firstBody));
    const retry = await send(b);
    assert.equal(retry.status, 201);
    assert.equal(retry.headers.get('idempotent-replayed'), 'true', 'node B answers with node A\'s answer');
    assert.deepEqual(await retry.json(), firstBody);
    const { rows: recorded } = await db.query(`SELECT count(*)::int AS n FROM audit_records WHERE action LIKE '%absence%' AND payload::text LIKE '%2026-05-11%'`);
    assert.equal(recorded[0].n, 1, 'acted on once');

    // a third node given the hosts as a list, the first one down, finds the primary
    const [, rest] = /^postgres:\/\/[^@]*@[^/]+(\/.*)$/.exec(t.env.DATABASE_URL)!;
    const user = /^postgres:\/\/([^@]*)@/.exec(t.env.DATABASE_URL)![1];
    const hostPort = /@([^/]+)\//.exec(t.env.DATABASE_URL)![1];
    c = await start(t, { ...env, DATABASE_URL: `postgres://${user}@127.0.0.1:1,${hostPort}${rest}&target_session_attrs=read-write` });
    assert.equal((await fetch(`${c.base}/readyz`)).status, 200);
    assert.equal((await fetch(`${c.base}/api/v1/auth/me`, { headers: { cookie: clerk } })).status, 200, 'and serves the same sessions');

    await sealAudit(db);
    const v = await verifyAudit(db);
    assert.ok(v.ok, JSON.stringify(v));
    await db.close();
    console.log(`# nodes: 2 nodes + 1 with a host list; session, logout, lockout (5 failures across nodes), login limit ${LOGIN_LIMIT}/600 shared, Idempotency-Key replayed across nodes; audit chain verified (${v.verified} records)`);
  } finally {
    await c?.stop();
    await a.stop();
    await b.stop();
    await t.drop();
  }
});
