// The audit routes over HTTP, with the demo's roles: 办公室文书 holds audit.read (the business record);
// the 安全审计员 (auditor, security_auditor) holds audit.review, audit.export and audit.verify (三员分立:
// the 系统管理员 holds none of them). audit-review.test.ts drives the use cases directly.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { sealAudit } from '../../src/app/audit/chain.ts';
import { startTestServer } from './http-harness.ts';

test('安全审计 (GB/T 22239 8.1.4.3) over HTTP: search and export by filters; the export is on the record; the administrators\' sign-ins only with audit.review', async () => {
  const s = await startTestServer();
  try {
    const auditor = await s.login('auditor');
    const admin = await s.login('admin');
    const clerk = await s.login('office-clerk');
    const get = (cookie: string, url: string) => s.app.inject({ method: 'GET', url: `/api/v1${url}`, headers: { cookie } });

    const byClerk = (await get(clerk, '/audit/search?action=auth.login')).json();
    assert.ok(byClerk.records.length >= 1);
    assert.ok(byClerk.records.every((r: any) => r.actorName !== 'admin' && r.objectId !== 'user-admin'), '审计管理: not the administrator\'s sign-in');
    const byAuditor = (await get(auditor, '/audit/search?action=auth.login&person=admin')).json();
    assert.ok(byAuditor.records.some((r: any) => r.objectId === 'user-admin' && r.adminAction));
    // 三员分立: the 系统管理员 reads none of it
    for (const url of ['/audit/search', '/audit/status', '/audit/verify', '/audit/export.xlsx']) assert.equal((await get(admin, url)).statusCode, 403, url);

    const day = (await get(auditor, '/audit/search?from=2026-03-02&to=2026-03-02&pageSize=5')).json();
    assert.ok(day.total >= 2);
    assert.equal(day.records.length, Math.min(5, day.total));
    assert.equal((await get(auditor, '/audit/search?from=yesterday')).statusCode, 400);

    // export: audit.export (the clerk has audit.read only)
    assert.equal((await get(clerk, '/audit/export.xlsx')).statusCode, 403);
    const x = await get(auditor, '/audit/export.xlsx?action=auth.');
    assert.equal(x.statusCode, 200, x.body);
    assert.match(String(x.headers['content-type']), /spreadsheetml/);
    assert.match(String(x.headers['content-disposition']), /attachment; filename\*=UTF-8''/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload as any);
    assert.equal(wb.worksheets[0].getRow(1).getCell(8).value, '记录哈希');
    assert.ok(wb.worksheets[0].rowCount >= 3);
    const exported = (await get(auditor, '/audit/search?action=audit.exported')).json().records;
    assert.equal(exported.length, 1);
    assert.deepEqual(exported[0].payload.filters, { action: 'auth.' });
    assert.equal((await get(clerk, '/audit/search?action=audit.exported')).json().total, 0, 'the export is an administrator\'s action');

    // verification names the first broken record: its place, time and the check that failed
    await sealAudit(s.t.db);
    assert.equal((await get(auditor, '/audit/verify')).json().ok, true);
    const victim = (await s.t.db.query(`SELECT chain_pos, at FROM audit_records WHERE tenant_id = 'wuwei' AND chain_pos IS NOT NULL ORDER BY chain_pos DESC LIMIT 1 OFFSET 3`)).rows[0];
    await s.t.db.query(`UPDATE audit_records SET ip = '6.6.6.6' WHERE chain_pos = $1`, [victim.chain_pos]);
    const v = (await get(auditor, '/audit/verify')).json();
    assert.equal(v.ok, false);
    assert.equal(v.brokenChainPos, Number(victim.chain_pos));
    assert.equal(v.check, 'content_hash');
    assert.equal(v.broken.at, new Date(victim.at).toISOString());
    assert.ok(v.broken.action);
  } finally { await s.close(); }
});
