// The documents flow on the real Wuwei demo organisation (demo/wuwei/org.yaml): the vice mayor in charge
// comes from 分管 (第十一条), an away vice mayor's items go to the AB岗 partner (our reading of 第十一条, labelled
// as such), and powers 第七十条 reserves to the mayor wait for the mayor.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from './http-harness.ts';
import { BACKUP_INTERPRETATION } from '../../src/domain/org/resolver.ts';

let s: TestServer;
const c: Record<string, string> = {};
const LOGINS = ['office-clerk', 'office-sec', 'mayor', 'vmayor-exec', 'vmayor3', 'vmayor4', 'jyj-clerk', 'lzq-clerk', 'fgw-clerk'];
before(async () => {
  // the demo is loaded on Monday 2026-03-02: 马志远 (副市长, 分管水务) is away from 03-01 to 03-04, the mayor from 03-09 to 03-11
  s = await startTestServer({ now: '2026-03-02T09:00:00+08:00' });
  for (const l of LOGINS) c[l] = await s.login(l);
});
after(async () => { await s.close(); });

const call = async (who: string, method: 'GET' | 'POST', url: string, payload?: unknown) => {
  const r = await s.app.inject({ method, url: `/api/v1${url}`, headers: { cookie: c[who] }, ...(payload !== undefined ? { payload: payload as any } : {}) });
  return { status: r.statusCode, body: r.json() as any };
};

test('demo documents: every state, deadlines 按期/即将到期/已逾期 (第七十三条), an implied 无不同意见 (第六十六条) and a voided 武政发 number', async () => {
  const list = (await call('office-clerk', 'GET', '/documents?limit=500')).body.documents;
  const states = new Set(list.map((d: any) => `${d.flow}:${d.state}`));
  for (const st of ['incoming:received', 'incoming:registered', 'incoming:returned', 'incoming:reviewed', 'incoming:instructing', 'incoming:handling', 'incoming:closed',
    'outgoing:drafting', 'outgoing:countersigning', 'outgoing:signing', 'outgoing:signed', 'outgoing:issued', 'outgoing:distributed']) assert.ok(states.has(st), st);
  const deadlineStates = new Set(list.filter((d: any) => d.state === 'handling').map((d: any) => d.deadline?.state));
  assert.deepEqual([...deadlineStates].sort(), ['due_soon', 'on_time', 'overdue']);
  const { rows } = await s.t.db.query(`SELECT doc_number, state FROM doc_numbers WHERE issuer_code = '武政发' ORDER BY seq`);
  assert.ok(rows.some((r: any) => r.state === 'void'), 'a voided number stays recorded');
  assert.ok(rows.every((r: any) => /^武政发〔\d{4}〕\d+号$/.test(r.doc_number)));
  const implied = await s.t.db.query(`SELECT article FROM document_events WHERE action = 'opinion_implied'`);
  assert.equal(implied.rows[0]?.article, 66);
  const audit = await s.t.db.query(`SELECT count(*)::int AS n FROM audit_records WHERE action LIKE 'document.%'`);
  assert.ok(audit.rows[0].n > 50, 'the demo went through the use cases, so the audit trail is real');
  const returned = list.find((d: any) => d.state === 'returned');
  const trail = (await call('office-clerk', 'GET', `/documents/${returned.id}`)).body.events.find((e: any) => e.action === 'returned');
  assert.equal(trail.article, 62);
  assert.match(trail.label, /一文一事|一事/);
});

test('第六十八条 on the demo org: a 请示 from 凉州区 goes to 王雅琴, the vice mayor in charge of 市教育局', async () => {
  const r = await call('office-clerk', 'POST', '/documents/incoming', {
    docType: '请示', title: '武威市凉州区人民政府关于申请城区义务教育学校扩容项目补助资金的请示', issuerName: '武威市凉州区人民政府', issuerUnitId: 'unit-lzq',
    sourceDocNumber: '凉政发〔2026〕11号', body: '市人民政府：为缓解城区学位紧张，我区拟扩建三所义务教育学校，特申请市级补助资金。妥否，请批示。',
    facts: { matters: ['申请城区义务教育学校扩容项目市级补助资金'], principalRecipients: ['武威市人民政府'], submitterUnitId: 'unit-lzq' },
  });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  const id = r.body.id;
  let v = (await call('office-clerk', 'POST', `/documents/${id}/register`, {})).body.version;
  v = (await call('office-clerk', 'POST', `/documents/${id}/intake-review`, { outcome: 'pass', version: v })).body.version;
  const p = await call('office-clerk', 'POST', `/documents/${id}/proposal`, {
    text: '建议请王雅琴副市长阅处，市教育局牵头会同市财政局提出意见', leadUnitId: 'unit-jyj', cooperatingUnitIds: ['unit-czj'],
    duties: '市教育局核实学位缺口和项目方案，市财政局提出资金安排意见', timeLimitKind: 'jointOpinion', version: v });
  assert.equal(p.status, 200, JSON.stringify(p.body));
  assert.equal(p.body.steps.length, 1);
  assert.equal(p.body.steps[0].positionId, 'pos-vmayor-3', 'the vice mayor in charge of unit-jyj by 分管');
  assert.equal(p.body.steps[0].acting.outcome, 'self');
  assert.equal(p.body.steps[0].acting.personId, 'person-vmayor3');
  // her 工作台 shows the step; the mayor's does not
  const wb = (await call('vmayor3', 'GET', '/documents/workbench')).body;
  assert.ok(wb.todos.some((t: any) => t.documentId === id && t.kind === '阅处'), JSON.stringify(wb.todos));
  assert.ok(!(await call('mayor', 'GET', '/documents/workbench')).body.todos.some((t: any) => t.documentId === id));
  const done = await call('vmayor3', 'POST', `/documents/${id}/instructions`, { order: 1, text: '请市教育局会同市财政局5个工作日内提出意见' });
  assert.equal(done.body.state, 'handling');
  const detail = (await call('jyj-clerk', 'GET', `/documents/${id}`)).body;
  const lead = detail.assignments.find((a: any) => a.role === 'lead');
  assert.equal(lead.article, 73);
  assert.equal(lead.due, '2026-03-09', '5 working days from the day after 2026-03-02');
  assert.ok((await call('jyj-clerk', 'GET', '/documents/workbench')).body.todos.some((t: any) => t.documentId === id && t.kind === '承办（牵头）'));
  // 凉州区's clerk sees what the county sent, not the city's other documents
  assert.equal((await call('lzq-clerk', 'GET', `/documents/${id}`)).status, 200);
});

test('第十一条 AB岗: an incoming item of 马志远 (away) is routed to his partner 王雅琴, labelled as our reading', async () => {
  const r = await call('office-clerk', 'POST', '/documents/incoming', {
    docType: '请示', title: '武威市凉州区人民政府关于清源镇农村供水管网改造工程的请示', issuerName: '武威市凉州区人民政府', issuerUnitId: 'unit-lzq',
    facts: { matters: ['清源镇农村供水管网改造工程立项'], principalRecipients: ['武威市人民政府'], submitterUnitId: 'unit-lzq' },
  });
  const id = r.body.id;
  let v = (await call('office-clerk', 'POST', `/documents/${id}/register`, {})).body.version;
  v = (await call('office-clerk', 'POST', `/documents/${id}/intake-review`, { outcome: 'pass', version: v })).body.version;
  const p = await call('office-clerk', 'POST', `/documents/${id}/proposal`, {
    text: '建议请马志远副市长阅处，市水务局牵头提出意见', leadUnitId: 'unit-shuiwu', duties: '市水务局审核工程方案并提出意见', timeLimitKind: 'departmentOpinion', version: v });
  assert.equal(p.status, 200, JSON.stringify(p.body));
  const step = p.body.steps[0];
  assert.equal(step.positionId, 'pos-vmayor-4');
  assert.equal(step.acting.outcome, 'acting');
  assert.equal(step.acting.personId, 'person-vmayor3');
  assert.equal(step.acting.interpretation, BACKUP_INTERPRETATION);
  const detail = (await call('office-clerk', 'GET', `/documents/${id}`)).body;
  assert.equal(detail.steps[0].acting_interpretation, BACKUP_INTERPRETATION);
  assert.ok(detail.events.some((e: any) => e.action === 'leader_acting' && e.article === 11 && e.label.includes('第十一条')));
  assert.ok((await call('vmayor3', 'GET', '/documents/workbench')).body.todos.some((t: any) => t.documentId === id));
});

test('第七十一条 with 第十一条: the signer of a 通知 of 马志远\'s portfolio is computed while he is away — his AB岗 partner signs', async () => {
  const body = {
    docType: '通知', direction: 'downward', title: '武威市人民政府关于做好2026年春季农田水利设施维修养护工作的通知', issuerName: '武威市人民政府', issuerCode: '武政发',
    leadUnitId: 'unit-shuiwu', body: '各县区人民政府，市政府有关部门：为确保春灌顺利进行，现就做好农田水利设施维修养护工作通知如下。',
    principalRecipients: ['各县区人民政府', '市政府有关部门'], disclosure: '主动公开' };
  const pre = await call('office-clerk', 'POST', '/documents/outgoing/preview', body);
  assert.equal(pre.status, 200, JSON.stringify(pre.body));
  assert.equal(pre.body.signing.signerPositionId, 'pos-vmayor-4');
  assert.equal(pre.body.signing.article, 71);
  assert.equal(pre.body.acting.outcome, 'acting');
  assert.equal(pre.body.acting.personName, '王雅琴');
  assert.equal(pre.body.acting.interpretation, BACKUP_INTERPRETATION);
  const d = await call('office-clerk', 'POST', '/documents/outgoing', body);
  const id = d.body.id;
  const sub = await call('office-clerk', 'POST', `/documents/${id}/submit`, { version: 1 });
  assert.equal(sub.body.acting.personId, 'person-vmayor3');
  let v = (await call('office-clerk', 'POST', `/documents/${id}/review`, { opinion: '同意', version: sub.body.version })).body.version;
  const detail = (await call('vmayor3', 'GET', `/documents/${id}`)).body;
  assert.equal(detail.signer.personName, '王雅琴');
  assert.equal(detail.signer.interpretation, BACKUP_INTERPRETATION);
  assert.ok((await call('vmayor3', 'GET', '/documents/workbench')).body.todos.some((t: any) => t.documentId === id && t.kind === '签发'));
  const absent = await call('vmayor4', 'POST', `/documents/${id}/sign`, { version: v, reportedToMayor: true });
  assert.equal(absent.body.code, 'DOC.NOT_SIGNER', 'the away vice mayor does not sign from afar: his partner acts');
  const signed = await call('vmayor3', 'POST', `/documents/${id}/sign`, { version: v, reportedToMayor: true });
  assert.equal(signed.status, 200, JSON.stringify(signed.body));
  const ev = (await call('office-clerk', 'GET', `/documents/${id}`)).body.events.find((e: any) => e.action === 'signed');
  assert.match(ev.label, /AB岗/);
});

test('第七十条: a 人事任免 item waits for the mayor while he is away; nobody signs it for him', async () => {
  s.clock.set('2026-03-10T09:00:00+08:00');
  for (const l of LOGINS) c[l] = await s.login(l);
  const body = {
    docType: '通知', direction: 'downward', title: '武威市人民政府关于孔德平等同志职务任免的通知', issuerName: '武威市人民政府', issuerCode: '武政发',
    leadUnitId: 'unit-rsj', reservedMatter: '人事任免', body: '各县区人民政府，市政府各部门：经研究，决定任免下列同志职务。', disclosure: '主动公开' };
  const pre = (await call('office-clerk', 'POST', '/documents/outgoing/preview', body)).body;
  assert.equal(pre.signing.signerRole, 'mayor');
  assert.equal(pre.signing.article, 70);
  assert.equal(pre.acting.outcome, 'waits');
  assert.equal(pre.acting.personId, 'person-mayor');
  const id = (await call('office-clerk', 'POST', '/documents/outgoing', body)).body.id;
  let v = (await call('office-clerk', 'POST', `/documents/${id}/submit`, { version: 1 })).body.version;
  v = (await call('office-clerk', 'POST', `/documents/${id}/review`, { opinion: '同意', version: v })).body.version;
  const exec = await call('vmayor-exec', 'POST', `/documents/${id}/sign`, { version: v });
  assert.equal(exec.status, 422);
  assert.equal(exec.body.code, 'DOC.SIGNER_WAITS');
  assert.equal((await call('office-clerk', 'GET', `/documents/${id}`)).body.document.state, 'signing', 'nothing changed');
  s.clock.set('2026-03-12T09:00:00+08:00');
  c.mayor = await s.login('mayor');
  const back = await call('mayor', 'POST', `/documents/${id}/sign`, { version: v });
  assert.equal(back.status, 200, JSON.stringify(back.body));
});

test('第六十二条: the 登记 preview lists every 初审 violation of a 请示 with two matters, nothing stored', async () => {
  c['office-clerk'] = await s.login('office-clerk');
  const body = { docType: '请示', title: '古浪县人民政府关于两个事项的请示', issuerName: '古浪县人民政府', issuerUnitId: 'unit-gl',
    facts: { matters: ['申请移民区基础设施资金', '增加学校编制'], principalRecipients: ['武威市人民政府'], submitterUnitId: 'unit-gl' } };
  const r = await call('office-clerk', 'POST', '/documents/incoming/preview', body);
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.deepEqual(r.body.violations.map((v: any) => [v.code, v.article]), [['DOC.INTAKE_MULTIPLE_MATTERS', 62]]);
  const ok = await call('office-clerk', 'POST', '/documents/incoming/preview', { ...body, facts: { ...body.facts, matters: ['申请移民区基础设施资金'] } });
  assert.deepEqual(ok.body.violations, []);
  assert.equal((await call('office-clerk', 'GET', '/documents?q=两个事项')).body.documents.length, 0);
});
