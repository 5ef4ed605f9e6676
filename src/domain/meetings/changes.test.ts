// Case tables for cancelling and moving a meeting (第五十六条第二款, 第五十五条), who files a topic (第三十四条,
// 第五十六条) and how a meeting's document to issue is drafted (第五十九条, 第五十六条第三款), on the pack's values.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { issuanceDraftRules } from '../../app/meetings/rules.ts';
import { checkCancel, checkReschedule, checkTopicFiler } from './changes.ts';
import { issuanceDraft } from './issuance.ts';
import { attendanceEntry, minutesBody, minutesMark } from './minutes.ts';
import type { Capacity, Meeting } from './types.ts';

const NOW = new Date('2026-03-02T09:00:00+08:00');
const office: Capacity = { personId: 'p-clerk', roles: ['office_clerk'] };
const mayor: Capacity = { personId: 'p-mayor', roles: ['mayor'] };
const deptClerk: Capacity = { personId: 'p-fgw-clerk', roles: ['dept_clerk'] };
const vm: Capacity = { personId: 'p-vm', roles: ['vice_mayor'] };
const codes = (d: { ok: boolean; violations?: { code: string }[] }) => (d.ok ? [] : d.violations!.map((v) => v.code));

const meeting = (over: Partial<Meeting> = {}): Meeting => ({
  id: 'm1', type: 'executive', number: null, startsAt: '2026-03-05T09:00:00+08:00', place: '常务会议室', video: false,
  hostPersonId: 'p-mayor', hostBasis: '市长召集和主持', status: 'scheduled', materialsDueAt: '2026-03-05T09:00:00+08:00',
  endedAt: null, participants: [], ...over,
});

for (const [who, m, reason, expected, why] of [
  [office, meeting(), '市长参加省政府会议', [], '第五十六条第二款: the office, which organises meetings, cancels with a reason'],
  [mayor, meeting(), '另行安排', [], 'the mayor, who convenes the executive meeting, may cancel it'],
  [deptClerk, meeting(), '改期', ['MEETING.NOT_AUTHORISED'], 'a department clerk may not cancel a government meeting'],
  [vm, meeting({ type: 'special', hostPersonId: 'p-vm' }), '调研冲突', [], '第五十五条: the vice mayor who called a special meeting may cancel it'],
  [office, meeting(), ' ', ['MEETING.REASON_REQUIRED'], 'a cancellation without a reason is refused'],
  [deptClerk, meeting({ status: 'ended' }), '', ['MEETING.NOT_SCHEDULED', 'MEETING.NOT_AUTHORISED', 'MEETING.REASON_REQUIRED'], 'every reason at once: ended, not authorised, no reason'],
] as const) {
  test(`第五十六条: cancel — ${why}`, () => assert.deepEqual(codes(checkCancel(m, who, reason)), expected));
}

test('第五十六条: a move needs a new time, is checked like a new meeting and keeps the materials before the start', () => {
  const m = meeting();
  assert.deepEqual(codes(checkReschedule(m, office, { startsAt: m.startsAt, place: m.place, video: false, reason: '改期' }, NOW)), ['MEETING.RESCHEDULE_UNCHANGED']);
  assert.deepEqual(codes(checkReschedule(m, office, { startsAt: '2026-03-06T09:00:00+08:00', place: '', video: false, materialsDueAt: '2026-03-07T09:00:00+08:00', reason: '改期' }, NOW)),
    ['MEETING.PLACE_REQUIRED', 'MEETING.MATERIALS_DUE_AFTER_START']);
  const ok = checkReschedule(m, office, { startsAt: '2026-03-06T09:00:00+08:00', place: m.place, video: false, reason: '改期' }, NOW);
  assert.ok(ok.ok && ok.value.materialsDueAt === '2026-03-06T09:00:00+08:00');
});

for (const [who, units, expected, why] of [
  [deptClerk, ['u-fgw'], [], 'a clerk of the reporting department files its topic'],
  [deptClerk, ['u-jyj'], ['MEETING.TOPIC_FILER_NOT_IN_DEPARTMENT'], 'a clerk of another department cannot file in its name'],
  [office, [], [], 'the government office files on a department\'s behalf'],
  [{ personId: 'p-vm', roles: ['vice_mayor'] }, [], [], 'the vice mayor in charge of the department may file it'],
  [{ personId: 'p-other-vm', roles: ['vice_mayor'] }, [], ['MEETING.TOPIC_FILER_NOT_IN_DEPARTMENT'], 'another vice mayor may not'],
] as const) {
  test(`第五十六条: topic filer — ${why}`, () => {
    const v = checkTopicFiler(who, { unitIds: units }, { unitId: 'u-fgw', name: '市发展改革委', leaderPersonId: 'p-vm' });
    assert.deepEqual(v.map((x) => x.code), expected);
    if (v.length) assert.match(v[0].message, /^依据第五十六条，.*市发展改革委/);
  });
}

const draftRules = issuanceDraftRules('2026-03-05');
const from = { meetingTitle: '市政府第2次常务会议', topicTitle: '关于供热管网改造的议题', decisionText: '原则同意。', departmentUnitId: 'u-fgw' };

test('第五十九条, 第五十六条第三款: a plan adopted at the meeting is issued by a 印发 notice drafted by the reporting department', () => {
  const d = issuanceDraft({ kind: 'minorEdits', title: '武威市城区集中供热管网改造实施方案', senderName: null }, from, draftRules);
  assert.deepEqual([d.docType, d.direction, d.title, d.issuerName, d.issuerCode, d.leadUnitId],
    ['通知', 'downward', '武威市人民政府关于印发《武威市城区集中供热管网改造实施方案》的通知', '武威市人民政府', '武政发', 'u-fgw']);
  assert.match(d.body, /市政府第2次常务会议议定事项/);
});

test('第五十九条: a report to the province keeps the 文种 its title names and goes to the recipient named at the meeting', () => {
  const d = issuanceDraft({ kind: 'upwardReport', title: '关于供热管网改造有关情况的请示', recipient: '省政府', senderName: null }, from, draftRules);
  assert.deepEqual([d.docType, d.direction, d.principalRecipients], ['请示', 'upward', ['省政府']]);
});

test('第五十三条: a report to the party committee goes in the party group\'s name with its own 发文代字', () => {
  const d = issuanceDraft({ kind: 'upwardReport', title: '关于提请市委常委会会议审议《规划纲要》的请示', recipient: '市委', senderName: '市政府党组' }, from, draftRules);
  assert.deepEqual([d.issuerName, d.issuerCode, d.principalRecipients], ['市政府党组', '武政党组', ['市委']]);
});

test('第五十八条: the 纪要 prints attendance from the record, not from edited lines; absent members without leave stay in the body', () => {
  const people = { present: [{ name: '林向东', title: '市长' }], onLeave: [], absent: [{ name: '何俊', title: '副市长' }], observers: [] };
  assert.deepEqual(minutesBody('会议研究了以下事项：\n一、议题\n出席：张三\n请假：无\n列席：无', { people }), ['会议研究了以下事项：', '一、议题', '缺席：何俊']);
  assert.equal(attendanceEntry(people.present[0]), '市长 林向东');
  assert.equal(minutesMark('executive', '武威市人民政府'), '武威市人民政府常务会议纪要');
});
