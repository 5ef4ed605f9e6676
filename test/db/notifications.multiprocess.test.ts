// Notifications with two server processes on one PostgreSQL: both run the delivery worker over the
// same outbox and every notification is mailed exactly once (none twice, none lost); and a change of
// an inbox committed by one process reaches the live count of the other through LISTEN/NOTIFY — only
// once committed. PostgreSQL only (PGlite is one process by design): skipped without DATABASE_URL.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { openDb, type Db } from '../../src/store/db.ts';
import { migrate } from '../../src/store/migrate.ts';
import { runUseCase, systemActor, type AppDeps } from '../../src/app/context.ts';
import { notify } from '../../src/app/notifications/notify.ts';
import { onInboxChange, stopInboxListener } from '../../src/app/notifications/live.ts';
import { setNotificationSettings } from '../../src/app/notifications/settings.ts';
import { loadConfig } from '../../src/config.ts';
import { smallOrg } from '../../src/domain/org/fixture.ts';
import { startSmtpServer } from './notifications-channels.ts';

const url = process.env.DATABASE_URL;
const N = 120;
const PEOPLE = ['p-clerk', 'p-fgw', 'p-jyj'];
const skip = !url && 'DATABASE_URL 未设置（此测试需要 PostgreSQL）';

// A server process's delivery worker, until nothing is pending for a moment; or one notification.
const CHILD = `
  import { openDb } from './src/store/db.ts';
  import { runUseCase, systemActor } from './src/app/context.ts';
  import { deliverDueNotifications } from './src/app/notifications/delivery.ts';
  import { notify } from './src/app/notifications/notify.ts';
  import { smallOrg } from './src/domain/org/fixture.ts';
  const db = await openDb({ url: process.env.DATABASE_URL, schema: process.env.SCHEMA, poolSize: 4 });
  const deps = { db, clock: { now: () => new Date() } };
  let sent = 0;
  if (process.env.MODE === 'notify') {
    await runUseCase(deps, systemActor('wuwei'), (ctx) => notify(ctx, {
      kind: 'chased', article: 86, key: 'from-other-process', title: '另一进程的催办', link: '/supervision', to: [{ personId: 'p-clerk' }], org: smallOrg(),
    }));
  } else {
    for (let idle = 0; idle < 5;) {
      const out = await deliverDueNotifications(deps, 20);
      sent += out.filter((o) => 'sent' in o).reduce((n, o) => n + o.sent.length, 0);
      idle = out.length ? 0 : idle + 1;
      if (!out.length) await new Promise((r) => setTimeout(r, 50));
    }
  }
  await db.close();
  process.stdout.write(JSON.stringify({ pid: process.pid, sent }));
`;

function child(schema: string, env: Record<string, string>): Promise<{ pid: number; sent: number }> {
  const root = fileURLToPath(new URL('../../', import.meta.url));
  return new Promise((resolve, reject) => {
    const c = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', CHILD], { cwd: root, env: { ...process.env, SCHEMA: schema, ...env } });
    let out = '';
    let err = '';
    c.stdout.on('data', (d) => (out += d));
    c.stderr.on('data', (d) => (err += d));
    c.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`child exited ${code}: ${err}`))));
  });
}

let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let db: Db;
let schema: string;
let env: Record<string, string>;

before(async () => {
  if (skip) return;
  smtp = await startSmtpServer();
  env = { ZHENGTONG_SMTP_URL: smtp.url, ZHENGTONG_NOTIFY_QUIET_HOURS: 'off' };
  setNotificationSettings({ ...loadConfig(env).notifications });
  schema = `t_${randomBytes(6).toString('hex')}`;
  db = await openDb({ url: url!, schema, poolSize: 4 });
  await migrate(db);
  await db.query(`INSERT INTO tenants (id, name, pack_id) VALUES ('wuwei', '测试市人民政府', 'wuwei-2023') ON CONFLICT DO NOTHING`);
  for (const p of PEOPLE) {
    await db.query(`INSERT INTO notification_preferences (tenant_id, person_id, preferences, updated_at) VALUES ('wuwei', $1, $2, now())`,
      [p, JSON.stringify({ channels: { chased: ['web', 'mail'] }, quietHours: null, mail: `${p}@test.gov.cn` })]);
  }
});
after(async () => {
  if (skip) return;
  setNotificationSettings(null);
  await stopInboxListener(db);
  await db.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await db.close();
  await smtp.close();
});

test('two server processes on one PostgreSQL deliver every notification by mail exactly once', { skip }, async () => {
  const deps: AppDeps = { db, clock: { now: () => new Date() } };
  for (let i = 0; i < N; i++) {
    await runUseCase(deps, systemActor('wuwei'), (ctx) => notify(ctx, {
      kind: 'chased', article: 86, key: `multi-${i}`, title: `督查事项催办 ${i}`, link: '/supervision', to: [{ personId: PEOPLE[i % PEOPLE.length] }], org: smallOrg(),
    }));
  }
  const results = await Promise.all([child(schema, env), child(schema, env)]);
  const { rows } = await db.query(`SELECT status, attempts, count(*)::int AS n FROM notification_deliveries GROUP BY status, attempts`);
  assert.deepEqual(rows.map((r: any) => [r.status, r.attempts, r.n]), [['sent', 1, N]], 'all sent, each at the first attempt');
  assert.equal(results[0].sent + results[1].sent, N);
  assert.equal(smtp.mails.length, N, 'one mail per notification');
  assert.equal(new Set(smtp.mails.map((m) => m.messageId)).size, N, 'none twice');
  console.log(`# deliveries per process: ${results.map((r) => r.sent).join(' + ')} = ${N}`);
});

test('a notification committed by another server process reaches this one\'s live count through LISTEN/NOTIFY', { skip }, async () => {
  const heard: number[] = [];
  const stop = await onInboxChange(db, 'wuwei', 'p-clerk', () => heard.push(Date.now()));
  try {
    // a transaction that rolls back announces nothing
    await assert.rejects(runUseCase({ db, clock: { now: () => new Date() } }, systemActor('wuwei'), async (ctx) => {
      await notify(ctx, { kind: 'chased', article: 86, key: 'rolled-back', title: '回滚的催办', link: '/supervision', to: [{ personId: 'p-clerk' }], org: smallOrg() });
      throw new Error('rolled back');
    }));
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(heard.length, 0, 'nothing heard of a rolled-back change');
    await child(schema, { ...env, MODE: 'notify' });
    const until = Date.now() + 5000;
    while (!heard.length && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
    assert.equal(heard.length, 1, 'heard once');
    const { rows } = await db.query(`SELECT count(*)::int AS n FROM notifications WHERE dedupe_key IN ('from-other-process', 'rolled-back')`);
    assert.equal(rows[0].n, 1);
  } finally {
    stop();
  }
});
