// Governments on one deployment: the platform administrator creates one from a pack and an
// organisation file, lists and suspends them; a government's own administrator cannot; each government
// runs on its own pack; a suspended government's users are signed out and cannot sign in.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { startTestServer, type TestServer } from './http-harness.ts';

let s: TestServer;
before(async () => { s = await startTestServer(); });
after(async () => { await s.close(); });

const call = async (cookie: string, method: 'GET' | 'POST', url: string, payload?: unknown) => {
  const r = await s.app.inject({ method, url: `/api/v1${url}`, headers: { cookie }, ...(payload !== undefined ? { payload: payload as any } : {}) });
  return { status: r.statusCode, body: r.json() as any };
};

test('governments: the demo deployment runs the city and its four counties, each on its own pack', async () => {
  const list = (await s.app.inject({ method: 'GET', url: '/api/v1/public/governments' })).json();
  assert.deepEqual(list.items.map((g: any) => g.name).sort(),
    ['武威市人民政府', '凉州区人民政府', '民勤县人民政府', '古浪县人民政府', '天祝藏族自治县人民政府'].sort());
  assert.equal(list.items[0].name, '武威市人民政府', 'the city first');
  assert.equal(list.default, 'wuwei');
  const lz = await s.login('lz-office-clerk', undefined, 'liangzhou');
  const mine = await call(lz, 'GET', '/governments/mine');
  assert.equal(mine.body.name, '凉州区人民政府');
  assert.equal(mine.body.packId, 'liangzhou-2024');
  const me = await call(lz, 'GET', '/auth/me');
  assert.equal(me.body.government.name, '凉州区人民政府');
  // rules in force per government: 凉州区 gives 3 working days to countersign, the city 2 (第六十六条)
  const rule = async (cookie: string) => (await call(cookie, 'GET', '/pack/rules')).body.rules?.find?.((r: any) => r.id === 'documents.countersign.replyLimit')
    ?? (await call(cookie, 'GET', '/pack/articles/66')).body.rules.find((r: any) => r.id === 'documents.countersign.replyLimit');
  const city = await s.login('office-clerk');
  assert.match((await rule(city)).label, /2个工作日/);
  assert.match((await rule(lz)).label, /3个工作日/);
  // the same login name in another government is another account: no city account is named lz-office-clerk
  const wrong = await s.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { login: 'lz-office-clerk', password: 'Zhengtong@2026' } });
  assert.equal(wrong.statusCode, 401);
});

test('governments: only the platform administrator manages governments; a government\'s own administrator is refused', async () => {
  const admin = await s.login('admin');
  assert.equal((await call(admin, 'GET', '/platform/governments')).status, 403);
  const lzAdmin = await s.login('lz-admin', undefined, 'liangzhou');
  assert.equal((await call(lzAdmin, 'POST', '/platform/governments/wuwei/suspend', { reason: '测试' })).status, 403);
  const platform = await s.login('platform-admin');
  const all = await call(platform, 'GET', '/platform/governments');
  assert.equal(all.status, 200);
  assert.equal(all.body.items.find((g: any) => g.id === 'tianzhu').packId, 'tianzhu-2024');
});

test('governments: a government created from a pack and an organisation file signs in and runs on its pack', async () => {
  const platform = await s.login('platform-admin');
  const orgYaml = readFileSync('demo/minqin/org.yaml', 'utf8').replace('tenant: { id: minqin, name: 民勤县人民政府', 'tenant: { id: shiyan, name: 示范县人民政府');
  const body = {
    id: 'shiyan', name: '示范县人民政府', shortName: '县政府', level: 'county', parentId: 'wuwei', packId: 'minqin-2024', orgYaml,
    logins: [{ login: 'sy-office-clerk', password: 'Shiyan@2026x', displayName: '示范县文书', personId: 'person-office-clerk', roles: ['office_clerk'] },
      { login: 'sy-office-secretary', password: 'Shiyan@2026x', displayName: '示范县秘书', personId: null, roles: ['office_secretary'] }],
  };
  const bad = await call(platform, 'POST', '/platform/governments', { ...body, packId: 'no-such-pack' });
  assert.equal(bad.status, 400);
  assert.equal(bad.body.code, 'TENANT.PACK_UNKNOWN');
  const created = await call(platform, 'POST', '/platform/governments', body);
  assert.equal(created.status, 201, JSON.stringify(created.body));
  assert.equal((await call(platform, 'POST', '/platform/governments', body)).body.code, 'TENANT.EXISTS');
  const clerk = await s.login('sy-office-clerk', 'Shiyan@2026x', 'shiyan');
  // the same initial password for both accounts, yet each stored hash has its own salt
  const hashes = await s.t.db.query<{ password_hash: string }>(`SELECT password_hash FROM users WHERE tenant_id = 'shiyan' ORDER BY login`);
  assert.equal(hashes.rows.length, 2);
  assert.notEqual(hashes.rows[0].password_hash, hashes.rows[1].password_hash);
  await s.login('sy-office-secretary', 'Shiyan@2026x', 'shiyan');
  assert.equal((await call(clerk, 'GET', '/governments/mine')).body.packId, 'minqin-2024');
  const units = await call(clerk, 'GET', '/org/units');
  assert.equal(units.status, 200);
  assert.ok(JSON.stringify(units.body).includes('县财政局'));
  const audit = await s.t.db.query<{ tenant_id: string }>(`SELECT tenant_id FROM audit_records WHERE action = 'tenant.created' AND object_id = 'shiyan' ORDER BY tenant_id`);
  assert.deepEqual(audit.rows.map((r) => r.tenant_id), ['shiyan', 'wuwei'], 'audited in both governments');
});

test('governments: a suspended government\'s users are signed out and refused; resumed, they sign in again', async () => {
  const platform = await s.login('platform-admin');
  const gl = await s.login('gl-office-clerk', undefined, 'gulang');
  assert.equal((await call(gl, 'GET', '/auth/me')).status, 200);
  const sus = await call(platform, 'POST', '/platform/governments/gulang/suspend', { reason: '机构调整，暂停使用' });
  assert.equal(sus.status, 200, JSON.stringify(sus.body));
  assert.equal((await call(gl, 'GET', '/auth/me')).status, 401, 'the open session ends');
  const refused = await s.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { login: 'gl-office-clerk', password: 'Zhengtong@2026', government: 'gulang' } });
  assert.equal(refused.statusCode, 403);
  assert.equal(refused.json().code, 'TENANT.SUSPENDED');
  assert.ok(!(await s.app.inject({ method: 'GET', url: '/api/v1/public/governments' })).json().items.some((g: any) => g.id === 'gulang'));
  assert.equal((await call(platform, 'POST', '/platform/governments/gulang/resume')).status, 200);
  await s.login('gl-office-clerk', undefined, 'gulang');
});

test('governments: the public portal serves the government whose host it is (tenants.portal_host), the default one elsewhere', async () => {
  await s.t.db.query(`UPDATE tenants SET portal_host = 'gk.liangzhou.example' WHERE id = 'liangzhou'`);
  const items = async (host: string) => (await s.app.inject({ method: 'GET', url: '/api/v1/public/items', headers: { host } })).json();
  const city = await items('localhost');
  const county = await items('gk.liangzhou.example');
  assert.ok(city.total > 0, 'the city portal shows the city\'s published items');
  assert.equal(county.total, 0, 'the county portal shows none of the city\'s (the county has published nothing yet)');
});
