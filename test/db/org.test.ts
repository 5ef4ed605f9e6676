import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from './http-harness.ts';
import { loadOrg } from '../../src/app/org/repo.ts';
import { loadDemoOrg } from '../../src/app/org/demo.ts';
import { recordAbsence, seedDemoOrg } from '../../src/app/org/usecases.ts';
import { runUseCase, systemActor } from '../../src/app/context.ts';
import { validateOrg, validateOrgOn } from '../../src/domain/org/index.ts';

// The demo is loaded at 2026-03-02 09:00 (Asia/Shanghai): 马志远 (vice mayor 4) is on a business trip
// 03-01…03-04, the mayor goes to Beijing 03-09…03-11 having entrusted presiding to the executive vice mayor.
const TODAY = '2026-03-02';
let s: TestServer;
const cookies: Record<string, string> = {};
const as = (login: string) => cookies[login];

before(async () => {
  s = await startTestServer({ now: `${TODAY}T09:00:00+08:00` });
  for (const l of ['office-clerk', 'office-sec', 'vmayor1', 'fgw-clerk', 'duty']) cookies[l] = await s.login(l);
});
after(async () => { await s.close(); });

const get = async (login: string, url: string) => {
  const r = await s.app.inject({ method: 'GET', url: `/api/v1${url}`, headers: { cookie: as(login) } });
  return { status: r.statusCode, body: r.json() };
};
const post = async (login: string, url: string, payload: unknown) => {
  const r = await s.app.inject({ method: 'POST', url: `/api/v1${url}`, headers: { cookie: as(login) }, payload: payload as object });
  return { status: r.statusCode, body: r.json() };
};
const auditOf = async (objectType: string, objectId: string) =>
  (await s.t.db.query('SELECT action, article, payload FROM audit_records WHERE object_type = $1 AND object_id = $2 ORDER BY seq', [objectType, objectId])).rows;

test('第八条 (demo seed): the stored organisation is the demo organisation, valid on the day, loaded once', async () => {
  const stored = await loadOrg(s.t.db, 'wuwei');
  assert.ok(stored);
  assert.deepEqual(validateOrg(stored), []);
  assert.deepEqual(validateOrgOn(stored, TODAY), []);
  const demo = loadDemoOrg(TODAY);
  assert.equal(stored.units.length, demo.units.length);
  assert.deepEqual(new Set(stored.assignments.map((a) => `${a.positionId}:${a.personId}`)), new Set(demo.assignments.map((a) => `${a.positionId}:${a.personId}`)));
  const byId = <T extends { id: string }>(xs: T[]) => [...xs].sort((a, b) => a.id.localeCompare(b.id));
  // the trips of demo/wuwei/supervision.yaml are reported through the leaders' context on top of these
  assert.deepEqual(byId(stored.absences.filter((a) => demo.absences.some((d) => d.id === a.id))), byId(demo.absences));
  assert.deepEqual(byId(stored.entrustments), byId(demo.entrustments));
  // a second seeding changes nothing
  await runUseCase(s.deps, systemActor('wuwei', '演示数据'), seedDemoOrg);
  assert.equal((await s.t.db.query(`SELECT count(*)::int AS n FROM org_units WHERE tenant_id = 'wuwei'`)).rows[0].n, demo.units.length);
  assert.equal((await auditOf('org', 'wuwei')).filter((r) => r.action === 'org.demo_loaded').length, 1);
  // every demo login points at a stored person
  const users = (await s.t.db.query(`SELECT login, person_id FROM users WHERE tenant_id = 'wuwei' AND person_id IS NOT NULL`)).rows;
  for (const u of users) assert.ok(stored.people.some((p) => p.id === u.person_id), u.login);
});

test('第十一条 (HTTP): the overview shows portfolios, AB岗, members and today’s AB岗代理 with the interpretation', async () => {
  const r = await get('vmayor1', '/org/overview');
  assert.equal(r.status, 200);
  assert.equal(r.body.date, TODAY);
  const fgw = r.body.units.find((u: any) => u.id === 'unit-fgw');
  assert.equal(fgw.leaderInCharge.personName, '赵启明');
  assert.equal(fgw.principalHead.personName, '张立群');
  assert.equal(r.body.members.executiveMeeting.members.length, 8);
  assert.equal(r.body.members.executiveMeeting.article, 53);
  const vm4 = r.body.acting.find((a: any) => a.forPositionId === 'pos-vmayor-4');
  assert.equal(vm4.outcome, 'acting');
  assert.equal(vm4.basis, 'backup_partner');
  assert.equal(vm4.personId, 'person-vmayor3');
  assert.equal(vm4.article, 11);
  assert.match(vm4.interpretation, /理解/);
  const pf = r.body.portfolios.find((p: any) => p.positionId === 'pos-vmayor-4');
  assert.equal(pf.backupPartner.personName, '王雅琴');
  assert.deepEqual(pf.assistants.map((a: any) => a.personName), ['高明远']);
});

test('第十三条 (HTTP): on the mayor’s entrusted trip the 常务副市长 presides; a reserved power waits (第七十条)', async () => {
  const preside = await get('duty', '/org/acting/pos-mayor?date=2026-03-10&purpose=preside');
  assert.equal(preside.status, 200);
  assert.equal(preside.body.result.personId, 'person-vmayor-exec');
  assert.equal(preside.body.result.basis, 'entrustment');
  assert.equal(preside.body.result.article, 13);
  const sign = await get('duty', '/org/acting/pos-mayor?date=2026-03-10&power=sign_appointment');
  assert.equal(sign.body.result.outcome, 'waits');
  assert.equal(sign.body.result.article, 70);
  assert.equal(sign.body.result.flags[0].code, 'ORG.RESERVED_TO_MAYOR');
  const unknown = await get('duty', '/org/acting/pos-nobody');
  assert.equal(unknown.status, 404);
  assert.equal(unknown.body.code, 'ORG.UNKNOWN_TARGET');
  const badDate = await get('duty', '/org/acting/pos-mayor?date=2026-02-30');
  assert.equal(badDate.status, 400);
  assert.equal(badDate.body.code, 'ORG.INVALID_DATE');
});

test('第十三条 (HTTP): a trip without an entrustment leaves no acting mayor; recording the entrustment switches it on, audited', async () => {
  const trip = await post('office-sec', '/org/absences', { personId: 'person-mayor', kind: 'study', from: '2026-03-16', to: '2026-03-20', destination: '省委党校' });
  assert.equal(trip.status, 201);
  assert.equal(trip.body.effects[0].outcome, 'waits');
  assert.equal(trip.body.effects[0].flags[0].code, 'ORG.MAYOR_AWAY_NOT_ENTRUSTED');
  const before = await get('office-sec', '/org/acting/pos-mayor?date=2026-03-17&purpose=preside');
  assert.equal(before.body.result.outcome, 'waits');

  const refused = await post('office-sec', '/org/entrustments', { kind: 'preside', granteePositionId: 'pos-vmayor-2', from: '2026-03-16', to: '2026-03-20' });
  assert.equal(refused.status, 400);
  assert.equal(refused.body.code, 'ORG.ENTRUSTMENT_PRESIDE_NOT_EXECUTIVE');
  assert.equal(refused.body.article, 13);

  const e = await post('office-sec', '/org/entrustments', { kind: 'preside', granteePositionId: 'pos-vmayor-exec', from: '2026-03-16', to: '2026-03-20' });
  assert.equal(e.status, 201);
  assert.deepEqual(e.body.warnings, []);
  const after = await get('office-sec', '/org/acting/pos-mayor?date=2026-03-17&purpose=preside');
  assert.equal(after.body.result.personId, 'person-vmayor-exec');
  assert.equal(after.body.result.entrustmentId, e.body.entrustment.id);
  const audit = await auditOf('entrustment', e.body.entrustment.id);
  assert.deepEqual(audit.map((r) => [r.action, r.article]), [['org.entrustment_recorded', 13]]);

  // withdrawn from the 18th: the 17th still acting, the 18th waits again
  const rv = await post('office-sec', `/org/entrustments/${e.body.entrustment.id}/revoke`, { revokedOn: '2026-03-18', reason: '市长提前返回' });
  assert.equal(rv.status, 200);
  assert.equal((await get('office-sec', '/org/acting/pos-mayor?date=2026-03-17&purpose=preside')).body.result.outcome, 'acting');
  assert.equal((await get('office-sec', '/org/acting/pos-mayor?date=2026-03-18&purpose=preside')).body.result.outcome, 'waits');
  const again = await post('office-sec', `/org/entrustments/${e.body.entrustment.id}/revoke`, { revokedOn: '2026-03-19' });
  assert.equal(again.status, 404);
});

test('第七十九条: an absence is audited with the article and its effect; an overlapping one is refused and writes nothing', async () => {
  const r = await post('office-clerk', '/org/absences', { personId: 'person-vmayor1', kind: 'business', from: '2026-04-01', to: '2026-04-03', destination: '上海' });
  assert.equal(r.status, 201);
  assert.equal(r.body.effects[0].personId, 'person-vmayor-exec');
  assert.equal(r.body.effects[0].basis, 'backup_partner');
  const audit = await auditOf('absence', r.body.absence.id);
  assert.equal(audit.length, 1);
  assert.equal(audit[0].action, 'org.absence_recorded');
  assert.equal(audit[0].article, 79);
  assert.equal(audit[0].payload.effects[0].basis, 'backup_partner');

  const count = async () => (await s.t.db.query(`SELECT count(*)::int AS n FROM org_absences`)).rows[0].n;
  const n = await count();
  const clash = await post('office-clerk', '/org/absences', { personId: 'person-vmayor1', kind: 'leave', from: '2026-04-03', to: '2026-04-05' });
  assert.equal(clash.status, 409);
  assert.equal(clash.body.code, 'ORG.ABSENCE_OVERLAP');
  assert.equal(clash.body.article, 79);
  assert.equal(await count(), n);

  // a correction supersedes the old row (nothing is deleted); both rows remain
  const fix = await post('office-clerk', '/org/absences', { personId: 'person-vmayor1', kind: 'business', from: '2026-04-02', to: '2026-04-04', supersedes: r.body.absence.id });
  assert.equal(fix.status, 201);
  assert.equal(await count(), n + 1);
  const list = await get('office-clerk', '/org/absences?from=2026-04-01&to=2026-04-30');
  assert.deepEqual(list.body.absences.filter((a: any) => a.personId === 'person-vmayor1').map((a: any) => a.period), [{ from: '2026-04-02', to: '2026-04-04' }]);
  assert.equal((await get('office-clerk', '/org/acting/pos-vmayor-1?date=2026-04-01')).body.result.outcome, 'self');
});

test('第七十九条: the same absence corrected twice at once — one wins, the other is told to refresh', async () => {
  const r = await recordAbsence(s.deps, { ...systemActor('wuwei', '测试'), roles: ['office_clerk'] }, { personId: 'person-dsg1', kind: 'leave', from: '2026-05-01', to: '2026-05-02' });
  const actor = { ...systemActor('wuwei', '测试'), roles: ['office_clerk'] };
  const results = await Promise.allSettled([
    recordAbsence(s.deps, actor, { personId: 'person-dsg1', kind: 'leave', from: '2026-05-01', to: '2026-05-03', supersedes: r.absence.id }),
    recordAbsence(s.deps, actor, { personId: 'person-dsg1', kind: 'leave', from: '2026-05-02', to: '2026-05-03', supersedes: r.absence.id }),
  ]);
  assert.equal(results.filter((x) => x.status === 'fulfilled').length, 1);
  const failed = results.find((x) => x.status === 'rejected') as PromiseRejectedResult;
  assert.ok(['REQUEST.CONFLICT', 'ORG.ABSENCE_NOT_FOUND'].includes(failed.reason.code), failed.reason.code);
});

test('permissions: a department clerk reads the organisation but cannot record absences or entrustments', async () => {
  assert.equal((await get('fgw-clerk', '/org/portfolios')).status, 200);
  const r = await post('fgw-clerk', '/org/absences', { personId: 'person-fgw-head', kind: 'business', from: '2026-04-01', to: '2026-04-02' });
  assert.equal(r.status, 403);
  assert.equal((await post('vmayor1', '/org/entrustments', { kind: 'task', granteePositionId: 'pos-vmayor-1', from: '2026-04-01', to: '2026-04-02', task: '自我委托' })).status, 403);
});

test('bad input: unknown fields, wrong types, unknown people — each a clear 4xx that changes nothing', async () => {
  const n = (await s.t.db.query(`SELECT count(*)::int AS n FROM org_absences`)).rows[0].n;
  const extra = await post('office-clerk', '/org/absences', { personId: 'person-vmayor2', kind: 'business', from: '2026-06-01', to: '2026-06-02', sneaky: 1 });
  assert.equal(extra.status, 400);
  assert.equal(extra.body.code, 'REQUEST.VALIDATION');
  const kind = await post('office-clerk', '/org/absences', { personId: 'person-vmayor2', kind: 'holiday', from: '2026-06-01', to: '2026-06-02' });
  assert.equal(kind.status, 400);
  const who = await post('office-clerk', '/org/absences', { personId: 'person-nobody', kind: 'business', from: '2026-06-01', to: '2026-06-02' });
  assert.equal(who.status, 404);
  assert.equal(who.body.code, 'ORG.UNKNOWN_PERSON');
  const dates = await post('office-clerk', '/org/absences', { personId: 'person-vmayor2', kind: 'business', from: '2026-06-05', to: '2026-06-01' });
  assert.equal(dates.status, 400);
  assert.equal(dates.body.code, 'ORG.INVALID_PERIOD');
  assert.equal((await s.t.db.query(`SELECT count(*)::int AS n FROM org_absences`)).rows[0].n, n);
});
