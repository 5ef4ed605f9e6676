import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkDispute, checkLegislationAdvance, checkLegislationDraft, type LegislationState } from './legislation.ts';
import { checkAnswer, checkFiling, checkInquiry } from './filing.ts';
import { TEST_DECISIONS_RULES as R } from './fixture.ts';

const L = R.legislation;
const codes = (d: { ok: boolean; violations?: { code: string }[] }) => (d.ok ? [] : d.violations!.map((v) => v.code));
const st = (o: Partial<LegislationState> = {}): LegislationState => ({ title: '武威市城市绿化管理办法', instrument: '政府规章', action: '制定', secret: false, secrecyReason: '', important: false, disputed: false, stage: 'drafting', lastStageOn: '2026-02-01', thirdPartyEvaluated: false, openDisputes: 0, ...o });
const step = (to: string) => ({ to, on: '2026-03-01', summary: '情况' });

test('第二十四条: bills of local regulations and government rules to make, amend or repeal, one stage at a time', () => {
  assert.equal(checkLegislationDraft({ title: '办法', instrument: '政府规章', action: '修改', secret: false, secrecyReason: '', important: false, disputed: false }, L).ok, true);
  assert.deepEqual(codes(checkLegislationDraft({ title: '', instrument: '通知', action: '编写', secret: true, secrecyReason: '', important: false, disputed: false }, L)), ['DEC.TITLE_MISSING', 'DEC.UNKNOWN_INSTRUMENT', 'DEC.UNKNOWN_ACTION', 'DEC.SECRECY_REASON_MISSING']);
  assert.equal(checkLegislationAdvance(st(), step('publicComment'), [], '2026-03-02', L).ok, true);
  const jump = checkLegislationAdvance(st({ stage: 'initiated' }), step('review'), [], '2026-03-02', L);
  assert.deepEqual(codes(jump), ['DEC.STAGE_OUT_OF_ORDER']);
});

test('第二十六条: drafts are published for comment unless they must be kept secret', () => {
  assert.deepEqual(codes(checkLegislationAdvance(st(), step('review'), [], '2026-03-02', L)), ['DEC.PUBLIC_COMMENT_REQUIRED']);
  assert.equal(checkLegislationAdvance(st({ secret: true, secrecyReason: '涉及国家秘密' }), step('review'), [], '2026-03-02', L).ok, true);
  assert.deepEqual(codes(checkLegislationAdvance(st({ secret: true, secrecyReason: '涉密' }), step('publicComment'), [], '2026-03-02', L)), ['DEC.SECRET_NO_PUBLIC_COMMENT']);
});

test('第二十六条: third-party evaluation for important disputed items; open disputes go to the government first; 第三十三条 meeting', () => {
  const meetingMissing = [{ code: 'DEC.MEETING_DECISION_REQUIRED', message: '依据第三十三条', article: 33 }];
  const d = checkLegislationAdvance(st({ stage: 'review', important: true, disputed: true, openDisputes: 1 }), step('decided'), meetingMissing, '2026-03-02', L);
  assert.deepEqual(codes(d), ['DEC.THIRD_PARTY_EVALUATION_MISSING', 'DEC.DISPUTE_UNRESOLVED', 'DEC.MEETING_DECISION_REQUIRED']);
  assert.equal(checkLegislationAdvance(st({ stage: 'review', important: true, disputed: true, thirdPartyEvaluated: true }), step('decided'), [], '2026-03-02', L).ok, true);
  assert.deepEqual(codes(checkLegislationAdvance(st({ instrument: '地方性法规议案', stage: 'published' }), step('postEvaluation'), [], '2026-03-02', L)), ['DEC.POST_EVALUATION_NOT_APPLICABLE']);
  assert.equal(checkLegislationAdvance(st({ stage: 'published' }), step('postEvaluation'), [], '2026-03-02', L).ok, true);
});

test('第二十六条: the justice bureau lists every side with its reasons and proposes a position', () => {
  const sides = [{ unitId: 'unit-zjj', unitName: '市住建局', position: '由住建部门统一管理', reasons: '城市绿化属城市建设' }, { unitId: 'unit-lcj', unitName: '市林草局', position: '由林草部门管理', reasons: '' }];
  assert.deepEqual(codes(checkDispute({ issue: '管理职责', sides, proposal: '', submittedByUnitId: 'unit-zjj' }, 'unit-sfj', 'review', L)), ['DEC.DISPUTE_REASONS_MISSING', 'DEC.DISPUTE_PROPOSAL_MISSING', 'DEC.DISPUTE_HANDLER']);
  assert.deepEqual(codes(checkDispute({ issue: '管理职责', sides: sides.slice(0, 1), proposal: 'p', submittedByUnitId: 'unit-sfj' }, 'unit-sfj', 'decided', L)), ['DEC.DISPUTE_TOO_LATE', 'DEC.DISPUTE_SIDES']);
  sides[1].reasons = '绿地属林草资源';
  assert.equal(checkDispute({ issue: '管理职责', sides, proposal: '建议由住建局牵头、林草局配合', submittedByUnitId: 'unit-sfj' }, 'unit-sfj', 'review', L).ok, true);
});

test('第四十二条: filing with the standing committee and answers to inquiries', () => {
  const F = R.filing;
  assert.equal(checkFiling('pending', '2026-02-01', { filedOn: '2026-02-10', ref: '武人常备〔2026〕2号' }, '2026-03-02', F).ok, true);
  assert.deepEqual(codes(checkFiling('filed', '2026-02-01', { filedOn: '2026-01-10', ref: '' }, '2026-03-02', F)), ['DEC.ALREADY_FILED', 'DEC.FILING_REF_MISSING', 'DEC.FILING_BEFORE_PUBLICATION']);
  assert.deepEqual(codes(checkInquiry({ kind: '批评', subject: '', receivedOn: '2026-03-01' }, '2026-03-02', F)), ['DEC.UNKNOWN_INQUIRY_KIND', 'DEC.TITLE_MISSING']);
  assert.deepEqual(codes(checkAnswer(false, '2026-03-01', { text: '', on: '2026-02-01', answeredBy: '赵启明' }, '2026-03-02', F)), ['DEC.ANSWER_MISSING', 'DEC.DATE_BEFORE_RECEIPT']);
});
