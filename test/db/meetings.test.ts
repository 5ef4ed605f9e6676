// The meeting scenario through the API, on the Wuwei demo organisation (executive meeting: the mayor, six
// vice mayors… here 市长、常务副市长、5位副市长、秘书长 = 8 members: 半数 4, 三分之二 6).
// A disputed topic is coordinated at a special meeting (第五十三条), a personnel item fails two thirds until
// one more member arrives, the chair decides (第九条), minutes are signed by the mayor (第五十八条), and the
// decision's documents get their 第五十九条 deadlines on the official calendar.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from './http-harness.ts';
import { runDueTimers } from '../../src/jobs/timers.ts';
import { registerCalendarTimerKinds } from '../../src/app/calendar/deadlines.ts';
import { registerMeetingTimerKinds } from '../../src/app/meetings/timers.ts';
import { verifyOutput, readIdentity } from '../../src/output/index.ts';

let s: TestServer;
const cookies: Record<string, string> = {};
const LOGINS = ['office-clerk', 'fgw-clerk', 'mayor', 'vmayor-exec', 'vmayor1', 'vmayor4', 'vmayor5', 'sg'];

before(async () => {
  registerCalendarTimerKinds();
  registerMeetingTimerKinds();
  s = await startTestServer({ now: '2026-03-02T09:00:00+08:00' });
  for (const l of LOGINS) cookies[l] = await s.login(l);
});
after(async () => { await s.close(); });

const call = async (login: string, method: 'GET' | 'POST', url: string, payload?: unknown) => {
  const r = await s.app.inject({ method, url: `/api/v1${url}`, headers: { cookie: cookies[login] }, ...(payload !== undefined ? { payload: payload as object } : {}) });
  return { status: r.statusCode, body: r.headers['content-type']?.toString().includes('json') ? r.json() : r.rawPayload };
};
const get = (login: string, url: string) => call(login, 'GET', url);
const post = (login: string, url: string, payload: unknown = {}) => call(login, 'POST', url, payload);
const ok = (r: { status: number; body: any }) => { assert.equal(r.status, 200, JSON.stringify(r.body)); return r.body; };
const codes = (r: { body: any }) => (r.body.violations ?? []).map((v: any) => v.code);

async function through(topicId: string, steps: [string, string][]) {
  for (const [login, step] of steps) ok(await post(login, `/meetings/topics/${topicId}/steps`, { step }));
}
const FULL_PIPELINE: [string, string][] = [['vmayor-exec', 'propose'], ['office-clerk', 'collect'], ['sg', 'verify'], ['mayor', 'approve']];

const state: Record<string, string> = {};
/** moves the clock; sessions would expire across days, so everyone logs in again */
async function at(instant: string) {
  s.clock.set(instant);
  for (const l of LOGINS) cookies[l] = await s.login(l);
}

test('第五十六条: a department topic goes vice mayor → office → secretary-general → mayor, in that order only', async () => {
  const t = ok(await post('fgw-clerk', '/meetings/topics', {
    title: '关于武威市城区集中供热管网改造实施方案的议题', kind: 'majorDecision', meetingType: 'executive',
    departmentUnitId: 'unit-fgw', involvedUnitIds: ['unit-czj'], disputed: true, concernsOverall: true, innovative: true, clearProposal: true,
    proposal: '建议分三年实施，市级财政配套30%。',
  }));
  assert.equal(t.leaderPersonId, 'person-vmayor-exec', 'the vice mayor in charge of 市发展改革委, from the organisation');
  state.major = t.id;
  const early = await post('office-clerk', `/meetings/topics/${t.id}/steps`, { step: 'collect' });
  assert.equal(early.status, 422);
  assert.equal(early.body.code, 'MEETING.TOPIC_OUT_OF_ORDER');
  assert.equal(early.body.article, 56);
  const wrong = await post('vmayor1', `/meetings/topics/${t.id}/steps`, { step: 'propose' });
  assert.equal(wrong.status, 403);
  assert.equal(wrong.body.code, 'MEETING.TOPIC_STEP_NOT_AUTHORISED');
  await through(t.id, FULL_PIPELINE);
  const board = ok(await get('office-clerk', '/meetings/topics/board'));
  const row = board.topics.find((x: any) => x.id === t.id);
  assert.equal(row.stage, 'approved');
  assert.deepEqual(row.trail.map((x: any) => x.stage), ['draft', 'proposed', 'collected', 'verified', 'approved']);
  // what it still lacks: the special meeting's agreement and its 第三十四条 materials
  assert.deepEqual([...new Set(row.gaps.map((g: any) => g.code))].sort(), ['MEETING.DISPUTED_TOPIC_NOT_COORDINATED', 'MEETING.TOPIC_MATERIALS_MISSING']);
});

test('第五十三条, 第三十四条: a disputed topic without coordination and materials is not placed — every reason returned, nothing changed', async () => {
  const m = ok(await post('office-clerk', '/meetings', { type: 'executive', startsAt: '2026-03-05T09:00:00+08:00', place: '市政府常务会议室', video: false, observerPersonIds: ['person-fgw-head', 'person-czj-head'] }));
  assert.equal(m.hostPersonId, 'person-mayor');
  state.exec = m.id;
  const r = await post('office-clerk', `/meetings/topics/${state.major}/place`, { meetingId: m.id });
  assert.equal(r.status, 422);
  const c = codes(r);
  assert.ok(c.includes('MEETING.DISPUTED_TOPIC_NOT_COORDINATED'), c.join());
  assert.equal(c.filter((x: string) => x === 'MEETING.TOPIC_MATERIALS_MISSING').length, 3, 'assessment, collective decision, consultation');
  const detail = ok(await get('office-clerk', `/meetings/${m.id}`));
  assert.equal(detail.topics.length, 0);
});

test('第五十五条, 第五十三条: the vice mayor in charge records agreement at a special meeting; then the topic is placed', async () => {
  const sm = ok(await post('vmayor-exec', '/meetings', {
    type: 'special', startsAt: '2026-03-03T15:00:00+08:00', place: '市政府第三会议室', video: false, convenerPersonId: 'person-vmayor-exec',
    participantPersonIds: ['person-dsg1', 'person-fgw-head', 'person-czj-head'],
  }));
  const ct = ok(await post('fgw-clerk', '/meetings/topics', {
    title: '协调城区供热管网改造资金分担', kind: 'workReport', meetingType: 'special', departmentUnitId: 'unit-fgw', involvedUnitIds: ['unit-czj'], coordinatesTopicId: state.major,
  }));
  assert.equal((await post('mayor', `/meetings/topics/${ct.id}/steps`, { step: 'approve' })).status, 403, 'special-meeting topics are decided by the vice mayor');
  ok(await post('vmayor-exec', `/meetings/topics/${ct.id}/steps`, { step: 'approve' }));
  ok(await post('office-clerk', `/meetings/topics/${ct.id}/place`, { meetingId: sm.id }));
  await at('2026-03-03T15:00:00+08:00');
  for (const p of ['person-vmayor-exec', 'person-fgw-head', 'person-czj-head']) ok(await post('office-clerk', `/meetings/${sm.id}/attendance`, { personId: p, kind: 'arrive' }));
  ok(await post('vmayor-exec', `/meetings/${sm.id}/open`));
  ok(await post('vmayor-exec', `/meetings/${sm.id}/topics/${ct.id}/decision`, { outcome: 'agreed', text: '市发展改革委与市财政局就资金分担达成一致：市级配套30%。' }));
  ok(await post('vmayor-exec', `/meetings/${sm.id}/end`));

  for (const [kind, title] of [['assessment', '五性评估论证报告'], ['collectiveDecision', '市发展改革委党组会议纪要'], ['departmentConsultation', '市财政局会签意见']]) {
    ok(await post('fgw-clerk', `/meetings/topics/${state.major}/materials`, { kind, title }));
  }
  const placed = ok(await post('office-clerk', `/meetings/topics/${state.major}/place`, { meetingId: state.exec }));
  assert.deepEqual(placed.warnings, []);
});

test('第五十六条: a topic is filed by its reporting department or the office — a clerk of another department is refused, nothing stored', async () => {
  const input = { title: '市政府工作部门人事任免事项', kind: 'personnel', meetingType: 'executive', departmentUnitId: 'unit-rsj', concernsOverall: true, innovative: true, clearProposal: true };
  const before = ok(await get('office-clerk', '/meetings/topics/board')).topics.length;
  const r = await post('fgw-clerk', '/meetings/topics', input);
  assert.equal(r.status, 403);
  assert.equal(r.body.code, 'MEETING.TOPIC_FILER_NOT_IN_DEPARTMENT');
  assert.equal(r.body.article, 56);
  assert.match(r.body.violations[0].message, /依据第五十六条.*不在市人社局任职|依据第五十六条.*不在.*任职/);
  assert.equal(ok(await get('office-clerk', '/meetings/topics/board')).topics.length, before);
});

test('第五十三条: a personnel topic needs no 第三十四条 materials and goes through the same pipeline', async () => {
  const t = ok(await post('office-clerk', '/meetings/topics', {
    title: '市政府工作部门人事任免事项', kind: 'personnel', meetingType: 'executive', departmentUnitId: 'unit-rsj', concernsOverall: true, innovative: true, clearProposal: true,
  }));
  await through(t.id, FULL_PIPELINE);
  ok(await post('office-clerk', `/meetings/topics/${t.id}/place`, { meetingId: state.exec }));
  state.personnel = t.id;
});

test('第五十七条: leave is asked of the mayor before the meeting and reported to the office; not after it starts', async () => {
  await at('2026-03-04T16:00:00+08:00');
  const wrongApprover = ok(await post('vmayor4', `/meetings/${state.exec}/leaves`, { reason: '赴省农业农村厅汇报高标准农田建设' }));
  assert.equal(wrongApprover.approverPersonId, 'person-mayor');
  const bySg = await post('sg', `/meetings/${state.exec}/leaves/${wrongApprover.id}/decision`, { approve: true });
  assert.equal(bySg.body.code, 'MEETING.LEAVE_WRONG_APPROVER');
  ok(await post('mayor', `/meetings/${state.exec}/leaves/${wrongApprover.id}/decision`, { approve: true, note: '同意' }));
  const d = ok(await get('office-clerk', `/meetings/${state.exec}`));
  const l = d.leaves.find((x: any) => x.personId === 'person-vmayor4');
  assert.equal(l.status, 'approved');
  assert.ok(l.reportedToOfficeAt, 'the result is reported to the office');
});

test('第五十三条: the meeting opens at half; the personnel item fails two thirds until one more member arrives; 第九条 the chair decides', async () => {
  await at('2026-03-05T08:55:00+08:00');
  const arrive = (p: string) => post('office-clerk', `/meetings/${state.exec}/attendance`, { personId: p, kind: 'arrive' });
  for (const p of ['person-mayor', 'person-sg', 'person-vmayor1']) ok(await arrive(p));
  const early = await post('office-clerk', `/meetings/${state.exec}/open`);
  assert.equal(early.status, 422);
  assert.equal(early.body.code, 'MEETING.QUORUM_NOT_MET');
  assert.equal(early.body.violations[0].details.required, 4);
  ok(await arrive('person-vmayor-exec'));
  await at('2026-03-05T09:00:00+08:00');
  const opened = ok(await post('office-clerk', `/meetings/${state.exec}/open`));
  assert.equal(opened.number, 2, 'the demo already held the first executive meeting');

  const late = await post('vmayor5', `/meetings/${state.exec}/leaves`, { reason: '临时有事' });
  assert.equal(late.body.code, 'MEETING.LEAVE_AFTER_START');
  ok(await post('vmayor5', `/meetings/${state.exec}/opinions`, { topicId: state.major, text: '同意方案，建议优先改造老旧小区管网。' }));

  ok(await arrive('person-vmayor2'));
  const five = await post('mayor', `/meetings/${state.exec}/topics/${state.personnel}/decision`, { outcome: 'approved', text: '同意上述人事任免事项。' });
  assert.equal(five.status, 422);
  assert.equal(five.body.code, 'MEETING.TOPIC_QUORUM_NOT_MET');
  assert.deepEqual([five.body.violations[0].details.present, five.body.violations[0].details.required], [5, 6]);
  assert.equal(five.body.article, 53);
  let day = ok(await get('office-clerk', `/meetings/${state.exec}`));
  const pt = day.topics.find((t: any) => t.id === state.personnel);
  assert.equal(pt.stage, 'placed', 'nothing half-written after the refusal');
  assert.equal(pt.decision, null);
  assert.deepEqual(pt.quorum.map((q: any) => q.met), [true, false]);

  const notChair = await post('sg', `/meetings/${state.exec}/topics/${state.personnel}/decision`, { outcome: 'approved', text: '同意。' });
  assert.ok(codes(notChair).includes('MEETING.DECISION_NOT_BY_CHAIR'));

  ok(await arrive('person-vmayor3'));
  const dec = ok(await post('mayor', `/meetings/${state.exec}/topics/${state.personnel}/decision`, { outcome: 'approved', text: '同意上述人事任免事项。' }));
  assert.equal(dec.present.length, 6);
  ok(await post('mayor', `/meetings/${state.exec}/topics/${state.major}/decision`, {
    outcome: 'approvedInPrinciple', text: '原则同意实施方案，由市发展改革委根据会议意见修改后以市政府名义印发，并向省政府报告。',
    followUps: [{ kind: 'minorEdits', title: '武威市城区集中供热管网改造实施方案' }, { kind: 'upwardReport', title: '关于城区集中供热管网改造有关情况的报告', recipient: '省政府' }],
  }));
  day = ok(await get('office-clerk', `/meetings/${state.exec}`));
  const d = day.topics.find((t: any) => t.id === state.personnel).decision;
  assert.deepEqual(d.present.sort(), ['孙建华', '李晓峰', '林向东', '王雅琴', '赵启明', '郑文博'].sort());
  assert.deepEqual(d.absent.map((a: any) => [a.personId, a.leave]).sort(), [['person-vmayor4', 'approved'], ['person-vmayor5', null]]);
  assert.equal(day.topics.find((t: any) => t.id === state.major).opinions[0].name, '何俊');
});

test('第五十九条: ending the meeting on Thursday 2026-03-05 creates the documents to issue with their deadlines', async () => {
  await at('2026-03-05T11:30:00+08:00');
  const ended = ok(await post('mayor', `/meetings/${state.exec}/end`));
  const byKind = Object.fromEntries(ended.tasks.map((t: any) => [t.kind, t]));
  assert.equal(byKind.minorEdits.due, '2026-03-09', '3 days end on Sunday 03-08, rolled to Monday');
  assert.equal(byKind.upwardReport.due, '2026-03-09', '2 working days: Friday 03-06, Monday 03-09');
  const tasks = ok(await get('office-clerk', '/meetings/issuance-tasks')).tasks.filter((t: any) => t.meetingId === state.exec);
  assert.equal(tasks.length, 2);
  assert.ok(tasks.every((t: any) => t.article === 59 && t.status === 'open'));
  state.minorTask = byKind.minorEdits.id;
  state.minorDoc = byKind.minorEdits.documentId;
});

test('第五十九条: each document to issue is drafted in the outgoing register by the reporting department, linked to its task and deadline', async () => {
  const tasks = ok(await get('office-clerk', '/meetings/issuance-tasks')).tasks.filter((t: any) => t.meetingId === state.exec);
  const minor = tasks.find((t: any) => t.kind === 'minorEdits');
  const upward = tasks.find((t: any) => t.kind === 'upwardReport');
  assert.equal(minor.documentId, state.minorDoc);
  assert.deepEqual([minor.document.state, minor.document.title], ['drafting', '武威市人民政府关于印发《武威市城区集中供热管网改造实施方案》的通知']);
  assert.deepEqual([minor.due, minor.state, minor.label], ['2026-03-09', 'on_time', minor.label]);
  assert.match(minor.label, /第五十九条/);
  assert.equal(upward.document.title, '关于城区集中供热管网改造有关情况的报告', 'a title naming its 文种 is kept');

  const register = ok(await get('office-clerk', '/documents?flow=outgoing')).documents;
  const doc = register.find((d: any) => d.id === minor.documentId);
  assert.ok(doc, 'the draft is in the outgoing register');
  assert.deepEqual([doc.state, doc.doc_type, doc.lead_unit_id], ['drafting', '通知', 'unit-fgw']);
  assert.ok(ok(await get('fgw-clerk', '/documents?flow=outgoing')).documents.some((d: any) => d.id === minor.documentId), 'the reporting department (第五十六条第三款) sees its draft');
  const full = ok(await get('office-clerk', `/documents/${minor.documentId}`));
  const drafted = (full.events ?? full.trail ?? []).find((e: any) => e.action === 'drafted');
  assert.equal(drafted.article, 59);
  assert.deepEqual(drafted.payload.source, { kind: 'meeting', id: minor.id, article: 59 });
  const upDoc = ok(await get('office-clerk', `/documents/${upward.documentId}`));
  assert.deepEqual([upDoc.document?.direction ?? upDoc.direction, (upDoc.document ?? upDoc).principal_recipients], ['upward', ['省政府']]);
});

test('第五十九条: the issuance reminder and the 催办 fire once each as durable timers, audited with the article', async () => {
  await at('2026-03-09T00:00:01+08:00');
  await runDueTimers(s.deps);
  await at('2026-03-10T00:00:01+08:00');
  await runDueTimers(s.deps);
  assert.deepEqual((await runDueTimers(s.deps)).fired, [], 'nothing fires twice');
  const recs = ok(await get('office-clerk', `/audit/records?objectType=meeting_issuance_task&objectId=${state.minorTask}`)).records;
  const byAction = (a: string) => recs.filter((r: any) => r.action === a);
  assert.equal(byAction('deadline.set').length, 1);
  assert.equal(byAction('deadline.reminded').length, 1);
  assert.equal(byAction('deadline.escalated').length, 1);
  assert.ok([...byAction('deadline.reminded'), ...byAction('deadline.escalated')].every((r: any) => r.article === 59));
  assert.match(byAction('deadline.escalated')[0].payload.message, /逾期催办.*2026-03-09.*第五十九条/);
  const task = ok(await get('office-clerk', '/meetings/issuance-tasks')).tasks.find((t: any) => t.id === state.minorTask);
  assert.equal(task.state, 'overdue');
  await at('2026-03-05T11:30:00+08:00');
});

test('第五十八条: executive minutes drafted by the office, refused from the secretary-general, signed by the mayor; Word export', async () => {
  const day = ok(await get('office-clerk', `/meetings/${state.exec}`));
  assert.match(day.minutesDraft, /市政府第2次常务会议/);
  assert.match(day.minutesDraft, /请假：马志远/);
  assert.match(day.minutesDraft, /列席：/);
  const byDept = await post('fgw-clerk', `/meetings/${state.exec}/minutes`, { text: day.minutesDraft });
  assert.equal(byDept.body.code, 'MEETING.MINUTES_WRONG_DRAFTER');
  ok(await post('office-clerk', `/meetings/${state.exec}/minutes`, { text: day.minutesDraft, version: 0 }));
  const wrong = await post('sg', `/meetings/${state.exec}/minutes/sign`, {});
  assert.equal(wrong.status, 403);
  assert.equal(wrong.body.code, 'MEETING.MINUTES_WRONG_SIGNER');
  assert.equal(wrong.body.article, 58);
  const signed = ok(await post('mayor', `/meetings/${state.exec}/minutes/sign`, {}));
  assert.equal(signed.signedBy, '林向东');
  const again = await post('office-clerk', `/meetings/${state.exec}/minutes`, { text: '改动' });
  assert.equal(again.body.code, 'MEETING.MINUTES_ALREADY_SIGNED');
  state.minutesSm3 = signed.sm3;
  assert.match(signed.sm3, /^[0-9a-f]{64}$/);
});

test('第五十八条: the signed 纪要 downloads as PDF, Word and OFD in the GB/T 9704 format, each carrying the SM3 digest recorded at signing', async () => {
  for (const [format, magic] of [['pdf', '%PDF'], ['docx', 'PK'], ['ofd', 'PK']] as const) {
    const r = await s.app.inject({ method: 'GET', url: `/api/v1/meetings/${state.exec}/minutes.${format}`, headers: { cookie: cookies['office-clerk'] } });
    assert.equal(r.statusCode, 200, r.body);
    assert.equal(r.rawPayload.subarray(0, magic.length).toString(), magic);
    assert.equal(r.headers['x-zhengtong-sm3'], state.minutesSm3);
    const id = await readIdentity(r.rawPayload);
    assert.equal(id.format, format);
    assert.equal(id.identity.sm3, state.minutesSm3);
    assert.match(id.identity.documentNumber, /武威市人民政府常务会议纪要 第2期/);
    assert.equal((await verifyOutput(r.rawPayload, state.minutesSm3)).valid, true);
  }
  const recs = ok(await get('office-clerk', `/audit/records?objectType=meeting&objectId=${state.exec}`)).records;
  assert.equal(recs.find((r: any) => r.action === 'meeting.minutes.signed').payload.sm3, state.minutesSm3);
  const exports = recs.filter((r: any) => r.action === 'meeting.minutes.exported');
  assert.deepEqual(exports.map((r: any) => r.payload.format), ['pdf', 'docx', 'ofd']);
  assert.ok(exports.every((r: any) => r.payload.sm3 === state.minutesSm3 && r.article === 58));
});

test('第五十三条: a topic for the party committee is reported in the party group\'s name only after the mayor approves', async () => {
  await at('2026-03-06T09:00:00+08:00');
  const m = ok(await post('office-clerk', '/meetings', { type: 'executive', startsAt: '2026-03-06T10:00:00+08:00', place: '市政府常务会议室', video: false }));
  const t = ok(await post('fgw-clerk', '/meetings/topics', { title: '武威市“十五五”规划纲要（草案）', kind: 'workReport', meetingType: 'executive', departmentUnitId: 'unit-fgw', toPartyCommittee: true, concernsOverall: true, innovative: true, clearProposal: true }));
  await through(t.id, FULL_PIPELINE);
  ok(await post('office-clerk', `/meetings/topics/${t.id}/place`, { meetingId: m.id }));
  await at('2026-03-06T10:00:00+08:00');
  for (const p of ['person-mayor', 'person-sg', 'person-vmayor1', 'person-vmayor2']) ok(await post('office-clerk', `/meetings/${m.id}/attendance`, { personId: p, kind: 'arrive' }));
  assert.equal(ok(await post('mayor', `/meetings/${m.id}/open`)).number, 3);
  ok(await post('mayor', `/meetings/${m.id}/topics/${t.id}/decision`, { outcome: 'approved', text: '同意提请市委常委会会议审议。' }));
  const ended = ok(await post('mayor', `/meetings/${m.id}/end`));
  assert.equal(ended.tasks.length, 1);
  const task = ok(await get('office-clerk', '/meetings/issuance-tasks')).tasks.find((x: any) => x.meetingId === m.id);
  assert.equal(task.senderName, '市政府党组');
  const early = await post('office-clerk', `/meetings/issuance-tasks/${task.id}/issued`, { issuedRef: '武政党组〔2026〕5号' });
  assert.equal(early.body.code, 'MEETING.TASK_NEEDS_MAYOR_APPROVAL');
  assert.equal((await post('sg', `/meetings/issuance-tasks/${task.id}/mayor-approval`)).body.code, 'MEETING.TASK_APPROVAL_NOT_MAYOR');
  ok(await post('mayor', `/meetings/issuance-tasks/${task.id}/mayor-approval`));
  assert.equal(ok(await post('office-clerk', `/meetings/issuance-tasks/${task.id}/issued`, { issuedRef: '武政党组〔2026〕5号' })).onTime, true);
});

test('第六十一条: a second citywide meeting of a department in a year needs a recorded justification and explicit approval', async () => {
  const base = { departmentUnitId: 'unit-fgw', date: '2027-04-10', hostName: '市发展改革委', viceMayorConsent: { personId: 'person-vmayor-exec', date: '2026-03-06' },
    formalRequest: '市发展改革委关于召开全市发展改革工作会议的请示', video: true, invitesCountyHeads: false, invitesCityLeaders: false };
  const first = ok(await post('fgw-clerk', '/meetings/citywide', { ...base, title: '全市发展改革工作会议' }));
  assert.deepEqual(first.warnings, []);
  const gov = await post('fgw-clerk', '/meetings/citywide', { ...base, title: '全市项目建设推进会', hostName: '武威市人民政府' });
  assert.deepEqual(codes(gov), ['MEETING.CITYWIDE_IN_GOVERNMENT_NAME', 'MEETING.CITYWIDE_JUSTIFICATION_MISSING']);
  const second = ok(await post('fgw-clerk', '/meetings/citywide', { ...base, title: '全市项目建设推进会', justification: '省政府部署项目建设攻坚行动，须年内再次部署' }));
  assert.deepEqual(second.warnings.map((w: any) => w.code), ['MEETING.CITYWIDE_OVER_YEARLY_LIMIT']);
  const plain = await post('office-clerk', `/meetings/citywide/${second.id}/decision`, { approve: true, note: '同意' });
  assert.equal(plain.body.code, 'MEETING.CITYWIDE_OVER_LIMIT_NOT_APPROVED');
  ok(await post('office-clerk', `/meetings/citywide/${second.id}/decision`, { approve: true, note: '同意，理由成立', approveOverLimit: true }));
  assert.equal(ok(await get('office-clerk', '/meetings/rhythm?year=2027')).citywide.find((c: any) => c.departmentUnitId === 'unit-fgw').count, 2);
  const rh = ok(await get('office-clerk', '/meetings/rhythm?year=2026'));
  const march = rh.meetings.find((r: any) => r.type === 'executive' && r.period === '2026-03');
  assert.deepEqual([march.held, march.state], [2, 'within']);
});

test('第五十六条: a meeting is cancelled with a reason — its record stays, its topics go back to the pool; a cancelled meeting cannot be moved', async () => {
  await at('2026-03-06T11:00:00+08:00');
  const m = ok(await post('office-clerk', '/meetings', { type: 'executive', startsAt: '2026-03-12T09:00:00+08:00', place: '市政府常务会议室', video: false }));
  const t = ok(await post('office-clerk', '/meetings/topics', { title: '关于2026年度重大项目谋划储备情况的汇报', kind: 'workReport', meetingType: 'executive', departmentUnitId: 'unit-fgw', concernsOverall: true, innovative: true, clearProposal: true }));
  await through(t.id, FULL_PIPELINE);
  ok(await post('office-clerk', `/meetings/topics/${t.id}/place`, { meetingId: m.id }));
  const noReason = await post('office-clerk', `/meetings/${m.id}/cancel`, { reason: ' ' });
  assert.equal(noReason.body.code, 'MEETING.REASON_REQUIRED');
  const byDept = await post('fgw-clerk', `/meetings/${m.id}/cancel`, { reason: '改期' });
  assert.equal(byDept.status, 403);
  ok(await post('office-clerk', `/meetings/${m.id}/cancel`, { reason: '市长参加省政府全体会议' }));
  const d = ok(await get('office-clerk', `/meetings/${m.id}`));
  assert.deepEqual([d.meeting.status, d.meeting.cancelReason, d.changes[0].kind], ['cancelled', '市长参加省政府全体会议', 'cancelled']);
  assert.ok(ok(await get('office-clerk', '/meetings')).meetings.some((x: any) => x.id === m.id), 'a cancelled meeting keeps its record');
  const row = ok(await get('office-clerk', '/meetings/topics/board')).topics.find((x: any) => x.id === t.id);
  assert.deepEqual([row.stage, row.meetingId], ['approved', null]);
  const again = await post('office-clerk', `/meetings/${m.id}/reschedule`, { startsAt: '2026-03-13T09:00:00+08:00', reason: '改期' });
  assert.equal(again.body.code, 'MEETING.NOT_SCHEDULED');
  const audit = ok(await get('office-clerk', `/audit/records?objectType=meeting&objectId=${m.id}`)).records;
  assert.equal(audit.find((r: any) => r.action === 'meeting.cancelled').article, 56);
});

test('第十三条: a meeting moved into the mayor\'s entrusted absence is hosted by the executive vice mayor; the change is recorded', async () => {
  const m = ok(await post('office-clerk', '/meetings', { type: 'executive', startsAt: '2026-03-16T09:00:00+08:00', place: '市政府常务会议室', video: false }));
  assert.equal(m.hostPersonId, 'person-mayor');
  const moved = ok(await post('office-clerk', `/meetings/${m.id}/reschedule`, { startsAt: '2026-03-10T09:00:00+08:00', reason: '提前研究春耕生产' }));
  assert.equal(moved.hostPersonId, 'person-vmayor-exec');
  const d = ok(await get('office-clerk', `/meetings/${m.id}`));
  assert.equal(d.meeting.startsAt, '2026-03-10T01:00:00.000Z');
  assert.deepEqual([d.changes[0].kind, d.changes[0].before.hostPersonId, d.changes[0].after.hostPersonId], ['rescheduled', 'person-mayor', 'person-vmayor-exec']);
});

test('第五十六条第二款, 第三十四条: at the materials cut-off the topics still lacking materials are recorded once', async () => {
  const m = ok(await post('office-clerk', '/meetings', { type: 'executive', startsAt: '2026-03-20T09:00:00+08:00', materialsDueAt: '2026-03-18T17:00:00+08:00', place: '市政府常务会议室', video: false }));
  const t = ok(await post('fgw-clerk', '/meetings/topics', { title: '关于武威市物流枢纽建设实施方案的议题', kind: 'majorDecision', meetingType: 'executive', departmentUnitId: 'unit-fgw', concernsOverall: true, innovative: true, clearProposal: true }));
  await through(t.id, FULL_PIPELINE);
  ok(await post('fgw-clerk', `/meetings/topics/${t.id}/materials`, { kind: 'assessment', title: '五性评估论证报告' }));
  ok(await post('fgw-clerk', `/meetings/topics/${t.id}/materials`, { kind: 'collectiveDecision', title: '委党组会议纪要' }));
  ok(await post('office-clerk', `/meetings/topics/${t.id}/place`, { meetingId: m.id }));
  await at('2026-03-18T17:00:01+08:00');
  await runDueTimers(s.deps);
  await runDueTimers(s.deps);
  const recs = ok(await get('office-clerk', `/audit/records?objectType=meeting&objectId=${m.id}`)).records.filter((r: any) => r.action === 'meeting.materials.cutoff');
  assert.equal(recs.length, 1);
  assert.equal(recs[0].article, 56);
  assert.deepEqual(recs[0].payload.lacking, [], 'the materials were complete before the cut-off');
  const late = ok(await post('fgw-clerk', `/meetings/topics/${t.id}/materials`, { kind: 'stabilityRisk', title: '补充社会稳定风险评估' }));
  assert.deepEqual(late.warnings.map((w: any) => [w.code, w.article]), [['MEETING.MATERIALS_LATE', 56]]);
});

test('第十三条: while the mayor is in Beijing having entrusted it, the executive vice mayor hosts the executive meeting', async () => {
  const m = ok(await post('office-clerk', '/meetings', { type: 'executive', startsAt: '2026-03-10T09:00:00+08:00', place: '市政府常务会议室', video: false }));
  assert.equal(m.hostPersonId, 'person-vmayor-exec');
  assert.match(m.hostBasis, /受市长委托/);
});
