// /api/v1/calendar: the same answers as the CLI, the loaded years, and an administrator's import.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer } from './http-harness.ts';
import { installCalendar, readArrangementFiles } from '../../src/app/calendar/files.ts';

const YEAR_2027 = `year: 2027
notice: { title: 国务院办公厅关于2027年部分节假日安排的通知, number: 国办发明电〔2026〕99号, date: "2026-11-01" }
holidays:
  - { name: 元旦, daysOff: [{ from: "2027-01-01", to: "2027-01-03" }], makeupWorkdays: [] }
`;

test('calendar API: is-workday, add (第六十六条 across 春节, 第二百零三条 past 国庆), years, import by an administrator only', async () => {
  const s = await startTestServer();
  try {
    const clerk = await s.login('office-clerk');
    const admin = await s.login('admin');
    const get = async (url: string, cookie = clerk) => {
      const r = await s.app.inject({ method: 'GET', url, headers: { cookie } });
      return { status: r.statusCode, body: r.json() };
    };
    assert.deepEqual(await get('/api/v1/calendar/is-workday?date=2026-02-14'), {
      status: 200, body: { date: '2026-02-14', workday: true, unknownYears: [] },
    });
    assert.deepEqual((await get('/api/v1/calendar/add?date=2026-02-13&n=2&unit=workday')).body.date, '2026-02-24');
    assert.deepEqual((await get('/api/v1/calendar/add?date=2026-09-29&n=3&unit=day')).body.date, '2026-10-08');
    assert.deepEqual((await get('/api/v1/calendar/is-workday?date=2027-01-01')).body, { date: '2027-01-01', workday: true, unknownYears: [2027] });

    const bad = await get('/api/v1/calendar/is-workday?date=2026-02-30');
    assert.equal(bad.status, 400);
    assert.equal(bad.body.code, 'CALENDAR.INVALID_DATE');
    assert.equal((await get('/api/v1/calendar/add?date=2026-02-13&n=2&unit=week')).body.code, 'CALENDAR.INVALID_UNIT');

    const years = (await get('/api/v1/calendar/years')).body;
    assert.deepEqual(years.years.map((y: any) => [y.year, y.notice.number, y.source]), [
      [2022, '国办发明电〔2021〕11号', 'shipped'],
      [2023, '国办发明电〔2022〕16号', 'shipped'],
      [2024, '国办发明电〔2023〕7号', 'shipped'],
      [2025, '国办发明电〔2024〕12号', 'shipped'],
      [2026, '国办发明电〔2025〕7号', 'shipped'],
    ]);
    const y2023 = (await get('/api/v1/calendar/years/2023')).body;
    assert.equal(y2023.loaded, true);
    assert.deepEqual(y2023.days.slice(0, 2).map((d: any) => [d.date, d.kind, d.holiday]), [
      ['2023-01-01', 'off', '元旦'],
      ['2023-01-02', 'off', '元旦'],
    ], '2022-12-31 belongs to calendar year 2022');

    const post = (cookie: string) =>
      s.app.inject({ method: 'POST', url: '/api/v1/calendar/years', headers: { cookie }, payload: { yaml: YEAR_2027, reason: '通知已印发' } });
    assert.equal((await post(clerk)).statusCode, 403, 'a clerk may not load a year');
    // every demo deadline computed while 2027 was unknown is recomputed when the year is loaded
    const waiting = (await s.t.db.query(`SELECT count(*)::int AS n FROM deadlines WHERE 2027 = ANY(unknown_years)`)).rows[0].n;
    const r = await post(admin);
    assert.equal(r.statusCode, 201, r.body);
    assert.deepEqual(r.json(), { year: 2027, notice: '国办发明电〔2026〕99号', recomputed: waiting });
    assert.equal((await s.t.db.query(`SELECT count(*)::int AS n FROM deadlines WHERE 2027 = ANY(unknown_years)`)).rows[0].n, 0);
    assert.deepEqual((await get('/api/v1/calendar/is-workday?date=2027-01-01')).body, { date: '2027-01-01', workday: false, unknownYears: [] });
    const again = await post(admin);
    assert.equal(again.statusCode, 409);
    assert.equal(again.json().code, 'CALENDAR.YEAR_DUPLICATE');
  } finally {
    await s.close();
    installCalendar(readArrangementFiles());
  }
});
