// API scenarios for the leaders' side of the rules against the Wuwei demo (PGlite, or PostgreSQL with
// DATABASE_URL): trips and stand-ins (第七十九条, 第十一条, 第十三条), duty and whereabouts (第八十条),
// research days (第九十六条), approvals in advance (第七十八条, 第九十八条), and the 台账 exports.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { startTestServer, type TestServer } from './http-harness.ts';

let s: TestServer;
let clerk: string;
// the demo is loaded on this day: every relative date of demo/wuwei/*.yaml counts from it
const TODAY = '2026-03-02';
before(async () => {
  s = await startTestServer({ now: `${TODAY}T09:00:00+08:00` });
  clerk = await s.login('office-clerk');
});
after(async () => { await s.close(); });

const call = async (method: 'GET' | 'POST', url: string, payload?: unknown, cookie = clerk) => {
  const r = await s.app.inject({ method, url: `/api/v1${url}`, headers: { cookie }, ...(payload ? { payload: payload as object } : {}) });
  return { status: r.statusCode, body: r.headers['content-type']?.toString().includes('json') ? r.json() : r.rawPayload };
};
const day = (n: number) => new Date(Date.parse(`${TODAY}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const count = async (table: string) => Number((await s.deps.db.query(`SELECT count(*)::int AS n FROM ${table}`)).rows[0].n);

async function sheet(url: string) {
  const r = await s.app.inject({ method: 'GET', url: `/api/v1${url}`, headers: { cookie: clerk } });
  assert.equal(r.statusCode, 200, r.body);
  assert.match(String(r.headers['content-type']), /spreadsheetml/);
  assert.match(String(r.headers['content-disposition']), /attachment; filename\*=UTF-8''/);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(r.rawPayload as any);
  const ws = wb.worksheets[0];
  const rows = ws.getSheetValues().slice(1).map((row) => (row as unknown[]).slice(1).map((v) => (v == null ? '' : String(v))));
  return { header: rows[0], rows: rows.slice(1), title: ws.name };
}

test('第七十九条: a trip is reported before leaving — late, after departure or overlapping is refused with the article and nothing is written; urgent ones are flagged', async () => {
  const before = [await count('org_absences'), await count('lead_trip_reports'), await count('audit_records')];
  const sameDay = await call('POST', '/leaders/trips', { personId: 'person-fgw-head', kind: 'business', from: TODAY, to: day(1), destination: '兰州', reason: '参加全省发展改革工作会议' });
  assert.equal(sameDay.status, 422);
  assert.equal(sameDay.body.code, 'LEAD.TRIP_LEAD_TIME');
  assert.equal(sameDay.body.article, 79);
  assert.match(sameDay.body.message, /依据第七十九条/);

  const afterDeparture = await call('POST', '/leaders/trips', { personId: 'person-fgw-head', kind: 'business', from: day(-1), to: day(1), destination: '兰州', reason: '补报', urgentReason: '临时通知' });
  assert.equal(afterDeparture.body.code, 'LEAD.TRIP_AFTER_DEPARTURE');

  // 副市长马志远 is away in the demo from yesterday to the day after tomorrow
  const overlap = await call('POST', '/leaders/trips', { personId: 'person-vmayor4', kind: 'study', from: day(2), to: day(4), destination: '北京', reason: '培训' });
  assert.equal(overlap.status, 409); // a conflict with the recorded trip (error table)
  assert.equal(overlap.body.code, 'ORG.ABSENCE_OVERLAP');
  assert.equal(overlap.body.article, 79);

  const noReason = await call('POST', '/leaders/trips', { personId: 'person-fgw-head', kind: 'business', from: TODAY, to: day(1), destination: '兰州', reason: ' ' });
  assert.deepEqual(noReason.body.violations.map((v: any) => v.code).sort(), ['LEAD.TRIP_LEAD_TIME', 'LEAD.TRIP_REASON_MISSING']);
  assert.deepEqual([await count('org_absences'), await count('lead_trip_reports'), await count('audit_records')], before);

  const urgent = await call('POST', '/leaders/trips', { personId: 'person-fgw-head', kind: 'business', from: TODAY, to: day(1), destination: '兰州', reason: '参加全省发展改革工作会议', urgentReason: '省发展改革委临时通知' });
  assert.equal(urgent.status, 201, JSON.stringify(urgent.body));
  assert.deepEqual(urgent.body.warnings.map((w: any) => w.code), ['LEAD.TRIP_URGENT']);
  const listed = (await call('GET', '/leaders/trips')).body.trips.find((t: any) => t.id === urgent.body.absenceId);
  assert.equal(listed.urgentReason, '省发展改革委临时通知');
  assert.equal(listed.reportedOn, TODAY);
  assert.equal(listed.state, 'away');
});

test('第十一条 and 第十三条: the trip list shows who stands in — AB岗 for a vice mayor, 受市长委托 only where the mayor entrusted it', async () => {
  const trips = (await call('GET', '/leaders/trips')).body.trips;
  const vm4 = trips.find((t: any) => t.personId === 'person-vmayor4' && t.state === 'away');
  assert.ok(vm4, 'the demo has 副市长马志远 away today');
  assert.deepEqual(vm4.standIns.map((h: any) => [h.personId, h.marker]), [['person-vmayor3', 'AB岗代理']]);
  assert.match(vm4.standIns[0].interpretation, /理解/);

  const mayorTrips = trips.filter((t: any) => t.personId === 'person-mayor').sort((a: any, b: any) => a.period.from.localeCompare(b.period.from));
  assert.equal(mayorTrips.length, 2);
  const [entrusted, alone] = mayorTrips;
  assert.deepEqual(entrusted.standIns.map((h: any) => [h.personId, h.marker, h.article]), [['person-vmayor-exec', '受市长委托', 13]]);
  assert.deepEqual(alone.standIns.map((h: any) => [h.personId, h.marker]), [['person-mayor', '待本人返回']]);
});

test('第八十条: the municipal duty office sees where the city leaders are, each department where its principal head is', async () => {
  const board = (await call('GET', '/leaders/whereabouts')).body;
  assert.equal(board.date, TODAY);
  const vm4 = board.leaders.find((r: any) => r.positionId === 'pos-vmayor-4');
  assert.equal(vm4.status, 'away');
  assert.equal(vm4.absence.destination, '兰州');
  assert.equal(vm4.standIn.marker, 'AB岗代理');
  assert.ok(board.leaders.filter((r: any) => r.positionId !== 'pos-vmayor-4').every((r: any) => r.status === 'present' || r.personId === 'person-fgw-head'));
  const czj = board.departments.find((d: any) => d.unitId === 'unit-czj');
  assert.equal(czj.status, 'away');
  assert.equal(czj.personName, '钱卫东');
  assert.equal(board.departments.find((d: any) => d.unitId === 'unit-jyj').status, 'present');
  // on the day of the mayor's entrusted trip the board shows the executive vice mayor presiding
  const later = (await call('GET', `/leaders/whereabouts?date=${day(8)}`)).body.leaders.find((r: any) => r.positionId === 'pos-mayor');
  assert.equal(later.status, 'away');
  assert.equal(later.standIn.marker, '受市长委托');
});

test('第八十条: the duty roster exports with every shift and every gap flagged on its own row', async () => {
  const x = await sheet(`/leaders/duty.xlsx?from=${TODAY}`);
  assert.deepEqual(x.header, ['序号', '单位', '日期', '时段', '值班人员', '联系电话', '备注']);
  const gaps = x.rows.filter((r) => r[4] === '（空档，无人值班）');
  assert.deepEqual(gaps.map((r) => [r[1], r[2], r[3]]).sort(), [
    ['市政府办公室', day(2), '18:00—24:00'],
    ['市统计局', day(3), '0:00—24:00'],
    ['市财政局', day(1), '0:00—8:00'],
  ].sort());
  assert.ok(gaps.every((r) => /依据第八十条/.test(r[6])));
  assert.ok(x.rows.some((r) => r[1] === '市政府办公室' && r[2] === TODAY && r[4] === '曹宇'));
});

test('第九十六条: research days per leader against the 60-day minimum with a projection; future and overlapping entries are refused', async () => {
  const leaders = (await call('GET', '/leaders/research?year=2026')).body.leaders;
  assert.deepEqual(leaders.map((l: any) => l.positionId), ['pos-mayor', 'pos-vmayor-exec', 'pos-vmayor-1', 'pos-vmayor-2', 'pos-vmayor-3', 'pos-vmayor-4', 'pos-vmayor-5']);
  const vm1 = leaders.find((l: any) => l.personId === 'person-vmayor1');
  assert.equal(vm1.progress.days, 14); // 5 + 5 + 4 days in the demo
  assert.equal(vm1.progress.minimum, 60);
  assert.equal(vm1.progress.article, 96);
  const elapsed = (Date.parse(`${TODAY}T00:00:00Z`) - Date.parse('2026-01-01T00:00:00Z')) / 86_400_000 + 1;
  assert.equal(vm1.progress.projected, Math.round(14 / (elapsed / 365)));
  assert.equal(vm1.progress.onTrack, true);
  assert.equal(leaders.find((l: any) => l.personId === 'person-vmayor2').progress.onTrack, false);

  const overlap = await call('POST', '/leaders/research', { personId: 'person-vmayor1', from: day(-10), to: day(-8), place: '天祝县', topic: '重复登记' });
  assert.equal(overlap.status, 422);
  assert.equal(overlap.body.code, 'LEAD.RESEARCH_OVERLAP');
  assert.equal(overlap.body.article, 96);
  const future = await call('POST', '/leaders/research', { personId: 'person-vmayor1', from: day(1), to: day(2), place: '凉州区', topic: '计划调研' });
  assert.equal(future.body.code, 'LEAD.RESEARCH_IN_FUTURE');

  const x = await sheet('/leaders/research.xlsx?year=2026');
  assert.deepEqual(x.header.slice(0, 8), ['序号', '姓名', '职务', '调研开始', '调研结束', '天数', '调研地点', '调研主题']);
  assert.equal(x.rows.filter((r) => r[1] === '孙建华').length, 3);
});

test('第七十八条 and 第九十八条: approval in advance is decided by someone other than the author; inscriptions come from the organising unit', async () => {
  const list = (await call('GET', '/leaders/approvals')).body.approvals;
  const personal = list.find((a: any) => a.author_person_id === 'person-tjj-head');
  assert.equal(personal.status, 'not_required');
  const undecided = list.find((a: any) => a.author_person_id === 'person-zjj-head');
  assert.equal(undecided.required, true);
  assert.equal(undecided.article, 78);
  const inscription = list.find((a: any) => a.kind === 'inscription');
  assert.equal(inscription.article, 98);
  assert.equal(inscription.applicantUnit, '市文旅局');

  const vm1 = list.find((a: any) => a.author_person_id === 'person-vmayor1');
  const self = await call('POST', `/leaders/approvals/${vm1.id}/decide`, { approve: true, note: '同意' }, await s.login('vmayor1'));
  assert.equal(self.status, 422);
  assert.equal(self.body.code, 'LEAD.APPROVAL_SELF');
  assert.equal(self.body.article, 78);
  const ok = await call('POST', `/leaders/approvals/${vm1.id}/decide`, { approve: true, note: '同意发表' }, await s.login('mayor'));
  assert.equal(ok.status, 200, JSON.stringify(ok.body));
  const again = await call('POST', `/leaders/approvals/${vm1.id}/decide`, { approve: false, note: '再审' }, await s.login('mayor'));
  assert.equal(again.body.code, 'LEAD.APPROVAL_DECIDED');

  const good = await call('POST', '/leaders/approvals', { kind: 'preface', title: '为《武威文物志》作序', authorPersonId: 'person-mayor', capacity: 'personal', applicantUnitId: 'unit-wlj', exceptionReason: '地方志书，主办单位确需' });
  assert.equal(good.status, 201);
  assert.equal(good.body.article, 98);

  const x = await sheet('/leaders/approvals.xlsx');
  assert.deepEqual(x.header, ['序号', '题目', '类别', '作者', '名义', '主办单位', '是否须报批', '依据', '状态', '审批人', '审批意见']);
  const row = x.rows.find((r) => r[1] === '推动河西走廊工业转型升级的几点思考')!;
  assert.deepEqual([row[6], row[7], row[8]], ['是', '第七十八条', '已批准']);
});

test('第七十九条: the trips 台账 and the instructions 台账 open in Excel with the columns clerks use', async () => {
  const trips = await sheet('/leaders/trips.xlsx');
  assert.deepEqual(trips.header.slice(0, 9), ['序号', '姓名', '职务', '外出类别', '外出日期', '返回日期', '前往地点', '外出事由', '报备日期']);
  assert.ok(trips.rows.some((r) => r[1] === '林向东' && r[10].includes('受市长委托')));
  const instr = await sheet('/supervision/instructions.xlsx');
  assert.deepEqual(instr.header.slice(0, 4), ['序号', '批示事项', '批示来源', '批示人']);
  const gs = instr.rows.find((r) => r[1].startsWith('关于黄河流域'))!;
  assert.equal(gs[12], '调研督查、现场核实');
});
