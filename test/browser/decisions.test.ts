// Browser tests of the 决策与立法 section on the Wuwei demo: the statutory procedures of a major decision
// (第三十一条) and the checks before a normative document is issued (第二十七条, 第二十八条).
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
const rowOf = (title: string) => page().getByTestId('decisions-page').locator('tr', { hasText: title }).first();
const modal = () => page().getByRole('dialog');
/** submits the open form and waits for it to close; a refusal fails the test with its text */
async function submitAccepted() {
  await modal().getByRole('button', { name: /提\s*交/ }).click();
  const refusal = modal().locator('.ant-alert-error');
  await Promise.race([modal().waitFor({ state: 'hidden' }), refusal.waitFor()]);
  if (await refusal.isVisible()) assert.fail(`refused: ${await refusal.innerText()}`);
}

test('第三十一条: a major decision missing statutory procedures shows them, and deciding it is refused listing every missing procedure', async () => {
  await page().goto(env.baseUrl + '/decisions');
  const row = rowOf('全市义务教育学校布局调整方案');
  await row.waitFor();
  const missing = await row.innerText();
  // the demo recorded 公众参与 and 风险评估 only: 专家论证, 合法性审查, 集体讨论决定 are missing
  assert.match(missing, /专家论证/);
  assert.match(missing, /合法性审查/);
  assert.match(missing, /集体讨论决定/);
  assert.doesNotMatch(missing, /齐全/);
  // the complete decision of the demo is marked complete
  assert.match(await rowOf('武威市2026年市级重点项目投资计划').innerText(), /齐全/);

  await row.getByRole('button', { name: /作出决定/ }).click();
  await modal().waitFor();
  await modal().locator('textarea').first().fill('同意按方案调整学校布局。');
  await modal().getByRole('button', { name: /提\s*交/ }).click();
  const refusal = modal().locator('.ant-alert-error');
  await refusal.waitFor();
  const text = await refusal.innerText();
  assert.match(text, /第三十一条/);
  const violations = await refusal.getByTestId('violations').locator('li').allInnerTexts();
  assert.ok(violations.length >= 3, `every missing procedure is listed: ${violations.join(' | ')}`);
  assert.ok(violations.some((v) => /专家论证/.test(v)));
  assert.ok(violations.some((v) => /合法性审查/.test(v)));
  await page().screenshot({ path: 'test-results/decisions-major-refused.png' });
  await modal().getByRole('button', { name: /取\s*消/ }).click();
  // nothing changed: still a draft with the same procedures missing
  assert.match(await rowOf('全市义务教育学校布局调整方案').innerText(), /草案/);
});

test('第二十七条 to 第二十九条: issuing a flawed normative document is refused listing every violated rule at once; recording the legality review removes only that one', async () => {
  await page().goto(env.baseUrl + '/decisions');
  await page().getByRole('tab', { name: '行政规范性文件' }).click();
  const title = '武威市预付式消费管理若干规定（征求意见稿）';
  const row = rowOf(title);
  await row.waitFor();
  assert.match(await row.innerText(), /未审查/);
  assert.match(await row.innerText(), /市商务局（未听取意见）/);

  const tryIssue = async () => {
    await rowOf(title).getByRole('button', { name: /^印\s*发$/ }).click();
    await modal().waitFor();
    await modal().locator('input').first().fill('武市监发〔2026〕5号');
    await modal().getByRole('button', { name: /提\s*交/ }).click();
    const refusal = modal().locator('.ant-alert-error');
    await refusal.waitFor();
    const items = await refusal.getByTestId('violations').locator('li').allInnerTexts();
    await modal().getByRole('button', { name: /取\s*消/ }).click();
    return items;
  };
  const first = await tryIssue();
  const has = (items: string[], re: RegExp) => items.some((v) => re.test(v));
  assert.ok(has(first, /第二十七条.*合法性审查/), first.join(' | '));
  assert.ok(has(first, /第二十八条.*不得由一个部门单独制定/), first.join(' | '));
  assert.ok(has(first, /第二十八条.*听取市商务局的意见/), first.join(' | '));
  assert.ok(has(first, /第二十九条.*不得设定行政处罚/), first.join(' | '));
  await page().screenshot({ path: 'test-results/decisions-normative-refused.png' });

  // record the legality review: the row shows it, and the refusal no longer lists 第二十七条
  await rowOf(title).getByRole('button', { name: /合法性审查/ }).click();
  await modal().waitFor();
  await modal().locator('textarea').first().fill('经审查，行政处罚条款应删除。');
  await submitAccepted();
  await page().waitForFunction((t) => {
    const tr = [...document.querySelectorAll('tr')].find((r) => r.textContent?.includes(t));
    return !!tr && !tr.textContent!.includes('未审查');
  }, title);
  const second = await tryIssue();
  assert.ok(!has(second, /第二十七条/), second.join(' | '));
  assert.equal(second.length, first.length - 1);
  assert.match(await rowOf(title).innerText(), /草案/);
});
