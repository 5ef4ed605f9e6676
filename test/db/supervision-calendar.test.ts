// 第八十六条 time limits and the holiday calendar: an item's due date computed while its year had no loaded
// arrangement is flagged, and recomputed — with its 催办 day and its timers — when the year is loaded.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer } from './http-harness.ts';
import { installCalendar, readArrangementFiles } from '../../src/app/calendar/files.ts';
import { CHASE_KIND, ESCALATE_KIND, OVERDUE_KIND } from '../../src/app/supervision/timers.ts';

const YEAR_2027 = `year: 2027
notice: { title: 国务院办公厅关于2027年部分节假日安排的通知, number: 国办发明电〔2026〕99号, date: "2026-11-01" }
holidays:
  - { name: 元旦, daysOff: [{ from: "2027-01-01", to: "2027-01-03" }], makeupWorkdays: [] }
`;

test('第八十六条: an item due in 2027 computed before 2027 was loaded is flagged, and gets the right due date, 催办 day and timers once POST /calendar/years loads 2027 with 元旦 off', async () => {
  const s = await startTestServer({ now: '2026-12-01T09:00:00+08:00' });
  try {
    const clerk = await s.login('office-clerk');
    const admin = await s.login('admin');
    const call = async (method: 'GET' | 'POST', url: string, payload?: unknown, cookie = clerk) => {
      const r = await s.app.inject({ method, url: `/api/v1${url}`, headers: { cookie }, ...(payload ? { payload: payload as object } : {}) });
      return { status: r.statusCode, body: r.json() };
    };
    const timers = async (id: string) => Object.fromEntries(
      ((await s.deps.db.query(`SELECT kind, due_at FROM timers WHERE key = $1 AND fired_at IS NULL AND cancelled_at IS NULL`, [id])).rows as any[])
        .map((t) => [t.kind, new Date(t.due_at).toISOString()]));

    const open = await call('POST', '/supervision/items', { title: '冬季供暖保障督查', kind: 'regular', scope: 'government', supervisorUnitId: 'unit-office', leadUnitId: 'unit-zjj', cooperatingUnitIds: [] });
    assert.equal(open.status, 201, JSON.stringify(open.body));
    const id = open.body.id;
    // 30 working days from 12-01: 22 in December, then 2027 counted as plain weeks (01-01 a Friday) → 01-12
    assert.equal(open.body.due, '2027-01-12');
    let item = (await call('GET', `/supervision/items/${id}`)).body;
    assert.deepEqual([item.due, item.deadline.unknownYears, item.deadline.remindFrom], ['2027-01-12', [2027], '2027-01-07']);
    assert.deepEqual(await timers(id), {
      [CHASE_KIND]: '2027-01-06T16:00:00.000Z', [OVERDUE_KIND]: '2027-01-12T16:00:00.000Z', [ESCALATE_KIND]: '2027-01-18T16:00:00.000Z',
    });

    const waiting = (await s.t.db.query(`SELECT count(*)::int AS n FROM deadlines WHERE closed_at IS NULL AND 2027 = ANY(unknown_years)`)).rows[0].n;
    const loaded = await call('POST', '/calendar/years', { yaml: YEAR_2027, reason: '通知已印发' }, admin);
    assert.equal(loaded.status, 201, JSON.stringify(loaded.body));
    assert.equal(loaded.body.recomputed, waiting);

    // 元旦 01-01 … 01-03 off: day 23 is 01-04, day 30 is 01-13; 催办 3 working days before; escalation 5 after
    item = (await call('GET', `/supervision/items/${id}`)).body;
    assert.deepEqual([item.due, item.deadline.unknownYears, item.deadline.remindFrom, item.followUp.state], ['2027-01-13', [], '2027-01-08', 'on_time']);
    assert.deepEqual(await timers(id), {
      [CHASE_KIND]: '2027-01-07T16:00:00.000Z', [OVERDUE_KIND]: '2027-01-13T16:00:00.000Z', [ESCALATE_KIND]: '2027-01-19T16:00:00.000Z',
    });
    const recomputed = item.trail.filter((t: any) => t.action === 'deadline.recomputed');
    assert.deepEqual(recomputed.map((t: any) => [t.article, t.payload.dueBefore, t.payload.due]), [[86, '2027-01-12', '2027-01-13']]);
    const { rows } = await s.t.db.query(`SELECT due::text AS due, chase_from::text AS chase_from, unknown_years, deadline FROM sup_items WHERE id = $1`, [id]);
    assert.deepEqual([rows[0].due, rows[0].chase_from, rows[0].unknown_years, rows[0].deadline.due, rows[0].deadline.unknownYears], ['2027-01-13', '2027-01-08', [], '2027-01-13', []]);

    // closed: its deadline is closed with its timers
    for (const [to, extra] of [['planned', {}], ['in_progress', {}], ['concluded', { conclusion: '已保障' }], ['applied', {}]] as const) {
      assert.equal((await call('POST', `/supervision/items/${id}/advance`, { to, on: '2026-12-01', summary: to, ...extra })).status, 200);
    }
    assert.deepEqual(await timers(id), {});
    const { rows: dl } = await s.t.db.query(`SELECT closed_at FROM deadlines WHERE object_type = 'supervision_item' AND object_id = $1`, [id]);
    assert.ok(dl.length === 1 && dl[0].closed_at);
  } finally {
    await s.close();
    installCalendar(readArrangementFiles());
  }
});
