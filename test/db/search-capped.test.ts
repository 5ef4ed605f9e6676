// Searches with more matches than SEARCH_COUNT_CAP: the count stops at the cap (约 2,000+ 条), 最新 reads
// newest first, 相关度 ranks a bounded candidate set that includes the title matches; the public scope and
// the staff visibility rule are the same as for a search with few matches.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from './http-harness.ts';
import { RANK_WINDOW, SEARCH_COUNT_CAP } from '../../src/app/search/search.ts';
import { queryTokens } from '../../src/app/search/tokenizer.ts';

let s: TestServer;
const WORD = '沙枣花';
const FEW = '胡杨林';
before(async () => {
  s = await startTestServer({ now: '2026-03-02T09:00:00+08:00' });
  const w = queryTokens(WORD, 12).join(' ');
  const f = queryTokens(FEW, 12).join(' ');
  // CAP + 50 public entries with the word in the body only, one a day going back from 2025-12-31
  await s.t.db.query(
    `INSERT INTO search_entries (tenant_id, object_type, object_id, scope, unit_id, kind, title, body, dated_on, status, tsv)
     SELECT 'wuwei', 'bulk', 'bulk-' || lpad(g::text, 6, '0'), 'public', NULL, 'document', '关于做好防风固沙工作的通知', '正文提到${WORD}。',
            DATE '2025-12-31' - g, 'in_force', setweight(to_tsvector('simple', '防风 固沙'), 'A') || setweight(to_tsvector('simple', $1), 'D')
       FROM generate_series(1, ${SEARCH_COUNT_CAP + 50}) g`, [w]);
  // the oldest entry of all has the word in its title: outside the newest RANK_WINDOW matches
  await s.t.db.query(
    `INSERT INTO search_entries (tenant_id, object_type, object_id, scope, kind, title, body, dated_on, status, tsv)
     VALUES ('wuwei', 'bulk', 'bulk-title', 'public', 'document', '${WORD}保护实施方案', '正文。', DATE '1990-01-01', 'in_force',
             setweight(to_tsvector('simple', $1), 'A'))`, [w]);
  // 30 internal entries (a non-document object of no unit), newer than every public one, with both words
  await s.t.db.query(
    `INSERT INTO search_entries (tenant_id, object_type, object_id, scope, unit_id, kind, title, body, dated_on, status, tsv)
     SELECT 'wuwei', 'internal', 'internal-' || g, 'staff', NULL, 'request', '内部${WORD}材料', '内部', DATE '2026-02-01' - g, 'open',
            setweight(to_tsvector('simple', $1 || ' ' || $2), 'A')
       FROM generate_series(1, 30) g`, [w, f]);
});
after(async () => { await s?.close(); });

const get = async (url: string, cookie?: string) => {
  const r = await s.app.inject({ method: 'GET', url: `/api/v1${url}`, headers: cookie ? { cookie } : {} });
  assert.equal(r.statusCode, 200, r.body);
  return r.json() as any;
};
const q = encodeURIComponent(WORD);

test('search: more matches than the cap are counted as 约 2,000+ (totalCapped); fewer are counted exactly', async () => {
  const many = await get(`/public/search?q=${q}`);
  assert.equal(many.total, SEARCH_COUNT_CAP);
  assert.equal(many.totalCapped, true);
  assert.equal(many.hits.length, 20);
  const few = await get(`/search?q=${encodeURIComponent(FEW)}`, await s.login('office-clerk'));
  assert.deepEqual([few.total, few.totalCapped, few.rankedAmong], [30, false, null]);
});

test('第三十七条: the public search reads only public entries, whichever way it reads them', async () => {
  for (const sort of ['relevance', 'newest']) {
    for (const page of [1, 2, 20]) {
      const r = await get(`/public/search?q=${q}&sort=${sort}&page=${page}`);
      assert.equal(r.hits.length, 20, `${sort} ${page}`);
      assert.ok(r.hits.every((h: any) => h.scope === 'public' && h.objectType === 'bulk'), `${sort} ${page}`);
    }
  }
});

test('search 最新: many matches are listed newest first, page after page', async () => {
  const p1 = await get(`/public/search?q=${q}&sort=newest`);
  assert.deepEqual(p1.hits.slice(0, 2).map((h: any) => h.objectId), ['bulk-000001', 'bulk-000002']);
  const p3 = await get(`/public/search?q=${q}&sort=newest&page=3`);
  assert.equal(p3.hits[0].objectId, 'bulk-000041');
  const dates = [...p1.hits, ...p3.hits].map((h: any) => h.datedOn);
  assert.deepEqual(dates, [...dates].sort().reverse());
});

test('search 相关度: with many matches a title match older than the newest window still ranks first', async () => {
  const r = await get(`/public/search?q=${q}`);
  assert.equal(r.rankedAmong, RANK_WINDOW);
  assert.equal(r.hits[0].objectId, 'bulk-title');
  assert.ok(r.hits.slice(1).every((h: any) => h.rank <= r.hits[0].rank));
});

test('search: internal entries are found by the office and not by a department clerk, with many matches too', async () => {
  const office = await s.login('office-clerk');
  const clerk = await s.login('fgw-clerk');
  const o = await get(`/search?q=${q}&sort=newest`, office);
  assert.equal(o.totalCapped, true);
  assert.deepEqual(o.hits.slice(0, 3).map((h: any) => h.objectId), ['internal-1', 'internal-2', 'internal-3']);
  for (const sort of ['relevance', 'newest']) {
    const c = await get(`/search?q=${q}&sort=${sort}`, clerk);
    assert.equal(c.totalCapped, true);
    assert.ok(c.hits.every((h: any) => h.objectType !== 'internal'), sort);
  }
  const rel = await get(`/search?q=${q}`, office);
  assert.ok(rel.hits.some((h: any) => h.objectType === 'internal'));
});
