import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkStep, obligations, type CaseState, type StepInput } from './cases.ts';
import { TEST_CASE_RULES as R } from './fixture.ts';

const base = (o: Partial<CaseState> = {}): CaseState => ({
  kind: 'suggestion', status: 'assigned', receivedOn: '2026-01-10', lastStepOn: '2026-01-15', important: false, major: false,
  assignedOn: '2026-01-15', returnDue: '2026-01-22', contactsSinceAssignment: 1, instructed: false, extended: false, mustPerform: false, performed: false, published: false, ...o,
});
const step = (o: Partial<StepInput>): StepInput => ({ step: 'reply', on: '2026-03-01', summary: '已答复', ...o });
const codes = (d: ReturnType<typeof checkStep>) => (d.ok ? [] : d.violations.map((v) => v.code));
const TODAY = '2026-03-02';

test('第四十四条: a suggestion is assigned to a lead handler, answered only after contact with the delegate, with a result code, then published', () => {
  const cases: { name: string; c: CaseState; s: StepInput; expect: string[] }[] = [
    { name: 'assign with a lead and co-handlers', c: base({ status: 'registered' }), s: step({ step: 'assign', leadUnitId: 'u1', coUnitIds: ['u2'] }), expect: [] },
    { name: 'assign without a lead', c: base({ status: 'registered' }), s: step({ step: 'assign' }), expect: ['ACC.LEAD_MISSING'] },
    { name: 'lead also co-handler', c: base({ status: 'registered' }), s: step({ step: 'assign', leadUnitId: 'u1', coUnitIds: ['u1'] }), expect: ['ACC.LEAD_ALSO_CO'] },
    { name: 'reply with code A after contact', c: base(), s: step({ resultCode: 'A' }), expect: [] },
    { name: 'reply without contact, without code', c: base({ contactsSinceAssignment: 0 }), s: step({}), expect: ['ACC.DELEGATE_NOT_CONTACTED', 'ACC.UNKNOWN_RESULT_CODE'] },
    { name: 'reply with an unknown code', c: base(), s: step({ resultCode: 'D' }), expect: ['ACC.UNKNOWN_RESULT_CODE'] },
    { name: 'reply before assignment', c: base({ status: 'registered' }), s: step({ resultCode: 'A' }), expect: ['ACC.STEP_OUT_OF_ORDER'] },
    { name: 'publish before reply', c: base(), s: step({ step: 'publish' }), expect: ['ACC.STEP_OUT_OF_ORDER'] },
    { name: 'publish after reply', c: base({ status: 'replied' }), s: step({ step: 'publish' }), expect: [] },
    { name: 'petition step on a suggestion', c: base(), s: step({ step: 'instruct' }), expect: ['ACC.STEP_NOT_APPLICABLE'] },
  ];
  for (const c of cases) assert.deepEqual(codes(checkStep(c.c, c.s, TODAY, R)), c.expect, c.name);
  const v = checkStep(base({ contactsSinceAssignment: 0 }), step({ resultCode: 'A' }), TODAY, R);
  assert.equal(!v.ok && v.violations[0].article, 44);
  assert.match(!v.ok ? v.violations[0].message : '', /依据第四十四条/);
  assert.equal(checkStep(base({ status: 'replied' }), step({ step: 'publish' }), TODAY, R).ok && 'closed', 'closed');
  assert.deepEqual(obligations(base({ status: 'replied' }), R).map((o) => [o.code, o.article]), [['publish', 44]]);
});

test('第四十四条: a misassigned item returned after the pack limit is allowed but flagged', () => {
  const ok = checkStep(base(), step({ step: 'return', on: '2026-01-20' }), TODAY, R);
  assert.equal(ok.ok, true);
  assert.deepEqual(ok.warnings, []);
  const late = checkStep(base(), step({ step: 'return', on: '2026-01-26' }), TODAY, R);
  assert.equal(late.ok, true);
  assert.deepEqual(late.warnings.map((w) => [w.code, w.article]), [['ACC.RETURN_LATE', 44]]);
  assert.equal(late.ok && late.value.status, 'registered');
});

test('第四十九条: an important letter closes only after a leader instructed it; a major issue only under supervision', () => {
  const p = base({ kind: 'petition', status: 'accepted', important: true, major: true, contactsSinceAssignment: 0 });
  assert.deepEqual(codes(checkStep(p, step({}), TODAY, R)), ['ACC.LETTER_NOT_INSTRUCTED', 'ACC.MAJOR_NOT_SUPERVISED']);
  assert.deepEqual(codes(checkStep({ ...p, instructed: true, supervisionItemId: 'sup-1' }, step({}), TODAY, R)), []);
  assert.deepEqual(codes(checkStep(p, step({ step: 'instruct', instructorPositionKinds: ['clerk'], instructorName: '韩雪' }), TODAY, R)), ['ACC.INSTRUCTOR_NOT_LEADER']);
  assert.deepEqual(codes(checkStep(p, step({ step: 'instruct', instructorPositionKinds: ['vice_mayor'] }), TODAY, R)), []);
  assert.deepEqual(codes(checkStep(p, step({ step: 'instruct', instructorPositionKinds: ['department_principal_head'] }), TODAY, R)), []);
  assert.deepEqual(codes(checkStep(p, step({ step: 'link' }), TODAY, R)), ['ACC.SUPERVISION_ITEM_MISSING']);
});

test('第四十八条: a petition is extended once, by at most the pack limit, with approval', () => {
  const p = base({ kind: 'petition', status: 'accepted' });
  assert.deepEqual(codes(checkStep(p, step({ step: 'extend', days: 30, approvedBy: '市信访局局长' }), TODAY, R)), []);
  assert.deepEqual(codes(checkStep(p, step({ step: 'extend', days: 31 }), TODAY, R)), ['ACC.EXTENSION_TOO_LONG', 'ACC.EXTENSION_NOT_APPROVED']);
  const again = checkStep({ ...p, extended: true }, step({ step: 'extend', days: 10, approvedBy: 'x' }), TODAY, R);
  assert.deepEqual(codes(again), ['ACC.ALREADY_EXTENDED']);
  assert.equal(!again.ok && again.violations[0].article, 48);
});

test('第四十六条: a reconsideration is accepted, extended at most by the statutory days, then decided', () => {
  const c = base({ kind: 'reconsideration', status: 'registered' });
  assert.deepEqual(codes(checkStep(c, step({ step: 'decide' }), TODAY, R)), ['ACC.STEP_OUT_OF_ORDER']);
  assert.equal(checkStep(c, step({ step: 'accept' }), TODAY, R).ok, true);
  const x = checkStep({ ...c, status: 'accepted' }, step({ step: 'extend', days: 40, approvedBy: '复议机构负责人' }), TODAY, R);
  assert.equal(!x.ok && x.violations[0].article, 46);
});

test('第四十五条: administrative litigation closes only after the effective judgment is carried out', () => {
  const c = base({ kind: 'litigation', status: 'judged', mustPerform: true });
  assert.deepEqual(codes(checkStep(c, step({ step: 'close' }), TODAY, R)), ['ACC.JUDGMENT_NOT_PERFORMED']);
  assert.deepEqual(codes(checkStep({ ...c, performed: true }, step({ step: 'close' }), TODAY, R)), []);
  assert.deepEqual(obligations(c, R).map((o) => o.article), [45]);
});

test('第四十七条: a major issue raised by the public or the media closes only after its result is published', () => {
  const c = base({ kind: 'media', status: 'handled', major: true });
  assert.deepEqual(codes(checkStep(c, step({ step: 'close' }), TODAY, R)), ['ACC.RESULT_NOT_PUBLISHED']);
  assert.deepEqual(codes(checkStep({ ...c, published: true }, step({ step: 'close' }), TODAY, R)), []);
  assert.deepEqual(codes(checkStep({ ...c, major: false }, step({ step: 'close' }), TODAY, R)), []);
  assert.deepEqual(codes(checkStep({ ...c, status: 'registered' }, step({ step: 'handle' }), TODAY, R)), ['ACC.STEP_OUT_OF_ORDER']);
});

test('第四十三条: a reply or decision in a sensitive area is not approved by its drafter', () => {
  const c = base({ area: '政府采购' });
  assert.deepEqual(codes(checkStep(c, step({ resultCode: 'A', draftedBy: 'p1', approverId: 'p1' }), TODAY, R)), ['ACC.DRAFTER_APPROVES']);
  assert.deepEqual(codes(checkStep(c, step({ resultCode: 'A', draftedBy: 'p1', approverId: 'p2' }), TODAY, R)), []);
});

test('every violation at once: closed, future date, no summary', () => {
  assert.deepEqual(codes(checkStep(base({ status: 'closed' }), step({ on: '2026-04-01', summary: ' ', resultCode: 'A' }), TODAY, R)), ['ACC.CASE_CLOSED', 'ACC.DATE_IN_FUTURE', 'ACC.SUMMARY_MISSING']);
});
