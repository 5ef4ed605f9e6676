// 审计记录归档 and 留存: the archive verifies with nothing but the file; the retention cannot be set
// below the six months of 《网络安全法》第二十一条.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openTestDb, manualClock } from './harness.ts';
import { runUseCase, systemActor } from '../../src/app/context.ts';
import { writeArchive } from '../../src/app/audit/archive.ts';
import { verifyArchive } from '../../src/domain/audit/archive.ts';
import { loadConfig } from '../../src/config.ts';
import { main } from '../../src/cli/main.ts';

const actor = (tenantId: string) => ({ ...systemActor(tenantId), name: '测试文书', userId: 'u1', roles: ['office_clerk'], ip: '10.0.0.8' });

test('审计记录留存 (网络安全法第二十一条): a retention under 180 days is refused', () => {
  assert.equal(loadConfig({}).auditRetentionDays, 180);
  assert.equal(loadConfig({ ZHENGTONG_AUDIT_RETENTION_DAYS: '365' }).auditRetentionDays, 365);
  for (const v of ['179', '30', '0', '-1']) {
    assert.throws(() => loadConfig({ ZHENGTONG_AUDIT_RETENTION_DAYS: v }), /配置错误：ZHENGTONG_AUDIT_RETENTION_DAYS: .*不得少于 180 天.*网络安全法》第二十一条/);
  }
});

test('审计归档: an archive verifies offline; one changed byte is reported with its record', async () => {
  const t = await openTestDb();
  const dir = mkdtempSync(join(tmpdir(), 'zt-archive-'));
  try {
    const clock = manualClock('2026-03-02T09:00:00+08:00');
    const deps = { db: t.db, clock };
    await t.db.query(`INSERT INTO tenants (id, name, pack_id) VALUES ('wuwei', '武威市人民政府', 'wuwei-2023'), ('gulang', '古浪县人民政府', 'wuwei-2023')`);
    for (let i = 1; i <= 6; i++) {
      clock.set(`2026-03-0${i}T09:00:00+08:00`);
      await runUseCase(deps, actor(i % 3 ? 'wuwei' : 'gulang'), (ctx) =>
        ctx.audit({ action: 'document.registered', objectType: 'document', objectId: `d${i}`, article: 37, payload: { title: `关于第${i}件事项的请示` } }));
    }

    // everything before 4 March: the chain's first three records, by both governments
    const file = join(dir, 'audit-2026-03.jsonl');
    const m = await writeArchive(deps, file, { before: new Date('2026-03-04T00:00:00+08:00'), recordIn: 'wuwei' });
    assert.deepEqual([m.records, m.fromPos, m.toPos, m.governments], [3, 1, 3, { wuwei: 2, gulang: 1 }]);
    const good = verifyArchive(readFileSync(file));
    assert.deepEqual(good, { ok: true, records: 3, fromPos: 1, toPos: 3, headHash: m.headHash, governments: { wuwei: 2, gulang: 1 } });
    assert.equal(m.headHash, (await t.db.query('SELECT hash FROM audit_records WHERE chain_pos = 3')).rows[0].hash,
      'the head hash is the live chain\'s at that position');
    // nothing left the database, and the archive itself is on the record
    assert.equal((await t.db.query('SELECT count(*)::int AS n FROM audit_records WHERE action = $1', ['document.registered'])).rows[0].n, 6);
    assert.deepEqual((await t.db.query(`SELECT payload FROM audit_records WHERE action = 'audit.archived'`)).rows[0].payload,
      { records: 3, fromPos: 1, toPos: 3, headHash: m.headHash, before: '2026-03-03T16:00:00.000Z' });

    // one changed byte in the second record (第2件 → 第3件): that record, its line, place and time
    const bytes = readFileSync(file);
    const at = bytes.indexOf(Buffer.from('第2件'));
    const changed = Buffer.from(bytes);
    changed[at + Buffer.byteLength('第')] = '3'.charCodeAt(0);
    const bad = verifyArchive(changed);
    assert.equal(bad.ok, false);
    if (!bad.ok) {
      assert.equal(bad.check, 'content_hash');
      assert.deepEqual(bad.record, { line: 3, chainPos: 2, seq: 2, at: '2026-03-02T01:00:00.000Z' });
      assert.equal(bad.verified, 1);
    }
    // a record removed: the next one no longer follows
    const lines = bytes.toString('utf8').split('\n');
    const removed = verifyArchive(Buffer.from([...lines.slice(0, 2), ...lines.slice(3)].join('\n')));
    assert.equal(!removed.ok && removed.check, 'position');
    // the manifest changed, or the file cut short
    const manifestEdit = Buffer.from(bytes.toString('utf8').replace(/"records":3/, '"records":2'));
    assert.equal((verifyArchive(manifestEdit) as any).check, 'manifest');
    assert.equal((verifyArchive(bytes.subarray(0, bytes.length - 10)) as any).check, 'format');

    // the CLI verifies it without a database
    const out: string[] = [], err: string[] = [];
    const io = { out: (s: string) => out.push(s), err: (s: string) => err.push(s) };
    assert.equal(await main(['audit', 'verify-archive', file], io), 0);
    assert.match(out.join('\n'), /归档完整：3 条记录（链位置 1–3）/);
    writeFileSync(join(dir, 'changed.jsonl'), changed);
    assert.equal(await main(['audit', 'verify-archive', join(dir, 'changed.jsonl')], io), 1);
    assert.match(err.join('\n'), /第 3 行（链位置 2，记录序号 2，时间 2026-03-02T01:00:00.000Z）— 记录内容与哈希不符/);

    // an archive is never written over
    await assert.rejects(writeArchive(deps, file, { recordIn: 'wuwei' }), /EEXIST/);
    const all = await writeArchive(deps, join(dir, 'all.jsonl'), { recordIn: 'wuwei' });
    assert.equal(all.records, 7, 'every sealed record, the first archive\'s own record included');
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await t.close();
  }
});
