// Keeping the organisation current through the API (src/app/org/admin.ts): appointments, 分管, 协助, AB岗
// and units, each dated and audited, each seen at once by who-acts-for and by 签发.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from './http-harness.ts';
import { createUser } from '../../src/app/auth/sessions.ts';

// The demo is loaded on Monday 2026-03-02: 马志远 (pos-vmayor-4) is away 03-01…03-04; 王雅琴 (pos-vmayor-3)
// is in charge of 市教育局; 李晓峰 (pos-vmayor-2) of 市公安局.
const TODAY = '2026-03-02';
let s: TestServer;
const c: Record<string, string> = {};
const LOGINS = ['admin', 'sg', 'office-clerk', 'vmayor2', 'vmayor3'];
before(async () => {
  s = await startTestServer({ now: `${TODAY}T09:00:00+08:00` });
  for (const l of LOGINS) c[l] = await s.login(l);
});
after(async () => { await s.close(); });

const call = async (who: string, method: 'GET' | 'POST', url: string, payload?: unknown) => {
  const r = await s.app.inject({ method, url: `/api/v1${url}`, headers: { cookie: c[who] }, ...(payload !== undefined ? { payload: payload as any } : {}) });
  return { status: r.statusCode, body: r.json() as any };
};
const codes = (warnings: { code: string }[]) => warnings.map((w) => w.code);
const auditOf = async (action: string) =>
  (await s.t.db.query('SELECT object_id, article, payload FROM audit_records WHERE action = $1 ORDER BY seq', [action])).rows;
const revision = async () => (await s.t.db.query(`SELECT rev FROM org_revisions WHERE tenant_id = 'wuwei'`)).rows[0].rev as string;

const draft = (leadUnitId: string, title: string) => ({
  docType: '通知', direction: 'downward', title, issuerName: '武威市人民政府', issuerCode: '武政发', leadUnitId,
  body: '各县区人民政府，市政府有关部门：现将有关事项通知如下。', principalRecipients: ['各县区人民政府'], disclosure: '主动公开',
});

test('第十一条: 分管 redistributed to another vice mayor routes the unit\'s 签发 to the new vice mayor', async () => {
  const body = draft('unit-jyj', '武威市人民政府关于做好2026年春季学期开学工作的通知');
  const before = await call('office-clerk', 'POST', '/documents/outgoing/preview', body);
  assert.equal(before.body.signing.signerPositionId, 'pos-vmayor-3');
  const vm2 = (await call('admin', 'GET', '/org/portfolios')).body.portfolios.find((p: any) => p.positionId === 'pos-vmayor-2');
  const rev = await revision();

  const r = await call('sg', 'POST', '/org/admin/leaders/pos-vmayor-2/portfolio', { unitIds: [...vm2.unitIds, 'unit-jyj'], areas: [...vm2.areas, '教育'], from: TODAY });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.deepEqual(r.body.result.transfers, [{ unitId: 'unit-jyj', fromPositionId: 'pos-vmayor-3' }]);
  const moved = r.body.warnings.find((w: any) => w.code === 'ORG.PORTFOLIO_TRANSFERRED');
  assert.equal(moved.article, 11);
  assert.match(moved.message, /依据第十一条，武威市教育局自2026-03-02起由副市长（王雅琴）改为副市长（李晓峰）分管/);
  assert.notEqual(await revision(), rev, 'the write renewed the organisation revision');

  const after = await call('office-clerk', 'POST', '/documents/outgoing/preview', body);
  assert.equal(after.body.signing.signerPositionId, 'pos-vmayor-2');
  assert.equal(after.body.acting.personName, '李晓峰');
  const units = (await call('office-clerk', 'GET', '/org/units')).body.units;
  assert.equal(units.find((u: any) => u.id === 'unit-jyj').leaderInCharge.personName, '李晓峰');
  // an institution managed through the department follows it (归口, 第九十九条)
  assert.equal(units.find((u: any) => u.id === 'unit-jyksy').leaderInCharge.personName, '李晓峰');
  const vm3 = (await call('office-clerk', 'GET', '/org/portfolios')).body.portfolios.find((p: any) => p.positionId === 'pos-vmayor-3');
  assert.ok(!vm3.unitIds.includes('unit-jyj'));
  assert.ok(vm3.unitIds.includes('unit-wjw'), 'the rest of 王雅琴\'s portfolio stays');
  // yesterday's organisation is unchanged: nothing is deleted, the old 分工 ends the day before
  const yesterday = (await call('office-clerk', 'GET', '/org/units?date=2026-03-01')).body.units;
  assert.equal(yesterday.find((u: any) => u.id === 'unit-jyj').leaderInCharge.personName, '王雅琴');
  const [audit] = await auditOf('org.portfolio_set');
  assert.equal(audit.article, 11);
  assert.deepEqual(audit.payload.transfers, [{ unitId: 'unit-jyj', fromPositionId: 'pos-vmayor-3' }]);

  // a second change dated the same day would end a record before it begins: refused, naming it
  const again = await call('sg', 'POST', '/org/admin/leaders/pos-vmayor-2/portfolio', { unitIds: vm2.unitIds, areas: vm2.areas, from: TODAY });
  assert.equal(again.status, 409);
  assert.equal(again.body.code, 'ORG.CHANGE_PRECEDES_RECORD');
});

test('第十一条: a 分管 unit must exist and be active; only the mayor and vice mayors are in charge', async () => {
  const unknown = await call('sg', 'POST', '/org/admin/leaders/pos-vmayor-5/portfolio', { unitIds: ['unit-nope'], areas: [], from: '2026-03-03' });
  assert.equal(unknown.status, 404);
  assert.equal(unknown.body.code, 'ORG.UNKNOWN_UNIT');
  const notLeader = await call('sg', 'POST', '/org/admin/leaders/pos-sg/portfolio', { unitIds: ['unit-tjj'], areas: [], from: '2026-03-03' });
  assert.equal(notLeader.body.code, 'ORG.PORTFOLIO_NOT_LEADER');
  assert.equal(notLeader.body.article, 11);

  // 单位新增: a new department with its principal head's post, not yet in anyone's charge
  const created = await call('admin', 'POST', '/org/admin/units', {
    id: 'unit-sjzyj', kind: 'constituent_department', name: '武威市数据资源管理局', shortName: '市数据局', from: TODAY, principalHeadTitle: '市数据局局长',
  });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  assert.equal(created.body.result.principalHead.kind, 'department_principal_head');
  assert.deepEqual(codes(created.body.warnings).sort(), ['ORG.NO_LEADER_IN_CHARGE', 'ORG.NO_PRINCIPAL_HEAD']);
  // 更名
  const renamed = await call('admin', 'POST', '/org/admin/units/unit-sjzyj/rename', { name: '武威市数据局', shortName: '市数据局' });
  assert.equal(renamed.status, 200);
  assert.equal((await call('office-clerk', 'GET', '/org/units')).body.units.find((u: any) => u.id === 'unit-sjzyj').name, '武威市数据局');
  assert.deepEqual((await auditOf('org.unit_renamed'))[0].payload.before.name, '武威市数据资源管理局');
  // taken into 何俊's charge, then 撤销 from 03-10: the 分管 still lists it (a warning), and from then on it cannot be put in charge
  const vm5 = (await call('admin', 'GET', '/org/portfolios')).body.portfolios.find((p: any) => p.positionId === 'pos-vmayor-5');
  const take = await call('sg', 'POST', '/org/admin/leaders/pos-vmayor-5/portfolio', { unitIds: [...vm5.unitIds, 'unit-sjzyj'], areas: vm5.areas, from: '2026-03-03' });
  assert.equal(take.status, 200, JSON.stringify(take.body));
  const gone = await call('admin', 'POST', '/org/admin/units/unit-sjzyj/deactivate', { from: '2026-03-10', reason: '机构改革' });
  assert.equal(gone.status, 200, JSON.stringify(gone.body));
  assert.ok(codes(gone.body.warnings).includes('ORG.UNIT_STILL_IN_CHARGE'));
  assert.equal(gone.body.result.unit.period.to, '2026-03-09');
  const late = await call('sg', 'POST', '/org/admin/leaders/pos-vmayor-1/portfolio', { unitIds: ['unit-sjzyj'], areas: [], from: '2026-03-12' });
  assert.equal(late.status, 422);
  assert.equal(late.body.code, 'ORG.UNIT_INACTIVE');
  assert.equal(late.body.violations[0].article, 11);
  const twice = await call('admin', 'POST', '/org/admin/units/unit-sjzyj/deactivate', { from: '2026-03-11' });
  assert.equal(twice.body.code, 'ORG.UNIT_ALREADY_INACTIVE');
  const gov = await call('admin', 'POST', '/org/admin/units/unit-gov/deactivate', { from: '2026-03-11' });
  assert.equal(gov.body.code, 'ORG.UNIT_NOT_DEACTIVATABLE');
});

test('第八条: an appointment through the API is seen at once by 签发 and the organisation browser; the leaver\'s open steps are listed', async () => {
  // a 通知 of 市公安局 waits for 李晓峰's 签发
  const id = (await call('office-clerk', 'POST', '/documents/outgoing', draft('unit-gaj', '武威市人民政府关于加强春季道路交通安全管理的通知'))).body.id;
  let v = (await call('office-clerk', 'POST', `/documents/${id}/submit`, { version: 1 })).body.version;
  v = (await call('office-clerk', 'POST', `/documents/${id}/review`, { opinion: '同意', version: v })).body.version;

  const person = await call('admin', 'POST', '/org/admin/people', { id: 'person-vmayor6', name: '周海涛', gender: 'male' });
  assert.equal(person.status, 201, JSON.stringify(person.body));
  // no two holders at once: without 免去原任职 the post is refused
  const clash = await call('sg', 'POST', '/org/admin/appointments', { personId: 'person-vmayor6', positionId: 'pos-vmayor-2', from: TODAY });
  assert.equal(clash.status, 409);
  assert.equal(clash.body.code, 'ORG.POSITION_DOUBLY_HELD');
  assert.match(clash.body.message, /李晓峰/);

  const r = await call('sg', 'POST', '/org/admin/appointments', { personId: 'person-vmayor6', positionId: 'pos-vmayor-2', from: TODAY, replaceCurrent: true, basis: '武人常任〔2026〕2号' });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  assert.equal(r.body.result.ended[0].personId, 'person-vmayor2');
  assert.equal(r.body.result.ended[0].period.to, '2026-03-01');
  const open = r.body.warnings.find((w: any) => w.code === 'ORG.OPEN_STEPS_ON_LEAVE');
  assert.ok(open, JSON.stringify(r.body.warnings));
  assert.ok(open.details.steps.some((x: any) => x.documentId === id && x.step === 'signing'));
  assert.match(open.message, /李晓峰.*道路交通安全/);
  const [appointed] = await auditOf('org.appointed');
  assert.equal(appointed.article, 8);
  assert.equal(appointed.payload.basis, '武人常任〔2026〕2号');

  // the browser and who-acts-for show the new holder
  const pos = (await call('office-clerk', 'GET', '/org/positions')).body.positions.find((p: any) => p.id === 'pos-vmayor-2');
  assert.equal(pos.holder.name, '周海涛');
  assert.equal((await call('office-clerk', 'GET', '/org/acting/pos-vmayor-2')).body.result.personId, 'person-vmayor6');
  // 签发: the leaver may no longer sign; the new vice mayor signs the waiting document
  const old = await call('vmayor2', 'POST', `/documents/${id}/sign`, { version: v, reportedToMayor: true });
  assert.equal(old.body.code, 'DOC.NOT_SIGNER');
  await createUser(s.t.db, { tenantId: 'wuwei', login: 'vmayor6', displayName: '周海涛（副市长）', password: 'Zhengtong@2026', personId: 'person-vmayor6', roles: ['vice_mayor'] });
  c.vmayor6 = await s.login('vmayor6');
  const signed = await call('vmayor6', 'POST', `/documents/${id}/sign`, { version: v, reportedToMayor: true });
  assert.equal(signed.status, 200, JSON.stringify(signed.body));

  // the assignment list shows both, newest first
  const list = (await call('office-clerk', 'GET', '/org/admin/assignments?positionId=pos-vmayor-2')).body.assignments;
  assert.deepEqual(list.map((a: any) => [a.personName, a.period.to ?? null]), [['周海涛', null], ['李晓峰', '2026-03-01']]);
});

test('第八条: no second 市长 while the mayor holds the post, and no second 市长 post', async () => {
  const r = await call('sg', 'POST', '/org/admin/appointments', { personId: 'person-vmayor-exec', positionId: 'pos-mayor', from: '2026-03-05' });
  assert.equal(r.status, 409);
  assert.equal(r.body.code, 'ORG.POSITION_DOUBLY_HELD');
  assert.equal(r.body.article, 8);
  assert.match(r.body.message, /市长同一时间只能由一人担任：林向东/);
  const post = await call('admin', 'POST', '/org/admin/positions', { kind: 'mayor', unitId: 'unit-gov', title: '市长' });
  assert.equal(post.body.code, 'ORG.MAYOR_NOT_UNIQUE');
  assert.equal(post.body.article, 9);
});

test('第八条: ending a mayor\'s appointment warns the post is vacant from the next day; an ended appointment cannot end again', async () => {
  const mayor = (await call('office-clerk', 'GET', '/org/admin/assignments?positionId=pos-mayor')).body.assignments[0];
  const early = await call('sg', 'POST', `/org/admin/appointments/${mayor.id}/end`, { lastDay: '2020-01-01' });
  assert.equal(early.body.code, 'ORG.INVALID_PERIOD');
  const r = await call('sg', 'POST', `/org/admin/appointments/${mayor.id}/end`, { lastDay: '2026-06-30' });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  const vacant = r.body.warnings.find((w: any) => w.code === 'ORG.POST_VACANT_AFTER');
  assert.equal(vacant.article, 8);
  assert.match(vacant.message, /市长职务自2026-07-01起空缺/);
  assert.equal((await call('office-clerk', 'GET', '/org/acting/pos-mayor?date=2026-07-01')).body.result.outcome, 'unresolved');
  const again = await call('sg', 'POST', `/org/admin/appointments/${mayor.id}/end`, { lastDay: '2026-07-31' });
  assert.equal(again.body.code, 'ORG.ASSIGNMENT_ALREADY_ENDED');
});

test('第十一条: AB岗 re-paired — the away vice mayor\'s items go to the new partner; a partner must be a member of the government (第八条)', async () => {
  assert.equal((await call('office-clerk', 'GET', '/org/acting/pos-vmayor-4')).body.result.personId, 'person-vmayor3');
  // a vice mayor post nobody holds is no member of the government
  const post = await call('admin', 'POST', '/org/admin/positions', { id: 'pos-vmayor-7', kind: 'vice_mayor', unitId: 'unit-gov', title: '副市长', order: 8 });
  assert.equal(post.status, 201, JSON.stringify(post.body));
  const vacant = await call('sg', 'POST', '/org/admin/backup-pairs', { pairs: [['pos-vmayor-4', 'pos-vmayor-7']], from: TODAY });
  assert.equal(vacant.status, 422);
  assert.equal(vacant.body.code, 'ORG.BACKUP_PARTNER_NOT_MEMBER');
  assert.equal(vacant.body.article, 8);
  const notVm = await call('sg', 'POST', '/org/admin/backup-pairs', { pairs: [['pos-vmayor-4', 'pos-dsg-1']], from: TODAY });
  assert.equal(notVm.body.code, 'ORG.BACKUP_PAIR_INVALID');
  const twice = await call('sg', 'POST', '/org/admin/backup-pairs', { pairs: [['pos-vmayor-4', 'pos-vmayor-2'], ['pos-vmayor-4', 'pos-vmayor-3']], from: TODAY });
  assert.equal(twice.body.code, 'ORG.BACKUP_PAIR_DUPLICATE_POST');

  const r = await call('sg', 'POST', '/org/admin/backup-pairs', {
    pairs: [['pos-vmayor-exec', 'pos-vmayor-1'], ['pos-vmayor-2', 'pos-vmayor-4'], ['pos-vmayor-3', 'pos-vmayor-5']], from: TODAY,
  });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.deepEqual(codes(r.body.warnings), []);
  assert.equal(r.body.result.pairs.length, 3);
  const acting = (await call('office-clerk', 'GET', '/org/acting/pos-vmayor-4')).body.result;
  assert.equal(acting.basis, 'backup_partner');
  assert.equal(acting.personId, 'person-vmayor6', 'the partner is whoever holds pos-vmayor-2 today');
  const [audit] = await auditOf('org.backup_pairs_set');
  assert.equal(audit.article, 11);
  assert.equal(audit.payload.ended.length, 2, 'the unchanged pair keeps its record');
  // leaving a vice mayor unpaired is allowed, and said
  const alone = await call('sg', 'POST', '/org/admin/backup-pairs', { pairs: [['pos-vmayor-exec', 'pos-vmayor-1'], ['pos-vmayor-2', 'pos-vmayor-4']], from: '2026-03-20' });
  assert.equal(alone.status, 200, JSON.stringify(alone.body));
  assert.deepEqual(codes(alone.body.warnings).sort(), ['ORG.NO_BACKUP_PARTNER', 'ORG.NO_BACKUP_PARTNER']);
});

test('第十二条: the 副秘书长 assisting a vice mayor are replaced from a date; only a 副秘书长 assists', async () => {
  const wrong = await call('sg', 'POST', '/org/admin/leaders/pos-vmayor-2/assistants', { assistantPositionIds: ['pos-vmayor-1'], from: TODAY });
  assert.equal(wrong.body.code, 'ORG.ASSISTANCE_INVALID');
  assert.equal(wrong.body.article, 12);
  const r = await call('sg', 'POST', '/org/admin/leaders/pos-vmayor-2/assistants', { assistantPositionIds: ['pos-dsg-1'], from: TODAY });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.deepEqual(r.body.result.assistance.map((a: any) => a.assistantPositionId), ['pos-dsg-1']);
  const pf = (await call('office-clerk', 'GET', '/org/portfolios')).body.portfolios.find((p: any) => p.positionId === 'pos-vmayor-2');
  assert.deepEqual(pf.assistants.map((a: any) => a.personName), ['刘晨']);
  const none = await call('sg', 'POST', '/org/admin/leaders/pos-vmayor-2/assistants', { assistantPositionIds: [], from: '2026-04-01' });
  assert.deepEqual(codes(none.body.warnings), ['ORG.NO_ASSISTANT']);
  assert.equal((await auditOf('org.assistance_set'))[0].article, 12);
});

test('organisation administration is for org.admin: the office clerk may read but not appoint', async () => {
  const r = await call('office-clerk', 'POST', '/org/admin/people', { name: '某人' });
  assert.equal(r.status, 403);
  assert.equal(r.body.code, 'AUTH.FORBIDDEN');
  const bad = await call('admin', 'POST', '/org/admin/people', { name: '某人', extra: 1 });
  assert.equal(bad.status, 400, 'the body schema is strict');
});
