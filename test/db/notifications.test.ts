// Notifications on the Wuwei demo: a countersign asked on the eve of 国庆 (2026-09-30) produces, on the
// right days under the official 2026 arrangement, the 征求意见 request, the reminder the working day
// before the reply is due and the 无不同意见 record — each in the web inbox, by mail to a real SMTP
// server and to the 钉钉 robot with a valid signature, exactly once, across restarts of the server
// (the same database folder reopened), with the timer and delivery workers driven by a test clock.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDb, type Db } from '../../src/store/db.ts';
import { migrate } from '../../src/store/migrate.ts';
import type { Actor, AppDeps } from '../../src/app/context.ts';
import { loadConfig } from '../../src/config.ts';
import { runDueTimers } from '../../src/jobs/timers.ts';
import { buildServer } from '../../src/http/server.ts';
import type { App } from '../../src/http/types.ts';
import * as out from '../../src/app/documents/outgoing.ts';
import { deliverDueNotifications } from '../../src/app/notifications/delivery.ts';
import { setNotificationSettings } from '../../src/app/notifications/settings.ts';
import { stopInboxListener } from '../../src/app/notifications/live.ts';
import '../../src/app/documents/timers.ts';
import { manualClock, seededSnapshot, testConfig, usingPostgres } from './harness.ts';
import { DEMO_PASSWORD, TEST_RATE_LIMITS } from './http-harness.ts';
import { mailText, startRobot, startSmtpServer } from './notifications-channels.ts';

const START = '2026-09-30T09:00:00+08:00';
const SECRET = 'SEC-test-dingtalk-secret';
const CZJ_MAIL = 'zhulin@czj.wuwei.gov.cn';
const office: Actor = { tenantId: 'wuwei', userId: null, personId: 'person-office-clerk', name: '韩雪', roles: ['office_clerk'], ip: null };

let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let ding: Awaited<ReturnType<typeof startRobot>>;
let wecom: Awaited<ReturnType<typeof startRobot>>;
let seed: Blob;

before(async () => {
  // the demo as it is seeded without channels (its own notifications stay in the web inbox)
  seed = await seededSnapshot(START);
  smtp = await startSmtpServer();
  ding = await startRobot({ secret: SECRET });
  wecom = await startRobot();
  setNotificationSettings({
    ...loadConfig({}).notifications,
    smtpUrl: smtp.url, dingtalkWebhook: `${ding.url}/robot/send?access_token=demo`, dingtalkSecret: SECRET,
    wecomWebhook: `${wecom.url}/cgi-bin/webhook/send?key=demo`, linkBase: 'https://zt.wuwei.gov.cn', retrySeconds: [60, 300],
    quietHours: { start: '22:00', end: '07:30' },
  });
});
after(async () => {
  setNotificationSettings(null);
  await Promise.all([smtp.close(), ding.close(), wecom.close()]);
});

/** One server process on the database folder: open, migrate, serve; stop closes it all. */
async function serverOn(dir: string, clock: ReturnType<typeof manualClock>, seed?: Blob) {
  const db: Db = await openDb({ dataDir: dir, ...(seed ? { loadDataDir: seed } : {}) });
  await migrate(db);
  const deps: AppDeps = { db, clock };
  const app: App = await buildServer({ deps, config: testConfig({ rateLimits: TEST_RATE_LIMITS }) }, { serveWeb: false });
  await app.ready();
  const login = async (name: string) => {
    const r = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { login: name, password: DEMO_PASSWORD } });
    assert.equal(r.statusCode, 200, r.body);
    return `zt_session=${r.cookies.find((c) => c.name === 'zt_session')!.value}`;
  };
  return {
    db, deps, app, login,
    async stop() { await app.close(); await stopInboxListener(db); await db.close(); },
  };
}

let docLink = '';
const kindsOf = (db: Db, person: string) =>
  db.query(`SELECT kind, article, title, link FROM notifications WHERE recipient_person_id = $1 AND link = $2 ORDER BY created_at, id`, [person, docLink]).then((r) => r.rows as any[]);
const deliveriesOf = (db: Db, person: string) =>
  db.query(`SELECT d.channel, d.status, d.attempts, d.held, d.last_error, d.message_id, n.kind, n.title FROM notification_deliveries d JOIN notifications n ON n.id = d.notification_id
             WHERE d.recipient_person_id = $1 AND n.link = $2 ORDER BY n.created_at, d.channel`, [person, docLink]).then((r) => r.rows as any[]);
const mailsTo = (addr: string) => smtp.mails.filter((m) => m.to.includes(addr));
const dingFor = (name: string) => ding.calls.filter((c) => String(c.body?.markdown?.text ?? '').includes(`@${name}`));
/** The messages that carried a delivery (a digest carries several deliveries). */
const mailsOf = (messageId: string) => smtp.mails.filter((m) => m.messageId === `<${messageId}@zhengtong>`);
const dingOf = (title: string, name = '朱琳') => dingFor(name).filter((c) => String(c.body?.markdown?.text ?? '').includes(title));

test('第六十六条: a countersign asked on the eve of 国庆 is told to 市财政局\'s clerk on 09-30, reminded on 10-08 and recorded 无不同意见 on 10-10 — each once in the web inbox, by mail and on 钉钉, across restarts', { skip: usingPostgres() ? 'a PGlite folder stands for the restarted server' : false }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'zt-notify-'));
  const clock = manualClock(START);
  try {
    // ---- 2026-09-30 (Wednesday), the last working day before 国庆 ----
    let s = await serverOn(dir, clock, seed);
    // the demo's own notifications (its documents in progress) were read before
    await s.db.query(`UPDATE notifications SET read_at = created_at`);
    const czj = await s.login('czj-clerk');
    const put = await s.app.inject({ method: 'PUT', url: '/api/v1/notifications/preferences', headers: { cookie: czj }, payload: { mail: CZJ_MAIL } });
    assert.equal(put.statusCode, 200, put.body);
    assert.deepEqual(put.json().preferences.channels.opinion_requested, ['web', 'mail', 'dingtalk'], 'a clerk\'s defaults');

    const { id: docId } = await out.createOutgoingDraft(s.deps, office, {
      docType: '通知', direction: 'downward', title: '武威市人民政府关于做好2026年第四季度财政资金调度工作的通知', issuerName: '市政府', issuerCode: '武政发',
      leadUnitId: 'unit-fgw', body: '各县区人民政府，市政府有关部门：现就第四季度财政资金调度有关事项通知如下。', disclosure: '主动公开', countersignUnitIds: ['unit-czj'],
    } as any);
    docLink = `/documents/${docId}`;
    const sub = await out.submitDraft(s.deps, office, docId, { version: 1 });
    assert.equal(sub.state, 'countersigning');
    const { rows: [op] } = await s.db.query(`SELECT id, due FROM opinion_requests WHERE document_id = $1`, [docId]);
    assert.equal(op.due, '2026-10-09', '2个工作日 after 09-30 under the arrangement: 10-08 and 10-09 (10-01 … 10-07 off)');

    // in the same transaction as the request: the inbox line and one outbox row per channel
    let inbox = await kindsOf(s.db, 'person-czj-clerk');
    assert.deepEqual(inbox.map((n) => [n.kind, n.article, n.link]), [['opinion_requested', 66, `/documents/${docId}`]]);
    assert.match(inbox[0].title, /会签：武威市人民政府关于做好2026年第四季度财政资金调度工作的通知，请于2026-10-09前回复/);
    const count = await s.app.inject({ method: 'GET', url: '/api/v1/notifications/unread-count', headers: { cookie: czj } });
    assert.deepEqual(count.json(), { unread: 1 });

    await deliverDueNotifications(s.deps);
    assert.equal(mailsTo(CZJ_MAIL).length, 1);
    assert.match(mailsTo(CZJ_MAIL)[0].subject, /【政通·征求意见】会签：武威市人民政府关于做好2026年第四季度财政资金调度工作的通知/);
    assert.doesNotMatch(mailsTo(CZJ_MAIL)[0].raw, /现就第四季度财政资金调度有关事项/, 'no body outside the web');
    assert.equal(dingFor('朱琳').length, 1);
    assert.equal(dingFor('朱琳')[0].signatureValid, true);
    assert.equal(dingFor('朱琳')[0].body.msgtype, 'markdown');
    assert.match(dingFor('朱琳')[0].body.markdown.text, /依据第六十六条/);
    await s.stop();

    // ---- the server is down over the holiday; it starts again at 23:59 on 10-07: nothing is due yet ----
    clock.set('2026-10-07T23:59:00+08:00');
    s = await serverOn(dir, clock);
    await runDueTimers(s.deps);
    await deliverDueNotifications(s.deps);
    assert.equal((await kindsOf(s.db, 'person-czj-clerk')).length, 1);

    // ---- 10-08 00:00, one working day before the reply is due: the reminder, held by quiet hours ----
    clock.set('2026-10-08T00:00:05+08:00');
    await runDueTimers(s.deps);
    inbox = await kindsOf(s.db, 'person-czj-clerk');
    assert.deepEqual(inbox.map((n) => [n.kind, n.article]), [['opinion_requested', 66], ['reply_due', 66]]);
    assert.match(inbox[1].title, /将于2026-10-09到期/);
    await deliverDueNotifications(s.deps);
    assert.equal(mailsTo(CZJ_MAIL).length, 1, 'quiet hours (22:00–07:30): nothing pushed at midnight');
    await s.stop();

    // restarted at 07:31: what quiet hours held goes out now, once
    clock.set('2026-10-08T07:31:00+08:00');
    s = await serverOn(dir, clock);
    await runDueTimers(s.deps);
    await deliverDueNotifications(s.deps);
    await deliverDueNotifications(s.deps);
    // one morning message per channel carries what the night held (the demo's own deadlines of that day too)
    const morning = (await deliveriesOf(s.db, 'person-czj-clerk')).filter((d) => d.kind === 'reply_due');
    assert.deepEqual(morning.map((d) => [d.channel, d.status, d.held, d.attempts]), [['dingtalk', 'sent', true, 1], ['mail', 'sent', true, 1]]);
    const digest = mailsOf(morning[1].message_id);
    assert.equal(digest.length, 1);
    assert.match(mailText(digest[0].raw), /回复即将到期：会签回复将于2026-10-09到期：武威市人民政府关于做好2026年第四季度财政资金调度工作的通知/);
    assert.equal(dingOf('会签回复将于2026-10-09到期').length, 1);
    await s.stop();

    // ---- 10-10 00:00 (a makeup working day), the day after the due day: 无不同意见 ----
    clock.set('2026-10-10T00:00:05+08:00');
    s = await serverOn(dir, clock);
    await runDueTimers(s.deps);
    const { rows: [after] } = await s.db.query(`SELECT state FROM opinion_requests WHERE id = $1`, [op.id]);
    assert.equal(after.state, 'implied');
    clock.set('2026-10-10T07:30:00+08:00');
    await deliverDueNotifications(s.deps);
    await s.stop();
    // and a last restart: nothing goes out twice
    clock.set('2026-10-10T09:00:00+08:00');
    s = await serverOn(dir, clock);
    await runDueTimers(s.deps);
    await deliverDueNotifications(s.deps);

    inbox = await kindsOf(s.db, 'person-czj-clerk');
    assert.deepEqual(inbox.map((n) => n.kind), ['opinion_requested', 'reply_due', 'no_objection']);
    assert.ok(inbox.every((n) => n.article === 66));
    const czjDeliveries = await deliveriesOf(s.db, 'person-czj-clerk');
    // each delivery went out in exactly one message, and each message once
    for (const d of czjDeliveries.filter((x) => x.channel === 'mail')) assert.equal(mailsOf(d.message_id).length, 1, `${d.kind} mailed once`);
    assert.equal(new Set(mailsTo(CZJ_MAIL).map((m) => m.messageId)).size, mailsTo(CZJ_MAIL).length, 'no message twice');
    for (const d of czjDeliveries.filter((x) => x.channel === 'dingtalk')) assert.equal(dingOf(d.title).length, 1, `${d.kind} on 钉钉 once`);
    assert.ok(ding.calls.every((c) => c.signatureValid === true), 'every 钉钉 call signed');
    assert.deepEqual(czjDeliveries.map((d) => [d.kind, d.channel, d.status, d.attempts]), [
      ['opinion_requested', 'dingtalk', 'sent', 1], ['opinion_requested', 'mail', 'sent', 1],
      ['reply_due', 'dingtalk', 'sent', 1], ['reply_due', 'mail', 'sent', 1],
      ['no_objection', 'dingtalk', 'sent', 1], ['no_objection', 'mail', 'sent', 1],
    ]);
    // the lead department (市发展改革委) learns the countersign was settled; its clerk gave no mail address
    assert.deepEqual((await kindsOf(s.db, 'person-fgw-clerk')).map((n) => n.kind), ['no_objection']);
    const fgw = await deliveriesOf(s.db, 'person-fgw-clerk');
    assert.deepEqual(fgw.map((d) => [d.channel, d.status]), [['dingtalk', 'sent'], ['mail', 'failed']]);
    assert.match(fgw[1].last_error, /未填写电子邮件地址/);

    // the web inbox over HTTP: unread, mark one read, then all
    const czj2 = await s.login('czj-clerk');
    // what the demo's own deadlines told meanwhile is read
    await s.db.query(`UPDATE notifications SET read_at = created_at WHERE link <> $1`, [docLink]);
    const list = await s.app.inject({ method: 'GET', url: '/api/v1/notifications?filter=unread', headers: { cookie: czj2 } });
    assert.equal(list.json().items.length, 3);
    assert.equal(list.json().items[0].kindLabel, '无不同意见');
    const first = list.json().items[2];
    assert.equal((await s.app.inject({ method: 'POST', url: `/api/v1/notifications/${first.id}/read`, headers: { cookie: czj2 }, payload: {} })).statusCode, 200);
    assert.deepEqual((await s.app.inject({ method: 'GET', url: '/api/v1/notifications/unread-count', headers: { cookie: czj2 } })).json(), { unread: 2 });
    const byKind = await s.app.inject({ method: 'GET', url: '/api/v1/notifications?filter=all&kind=reply_due', headers: { cookie: czj2 } });
    assert.ok(byKind.json().items.every((i: any) => i.kind === 'reply_due'));
    assert.equal(byKind.json().items.filter((i: any) => i.link === docLink).length, 1);
    assert.deepEqual((await s.app.inject({ method: 'POST', url: '/api/v1/notifications/read-all', headers: { cookie: czj2 }, payload: { upTo: s.deps.clock.now().toISOString() } })).json(), { marked: 2 });
    // another person cannot mark someone else's notification
    const fgwLogin = await s.login('fgw-clerk');
    const other = await s.app.inject({ method: 'POST', url: `/api/v1/notifications/${first.id}/read`, headers: { cookie: fgwLogin }, payload: {} });
    assert.equal(other.statusCode, 404);
    assert.equal(other.json().code, 'NOTIFY.NOT_FOUND');

    // the office sees what went out and what failed
    const adm = await s.login('office-clerk');
    const dl = await s.app.inject({ method: 'GET', url: '/api/v1/notifications/deliveries?status=failed', headers: { cookie: adm } });
    assert.equal(dl.statusCode, 200);
    assert.ok(dl.json().items.some((i: any) => i.channel === 'mail' && /未填写电子邮件地址/.test(i.lastError)));
    assert.equal((await s.app.inject({ method: 'GET', url: '/api/v1/notifications/deliveries', headers: { cookie: czj2 } })).statusCode, 403);
    await s.stop();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
