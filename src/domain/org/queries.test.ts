import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EXECUTIVE_MEETING, GOVERNMENT, PLENARY, smallOrg } from './fixture.ts';
import {
  assistantsOf,
  assistedBy,
  backupPartnerOf,
  holderOf,
  isIsoDate,
  leaderInCharge,
  membersOf,
  positionsOf,
} from './queries.ts';

const DAY = '2026-03-03';

test('第八条: the government is the mayor, vice mayors, secretary-general and the constituent departments’ principal heads', () => {
  const members = membersOf(smallOrg(), GOVERNMENT, DAY);
  assert.deepEqual(
    members.map((m) => m.personId),
    ['p-mayor', 'p-exec', 'p-vm1', 'p-vm2', 'p-vm3', 'p-sg', 'p-fgw', 'p-jyj'],
  );
  // deputies, clerks, counties and institutions are not members
  for (const id of ['p-dsg1', 'p-dsg2', 'p-clerk']) assert.ok(!members.some((m) => m.personId === id), id);
});

test('第八条: a vice mayor who also heads a bureau is one member, counted as vice mayor', () => {
  const members = membersOf(smallOrg(), GOVERNMENT, DAY).filter((m) => m.personId === 'p-vm3');
  assert.deepEqual(members, [{ personId: 'p-vm3', positionId: 'pos-vm3' }]);
});

test('第八条: a vacant post has no member; a past holder is not a member', () => {
  const org = smallOrg();
  org.assignments = org.assignments.map((a) => (a.id === 'a-jyj' ? { ...a, period: { from: '2023-01-01', to: '2026-01-31' } } : a));
  assert.ok(!membersOf(org, GOVERNMENT, DAY).some((m) => m.personId === 'p-jyj'));
  assert.ok(membersOf(org, GOVERNMENT, '2026-01-31').some((m) => m.personId === 'p-jyj'));
});

test('第八条: the government office is a working department — its director is a member (here the secretary-general, once)', () => {
  const org = smallOrg();
  assert.equal(membersOf(org, GOVERNMENT, DAY).filter((m) => m.personId === 'p-sg').length, 1);
  org.people.push({ id: 'p-director', name: '丑主任' });
  org.assignments = org.assignments.map((a) => (a.id === 'a-office' ? { ...a, personId: 'p-director', concurrent: false } : a));
  assert.ok(membersOf(org, GOVERNMENT, DAY).some((m) => m.personId === 'p-director' && m.positionId === 'pos-office-director'));
});

test('第五十二条: the plenary has the same composition as the government', () => {
  assert.deepEqual(membersOf(smallOrg(), PLENARY, DAY), membersOf(smallOrg(), GOVERNMENT, DAY));
});

test('第五十三条: the executive meeting is the mayor, vice mayors and secretary-general', () => {
  assert.deepEqual(
    membersOf(smallOrg(), EXECUTIVE_MEETING, DAY).map((m) => m.positionId),
    ['pos-mayor', 'pos-exec', 'pos-vm1', 'pos-vm2', 'pos-vm3', 'pos-sg'],
  );
});

test('第十一条: the vice mayor in charge of a department comes from the portfolios', () => {
  assert.deepEqual(leaderInCharge(smallOrg(), 'u-fgw', DAY), { positionId: 'pos-exec', personId: 'p-exec', portfolioId: 'pf-exec', viaUnitId: undefined });
  assert.equal(leaderInCharge(smallOrg(), 'u-jyj', DAY)?.personId, 'p-vm1');
  assert.equal(leaderInCharge(smallOrg(), 'u-county', DAY), undefined);
});

test('第九十九条: an institution managed through a department falls under that department’s leader', () => {
  const r = leaderInCharge(smallOrg(), 'u-school', DAY);
  assert.equal(r?.positionId, 'pos-vm1');
  assert.equal(r?.viaUnitId, 'u-jyj');
});

test('第十一条: a portfolio ended on a date no longer puts the leader in charge after it', () => {
  const org = smallOrg();
  org.portfolios = org.portfolios.map((p) => (p.id === 'pf-vm1' ? { ...p, period: { from: '2023-01-01', to: '2026-03-02' } } : p));
  assert.equal(leaderInCharge(org, 'u-jyj', '2026-03-02')?.positionId, 'pos-vm1');
  assert.equal(leaderInCharge(org, 'u-jyj', DAY), undefined);
});

test('第十二条: the deputy secretary-general assisting a vice mayor, and whom a deputy assists', () => {
  assert.deepEqual(assistantsOf(smallOrg(), 'pos-vm3', DAY).map((p) => p.id), ['pos-dsg2']);
  assert.deepEqual(assistedBy(smallOrg(), 'pos-dsg1', DAY).map((p) => p.id), ['pos-exec', 'pos-vm1']);
});

test('第十一条: AB岗 partners are found from either side', () => {
  assert.equal(backupPartnerOf(smallOrg(), 'pos-exec', DAY), 'pos-vm1');
  assert.equal(backupPartnerOf(smallOrg(), 'pos-vm1', DAY), 'pos-exec');
  assert.equal(backupPartnerOf(smallOrg(), 'pos-sg', DAY), undefined);
});

test('posts: holder on a date and a person’s posts, main post first', () => {
  assert.equal(holderOf(smallOrg(), 'pos-mayor', DAY), 'p-mayor');
  assert.equal(holderOf(smallOrg(), 'pos-mayor', '2022-12-31'), undefined);
  assert.deepEqual(positionsOf(smallOrg(), 'p-vm3', DAY).map((p) => p.id), ['pos-vm3', 'pos-gaj-head']);
});

test('dates: only real calendar days written YYYY-MM-DD', () => {
  assert.ok(isIsoDate('2024-02-29'));
  assert.ok(!isIsoDate('2023-02-29'));
  assert.ok(!isIsoDate('2026-3-3'));
  assert.ok(!isIsoDate(20260303));
});
