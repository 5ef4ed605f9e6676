// Browser tests of 账号管理 and 修改口令 (GB/T 22239-2019 8.1.4.1 a, 8.1.5) with the first sign-in change
// enforced, as in a deployment: the system administrator creates an account; its first sign-in shows
// nothing but 修改口令, which refuses a weak password with every reason and then opens the product.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startBrowserEnv, loginAs, type BrowserEnv } from './harness.ts';

let env: BrowserEnv;
before(async () => { env = await startBrowserEnv({ config: { demoSkipPasswordChange: false } }); });
after(async () => { await env?.close(); });

const page = () => env.page;

/** Signs in through the form and waits for either the product or the 修改口令 gate. */
async function signIn(login: string, password: string) {
  await page().context().clearCookies();
  await page().goto(env.baseUrl + '/');
  await page().getByTestId('login').fill(login);
  await page().getByTestId('password').fill(password);
  await page().getByTestId('submit').click();
  await Promise.race([page().getByTestId('current-user').waitFor(), page().getByTestId('change-password').waitFor()]);
}

async function changePassword(current: string, next: string) {
  const form = page().getByTestId('change-password');
  await form.getByTestId('current-password').fill(current);
  await form.getByTestId('new-password').fill(next);
  await form.getByTestId('new-password-again').fill(next);
  await form.getByTestId('change-password-submit').click();
}

test('8.1.4.1 a: an account the system administrator creates must change its initial password at the first sign-in; a weak one is refused with its reasons', async () => {
  // the demo's administrator itself is held at the gate first
  await signIn('admin', 'Zhengtong@2026');
  assert.equal(await page().getByTestId('current-user').count(), 0, 'no product before the change');
  assert.match(await page().getByTestId('change-password').innerText(), /首次登录或口令已被重置，请先修改口令/);
  await changePassword('Zhengtong@2026', 'Wuwei#Xitong2027');
  await page().getByTestId('current-user').waitFor();

  // 账号管理: a new account with an initial password
  await page().goto(env.baseUrl + '/admin/accounts');
  await page().getByTestId('account-create').click();
  const dialog = page().getByRole('dialog');
  await dialog.getByTestId('new-login').fill('wang-fang');
  await dialog.getByTestId('new-name').fill('王芳');
  await dialog.getByTestId('new-password').fill('Initial#Pass2026');
  const created = page().waitForResponse((r) => r.url().endsWith('/api/v1/accounts') && r.request().method() === 'POST');
  await dialog.getByRole('button', { name: /确\s*定|OK/ }).click();
  assert.equal((await created).status(), 201);
  await dialog.waitFor({ state: 'hidden' });
  // the list pages by 20: the new account is on one of its pages
  const list = page().getByTestId('accounts');
  const pages = await list.locator('.ant-pagination-item').count();
  let found = false;
  for (let i = 0; i < Math.max(1, pages) && !found; i++) {
    if (pages > 0) await list.locator('.ant-pagination-item').nth(i).click();
    found = (await list.locator('tr', { hasText: 'wang-fang' }).count()) > 0;
  }
  assert.ok(found, 'the new account is listed');
  assert.match(await list.locator('tr', { hasText: 'wang-fang' }).innerText(), /王芳/);

  // the new account's first sign-in: 修改口令 only
  await signIn('wang-fang', 'Initial#Pass2026');
  assert.equal(await page().getByTestId('current-user').count(), 0);
  await changePassword('Initial#Pass2026', 'wang-fang1');
  const refusal = page().locator('.ant-alert-error');
  await refusal.waitFor();
  const reasons = await refusal.innerText();
  assert.match(reasons, /口令不得包含登录名/);
  assert.equal(await page().getByTestId('current-user').count(), 0, 'still at the gate');
  await changePassword('Initial#Pass2026', 'Gansu#Liang2027');
  await page().getByTestId('current-user').waitFor();
  await page().screenshot({ path: 'test-results/password-changed.png' });

  // the old password no longer opens the account; the new one does, straight into the product
  await page().context().clearCookies();
  await page().goto(env.baseUrl + '/');
  await page().getByTestId('login').fill('wang-fang');
  await page().getByTestId('password').fill('Initial#Pass2026');
  await page().getByTestId('submit').click();
  await page().getByText('用户名或密码错误').waitFor();
  await loginAs(env, 'wang-fang', 'Gansu#Liang2027');
});
