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
