// A document's trail line and its audit record are written by one statement: both are there, with the
// same action, article and time, or neither is.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openTestDb, manualClock } from './harness.ts';
import { runUseCase, systemActor } from '../../src/app/context.ts';
import { trail } from '../../src/app/documents/common.ts';

const actor = { ...systemActor('wuwei'), name: '测试文书', userId: 'u1', personId: 'person-clerk', ip: '10.0.0.8' };

test('audit record: a trail line comes with its audit record, same action, article and time; a failed one leaves neither', async () => {
  const t = await openTestDb();
  try {
    const deps = { db: t.db, clock: manualClock('2026-03-02T09:00:00+08:00') };
    await t.db.query(`INSERT INTO tenants (id, name, pack_id) VALUES ('wuwei', '武威市人民政府', 'wuwei-2023')`);
    await t.db.query(`INSERT INTO documents (id, tenant_id, pack_id, flow, state, doc_type, direction, title, issuer_name, started_on, created_at, updated_at)
      VALUES ('doc-1', 'wuwei', 'wuwei-2023', 'incoming', 'handling', '请示', 'up', '关于测试的请示', '测试单位', '2026-03-02', now(), now())`);
    await runUseCase(deps, actor, (ctx) => trail(ctx, 'doc-1', 'progress_reported', '说明办理情况：正在办理', 73, { late: false }));
    const line = (await t.db.query(`SELECT * FROM document_events WHERE document_id = 'doc-1'`)).rows;
    const audit = (await t.db.query(`SELECT * FROM audit_records WHERE object_id = 'doc-1'`)).rows;
    assert.equal(line.length, 1);
    assert.equal(audit.length, 1);
    assert.deepEqual([line[0].action, line[0].label, line[0].article, line[0].actor_person_id, line[0].payload],
      ['progress_reported', '说明办理情况：正在办理', 73, 'person-clerk', { late: false }]);
    assert.deepEqual([audit[0].action, audit[0].object_type, audit[0].article, audit[0].actor_user_id, audit[0].ip, audit[0].payload],
      ['document.progress_reported', 'document', 73, 'u1', '10.0.0.8', { label: '说明办理情况：正在办理', late: false }]);
    assert.equal(new Date(line[0].at).getTime(), new Date(audit[0].at).getTime());

    // a trail line for a document that does not exist is refused by the database: no audit record either
    await assert.rejects(runUseCase(deps, actor, (ctx) => trail(ctx, 'doc-missing', 'chased', '催办', undefined)));
    assert.equal((await t.db.query(`SELECT count(*)::int AS n FROM audit_records WHERE object_id = 'doc-missing'`)).rows[0].n, 0);
  } finally { await t.close(); }
});
