// 第八条: the organisation a use case decides on is the stored one. A process keeps the loaded
// organisation while its revision is unchanged; on PostgreSQL the revision is read in the same message
// as the transaction's BEGIN. Whatever the order of reads and writes, no action decides on a stale one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openTestDb, manualClock } from './harness.ts';
import { runUseCase, systemActor } from '../../src/app/context.ts';
import { requireOrg, seedDemoOrg } from '../../src/app/org/usecases.ts';

const actor = systemActor('wuwei');

test('第八条: an organisation change is seen by the next action, and by an action right after its own change', async () => {
  const t = await openTestDb();
  try {
    const deps = { db: t.db, clock: manualClock('2026-03-02T09:00:00+08:00') };
    await t.db.query(`INSERT INTO tenants (id, name, pack_id) VALUES ('wuwei', '武威市人民政府', 'wuwei-2023')`);
    await runUseCase(deps, actor, (ctx) => seedDemoOrg(ctx));
    const people = () => runUseCase(deps, actor, async (ctx) => (await requireOrg(ctx.tx, 'wuwei')).people.map((p) => p.id));
    const addPerson = (tx: any, id: string) => tx.query(`INSERT INTO org_people (tenant_id, id, name) VALUES ('wuwei', $1, $2)`, [id, `新人${id}`]);

    const first = await people();
    assert.deepEqual(await people(), first, 'unchanged: the same organisation');

    // changed by another action: the next one loads it first thing and sees the newcomer
    await runUseCase(deps, actor, (ctx) => addPerson(ctx.tx, 'person-new-1'));
    assert.ok((await people()).includes('person-new-1'));

    // changed by the action itself before it loads the organisation
    const own = await runUseCase(deps, actor, async (ctx) => {
      await addPerson(ctx.tx, 'person-new-2');
      return (await requireOrg(ctx.tx, 'wuwei')).people.map((p) => p.id);
    });
    assert.ok(own.includes('person-new-2'));

    // loaded, changed, loaded again in one action: the second load sees the change
    const [before, after] = await runUseCase(deps, actor, async (ctx) => {
      const a = (await requireOrg(ctx.tx, 'wuwei')).people.map((p) => p.id);
      await addPerson(ctx.tx, 'person-new-3');
      const b = (await requireOrg(ctx.tx, 'wuwei')).people.map((p) => p.id);
      return [a, b];
    });
    assert.ok(!before.includes('person-new-3'));
    assert.ok(after.includes('person-new-3'));

    // an action that is rolled back leaves the organisation as it was
    await assert.rejects(runUseCase(deps, actor, async (ctx) => {
      await addPerson(ctx.tx, 'person-rolled-back');
      throw new Error('中途失败');
    }));
    assert.ok(!(await people()).includes('person-rolled-back'));
    assert.equal((await people()).length, first.length + 3);
  } finally { await t.close(); }
});
