// Durable timers: fire once, survive a restart (a timer due while down fires once at the next start),
// retry a failed handler, and drive deadline reminders and 催办 (escalation).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runUseCase, systemActor, type AppDeps } from '../../src/app/context.ts';
import { registerTimerKind, runDueTimers, scheduleTimer, startTimerWorker } from '../../src/jobs/timers.ts';
import { closeDeadline, registerCalendarTimerKinds, trackDeadline } from '../../src/app/calendar/deadlines.ts';
import { loadDefaultPack } from '../../src/rules/index.ts';
import { countingConventions, deadlineRule } from '../../src/domain/calendar/deadline.ts';
import { manualClock, openTestDb } from './harness.ts';

async function setup(now: string) {
  const t = await openTestDb();
  const clock = manualClock(now);
  const deps: AppDeps = { db: t.db, clock };
  return { t, clock, deps };
}

const countAudit = async (deps: AppDeps, action: string): Promise<number> => {
  const { rows } = await deps.db.query(`SELECT count(*)::int AS n FROM audit_records WHERE action = $1`, [action]);
  return rows[0].n;
};

registerTimerKind('test.ping', async (ctx, timer) => {
  await ctx.audit({ action: 'test.pinged', objectType: 'test', objectId: timer.key });
});

test('a due timer fires exactly once; one not yet due waits', async () => {
  const { t, clock, deps } = await setup('2026-03-02T09:00:00+08:00');
  try {
    await runUseCase(deps, systemActor('wuwei'), async (ctx) => {
      await scheduleTimer(ctx.tx, { tenantId: 'wuwei', kind: 'test.ping', key: 'a', dueAt: new Date('2026-03-02T08:00:00+08:00') }, ctx.now);
      await scheduleTimer(ctx.tx, { tenantId: 'wuwei', kind: 'test.ping', key: 'b', dueAt: new Date('2026-03-03T08:00:00+08:00') }, ctx.now);
    });
    assert.deepEqual((await runDueTimers(deps)).fired.map((x) => x.key), ['a']);
    assert.deepEqual((await runDueTimers(deps)).fired, []);
    clock.set('2026-03-03T08:00:00+08:00');
    assert.deepEqual((await runDueTimers(deps)).fired.map((x) => x.key), ['b']);
    assert.equal(await countAudit(deps, 'test.pinged'), 2);
    // rescheduling a fired timer does not make it fire again
    await runUseCase(deps, systemActor('wuwei'), (ctx) =>
      scheduleTimer(ctx.tx, { tenantId: 'wuwei', kind: 'test.ping', key: 'a', dueAt: new Date('2026-03-03T08:00:00+08:00') }, ctx.now));
    assert.deepEqual((await runDueTimers(deps)).fired, []);
  } finally {
    await t.close();
  }
});

test('a timer that fell due while the server was down fires once at the next start, not again after another restart', async () => {
  const { t, clock, deps } = await setup('2026-03-02T09:00:00+08:00');
  try {
    await runUseCase(deps, systemActor('wuwei'), (ctx) =>
      scheduleTimer(ctx.tx, { tenantId: 'wuwei', kind: 'test.ping', key: 'while-down', dueAt: new Date('2026-03-05T09:00:00+08:00') }, ctx.now));
    // the server is down over the due time
    clock.set('2026-03-09T10:00:00+08:00');
    for (let start = 0; start < 2; start++) {
      const worker = startTimerWorker(deps, { pollMs: 60_000 });
      await new Promise((r) => setTimeout(r, 300));
      await worker.stop();
    }
    assert.equal(await countAudit(deps, 'test.pinged'), 1);
    const { rows } = await deps.db.query(`SELECT fired_at, attempts FROM timers WHERE key = 'while-down'`);
    assert.equal(new Date(rows[0].fired_at).toISOString(), '2026-03-09T02:00:00.000Z');
    assert.equal(rows[0].attempts, 1);
  } finally {
    await t.close();
  }
});

test('a failing handler is rolled back, its attempt recorded, and it fires once when retried', async () => {
  const { t, clock, deps } = await setup('2026-03-02T09:00:00+08:00');
  let failures = 1;
  registerTimerKind('test.flaky', async (ctx, timer) => {
    await ctx.audit({ action: 'test.flaky_effect', objectType: 'test', objectId: timer.key });
    if (failures-- > 0) throw new Error('下游暂不可用');
  });
  try {
    await runUseCase(deps, systemActor('wuwei'), (ctx) =>
      scheduleTimer(ctx.tx, { tenantId: 'wuwei', kind: 'test.flaky', key: 'x', dueAt: ctx.now }, ctx.now));
    const first = await runDueTimers(deps);
    assert.equal(first.failed.length, 1);
    assert.match(first.failed[0].error, /下游暂不可用/);
    assert.equal(await countAudit(deps, 'test.flaky_effect'), 0, 'the failed attempt left no effect');
    assert.deepEqual((await runDueTimers(deps)).fired, [], 'retried later, not at once');
    clock.advance(2 * 60_000);
    assert.equal((await runDueTimers(deps)).fired.length, 1);
    assert.equal(await countAudit(deps, 'test.flaky_effect'), 1);
    const { rows } = await deps.db.query(`SELECT attempts, last_error FROM timers WHERE key = 'x'`);
    assert.deepEqual([rows[0].attempts, rows[0].last_error], [2, null]);
  } finally {
    await t.close();
  }
});

test('第七十三条 deadlines: reminder on the reminder day, 催办 the day after the due day, nothing once closed', async () => {
  registerCalendarTimerKinds();
  const { t, clock, deps } = await setup('2026-02-12T10:00:00+08:00');
  const pack = loadDefaultPack();
  const lead = pack.param('documents.handling.reminders', 'reminderLead');
  const rule = deadlineRule(
    pack.deadline('documents.handling.withinPowers'),
    pack.rule('documents.handling.withinPowers'),
    countingConventions(pack.conventions),
    { value: Number(lead.value), unit: lead.unit as 'workday' },
  );
  const escalateTo = String(pack.param('documents.handling.reminders', 'escalateTo').value);
  try {
    const d = await runUseCase(deps, systemActor('wuwei', '市政府办公室'), async (ctx) => {
      const a = await trackDeadline(ctx, { objectType: 'document_assignment', objectId: 'asg-1', rule, eventDate: '2026-02-12', timers: { escalateTo } });
      await trackDeadline(ctx, { objectType: 'document_assignment', objectId: 'asg-2', rule, eventDate: '2026-02-12' });
      return a;
    });
    // 3个工作日 from Thursday 02-12: 02-13, 02-14 (调休上班), 02-24 — across the 春节 break
    assert.equal(d.due, '2026-02-24');
    assert.equal(d.remindFrom, '2026-02-14');
    assert.equal(d.label, '3个工作日 · 第七十三条');

    clock.set('2026-02-14T08:00:00+08:00');
    assert.equal((await runDueTimers(deps)).fired.length, 2, 'both reminded on 02-14');
    // asg-2 is done before its due day: its 催办 is cancelled
    await runUseCase(deps, systemActor('wuwei'), (ctx) => closeDeadline(ctx, 'document_assignment', 'asg-2', rule.ruleId));
    clock.set('2026-02-24T23:59:00+08:00');
    assert.equal((await runDueTimers(deps)).fired.length, 0, 'the due day itself is still on time');
    clock.set('2026-02-25T00:00:00+08:00');
    assert.equal((await runDueTimers(deps)).fired.length, 1);
    const { rows } = await deps.db.query(
      `SELECT action, object_id, article, payload->>'message' AS message FROM audit_records WHERE action LIKE 'deadline.%' AND action <> 'deadline.set' ORDER BY seq`,
    );
    assert.deepEqual(rows.map((r: any) => [r.action, r.object_id, r.article]), [
      ['deadline.reminded', 'asg-1', 73],
      ['deadline.reminded', 'asg-2', 73],
      ['deadline.escalated', 'asg-1', 73],
    ]);
    assert.equal((rows[2] as any).message, `逾期催办：3个工作日 · 第七十三条，已于 2026-02-24 到期未办结，报${escalateTo}（依据第七十三条）`);
  } finally {
    await t.close();
  }
});

test('第六十六条 implicit consent as a registered timer kind: no reply by the deadline → one 无不同意见 record', async () => {
  registerTimerKind('test.countersign.implied', async (ctx, timer) => {
    const { rows: d } = await ctx.tx.query(`SELECT object_id FROM deadlines WHERE id = $1`, [timer.payload.deadlineId]);
    const requestId = d[0].object_id;
    const { rows } = await ctx.tx.query(`SELECT 1 FROM audit_records WHERE action = 'test.countersign.replied' AND object_id = $1`, [requestId]);
    if (rows.length) return; // replied in time
    await ctx.audit({ action: 'test.countersign.implied_consent', objectType: 'opinion_request', objectId: requestId, article: 66, payload: { reply: '无不同意见' } });
  });
  const { t, clock, deps } = await setup('2026-03-02T10:00:00+08:00');
  const pack = loadDefaultPack();
  const rule = deadlineRule(pack.deadline('documents.countersign.replyLimit'), pack.rule('documents.countersign.replyLimit'), countingConventions(pack.conventions));
  try {
    await runUseCase(deps, systemActor('wuwei'), async (ctx) => {
      for (const id of ['req-silent', 'req-replied']) {
        await trackDeadline(ctx, { objectType: 'opinion_request', objectId: id, rule, eventDate: '2026-03-02', timers: { remind: null, overdue: 'test.countersign.implied' } });
      }
      await ctx.audit({ action: 'test.countersign.replied', objectType: 'opinion_request', objectId: 'req-replied' });
    });
    clock.set('2026-03-05T00:00:01+08:00'); // due 03-04 (2个工作日)
    await runDueTimers(deps);
    await runDueTimers(deps);
    const { rows } = await deps.db.query(`SELECT object_id, article, payload->>'reply' AS reply FROM audit_records WHERE action = 'test.countersign.implied_consent'`);
    assert.deepEqual(rows.map((r: any) => [r.object_id, r.article, r.reply]), [['req-silent', 66, '无不同意见']]);
  } finally {
    await t.close();
  }
});
