// The calendar in the database: shipped years seeded, a new year imported at runtime (validated,
// audited), deadlines computed with an unknown year recomputed when it is loaded.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AppError } from '../../src/errors/index.ts';
import { runUseCase, systemActor, type AppDeps } from '../../src/app/context.ts';
import { importYear, listYears, loadCalendar, seedShippedYears } from '../../src/app/calendar/store.ts';
import { currentCalendar, installCalendar, readArrangementFiles } from '../../src/app/calendar/files.ts';
import { trackDeadline, deadlinesOf, trackedState } from '../../src/app/calendar/deadlines.ts';
import { isWorkingDay } from '../../src/domain/calendar/calendar.ts';
import { countingConventions, deadlineRule } from '../../src/domain/calendar/deadline.ts';
import { loadDefaultPack } from '../../src/rules/index.ts';
import { manualClock, openTestDb } from './harness.ts';

// A made-up 2027 arrangement, shaped like a notice (the real one is not yet published).
const YEAR_2027 = `
year: 2027
notice:
  title: 国务院办公厅关于2027年部分节假日安排的通知
  number: 国办发明电〔2026〕99号
  date: "2026-11-01"
holidays:
  - name: 元旦
    daysOff: [{ from: "2027-01-01", to: "2027-01-03" }]
    makeupWorkdays: []
  - name: 春节
    daysOff: [{ from: "2027-02-05", to: "2027-02-12" }]
    makeupWorkdays: ["2027-02-13"]
`;

async function setup() {
  const t = await openTestDb();
  const clock = manualClock('2026-12-28T09:00:00+08:00');
  const deps: AppDeps = { db: t.db, clock };
  await t.db.query(`INSERT INTO tenants (id, name, pack_id) VALUES ('wuwei', '武威市人民政府', 'wuwei-2023') ON CONFLICT DO NOTHING`);
  await runUseCase(deps, systemActor('wuwei'), (ctx) => seedShippedYears(ctx));
  await loadCalendar(t.db);
  return { t, deps, clock, admin: { ...systemActor('wuwei', '管理员甲'), roles: ['admin'] } };
}

const countersign = () => {
  const pack = loadDefaultPack();
  return deadlineRule(
    pack.deadline('documents.countersign.replyLimit'),
    pack.rule('documents.countersign.replyLimit'),
    countingConventions(pack.conventions),
    { value: 1, unit: 'workday' },
  );
};

test('the shipped years 2022–2026 are seeded once, each citing its notice', async () => {
  const { t, deps } = await setup();
  try {
    const years = await listYears(t.db, 'wuwei');
    assert.deepEqual(years.map((y) => [y.year, y.noticeNumber, y.noticeDate, y.source]), [
      [2022, '国办发明电〔2021〕11号', '2021-10-25', 'shipped'],
      [2023, '国办发明电〔2022〕16号', '2022-12-08', 'shipped'],
      [2024, '国办发明电〔2023〕7号', '2023-10-25', 'shipped'],
      [2025, '国办发明电〔2024〕12号', '2024-11-12', 'shipped'],
      [2026, '国办发明电〔2025〕7号', '2025-11-04', 'shipped'],
    ]);
    assert.deepEqual(await runUseCase(deps, systemActor('wuwei'), (ctx) => seedShippedYears(ctx)), [], 'seeding again adds nothing');
  } finally {
    await t.close();
    installCalendar(readArrangementFiles());
  }
});

test('an administrator imports 2027 at runtime: validated, audited, and deadlines computed with 2027 unknown are recomputed', async () => {
  const { t, deps, admin } = await setup();
  try {
    // a countersign asked on 2026-12-31: 2 working days run into 2027, not yet loaded
    const tracked = await runUseCase(deps, admin, (ctx) =>
      trackDeadline(ctx, { objectType: 'opinion_request', objectId: 'req-1', rule: countersign(), eventDate: '2026-12-31' }),
    );
    assert.equal(tracked.due, '2027-01-04', 'provisional, as plain weeks (1 Jan 2027 a Friday)');
    assert.deepEqual(tracked.unknownYears, [2027]);
    assert.equal(trackedState(tracked, '2026-12-31'), 'calendar_unknown');
    assert.equal(isWorkingDay(currentCalendar(), '2027-01-01').workday, true);
    assert.deepEqual(isWorkingDay(currentCalendar(), '2027-01-01').unknownYears, [2027]);

    const r = await importYear(deps, admin, { yaml: YEAR_2027, reason: '国务院办公厅通知已印发' });
    assert.deepEqual(r, { year: 2027, notice: '国办发明电〔2026〕99号', recomputed: 1 });

    // the process calendar now knows 2027
    assert.deepEqual(isWorkingDay(currentCalendar(), '2027-01-01'), { workday: false, unknownYears: [] });
    const [after] = await deadlinesOf({ tx: t.db }, 'wuwei', 'opinion_request', 'req-1');
    assert.equal(after.due, '2027-01-05', '元旦 1–3 January off: day 1 = 01-04, day 2 = 01-05');
    assert.deepEqual(after.unknownYears, []);
    assert.equal(trackedState(after, '2026-12-31'), 'on_time');

    const { rows: audit } = await t.db.query(
      `SELECT action, object_id, article, payload FROM audit_records WHERE action IN ('calendar.year_imported', 'deadline.recomputed') ORDER BY seq`,
    );
    assert.deepEqual(audit.map((a: any) => [a.action, a.object_id, a.article]), [
      ['calendar.year_imported', '2027', null],
      ['deadline.recomputed', 'req-1', 66],
    ]);
    assert.equal((audit[0] as any).payload.notice.number, '国办发明电〔2026〕99号');
    assert.equal((audit[0] as any).payload.reason, '国务院办公厅通知已印发');
    assert.equal((audit[1] as any).payload.dueBefore, '2027-01-04');

    // the timers moved with the deadline: the 催办 now fires at the start of 2027-01-06
    const { rows: timers } = await t.db.query(`SELECT kind, due_at FROM timers WHERE key = $1 ORDER BY kind`, [after.id]);
    assert.deepEqual(timers.map((x: any) => [x.kind, new Date(x.due_at).toISOString()]), [
      ['calendar.deadline.overdue', '2027-01-05T16:00:00.000Z'],
      ['calendar.deadline.remind', '2027-01-03T16:00:00.000Z'],
    ]);

    // loading the same year again is refused
    await assert.rejects(importYear(deps, admin, { yaml: YEAR_2027 }), (e: unknown) => e instanceof AppError && e.code === 'CALENDAR.YEAR_DUPLICATE');
  } finally {
    await t.close();
    installCalendar(readArrangementFiles());
  }
});

test('an invalid arrangement is refused with every problem and nothing is stored', async () => {
  const { t, deps, admin } = await setup();
  try {
    const bad = YEAR_2027.replace('"2027-02-12"', '"2027-02-30"').replace('["2027-02-13"]', '["2027-02-15"]').replace('国办发明电〔2026〕99号', '通知');
    await assert.rejects(importYear(deps, admin, { yaml: bad }), (e: unknown) => {
      assert.ok(e instanceof AppError);
      assert.equal(e.code, 'CALENDAR.ARRANGEMENT_INVALID');
      assert.deepEqual(e.violations.map((v) => v.code).sort(), ['CALENDAR.INVALID_DATE', 'CALENDAR.MAKEUP_NOT_WEEKEND', 'CALENDAR.NOTICE_MISSING']);
      return true;
    });
    // a day outside the year (and its turn-of-year neighbours) is refused
    const far = YEAR_2027.replace('["2027-02-13"]', '["2027-02-13", "2026-10-10"]');
    await assert.rejects(importYear(deps, admin, { yaml: far }), (e: unknown) =>
      e instanceof AppError && e.violations.some((v) => v.code === 'CALENDAR.DATE_OUTSIDE_YEAR'));
    const { rows } = await t.db.query(`SELECT count(*)::int AS n FROM holiday_arrangements WHERE year = 2027`);
    assert.equal(rows[0].n, 0);
  } finally {
    await t.close();
    installCalendar(readArrangementFiles());
  }
});
