// Notifications beyond the countersign walk-through: the live count over Server-Sent Events (the same
// session checks as any request, the count pushed when the inbox changes, the stream ended with the
// session), a failing channel retried on the back-off and then failed for good and shown to the
// office, the 企业微信 robot's message, the AB岗 partner told of a chased item while the leader in
// charge is away (第十一条), and preferences refused with every reason.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadConfig } from '../../src/config.ts';
import { runUseCase, systemActor } from '../../src/app/context.ts';
import { notify } from '../../src/app/notifications/notify.ts';
import { deliverDueNotifications } from '../../src/app/notifications/delivery.ts';
import { setNotificationSettings } from '../../src/app/notifications/settings.ts';
import { stopInboxListener } from '../../src/app/notifications/live.ts';
import { requireOrg } from '../../src/app/org/usecases.ts';
import { startTestServer, type TestServer } from './http-harness.ts';
import { startRobot } from './notifications-channels.ts';
import { submitRequest } from '../../src/app/openness/requests.ts';
import { runDueTimers } from '../../src/jobs/timers.ts';

const NOW = '2026-03-02T10:00:00+08:00';
let s: TestServer;
let ding: Awaited<ReturnType<typeof startRobot>>;
let wecom: Awaited<ReturnType<typeof startRobot>>;

before(async () => {
  s = await startTestServer({ now: NOW });
  ding = await startRobot({ secret: 'SEC-x' });
  wecom = await startRobot();
  setNotificationSettings({
    ...loadConfig({}).notifications, smtpUrl: null, quietHours: null, retrySeconds: [60, 600],
    dingtalkWebhook: `${ding.url}/robot/send?access_token=t`, dingtalkSecret: 'SEC-x', wecomWebhook: `${wecom.url}/cgi-bin/webhook/send?key=k`,
  });
});
after(async () => {
  setNotificationSettings(null);
  await stopInboxListener(s.deps.db);
  await s.close();
  await Promise.all([ding.close(), wecom.close()]);
});

const tell = (personId: string, key: string, extra: Record<string, unknown> = {}) =>
  runUseCase(s.deps, systemActor('wuwei'), (ctx) => notify(ctx, {
    kind: 'chased', article: 86, key, title: `督查事项催办：${key}`, link: '/supervision', to: [{ personId }], ...extra,
  }));

test('SSE: the stream sends the unread count at once and again after each committed change, and ends with the session', async () => {
  await s.app.listen({ port: 0, host: '127.0.0.1' });
  const port = (s.app.server.address() as AddressInfo).port;
  const cookie = await s.login('czj-clerk');
  const events: any[] = [];
  let ended = false;
  const res = await new Promise<import('node:http').IncomingMessage>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: '/api/v1/notifications/stream', headers: { cookie, accept: 'text/event-stream' } }, resolve);
    req.on('error', reject);
    req.end();
  });
  assert.equal(res.statusCode, 200);
  assert.match(String(res.headers['content-type']), /text\/event-stream/);
  let buf = '';
  res.setEncoding('utf8');
  res.on('data', (c: string) => {
    buf += c;
    let i;
    while ((i = buf.indexOf('\n\n')) >= 0) {
      const block = buf.slice(0, i);
      buf = buf.slice(i + 2);
      const ev = /^event: (.+)$/m.exec(block)?.[1];
      const data = /^data: (.+)$/m.exec(block)?.[1];
      if (ev) events.push({ ev, data: data ? JSON.parse(data) : null });
    }
  });
  res.on('end', () => { ended = true; });
  const waitFor = async (pred: () => boolean, what: string) => {
    const until = Date.now() + 10_000;
    while (!pred()) {
      if (Date.now() > until) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(events)}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  };
  await waitFor(() => events.length >= 1, 'the first count');
  const start = events[0].data.unread;
  await tell('person-czj-clerk', 'sse-1');
  await waitFor(() => events.some((e) => e.ev === 'unread' && e.data.unread === start + 1), 'the count after a notification');
  const all = await s.app.inject({ method: 'POST', url: '/api/v1/notifications/read-all', headers: { cookie }, payload: { upTo: s.clock.now().toISOString() } });
  assert.equal(all.statusCode, 200);
  await waitFor(() => events.some((e) => e.ev === 'unread' && e.data.unread === 0), 'the count after read-all');
  // logging out ends the session: the next change ends the stream
  await s.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { cookie }, payload: {} });
  await tell('person-czj-clerk', 'sse-2');
  await waitFor(() => ended, 'the stream to end');
  assert.equal(events.at(-1).ev, 'end');
  const anonymous = await s.app.inject({ method: 'GET', url: '/api/v1/notifications/stream', headers: { accept: 'text/event-stream' } });
  assert.equal(anonymous.statusCode, 401);
  const notAStream = await s.app.inject({ method: 'GET', url: '/api/v1/notifications/stream', headers: { cookie: await s.login('czj-clerk') } });
  assert.deepEqual([notAStream.statusCode, notAStream.json().code], [406, 'NOTIFY.STREAM_ONLY']);
});

test('a 钉钉 robot that refuses is tried again on the back-off, sent once when it accepts; one that keeps refusing fails and shows on the office\'s page', async () => {
  await deliverDueNotifications(s.deps); // what the earlier tests left
  ding.failNext(1);
  await tell('person-fgw-clerk', 'retry-1');
  let [r] = await deliverDueNotifications(s.deps);
  assert.ok(r && 'retry' in r, JSON.stringify(r));
  assert.match((r as any).error, /errcode 310000/);
  assert.deepEqual(await deliverDueNotifications(s.deps), [], 'not before the back-off');
  s.clock.advance(61_000);
  [r] = await deliverDueNotifications(s.deps);
  assert.ok(r && 'sent' in r);
  const { rows: [d] } = await s.deps.db.query(`SELECT status, attempts, last_error FROM notification_deliveries d JOIN notifications n ON n.id = d.notification_id WHERE n.dedupe_key = 'retry-1' AND d.channel = 'dingtalk'`);
  assert.deepEqual([d.status, d.attempts, d.last_error], ['sent', 2, null]);

  ding.failNext(3);
  await tell('person-fgw-clerk', 'retry-2');
  for (const wait of [0, 61_000, 601_000]) { s.clock.advance(wait); await deliverDueNotifications(s.deps); }
  const office = await s.login('office-clerk');
  const page = await s.app.inject({ method: 'GET', url: '/api/v1/notifications/deliveries?status=failed&channel=dingtalk', headers: { cookie: office } });
  const failed = page.json().items.find((i: any) => i.title === '督查事项催办：retry-2');
  assert.ok(failed, page.body);
  assert.deepEqual([failed.status, failed.attempts], ['failed', 3]);
  assert.match(failed.lastError, /errcode 310000/);
});

test('企业微信: a person who chose it gets a markdown message with the title and the link, never the body', async () => {
  const cookie = await s.login('jyj-clerk');
  const put = await s.app.inject({ method: 'PUT', url: '/api/v1/notifications/preferences', headers: { cookie }, payload: { channels: { chased: ['web', 'wecom'] } } });
  assert.equal(put.statusCode, 200, put.body);
  await tell('person-jyj-clerk', 'wecom-1', { body: '正文不外发' });
  await deliverDueNotifications(s.deps);
  const call = wecom.calls.find((c) => String(c.body?.markdown?.content).includes('wecom-1'));
  assert.ok(call);
  assert.equal(call.body.msgtype, 'markdown');
  assert.match(call.body.markdown.content, /依据第八十六条/);
  assert.doesNotMatch(call.body.markdown.content, /正文不外发/);
  assert.equal(ding.calls.filter((c) => String(c.body?.markdown?.text).includes('wecom-1')).length, 0, '钉钉 not chosen for 催办');
});

test('第十一条: while the leader in charge is away, a chased item reaches the AB岗 partner as well', async () => {
  const org = await runUseCase(s.deps, systemActor('wuwei'), (ctx) => requireOrg(ctx.tx, 'wuwei'));
  const pair = org.backupPairs[0];
  const [away, partner] = pair.positionIds;
  const holder = org.assignments.find((a) => a.positionId === away)!.personId;
  const partnerHolder = org.assignments.find((a) => a.positionId === partner)!.personId;
  org.absences.push({ id: 'abs-test', personId: holder, kind: 'business', period: { from: '2026-03-02', to: '2026-03-03' } });
  const told = await runUseCase(s.deps, systemActor('wuwei'), (ctx) => notify(ctx, {
    kind: 'chased', article: 73, key: 'ab-1', title: '逾期催办：承办事项已到期未办结', link: '/documents', to: [{ positionId: away }], org,
  }));
  assert.deepEqual(told.map((t) => t.personId), [partnerHolder, holder]);
  const { rows } = await s.deps.db.query(`SELECT recipient_person_id, acting_for FROM notifications WHERE dedupe_key = 'ab-1' ORDER BY acting_for NULLS LAST`);
  assert.match(rows[0].acting_for, /AB岗代理/);
  assert.equal(rows[1].acting_for, null);
  // the same event again tells nobody twice
  const again = await runUseCase(s.deps, systemActor('wuwei'), (ctx) => notify(ctx, {
    kind: 'chased', article: 73, key: 'ab-1', title: '逾期催办：承办事项已到期未办结', link: '/documents', to: [{ positionId: away }], org,
  }));
  assert.deepEqual(again, []);
});

test('preferences: every wrong field is refused at once with its code, and nothing is saved', async () => {
  const cookie = await s.login('fgw-clerk');
  const r = await s.app.inject({
    method: 'PUT', url: '/api/v1/notifications/preferences', headers: { cookie },
    payload: { channels: { assigned: ['mail'], nope: ['web'] }, quietHours: { start: '25:00', end: '07:00' }, mail: 'x' },
  });
  assert.equal(r.statusCode, 422);
  assert.equal(r.json().code, 'NOTIFY.PREFERENCES_INVALID');
  assert.deepEqual(r.json().violations.map((v: any) => v.code).sort(), ['NOTIFY.KIND_UNKNOWN', 'NOTIFY.MAIL_INVALID', 'NOTIFY.QUIET_HOURS_INVALID', 'NOTIFY.WEB_REQUIRED']);
  const g = await s.app.inject({ method: 'GET', url: '/api/v1/notifications/preferences', headers: { cookie } });
  assert.equal(g.json().chosen, false);
  // an administrator's login is nobody's inbox
  const admin = await s.login('admin');
  const a = await s.app.inject({ method: 'GET', url: '/api/v1/notifications', headers: { cookie: admin } });
  assert.equal(a.statusCode, 409);
  assert.equal(a.json().code, 'NOTIFY.NO_INBOX');
});

test('条例第三十三条: on the morning of a disclosure request\'s reply day the office\'s clerk is told, once, if it is still unanswered', async () => {
  const publicActor = { tenantId: 'wuwei', userId: null, personId: null, name: '公众', roles: [], ip: null };
  const r = await submitRequest(s.deps, publicActor, {
    requesterKind: '公民', name: '测试申请人', identity: '620000199001011234', contact: { phone: '13800000000' },
    description: '请求公开2025年度市级财政专项资金分配结果', form: '电子', delivery: '网上查询',
  });
  assert.ok(r.due, 'a reply day on the loaded calendar');
  const { rows: timers } = await s.deps.db.query(`SELECT key, due_at FROM timers WHERE kind = 'openness.request.due' AND key LIKE $1`, [`${r.id}:%`]);
  assert.deepEqual(timers.map((t: any) => t.key), [`${r.id}:${r.due}`]);
  s.clock.set(`${r.due}T00:00:05+08:00`);
  await runDueTimers(s.deps);
  await runDueTimers(s.deps);
  const { rows } = await s.deps.db.query(`SELECT recipient_person_id, kind, title, article FROM notifications WHERE object_id = $1`, [r.id]);
  assert.deepEqual(rows.map((n: any) => [n.recipient_person_id, n.kind, n.article]), [['person-office-clerk', 'disclosure_due', rows[0]?.article]]);
  assert.ok(rows[0].article > 0);
  assert.match(rows[0].title, /答复期限今日届满/);
});

test('第十一条: a vice mayor\'s reported trip tells the AB岗 partner that the stand-in begins, and the early return that it ends', async () => {
  const office = await s.login('office-clerk');
  const dayOf = (n: number) => new Date(s.clock.now().getTime() + 8 * 3600_000 + n * 86_400_000).toISOString().slice(0, 10);
  const from = dayOf(5);
  const to = dayOf(7);
  const trip = await s.app.inject({ method: 'POST', url: '/api/v1/leaders/trips', headers: { cookie: office },
    payload: { personId: 'person-vmayor1', kind: 'business', from, to, destination: '兰州', reason: '参加全省工作会议' } });
  assert.equal(trip.statusCode, 201, trip.body);
  const standIn = trip.json().standIns.find((h: any) => h.marker === 'AB岗代理');
  assert.ok(standIn, trip.body);
  const begins = await s.deps.db.query(`SELECT recipient_person_id, kind, article, title FROM notifications WHERE object_id = $1`, [trip.json().absenceId]);
  assert.deepEqual(begins.rows.map((n: any) => [n.recipient_person_id, n.kind, n.article]), [[standIn.personId, 'standin', 11]]);
  assert.match(begins.rows[0].title, new RegExp(`AB岗代理：.+${from}至${to}外出（兰州）`));
  s.clock.set(`${dayOf(6)}T09:00:00+08:00`);
  const later = await s.login('office-clerk');
  const back = await s.app.inject({ method: 'POST', url: `/api/v1/leaders/trips/${trip.json().absenceId}/return`, headers: { cookie: later }, payload: { returnedOn: dayOf(0) } });
  assert.equal(back.statusCode, 200, back.body);
  const ends = await s.deps.db.query(`SELECT recipient_person_id, title FROM notifications WHERE object_id = $1 AND dedupe_key LIKE 'standin-end:%'`, [trip.json().absenceId]);
  assert.deepEqual(ends.rows.map((n: any) => n.recipient_person_id), [standIn.personId]);
  assert.match(ends.rows[0].title, /代理结束/);
});

test('closing the server ends the open event streams (nothing holds the shutdown)', async () => {
  const other = await startTestServer({ now: NOW });
  try {
    await other.app.listen({ port: 0, host: '127.0.0.1' });
    const port = (other.app.server.address() as AddressInfo).port;
    const cookie = await other.login('czj-clerk');
    const res = await new Promise<import('node:http').IncomingMessage>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, path: '/api/v1/notifications/stream', headers: { cookie, accept: 'text/event-stream' } }, resolve);
      req.on('error', reject);
      req.end();
    });
    assert.equal(res.statusCode, 200);
    const ended = new Promise<void>((r) => { res.on('end', () => r()); res.resume(); });
    const started = Date.now();
    await stopInboxListener(other.deps.db);
    await other.app.close();
    await ended;
    assert.ok(Date.now() - started < 5000, 'closed promptly');
  } finally {
    await other.close().catch(() => {});
  }
});
