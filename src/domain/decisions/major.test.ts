import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkChange, checkCollectiveMatter, checkConsultation, checkDecide, checkMeetingLink, checkStepRecord, checkTracking, type MajorState, type MeetingDecisionRef, type StepRecord } from './major.ts';
import { TEST_DECISIONS_RULES as R } from './fixture.ts';

const codes = (d: { ok: boolean; violations?: { code: string }[] }) => (d.ok ? [] : d.violations!.map((v) => v.code));
const rec = (step: string, o: Partial<StepRecord> = {}): StepRecord => ({ step, applicable: true, evidence: '材料', reason: '', on: '2026-03-01', ...o });
const exec: MeetingDecisionRef = { meetingId: 'm1', meetingType: 'executive', meetingLabel: '市政府常务会议', topicId: 't1', topicTitle: '议题', outcome: 'approvedInPrinciple', decidedOn: '2026-02-25' };

test('第三十一条: each legal step is evidenced, or not applicable with a reason where the 条例 makes it conditional', () => {
  const cases: [string, StepRecord, string[]][] = [
    ['public participation with evidence', rec('publicParticipation'), []],
    ['expert review without evidence', rec('expertReview', { evidence: ' ' }), ['DEC.STEP_EVIDENCE_MISSING']],
    ['risk assessment not applicable with a reason', rec('riskAssessment', { applicable: false, evidence: '', reason: '不涉及社会稳定、公共安全' }), []],
    ['risk assessment not applicable without a reason', rec('riskAssessment', { applicable: false, evidence: '' }), ['DEC.STEP_REASON_MISSING']],
    ['legality review cannot be skipped', rec('legalityReview', { applicable: false, reason: '时间紧' }), ['DEC.STEP_NOT_OPTIONAL']],
    ['collective decision cannot be skipped', rec('collectiveDecision', { applicable: false, reason: 'x' }), ['DEC.STEP_NOT_OPTIONAL']],
    ['unknown step', rec('vote'), ['DEC.UNKNOWN_STEP']],
    ['future date', rec('expertReview', { on: '2026-04-01' }), ['DEC.DATE_IN_FUTURE']],
  ];
  for (const [name, r, expect] of cases) {
    const d = checkStepRecord(r, '2026-03-02', false, R.major);
    assert.deepEqual(codes(d), expect, name);
    if (!d.ok) for (const v of d.violations.filter((v) => v.code !== 'DEC.DATE_IN_FUTURE')) assert.match(v.message, /依据第三十一条/, name);
  }
});

test('第三十一条: a decision cannot be recorded with a step missing — every missing step is listed', () => {
  const state: MajorState = { status: 'draft', steps: [rec('publicParticipation'), rec('legalityReview')], consultedParties: ['社会公众'], legalAdviserHeard: true };
  const d = checkDecide(state, { on: '2026-03-02', evaluationDue: '2026-09-30', text: '同意' }, [], '2026-03-02', R.major);
  assert.deepEqual(codes(d), ['DEC.STEP_MISSING', 'DEC.STEP_MISSING', 'DEC.STEP_MISSING']);
  assert.deepEqual(!d.ok && d.violations.map((v) => v.details?.step), ['expertReview', 'riskAssessment', 'collectiveDecision']);
  const full: MajorState = { ...state, steps: R.major.steps.map((s) => rec(s)) };
  assert.equal(checkDecide(full, { on: '2026-03-02', evaluationDue: '2026-09-30', text: '同意' }, [], '2026-03-02', R.major).ok, true);
});

test('第三十五条: parties heard and the legal adviser are recorded in the file; their absence is flagged on deciding', () => {
  const full: MajorState = { status: 'draft', steps: R.major.steps.map((s) => rec(s)), consultedParties: [], legalAdviserHeard: false };
  const d = checkDecide(full, { on: '2026-03-02', evaluationDue: '2026-09-30', text: '同意' }, [], '2026-03-02', R.major);
  assert.equal(d.ok, true);
  assert.deepEqual(d.warnings.map((w) => [w.code, w.article]), [['DEC.CONSULTATION_NOT_RECORDED', 35], ['DEC.LEGAL_ADVISER_NOT_RECORDED', 35]]);
  assert.equal(checkConsultation({ party: '民主党派', summary: '建议分步实施', on: '2026-03-01' }, '2026-03-02', false, R.major).ok, true);
  assert.equal(checkConsultation({ party: '政府法律顾问', summary: '程序合法', on: '2026-03-01' }, '2026-03-02', false, R.major).ok, true);
  assert.deepEqual(codes(checkConsultation({ party: '某企业', summary: '', on: '2026-03-01' }, '2026-03-02', false, R.major)), ['DEC.UNKNOWN_PARTY', 'DEC.CONSULTATION_SUMMARY_MISSING']);
});

test('第三十六条: tracking follows the decision, and the decision sets an evaluation date', () => {
  const full: MajorState = { status: 'draft', steps: R.major.steps.map((s) => rec(s)), consultedParties: ['社会公众'], legalAdviserHeard: true };
  assert.deepEqual(codes(checkDecide(full, { on: '2026-03-02', text: '同意' }, [], '2026-03-02', R.major)), ['DEC.EVALUATION_DUE_MISSING']);
  assert.deepEqual(codes(checkDecide(full, { on: '2026-03-02', evaluationDue: '2026-03-01', text: '同意' }, [], '2026-03-02', R.major)), ['DEC.EVALUATION_DUE_INVALID']);
  assert.deepEqual(codes(checkTracking('draft', null, { stage: 'tracking', on: '2026-03-02', summary: 's' }, '2026-03-02', R.major)), ['DEC.NOT_DECIDED']);
  assert.equal(checkTracking('decided', '2026-03-01', { stage: 'evaluation', on: '2026-03-02', summary: '评估效果良好' }, '2026-03-02', R.major).ok, true);
  assert.deepEqual(codes(checkTracking('decided', '2026-03-01', { stage: 'x', on: '2026-02-01', summary: '' }, '2026-03-02', R.major)), ['DEC.UNKNOWN_TRACKING_STAGE', 'DEC.TRACKING_SUMMARY_MISSING', 'DEC.DATE_BEFORE_DECISION']);
});

test('第三十二条: the four collective matters rest on an approving plenary or executive meeting decision (第十条)', () => {
  const C = R.collective;
  assert.equal(checkCollectiveMatter('largeFunds', '城区供热管网改造资金', true, exec, C).ok, true);
  assert.deepEqual(codes(checkCollectiveMatter('largeFunds', '资金', false, null, C)), ['DEC.MEETING_DECISION_REQUIRED']);
  assert.deepEqual(codes(checkCollectiveMatter('coordinationBody', '领导小组', true, null, C)), ['DEC.MEETING_DECISION_NOT_FOUND']);
  assert.deepEqual(codes(checkCollectiveMatter('majorProject', '项目', true, { ...exec, meetingType: 'mayorsOffice', meetingLabel: '市长办公会议' }, C)), ['DEC.MEETING_TYPE_NOT_ALLOWED']);
  assert.deepEqual(codes(checkCollectiveMatter('majorProject', '项目', true, { ...exec, outcome: 'deferred' }, C)), ['DEC.MEETING_NOT_APPROVED']);
  assert.deepEqual(codes(checkCollectiveMatter('other', '', false, null, C)), ['DEC.TITLE_MISSING', 'DEC.UNKNOWN_MATTER', 'DEC.MEETING_DECISION_REQUIRED']);
  assert.equal(checkMeetingLink(true, { ...exec, meetingType: 'special', meetingLabel: '专题会议' }, 32, C)[0].article, 10);
});

test('第九十四条: changing a decision made according to law needs its legal basis', () => {
  assert.deepEqual(codes(checkChange(true, { legalBasis: '', reason: '上位法修改', on: '2026-03-02' }, '2026-03-02', R.major)), ['DEC.CHANGE_LEGAL_BASIS_MISSING']);
  assert.deepEqual(codes(checkChange(false, { legalBasis: '', reason: '', on: '2026-03-02' }, '2026-03-02', R.major)), ['DEC.CHANGE_TARGET_NOT_ISSUED', 'DEC.CHANGE_LEGAL_BASIS_MISSING', 'DEC.CHANGE_REASON_MISSING']);
  assert.equal(checkChange(true, { legalBasis: '《甘肃省某某条例》第十二条（2026年修订）', reason: '上位法修改', on: '2026-03-02' }, '2026-03-02', R.major).ok, true);
});
