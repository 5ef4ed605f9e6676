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

test('web shell: logging in shows the sections of the product', async () => {
  await loginAs(env, 'admin');
  for (const label of ['工作台', '公文', '会议', '督查', '领导', '公开', '管理']) {
    assert.ok(await env.page.getByRole('menuitem', { name: label }).first().isVisible() || await env.page.getByText(label).first().isVisible(), label);
  }
  assert.match(await env.page.getByTestId('current-user').innerText(), /系统管理员/);
});

test('rule-pack browser: clicking 第六十六条 shows its text and the countersign time limit', async () => {
  await env.page.goto(env.baseUrl + '/admin/pack');
  await env.page.getByTestId('article-66').click();
  const detail = env.page.getByTestId('article-detail');
  await detail.getByText('第六十六条（').waitFor();
  assert.match(await detail.innerText(), /2个工作日/);
  await env.page.screenshot({ path: 'test-results/pack-browser.png' });
});
