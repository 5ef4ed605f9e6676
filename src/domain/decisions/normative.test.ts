import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkCorrection, checkDraft, checkIssue, type NormativeDraft, type NormativeFile } from './normative.ts';
import { TEST_DECISIONS_RULES as R } from './fixture.ts';

const N = R.normative;
const codes = (d: { ok: boolean; violations?: { code: string }[] }) => (d.ok ? [] : d.violations!.map((v) => v.code));
const scj = { id: 'unit-scjgj', name: '市市场监管局' };
const swj = { id: 'unit-shangwu', name: '市商务局' };
const clean = Object.fromEntries(N.forbidden.map((f) => [f, false]));
const draft = (o: Partial<NormativeDraft> = {}): NormativeDraft => ({ title: '关于规范预付式消费的若干规定', draftingUnit: scj, involvedUnits: [], form: 'department', publicRights: false, highAttention: false, important: false, ...o });
const file = (o: Partial<NormativeFile> = {}): NormativeFile => ({ legalityReview: { passed: true, opinion: '合法', on: '2026-03-01' }, consultedUnitIds: [], checklist: clean, ...o });

test('第二十七条: a normative document is issued only after a passed legality review', () => {
  assert.equal(checkIssue(draft(), file(), 'draft', N).ok, true);
  assert.deepEqual(codes(checkIssue(draft(), file({ legalityReview: undefined }), 'draft', N)), ['DEC.LEGALITY_REVIEW_MISSING']);
  assert.deepEqual(codes(checkIssue(draft(), file({ legalityReview: { passed: false, opinion: '超越法定权限', on: '2026-03-01' } }), 'draft', N)), ['DEC.LEGALITY_REVIEW_FAILED']);
});

test('第二十八条: two or more departments — not one department alone, the others heard; prior 请示; approval of important joint documents', () => {
  const cross = draft({ involvedUnits: [swj] });
  assert.deepEqual(codes(checkIssue(cross, file(), 'draft', N)), ['DEC.CROSS_DEPARTMENT_FORM', 'DEC.DEPARTMENT_NOT_CONSULTED']);
  assert.equal(checkIssue({ ...cross, form: 'jointDocument' }, file({ consultedUnitIds: [swj.id] }), 'draft', N).ok, true);
  assert.deepEqual(codes(checkIssue({ ...cross, form: 'jointDocument', important: true }, file({ consultedUnitIds: [swj.id] }), 'draft', N)), ['DEC.JOINT_APPROVAL_MISSING']);
  assert.equal(checkIssue({ ...cross, form: 'jointDocument', important: true }, file({ consultedUnitIds: [swj.id], governmentApproval: { ref: '市政府第15次常务会议', on: '2026-03-01' } }), 'draft', N).ok, true);
  const d = checkIssue(draft({ publicRights: true, highAttention: true }), file(), 'draft', N);
  assert.deepEqual(codes(d), ['DEC.PRIOR_REQUEST_MISSING']);
  assert.match(!d.ok ? d.violations[0].message : '', /依据第二十八条，涉及公众权益、社会关注度高的事项应当事先请示市政府/);
  assert.equal(checkIssue(draft({ publicRights: true }), file({ priorRequest: { ref: '武市监发〔2026〕3号请示', on: '2026-02-20' } }), 'draft', N).ok, true);
  assert.deepEqual(codes(checkDraft(draft({ form: 'x', involvedUnits: [scj] }), N)), ['DEC.UNKNOWN_FORM', 'DEC.DRAFTER_ALSO_INVOLVED']);
});

test('第二十九条: no licensing, penalty, coercion, added conditions or reduced rights — each its own violation', () => {
  const all = Object.fromEntries(N.forbidden.map((f) => [f, true]));
  const d = checkIssue(draft(), file({ checklist: all }), 'draft', N);
  assert.deepEqual(codes(d), N.forbidden.map(() => 'DEC.FORBIDDEN_CONTENT'));
  assert.ok(!d.ok && d.violations.every((v) => v.article === 29 && /依据第二十九条，行政规范性文件不得/.test(v.message)));
  assert.deepEqual(codes(checkIssue(draft(), file({ checklist: { [N.forbidden[0]]: false } }), 'draft', N)), N.forbidden.slice(1).map(() => 'DEC.CHECKLIST_INCOMPLETE'));
});

test('第二十九条第二款: correction ordered or revocation of an issued document, with the reason', () => {
  assert.equal(checkCorrection('issued', { outcome: '予以撤销', reason: '增加了办理许可的条件', on: '2026-03-02' }, '2026-03-02', N).ok, true);
  assert.deepEqual(codes(checkCorrection('draft', { outcome: '删除', reason: '', on: '2026-03-02' }, '2026-03-02', N)), ['DEC.NORMATIVE_NOT_ISSUED', 'DEC.UNKNOWN_CORRECTION', 'DEC.CORRECTION_REASON_MISSING']);
});
