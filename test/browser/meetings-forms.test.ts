// The meetings forms in Chromium: a department clerk proposes a topic and sees every missing 第三十四条
// material with its article before submitting; the office sees the month calendar, the outgoing draft a
// decision created with its 第五十九条 deadline, and cancels a meeting whose record stays.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startBrowserEnv, loginAs, type BrowserEnv } from './harness.ts';
import { manualClock } from '../db/harness.ts';

let env: BrowserEnv;
before(async () => { env = await startBrowserEnv({ clock: manualClock('2026-03-02T09:00:00+08:00') }); });
after(async () => { await env?.close(); });

async function pick(testId: string, text: string) {
  const box = env.page.getByTestId(testId);
  await box.click();
  await env.page.keyboard.type(text);
  await env.page.locator('.ant-select-item-option').filter({ hasText: text }).first().click();
}

test('第三十四条, 第五十六条: the topic form lists every missing material with its article, then files the topic', async () => {
  const page = env.page;
  await loginAs(env, 'fgw-clerk');
  await page.goto(env.baseUrl + '/meetings');
  await page.getByTestId('meetings-page').waitFor();
  await page.getByRole('tab', { name: '议题看板' }).click();
  await page.getByTestId('topic-form').waitFor();
  await page.getByTestId('topic-title').fill('关于武威市冷链物流园区建设实施方案的议题');
  await pick('topic-department', '市发展改革委');
  await page.getByTestId('flag-marketActivity').check();
  const missing = page.getByTestId('materials-missing');
  await missing.filter({ hasText: '尚缺3项' }).waitFor();
  const text = await missing.innerText();
  for (const m of ['五性评估论证', '部门集体讨论决定', '公平竞争审查意见']) assert.match(text, new RegExp(`依据第三十四条.*${m}`));
  await page.getByTestId('material-assessment').fill('冷链物流园区五性评估论证报告');
  await missing.filter({ hasText: '尚缺2项' }).waitFor();
  await page.getByTestId('topic-submit').click();
  await page.getByTestId('topic-created').filter({ hasText: '尚缺2项材料' }).waitFor();
  await page.getByTestId('topic-board').getByText('关于武威市冷链物流园区建设实施方案的议题').waitFor();
});

test('第五十九条, 第五十六条: the month calendar, the draft in the outgoing register with its deadline, and a cancelled meeting keeping its record', async () => {
  const page = env.page;
  await page.context().clearCookies();
  await loginAs(env, 'office-clerk');
  await page.goto(env.baseUrl + '/meetings');
  await page.getByTestId('month-calendar').waitFor();
  await page.getByTestId('day-2026-03-05').getByText('常务会议').waitFor();

  await page.getByRole('tab', { name: '会后印发' }).click();
  const link = page.getByRole('link', { name: '武威市人民政府关于印发《武威市2026年市级重点项目投资计划》的通知' });
  await link.waitFor();
  assert.ok(await page.locator('[data-testid="deadline-tag"]').count() >= 1);
  assert.match(await page.locator('[data-testid="deadline-tag"]').first().innerText(), /第五十九条/);

  await page.getByRole('tab', { name: '会议日历' }).click();
  await page.getByTestId('view-list').click();
  await page.getByRole('link', { name: '市政府常务会议（待编号）' }).click();
  await page.getByTestId('meeting-day').waitFor();
  await page.getByTestId('cancel-toggle').click();
  await page.getByTestId('cancel-submit').click();
  await page.getByTestId('violations').filter({ hasText: '须写明理由' }).waitFor();
  await page.getByTestId('cancel-reason').fill('市长参加省政府全体会议');
  await page.getByTestId('cancel-submit').click();
  await page.getByTestId('cancelled-notice').filter({ hasText: '市长参加省政府全体会议' }).waitFor();
  await page.getByTestId('meeting-status').filter({ hasText: '已取消' }).waitFor();
  await page.getByTestId('meeting-changes').filter({ hasText: '取消' }).waitFor();
  await page.screenshot({ path: 'test-results/meeting-cancelled.png', fullPage: true });
});
