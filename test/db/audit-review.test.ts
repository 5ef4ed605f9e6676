// 安全审计 (GB/T 22239-2019 8.1.4.3) and 审计管理 (8.1.10.3): the auditor's search and export, and the
// administrators' own actions kept for the holder of audit.review. The use cases are driven directly
// with the reader's permission passed in; the routes are exercised in audit-review-http.test.ts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { openTestDb, manualClock } from './harness.ts';
import { runUseCase, type Actor } from '../../src/app/context.ts';
import { createUser } from '../../src/app/auth/sessions.ts';
import { sealAudit, verifyAudit } from '../../src/app/audit/chain.ts';
import { exportAudit, objectTrail, searchAudit } from '../../src/app/audit/search.ts';
import { withTenant } from '../../src/store/scope.ts';

const actor = (name: string, userId: string | null, roles: string[], ip = '10.0.0.8'): Actor =>
  ({ tenantId: 'wuwei', userId, personId: null, name, roles, ip });
const clerk = actor('韩雪（市政府办公室文书）', 'user-office-clerk', ['office_clerk']);
const mayor = actor('林向东（市长）', 'user-mayor', ['mayor']);
const admin = actor('系统管理员', 'user-admin', ['admin']);
const auditor = actor('安全审计员', 'user-auditor', ['security_auditor']);
const signingIn = (login: string) => actor(login, null, [], '10.0.0.99');

const auditorView = { tenantId: 'wuwei', review: true };
const businessView = { tenantId: 'wuwei', review: false };
const page = { page: 1, pageSize: 50 };

async function fixture() {
  const t = await openTestDb();
  const clock = manualClock('2026-03-02T09:00:00+08:00');
  const deps = { db: t.db, clock };
  await t.db.query(`INSERT INTO tenants (id, name, pack_id) VALUES ('wuwei', '武威市人民政府', 'wuwei-2023'), ('gulang', '古浪县人民政府', 'wuwei-2023')`);
  for (const [login, roles] of [['office-clerk', ['office_clerk']], ['admin', ['admin']], ['auditor', ['security_auditor']]] as const) {
    await createUser(t.db, { tenantId: 'wuwei', login, displayName: login, password: 'Zhengtong@2026', roles: [...roles] });
  }
  const act = async (a: Actor, at: string, action: string, objectType: string, objectId: string, article?: number, payload?: Record<string, unknown>) => {
    clock.set(at);
    await runUseCase(deps, a, (ctx) => ctx.audit({ action, objectType, objectId, article, payload }));
  };
  return { t, deps, clock, act };
}

test('安全审计 (GB/T 22239 8.1.4.3): the auditor finds a record by person, action, object and time, and exports them to Excel', async () => {
  const { t, deps, act } = await fixture();
  try {
    await act(clerk, '2026-03-02T09:00:00+08:00', 'document.registered', 'document', 'doc-1', 37, { title: '关于春耕备耕的请示' });
    await act(clerk, '2026-03-03T10:00:00+08:00', 'document.submitted', 'document', 'doc-1', 38);
    await act(mayor, '2026-03-04T11:00:00+08:00', 'document.signed', 'document', 'doc-1', 66);
    await act(mayor, '2026-03-05T15:30:00+08:00', 'meeting.scheduled', 'meeting', 'm-1', 53);
    await act({ ...clerk, tenantId: 'gulang', userId: 'user-gl' }, '2026-03-05T16:00:00+08:00', 'document.registered', 'document', 'doc-gl', 37);
    await sealAudit(t.db);
    const search = (f: Parameters<typeof searchAudit>[2], p = page) => withTenant('wuwei', () => searchAudit(deps, auditorView, f, p));

    // by person: part of the name, or the account's id or login
    assert.deepEqual((await search({ person: '林向东' })).records.map((r) => r.action), ['meeting.scheduled', 'document.signed']);
    assert.equal((await search({ person: 'user-office-clerk' })).total, 2);
    assert.equal((await search({ person: 'office-clerk' })).total, 2, 'the login finds the account');
    // by action (a prefix finds the family), by object, by article
    assert.deepEqual((await search({ action: 'document.' })).records.map((r) => r.action), ['document.signed', 'document.submitted', 'document.registered']);
    assert.equal((await search({ action: 'document.signed' })).total, 1);
    assert.equal((await search({ action: 'document%' })).total, 0, 'a LIKE wildcard is a literal character');
    assert.equal((await search({ objectType: 'document', objectId: 'doc-1' })).total, 3);
    assert.equal((await search({ article: 66 })).records[0].action, 'document.signed');
    // by time: a date is a Beijing calendar day, both ends included; an instant is exact
    assert.deepEqual((await search({ from: '2026-03-03', to: '2026-03-04' })).records.map((r) => r.action), ['document.signed', 'document.submitted']);
    assert.equal((await search({ from: '2026-03-05T07:00:00Z' })).total, 1);
    // within the reader's government only; newest first; paged
    const all = await search({});
    assert.equal(all.total, 4);
    assert.ok(all.records.every((r) => r.objectId !== 'doc-gl'));
    const p2 = await search({}, { page: 2, pageSize: 3 });
    assert.deepEqual([p2.total, p2.records.length, p2.records[0].action], [4, 1, 'document.registered']);
    assert.match(all.records[0].hash!, /^[0-9a-f]{64}$/);

    // the export: the same filters, Chinese headers, one row per record, and the export is on the record
    const exp = await withTenant('wuwei', () => exportAudit(deps, auditor, auditorView, { objectType: 'document', objectId: 'doc-1' }));
    assert.equal(exp.rows, 3);
    const chunks: Buffer[] = [];
    const out = new PassThrough();
    out.on('data', (c) => chunks.push(c));
    await withTenant('wuwei', () => exp.write(out));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.concat(chunks) as any);
    const ws = wb.worksheets[0];
    assert.deepEqual((ws.getRow(1).values as unknown[]).slice(1), ['时间', '操作人', '操作', '对象', '依据条款', '地址', '摘要', '记录哈希']);
    assert.equal(ws.rowCount, 4);
    assert.deepEqual((ws.getRow(2).values as unknown[]).slice(1, 6), ['2026-03-04 11:00:00', '林向东（市长）', 'document.signed', 'document doc-1', '第六十六条']);
    assert.match(String(ws.getRow(4).getCell(7).value), /关于春耕备耕的请示/);
    assert.match(String(ws.getRow(4).getCell(8).value), /^[0-9a-f]{64}$/);
    const exported = (await search({ action: 'audit.exported' })).records;
    assert.equal(exported.length, 1);
    assert.equal(exported[0].actorName, '安全审计员');
    assert.deepEqual(exported[0].payload, { filters: { objectType: 'document', objectId: 'doc-1' }, rows: 3, review: true });
  } finally { await t.close(); }
});

test('审计管理 (GB/T 22239 8.1.10.3): the administrators\' own actions are readable with audit.review only', async () => {
  const { t, deps, act } = await fixture();
  try {
    await act(clerk, '2026-03-02T09:00:00+08:00', 'document.registered', 'document', 'doc-1', 37);
    await act(admin, '2026-03-02T09:05:00+08:00', 'org.unit_renamed', 'org_unit', 'unit-1');
    await act(admin, '2026-03-02T09:06:00+08:00', 'document.withdrawn', 'document', 'doc-1');
    await act(auditor, '2026-03-02T09:07:00+08:00', 'audit.exported', 'audit_export', 'x-1');
    await act(clerk, '2026-03-02T09:08:00+08:00', 'account.password_changed', 'user', 'user-office-clerk');
    await act(clerk, '2026-03-02T09:09:00+08:00', 'security.policy_changed', 'security_policy', 'password');
    // sign-ins are written before anyone is signed in: the account decides
    await act(signingIn('admin'), '2026-03-02T09:10:00+08:00', 'auth.login', 'user', 'user-admin');
    await act(signingIn('admin'), '2026-03-02T09:11:00+08:00', 'auth.login_failed', 'user', 'admin');
    await act(signingIn('office-clerk'), '2026-03-02T09:12:00+08:00', 'auth.login', 'user', 'user-office-clerk');
    await act(signingIn('nobody'), '2026-03-02T09:13:00+08:00', 'auth.login_failed', 'user', 'nobody');

    const business = await withTenant('wuwei', () => searchAudit(deps, businessView, {}, page));
    assert.deepEqual(business.records.map((r) => r.action).sort(), ['auth.login', 'auth.login_failed', 'document.registered']);
    assert.ok(business.records.every((r) => !r.adminAction));
    const review = await withTenant('wuwei', () => searchAudit(deps, auditorView, {}, page));
    assert.equal(review.total, 10);
    assert.deepEqual(review.records.filter((r) => r.adminAction).map((r) => r.action).sort(),
      ['account.password_changed', 'audit.exported', 'auth.login', 'auth.login_failed', 'document.withdrawn', 'org.unit_renamed', 'security.policy_changed']);
    assert.deepEqual(review.records.find((r) => r.action === 'org.unit_renamed')!.actorRoles, ['admin']);
    // the object's trail and the export leave them out too; filters cannot bring them back
    assert.deepEqual((await withTenant('wuwei', () => objectTrail(deps, businessView, 'document', 'doc-1'))).map((r) => r.action), ['document.registered']);
    assert.equal((await withTenant('wuwei', () => searchAudit(deps, businessView, { person: '系统管理员' }, page))).total, 0);
    assert.equal((await withTenant('wuwei', () => exportAudit(deps, clerk, businessView, { objectId: 'doc-1' }))).rows, 1);

    // records from before the roles were kept are classified by their actor's account as it is now
    await t.db.query(`INSERT INTO audit_records (tenant_id, at, actor_user_id, actor_name, action, object_type, object_id)
      VALUES ('wuwei', '2026-03-01T00:00:00Z', 'user-admin', '系统管理员', 'org.unit_created', 'org_unit', 'u-old'),
             ('wuwei', '2026-03-01T00:00:00Z', 'user-office-clerk', '文书', 'document.registered', 'document', 'd-old')`);
    const old = await withTenant('wuwei', () => searchAudit(deps, businessView, { from: '2026-03-01', to: '2026-03-01' }, page));
    assert.deepEqual(old.records.map((r) => r.objectId), ['d-old']);

    // moving a record out of the review view breaks the chain at that record
    await sealAudit(t.db);
    await t.db.query(`UPDATE audit_records SET admin_action = false WHERE action = 'org.unit_renamed'`);
    const v = await verifyAudit(t.db);
    assert.equal(v.ok, false);
    if (!v.ok) {
      assert.equal(v.check, 'content_hash');
      assert.equal(v.broken.action, 'org.unit_renamed');
      assert.equal(v.broken.at, '2026-03-02T01:05:00.000Z');
    }
  } finally { await t.close(); }
});
