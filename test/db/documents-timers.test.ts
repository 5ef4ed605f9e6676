// The documents context on the durable timers: 第六十六条 无不同意见 fires once across a restart (a timer
// that fell due while the server was down fires at the next start, and not again after another),
// 第七十三条 reminders and 催办 to the leader in charge of the handling department fire once and stop when
// the item is done, and a deadline that ran into a year with no loaded calendar is recomputed (with its
// timer) when that year is loaded.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { pgliteSnapshot } from './snapshots.ts';
import { openDb, type Db } from '../../src/store/db.ts';
import { migrate } from '../../src/store/migrate.ts';
import { runUseCase, systemActor, type Actor, type AppDeps } from '../../src/app/context.ts';
import { runDueTimers } from '../../src/jobs/timers.ts';
import { importYear, loadCalendar, seedShippedYears } from '../../src/app/calendar/store.ts';
import { installCalendar, readArrangementFiles } from '../../src/app/calendar/files.ts';
import { IMPLIED_CONSENT_KIND, OPINION_REMIND_KIND, HANDLING_ESCALATE_KIND, HANDLING_REMIND_KIND, registerDocumentTimerKinds } from '../../src/app/documents/timers.ts';
import * as out from '../../src/app/documents/outgoing.ts';
import * as inc from '../../src/app/documents/incoming.ts';
import { createOpinionRequests, replyOpinion } from '../../src/app/documents/opinions.ts';
import { getDocument } from '../../src/app/documents/queries.ts';
import { manualClock, openTestDb } from './harness.ts';
import { useTestOrg } from './documents-fixture.ts';

const office: Actor = { tenantId: 'wuwei', userId: null, personId: 'p-clerk', name: '子文书', roles: ['office_clerk'], ip: null };
const vm1: Actor = { tenantId: 'wuwei', userId: null, personId: 'p-vm1', name: '丙副市长', roles: ['vice_mayor'], ip: null };
const fgw: Actor = { tenantId: 'wuwei', userId: null, personId: 'p-fgw', name: '壬主任', roles: ['dept_head'], ip: null };
const jyj: Actor = { tenantId: 'wuwei', userId: null, personId: 'p-jyj-clerk', name: '丑文书', roles: ['dept_clerk'], ip: null };

before(() => {
  useTestOrg();
  registerDocumentTimerKinds();
});

const addTenant = (db: Db) => db.query(`INSERT INTO tenants (id, name, pack_id) VALUES ('wuwei', '测试市人民政府', 'wuwei-2023') ON CONFLICT DO NOTHING`);

/** A database that outlives a server process: a PGlite folder, or a PostgreSQL schema with DATABASE_URL. */
function durableDb() {
  const url = process.env.DATABASE_URL;
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const dir = url ? null : mkdtempSync(join(tmpdir(), 'zt-doc-timers-'));
  let opened = false;
  return {
    // the folder starts as the migrated snapshot, then holds what each run left
    async open() {
      if (url) return openDb({ url, schema, poolSize: 4 });
      const first = !opened;
      opened = true;
      return openDb({ dataDir: dir!, ...(first ? { loadDataDir: await pgliteSnapshot({ seed: null }) } : {}) });
    },
    async dispose() {
      if (url) {
        const db = await openDb({ url, schema, poolSize: 1 });
        await db.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
        await db.close();
      } else rmSync(dir!, { recursive: true, force: true });
    },
  };
}

/** One server run: the background work every server starts (timer worker included), for `ms`, or until `until` holds. */
async function serverRun(deps: AppDeps, opts: { ms?: number; until?: () => Promise<boolean> } = {}) {
  process.env.ZHENGTONG_TIMER_POLL_MS = '50';
  const { startBackground } = await import('../../src/app/background.ts');
  const bg = await startBackground(deps);
  const deadline = Date.now() + 20_000;
  try {
    if (opts.until) {
      while (!(await opts.until()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    } else await new Promise((r) => setTimeout(r, opts.ms ?? 500));
  } finally {
    await bg.stop();
  }
}

const notice = (db: Db, action: string) =>
  db.query(`SELECT object_id, article, payload FROM audit_records WHERE action = $1 ORDER BY seq`, [action]).then((r) => r.rows as any[]);

test('第六十六条: a countersign unanswered by its deadline is recorded as 无不同意见 once — by the timer that fell due while the server was down, at the next start, and not again after another restart', async () => {
  const store = durableDb();
  const clock = manualClock('2026-03-02T09:00:00+08:00');
  try {
    let db = await store.open();
    await migrate(db);
    await addTenant(db);
    let deps: AppDeps = { db, clock };
    const { id } = await out.createOutgoingDraft(deps, office, {
      docType: '通知', direction: 'downward', title: '武威市人民政府关于做好春季学期校园安全工作的通知', issuerName: '市政府', issuerCode: '武政发', leadUnitId: 'u-jyj',
      body: '各县区人民政府，市政府有关部门：为切实做好春季学期校园安全工作，现就有关事项通知如下。', disclosure: '主动公开', countersignUnitIds: ['u-fgw'],
    } as any);
    const sub = await out.submitDraft(deps, office, id, { version: 1 });
    assert.equal(sub.state, 'countersigning');
    // scheduled in the same transaction as the request: the day after the due day (2个工作日 → 03-04)
    const { rows: timers } = await db.query(`SELECT kind, due_at, payload FROM timers WHERE kind = $1`, [IMPLIED_CONSENT_KIND]);
    assert.equal(timers.length, 1);
    assert.equal(new Date(timers[0].due_at).toISOString(), '2026-03-04T16:00:00.000Z', '2026-03-05 00:00 in Shanghai');
    assert.equal((timers[0].payload as any).article, 66);

    // the server runs on 03-03: nothing is due
    clock.set('2026-03-03T10:00:00+08:00');
    await serverRun(deps, { ms: 400 });
    assert.equal((await notice(db, 'document.opinion_implied')).length, 0);
    await db.close();

    // the server is down over 03-05 … 03-08 and starts again on 03-09
    clock.set('2026-03-09T10:00:00+08:00');
    db = await store.open();
    deps = { db, clock };
    await serverRun(deps, { until: async () => (await notice(db, 'document.opinion_implied')).length > 0 });
    await db.close();
    db = await store.open();
    deps = { db, clock };
    await serverRun(deps, { ms: 600 });

    const audit = await notice(db, 'document.opinion_implied');
    assert.equal(audit.length, 1, 'recorded once');
    assert.equal(audit[0].article, 66);
    assert.equal(audit[0].payload.reply, '无不同意见');
    const { rows: fired } = await db.query(`SELECT fired_at, attempts FROM timers WHERE kind = $1`, [IMPLIED_CONSENT_KIND]);
    assert.deepEqual([new Date(fired[0].fired_at).toISOString(), fired[0].attempts], ['2026-03-09T02:00:00.000Z', 1]);
    // on the document page: the request and the trail
    const doc = await getDocument(deps, office, id);
    assert.equal(doc.opinions[0].state, 'implied');
    const ev = doc.events.filter((e: any) => e.action === 'opinion_implied');
    assert.equal(ev.length, 1);
    assert.equal(ev[0].article, 66);
    assert.match(ev[0].label, /市发改委?.*逾期（2026-03-04）未回复会签，依据第六十六条视为无不同意见|逾期（2026-03-04）未回复会签，依据第六十六条视为无不同意见/);
    // the late reply is refused as closed, citing the article
    await assert.rejects(replyOpinion(deps, fgw, doc.opinions[0].id, { agree: false, reasons: '资金未列入计划' }), (e: any) => e.code === 'DOC.OPINION_CLOSED');
    await db.close();
  } finally {
    await store.dispose();
  }
});

test('第六十六条: a reply in time cancels the 无不同意见 timer; a negotiated later limit moves it', async () => {
  const t = await openTestDb();
  const clock = manualClock('2026-03-02T09:00:00+08:00');
  const deps: AppDeps = { db: t.db, clock };
  try {
    await addTenant(t.db);
    const [replied, negotiated, silent] = await createOpinionRequests(deps, office, {
      documentId: null, subject: '关于校园安全工作通知的意见', kind: 'opinion', requestingUnitId: 'u-jyj', askedUnitIds: ['u-fgw', 'u-fgw', 'u-fgw'],
    });
    await replyOpinion(deps, fgw, replied, { agree: true });
    const { negotiateOpinion } = await import('../../src/app/documents/opinions.ts');
    await negotiateOpinion(deps, fgw, negotiated, { newDue: '2026-03-10', form: '书面回复', agreedWith: '市教育局' });
    const { rows } = await t.db.query(`SELECT d.object_id, t.due_at, t.cancelled_at FROM timers t JOIN deadlines d ON d.id = t.key WHERE t.kind = $1`, [IMPLIED_CONSENT_KIND]);
    const by = new Map(rows.map((r: any) => [r.object_id, r]));
    assert.ok(by.get(replied).cancelled_at, 'answered: cancelled');
    assert.equal(new Date(by.get(negotiated).due_at).toISOString(), '2026-03-10T16:00:00.000Z', 'moved to the day after the agreed day');

    clock.set('2026-03-05T08:00:00+08:00');
    await runDueTimers(deps);
    clock.set('2026-03-06T08:00:00+08:00');
    await runDueTimers(deps);
    assert.deepEqual((await notice(t.db, 'opinion.implied_consent')).map((a) => a.object_id), [silent]);
    clock.set('2026-03-11T08:00:00+08:00');
    await runDueTimers(deps);
    assert.deepEqual((await notice(t.db, 'opinion.implied_consent')).map((a) => a.object_id), [silent, negotiated]);
  } finally {
    await t.close();
  }
});

async function assignedDocument(deps: AppDeps, title: string): Promise<string> {
  const { id } = await inc.receiveIncoming(deps, office, {
    docType: '请示', title, issuerName: '甲县人民政府', issuerUnitId: 'u-county',
    facts: {
      matters: [title], principalRecipients: ['市政府'], submitterUnitId: 'u-county', alsoSentTo: [], addressedToLeader: false, containsRequest: false, skipsLevel: false,
      involvedUnitIds: [], countersigns: [], jointSubmission: false, normative: false, highImpact: false, hasInterpretation: false, hasOpinionPlan: false,
    } as any,
  });
  let v = (await inc.registerIncoming(deps, office, id)).version;
  v = (await inc.intakeReview(deps, office, id, { outcome: 'pass', version: v })).version;
  const p = await inc.proposeHandling(deps, office, id, {
    text: '建议请丙副市长阅处，市教育局办理', leadUnitId: 'u-jyj', cooperatingUnitIds: [], duties: '按职权办理', important: false,
    instructionSource: 'none', timeLimitKind: 'withinPowers', version: v,
  } as any);
  v = p.version;
  for (const s of p.steps) v = (await inc.instruct(deps, s.acting?.personId === 'p-vm1' ? vm1 : office, id, { order: s.order, text: '请市教育局按职权办理', version: v })).version;
  return id;
}

test('第七十三条: a reminder on the reminder day and a 催办 to the leader in charge the day after the due day, each once; nothing once the result is reported', async () => {
  const t = await openTestDb();
  const clock = manualClock('2026-03-02T09:00:00+08:00');
  const deps: AppDeps = { db: t.db, clock };
  try {
    await addTenant(t.db);
    const late = await assignedDocument(deps, '关于甲县第一中学校舍维修的请示');
    const done = await assignedDocument(deps, '关于甲县第二中学操场改造的请示');
    const lead = (await getDocument(deps, office, late)).assignments[0];
    assert.deepEqual([lead.due, lead.remind_from, lead.article], ['2026-03-05', '2026-03-04', 73]);

    clock.set('2026-03-04T09:00:00+08:00');
    const first = await runDueTimers(deps);
    assert.deepEqual(first.fired.map((x) => x.kind).sort(), [HANDLING_REMIND_KIND, HANDLING_REMIND_KIND]);
    assert.deepEqual(first.failed, []);
    await inc.reportHandling(deps, jyj, done, { kind: 'result', text: '已按职权办结' });
    clock.set('2026-03-05T23:59:00+08:00');
    assert.deepEqual((await runDueTimers(deps)).fired, [], 'the due day itself is on time');
    clock.set('2026-03-06T00:00:01+08:00');
    assert.deepEqual((await runDueTimers(deps)).fired.map((x) => x.kind), [HANDLING_ESCALATE_KIND], 'only the unfinished one');
    assert.deepEqual((await runDueTimers(deps)).fired, [], 'once');

    const doc = await getDocument(deps, office, late);
    const trail = doc.events.filter((e: any) => ['reminded', 'escalated'].includes(e.action));
    assert.deepEqual(trail.map((e: any) => [e.action, e.article]), [['reminded', 73], ['escalated', 73]]);
    assert.match(trail[1].label, /^逾期催办：市教育局的承办事项已于 2026-03-05 到期未办结，报副市长丙副市长，并报市政府办公室（依据第七十三条）$/);
    assert.equal(trail[1].payload.leaderPersonId, 'p-vm1');
    assert.ok(doc.document.version >= 1);
    const { rows: routed } = await t.db.query(`SELECT routed_person_ids FROM documents WHERE id = $1`, [late]);
    assert.ok(routed[0].routed_person_ids.includes('p-vm1'), 'the leader in charge now sees the document');
    const { rows: cancelled } = await t.db.query(
      `SELECT t.kind FROM timers t JOIN deadlines d ON d.id = t.key WHERE d.object_type = 'document_assignment' AND t.cancelled_at IS NOT NULL`);
    assert.deepEqual(cancelled.map((r: any) => r.kind), [HANDLING_ESCALATE_KIND], 'the finished assignment\'s 催办 was cancelled');
    assert.equal((await getDocument(deps, office, done)).events.filter((e: any) => e.action === 'escalated').length, 0);
  } finally {
    await t.close();
  }
});

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
`;

test('第六十六条: a reply deadline that ran into a year with no loaded calendar is recomputed, with its timer, when the year is loaded', async () => {
  const t = await openTestDb();
  const clock = manualClock('2026-12-31T09:00:00+08:00');
  const deps: AppDeps = { db: t.db, clock };
  try {
    await addTenant(t.db);
    await runUseCase(deps, systemActor('wuwei'), (ctx) => seedShippedYears(ctx));
    await loadCalendar(t.db);
    const { id } = await out.createOutgoingDraft(deps, office, {
      docType: '通知', direction: 'downward', title: '武威市人民政府关于做好元旦期间安全生产工作的通知', issuerName: '市政府', issuerCode: '武政发', leadUnitId: 'u-jyj',
      body: '各县区人民政府，市政府有关部门：现就元旦期间安全生产工作通知如下。', disclosure: '主动公开', countersignUnitIds: ['u-fgw'],
    } as any);
    await out.submitDraft(deps, office, id, { version: 1 });
    let op = (await getDocument(deps, office, id)).opinions[0];
    assert.equal(op.due, '2027-01-04', 'provisional: 2027 counted as plain weeks');
    assert.deepEqual(op.unknown_years ?? (await t.db.query(`SELECT unknown_years FROM opinion_requests WHERE id = $1`, [op.id])).rows[0].unknown_years, [2027]);

    const r = await importYear(deps, { ...systemActor('wuwei', '管理员甲'), roles: ['admin'] }, { yaml: YEAR_2027, reason: '通知已印发' });
    assert.equal(r.recomputed, 1);
    const doc = await getDocument(deps, office, id);
    op = doc.opinions[0];
    assert.equal(op.due, '2027-01-05', '元旦 1–3 January off: day 1 = 01-04, day 2 = 01-05');
    const ev: any = doc.events.find((e: any) => e.action === 'deadline_recomputed');
    assert.equal(ev?.article, 66);
    assert.match(ev.label, /2027-01-04 → 2027-01-05/);
    const { rows } = await t.db.query(`SELECT due_at FROM timers WHERE kind = $1`, [IMPLIED_CONSENT_KIND]);
    assert.equal(new Date(rows[0].due_at).toISOString(), '2027-01-05T16:00:00.000Z');

    clock.set('2027-01-05T12:00:00+08:00');
    // only the reminder of the recomputed reply day (01-04, one working day before) is due by now
    assert.deepEqual((await runDueTimers(deps)).fired.map((f) => f.kind), [OPINION_REMIND_KIND], 'the provisional day passed: still on time');
    clock.set('2027-01-06T00:00:01+08:00');
    assert.deepEqual((await runDueTimers(deps)).fired.map((f) => f.kind), [IMPLIED_CONSENT_KIND]);
    assert.equal((await getDocument(deps, office, id)).opinions[0].state, 'implied');
  } finally {
    await t.close();
    installCalendar(readArrangementFiles());
  }
});
