import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startBrowserEnv, loginAs, type BrowserEnv } from './harness.ts';

let env: BrowserEnv;
before(async () => { env = await startBrowserEnv(); });
after(async () => { await env?.close(); });

test('web shell: a wrong password shows the Chinese error and stays on the login page', async () => {
  await env.page.goto(env.baseUrl + '/');
  await env.page.getByTestId('login').fill('admin');
  await env.page.getByTestId('password').fill('not-the-password');
  await env.page.getByTestId('submit').click();
  await env.page.getByText('用户名或密码错误').waitFor();
  assert.equal(await env.page.getByTestId('current-user').count(), 0);
});

const menuText = async () => (await env.page.getByRole('menu').first().innerText()).replace(/\s+/g, ' ');

test('web shell: logging in shows the sections of the product the user may open', async () => {
  await loginAs(env, 'office-clerk');
  for (const label of ['工作台', '公文', '会议', '督查', '领导', '公开', '组织机构']) {
    assert.ok(await env.page.getByRole('menuitem', { name: label }).first().isVisible(), label);
  }
  assert.match(await env.page.getByTestId('current-user').innerText(), /市政府办公室文书/);
  const office = await menuText();
  assert.match(office, /安全审计/, 'the office reads the business audit trail');
  assert.doesNotMatch(office, /账号管理/, 'the office manages no accounts');
});

test('三员分立 in the menu: the system administrator sees accounts, organisation, calendar and packs but no 公文; the auditor sees 安全审计 alone', async () => {
  await env.page.context().clearCookies();
  await loginAs(env, 'admin');
  await env.page.getByRole('menuitem', { name: '管理' }).first().click();
  await env.page.getByRole('menuitem', { name: '账号管理' }).waitFor();
  const admin = await menuText();
  for (const label of ['工作台', '组织机构', '规则包', '工作日历', '账号管理']) assert.match(admin, new RegExp(label), label);
  for (const label of ['公文', '会议', '督查', '安全审计']) assert.doesNotMatch(admin, new RegExp(label), label);
  assert.match(await env.page.getByTestId('current-user').innerText(), /系统管理员/);

  await env.page.context().clearCookies();
  await loginAs(env, 'auditor');
  await env.page.getByRole('menuitem', { name: '管理' }).first().click();
  await env.page.getByRole('menuitem', { name: '安全审计' }).waitFor();
  const auditor = await menuText();
  for (const label of ['公文', '组织机构', '账号管理', '规则包']) assert.doesNotMatch(auditor, new RegExp(label), label);
  await env.page.screenshot({ path: 'test-results/menu-auditor.png' });
});

test('rule-pack browser: clicking 第六十六条 shows its text and the countersign time limit', async () => {
  await env.page.context().clearCookies();
  await loginAs(env, 'admin');
  await env.page.goto(env.baseUrl + '/admin/pack');
  await env.page.getByTestId('article-66').click();
  const detail = env.page.getByTestId('article-detail');
  await detail.getByText('第六十六条（').waitFor();
  assert.match(await detail.innerText(), /2个工作日/);
  await env.page.screenshot({ path: 'test-results/pack-browser.png' });
});
