// Browser tests of the 建议提案与监督 section on the Wuwei demo: a deputy's suggestion from registration to
// assignment with its 第四十四条 reply limit, and the accountability list of returns and overdue cases.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startBrowserEnv, loginAs, type BrowserEnv } from './harness.ts';

let env: BrowserEnv;
before(async () => {
  env = await startBrowserEnv();
  await loginAs(env, 'office-clerk');
});
after(async () => { await env?.close(); });

const page = () => env.page;
const dialog = () => page().getByRole('dialog');
const panel = () => page().getByRole('tabpanel');
const rowOf = (title: string) => panel().locator('tr', { hasText: title }).first();

async function submit(okName: RegExp) {
  await dialog().getByRole('button', { name: okName }).click();
  const refusal = dialog().locator('.ant-alert-error');
  await Promise.race([dialog().waitFor({ state: 'hidden' }), refusal.waitFor()]);
  if (await refusal.isVisible()) assert.fail(`refused: ${await refusal.innerText()}`);
}

test('第四十四条: a deputy suggestion registered and assigned to a department gets its 3-month reply limit and shows what is still owed', async () => {
  await page().goto(env.baseUrl + '/accountability');
  await page().getByRole('tab', { name: '人大代表建议' }).click();
  const title = '关于增加城区公共充电桩的建议';
  await panel().getByRole('button', { name: /登\s*记/ }).click();
  await dialog().waitFor();
  await dialog().getByLabel('事项').fill(title);
  await dialog().getByLabel('编号').fill('市六届人大三次会议第077号');
  await dialog().getByLabel(/代表委员/).fill('代表 李春花');
  const today = await dialog().getByLabel('收到日期').inputValue();
  await submit(/登\s*记/);
  await rowOf(title).waitFor();
  assert.match(await rowOf(title).innerText(), /代表 李春花/);

  await rowOf(title).getByRole('button', { name: /办\s*理/ }).click();
  await dialog().waitFor();
  await dialog().getByLabel('情况').fill('交市住建局主办');
  await dialog().getByLabel('主办单位').click();
  await page().keyboard.type('住建');
  await page().locator('.ant-select-dropdown .ant-select-item-option', { hasText: /住建|住房和城乡建设/ }).first().click();
  await submit(/保\s*存/);

  const row = rowOf(title);
  // the row is reloaded after the step: wait until it names the lead department
  for (let i = 0; i < 100 && !/住建/.test(await row.innerText()); i++) await page().waitForTimeout(100);
  const text = await row.innerText();
  assert.match(text, /住房和城乡建设局|住建局/);
  const due = /3个月 · 第四十四条：(\d{4}-\d{2}-\d{2})/.exec(text)?.[1];
  assert.ok(due, text);
  // three months after assignment (a deadline never falls before the 3 calendar months are over)
  const min = new Date(today); min.setMonth(min.getMonth() + 3);
  assert.ok(due >= min.toISOString().slice(0, 10), `${due} is at least three months after ${today}`);
  // a limit ending in a year whose holiday notice is not loaded (2027 on) is flagged, never silently a weekday count
  if (due >= '2027') assert.match(text, /日历未知/);
  await page().screenshot({ path: 'test-results/accountability-suggestion.png' });
});

test('第八十九条 and 第九十一条: the accountability list counts a department\'s return of a proposal and lists the overdue cases with their article', async () => {
  await page().goto(env.baseUrl + '/accountability');
  await page().getByRole('tab', { name: '问责清单' }).click();
  const list = panel();
  await list.locator('tr').nth(1).waitFor();
  // the demo's 石羊河 proposal was returned by 市水务局 before being reassigned: a return is counted against it
  const unitRow = list.locator('tr', { hasText: '市水务局' }).first();
  const cells = await unitRow.locator('td').allInnerTexts();
  assert.ok(Number(cells[3]) >= 1, `退回 counted for 市水务局: ${cells.join(' | ')}`);
  // overdue cases are listed with the article they breach
  const text = await list.innerText();
  assert.match(text, /逾期/);
  assert.match(text, /第\d+条/);
});
