import { test } from 'node:test';
import assert from 'node:assert/strict';
import { smallOrg, TEST_RULES } from '../org/fixture.ts';
import type { Absence, Entrustment } from '../org/types.ts';
import { checkTrip, type TripDraft } from './trips.ts';
import { handlerOf, leaderBoard } from './standins.ts';
import { checkShift, rosterGaps } from './duty.ts';
import { isoDate } from '../calendar/date.ts';
import { checkResearchEntry, researchProgress } from './research.ts';
import { approvalRequired, checkApplication, type ApprovalDraft } from './approvals.ts';

const TRIP = { leadDays: 1, urgentAllowed: true, article: 79 };
const codes = (d: { ok: boolean; violations?: { code: string }[] }) => (d.ok ? [] : d.violations!.map((v) => v.code));
const away = (id: string, personId: string, from: string, to: string, kind: Absence['kind'] = 'business'): Absence => ({ id, personId, kind, period: { from, to }, destination: '兰州' });
const trip = (a: Absence, reportedOn: string, o: Partial<TripDraft> = {}): TripDraft => ({ absence: a, reportedOn, reason: '参加全省会议', ...o });

test('第七十九条: trips are reported before leaving, with the lead time of the pack; overlaps are refused', () => {
  const org = smallOrg({ absences: [away('ab-1', 'p-vm1', '2026-03-10', '2026-03-12')] });
  const cases: { name: string; d: TripDraft; expect: string[]; warn?: string[] }[] = [
    { name: 'reported two days ahead', d: trip(away('n', 'p-vm2', '2026-03-05', '2026-03-06'), '2026-03-03'), expect: [] },
    { name: 'reported the day before (lead 1 day)', d: trip(away('n', 'p-vm2', '2026-03-05', '2026-03-06'), '2026-03-04'), expect: [] },
    { name: 'reported on the day of departure', d: trip(away('n', 'p-vm2', '2026-03-05', '2026-03-06'), '2026-03-05'), expect: ['LEAD.TRIP_LEAD_TIME'] },
    { name: 'urgent, same day, with a reason', d: trip(away('n', 'p-vm2', '2026-03-05', '2026-03-06'), '2026-03-05', { urgent: { reason: '突发事件现场处置' } }), expect: [], warn: ['LEAD.TRIP_URGENT'] },
    { name: 'after departure', d: trip(away('n', 'p-vm2', '2026-03-05', '2026-03-06'), '2026-03-06', { urgent: { reason: 'x' } }), expect: ['LEAD.TRIP_AFTER_DEPARTURE'] },
    { name: 'overlapping an earlier report', d: trip(away('n', 'p-vm1', '2026-03-12', '2026-03-13'), '2026-03-03'), expect: ['ORG.ABSENCE_OVERLAP'] },
    { name: 'no reason', d: trip(away('n', 'p-vm2', '2026-03-05', '2026-03-06'), '2026-03-03', { reason: '' }), expect: ['LEAD.TRIP_REASON_MISSING'] },
  ];
  for (const c of cases) {
    const d = checkTrip(org, c.d, TRIP);
    assert.deepEqual(codes(d), c.expect, c.name);
    if (c.warn) assert.deepEqual(d.warnings.map((w) => w.code), c.warn, c.name);
  }
});

test('第十一条: while a vice mayor is away the AB岗 partner handles the items (our reading, labelled), and it reverts on return', () => {
  const org = smallOrg({ absences: [away('ab-1', 'p-vm2', '2026-03-10', '2026-03-12')] });
  const during = handlerOf(org, 'pos-vm2', '2026-03-11', TEST_RULES);
  assert.equal(during.personId, 'p-vm3');
  assert.equal(during.marker, 'AB岗代理');
  assert.equal(during.acting, true);
  assert.match(during.interpretation ?? '', /本系统对该条的理解/);
  const after = handlerOf(org, 'pos-vm2', '2026-03-13', TEST_RULES);
  assert.equal(after.personId, 'p-vm2');
  assert.equal(after.marker, '本人');
});

test('第十三条: a mayor\'s trip alone does not make the executive vice mayor acting; an entrustment does', () => {
  const a = away('ab-m', 'p-mayor', '2026-03-10', '2026-03-12');
  const alone = handlerOf(smallOrg({ absences: [a] }), 'pos-mayor', '2026-03-11', TEST_RULES);
  assert.equal(alone.personId, 'p-mayor');
  assert.equal(alone.marker, '待本人返回');
  const e: Entrustment = { id: 'e-1', kind: 'preside', grantorPositionId: 'pos-mayor', granteePositionId: 'pos-exec', period: { from: '2026-03-10', to: '2026-03-12' } };
  const entrusted = handlerOf(smallOrg({ absences: [a], entrustments: [e] }), 'pos-mayor', '2026-03-11', { ...TEST_RULES });
  assert.equal(entrusted.marker, '受市长委托');
  assert.equal(entrusted.personId, 'p-exec');
  assert.equal(entrusted.article, 13);
  const back = handlerOf(smallOrg({ absences: [a], entrustments: [e] }), 'pos-mayor', '2026-03-13', TEST_RULES);
  assert.equal(back.personId, 'p-mayor');
  const board = leaderBoard(smallOrg({ absences: [a] }), '2026-03-11', TEST_RULES);
  const mayor = board.find((r) => r.positionId === 'pos-mayor')!;
  assert.equal(mayor.status, 'away');
  assert.equal(mayor.absence?.kindLabel, '出差');
});

test('第八十条: the duty roster covers 24 hours a day; every uncovered hour is flagged', () => {
  const R = { horizonDays: 2, hoursPerDay: 24, article: 80 };
  const shifts = [
    { unitId: 'u1', date: '2026-03-02', startHour: 0, endHour: 8, personName: '甲' },
    { unitId: 'u1', date: '2026-03-02', startHour: 8, endHour: 18, personName: '乙' },
    { unitId: 'u1', date: '2026-03-03', startHour: 0, endHour: 24, personName: '丙' },
  ];
  assert.deepEqual(rosterGaps(['u1', 'u2'], shifts, isoDate('2026-03-02'), R), [
    { unitId: 'u1', date: '2026-03-02', startHour: 18, endHour: 24 },
    { unitId: 'u2', date: '2026-03-02', startHour: 0, endHour: 24 },
    { unitId: 'u2', date: '2026-03-03', startHour: 0, endHour: 24 },
  ]);
  assert.deepEqual(checkShift({ unitId: 'u1', date: '2026-03-02', startHour: 20, endHour: 25, personName: '' }, R).map((v) => v.code), ['LEAD.SHIFT_INVALID', 'LEAD.SHIFT_PERSON_MISSING']);
});

test('第九十六条: research days are logged after the fact and measured against the 60-day minimum with a projection', () => {
  const R = { minimumDays: 60, article: 96 };
  const e = (from: string, to: string) => ({ personId: 'p1', from, to, place: '民勤县', topic: '节水农业' });
  assert.deepEqual(codes(checkResearchEntry(e('2026-03-20', '2026-03-21'), [], '2026-03-20', R)), ['LEAD.RESEARCH_IN_FUTURE']);
  assert.deepEqual(codes(checkResearchEntry(e('2026-03-01', '2026-03-02'), [e('2026-03-02', '2026-03-03')], '2026-03-20', R)), ['LEAD.RESEARCH_OVERLAP']);
  assert.equal(checkResearchEntry(e('2026-03-01', '2026-03-02'), [], '2026-03-20', R).ok, true);
  const p = researchProgress([e('2026-01-05', '2026-01-09'), e('2026-02-02', '2026-02-06')], 2026, '2026-04-01', R);
  assert.equal(p.days, 10);
  assert.equal(p.remaining, 50);
  assert.equal(p.expectedByNow, Math.round(60 * 91 / 365));
  assert.equal(p.projected, Math.round(10 / (91 / 365)));
  assert.equal(p.onTrack, false);
  assert.equal(researchProgress([e('2026-01-01', '2026-03-01')], 2026, '2026-04-01', R).onTrack, true);
});

test('第七十八条 and 第九十八条: who needs approval in advance, and who applies for an inscription', () => {
  const d = (o: Partial<ApprovalDraft>): ApprovalDraft => ({ kind: 'speech', authorIsCityLeader: false, capacity: 'personal', touchesUndecidedMajorMatter: false, title: '题目', ...o });
  const R = { speechArticle: 78, inscriptionArticle: 98 };
  const cases: [Partial<ApprovalDraft>, boolean][] = [
    [{ authorIsCityLeader: true, capacity: 'personal' }, true],
    [{ authorIsCityLeader: true, capacity: 'government' }, true],
    [{ capacity: 'government' }, true],
    [{ capacity: 'personal' }, false],
    [{ capacity: 'personal', touchesUndecidedMajorMatter: true }, true],
    [{ kind: 'inscription' }, true],
  ];
  for (const [o, req] of cases) assert.equal(approvalRequired(d(o), R).required, req, JSON.stringify(o));
  assert.deepEqual(codes(checkApplication(d({ kind: 'inscription' }), R)), ['LEAD.INSCRIPTION_APPLICANT', 'LEAD.INSCRIPTION_REASON']);
});
