// The server's own health for the deployment's operators: event-loop delay, GC, memory, pool and the
// server time of each route, over a window a reset starts; the 平台管理员's alone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer } from './http-harness.ts';
import { usingPostgres } from './harness.ts';

test('运行状态: the 平台管理员 reads per-route server times, event-loop delay and memory; a reset starts a new window; no government role reads it', async () => {
  const s = await startTestServer();
  try {
    const platform = await s.login('platform-admin');
    const clerk = await s.login('office-clerk');
    for (let i = 0; i < 3; i++) {
      const r = await s.app.inject({ method: 'GET', url: '/api/v1/documents/workbench', headers: { cookie: clerk } });
      assert.equal(r.statusCode, 200);
    }
    const read = async () => {
      const r = await s.app.inject({ method: 'GET', url: '/api/v1/platform/runtime', headers: { cookie: platform } });
      assert.equal(r.statusCode, 200, r.body);
      return r.json();
    };
    const m = await read();
    const wb = m.routes.find((x: any) => x.route === 'GET /api/v1/documents/workbench');
    assert.ok(wb, 'the 工作台 route is timed');
    assert.equal(wb.count, 3);
    assert.equal(wb.errors, 0);
    assert.ok(wb.p50Ms > 0 && wb.p99Ms >= wb.p50Ms && wb.maxMs >= wb.p99Ms * 0.99, JSON.stringify(wb));
    assert.ok(m.memory.rssMb > 0 && m.memory.heapUsedMb > 0 && m.memory.rssMaxMb >= m.memory.rssMb);
    assert.ok(m.eventLoop.utilization >= 0 && m.eventLoop.utilization <= 1);
    assert.equal(m.database.kind, usingPostgres() ? 'postgres' : 'pglite');
    if (usingPostgres()) assert.ok(m.database.pool.acquired > 0 && m.database.pool.max > 0, JSON.stringify(m.database));
    else assert.equal(m.database.pool, null);
    const reset = await s.app.inject({ method: 'POST', url: '/api/v1/platform/runtime/reset', headers: { cookie: platform }, payload: { since: m.since } });
    assert.equal(reset.statusCode, 200, reset.body);
    // the old window again: someone has restarted it meanwhile, so nothing is wiped twice
    const again = await s.app.inject({ method: 'POST', url: '/api/v1/platform/runtime/reset', headers: { cookie: platform }, payload: { since: m.since } });
    assert.equal(again.statusCode, 409);
    assert.equal(again.json().code, 'REQUEST.CONFLICT');
    const after = await read();
    assert.equal(after.routes.find((x: any) => x.route === 'GET /api/v1/documents/workbench'), undefined, 'the new window has none of the old requests');
    assert.ok(new Date(after.since) >= new Date(m.since));
    for (const who of ['office-clerk', 'admin', 'secadmin', 'auditor', 'mayor']) {
      const c = await s.login(who);
      const r = await s.app.inject({ method: 'GET', url: '/api/v1/platform/runtime', headers: { cookie: c } });
      assert.equal(r.statusCode, 403, `${who} may not read the process's state`);
      assert.equal(r.json().code, 'AUTH.FORBIDDEN');
    }
  } finally { await s.close(); }
});

test('耗时查询排队: while the searches hold their share of the connections the 工作台 still answers; a search that waited too long gets 503 SERVER.BUSY with Retry-After', async () => {
  const { Bulkhead } = await import('../../src/app/ops/bulkhead.ts');
  const s = await startTestServer();
  try {
    s.deps.heavyReads = new Bulkhead(1, 100);
    const clerk = await s.login('office-clerk');
    const platform = await s.login('platform-admin');
    const get = (url: string, cookie = clerk) => s.app.inject({ method: 'GET', url: `/api/v1${url}`, headers: { cookie } });
    let release!: () => void;
    const held = s.deps.heavyReads.run(() => new Promise<void>((r) => { release = r; }));
    const busy = await get(`/search?q=${encodeURIComponent('通知')}`);
    assert.equal(busy.statusCode, 503, busy.body);
    assert.equal(busy.json().code, 'SERVER.BUSY');
    assert.equal(busy.headers['retry-after'], '2');
    const publicBusy = await s.app.inject({ method: 'GET', url: `/api/v1/public/search?q=${encodeURIComponent('通知')}` });
    assert.equal(publicBusy.json().code, 'SERVER.BUSY');
    assert.equal((await get('/documents/workbench')).statusCode, 200, 'the 工作台 is not behind the searches');
    assert.equal((await get('/documents?flow=incoming')).statusCode, 200, 'a register without a substring is not either');
    const m = (await get('/platform/runtime', platform)).json();
    assert.deepEqual(m.heavyReads, { slots: 1, active: 1, waiting: 0, waited: 2, refused: 2 });
    release(); await held;
    const found = await get(`/search?q=${encodeURIComponent('通知')}`);
    assert.equal(found.statusCode, 200, found.body);
  } finally {
    await s.close();
  }
});
