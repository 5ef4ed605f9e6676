import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from './http-harness.ts';

let s: TestServer;
let cookie: string;
before(async () => { s = await startTestServer(); cookie = await s.login('office-clerk'); });
after(async () => { await s.close(); });

const absence = { personId: 'person-vmayor2', kind: 'business', from: '2026-03-09', to: '2026-03-11', destination: '兰州' };
const count = async () => (await s.t.db.query(`SELECT count(*)::int AS n FROM audit_records WHERE action LIKE '%absence%'`)).rows[0].n;

test('idempotency: a repeated submission with the same Idempotency-Key is answered once and acted on once', async () => {
  const before = await count();
  const headers = { cookie, 'idempotency-key': 'absence-20260309-vm2' };
  const first = await s.app.inject({ method: 'POST', url: '/api/v1/org/absences', headers, payload: absence });
  assert.equal(first.statusCode, 201, first.body);
  const second = await s.app.inject({ method: 'POST', url: '/api/v1/org/absences', headers, payload: absence });
  assert.equal(second.statusCode, 201);
  assert.equal(second.headers['idempotent-replayed'], 'true');
  assert.deepEqual(second.json(), first.json());
  assert.equal(await count(), before + 1);
});

test('idempotency: the same key with a different request body is refused as a duplicate, and nothing is recorded', async () => {
  const before = await count();
  const headers = { cookie, 'idempotency-key': 'absence-20260309-vm2' };
  const r = await s.app.inject({ method: 'POST', url: '/api/v1/org/absences', headers, payload: { ...absence, destination: '北京' } });
  assert.equal(await count(), before);
  assert.equal(r.statusCode, 409);
  assert.equal(r.json().code, 'REQUEST.DUPLICATE');
});

test('idempotency: a malformed key is a validation error', async () => {
  const r = await s.app.inject({ method: 'POST', url: '/api/v1/org/absences', headers: { cookie, 'idempotency-key': 'x' }, payload: absence });
  assert.equal(r.statusCode, 400);
});

test('idempotency: a key left pending by a request whose node or database went away is refused while fresh and taken over once abandoned (60 s)', async () => {
  const route = async (key: string) => {
    const from = key.includes('fresh') ? '2026-04-06' : '2026-04-13';
    const payload = { ...absence, from, to: from, destination: `天水-${key}` };
    return s.app.inject({ method: 'POST', url: '/api/v1/org/absences', headers: { cookie, 'idempotency-key': key }, payload });
  };
  // the first attempt's key as it stays when its answer could not be stored
  const pending = async (key: string, age: string) => {
    const first = await route(key);
    assert.equal(first.statusCode, 201, first.body);
    await s.t.db.query(`UPDATE idempotency_keys SET status = 0, response = 'null'::jsonb, created_at = now() - $2::interval WHERE key = $1`, [key, age]);
  };
  await pending('pending-fresh-0001', '5 seconds');
  const fresh = await route('pending-fresh-0001');
  assert.equal(fresh.statusCode, 409);
  assert.equal(fresh.json().code, 'REQUEST.DUPLICATE');
  await pending('pending-stale-0001', '2 minutes');
  const before = await count();
  const taken = await route('pending-stale-0001');
  // acted on again: the absence it recorded the first time is there, so the repeat meets the rule
  // against overlapping absences instead of acting twice
  assert.ok(taken.statusCode < 500, taken.body);
  assert.notEqual(taken.json().code, 'REQUEST.DUPLICATE', `an abandoned key is taken over: ${taken.body}`);
  assert.equal(await count(), before, 'and nothing was recorded twice');
  const replay = await route('pending-stale-0001');
  assert.equal(replay.headers['idempotent-replayed'], 'true', 'and its new answer is the one repeated');
  assert.equal(replay.statusCode, taken.statusCode);
});
