// The supervision board and the performance drill-down a page at a time (第八十六条, 第五十条), against the
// Wuwei demo: pages add up to the whole board, counts cover every item, and a group's items are those it counts.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from './http-harness.ts';

let s: TestServer;
let clerk: string;
before(async () => {
  s = await startTestServer({ now: '2026-03-02T09:00:00+08:00' });
  clerk = await s.login('office-clerk');
});
after(async () => { await s.close(); });

const get = async (url: string) => {
  const r = await s.app.inject({ method: 'GET', url: `/api/v1${url}`, headers: { cookie: clerk } });
  assert.equal(r.statusCode, 200, r.body);
  return r.json();
};

test('第八十六条: the board pages through every item once, with per-stage, overdue and due-soon counts over all items', async () => {
  const all = await get('/supervision/items?limit=1000');
  assert.ok(all.items.length >= 3);
  assert.equal(all.total, all.items.length);
  const pages: any[] = [];
  for (let offset = 0; offset < all.total; offset += 2) pages.push(...(await get(`/supervision/items?limit=2&offset=${offset}`)).items);
  assert.deepEqual(pages.map((i) => i.id), all.items.map((i: any) => i.id));
  for (const [stage, n] of Object.entries(all.counts)) {
    assert.equal(n, all.items.filter((i: any) => i.stage === stage).length, stage);
    const only = await get(`/supervision/items?stage=${stage}&limit=1000`);
    assert.equal(only.total, n);
    assert.ok(only.items.every((i: any) => i.stage === stage));
  }
  assert.equal(all.overdue, all.items.filter((i: any) => i.followUp.state === 'overdue').length);
  assert.ok(all.overdue >= 1, 'the demo has an overdue item');
  assert.equal(all.dueSoon, all.items.filter((i: any) => i.followUp.state === 'due_soon').length);
});

test('第五十条: each performance group drills down to exactly the items it counts, a page at a time', async () => {
  const board = (await get('/supervision/items?limit=1000')).items;
  for (const by of ['department', 'leader', 'kind', 'month']) {
    const perf = await get(`/supervision/performance?by=${by}&from=2026-01-01&to=2026-12-31`);
    let seen = 0;
    for (const g of perf.groups) {
      const q = `by=${by}&from=2026-01-01&to=2026-12-31&key=${encodeURIComponent(g.key)}`;
      const d = await get(`/supervision/performance/items?${q}&limit=500`);
      assert.equal(d.total, g.total, `${by} ${g.label}`);
      const overdueOpen = d.items.filter((i: any) => !i.closedOn && i.due < '2026-03-02').length;
      assert.equal(overdueOpen, g.overdueOpen, `${by} ${g.label}`);
      assert.equal(d.items.filter((i: any) => i.closedOn && i.closedOn <= i.due).length, g.onTime);
      const first = await get(`/supervision/performance/items?${q}&limit=1&offset=0`);
      assert.equal(first.items.length, 1);
      assert.equal(first.total, g.total);
      seen += d.total;
    }
    assert.equal(seen, perf.totals.total, by);
    assert.equal(perf.totals.total, board.filter((i: any) => i.due >= '2026-01-01' && i.due <= '2026-12-31').length, by);
  }
});
