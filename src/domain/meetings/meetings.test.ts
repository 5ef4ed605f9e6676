// Case tables for Chapter 9 (第五十一条–第六十一条) with 第九条, 第十条, 第十三条, 第三十四条, run against the
// parameters of the wuwei-2023 pack. Each case says why in its name.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { smallOrg } from '../org/fixture.ts';
import { meetingRules, issuanceRules, citywideRules } from '../../app/meetings/rules.ts';
import { shippedCalendar } from '../../app/calendar/files.ts';
import { checkQuorum, requiredPresent } from './quorum.ts';
import { advanceTopic, checkPlacement, requiredMaterials, type Coordination } from './topics.ts';
import {
  checkLeaveDecision,
  checkLeaveRequest,
  checkOpen,
  checkTopicDecision,
  checkWrittenOpinion,
  composeParticipants,
  presentPeople,
  resolveHost,
  type AttendanceEvent,
  type Leave,
} from './meeting.ts';
import { checkMinutesDraft, checkMinutesSigning, meetingTitle, minutesSigner } from './minutes.ts';
import { issuanceTasks } from './issuance.ts';
import { checkCitywideApproval, checkCitywideRequest, type CitywideRequest } from './citywide.ts';
import { rhythmReport } from './rhythm.ts';
import type { Meeting, MeetingType, Topic } from './types.ts';

const DAY = '2026-03-05';
const rules = meetingRules(DAY);
const codes = (d: { ok: boolean; violations?: { code: string }[] } & Record<string, any>) => (d.ok ? [] : d.violations!.map((v) => v.code));
const warnCodes = (d: { warnings: { code: string }[] }) => d.warnings.map((v) => v.code);

function topic(over: Partial<Topic> = {}): Topic {
  return {
    id: 't1', title: '关于城区供热管网改造的议题', kind: 'majorDecision', meetingType: 'executive', stage: 'draft',
    departmentUnitId: 'u-fgw', involvedUnitIds: [], disputed: false, involvesCounties: false, publicInterest: false,
    marketActivity: false, enterpriseRules: false, concernsOverall: true, innovative: true, clearProposal: true,
    toPartyCommittee: false, leaderPersonId: 'p-exec', materials: [
      { kind: 'assessment', title: '五性评估', submittedAt: '2026-03-01T09:00:00+08:00' },
      { kind: 'collectiveDecision', title: '局党组会议纪要', submittedAt: '2026-03-01T09:00:00+08:00' },
    ],
    meetingId: null, coordinatedByTopicId: null, coordinatesTopicId: null, ...over,
  };
}

function meeting(type: MeetingType = 'executive', over: Partial<Meeting> = {}): Meeting {
  const org = smallOrg();
  const host = resolveHost(org, type, DAY, rules, type === 'special' ? 'p-exec' : undefined);
  assert.ok(host.ok);
  const parts = composeParticipants(org, type, DAY, rules, host.value, { participantPersonIds: ['p-fgw'], observerPersonIds: ['p-jyj'] });
  assert.ok(parts.ok);
  return {
    id: 'm1', type, number: null, startsAt: `${DAY}T09:00:00+08:00`, place: '市政府第一会议室', video: false,
    hostPersonId: host.value.personId, hostBasis: host.value.basis, status: 'scheduled',
    materialsDueAt: `${DAY}T09:00:00+08:00`, endedAt: null, participants: parts.value, ...over,
  };
}
const arrive = (...ids: string[]): AttendanceEvent[] => ids.map((personId) => ({ personId, kind: 'arrive', at: `${DAY}T08:50:00+08:00` }));

// ---- 第五十三条: quorum, 以上 includes the number (民法典 第一千二百五十九条) ----
const half = rules.types.executive.quorum!;
const twoThirds = rules.types.executive.majorQuorum!;
for (const [members, present, q, met, why] of [
  [8, 4, half, true, '8人中4人到会是半数，“以上”含本数，可以召开'],
  [8, 3, half, false, '8人中3人不足半数'],
  [9, 5, half, true, '9人中5人超过半数'],
  [9, 4, half, false, '9人中4人不足半数（4.5）'],
  [9, 6, twoThirds, true, '9人中6人恰为三分之二，“以上”含本数'],
  [9, 5, twoThirds, false, '9人中5人不足三分之二'],
  [8, 5, twoThirds, false, '8人的三分之二是5.33，5人不够'],
  [8, 6, twoThirds, true, '8人中6人达到三分之二'],
  [8, 4, { ...half, inclusive: false }, false, '若惯例改为不含本数（超过半数），8人中4人不够'],
  [0, 0, half, false, '没有成员不能召开'],
] as const) {
  test(`第五十三条: ${why} (${present}/${members}, ${q.numerator}/${q.denominator})`, () => {
    assert.equal(checkQuorum(members, present, q).met, met);
  });
}

test('第五十三条: the required count follows the pack fraction and convention, not a literal', () => {
  assert.equal(requiredPresent(8, half), 4);
  assert.equal(requiredPresent(9, twoThirds), 6);
  assert.equal(requiredPresent(8, { numerator: 1, denominator: 2, inclusive: false }), 5);
});

// ---- 第五十二条, 第五十三条: composition from the organisation ----
test('第五十三条: executive meeting members are the mayor, the vice mayors and the secretary-general, each person once', () => {
  const m = meeting('executive');
  const members = m.participants.filter((p) => p.role === 'member').map((p) => p.personId).sort();
  assert.deepEqual(members, ['p-exec', 'p-mayor', 'p-sg', 'p-vm1', 'p-vm2', 'p-vm3']);
  assert.ok(m.participants.some((p) => p.personId === 'p-jyj' && p.role === 'observer'), '列席 recorded, not a member');
});

test('第五十二条: plenary members add the principal heads of constituent departments', () => {
  const m = meeting('plenary');
  const members = m.participants.filter((p) => p.role === 'member').map((p) => p.personId);
  assert.ok(members.includes('p-fgw') && members.includes('p-jyj'));
  assert.equal(members.filter((id) => id === 'p-vm3').length, 1, 'a vice mayor heading the police is counted once');
});

test('第五十四条: the mayor\'s office meeting has the mayor and the participants chosen for its topics', () => {
  const m = meeting('mayorsOffice');
  assert.deepEqual(m.participants.filter((p) => p.role === 'member').map((p) => p.personId).sort(), ['p-fgw', 'p-mayor']);
});

// ---- 第十条, 第十三条, 第五十五条: the host ----
const trip = (kind: 'business' | 'study' | 'leave') => ({ id: 'ab1', personId: 'p-mayor', kind, period: { from: '2026-03-04', to: '2026-03-06' } });
const entrust = { id: 'en1', kind: 'preside' as const, grantorPositionId: 'pos-mayor', granteePositionId: 'pos-exec', period: { from: '2026-03-04', to: '2026-03-06' } };
for (const [why, org, ok, host] of [
  ['第十条: the mayor in office hosts the executive meeting', smallOrg(), true, 'p-mayor'],
  ['第十三条: the mayor away on business AND having entrusted it — the executive vice mayor hosts', smallOrg({ absences: [trip('business')], entrustments: [entrust] }), true, 'p-exec'],
  ['第十三条: away on study with entrustment — the executive vice mayor hosts', smallOrg({ absences: [trip('study')], entrustments: [entrust] }), true, 'p-exec'],
  ['第十三条: away on business without entrustment — nobody hosts in the mayor\'s place', smallOrg({ absences: [trip('business')] }), false, null],
  ['第十三条: on leave (not business or study) — the entrustment does not apply', smallOrg({ absences: [trip('leave')], entrustments: [entrust] }), false, null],
] as const) {
  test(why, () => {
    const r = resolveHost(org, 'executive', DAY, rules);
    assert.equal(r.ok, ok);
    if (r.ok) assert.equal(r.value.personId, host);
    else assert.ok(codes(r).includes('MEETING.HOST_UNAVAILABLE'));
  });
}

test('第五十五条: a special meeting is convened by a vice mayor; the secretary-general cannot convene one', () => {
  assert.ok(resolveHost(smallOrg(), 'special', DAY, rules, 'p-vm1').ok);
  const r = resolveHost(smallOrg(), 'special', DAY, rules, 'p-sg');
  assert.deepEqual(codes(r), ['MEETING.CONVENER_NOT_VICE_MAYOR']);
});

// ---- 第五十六条: the topic pipeline ----
const exec = { personId: 'p-exec', roles: ['exec_vice_mayor'] };
const office = { personId: 'p-clerk', roles: ['office_clerk'] };
const sg = { personId: 'p-sg', roles: ['secretary_general'] };
const mayor = { personId: 'p-mayor', roles: ['mayor'] };
const vm1 = { personId: 'p-vm1', roles: ['vice_mayor'] };

test('第五十六条: vice mayor in charge proposes → office collects → secretary-general verifies → mayor decides', () => {
  let t = topic();
  for (const [step, who, stage] of [['propose', exec, 'proposed'], ['collect', office, 'collected'], ['verify', sg, 'verified'], ['approve', mayor, 'approved']] as const) {
    const d = advanceTopic(t, step, who, rules);
    assert.ok(d.ok, JSON.stringify(d));
    t = { ...t, stage: d.value };
    assert.equal(t.stage, stage);
  }
});

for (const [why, stage, step, who, code] of [
  ['第五十六条: the office cannot collect a topic the vice mayor has not proposed', 'draft', 'collect', office, 'MEETING.TOPIC_OUT_OF_ORDER'],
  ['第五十六条: the mayor cannot decide before the secretary-general verifies', 'collected', 'approve', mayor, 'MEETING.TOPIC_OUT_OF_ORDER'],
  ['第五十六条: only the vice mayor in charge of the department proposes', 'draft', 'propose', vm1, 'MEETING.TOPIC_STEP_NOT_AUTHORISED'],
  ['第五十六条: the secretary-general, not the office, verifies', 'collected', 'verify', office, 'MEETING.TOPIC_STEP_NOT_AUTHORISED'],
  ['第五十六条: the mayor, not the secretary-general, decides executive-meeting topics', 'verified', 'approve', sg, 'MEETING.TOPIC_STEP_NOT_AUTHORISED'],
] as const) {
  test(why, () => assert.deepEqual(codes(advanceTopic(topic({ stage }), step, who, rules)), [code]));
}

test('第五十六条: special-meeting topics are decided by the vice mayor in charge, in one step', () => {
  const t = topic({ meetingType: 'special', kind: 'workReport' });
  assert.deepEqual(codes(advanceTopic(t, 'propose', exec, rules)), ['MEETING.TOPIC_OUT_OF_ORDER']);
  const d = advanceTopic(t, 'approve', exec, rules);
  assert.ok(d.ok && d.value === 'approved');
  assert.deepEqual(codes(advanceTopic(t, 'approve', mayor, rules)), ['MEETING.TOPIC_STEP_NOT_AUTHORISED']);
});

// ---- 第三十四条: materials by topic kind ----
for (const [why, over, need] of [
  ['第三十四条: a major decision needs the five assessments and the department\'s collective decision', {}, ['assessment', 'collectiveDecision']],
  ['第三十四条: involving other departments adds their consultation; counties add county opinions', { involvedUnitIds: ['u-jyj'], involvesCounties: true }, ['assessment', 'collectiveDecision', 'departmentConsultation', 'countyConsultation']],
  ['第三十四条: public interest adds the stability risk assessment; market activity the fair-competition review', { publicInterest: true, marketActivity: true }, ['assessment', 'collectiveDecision', 'stabilityRisk', 'fairCompetition']],
  ['第三十四条: enterprise-related rules add the opinions of businesses and associations', { kind: 'normative' as const, enterpriseRules: true }, ['assessment', 'collectiveDecision', 'businessConsultation']],
  ['第三十四条: a work report is not a matter for decision and needs none of these', { kind: 'workReport' as const }, []],
] as const) {
  test(why, () => assert.deepEqual(requiredMaterials(topic(over as Partial<Topic>), rules).sort(), [...need].sort()));
}

// ---- 第五十三条, 第十条: placing a topic ----
const approved = (over: Partial<Topic> = {}) => topic({ stage: 'approved', ...over });
for (const [why, t, type, coord, expected] of [
  ['第五十三条: a complete, approved topic is placed on the executive meeting', approved(), 'executive', null, []],
  ['第五十三条: without innovation and a clear proposal the topic does not go on the agenda (both reasons returned)', approved({ innovative: false, clearProposal: false }), 'executive', null, ['MEETING.TOPIC_NOT_ADMISSIBLE', 'MEETING.TOPIC_NOT_ADMISSIBLE']],
  ['第五十三条: a disputed multi-department topic cannot be placed before a special meeting agrees', approved({ involvedUnitIds: ['u-jyj'], disputed: true, materials: [...topic().materials, { kind: 'departmentConsultation', title: '协商意见', submittedAt: '2026-03-01T09:00:00+08:00' }] }), 'executive', null, ['MEETING.DISPUTED_TOPIC_NOT_COORDINATED']],
  ['第五十三条: a special meeting of another vice mayor does not count as the coordination', approved({ involvedUnitIds: ['u-jyj'], disputed: true, materials: [...topic().materials, { kind: 'departmentConsultation', title: '协商意见', submittedAt: '2026-03-01T09:00:00+08:00' }] }), 'executive', { meetingType: 'special', hostPersonId: 'p-vm1', agreed: true }, ['MEETING.DISPUTED_TOPIC_NOT_COORDINATED']],
  ['第五十三条: after the vice mayor in charge records agreement at a special meeting, it is placed', approved({ involvedUnitIds: ['u-jyj'], disputed: true, materials: [...topic().materials, { kind: 'departmentConsultation', title: '协商意见', submittedAt: '2026-03-01T09:00:00+08:00' }] }), 'executive', { meetingType: 'special', hostPersonId: 'p-exec', agreed: true }, []],
  ['第三十四条: a topic missing its collective decision is refused', approved({ materials: [topic().materials[0]] }), 'executive', null, ['MEETING.TOPIC_MATERIALS_MISSING']],
  ['第五十六条: a topic not yet decided by the mayor is placed out of order', topic({ stage: 'verified' }), 'executive', null, ['MEETING.TOPIC_OUT_OF_ORDER']],
  ['第十条: a major decision cannot be decided at a mayor\'s office meeting', approved({ meetingType: 'mayorsOffice' }), 'mayorsOffice', null, ['MEETING.MAJOR_MATTER_WRONG_MEETING']],
] as [string, Topic, MeetingType, Coordination | null, string[]][]) {
  test(why, () => assert.deepEqual(codes(checkPlacement(t, meeting(type), rules, coord)), expected));
}

test('第五十六条: materials reaching the office after the cut-off are flagged, not refused', () => {
  const late = approved({ materials: [...topic().materials, { kind: 'draft', title: '会议文件', submittedAt: `${DAY}T10:00:00+08:00` }] });
  const d = checkPlacement(late, meeting(), rules, null);
  assert.ok(d.ok);
  assert.deepEqual(warnCodes(d), ['MEETING.MATERIALS_LATE']);
});

// ---- 第五十三条: opening and per-topic quorum (6 members: half = 3, two thirds = 4) ----
test('第五十三条: the executive meeting cannot open with fewer than half of its members present', () => {
  const m = meeting();
  assert.deepEqual(codes(checkOpen(m, arrive('p-mayor', 'p-sg'), rules, mayor)), ['MEETING.QUORUM_NOT_MET']);
  assert.ok(checkOpen(m, arrive('p-mayor', 'p-sg', 'p-vm1'), rules, mayor).ok, '3 of 6 is half: 以上 includes the number');
});

test('第五十三条: a personnel topic fails two thirds until one more member arrives; a departure drops it again', () => {
  const m = { ...meeting(), status: 'in_progress' as const };
  const t = approved({ kind: 'personnel', stage: 'placed', meetingId: m.id });
  const three = arrive('p-mayor', 'p-sg', 'p-vm1');
  const refused = checkTopicDecision(m, t, three, mayor, rules, { outcome: 'approved', text: '同意任免' });
  assert.deepEqual(codes(refused), ['MEETING.TOPIC_QUORUM_NOT_MET']);
  assert.equal((refused as any).violations[0].details.required, 4);
  const four = [...three, ...arrive('p-vm2')];
  assert.ok(checkTopicDecision(m, t, four, mayor, rules, { outcome: 'approved', text: '同意任免' }).ok);
  const left: AttendanceEvent[] = [...four, { personId: 'p-vm2', kind: 'depart', at: `${DAY}T10:00:00+08:00` }];
  assert.deepEqual(codes(checkTopicDecision(m, t, left, mayor, rules, { outcome: 'approved', text: '同意任免' })), ['MEETING.TOPIC_QUORUM_NOT_MET']);
  assert.ok(checkTopicDecision(m, { ...t, kind: 'workReport' }, left, mayor, rules, { outcome: 'noted', text: '听取' }).ok, 'an ordinary topic needs only half');
});

test('第九条: the chair decides after discussion — a decision entered by another member is refused', () => {
  const m = { ...meeting(), status: 'in_progress' as const };
  const t = approved({ stage: 'placed', meetingId: m.id });
  const d = checkTopicDecision(m, t, arrive('p-mayor', 'p-sg', 'p-vm1', 'p-vm2'), sg, rules, { outcome: 'approved', text: '同意' });
  assert.deepEqual(codes(d), ['MEETING.DECISION_NOT_BY_CHAIR']);
});

test('第五十三条: only an absent member gives a written opinion', () => {
  const m = { ...meeting(), status: 'in_progress' as const };
  const t = approved({ stage: 'placed', meetingId: m.id });
  const here = presentPeople(arrive('p-mayor', 'p-vm1'));
  assert.ok(checkWrittenOpinion(m, t, 'p-vm2', here, '同意，建议加快进度', false).ok);
  assert.deepEqual(codes(checkWrittenOpinion(m, t, 'p-vm1', here, '同意', false)), ['MEETING.OPINION_MEMBER_PRESENT']);
  assert.deepEqual(codes(checkWrittenOpinion(m, t, 'p-jyj', here, '同意', false)), ['MEETING.OPINION_NOT_MEMBER']);
});

// ---- 第五十七条: leave ----
const before = new Date(`${DAY}T08:00:00+08:00`);
const after = new Date(`${DAY}T09:30:00+08:00`);
for (const [why, type, person, reason, now, expected] of [
  ['第五十七条: a member asks leave before the meeting, with a reason', 'executive', 'p-vm2', '赴省政府参加会议', before, []],
  ['第五十七条: no leave once the meeting has started', 'executive', 'p-vm2', '临时有事', after, ['MEETING.LEAVE_AFTER_START']],
  ['第五十七条: leave without a special reason is refused', 'executive', 'p-vm2', ' ', before, ['MEETING.LEAVE_REASON_REQUIRED']],
  ['第五十七条: late and without reason — both returned', 'executive', 'p-vm2', '', after, ['MEETING.LEAVE_AFTER_START', 'MEETING.LEAVE_REASON_REQUIRED']],
] as const) {
  test(why, () => {
    const m = meeting(type);
    assert.deepEqual(codes(checkLeaveRequest(m, person, reason, [], now, 'p-mayor')), expected);
  });
}

test('第五十七条: executive-meeting leave is decided by the mayor; special-meeting leave by the host', () => {
  const m = meeting('executive');
  const leave: Leave = { id: 'l1', personId: 'p-vm2', reason: '出差', approverPersonId: 'p-mayor', status: 'pending' };
  assert.ok(checkLeaveDecision(m, leave, mayor, rules).ok);
  assert.deepEqual(codes(checkLeaveDecision(m, leave, sg, rules)), ['MEETING.LEAVE_WRONG_APPROVER']);
  const s = meeting('special');
  const l2: Leave = { ...leave, approverPersonId: s.hostPersonId };
  assert.ok(checkLeaveDecision(s, l2, exec, rules).ok);
  assert.deepEqual(codes(checkLeaveDecision(s, l2, mayor, rules)), ['MEETING.LEAVE_WRONG_APPROVER']);
});

// ---- 第五十八条: minutes ----
for (const [why, type, drafter, okDraft, signer, okSign] of [
  ['第五十八条: executive minutes drafted by the office and signed by the mayor', 'executive', office, true, mayor, true],
  ['第五十八条: executive minutes signed by the secretary-general are refused', 'executive', office, true, sg, false],
  ['第五十八条: a department does not draft executive minutes', 'executive', { personId: 'p-fgw', roles: ['dept_clerk'] }, false, mayor, true],
  ['第五十八条: special-meeting minutes drafted by the reporting department, signed by the host', 'special', { personId: 'p-fgw', roles: ['dept_clerk'] }, true, exec, true],
  ['第五十八条: special-meeting minutes signed by the mayor instead of the host are refused', 'special', office, true, mayor, false],
] as const) {
  test(why, () => {
    const m = { ...meeting(type), status: 'ended' as const };
    assert.equal(checkMinutesDraft(m, null, drafter, rules, '纪要正文').ok, okDraft);
    const s = checkMinutesSigning(m, { status: 'draft' }, signer, rules, minutesSigner(m, rules, 'p-mayor'));
    assert.equal(s.ok, okSign);
    if (!okSign) assert.deepEqual(codes(s), ['MEETING.MINUTES_WRONG_SIGNER']);
  });
}

test('第五十八条: minutes wait for the end of the meeting', () => {
  assert.deepEqual(codes(checkMinutesDraft({ ...meeting(), status: 'in_progress' }, null, office, rules, '正文')), ['MEETING.MINUTES_BEFORE_END']);
});

test('第五十一条: meetings are numbered by type (市政府第N次常务会议)', () => {
  assert.equal(meetingTitle('executive', 12), '市政府第12次常务会议');
  assert.equal(meetingTitle('plenary', 3), '市政府第3次全体会议');
  assert.equal(meetingTitle('executive', null), '市政府常务会议（待编号）');
});

// ---- 第五十九条: issuance deadlines on the calendar ----
test('第五十九条: after a meeting ending Thursday 2026-03-05 — 3 days (Sunday rolls to Monday), 5 days, 2 working days', () => {
  const d = issuanceTasks(
    [{ kind: 'minorEdits', title: '甲' }, { kind: 'majorEdits', title: '乙' }, { kind: 'upwardReport', title: '丙', recipient: '省政府' }],
    DAY, issuanceRules(DAY), shippedCalendar(), { toPartyCommittee: false, reportedInNameOf: '市政府党组', topicTitle: '' },
  );
  assert.ok(d.ok);
  assert.deepEqual(d.value.map((t) => [t.kind, t.deadline.due, t.deadline.article]), [
    ['minorEdits', '2026-03-09', 59],
    ['majorEdits', '2026-03-10', 59],
    ['upwardReport', '2026-03-09', 59],
  ]);
});

test('第五十九条: across the Spring Festival 2026 the 2 working days skip the holiday', () => {
  const d = issuanceTasks([{ kind: 'upwardReport', title: '请示', recipient: '市委' }], '2026-02-13', issuanceRules('2026-02-13'), shippedCalendar(), { toPartyCommittee: false, reportedInNameOf: '市政府党组', topicTitle: '' });
  assert.ok(d.ok);
  assert.ok(d.value[0].deadline.due > '2026-02-23', `due ${d.value[0].deadline.due} must be after the holiday`);
});

test('第五十三条: a topic going to the party committee gets a report in the party group\'s name, needing the mayor\'s approval', () => {
  const d = issuanceTasks([], DAY, issuanceRules(DAY), shippedCalendar(), { toPartyCommittee: true, reportedInNameOf: rules.partyCommittee.reportedInNameOf, topicTitle: '某规划' });
  assert.ok(d.ok);
  assert.equal(d.value.length, 1);
  assert.equal(d.value[0].senderName, '市政府党组');
  assert.equal(d.value[0].needsMayorApproval, true);
  assert.equal(d.value[0].kind, 'upwardReport');
});

// ---- 第六十一条: department citywide meetings ----
const cw = citywideRules(DAY, ['武威市人民政府', '武威市人民政府办公室']);
const req = (over: Partial<CitywideRequest> = {}): CitywideRequest => ({
  departmentUnitId: 'u-fgw', title: '全市发展改革工作会议', year: 2026, hostName: '市发展改革委',
  viceMayorConsent: { personId: 'p-exec', date: '2026-03-01' }, formalRequest: '市发展改革委关于召开全市发展改革工作会议的请示',
  video: true, invitesCountyHeads: false, invitesCityLeaders: false, justification: null, ...over,
});
for (const [why, r, earlier, blocks, flags] of [
  ['第六十一条: with consent and a formal request, the first meeting of the year by video passes cleanly', req(), 0, [], []],
  ['第六十一条: without the vice mayor\'s consent and without a 请示 — both refused', req({ viceMayorConsent: null, formalRequest: null }), 0, ['MEETING.CITYWIDE_NO_VICE_MAYOR_CONSENT', 'MEETING.CITYWIDE_NO_FORMAL_REQUEST'], []],
  ['第六十一条: consent from a vice mayor not in charge of the department does not count', req({ viceMayorConsent: { personId: 'p-vm1', date: '2026-03-01' } }), 0, ['MEETING.CITYWIDE_CONSENT_NOT_LEADER_IN_CHARGE'], []],
  ['第六十一条: a second meeting in the year without justification is refused (原则上: flag plus required reason)', req(), 1, ['MEETING.CITYWIDE_JUSTIFICATION_MISSING'], ['MEETING.CITYWIDE_OVER_YEARLY_LIMIT']],
  ['第六十一条: a second meeting with a recorded justification is flagged, not blocked', req({ justification: '省里部署专项整治，须当年再次部署' }), 1, [], ['MEETING.CITYWIDE_OVER_YEARLY_LIMIT']],
  ['第六十一条: not in the name of the government or its office', req({ hostName: '武威市人民政府' }), 0, ['MEETING.CITYWIDE_IN_GOVERNMENT_NAME'], []],
  ['第六十一条: county heads invited, city leaders invited, not by video — three flags', req({ invitesCountyHeads: true, invitesCityLeaders: true, video: false }), 0, [], ['MEETING.CITYWIDE_COUNTY_HEADS', 'MEETING.CITYWIDE_CITY_LEADERS', 'MEETING.CITYWIDE_NOT_VIDEO']],
] as const) {
  test(why, () => {
    const d = checkCitywideRequest(r, earlier, cw, 'p-exec');
    assert.deepEqual(codes(d), blocks);
    assert.deepEqual(warnCodes(d), flags);
  });
}

test('第六十一条: invited county heads and an over-limit meeting need explicit approval; 第六十条: only the government approves', () => {
  const r = { ...req({ invitesCountyHeads: true }), status: 'submitted', overYearlyLimit: true };
  assert.deepEqual(codes(checkCitywideApproval(r, office, { approve: true, note: '同意' }, cw)), ['MEETING.CITYWIDE_COUNTY_HEADS_NOT_APPROVED', 'MEETING.CITYWIDE_OVER_LIMIT_NOT_APPROVED']);
  assert.ok(checkCitywideApproval(r, office, { approve: true, note: '同意', approveCountyHeads: true, approveOverLimit: true }, cw).ok);
  const byClerk = checkCitywideApproval(r, { personId: 'p-fgw', roles: ['dept_clerk'] }, { approve: true, note: '同意', approveCountyHeads: true, approveOverLimit: true }, cw);
  assert.deepEqual(codes(byClerk), ['MEETING.NOT_AUTHORISED']);
  assert.deepEqual(!byClerk.ok && [byClerk.violations[0].article, byClerk.violations[0].message], [60, '依据第六十条，工作会议由市政府严格审批']);
});

// ---- 第五十二条, 第五十三条: rhythm ----
test('第五十三条: executive meetings held per month are compared with the usual 2–3; 第五十二条 plenary 2 a year', () => {
  const held = [
    { type: 'executive' as const, date: '2026-01-08' }, { type: 'executive' as const, date: '2026-01-22' },
    { type: 'executive' as const, date: '2026-02-12' },
    { type: 'plenary' as const, date: '2026-01-15' },
  ];
  const rows = rhythmReport(held, 2026, [1, 2], rules);
  const ex = rows.filter((r) => r.type === 'executive').map((r) => [r.period, r.held, r.state]);
  assert.deepEqual(ex, [['2026-01', 2, 'within'], ['2026-02', 1, 'below']]);
  const pl = rows.find((r) => r.type === 'plenary')!;
  assert.deepEqual([pl.period, pl.held, pl.state, pl.article], ['2026', 1, 'below', 52]);
});
