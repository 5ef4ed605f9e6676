// The handling results the rules require to be made public (第四十四条 建议提案办理结果, 第四十七条
// 重大问题处理结果) reach the public portal in the transaction that records their publication, filed
// under a 第三十八条 category; what was not published stays unreachable (PGlite, or PostgreSQL with DATABASE_URL).
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

const call = async (method: 'GET' | 'POST', url: string, payload?: unknown, cookie: string | null = clerk) => {
  const r = await s.app.inject({ method, url: `/api/v1${url}`, headers: cookie ? { cookie } : {}, ...(payload ? { payload: payload as object } : {}) });
  return { status: r.statusCode, body: r.json(), raw: r.body };
};
const pub = (url: string) => call('GET', `/public${url}`, undefined, null);
const count = async (sql: string, p: unknown[] = []) => Number((await s.deps.db.query(`SELECT count(*)::int AS n FROM ${sql}`, p)).rows[0].n);
const step = async (id: string, name: string, body: Record<string, unknown>) => {
  const r = await call('POST', `/accountability/cases/${id}/${name}`, { on: '2026-03-02', ...body });
  assert.equal(r.status, 201, `${name}: ${r.raw}`);
  return r.body;
};

test('第四十四条: a replied suggestion\'s 办理结果 is published on the portal under its 第三十八条 category; an unpublished one stays invisible', async () => {
  const MARK = '琥珀标记词';
  const reg = async (title: string, party: string) => {
    const r = await call('POST', '/accountability/cases', { kind: 'suggestion', title, refNo: '市六届人大三次会议第099号', party, receivedOn: '2026-02-20' });
    assert.equal(r.status, 201, r.raw);
    const id = r.body.id as string;
    await step(id, 'assign', { summary: '交市住建局主办，市财政局协办', leadUnitId: 'unit-zjj', coUnitIds: ['unit-czj'] });
    await step(id, 'contact', { summary: '电话联系代表' });
    await step(id, 'reply', { summary: `${title.includes(MARK) ? MARK : ''}已列入2026年城区道路照明改造计划`, resultCode: 'B' });
    return id;
  };
  const published = await reg('关于改善城区背街小巷照明的建议', '代表 郑晓梅');
  const hidden = await reg(`关于${MARK}的建议`, '代表 郑晓梅');

  const cat = '监督方式';
  const before = (await pub(`/items?category=${encodeURIComponent(cat)}&pageSize=100`)).body.total as number;
  const p = await step(published, 'publish', { summary: '在市政府门户网站公开答复', publishedAt: '市政府门户网站' });
  assert.ok(p.publishedItemId, JSON.stringify(p));
  assert.equal(p.category, cat);

  // listed under the category, readable by id, found by public search
  const list = await pub(`/items?category=${encodeURIComponent(cat)}&pageSize=100`);
  assert.equal(list.body.total, before + 1);
  const row = list.body.items.find((x: any) => x.id === p.publishedItemId);
  assert.deepEqual([row.title, row.kind, row.kindLabel, row.docType, row.docNumber, row.issuer, row.issuedOn.slice(0, 10)],
    ['关于改善城区背街小巷照明的建议的办理结果', 'handling_result', '办理结果', '人大代表建议办理结果', '市六届人大三次会议第099号', '武威市住房和城乡建设局', '2026-03-02']);
  const item = await pub(`/items/${p.publishedItemId}`);
  assert.equal(item.status, 200);
  assert.match(item.body.body, /办理结果：已列入2026年城区道路照明改造计划/);
  assert.match(item.body.body, /办理结果分类：B/);
  assert.ok(!item.raw.includes('郑晓梅'), 'the delegate\'s name is not published');
  const facets = await pub('/facets');
  assert.ok(facets.body.categories.institutional.find((c: any) => c.value === cat).count >= 1);
  const found = await pub(`/search?q=${encodeURIComponent('背街小巷照明')}`);
  assert.ok(found.body.hits.some((h: any) => h.objectId === p.publishedItemId), found.raw);

  // the case step, the portal item and both audit records were written together, citing 第四十四条
  const trail = (await s.deps.db.query(`SELECT action, article FROM audit_records WHERE (object_type = 'acc_case' AND object_id = $1 AND action LIKE '%publish') OR (object_type = 'published_item' AND object_id = $2) ORDER BY seq`,
    [published, p.publishedItemId])).rows.map((r: any) => [r.action, Number(r.article)]);
  assert.deepEqual(trail, [['openness.result_published', 44], ['accountability.suggestion.publish', 44]]);
  assert.equal((await call('GET', `/accountability/cases/${published}`)).body.status, 'closed');

  // the replied but unpublished suggestion has no public trace
  assert.equal(await count(`published_items WHERE source_id = $1`, [`acc_case:${hidden}`]), 0);
  const bodies: string[] = [(await pub('/portal')).raw, (await pub('/facets')).raw, (await pub('/items?pageSize=100')).raw, list.raw,
    (await pub(`/items/${hidden}`)).raw, (await pub(`/items/acc_case:${hidden}`)).raw];
  const search = await pub(`/search?q=${encodeURIComponent(MARK)}`);
  assert.equal(search.body.total, 0);
  bodies.push(JSON.stringify(search.body.hits));
  for (const b of bodies) assert.ok(!b.includes(MARK), `a public answer leaked an unpublished result: ${b.slice(0, 200)}`);
});

test('第四十七条: a major media issue\'s 处理结果 is published on the portal; a second publication is refused and records nothing', async () => {
  const r = await call('POST', '/accountability/cases', { kind: 'media', title: '媒体报道城区某菜市场占道经营', party: '武威日报', receivedOn: '2026-03-01', major: true });
  assert.equal(r.status, 201, r.raw);
  const id = r.body.id as string;
  await step(id, 'investigate', { summary: '市市场监管局现场核查，情况属实' });
  await step(id, 'handle', { summary: '责令限期整改，划定临时疏导点' });
  const p = await step(id, 'publish', { summary: '在市政府门户网站公布处理结果' });
  const item = await pub(`/items/${p.publishedItemId}`);
  assert.equal(item.status, 200);
  assert.deepEqual([item.body.title, item.body.category, item.body.docType, item.body.issuer],
    ['媒体报道城区某菜市场占道经营的处理结果', '监督方式', '社会和舆论监督处理结果', '武威市人民政府']);
  assert.match(item.body.body, /处理结果：责令限期整改，划定临时疏导点/);
  const audit = (await s.deps.db.query(`SELECT article FROM audit_records WHERE object_type = 'published_item' AND object_id = $1`, [p.publishedItemId])).rows;
  assert.deepEqual(audit.map((a: any) => Number(a.article)), [47]);

  // publishing again is refused by the portal, and the refused step leaves no trace either
  const steps = await count(`acc_case_steps WHERE case_id = $1`, [id]);
  const audits = await count('audit_records');
  const again = await call('POST', `/accountability/cases/${id}/publish`, { on: '2026-03-02', summary: '再次公布' });
  assert.equal(again.status, 409, again.raw);
  assert.equal(again.body.code, 'OPENNESS.ALREADY_PUBLISHED');
  assert.deepEqual([await count(`acc_case_steps WHERE case_id = $1`, [id]), await count('audit_records')], [steps, audits]);
  assert.equal((await call('POST', `/accountability/cases/${id}/close`, { on: '2026-03-02', summary: '办结' })).status, 201);
});
