// 三员分立 (GB/T 22239-2019 8.1.5.1 系统管理, 8.1.5.2 审计管理, 8.1.5.3 安全管理) and the password
// policy (8.1.4.1 a), over HTTP with the demo's three administrators: admin (系统管理员), secadmin
// (安全保密管理员), auditor (安全审计员).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../../src/config.ts';
import { can, ROLES } from '../../src/app/auth/roles.ts';
import { startTestServer, DEMO_PASSWORD, type TestServer } from './http-harness.ts';

let s: TestServer;
let cookies: Record<string, string>;

before(async () => {
  s = await startTestServer();
  cookies = {
    admin: await s.login('admin'), secadmin: await s.login('secadmin'), auditor: await s.login('auditor'), clerk: await s.login('office-clerk'),
  };
});
after(async () => { await s.close(); });

const call = (who: string, method: string, url: string, payload?: unknown) =>
  s.app.inject({ method: method as any, url: `/api/v1${url}`, headers: { cookie: cookies[who] ?? who }, ...(payload === undefined ? {} : { payload: payload as any }) });

let n = 0;
/** a new account made by the 系统管理员, with the roles the 安全保密管理员 then grants */
async function newAccount(roles: string[] = [], password = 'Initial#Pass2026') {
  const login = `acct-${++n}`;
  const r = await call('admin', 'POST', '/accounts', { login, displayName: `测试账号${n}`, password });
  assert.equal(r.statusCode, 201, r.body);
  const id = r.json().id as string;
  if (roles.length) assert.equal((await call('secadmin', 'PUT', `/accounts/${id}/roles`, { roles })).statusCode, 200);
  return { login, id, password };
}

test('三员分立: none of the three administrators holds `*`, and the `*` of the internal actor does not reach the audit', () => {
  for (const r of ['admin', 'security_admin', 'security_auditor']) assert.ok(!ROLES[r].permissions.includes('*'), r);
  assert.equal(can(['system'], 'documents.register'), true);
  assert.equal(can(['system'], 'audit.review'), false);
  assert.equal(can(['system'], 'audit.read'), false);
});

test('三员分立: each administrator reaches exactly its part of the route table', () => {
  const reach = (role: string) => [...new Set(s.app.routeTable
    .filter((r) => r.permission !== 'public' && r.permission !== 'authenticated' && can([role], r.permission))
    .map((r) => r.permission))].sort();
  assert.deepEqual(reach('admin'), ['accounts.manage', 'accounts.read', 'calendar.admin', 'calendar.read', 'org.admin', 'org.read', 'org.write', 'pack.read', 'seals.manage']);
  assert.deepEqual(reach('security_admin'), ['accounts.grant', 'accounts.read', 'accounts.unlock', 'security.read']);
  assert.deepEqual(reach('security_auditor'), ['audit.export', 'audit.read', 'audit.verify']);
});

test('三员分立: /auth/me names the declared permissions each administrator holds (what the menu shows), decided by the server', async () => {
  const granted = async (who: string) => (await call(who, 'GET', '/auth/me')).json().granted as string[];
  assert.deepEqual(await granted('admin'), ['accounts.manage', 'accounts.read', 'calendar.admin', 'calendar.read', 'org.admin', 'org.read', 'org.write', 'pack.read', 'seals.manage']);
  assert.deepEqual(await granted('auditor'), ['audit.export', 'audit.read', 'audit.verify']);
  const office = await granted('clerk');
  assert.ok(office.includes('documents.read') && office.includes('notifications.deliveries') && office.includes('audit.read'));
  assert.ok(!office.includes('audit.verify') && !office.includes('accounts.read') && !office.includes('platform.runtime'), office.join(','));
});

test('三员分立: 系统管理员 cannot read the audit record, act on business data or grant roles', async () => {
  for (const url of ['/audit/search', '/audit/verify', '/audit/export.xlsx', '/documents', '/meetings', '/security/policy']) {
    assert.equal((await call('admin', 'GET', url)).statusCode, 403, url);
  }
  const a = await newAccount();
  const r = await call('admin', 'PUT', `/accounts/${a.id}/roles`, { roles: ['office_clerk'] });
  assert.equal(r.statusCode, 403);
  assert.equal(r.json().code, 'AUTH.FORBIDDEN');
  // its own part: accounts, organisation, calendar, packs, seals
  for (const url of ['/accounts', '/org/units', '/calendar/years', '/pack', '/seals']) assert.equal((await call('admin', 'GET', url)).statusCode, 200, url);
});

test('三员分立: 安全保密管理员 grants roles and unlocks, but neither creates accounts nor reads the audit or business data', async () => {
  for (const url of ['/audit/search', '/documents', '/seals', '/org/units']) assert.equal((await call('secadmin', 'GET', url)).statusCode, 403, url);
  assert.equal((await call('secadmin', 'POST', '/accounts', { login: 'nope', displayName: '不应建立', password: 'Initial#Pass2026' })).statusCode, 403);
  const policy = await call('secadmin', 'GET', '/security/policy');
  assert.equal(policy.statusCode, 200);
  assert.deepEqual(policy.json().password, { ...s.config.passwordPolicy, demoSkipPasswordChange: true });
  assert.equal(policy.json().lockout.threshold, s.config.lockoutThreshold);
  const a = await newAccount(['dept_clerk']);
  const listed = (await call('secadmin', 'GET', '/accounts')).json().items.find((x: any) => x.id === a.id);
  assert.deepEqual(listed.roles, ['dept_clerk']);
});

test('三员分立: 安全审计员 reads, reviews, exports and verifies the audit record and changes nothing', async () => {
  assert.equal((await call('auditor', 'GET', '/audit/search?action=account.')).statusCode, 200);
  assert.equal((await call('auditor', 'GET', '/audit/verify')).statusCode, 200);
  assert.equal((await call('auditor', 'GET', '/audit/export.xlsx?action=account.')).statusCode, 200);
  for (const url of ['/accounts', '/documents', '/seals', '/security/policy']) assert.equal((await call('auditor', 'GET', url)).statusCode, 403, url);
  assert.equal((await call('auditor', 'POST', '/accounts/user-office-clerk/unlock')).statusCode, 403);
});

test('三员分立: every administrator action is on the record as an administrator\'s action, visible to the 安全审计员 only', async () => {
  const a = await newAccount(['dept_clerk']);
  const byAuditor = (await call('auditor', 'GET', `/audit/search?objectId=${a.id}`)).json().records;
  assert.deepEqual(byAuditor.map((r: any) => r.action).sort(), ['account.created', 'account.roles_changed']);
  assert.ok(byAuditor.every((r: any) => r.adminAction));
  const granted = byAuditor.find((r: any) => r.action === 'account.roles_changed');
  assert.deepEqual(granted.payload.granted, ['dept_clerk']);
  assert.equal((await call('clerk', 'GET', `/audit/search?objectId=${a.id}`)).json().total, 0);
});

test('三员分立: two administrators\' roles on one account are refused', async () => {
  const a = await newAccount();
  const r = await call('secadmin', 'PUT', `/accounts/${a.id}/roles`, { roles: ['admin', 'security_auditor'] });
  assert.equal(r.statusCode, 422);
  assert.equal(r.json().code, 'ACCOUNTS.ROLES_REFUSED');
  assert.deepEqual(r.json().violations.map((v: any) => v.code), ['ACCOUNTS.ADMIN_ROLES_EXCLUSIVE']);
  assert.match(r.json().message, /三员分立/);
  // the internal actor and the platform's administrator are not a government's to grant
  const sys = await call('secadmin', 'PUT', `/accounts/${a.id}/roles`, { roles: ['system'] });
  assert.deepEqual(sys.json().violations.map((v: any) => v.code), ['ACCOUNTS.ROLE_NOT_GRANTABLE']);
  const platform = await call('secadmin', 'PUT', `/accounts/${a.id}/roles`, { roles: ['platform_admin'] });
  assert.deepEqual(platform.json().violations.map((v: any) => v.code), ['ACCOUNTS.ROLE_NOT_GRANTABLE']);
  // making the 系统管理员 also the auditor: refused the same
  const admin = await call('secadmin', 'PUT', '/accounts/user-admin/roles', { roles: ['admin', 'security_auditor'] });
  assert.equal(admin.json().code, 'ACCOUNTS.ROLES_REFUSED');
});

test('三员分立: an administrator grants nothing to itself and does not administer its own account', async () => {
  const self = await call('secadmin', 'PUT', '/accounts/user-secadmin/roles', { roles: ['security_admin', 'office_clerk'] });
  assert.equal(self.statusCode, 403);
  assert.equal(self.json().code, 'ACCOUNTS.SELF_GRANT');
  assert.equal((await call('secadmin', 'PUT', '/accounts/user-secadmin/roles', { roles: ['security_auditor'] })).json().code, 'ACCOUNTS.SELF_GRANT');
  assert.equal((await call('admin', 'POST', '/accounts/user-admin/disable')).json().code, 'ACCOUNTS.SELF_ACTION');
  assert.equal((await call('admin', 'POST', '/accounts/user-admin/reset-password', { password: 'Another#Pass2026' })).json().code, 'ACCOUNTS.SELF_ACTION');
  const roles = (await s.t.db.query(`SELECT roles FROM users WHERE id = 'user-secadmin'`)).rows[0].roles;
  assert.deepEqual(roles, ['security_admin']);
});

test('accounts: a disabled account cannot sign in and its sessions end; enabled again it can', async () => {
  const a = await newAccount(['dept_clerk']);
  const cookie = await s.login(a.login, a.password);
  assert.equal((await call('admin', 'POST', `/accounts/${a.id}/disable`)).json().disabled, true);
  assert.equal((await call(cookie, 'GET', '/auth/me')).statusCode, 401);
  await assert.rejects(s.login(a.login, a.password), /401/);
  assert.equal((await call('admin', 'POST', `/accounts/${a.id}/enable`)).json().disabled, false);
  await s.login(a.login, a.password);
});

test('accounts: the 安全保密管理员 unlocks an account locked by failed sign-ins', async () => {
  const a = await newAccount(['dept_clerk']);
  assert.equal((await call('secadmin', 'POST', `/accounts/${a.id}/unlock`)).json().code, 'ACCOUNTS.NOT_LOCKED');
  for (let i = 0; i < s.config.lockoutThreshold; i++) {
    await s.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { login: a.login, password: 'Wrong#Pass2026' } });
  }
  await assert.rejects(s.login(a.login, a.password), /423/);
  const r = await call('secadmin', 'POST', `/accounts/${a.id}/unlock`);
  assert.equal(r.statusCode, 200, r.body);
  assert.equal(r.json().lockedUntil, null);
  await s.login(a.login, a.password);
});

test('口令复杂度: creating an account with a weak password is refused with every violation', async () => {
  const r = await call('admin', 'POST', '/accounts', { login: 'weakling', displayName: '弱口令', password: 'weakling1' });
  assert.equal(r.statusCode, 422);
  assert.equal(r.json().code, 'ACCOUNTS.PASSWORD_REFUSED');
  assert.deepEqual(r.json().violations.map((v: any) => v.code), ['ACCOUNTS.PASSWORD_TOO_SIMPLE', 'ACCOUNTS.PASSWORD_CONTAINS_LOGIN']);
  const common = await call('admin', 'POST', '/accounts', { login: 'common', displayName: '常见口令', password: 'P@ssw0rd' });
  assert.deepEqual(common.json().violations.map((v: any) => v.code), ['ACCOUNTS.PASSWORD_COMMON']);
  assert.equal((await call('admin', 'POST', '/accounts', { login: 'admin', displayName: '重名', password: 'Initial#Pass2026' })).json().code, 'ACCOUNTS.LOGIN_TAKEN');
});

test('首次登录修改口令: enforced unless the demo (serve --demo) lets the demo accounts skip it', () => {
  assert.equal(loadConfig({}).demoSkipPasswordChange, false);
  assert.equal(loadConfig({ ZHENGTONG_DEMO_SKIP_PASSWORD_CHANGE: 'true' }).demoSkipPasswordChange, true);
  assert.match(readFileSync(join(import.meta.dirname, '..', '..', 'package.json'), 'utf8'), /"start": "[^"]*serve --demo"/);
});

test('首次登录修改口令: with the demo setting off, a new account can do nothing but change its password', async () => {
  const strict = await startTestServer({ config: { demoSkipPasswordChange: false } });
  try {
    const admin = await strict.login('admin');
    const inject = (cookie: string, method: string, url: string, payload?: unknown) =>
      strict.app.inject({ method: method as any, url: `/api/v1${url}`, headers: { cookie }, ...(payload === undefined ? {} : { payload: payload as any }) });
    // the demo's accounts too are to change their password first
    const gated = await inject(admin, 'GET', '/accounts');
    assert.equal(gated.statusCode, 403);
    assert.equal(gated.json().code, 'AUTH.PASSWORD_CHANGE_REQUIRED');
    assert.match(gated.json().message, /修改口令/);
    const me = (await inject(admin, 'GET', '/auth/me')).json();
    assert.deepEqual([me.password.changeRequired, me.password.reason, me.password.enforced], [true, 'first_sign_in', true]);
    // the change itself: the policy applies, the current password must be right
    assert.equal((await inject(admin, 'POST', '/auth/password', { current: 'Wrong#2026x', next: 'Fresh#Keeper2026' })).json().code, 'ACCOUNTS.CURRENT_PASSWORD_WRONG');
    assert.equal((await inject(admin, 'POST', '/auth/password', { current: DEMO_PASSWORD, next: DEMO_PASSWORD })).json().code, 'ACCOUNTS.PASSWORD_REUSED');
    assert.equal((await inject(admin, 'POST', '/auth/password', { current: DEMO_PASSWORD, next: 'short' })).json().code, 'ACCOUNTS.PASSWORD_REFUSED');
    assert.equal((await inject(admin, 'POST', '/auth/password', { current: DEMO_PASSWORD, next: 'Fresh#Keeper2026' })).statusCode, 200);
    assert.equal((await inject(admin, 'GET', '/accounts')).statusCode, 200);
    // an account the 系统管理员 creates: the same gate
    const created = await inject(admin, 'POST', '/accounts', { login: 'newcomer', displayName: '新同志', password: 'Initial#Pass2026' });
    assert.equal(created.statusCode, 201);
    const newcomer = await strict.login('newcomer', 'Initial#Pass2026');
    assert.equal((await inject(newcomer, 'GET', '/governments/mine')).json().code, 'AUTH.PASSWORD_CHANGE_REQUIRED');
    assert.equal((await inject(newcomer, 'POST', '/auth/logout')).statusCode, 200);
    // every demo administrator alike
    const sec = await strict.login('secadmin');
    assert.equal((await inject(sec, 'GET', '/security/policy')).json().code, 'AUTH.PASSWORD_CHANGE_REQUIRED');
  } finally { await strict.close(); }
});

test('口令不得重复: none of the last five passwords is used again', async () => {
  const a = await newAccount(['dept_clerk'], 'Pass#Zero2026');
  const cookie = await s.login(a.login, a.password);
  const change = (current: string, next: string) => call(cookie, 'POST', '/auth/password', { current, next });
  const pw = ['Pass#Zero2026', 'Pass#One2026', 'Pass#Two2026', 'Pass#Three2026', 'Pass#Four2026', 'Pass#Five2026'];
  for (let i = 1; i < pw.length; i++) assert.equal((await change(pw[i - 1], pw[i])).statusCode, 200, pw[i]);
  // the current one and the four before it are refused; the sixth back is allowed again
  for (const old of pw.slice(1)) assert.equal((await change(pw[5], old)).json().code, 'ACCOUNTS.PASSWORD_REUSED', old);
  assert.equal((await change(pw[5], pw[0])).statusCode, 200);
  const history = (await s.t.db.query(`SELECT password_history FROM users WHERE id = $1`, [a.id])).rows[0].password_history;
  assert.equal(history.length, 4);
  // a reset by the 系统管理员 is held to the same history
  assert.equal((await call('admin', 'POST', `/accounts/${a.id}/reset-password`, { password: pw[4] })).json().code, 'ACCOUNTS.PASSWORD_REUSED');
  const reset = await call('admin', 'POST', `/accounts/${a.id}/reset-password`, { password: 'Reset#Pass2026' });
  assert.equal(reset.json().mustChangePassword, true);
  assert.equal((await call(cookie, 'GET', '/auth/me')).statusCode, 401, 'the reset ends the account\'s sessions');
});

test('定期更换口令: /auth/me warns N days before the password expires; once expired it must be changed', async () => {
  const strict = await startTestServer({ config: { demoSkipPasswordChange: false, passwordPolicy: { ...s.config.passwordPolicy, maxAgeDays: 90, warnDays: 7 } } });
  try {
    const admin = await strict.login('admin');
    const inject = (cookie: string, method: string, url: string, payload?: unknown) =>
      strict.app.inject({ method: method as any, url: `/api/v1${url}`, headers: { cookie }, ...(payload === undefined ? {} : { payload: payload as any }) });
    assert.equal((await inject(admin, 'POST', '/auth/password', { current: DEMO_PASSWORD, next: 'Fresh#Keeper2026' })).statusCode, 200);
    const p0 = (await inject(admin, 'GET', '/auth/me')).json().password;
    assert.deepEqual([p0.changeRequired, p0.warn, p0.daysLeft], [false, false, 90]);
    strict.clock.advance(84 * 86_400_000);
    const again = await strict.login('admin', 'Fresh#Keeper2026');
    const p1 = (await inject(again, 'GET', '/auth/me')).json().password;
    assert.deepEqual([p1.changeRequired, p1.warn, p1.daysLeft], [false, true, 6]);
    assert.equal((await inject(again, 'GET', '/accounts')).statusCode, 200, 'a warning only');
    strict.clock.advance(6 * 86_400_000);
    const late = await strict.login('admin', 'Fresh#Keeper2026');
    const refused = await inject(late, 'GET', '/accounts');
    assert.equal(refused.json().code, 'AUTH.PASSWORD_CHANGE_REQUIRED');
    assert.equal(refused.json().details?.reason ?? 'expired', 'expired');
    assert.equal((await inject(late, 'GET', '/auth/me')).json().password.reason, 'expired');
  } finally { await strict.close(); }
});

test('演示: the login page is told when the demo skips the change at first sign-in', async () => {
  const r = await s.app.inject({ method: 'GET', url: '/api/v1/public/governments' });
  assert.equal(r.json().demoSkipPasswordChange, true);
});
