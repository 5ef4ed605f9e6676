// 公文交换 between two governments on one deployment (docs/exchange.md): a 请示 drafted and signed in
// 凉州区 reaches the city's 签收 queue, is signed for (签收回执 back), registered, 批办 and answered with a
// 批复 that arrives back in 凉州区; a 退文 carries every reason; a tampered package is refused.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from './http-harness.ts';
import { deliverPending } from '../../src/app/exchange/delivery.ts';

let s: TestServer;
const cookies = new Map<string, string>();
const CITY = 'wuwei';
const COUNTY = 'liangzhou';

before(async () => { s = await startTestServer({ now: '2026-03-02T09:00:00+08:00' }); });
after(async () => { await s.close(); });

/** The login of a government's account holding a role (or holding a position). */
async function loginOf(tenant: string, by: { role?: string; positionId?: string; personId?: string }): Promise<string> {
  const { rows } = by.personId
    ? await s.t.db.query<{ login: string }>(`SELECT login FROM users WHERE tenant_id = $1 AND person_id = $2 ORDER BY login LIMIT 1`, [tenant, by.personId])
    : by.positionId
    ? await s.t.db.query<{ login: string }>(
      `SELECT u.login FROM users u JOIN org_assignments a ON a.tenant_id = u.tenant_id AND a.person_id = u.person_id
        WHERE u.tenant_id = $1 AND a.position_id = $2 ORDER BY u.login LIMIT 1`, [tenant, by.positionId])
    : await s.t.db.query<{ login: string }>(`SELECT login FROM users WHERE tenant_id = $1 AND $2 = ANY(roles) ORDER BY login LIMIT 1`, [tenant, by.role]);
  assert.ok(rows[0], `${tenant} has an account for ${JSON.stringify(by)}`);
  return rows[0].login;
}

async function as(tenant: string, login: string) {
  const key = `${tenant}/${login}`;
  if (!cookies.has(key)) cookies.set(key, await s.login(login, undefined, tenant));
  const cookie = cookies.get(key)!;
  return async (method: 'GET' | 'POST', url: string, payload?: unknown) => {
    const r = await s.app.inject({ method, url: `/api/v1${url}`, headers: { cookie }, ...(payload !== undefined ? { payload: payload as any } : {}) });
    return { status: r.statusCode, body: r.json() as any };
  };
}

/** 拟稿 → 送核 → 核稿 → 签发 → 复核 → 编号 → 印发 → 分发, each step by whoever the plan names. */
async function issueAndDistribute(tenant: string, draft: Record<string, unknown>) {
  const office = await as(tenant, await loginOf(tenant, { role: 'office_clerk' }));
  const d = await office('POST', '/documents/outgoing', draft);
  assert.equal(d.status, 201, JSON.stringify(d.body));
  const id = d.body.id;
  const sub = await office('POST', `/documents/${id}/submit`, { version: 1 });
  assert.equal(sub.status, 200, JSON.stringify(sub.body));
  let v = sub.body.version;
  let r = await office('POST', `/documents/${id}/review`, { opinion: '文字规范，同意', version: v });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  v = r.body.version;
  // whoever signs today: the signer, or the leader acting for an absent one (AB岗, 第十一条)
  const signer = await as(tenant, await loginOf(tenant, sub.body.acting?.personId
    ? { personId: sub.body.acting.personId } : { positionId: sub.body.signing.signerPositionId }));
  r = await signer('POST', `/documents/${id}/sign`, { version: v, reportedToMayor: true, opinion: '同意' });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  v = (await office('POST', `/documents/${id}/check`, { version: r.body.version })).body.version;
  const num = await office('POST', `/documents/${id}/number`, { version: v });
  assert.equal(num.status, 200, JSON.stringify(num.body));
  v = (await office('POST', `/documents/${id}/issue`, { version: num.body.version })).body.version;
  const dist = await office('POST', `/documents/${id}/distribute`, { version: v });
  assert.equal(dist.status, 200, JSON.stringify(dist.body));
  return { id, docNumber: num.body.docNumber as string, distributed: dist.body, office };
}

async function countyUnit(tenant: string): Promise<string> {
  const { rows } = await s.t.db.query<{ id: string }>(
    `SELECT u.id FROM org_units u WHERE u.tenant_id = $1 AND u.kind = 'constituent_department'
      AND EXISTS (SELECT 1 FROM org_portfolios p WHERE p.tenant_id = u.tenant_id AND u.id = ANY(p.unit_ids)) ORDER BY u.id LIMIT 1`, [tenant]);
  assert.ok(rows[0], `${tenant} has a department in someone's portfolio`);
  return rows[0].id;
}

test('公文交换: a 请示 signed in 凉州区 reaches the city, is signed for, registered, 批办 and answered by a 批复 that arrives back', async () => {
  const lead = await countyUnit(COUNTY);
  const sent = await issueAndDistribute(COUNTY, {
    docType: '请示', direction: 'upward', title: '凉州区人民政府关于拨付城区供热管网改造资金的请示', issuerName: '凉州区人民政府', issuerCode: '凉政发',
    leadUnitId: lead, principalRecipients: ['武威市人民政府'], disclosure: '不予公开', disclosureReason: '内部请示事项',
    body: '武威市人民政府：我区城区供热管网老化严重，恳请市政府拨付改造资金800万元。妥否，请批示。',
  });
  assert.match(sent.docNumber, /^凉政发〔2026〕\d+号$/);
  assert.equal(sent.distributed.exchange.packages.length, 1);
  assert.equal(sent.distributed.exchange.packages[0].receiver, '武威市人民政府');
  let status = (await sent.office('GET', `/documents/${sent.id}`)).body.exchange.sent;
  assert.deepEqual(status.map((x: any) => x.statusLabel), ['待送达']);

  // delivery: once, whatever the number of passes
  const delivered = await deliverPending(s.deps);
  assert.deepEqual(delivered.map((d: any) => Object.keys(d)[0]), ['delivered']);
  assert.deepEqual(await deliverPending(s.deps), []);
  status = (await sent.office('GET', `/documents/${sent.id}`)).body.exchange.sent;
  assert.equal(status[0].statusLabel, '已送达');

  // the city's 签收 queue shows it, from another government, with its metadata and verified digests
  const city = await as(CITY, 'office-clerk');
  const queue = (await city('GET', '/exchange/inbox?state=pending')).body.items;
  const item = queue.find((x: any) => x.docNumber === sent.docNumber);
  assert.ok(item, 'in the city queue');
  assert.equal(item.sender.organ, '凉州区人民政府');
  const pkg = (await city('GET', `/exchange/inbox/${item.packageId}`)).body;
  assert.equal(pkg.verification.ok, true);
  assert.equal(pkg.metadata.classification, '');
  assert.ok(pkg.metadata.signerName, '签发人 on an upward document');
  assert.deepEqual(pkg.parts.map((p: any) => p.role), ['ofd']);
  // the county sees nothing of the city's queue, and the city cannot sign for it twice
  const countyClerk = await as(COUNTY, await loginOf(COUNTY, { role: 'office_clerk' }));
  assert.equal((await countyClerk('GET', `/exchange/inbox/${item.packageId}`)).status, 404);

  const signed = await city('POST', `/exchange/inbox/${item.packageId}/sign`, {});
  assert.equal(signed.status, 201, JSON.stringify(signed.body));
  assert.equal((await city('POST', `/exchange/inbox/${item.packageId}/sign`, {})).body.code, 'EXCHANGE.ALREADY_SIGNED');
  const inId = signed.body.documentId;
  const received = (await city('GET', `/documents/${inId}`)).body;
  assert.equal(received.document.source_doc_number, sent.docNumber);
  assert.equal(received.exchange.receivedFrom.tenantId, COUNTY);
  assert.ok(received.attachments.some((a: any) => a.kind === 'exchange_ofd'), 'the OFD is kept with the received document');

  // the 签收回执 goes back: 已签收 with its time
  await deliverPending(s.deps);
  status = (await sent.office('GET', `/documents/${sent.id}`)).body.exchange.sent;
  assert.equal(status[0].statusLabel, '已签收');
  assert.ok(status[0].receiptAt);

  // 登记、初审、拟办、批办 in the city
  assert.equal((await city('POST', `/documents/${inId}/register`, {})).status, 200);
  const pass = await city('POST', `/documents/${inId}/intake-review`, { outcome: 'pass' });
  assert.equal(pass.status, 200, JSON.stringify(pass.body));

  // the city's 批复 goes back to the county that asked
  const reply = await issueAndDistribute(CITY, {
    docType: '批复', direction: 'downward', title: '武威市人民政府关于凉州区城区供热管网改造资金的批复', issuerName: '武威市人民政府', issuerCode: '武政函',
    leadUnitId: 'unit-czj', principalRecipients: ['凉州区人民政府'], disclosure: '主动公开', replyToDocumentId: inId,
    body: '凉州区人民政府：你区《关于拨付城区供热管网改造资金的请示》收悉。经研究，同意安排改造资金800万元。',
  });
  assert.equal(reply.distributed.exchange.packages.length, 1);
  await deliverPending(s.deps);
  const countyQueue = (await countyClerk('GET', '/exchange/inbox?state=pending')).body.items;
  const answer = countyQueue.find((x: any) => x.docNumber === reply.docNumber);
  assert.ok(answer, 'the 批复 arrives in 凉州区');
  const answerPkg = (await countyClerk('GET', `/exchange/inbox/${answer.packageId}`)).body;
  assert.equal(answerPkg.metadata.replyTo.docNumber, sent.docNumber);
  assert.equal((await countyClerk('POST', `/exchange/inbox/${answer.packageId}/sign`, {})).status, 201);
  await deliverPending(s.deps);
  const replyStatus = (await reply.office('GET', `/documents/${reply.id}`)).body.exchange.sent;
  assert.equal(replyStatus[0].statusLabel, '已签收');

  // audit on both sides
  const audits = async (tenant: string) => (await s.t.db.query<{ action: string }>(
    `SELECT action FROM audit_records WHERE tenant_id = $1 AND action LIKE 'exchange.%' ORDER BY seq`, [tenant])).rows.map((r) => r.action);
  assert.deepEqual(await audits(COUNTY), ['exchange.delivered', 'exchange.arrived', 'exchange.arrived', 'exchange.delivered']);
  assert.deepEqual(await audits(CITY), ['exchange.arrived', 'exchange.delivered', 'exchange.delivered', 'exchange.arrived']);
});

test('公文交换: a 请示 returned at 初审 goes back as a 退文 with every reason and its article', async () => {
  const lead = await countyUnit(COUNTY);
  const sent = await issueAndDistribute(COUNTY, {
    docType: '请示', direction: 'upward', title: '凉州区人民政府关于两个事项的请示', issuerName: '凉州区人民政府', issuerCode: '凉政发',
    leadUnitId: lead, principalRecipients: ['武威市人民政府'], disclosure: '不予公开', disclosureReason: '内部请示事项',
    body: '武威市人民政府：一是申请移民区基础设施资金；二是申请增加学校编制。妥否，请批示。',
  });
  await deliverPending(s.deps);
  const city = await as(CITY, 'office-clerk');
  const item = (await city('GET', '/exchange/inbox?state=pending')).body.items.find((x: any) => x.docNumber === sent.docNumber);
  const inId = (await city('POST', `/exchange/inbox/${item.packageId}/sign`, {})).body.documentId;
  await city('POST', `/documents/${inId}/register`, {});
  const ret = await city('POST', `/documents/${inId}/intake-review`, { outcome: 'return', reasons: '请按一文一事分别报送' });
  assert.equal(ret.status, 200, JSON.stringify(ret.body));
  await deliverPending(s.deps);
  const status = (await sent.office('GET', `/documents/${sent.id}`)).body;
  assert.equal(status.exchange.sent[0].statusLabel, '退文');
  assert.ok(status.exchange.sent[0].returnReasons.some((r: any) => r.message === '请按一文一事分别报送'));
  assert.ok(status.events.some((e: any) => e.action === 'exchange_returned'));
});

test('公文交换: a package changed in transit is refused on arrival, logged on both sides, and never reaches the queue', async () => {
  const lead = await countyUnit(COUNTY);
  const sent = await issueAndDistribute(COUNTY, {
    docType: '报告', direction: 'upward', title: '凉州区人民政府关于春耕备耕工作情况的报告', issuerName: '凉州区人民政府', issuerCode: '凉政发',
    leadUnitId: lead, principalRecipients: ['武威市人民政府'], disclosure: '主动公开',
    body: '武威市人民政府：现将我区春耕备耕工作情况报告如下。',
  });
  const pkgId = sent.distributed.exchange.packages[0].packageId;
  // one character of the body changed after sending
  await s.t.db.query(`UPDATE exchange_outbox SET wire = replace(wire, '春耕备耕工作情况报告如下', '春耕备耕工作情况汇报如下') WHERE package_id = $1`, [pkgId]);
  const out = await deliverPending(s.deps);
  assert.equal(out.length, 1);
  assert.ok('refused' in out[0]!);
  assert.ok((out[0] as any).violations.some((v: any) => v.code === 'EXCHANGE.TAMPERED' && v.details.target === 'body'));
  const city = await as(CITY, 'office-clerk');
  assert.ok(!(await city('GET', '/exchange/inbox?state=pending')).body.items.some((x: any) => x.packageId === pkgId));
  assert.ok((await city('GET', '/exchange/inbox?state=refused')).body.items.some((x: any) => x.packageId === pkgId));
  const status = (await sent.office('GET', `/documents/${sent.id}`)).body.exchange.sent;
  assert.equal(status[0].statusLabel, '拒收');
  const logged = await s.t.db.query<{ tenant_id: string; action: string }>(
    `SELECT tenant_id, action FROM audit_records WHERE object_id = $1 AND action LIKE 'exchange.refused%' ORDER BY seq`, [pkgId]);
  assert.deepEqual(logged.rows.map((r) => [r.tenant_id, r.action]), [[CITY, 'exchange.refused'], [COUNTY, 'exchange.refused_by_receiver']]);
});

test('公文交换: the city\'s 通知 to 各县区人民政府 reaches the 签收 queue of every county and of no one else', async () => {
  const sent = await issueAndDistribute(CITY, {
    docType: '通知', direction: 'downward', title: '武威市人民政府关于做好2026年春季森林防火工作的通知', issuerName: '武威市人民政府', issuerCode: '武政发',
    leadUnitId: 'unit-shuiwu', principalRecipients: ['各县区人民政府', '市政府有关部门'], disclosure: '主动公开',
    body: '各县区人民政府，市政府有关部门：为做好春季森林防火工作，现通知如下。',
  });
  assert.deepEqual(sent.distributed.exchange.packages.map((p: any) => p.receiver).sort(),
    ['凉州区人民政府', '古浪县人民政府', '天祝藏族自治县人民政府', '民勤县人民政府'].sort());
  assert.deepEqual(sent.distributed.exchange.unmatched, ['市政府有关部门'], 'departments keep the existing channels');
  await deliverPending(s.deps);
  for (const county of ['liangzhou', 'minqin', 'gulang', 'tianzhu']) {
    const clerk = await as(county, await loginOf(county, { role: 'office_clerk' }));
    const q = (await clerk('GET', '/exchange/inbox?state=pending')).body.items;
    assert.equal(q.filter((x: any) => x.docNumber === sent.docNumber).length, 1, `${county} has it once`);
  }
  const cityQueue = (await (await as(CITY, 'office-clerk'))('GET', '/exchange/inbox')).body.items;
  assert.ok(!cityQueue.some((x: any) => x.docNumber === sent.docNumber), 'not sent to itself');
});
