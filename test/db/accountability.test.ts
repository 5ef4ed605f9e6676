// API scenarios for congress suggestions, petitions, reconsideration, litigation, public supervision,
// internal control, contingency plans, dissent and the accountability list, against the Wuwei demo
// (PGlite, or PostgreSQL with DATABASE_URL).
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

const call = async (method: 'GET' | 'POST', url: string, payload?: unknown, cookie = clerk) => {
  const r = await s.app.inject({ method, url: `/api/v1${url}`, headers: { cookie }, ...(payload ? { payload: payload as object } : {}) });
  return { status: r.statusCode, body: r.json() };
};
const count = async (table: string) => Number((await s.deps.db.query(`SELECT count(*)::int AS n FROM ${table}`)).rows[0].n);
const codes = (b: any) => (b.violations ?? []).map((v: any) => v.code);
const register = async (body: Record<string, unknown>) => {
  const r = await call('POST', '/accountability/cases', body);
  assert.equal(r.status, 201, JSON.stringify(r.body));
  return r.body as { id: string; due: string | null };
};

test('第四十四条: a suggestion is assigned with a 3-month limit, answered only after contact with the delegate and with a result code, then published', async () => {
  const { id } = await register({ kind: 'suggestion', title: '关于加快城区老旧小区改造的建议', refNo: '市六届人大三次会议第018号', party: '代表 周海燕', receivedOn: '2026-02-20' });
  const assign = await call('POST', `/accountability/cases/${id}/assign`, { on: '2026-03-02', summary: '交市住建局主办，市财政局协办', leadUnitId: 'unit-zjj', coUnitIds: ['unit-czj'] });
  assert.equal(assign.status, 201, JSON.stringify(assign.body));
  assert.equal(assign.body.due, '2026-06-02');
  const before = [await count('acc_case_steps'), await count('audit_records')];
  const early = await call('POST', `/accountability/cases/${id}/reply`, { on: '2026-03-02', summary: '已答复' });
  assert.equal(early.status, 422);
  assert.deepEqual(codes(early.body), ['ACC.DELEGATE_NOT_CONTACTED', 'ACC.UNKNOWN_RESULT_CODE']);
  assert.ok(early.body.violations.every((v: any) => v.article === 44 && /依据第四十四条/.test(v.message)));
  assert.deepEqual([await count('acc_case_steps'), await count('audit_records')], before, 'a refusal writes nothing');

  assert.equal((await call('POST', `/accountability/cases/${id}/contact`, { on: '2026-03-02', summary: '电话联系周海燕代表，当面听取意见' })).status, 201);
  const reply = await call('POST', `/accountability/cases/${id}/reply`, { on: '2026-03-02', summary: '已列入2026年改造计划', resultCode: 'B' });
  assert.equal(reply.status, 201, JSON.stringify(reply.body));
  const replied = await call('GET', `/accountability/cases/${id}`);
  assert.equal(replied.body.status, 'replied');
  assert.deepEqual(replied.body.deadlines, [], 'the reply closes the reply limit');
  assert.deepEqual(replied.body.obligations.map((o: any) => [o.code, o.article]), [['publish', 44]]);
  assert.equal((await call('POST', `/accountability/cases/${id}/publish`, { on: '2026-03-02', summary: '在市政府门户网站公开答复', publishedAt: '市政府门户网站' })).status, 201);
  const done = await call('GET', `/accountability/cases/${id}`);
  assert.equal(done.body.status, 'closed');
  assert.deepEqual(done.body.trail.map((t: any) => t.action), [
    'accountability.suggestion.registered', 'deadline.set', 'accountability.suggestion.assign', 'accountability.suggestion.contact', 'accountability.suggestion.reply', 'accountability.suggestion.publish',
  ]);
});

test('第四十四条: a complex proposal has 6 months; a misassigned item returned late is recorded and feeds the accountability list (第八十九条)', async () => {
  const { id } = await register({ kind: 'proposal', title: '关于石羊河流域生态补偿机制的提案', party: '委员 蒋立新', receivedOn: '2026-01-05' });
  const a = await call('POST', `/accountability/cases/${id}/assign`, { on: '2026-01-06', summary: '交市水务局主办', leadUnitId: 'unit-shuiwu', complex: true });
  assert.equal(a.body.due, '2026-07-06');
  const back = await call('POST', `/accountability/cases/${id}/return`, { on: '2026-02-27', summary: '生态补偿不属本局职责，建议交市生态环境局' });
  assert.equal(back.status, 201);
  assert.deepEqual(back.body.warnings.map((w: any) => [w.code, w.article]), [['ACC.RETURN_LATE', 44]]);
  const list = await call('GET', '/accountability/list');
  assert.equal(list.status, 200);
  const row = list.body.rows.find((r: any) => r.objectId === id);
  assert.equal(row.kind, 'bounced');
  assert.equal(row.unit, '市水务局');
  assert.match(row.detail, /未及时退回/);
  assert.equal(list.body.article, 89);
});

test('第四十八条 and 第四十九条: a petition is routed in 15 days and closed in 60, extended once by at most 30; an important letter needs a leader, a major issue a supervision item', async () => {
  const { id, due } = await register({ kind: 'petition', title: '群众反映供暖不达标的来信', party: '来信人 王某', receivedOn: '2026-03-01', important: true, major: true });
  assert.equal(due, '2026-03-16');
  const routed = await call('POST', `/accountability/cases/${id}/route`, { on: '2026-03-02', summary: '转市住建局办理', leadUnitId: 'unit-zjj' });
  assert.equal(routed.status, 201, JSON.stringify(routed.body));
  assert.equal(routed.body.due, '2026-05-06', '60 days from 03-02 end on 05-01, inside the 劳动节 holiday, rolled to the next working day');

  const close = await call('POST', `/accountability/cases/${id}/reply`, { on: '2026-03-02', summary: '已答复' });
  assert.deepEqual(codes(close.body), ['ACC.LETTER_NOT_INSTRUCTED', 'ACC.MAJOR_NOT_SUPERVISED']);
  assert.ok(close.body.violations.every((v: any) => v.article === 49));

  const byClerk = await call('POST', `/accountability/cases/${id}/instruct`, { on: '2026-03-02', summary: '拟办意见', instructorPersonId: 'person-office-clerk' });
  assert.equal(byClerk.body.code, 'ACC.INSTRUCTOR_NOT_LEADER');
  assert.equal((await call('POST', `/accountability/cases/${id}/instruct`, { on: '2026-03-02', summary: '请市住建局一周内拿出整改方案', instructorPersonId: 'person-vmayor1' })).status, 201);

  const item = await call('POST', '/supervision/items', { title: '城区供暖不达标问题整改', kind: 'regular', scope: 'government', supervisorUnitId: 'unit-office', leadUnitId: 'unit-zjj', cooperatingUnitIds: [] });
  assert.equal(item.status, 201, JSON.stringify(item.body));
  assert.equal((await call('POST', `/accountability/cases/${id}/link`, { on: '2026-03-02', summary: '纳入市政府督查', supervisionItemId: 'sup-none' })).body.code, 'ACC.SUPERVISION_ITEM_NOT_FOUND');
  assert.equal((await call('POST', `/accountability/cases/${id}/link`, { on: '2026-03-02', summary: '纳入市政府督查', supervisionItemId: item.body.id })).status, 201);

  const tooLong = await call('POST', `/accountability/cases/${id}/extend`, { on: '2026-03-02', summary: '情况复杂', days: 31 });
  assert.deepEqual(codes(tooLong.body), ['ACC.EXTENSION_TOO_LONG', 'ACC.EXTENSION_NOT_APPROVED']);
  assert.ok(tooLong.body.violations.every((v: any) => v.article === 48));
  const ext = await call('POST', `/accountability/cases/${id}/extend`, { on: '2026-03-02', summary: '情况复杂', days: 30, approvedBy: '市信访局局长' });
  assert.equal(ext.status, 201);
  assert.equal(ext.body.due, '2026-06-01');
  assert.equal((await call('POST', `/accountability/cases/${id}/extend`, { on: '2026-03-02', summary: '再延', days: 5, approvedBy: 'x' })).body.code, 'ACC.ALREADY_EXTENDED');
  const ok = await call('POST', `/accountability/cases/${id}/reply`, { on: '2026-03-02', summary: '供暖已达标，已答复来信人' });
  assert.equal(ok.status, 201, JSON.stringify(ok.body));
  assert.equal(ok.body.status, 'closed');
});

test('第四十五条: the defence is due in 15 days and the case closes only after the effective judgment is carried out', async () => {
  const { id, due } = await register({ kind: 'litigation', title: '某公司诉市自然资源局行政处罚案', party: '原告 某建材公司', receivedOn: '2026-02-26' });
  assert.equal(due, '2026-03-13');
  assert.equal((await call('POST', `/accountability/cases/${id}/respond`, { on: '2026-03-02', summary: '已提交答辩状和证据' })).status, 201);
  assert.equal((await call('POST', `/accountability/cases/${id}/judgment`, { on: '2026-03-02', summary: '判决撤销处罚决定，重新作出', mustPerform: true })).status, 201);
  const early = await call('POST', `/accountability/cases/${id}/close`, { on: '2026-03-02', summary: '结案' });
  assert.equal(early.body.code, 'ACC.JUDGMENT_NOT_PERFORMED');
  assert.equal(early.body.article, 45);
  assert.equal((await call('POST', `/accountability/cases/${id}/perform`, { on: '2026-03-02', summary: '已重新作出处罚决定' })).status, 201);
  assert.equal((await call('POST', `/accountability/cases/${id}/close`, { on: '2026-03-02', summary: '结案' })).status, 201);
});

test('第四十六条: a reconsideration is reviewed in 5 days and decided in 60 from acceptance', async () => {
  const { id, due } = await register({ kind: 'reconsideration', title: '李某不服市市场监管局行政处罚申请复议', party: '申请人 李某', receivedOn: '2026-03-02' });
  assert.equal(due, '2026-03-09', '5 days end on Saturday 03-07, rolled to Monday');
  const decide = await call('POST', `/accountability/cases/${id}/decide`, { on: '2026-03-02', summary: '维持' });
  assert.equal(decide.body.code, 'ACC.STEP_OUT_OF_ORDER');
  const acc = await call('POST', `/accountability/cases/${id}/accept`, { on: '2026-03-02', summary: '依法受理' });
  assert.equal(acc.body.due, '2026-05-06', '60 days end on 05-01, inside the 劳动节 holiday, rolled to 05-06');
  const ext = await call('POST', `/accountability/cases/${id}/extend`, { on: '2026-03-02', summary: '情况复杂', days: 40, approvedBy: '复议机构负责人' });
  assert.deepEqual(ext.body.violations.map((v: any) => [v.code, v.article]), [['ACC.EXTENSION_TOO_LONG', 46]]);
});

test('第四十七条: a major issue raised by the media closes only after its result is published', async () => {
  const { id } = await register({ kind: 'media', title: '媒体报道某路段施工扰民', party: '武威日报', receivedOn: '2026-03-01', major: true });
  for (const step of ['investigate', 'handle']) assert.equal((await call('POST', `/accountability/cases/${id}/${step}`, { on: '2026-03-02', summary: step })).status, 201);
  const c = await call('POST', `/accountability/cases/${id}/close`, { on: '2026-03-02', summary: '办结' });
  assert.equal(c.body.code, 'ACC.RESULT_NOT_PUBLISHED');
  assert.match(c.body.message, /依据第四十七条/);
  assert.equal((await call('POST', `/accountability/cases/${id}/publish`, { on: '2026-03-02', summary: '在市政府门户网站公布处理结果' })).status, 201);
  assert.equal((await call('POST', `/accountability/cases/${id}/close`, { on: '2026-03-02', summary: '办结' })).status, 201);
});

test('第四十三条: in procurement the drafter never approves; posts are due for rotation after the pack interval', async () => {
  const req = await call('POST', '/accountability/approvals', { area: '政府采购', subject: '市政府办公室办公设备采购', unitId: 'unit-office' });
  assert.equal(req.status, 201, JSON.stringify(req.body));
  const self = await call('POST', `/accountability/approvals/${req.body.id}/decide`, { approve: true });
  assert.equal(self.status, 422);
  assert.equal(self.body.code, 'ACC.DRAFTER_APPROVES');
  assert.equal(self.body.article, 43);
  const other = await call('POST', `/accountability/approvals/${req.body.id}/decide`, { approve: true }, await s.login('office-sec'));
  assert.equal(other.status, 200, JSON.stringify(other.body));
  assert.equal((await call('POST', '/accountability/approvals', { area: '会务保障', subject: 'x' })).body.code, 'ACC.UNKNOWN_AREA');

  const rot = await call('POST', '/accountability/rotations', { personId: 'person-czj-head', unitId: 'unit-czj', post: '国库支付科科长', area: '财政资金分配使用', since: '2020-09-01' });
  assert.equal(rot.status, 201);
  assert.deepEqual([rot.body.dueOn, rot.body.state], ['2025-09-01', 'due']);
  const view = await call('GET', '/accountability/internal-control');
  assert.equal(view.body.rotations.find((r: any) => r.id === rot.body.id).state, 'due');
});

test('第二十二条: a contingency plan names its responsible unit and measures and is reviewed every 3 years', async () => {
  const bad = await call('POST', '/accountability/plans', { title: '武威市防汛抗旱应急预案', measures: ' ', responsibleUnitId: 'unit-yjj', approvedOn: '2025-05-10' });
  assert.deepEqual(codes(bad.body), ['ACC.PLAN_MEASURES_MISSING']);
  assert.equal(bad.body.article, 22);
  const p = await call('POST', '/accountability/plans', { title: '武威市防汛抗旱应急预案', risk: '洪涝、干旱', measures: '汛前隐患排查、物资储备、分级响应', responsibleUnitId: 'unit-yjj', approvedOn: '2022-05-10' });
  assert.equal(p.status, 201, JSON.stringify(p.body));
  assert.equal(p.body.nextReviewOn, '2025-05-12', '3 years from 2022-05-10 fall on Saturday, rolled to Monday');
  const list = await call('GET', '/accountability/plans');
  assert.equal(list.body.plans.find((x: any) => x.id === p.body.id).state, 'review_due');
  const rev = await call('POST', `/accountability/plans/${p.body.id}/reviews`, { on: '2026-03-02', summary: '完成评估，修订响应分级' });
  assert.equal(rev.body.nextReviewOn, '2029-03-02');
});

test('第七十七条: dissent is raised inside the government and the decision stands until remade', async () => {
  const out = await call('POST', '/accountability/dissents', { decisionRef: '市政府第12次常务会议纪要第3项', personId: 'person-vmayor2', channel: '媒体采访', content: '不同意补助标准', raisedOn: '2026-03-01' });
  assert.equal(out.body.code, 'ACC.DISSENT_CHANNEL');
  assert.match(out.body.message, /依据第七十七条/);
  const d = await call('POST', '/accountability/dissents', { decisionRef: '市政府第12次常务会议纪要第3项', personId: 'person-vmayor2', channel: '书面意见', content: '建议补助标准分档', raisedOn: '2026-03-01' });
  assert.equal(d.status, 201);
  assert.equal(d.body.decisionStands, true);
  let list = await call('GET', '/accountability/dissents');
  assert.equal(list.body.dissents.find((x: any) => x.id === d.body.id).decisionStands, true);
  assert.equal((await call('POST', `/accountability/dissents/${d.body.id}/remade`, { newDecisionRef: '市政府第13次常务会议纪要第1项', on: '2026-03-02' })).status, 200);
  list = await call('GET', '/accountability/dissents');
  assert.equal(list.body.dissents.find((x: any) => x.id === d.body.id).status, 'remade');
});

test('第八十九条: a petition left past its limit is on the accountability list, with its unit and article', async () => {
  const { id } = await register({ kind: 'petition', title: '反映农村饮水问题的来信', receivedOn: '2026-03-02' });
  await call('POST', `/accountability/cases/${id}/route`, { on: '2026-03-02', summary: '转市水务局', leadUnitId: 'unit-shuiwu' });
  s.clock.set('2026-06-10T09:00:00+08:00');
  clerk = await s.login('office-clerk');
  const list = await call('GET', '/accountability/list');
  const row = list.body.rows.find((r: any) => r.objectId === id && r.kind === 'overdue');
  assert.ok(row, JSON.stringify(list.body.rows.slice(0, 3)));
  assert.equal(row.article, 48);
  assert.equal(row.unit, '市水务局');
  assert.ok(list.body.byUnit.some((u: any) => u.unit === '市水务局' && u.overdue >= 1));
  const dept = await call('GET', '/accountability/list', undefined, await s.login('fgw-clerk'));
  assert.equal(dept.status, 200);
  const denied = await call('POST', '/accountability/cases', { kind: 'petition', title: 'x', receivedOn: '2026-06-01' }, await s.login('fgw-clerk'));
  assert.equal(denied.status, 403);
});

test('第四十四条 and 第四十八条 in the Wuwei demo: registers load through the use cases, with obligations and overdue petitions', async () => {
  s.clock.set('2026-03-02T09:00:00+08:00');
  clerk = await s.login('office-clerk');
  const list = await call('GET', '/accountability/cases');
  const old = list.body.cases.find((c: any) => c.title === '关于加快城区老旧小区改造的建议');
  assert.equal(old.status, 'replied');
  assert.deepEqual(old.obligations.map((o: any) => o.label), ['主动公开办理结果']);
  const water = list.body.cases.find((c: any) => c.title === '反映农村饮水水压不足的来信');
  assert.equal(water.deadlines[0].state, 'overdue');
  assert.equal(water.deadlines[0].article, 48);
  const plans = await call('GET', '/accountability/plans');
  assert.ok(plans.body.plans.some((p: any) => p.title === '武威市防汛抗旱应急预案' && p.state === 'review_due'));
  const acc = await call('GET', '/accountability/list');
  assert.ok(acc.body.rows.some((r: any) => r.kind === 'bounced' && r.title === '关于石羊河流域生态补偿机制的提案'));
});
