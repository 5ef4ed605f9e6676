// Sessions: a request is let in only on a live session — not ended, not idle beyond the limit, not past
// its absolute expiry, of a user not disabled. A lapsed session is ended for good; a live one records
// that it was seen (at most once a minute).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createUser } from '../../src/app/auth/sessions.ts';
import { startTestServer, type TestServer } from './http-harness.ts';

const PASSWORD = 'Session@Test2026';
let s: TestServer;
let n = 0;

before(async () => {
  s = await startTestServer({ seed: false, config: { sessionIdleMinutes: 30, sessionMaxHours: 2 } });
  await s.t.db.query(`INSERT INTO tenants (id, name, pack_id) VALUES ('wuwei', '武威市人民政府', 'wuwei-2023') ON CONFLICT DO NOTHING`);
});
after(async () => { await s.close(); });

/** a new user with a new session: its cookie and the session's row */
async function freshSession() {
  const login = `session-${++n}`;
  await createUser(s.t.db, { tenantId: 'wuwei', login, displayName: `会话测试${n}`, password: PASSWORD, roles: ['dept_clerk'] });
  const cookie = await s.login(login, PASSWORD);
  const row = async () => (await s.t.db.query(`SELECT * FROM sessions WHERE user_id = $1`, [`user-${login}`])).rows[0];
  return { login, cookie, row };
}

const me = (cookie: string) => s.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie } });
const minutes = (m: number) => s.clock.advance(m * 60_000);

test('auth: a session idle longer than the limit is refused as expired, ended, and stays refused', async () => {
  const x = await freshSession();
  assert.equal((await me(x.cookie)).statusCode, 200);
  minutes(31);
  const r = await me(x.cookie);
  assert.equal(r.statusCode, 401);
  assert.equal(r.json().code, 'AUTH.SESSION_EXPIRED');
  const ended = await x.row();
  assert.ok(ended.ended_at, 'the lapsed session is ended');
  const again = await me(x.cookie);
  assert.equal(again.statusCode, 401, 'an ended session never comes back');
  assert.equal(again.json().code, 'AUTH.UNAUTHENTICATED');
  assert.deepEqual((await x.row()).ended_at, ended.ended_at);
});

test('auth: a session used within the idle limit is still refused after its absolute expiry', async () => {
  const x = await freshSession();
  for (let i = 0; i < 4; i++) {
    minutes(25);
    assert.equal((await me(x.cookie)).statusCode, 200, `request ${i + 1} at ${(i + 1) * 25} min is within both limits`);
  }
  minutes(25); // 125 minutes after login, never idle for 30: past the 2-hour maximum
  const r = await me(x.cookie);
  assert.equal(r.statusCode, 401);
  assert.equal(r.json().code, 'AUTH.SESSION_EXPIRED');
  assert.ok((await x.row()).ended_at);
});

test('auth: a live session records when it was seen, at most once a minute', async () => {
  const x = await freshSession();
  const loggedIn = new Date((await x.row()).last_seen_at).getTime();
  s.clock.advance(30_000);
  assert.equal((await me(x.cookie)).statusCode, 200);
  assert.equal(new Date((await x.row()).last_seen_at).getTime(), loggedIn, 'not touched within the minute');
  s.clock.advance(31_000);
  assert.equal((await me(x.cookie)).statusCode, 200);
  const seen = await x.row();
  assert.equal(new Date(seen.last_seen_at).getTime(), s.clock.now().getTime(), 'touched after a minute');
  assert.equal(seen.ended_at, null);
  // the touch is what keeps it alive: 29 minutes after the touch (59 after login) it is still live
  minutes(29);
  assert.equal((await me(x.cookie)).statusCode, 200);
});

test('auth: a disabled user and a logged-out session are refused, and nothing is written for them', async () => {
  const x = await freshSession();
  await s.t.db.query(`UPDATE users SET disabled = true WHERE login = $1`, [x.login]);
  const before = await x.row();
  minutes(5);
  const r = await me(x.cookie);
  assert.equal(r.statusCode, 401);
  assert.equal(r.json().code, 'AUTH.UNAUTHENTICATED');
  assert.deepEqual(await x.row(), before, 'the session of a disabled user is left as it was');

  const y = await freshSession();
  assert.equal((await s.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { cookie: y.cookie } })).statusCode, 200);
  const out = await y.row();
  minutes(5);
  assert.equal((await me(y.cookie)).statusCode, 401);
  assert.deepEqual(await y.row(), out);
});
