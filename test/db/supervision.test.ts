// API scenarios for supervision and leaders, against the Wuwei demo (PGlite, or PostgreSQL with DATABASE_URL).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { startTestServer, type TestServer } from './http-harness.ts';
import { runDueTimers } from '../../src/jobs/timers.ts';
import { CHASE_KIND, ESCALATE_KIND, OVERDUE_KIND } from '../../src/app/supervision/timers.ts';

let s: TestServer;
let clerk: string;
before(async () => {
  s = await startTestServer({ now: '2026-03-02T09:00:00+08:00' });
  clerk = await s.login('office-clerk');
});
after(async () => { await s.close(); });

const call = async (method: 'GET' | 'POST', url: string, payload?: unknown, cookie = clerk) => {
  const r = await s.app.inject({ method, url: `/api/v1${url}`, headers: { cookie }, ...(payload ? { payload: payload as object } : {}) });
  return { status: r.statusCode, body: r.headers['content-type']?.toString().includes('json') ? r.json() : r.rawPayload };
};
// moving the clock a day ends an idle session, so log in again
const at = async (when: string) => { s.clock.set(when); clerk = await s.login('office-clerk'); };
const count = async (table: string) => Number((await s.deps.db.query(`SELECT count(*)::int AS n FROM ${table}`)).rows[0].n);

test('第八十四条: a General Secretary instruction goes to the mayor first (第六十九条) and closes only after all five stages', async () => {
  const reg = await call('POST', '/supervision/instructions', {
    source: 'general_secretary', title: '关于黄河流域生态保护和高质量发展的重要指示', instructedBy: '习近平总书记', instructedOn: '2026-02-26', receivedOn: '2026-02-27', leadUnitId: 'unit-sthjj',
  });
  assert.equal(reg.status, 201, JSON.stringify(reg.body));
  assert.equal(reg.body.firstReader.reader, 'mayor');
  assert.equal(reg.body.firstReader.article, 69);
  assert.equal(reg.body.leaderPositionId, 'pos-mayor');
  const id = reg.body.id;

  const early = await call('POST', `/supervision/instructions/${id}/close`);
  assert.equal(early.status, 422);
  assert.equal(early.body.violations.length, 5);
  assert.ok(early.body.violations.every((v: any) => v.code === 'SUP.LOOP_STAGE_MISSING' && v.article === 84));

  const skip = await call('POST', `/supervision/instructions/${id}/stages`, { stage: '研究部署', on: '2026-02-28', summary: '常务会议研究', evidence: ['纪要'] });
  assert.equal(skip.status, 422);
  assert.equal(skip.body.code, 'SUP.STAGE_OUT_OF_ORDER');

  const stages = ['学习传达', '研究部署', '盯办落实', '调研督查', '现场核实'];
  for (const [i, stage] of stages.entries()) {
    const r = await call('POST', `/supervision/instructions/${id}/stages`, { stage, on: ['2026-02-27', '2026-02-28', '2026-03-01', '2026-03-01', '2026-03-02'][i], summary: `${stage}已完成`, evidence: [`佐证${i + 1}`] });
    assert.equal(r.status, 201, `${stage}: ${JSON.stringify(r.body)}`);
  }
  const closed = await call('POST', `/supervision/instructions/${id}/close`);
  assert.equal(closed.status, 200, JSON.stringify(closed.body));
  const detail = await call('GET', `/supervision/instructions/${id}`);
  assert.equal(detail.body.status, 'closed');
  assert.deepEqual(detail.body.trail.map((t: any) => t.action), ['instruction.registered', ...stages.map(() => 'instruction.stage_recorded'), 'instruction.closed']);
});

test('第八十五条: a provincial instruction closes only after a progress report', async () => {
  const reg = await call('POST', '/supervision/instructions', { source: 'provincial', title: '省政府领导关于春耕备耕的批示', instructedBy: '省政府领导', instructedOn: '2026-02-25', receivedOn: '2026-02-26', leadUnitId: 'unit-nyncj' });
  assert.equal(reg.body.loopKind, 'report_cycle');
  const no = await call('POST', `/supervision/instructions/${reg.body.id}/close`);
  assert.equal(no.body.code, 'SUP.REPORT_MISSING');
  assert.equal((await call('POST', `/supervision/instructions/${reg.body.id}/reports`, { on: '2026-03-01', summary: '已部署落实', evidence: [] })).status, 201);
  assert.equal((await call('POST', `/supervision/instructions/${reg.body.id}/close`)).status, 200);
});

test('第八十六条: a duplicate or multi-headed supervision is refused, an undesignated department too, and nothing is written', async () => {
  const item = { title: '全市重点项目建设推进情况', kind: 'regular', scope: 'government', supervisorUnitId: 'unit-office', leadUnitId: 'unit-fgw', cooperatingUnitIds: ['unit-czj'], source: { type: 'decision', id: 'decision-2026-05-1' } };
  const first = await call('POST', '/supervision/items', item);
  assert.equal(first.status, 201, JSON.stringify(first.body));
  assert.ok(first.body.due > '2026-03-02');
  const before = [await count('sup_items'), await count('sup_item_events'), await count('audit_records')];

  const dup = await call('POST', '/supervision/items', { ...item, title: '重点项目推进再督查' });
  assert.equal(dup.status, 422);
  assert.equal(dup.body.code, 'SUP.DUPLICATE_SUPERVISION');
  assert.equal(dup.body.article, 86);
  assert.match(dup.body.message, /依据第八十六条/);

  const multi = await call('POST', '/supervision/items', { ...item, supervisorUnitId: 'unit-sjj', cooperatingUnitIds: [] });
  assert.equal(multi.status, 422);
  assert.deepEqual(multi.body.violations.map((v: any) => v.code).sort(), ['SUP.MULTI_HEADED_SUPERVISION', 'SUP.NOT_DESIGNATED']);

  const undesignated = await call('POST', '/supervision/items', { ...item, source: undefined, title: '审计整改落实', kind: 'rectification', findingSource: '市审计局审计报告', supervisorUnitId: 'unit-sjj', leadUnitId: 'unit-jyj', cooperatingUnitIds: [] });
  assert.equal(undesignated.body.code, 'SUP.NOT_DESIGNATED');

  const overreach = await call('POST', '/supervision/items', { ...item, source: undefined, title: '县区财政督查', scope: 'department', supervisorUnitId: 'unit-czj', leadUnitId: 'unit-lzq', cooperatingUnitIds: [] });
  assert.equal(overreach.body.code, 'SUP.OVERREACH');

  assert.deepEqual([await count('sup_items'), await count('sup_item_events'), await count('audit_records')], before);

  const designated = await call('POST', '/supervision/items', { ...item, source: undefined, title: '审计整改落实', kind: 'rectification', findingSource: '市审计局审计报告', supervisorUnitId: 'unit-sjj', leadUnitId: 'unit-jyj', cooperatingUnitIds: [],
    designation: { byUnitId: 'unit-gov', ref: '市政府第5次常务会议纪要', on: '2026-02-27' } });
  assert.equal(designated.status, 201, JSON.stringify(designated.body));
  const got = await call('GET', `/supervision/items/${designated.body.id}`);
  assert.equal(got.body.designation.ref, '市政府第5次常务会议纪要');
});

test('第八十六条 and 第四十五条: an item moves stage by stage; a rectification closes only after reporting to the government', async () => {
  const open = await call('POST', '/supervision/items', { title: '巡察反馈问题整改', kind: 'rectification', findingSource: '市委巡察反馈', scope: 'government', supervisorUnitId: 'unit-office', leadUnitId: 'unit-mzj', cooperatingUnitIds: [] });
  const id = open.body.id;
  const jump = await call('POST', `/supervision/items/${id}/advance`, { to: 'concluded', on: '2026-03-02', summary: '结论', conclusion: '已整改' });
  assert.equal(jump.body.code, 'SUP.ITEM_STAGE_OUT_OF_ORDER');
  for (const [to, extra] of [['planned', {}], ['in_progress', {}], ['concluded', { conclusion: '整改到位' }]] as const) {
    const r = await call('POST', `/supervision/items/${id}/advance`, { to, on: '2026-03-02', summary: to, ...extra });
    assert.equal(r.status, 200, JSON.stringify(r.body));
  }
  const notReported = await call('POST', `/supervision/items/${id}/advance`, { to: 'applied', on: '2026-03-02', summary: '纳入考核' });
  assert.equal(notReported.body.code, 'SUP.RECTIFICATION_NOT_REPORTED');
  assert.equal((await call('POST', `/supervision/items/${id}/government-report`, { on: '2026-03-02', summary: '已书面报告市政府' })).status, 201);
  const closed = await call('POST', `/supervision/items/${id}/advance`, { to: 'applied', on: '2026-03-02', summary: '纳入考核' });
  assert.equal(closed.status, 200);
  const detail = await call('GET', `/supervision/items/${id}`);
  assert.equal(detail.body.followUp.state, 'closed');
  assert.ok(detail.body.trail.length >= 6);
  assert.ok(detail.body.trail.every((t: any) => t.actor_name && t.at));
});

test('第十一条: a vice mayor\'s trip reroutes the item to the AB partner (marked AB岗代理) and back on return', async () => {
  // 市公安局 is in 副市长李晓峰's portfolio (pos-vmayor-2), paired with pos-vmayor-5
  const open = await call('POST', '/supervision/items', { title: '平安建设重点任务落实', kind: 'unannounced', scope: 'government', supervisorUnitId: 'unit-office', leadUnitId: 'unit-sfj', cooperatingUnitIds: [] });
  assert.equal(open.status, 201, JSON.stringify(open.body));
  const itemOf = async () => (await call('GET', '/supervision/items')).body.items.find((i: any) => i.id === open.body.id);
  assert.equal((await itemOf()).handler.personId, 'person-vmayor2');

  const late = await call('POST', '/leaders/trips', { personId: 'person-vmayor2', kind: 'business', from: '2026-03-02', to: '2026-03-04', destination: '兰州', reason: '参加全省政法工作会议' });
  assert.equal(late.status, 422);
  assert.equal(late.body.code, 'LEAD.TRIP_LEAD_TIME');
  assert.equal(late.body.article, 79);

  const trip = await call('POST', '/leaders/trips', { personId: 'person-vmayor2', kind: 'business', from: '2026-03-03', to: '2026-03-05', destination: '兰州', reason: '参加全省政法工作会议' });
  assert.equal(trip.status, 201, JSON.stringify(trip.body));
  const overlap = await call('POST', '/leaders/trips', { personId: 'person-vmayor2', kind: 'study', from: '2026-03-05', to: '2026-03-06', destination: '北京', reason: '培训' });
  assert.equal(overlap.body.code, 'ORG.ABSENCE_OVERLAP');

  await at('2026-03-03T09:00:00+08:00');
  const during = await itemOf();
  assert.equal(during.handler.personId, 'person-vmayor5');
  assert.equal(during.handler.marker, 'AB岗代理');
  assert.match(during.handler.interpretation, /理解/);
  const board = await call('GET', '/leaders/whereabouts');
  const vm2 = board.body.leaders.find((r: any) => r.positionId === 'pos-vmayor-2');
  assert.equal(vm2.status, 'away');
  assert.equal(vm2.standIn.personId, 'person-vmayor5');

  await at('2026-03-04T09:00:00+08:00');
  const back = await call('POST', `/leaders/trips/${trip.body.absenceId}/return`, { returnedOn: '2026-03-04' });
  assert.equal(back.status, 200, JSON.stringify(back.body));
  const after = await itemOf();
  assert.equal(after.handler.personId, 'person-vmayor2');
  assert.equal(after.handler.marker, '本人');
  await at('2026-03-02T09:00:00+08:00');
});

test('第八十条: the duty board flags every uncovered hour of each department, and a shift closes the gap', async () => {
  const gapsOf = async (unitId: string) => (await call('GET', '/leaders/duty?from=2026-03-02')).body.units.find((u: any) => u.id === unitId).gaps;
  // the demo roster leaves 市政府办公室 uncovered from 18:00 to 24:00 two days from now
  const office = await gapsOf('unit-office');
  assert.deepEqual(office.map((g: any) => [g.code, g.article, g.details.date, g.details.startHour, g.details.endHour]), [['LEAD.ROSTER_GAP', 80, '2026-03-04', 18, 24]]);
  assert.match(office[0].message, /依据第八十条/);
  const bad = await call('POST', '/leaders/duty/shifts', { unitId: 'unit-office', date: '2026-03-04', startHour: 20, endHour: 26, personName: '' });
  assert.equal(bad.status, 422);
  assert.deepEqual(bad.body.violations.map((v: any) => v.code), ['LEAD.SHIFT_INVALID', 'LEAD.SHIFT_PERSON_MISSING']);
  assert.equal((await gapsOf('unit-office')).length, 1);
  assert.equal((await call('POST', '/leaders/duty/shifts', { unitId: 'unit-office', date: '2026-03-04', startHour: 18, endHour: 24, personName: '曹宇', phone: '0935-2210000' })).status, 201);
  assert.deepEqual(await gapsOf('unit-office'), []);
  // a whole uncovered day is one flag
  assert.deepEqual((await gapsOf('unit-tjj')).map((g: any) => [g.details.date, g.details.startHour, g.details.endHour]), [['2026-03-05', 0, 24]]);
});

test('第九十六条: a research day in the future is refused; progress counts days against the minimum', async () => {
  const daysOf = async () => (await call('GET', '/leaders/research?year=2026')).body.leaders.find((l: any) => l.personId === 'person-vmayor3').progress;
  const before = await daysOf();
  const future = await call('POST', '/leaders/research', { personId: 'person-vmayor3', from: '2026-03-02', to: '2026-03-03', place: '古浪县', topic: '生态移民' });
  assert.equal(future.status, 422);
  assert.equal(future.body.code, 'LEAD.RESEARCH_IN_FUTURE');
  assert.equal((await call('POST', '/leaders/research', { personId: 'person-vmayor3', from: '2026-02-24', to: '2026-02-26', place: '古浪县', topic: '生态移民' })).status, 201);
  const after = await daysOf();
  assert.equal(after.days, before.days + 3);
  assert.equal(after.minimum, 60);
  assert.equal(after.remaining, 60 - after.days);
});

test('第七十八条: a city leader\'s personal article needs approval; a department head\'s personal one does not', async () => {
  const leader = await call('POST', '/leaders/approvals', { kind: 'article', title: '推动河西走廊生态文明建设', authorPersonId: 'person-vmayor1', capacity: 'personal' });
  assert.equal(leader.body.required, true);
  assert.equal(leader.body.article, 78);
  const head = await call('POST', '/leaders/approvals', { kind: 'article', title: '谈谈统计工作', authorPersonId: 'person-tjj-head', capacity: 'personal' });
  assert.equal(head.body.required, false);
  const inscription = await call('POST', '/leaders/approvals', { kind: 'inscription', title: '题写馆名', authorPersonId: 'person-mayor', capacity: 'personal' });
  assert.equal(inscription.status, 422);
  assert.equal(inscription.body.article, 98);
});

test('第五十条: performance by department without ranking, and the 台账 opens in Excel with the expected columns', async () => {
  const perf = await call('GET', '/supervision/performance?by=department&from=2026-01-01&to=2026-12-31');
  assert.equal(perf.status, 200);
  assert.ok(perf.body.totals.total >= 3);
  const labels = perf.body.groups.map((g: any) => g.label);
  assert.deepEqual(labels, [...labels].sort((a: string, b: string) => a.localeCompare(b, 'zh-Hans-CN')));
  const x = await s.app.inject({ method: 'GET', url: '/api/v1/supervision/items.xlsx', headers: { cookie: clerk } });
  assert.equal(x.statusCode, 200);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(x.rawPayload as any);
  const ws = wb.worksheets[0];
  const header = (ws.getRow(1).values as unknown[]).slice(1);
  assert.deepEqual(header.slice(0, 4), ['序号', '督查事项', '督查方式', '督查类别']);
  assert.ok(header.includes('牵头单位') && header.includes('办理时限') && header.includes('办理状态'));
  const items = (await call('GET', '/supervision/items')).body.items;
  assert.equal(ws.rowCount, items.length + 1);
});

test('every supervision route refuses a caller without the permission', async () => {
  const duty = await s.login('duty');
  const r = await call('POST', '/supervision/items', { title: 'x', kind: 'regular', scope: 'government', supervisorUnitId: 'unit-office', leadUnitId: 'unit-fgw', cooperatingUnitIds: [] }, duty);
  assert.equal(r.status, 403);
});

test('第八十六条: 催办 and overdue escalation are durable timers that fire once, are recorded on the item and in the audit with the article, and stop when the item closes', async () => {
  await at('2026-03-02T09:00:00+08:00');
  const items = (await call('GET', '/supervision/items')).body.items;
  const overdue = items.find((i: any) => i.title === '城区停车难问题整治督查');
  assert.equal(overdue.followUp.state, 'overdue');
  const ours = async (id: string) => (await s.deps.db.query(`SELECT action, article, payload FROM audit_records WHERE object_type = 'supervision_item' AND object_id = $1 AND action IN ('supervision.chased', 'supervision.escalated') ORDER BY seq`, [id])).rows as any[];
  assert.deepEqual(await ours(overdue.id), []);

  await runDueTimers(s.deps);
  const fired = await ours(overdue.id);
  // what fired is what the board computes on read: 催办 from three working days before the due date, again the
  // day after it, escalation to the leader in charge once overdue by five working days (the demo item fell due
  // twenty days before the demo was loaded, so it is overdue by more than five working days on any day)
  const chain = ['承办部门主要负责同志', '协助的副秘书长', '分管市领导'];
  assert.equal(overdue.followUp.escalationLevel, 2);
  assert.deepEqual(fired.map((a) => [a.action, a.article, a.payload.escalateTo]), chain.map((c, i) => [i === 2 ? 'supervision.escalated' : 'supervision.chased', 86, c]));
  assert.ok(fired.every((a) => /依据第八十六条/.test(a.payload.summary)));
  await runDueTimers(s.deps);
  assert.equal((await ours(overdue.id)).length, 3, 'a timer fires once');

  s.clock.set('2026-03-06T09:00:00+08:00');
  await runDueTimers(s.deps);
  const escalated = (await ours(overdue.id)).filter((a) => a.action === 'supervision.escalated');
  assert.equal(escalated.length, 1);
  assert.equal(escalated[0].payload.escalateTo, '分管市领导');
  const detail = await call('GET', `/supervision/items/${overdue.id}`, undefined, await s.login('office-clerk'));
  assert.equal(detail.body.events.filter((e: any) => e.event_type === 'chase' && e.detail.automatic).length, 3);

  // an item closed before its timers fall due: they are cancelled
  await at('2026-03-02T09:00:00+08:00');
  const open = await call('POST', '/supervision/items', { title: '城区环境卫生整治督查', kind: 'regular', scope: 'government', supervisorUnitId: 'unit-office', leadUnitId: 'unit-zjj', cooperatingUnitIds: [] });
  assert.equal(open.status, 201, JSON.stringify(open.body));
  const timers = async () => (await s.deps.db.query(`SELECT kind, fired_at, cancelled_at FROM timers WHERE key = $1 ORDER BY kind`, [open.body.id])).rows as any[];
  assert.deepEqual((await timers()).map((t) => t.kind), [CHASE_KIND, ESCALATE_KIND, OVERDUE_KIND].sort());
  for (const [to, extra] of [['planned', {}], ['in_progress', {}], ['concluded', { conclusion: '已整改' }], ['applied', {}]] as const) {
    assert.equal((await call('POST', `/supervision/items/${open.body.id}/advance`, { to, on: '2026-03-02', summary: to, ...extra })).status, 200);
  }
  assert.ok((await timers()).every((t) => t.cancelled_at && !t.fired_at));
});
