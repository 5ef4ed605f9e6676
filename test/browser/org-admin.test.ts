// 任免 through the UI: the secretary-general appoints a newly registered vice mayor in place of the
// current holder (第八条); the warnings come back with the change, and who acts for the post changes at once.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startBrowserEnv, loginAs, type BrowserEnv } from './harness.ts';
import { manualClock } from '../db/harness.ts';

let env: BrowserEnv;
before(async () => { env = await startBrowserEnv({ clock: manualClock('2026-03-02T09:00:00+08:00') }); });
after(async () => { await env?.close(); });

test('第八条: the secretary-general appoints a new vice mayor through 机构管理 and the board shows the new holder at once', async () => {
  const page = env.page;
  await loginAs(env, 'sg');
  await page.getByRole('menuitem', { name: '组织机构' }).click();
  await page.getByTestId('org-page').waitFor();
  assert.match(await page.getByTestId('acting-pos-vmayor-2').innerText(), /李晓峰/);
  await page.getByRole('tab', { name: '机构管理' }).click();
  await page.getByTestId('admin-open-appoint').click();
  await page.getByTestId('appoint-form').waitFor();
  await page.getByTestId('appoint-position').click();
  await page.keyboard.type('李晓峰');
  await page.locator('.ant-select-item-option').filter({ hasText: '李晓峰' }).first().click();
  await page.getByTestId('appoint-new-person').click();
  await page.getByTestId('appoint-name').fill('周海涛');
  await page.getByTestId('appoint-replace').check();
  await page.getByTestId('appoint-submit').click();
  const outcome = page.getByTestId('admin-outcome');
  await outcome.waitFor();
  assert.match(await outcome.innerText(), /任职已登记/);
  await page.screenshot({ path: 'test-results/org-admin-appoint.png', fullPage: false });
  await page.keyboard.press('Escape');
  await page.getByRole('tab', { name: '谁负责' }).click();
  await page.getByTestId('acting-pos-vmayor-2').filter({ hasText: '周海涛' }).waitFor();
});

test('机构管理 is not shown to the office clerk', async () => {
  await env.page.context().clearCookies();
  await loginAs(env, 'office-clerk');
  await env.page.getByRole('menuitem', { name: '组织机构' }).click();
  await env.page.getByTestId('acting-board').waitFor();
  assert.equal(await env.page.getByRole('tab', { name: '机构管理' }).count(), 0);
});
