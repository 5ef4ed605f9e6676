import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer } from './http-harness.ts';

// 第三十七条/第三十九条: the public sees only what was published. Every unpublished object below carries a
// unique marker word; no public route may return it, by listing, by id, by search or by query code.
test('第三十九条: every unpublished object is unreachable from the public routes', async () => {
  const s = await startTestServer({ now: '2026-03-02T09:00:00+08:00' });
  try {
    const clerk = await s.login('office-clerk');
    const post = (url: string, payload: object, cookie?: string) => s.app.inject({ method: 'POST', url, payload, headers: cookie ? { cookie } : {} });
    const MARK = '翡翠标记词';
    // a 依申请公开 document registered at issue (no publication), a refused 不予公开 document,
    // a disclosure request, an emergency with only its internal upward report
    const obl = await post('/api/v1/openness/obligations', { sourceType: 'document', sourceId: 'hidden-1', title: `${MARK}依申请公开文件`, issuedOn: '2026-02-27', attribute: '依申请公开' }, clerk);
    assert.equal(obl.statusCode, 201);
    const refused = await post('/api/v1/openness/documents', { sourceId: 'hidden-2', title: `${MARK}不予公开文件`, body: MARK, issuer: '武威市人民政府', issuedOn: '2026-02-27', attribute: '不予公开', attributeReason: '涉密' }, clerk);
    assert.equal(refused.statusCode, 422);
    const req = await post('/api/v1/public/requests', { requesterKind: '公民', name: '孙立', identity: '620602198801010022', contact: { phone: '0935-7654321' }, description: `${MARK}申请内容` });
    assert.equal(req.statusCode, 201);
    const ev = await post('/api/v1/openness/emergencies', { title: `${MARK}突发事件`, unitName: '武威市应急管理局', occurredAt: '2026-03-02T08:00:00+08:00' }, clerk);
    const evId = ev.json().id;
    assert.equal((await post(`/api/v1/openness/emergencies/${evId}/entries`, { kind: 'upward_report', reportedTo: '市委总值班室', content: `${MARK}上报内容` }, clerk)).statusCode, 201);
    // an attempt to release facts before reporting is refused, on a second event
    const ev2 = (await post('/api/v1/openness/emergencies', { title: '另一事件', unitName: '武威市应急管理局', occurredAt: '2026-03-02T08:00:00+08:00' }, clerk)).json().id;
    const early = await post(`/api/v1/openness/emergencies/${ev2}/entries`, { kind: 'fact_release', content: `${MARK}过早发布` }, clerk);
    assert.equal(early.statusCode, 422);
    assert.equal(early.json().article, 41);

    const internalIds = [evId, ev2, req.json().id, 'hidden-1', 'hidden-2', obl.json().id].filter(Boolean);
    const bodies: string[] = [];
    const get = async (url: string) => { const r = await s.app.inject({ method: 'GET', url }); bodies.push(r.body); return r; };
    await get('/api/v1/public/portal');
    await get('/api/v1/public/facets');
    for (const kind of ['', 'document', 'meeting_decision', 'policy', 'interpretation', 'emergency']) {
      for (const status of ['', 'in_force', 'amended', 'repealed']) {
        await get(`/api/v1/public/items?pageSize=100${kind ? `&kind=${kind}` : ''}${status ? `&status=${status}` : ''}`);
      }
    }
    for (const id of internalIds) {
      const r = await get(`/api/v1/public/items/${encodeURIComponent(id)}`);
      assert.equal(r.statusCode, 404, id);
    }
    for (const q of [MARK, `${MARK}依申请公开文件`, `${MARK}不予公开文件`, `${MARK}申请内容`, `${MARK}上报内容`, '孙立 620602198801010022']) {
      const r = await s.app.inject({ method: 'GET', url: `/api/v1/public/search?q=${encodeURIComponent(q)}` });
      assert.equal(r.json().total, 0, q);
      bodies.push(JSON.stringify(r.json().hits)); // the answer echoes the caller's own terms; the hits must not carry the marker
    }
    // the request is visible only with its code
    const wrong = await s.app.inject({ method: 'POST', url: '/api/v1/public/requests/query', payload: { receiptNo: req.json().receiptNo, code: 'ZZZZ-ZZZZ-ZZZZ' } });
    bodies.push(wrong.body);
    assert.equal(wrong.statusCode, 404);
    for (const b of bodies) {
      assert.ok(!b.includes(MARK), `a public answer leaked an unpublished object: ${b.slice(0, 200)}`);
      assert.ok(!b.includes('620602198801010022'));
    }
    // staff routes refuse anonymous callers
    for (const url of ['/api/v1/openness/requests', '/api/v1/openness/obligations', '/api/v1/openness/emergencies', `/api/v1/search?q=${encodeURIComponent(MARK)}`]) {
      assert.equal((await s.app.inject({ method: 'GET', url })).statusCode, 401, url);
    }
    // and staff search does find the internal request
    const staff = await s.app.inject({ method: 'GET', url: `/api/v1/search?q=${encodeURIComponent(MARK)}`, headers: { cookie: clerk } });
    assert.ok(staff.json().hits.some((h: any) => h.objectType === 'disclosure_request'), staff.body);
  } finally {
    await s.close();
  }
});
