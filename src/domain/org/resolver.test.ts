import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BACKUP_INTERPRETATION, whoActsFor, type ActingResult, type Purpose } from './resolver.ts';
import { smallOrg, TEST_RULES } from './fixture.ts';
import type { Absence, Entrustment, Org } from './types.ts';

const DAY = '2026-03-03';
const handle: Purpose = { kind: 'handle' };
const preside: Purpose = { kind: 'preside' };

function resolve(org: Org, id: string, purpose: Purpose = handle, date = DAY): ActingResult {
  const d = whoActsFor(org, id, date, purpose, TEST_RULES);
  assert.ok(d.ok, `expected a result, got ${JSON.stringify(d)}`);
  return d.value;
}
const trip = (id: string, personId: string, kind: Absence['kind'], from = '2026-03-02', to = '2026-03-05'): Absence => ({
  id,
  personId,
  kind,
  period: { from, to },
  destination: '兰州',
});
const presideEntrustment = (from = '2026-03-02', to = '2026-03-05'): Entrustment => ({
  id: 'en-1',
  kind: 'preside',
  grantorPositionId: 'pos-mayor',
  granteePositionId: 'pos-exec',
  period: { from, to },
});

test('第十一条: a vice mayor at work handles their own portfolio', () => {
  const r = resolve(smallOrg(), 'pos-vm1');
  assert.equal(r.outcome, 'self');
  assert.equal(r.personId, 'p-vm1');
  assert.equal(r.acting, false);
  assert.equal(r.basis, 'self');
  assert.equal(r.article, 11);
  assert.equal(r.interpretation, undefined);
});

test('第十一条 (interpretation): an absent vice mayor’s items go to the AB岗 partner, labelled AB岗代理 with our reading', () => {
  const r = resolve(smallOrg({ absences: [trip('ab-trip', 'p-vm2', 'business')] }), 'pos-vm2');
  assert.equal(r.outcome, 'acting');
  assert.equal(r.personId, 'p-vm3');
  assert.equal(r.positionId, 'pos-vm3');
  assert.equal(r.acting, true);
  assert.equal(r.basis, 'backup_partner');
  assert.equal(r.article, 11);
  assert.equal(r.interpretation, BACKUP_INTERPRETATION);
  assert.match(r.reason, /AB岗代理/);
  assert.match(r.reason, /丁副市长/);
  assert.equal(r.holderPersonId, 'p-vm2');
  assert.equal(r.absence?.id, 'ab-trip');
});

test('第十一条 (interpretation): any kind of absence (leave too) hands a vice mayor’s items to the partner', () => {
  const r = resolve(smallOrg({ absences: [trip('x', 'p-vm1', 'leave')] }), 'pos-vm1');
  assert.equal(r.outcome, 'acting');
  assert.equal(r.personId, 'p-exec');
});

test('第十一条: when both AB岗 partners are away nobody is picked silently', () => {
  const org = smallOrg({ absences: [trip('a1', 'p-vm2', 'business'), trip('a2', 'p-vm3', 'study', '2026-03-03', '2026-03-03')] });
  const r = resolve(org, 'pos-vm2');
  assert.equal(r.outcome, 'unresolved');
  assert.equal(r.personId, null);
  assert.equal(r.basis, 'none');
  assert.deepEqual(r.flags.map((f) => f.code), ['ORG.ACTING_ALSO_ABSENT']);
  assert.match(r.reason, /AB岗双方均不在岗/);
  // the day after, the partner is back
  assert.equal(resolve(org, 'pos-vm2', handle, '2026-03-04').personId, 'p-vm3');
});

test('第十一条: an absence period includes both its first and last day', () => {
  const org = smallOrg({ absences: [trip('a1', 'p-vm2', 'business', '2026-03-02', '2026-03-05')] });
  assert.equal(resolve(org, 'pos-vm2', handle, '2026-03-01').outcome, 'self');
  assert.equal(resolve(org, 'pos-vm2', handle, '2026-03-02').outcome, 'acting');
  assert.equal(resolve(org, 'pos-vm2', handle, '2026-03-05').outcome, 'acting');
  assert.equal(resolve(org, 'pos-vm2', handle, '2026-03-06').outcome, 'self');
});

test('第十三条: the mayor on a business trip without an entrustment leaves no acting mayor — a trip alone switches nothing on', () => {
  const r = resolve(smallOrg({ absences: [trip('m', 'p-mayor', 'business')] }), 'pos-mayor', preside);
  assert.equal(r.outcome, 'waits');
  assert.equal(r.personId, 'p-mayor');
  assert.equal(r.acting, false);
  assert.equal(r.article, 13);
  assert.deepEqual(r.flags.map((f) => f.code), ['ORG.MAYOR_AWAY_NOT_ENTRUSTED']);
  assert.match(r.reason, /受市长委托/);
});

test('第十三条: the 常务副市长 presides only while the mayor is away on business or study and has entrusted it', () => {
  for (const kind of ['business', 'study'] as const) {
    const org = smallOrg({ absences: [trip('m', 'p-mayor', kind)], entrustments: [presideEntrustment()] });
    const r = resolve(org, 'pos-mayor', preside);
    assert.equal(r.outcome, 'acting', kind);
    assert.equal(r.personId, 'p-exec');
    assert.equal(r.positionId, 'pos-exec');
    assert.equal(r.acting, true);
    assert.equal(r.basis, 'entrustment');
    assert.equal(r.article, 13);
    assert.equal(r.entrustmentId, 'en-1');
    assert.equal(r.interpretation, undefined);
  }
});

test('第十三条: an entrustment without a trip does nothing — the mayor at work presides', () => {
  const r = resolve(smallOrg({ entrustments: [presideEntrustment()] }), 'pos-mayor', preside);
  assert.equal(r.outcome, 'self');
  assert.equal(r.personId, 'p-mayor');
});

test('第十三条: the entrustment covers only its own dates', () => {
  const org = smallOrg({
    absences: [trip('m', 'p-mayor', 'business', '2026-03-02', '2026-03-06')],
    entrustments: [presideEntrustment('2026-03-02', '2026-03-04')],
  });
  assert.equal(resolve(org, 'pos-mayor', preside, '2026-03-04').outcome, 'acting');
  assert.equal(resolve(org, 'pos-mayor', preside, '2026-03-05').outcome, 'waits');
});

test('第十三条: a revoked entrustment stops applying from the revocation day', () => {
  const org = smallOrg({
    absences: [trip('m', 'p-mayor', 'business')],
    entrustments: [{ ...presideEntrustment(), revokedOn: '2026-03-04' }],
  });
  assert.equal(resolve(org, 'pos-mayor', preside, '2026-03-03').outcome, 'acting');
  assert.equal(resolve(org, 'pos-mayor', preside, '2026-03-04').outcome, 'waits');
});

test('第十三条: the mayor on leave (not 出差 or 学习) — an entrustment does not make the 常务副市长 preside; the item waits', () => {
  // 第十三条 names only 离市出差、学习期间. Leave is outside its words, so the entrustment it speaks of does
  // not apply; the mayor's items wait or the mayor decides otherwise.
  const org = smallOrg({ absences: [trip('m', 'p-mayor', 'leave')], entrustments: [presideEntrustment()] });
  const r = resolve(org, 'pos-mayor', preside);
  assert.equal(r.outcome, 'waits');
  assert.equal(r.personId, 'p-mayor');
  assert.equal(r.acting, false);
  assert.equal(r.article, 13);
  assert.deepEqual(r.flags.map((f) => f.code), ['ORG.MAYOR_AWAY_NOT_BUSINESS_OR_STUDY']);
  assert.match(r.reason, /委托在此期间不生效/);
});

test('第十三条: the absence kinds that allow presiding are a rule-pack parameter', () => {
  const org = smallOrg({ absences: [trip('m', 'p-mayor', 'leave')], entrustments: [presideEntrustment()] });
  const d = whoActsFor(org, 'pos-mayor', DAY, preside, { ...TEST_RULES, presidingAbsenceKinds: ['business', 'study', 'leave'] });
  assert.ok(d.ok);
  assert.equal(d.value.personId, 'p-exec');
});

test('第十三条: an entrusted 常务副市长 who is away too presides over nothing — the gap is reported', () => {
  const org = smallOrg({
    absences: [trip('m', 'p-mayor', 'business'), trip('e', 'p-exec', 'study')],
    entrustments: [presideEntrustment()],
  });
  const r = resolve(org, 'pos-mayor', preside);
  assert.equal(r.outcome, 'unresolved');
  assert.equal(r.personId, null);
  assert.deepEqual(r.flags.map((f) => f.code), ['ORG.ACTING_ALSO_ABSENT']);
});

test('第十三条: presiding does not pass on to the 常务副市长’s AB岗 partner', () => {
  const org = smallOrg({ absences: [trip('m', 'p-mayor', 'business'), trip('e', 'p-exec', 'business')], entrustments: [presideEntrustment()] });
  assert.notEqual(resolve(org, 'pos-mayor', preside).personId, 'p-vm1');
});

test('第七十条: a power reserved to the mayor waits for the mayor even when presiding is entrusted', () => {
  const org = smallOrg({ absences: [trip('m', 'p-mayor', 'business')], entrustments: [presideEntrustment()] });
  const r = resolve(org, 'pos-mayor', { kind: 'power', powerId: 'sign_appointment' });
  assert.equal(r.outcome, 'waits');
  assert.equal(r.personId, 'p-mayor');
  assert.equal(r.acting, false);
  assert.equal(r.article, 70);
  assert.deepEqual(r.flags.map((f) => [f.code, f.article]), [['ORG.RESERVED_TO_MAYOR', 70]]);
  assert.match(r.reason, /人事任免/);
  // the same day, presiding itself is with the executive vice mayor
  assert.equal(resolve(org, 'pos-mayor', preside).personId, 'p-exec');
});

test('第七十条: with the mayor at work a reserved power is the mayor’s own; asked of a vice mayor it still names the mayor', () => {
  const r = resolve(smallOrg(), 'pos-vm1', { kind: 'power', powerId: 'sign_regulation' });
  assert.equal(r.outcome, 'self');
  assert.equal(r.personId, 'p-mayor');
  assert.equal(r.forPositionId, 'pos-mayor');
  assert.equal(r.article, 70);
});

test('第七十条: a power the pack does not reserve follows the post (AB岗 for an away vice mayor)', () => {
  const org = smallOrg({ absences: [trip('a', 'p-vm1', 'business')] });
  const r = resolve(org, 'pos-vm1', { kind: 'power', powerId: 'sign_downward_document' });
  assert.equal(r.personId, 'p-exec');
  assert.equal(r.basis, 'backup_partner');
});

test('第十一条: asked by person, a vice mayor who also heads a bureau is resolved through the vice mayor post', () => {
  const org = smallOrg({ absences: [trip('a', 'p-vm3', 'business')] });
  const r = resolve(org, 'p-vm3');
  assert.equal(r.forPositionId, 'pos-vm3');
  assert.equal(r.personId, 'p-vm2');
});

test('第七十九条: a cancelled absence no longer delegates anything; a corrected one uses its new dates', () => {
  const cancelled = smallOrg({
    absences: [trip('a', 'p-vm1', 'business'), { ...trip('a-c', 'p-vm1', 'business'), supersedes: 'a', cancelled: true }],
  });
  assert.equal(resolve(cancelled, 'pos-vm1').outcome, 'self');
  const corrected = smallOrg({
    absences: [trip('a', 'p-vm1', 'business'), { ...trip('a2', 'p-vm1', 'business', '2026-03-04', '2026-03-05'), supersedes: 'a' }],
  });
  assert.equal(resolve(corrected, 'pos-vm1', handle, '2026-03-03').outcome, 'self');
  assert.equal(resolve(corrected, 'pos-vm1', handle, '2026-03-04').outcome, 'acting');
});

test('posts the rules give no deputy for: an away secretary-general is reported, not guessed', () => {
  const r = resolve(smallOrg({ absences: [trip('s', 'p-sg', 'business')] }), 'pos-sg');
  assert.equal(r.outcome, 'unresolved');
  assert.deepEqual(r.flags.map((f) => f.code), ['ORG.NO_DELEGATION_RULE']);
});

test('a vacant post is reported as vacant', () => {
  const org = smallOrg();
  org.assignments = org.assignments.map((a) => (a.id === 'a-vm1' ? { ...a, period: { from: '2023-01-01', to: '2026-02-28' } } : a));
  const r = resolve(org, 'pos-vm1');
  assert.equal(r.outcome, 'unresolved');
  assert.deepEqual(r.flags.map((f) => f.code), ['ORG.POSITION_VACANT']);
});

test('unknown ids, unknown dates and people without a post are refused with their codes', () => {
  const org = smallOrg();
  const codes = (id: string, date = DAY) => {
    const d = whoActsFor(org, id, date, handle, TEST_RULES);
    return d.ok ? [] : d.violations.map((v) => v.code);
  };
  assert.deepEqual(codes('pos-nobody'), ['ORG.UNKNOWN_TARGET']);
  assert.deepEqual(codes('pos-vm1', '2026-02-30'), ['ORG.INVALID_DATE']);
  assert.deepEqual(codes('p-mayor', '2020-01-01'), ['ORG.UNKNOWN_TARGET']);
});
