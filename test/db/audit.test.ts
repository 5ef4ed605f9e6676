import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openTestDb, manualClock } from './harness.ts';
import { runUseCase, systemActor } from '../../src/app/context.ts';
import { sealAudit, verifyAudit, auditStatus } from '../../src/app/audit/chain.ts';

const actor = { ...systemActor('wuwei'), name: '测试文书', userId: 'u1', ip: '10.0.0.8' };

test('audit record: a use case that fails leaves neither its change nor its audit record', async () => {
  const t = await openTestDb();
  try {
    const deps = { db: t.db, clock: manualClock('2026-03-02T09:00:00+08:00') };
    await t.db.query(`INSERT INTO tenants (id, name, pack_id) VALUES ('wuwei', '武威市人民政府', 'wuwei-2023')`);
    await assert.rejects(runUseCase(deps, actor, async (ctx) => {
      await ctx.tx.query(`UPDATE tenants SET name = '被改掉的名称' WHERE id = 'wuwei'`);
      await ctx.audit({ action: 'tenant.renamed', objectType: 'tenant', objectId: 'wuwei' });
      throw new Error('中途失败');
    }));
    const name = (await t.db.query(`SELECT name FROM tenants WHERE id = 'wuwei'`)).rows[0].name;
    assert.equal(name, '武威市人民政府');
    assert.equal((await t.db.query('SELECT count(*)::int AS n FROM audit_records')).rows[0].n, 0);
  } finally { await t.close(); }
});

test('audit record: every record carries who, what, which object, which article, when and from where', async () => {
  const t = await openTestDb();
  try {
    const deps = { db: t.db, clock: manualClock('2026-03-02T09:00:00+08:00') };
    await runUseCase(deps, actor, (ctx) => ctx.audit({ action: 'countersign.implied_consent', objectType: 'countersign', objectId: 'cs-1', article: 66, payload: { result: '无不同意见' } }));
    const r = (await t.db.query('SELECT * FROM audit_records')).rows[0];
    assert.equal(r.actor_name, '测试文书');
    assert.equal(r.action, 'countersign.implied_consent');
    assert.equal(r.object_id, 'cs-1');
    assert.equal(r.article, 66);
    assert.equal(r.ip, '10.0.0.8');
    assert.equal(new Date(r.at).toISOString(), '2026-03-02T01:00:00.000Z');
  } finally { await t.close(); }
});

test('audit chain: the verifier names the first record altered in the database', async () => {
  const t = await openTestDb();
  try {
    const deps = { db: t.db, clock: manualClock('2026-03-02T09:00:00+08:00') };
    for (let i = 1; i <= 5; i++) {
      await runUseCase(deps, actor, (ctx) => ctx.audit({ action: 'document.registered', objectType: 'document', objectId: `d${i}`, payload: { title: `文件${i}` } }));
    }
    assert.equal(await sealAudit(t.db), 5);
    assert.deepEqual((await verifyAudit(t.db)).ok, true);
    const status = await auditStatus(t.db);
    assert.equal(status.sealedUpTo, 5);
    assert.equal(status.unsealed, 0);

    await t.db.query(`UPDATE audit_records SET payload = '{"title":"篡改后的标题"}' WHERE object_id = 'd3'`);
    const r = await verifyAudit(t.db);
    assert.equal(r.ok, false);
    if (!r.ok) {
      assert.equal(r.brokenChainPos, 3);
      assert.equal(r.verified, 2);
    }
  } finally { await t.close(); }
});

test('audit chain: a deleted record is caught', async () => {
  const t = await openTestDb();
  try {
    const deps = { db: t.db, clock: manualClock('2026-03-02T09:00:00+08:00') };
    for (let i = 1; i <= 4; i++) {
      await runUseCase(deps, actor, (ctx) => ctx.audit({ action: 'x', objectType: 'document', objectId: `d${i}` }));
    }
    await sealAudit(t.db);
    await t.db.query(`DELETE FROM audit_records WHERE object_id = 'd2'`);
    const r = await verifyAudit(t.db);
    assert.equal(r.ok, false);
    if (!r.ok) assert.equal(r.brokenChainPos, 3);
  } finally { await t.close(); }
});

test('audit chain: records sealed in later rounds continue the same chain', async () => {
  const t = await openTestDb();
  try {
    const deps = { db: t.db, clock: manualClock('2026-03-02T09:00:00+08:00') };
    await runUseCase(deps, actor, (ctx) => ctx.audit({ action: 'a', objectType: 'o', objectId: '1' }));
    await sealAudit(t.db);
    await Promise.all([1, 2, 3].map((i) => runUseCase(deps, actor, (ctx) => ctx.audit({ action: 'b', objectType: 'o', objectId: String(i) }))));
    await sealAudit(t.db);
    const r = await verifyAudit(t.db);
    assert.equal(r.ok, true);
    if (r.ok) assert.equal(r.verified, 4);
  } finally { await t.close(); }
});
