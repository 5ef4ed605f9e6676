import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from './http-harness.ts';
import { createTestLogins, useTestOrg } from './documents-fixture.ts';
import { runDueTimers } from '../../src/jobs/timers.ts';
import { IMPLIED_CONSENT_KIND, registerDocumentTimerKinds } from '../../src/app/documents/timers.ts';

let s: TestServer;
const c: Record<string, string> = {};
before(async () => {
  useTestOrg();
  registerDocumentTimerKinds();
  s = await startTestServer({ now: '2026-03-02T09:00:00+08:00', seed: false });
  await createTestLogins(s.t.db);
  for (const l of ['t-office', 't-mayor', 't-vm1', 't-jyj', 't-fgw']) c[l] = await s.login(l);
});
after(async () => { await s.close(); });

const call = async (who: string, method: 'GET' | 'POST', url: string, payload?: unknown, headers: Record<string, string> = {}) => {
  const r = await s.app.inject({ method, url: `/api/v1${url}`, headers: { cookie: c[who], ...headers }, ...(payload !== undefined ? { payload: payload as any } : {}) });
  return { status: r.statusCode, body: r.json() as any };
};
const facts = (over: Record<string, unknown> = {}) => ({
  matters: ['申请拨付甲县第一中学校舍维修资金'], principalRecipients: ['市政府'], submitterUnitId: 'u-county', ...over,
});
const receive = (over: Record<string, unknown> = {}, f: Record<string, unknown> = {}) => call('t-office', 'POST', '/documents/incoming', {
  docType: '请示', title: '甲县人民政府关于拨付第一中学校舍维修资金的请示', body: '……', issuerName: '甲县人民政府', issuerUnitId: 'u-county',
  sourceDocNumber: '甲政发〔2026〕8号', facts: facts(f), ...over,
});

test('scenario: a 请示 from a county through 登记、初审、拟办、批办 (mayor then vice mayor)、承办 to its 批复 and 办结', async () => {
  const r = await receive();
  assert.equal(r.status, 201);
  const id = r.body.id;
  assert.match((await call('t-office', 'POST', `/documents/${id}/register`, {})).body.registrationNo, /^收文〔2026〕\d+号$/);
  assert.equal((await call('t-office', 'POST', `/documents/${id}/intake-review`, { outcome: 'pass' })).status, 200);
  const p = await call('t-office', 'POST', `/documents/${id}/proposal`, {
    text: '建议请丙副市长阅处，市教育局牵头提出资金安排意见', leadUnitId: 'u-jyj', duties: '核实校舍安全鉴定结论，提出资金安排意见', important: true, timeLimitKind: 'departmentOpinion' });
  assert.equal(p.status, 200, JSON.stringify(p.body));
  assert.deepEqual(p.body.steps.map((x: any) => x.positionId), ['pos-mayor', 'pos-vm1']);
  // 第六十八条: the vice mayor may not act before the mayor has read an important document
  const early = await call('t-vm1', 'POST', `/documents/${id}/instructions`, { order: 2, text: '同意' });
  assert.equal(early.status, 422);
  assert.equal(early.body.code, 'DOC.ROUTING_OUT_OF_ORDER');
  assert.equal(early.body.article, 68);
  assert.equal((await call('t-mayor', 'POST', `/documents/${id}/instructions`, { order: 1, text: '请丙副市长研究办理，确保春季开学前完成维修' })).status, 200);
  const done = await call('t-vm1', 'POST', `/documents/${id}/instructions`, { order: 2, text: '请市教育局3个工作日内提出意见' });
  assert.equal(done.body.state, 'handling');
  const detail = await call('t-jyj', 'GET', `/documents/${id}`);
  assert.equal(detail.status, 200);
  const lead = detail.body.assignments.find((a: any) => a.role === 'lead');
  assert.equal(lead.article, 73);
  assert.equal(lead.due, '2026-03-05', '3 working days from the day after 2026-03-02');
  assert.equal((await call('t-jyj', 'POST', `/documents/${id}/handling-reports`, { kind: 'result', text: '经核实，建议安排维修资金120万元' })).status, 200);

  // the 批复, drafted, signed by the vice mayor in charge (第七十一条 下行文) and issued
  const draft = await call('t-office', 'POST', '/documents/outgoing', {
    docType: '批复', direction: 'downward', title: '武威市人民政府关于甲县第一中学校舍维修资金的批复', issuerName: '市政府', issuerCode: '武政函', leadUnitId: 'u-jyj',
    body: '甲县人民政府：你县《关于拨付第一中学校舍维修资金的请示》收悉。经研究，同意安排校舍维修资金120万元，专款专用。', principalRecipients: ['甲县人民政府'], disclosure: '主动公开', replyToDocumentId: id });
  assert.equal(draft.status, 201, JSON.stringify(draft.body));
  const outId = draft.body.id;
  const sub = await call('t-office', 'POST', `/documents/${outId}/submit`, { version: 1 });
  assert.equal(sub.body.signing.signerPositionId, 'pos-vm1');
  assert.equal(sub.body.signing.article, 71);
  let v = (await call('t-office', 'POST', `/documents/${outId}/review`, { opinion: '文字规范', version: sub.body.version })).body.version;
  const notMine = await call('t-mayor', 'POST', `/documents/${outId}/sign`, { version: v });
  assert.equal(notMine.body.code, 'DOC.NOT_SIGNER');
  const noReport = await call('t-vm1', 'POST', `/documents/${outId}/sign`, { version: v });
  assert.equal(noReport.status, 422);
  assert.match(noReport.body.message, /签发前须报告市长/);
  v = (await call('t-vm1', 'POST', `/documents/${outId}/sign`, { version: v, reportedToMayor: true })).body.version;
  v = (await call('t-office', 'POST', `/documents/${outId}/check`, { version: v })).body.version;
  const num = await call('t-office', 'POST', `/documents/${outId}/number`, { version: v });
  assert.equal(num.body.docNumber, '武政函〔2026〕1号');
  v = (await call('t-office', 'POST', `/documents/${outId}/issue`, { version: num.body.version })).body.version;
  const closed = await call('t-office', 'POST', `/documents/${id}/close`, { reply: '已以武政函〔2026〕1号批复', replyDocumentId: outId });
  assert.equal(closed.status, 200, JSON.stringify(closed.body));
  const trail = (await call('t-office', 'GET', `/documents/${id}`)).body.events.map((e: any) => e.action);
  for (const a of ['received', 'registered', 'intake_passed', 'proposed', 'instructed', 'assigned', 'result_reported', 'closed']) assert.ok(trail.includes(a), a);
});

test('第六十二条 第六十四条 第六十七条: 初审 refuses with every violated rule at once and changes nothing', async () => {
  const r = await receive({}, { matters: ['维修资金', '增加编制'], principalRecipients: ['市政府', '市委'], involvedUnitIds: ['u-fgw'], normative: true });
  const id = r.body.id;
  const reg = await call('t-office', 'POST', `/documents/${id}/register`, {});
  const before = (await call('t-office', 'GET', `/documents/${id}`)).body.document.version;
  const x = await call('t-office', 'POST', `/documents/${id}/intake-review`, { outcome: 'pass', version: reg.body.version });
  assert.equal(x.status, 422);
  assert.deepEqual([...new Set(x.body.violations.map((v: any) => v.article))].sort(), [62, 64, 67]);
  assert.equal((await call('t-office', 'GET', `/documents/${id}`)).body.document.version, before);
  const ret = await call('t-office', 'POST', `/documents/${id}/intake-review`, { outcome: 'return', version: before });
  assert.equal(ret.body.state, 'returned');
});

test('第六十三条: a 市委 meeting draft about government duties sent as a 报告 is refused at 初审 with the article; as a 请示 it passes', async () => {
  const partyDraft = { purpose: '提请市委有关会议审议', mainlyGovernmentDuties: true };
  const asReport = await receive({ docType: '报告', title: '市教育局关于提请市委常委会审议教育强市建设意见稿的报告' }, { partyDraft });
  const reg = await call('t-office', 'POST', `/documents/${asReport.body.id}/register`, {});
  const x = await call('t-office', 'POST', `/documents/${asReport.body.id}/intake-review`, { outcome: 'pass', version: reg.body.version });
  assert.equal(x.status, 422);
  const v = x.body.violations.find((y: any) => y.code === 'DOC.INTAKE_PARTY_DRAFT_REVIEW_FIRST');
  assert.equal(v.article, 63);
  assert.match(v.message, /^依据第六十三条.*应先按程序报市政府履行相关审议或审批程序/);
  const asRequest = await receive({ title: '市教育局关于提请审议教育强市建设意见稿的请示' }, { partyDraft });
  const reg2 = await call('t-office', 'POST', `/documents/${asRequest.body.id}/register`, {});
  const ok = await call('t-office', 'POST', `/documents/${asRequest.body.id}/intake-review`, { outcome: 'pass', version: reg2.body.version });
  assert.equal(ok.status, 200, JSON.stringify(ok.body));
});

test('第八十二条: a document marked 机密 is refused citing 保守国家秘密法第三十一条, nothing stored', async () => {
  const r = await receive({ classification: '机密', title: '不应存储的涉密文件' });
  assert.equal(r.status, 422);
  assert.equal(r.body.code, 'DOC.CLASSIFIED');
  assert.match(r.body.message, /第三十一条/);
  const list = await call('t-office', 'GET', '/documents?q=不应存储');
  assert.equal(list.body.documents.length, 0);
});

test('idempotency: the same Idempotency-Key returns the first document instead of a second', async () => {
  const a = await receive({}, {}).then(() => call('t-office', 'POST', '/documents/incoming', { docType: '报告', title: '重复提交测试', issuerName: '甲县人民政府', facts: facts() }, { 'idempotency-key': 'documents-test-k-0001' }));
  const b = await call('t-office', 'POST', '/documents/incoming', { docType: '报告', title: '重复提交测试', issuerName: '甲县人民政府', facts: facts() }, { 'idempotency-key': 'documents-test-k-0001' });
  assert.equal(a.status, 201, JSON.stringify(a.body));
  assert.equal(b.body.id, a.body.id);
  const { rows } = await s.t.db.query(`SELECT count(*)::int AS n FROM documents WHERE title = '重复提交测试'`);
  assert.equal(rows[0].n, 1, 'acted once');
});

test('第六十六条: no reply in 2 working days is recorded as 无不同意见; a late reply is refused', async () => {
  const draft = await call('t-office', 'POST', '/documents/outgoing', {
    docType: '通知', direction: 'downward', title: '武威市人民政府关于做好春季学期校园安全工作的通知', issuerName: '市政府', issuerCode: '武政发', leadUnitId: 'u-jyj',
    body: '各县区人民政府，市政府有关部门：为切实做好春季学期校园安全工作，现就有关事项通知如下。', disclosure: '主动公开', countersignUnitIds: ['u-fgw'] });
  const id = draft.body.id;
  const sub = await call('t-office', 'POST', `/documents/${id}/submit`, { version: 1 });
  assert.equal(sub.body.state, 'countersigning', JSON.stringify(sub.body));
  const got = await call('t-office', 'GET', `/documents/${id}`);
  assert.equal(got.status, 200, JSON.stringify(got.body));
  const op = got.body.opinions[0];
  assert.equal(op.due, '2026-03-04');
  const implied = async () => (await runDueTimers(s.deps)).fired.filter((t) => t.kind === IMPLIED_CONSENT_KIND).length;
  s.clock.set('2026-03-04T17:00:00+08:00');
  assert.equal(await implied(), 0, 'on the due day silence is not yet consent');
  s.clock.set('2026-03-05T08:00:00+08:00');
  for (const l of Object.keys(c)) c[l] = await s.login(l);
  assert.equal(await implied(), 1);
  assert.equal(await implied(), 0, 'fires once');
  const after = (await call('t-office', 'GET', `/documents/${id}`)).body;
  assert.equal(after.opinions[0].state, 'implied');
  const ev = after.events.find((e: any) => e.action === 'opinion_implied');
  assert.equal(ev.article, 66);
  assert.match(ev.label, /视为无不同意见/);
  const late = await call('t-fgw', 'POST', `/documents/opinion-requests/${op.id}/reply`, { agree: false, reasons: '资金未列入计划' });
  assert.equal(late.status, 409);
  assert.equal(late.body.code, 'DOC.OPINION_CLOSED');
  // the 通知 goes on to issuance
  let v = (await call('t-office', 'POST', `/documents/${id}/countersign-finished`, { version: after.document.version })).body.version;
  v = (await call('t-office', 'POST', `/documents/${id}/review`, { opinion: '同意', version: v })).body.version;
  v = (await call('t-vm1', 'POST', `/documents/${id}/sign`, { version: v, reportedToMayor: true })).body.version;
  // 第七十一条: a substantive change after signing returns the draft to the signer
  const edit = await call('t-office', 'POST', `/documents/${id}/edit`, { body: '各县区人民政府，市政府有关部门：现将修改后的校园安全工作要求通知如下。', substantive: true, version: v });
  assert.equal(edit.body.state, 'signing');
  v = (await call('t-vm1', 'POST', `/documents/${id}/sign`, { version: edit.body.version, reportedToMayor: true })).body.version;
  v = (await call('t-office', 'POST', `/documents/${id}/check`, { version: v })).body.version;
  const n = await call('t-office', 'POST', `/documents/${id}/number`, { version: v });
  assert.match(n.body.docNumber, /^武政发〔2026〕\d+号$/);
  v = (await call('t-office', 'POST', `/documents/${id}/issue`, { version: n.body.version })).body.version;
  assert.equal((await call('t-office', 'POST', `/documents/${id}/distribute`, { version: v })).status, 200);
  const stale = await call('t-office', 'POST', `/documents/${id}/distribute`, { version: v });
  assert.equal(stale.status, 409);
});

test('发文字号: numbers issued in parallel are unique and gap-free; a voided number stays recorded', async () => {
  const ids: string[] = [];
  for (let i = 0; i < 8; i++) {
    const d = await call('t-office', 'POST', '/documents/outgoing', { docType: '函', direction: 'parallel', title: `并发编号测试${i}`, issuerName: '市政府办公室', issuerCode: '武政办函', leadUnitId: 'u-jyj',
      body: '关于并发编号测试的函，内容用于检验发文字号连续且不重复。', disclosure: '依申请公开' });
    let v = (await call('t-office', 'POST', `/documents/${d.body.id}/submit`, { version: 1 })).body.version;
    v = (await call('t-office', 'POST', `/documents/${d.body.id}/review`, { opinion: '同意', version: v })).body.version;
    v = (await call('t-vm1', 'POST', `/documents/${d.body.id}/sign`, { version: v, reportedToMayor: true })).body.version;
    await call('t-office', 'POST', `/documents/${d.body.id}/check`, { version: v });
    ids.push(d.body.id);
  }
  const numbers = await Promise.all(ids.map((id) => call('t-office', 'POST', `/documents/${id}/number`, {})));
  assert.equal(numbers[0].status, 200, JSON.stringify(numbers[0].body));
  const seqs = numbers.map((n) => Number(/〕(\d+)号/.exec(n.body.docNumber)![1])).sort((a, b) => a - b);
  assert.deepEqual(seqs, [1, 2, 3, 4, 5, 6, 7, 8]);
  const voided = await call('t-office', 'POST', `/documents/${ids[0]}/void-number`, { reason: '标题有误，重新编号', version: numbers[0].body.version });
  assert.equal(voided.status, 200);
  const { rows } = await s.t.db.query(`SELECT seq, state FROM doc_numbers WHERE issuer_code = '武政办函' ORDER BY seq`);
  assert.equal(rows.length, 8);
  assert.equal(rows.filter((r: any) => r.state === 'void').length, 1);
  const again = await call('t-office', 'POST', `/documents/${ids[0]}/number`, {});
  assert.equal(again.body.docNumber, '武政办函〔2026〕9号', 'a voided number is never reissued');
});

test('第六十六条 across a year whose holiday arrangement is not loaded: the countersign reads 日历未知 on the asked unit\'s 工作台 and on the document\'s page alike', async () => {
  s.clock.set('2026-12-30T09:00:00+08:00');
  for (const l of Object.keys(c)) c[l] = await s.login(l);
  const draft = await call('t-office', 'POST', '/documents/outgoing', {
    docType: '通知', direction: 'downward', title: '武威市人民政府关于做好元旦春节期间安全生产工作的通知', issuerName: '市政府', issuerCode: '武政发', leadUnitId: 'u-jyj',
    body: '各县区人民政府，市政府有关部门：现就元旦春节期间安全生产工作通知如下。', disclosure: '主动公开', countersignUnitIds: ['u-fgw'] });
  const id = draft.body.id;
  assert.equal((await call('t-office', 'POST', `/documents/${id}/submit`, { version: 1 })).body.state, 'countersigning');
  const page = (await call('t-office', 'GET', `/documents/${id}`)).body;
  const op = page.opinions[0];
  assert.ok(op.due > '2026-12-31', `the reply limit runs into 2027: ${op.due}`);
  assert.match(page.events.find((e: any) => e.action === 'opinion_requested').label, /^会签：(?!u-)/, 'the trail names the unit, not its id');
  const todo = (await call('t-fgw', 'GET', '/documents/workbench')).body.todos.find((t: any) => t.opinionId === op.id);
  assert.equal(todo.deadlineState, 'calendar_unknown');
  assert.equal(op.deadlineState, todo.deadlineState, 'one state for one deadline, wherever it is shown');
});
