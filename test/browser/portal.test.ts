// The public portal in the browser: search by Chinese words, open a policy and its interpretation
// (第四十条), see a repealed document (第一百条), and a disclosure request from submission to answer.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startBrowserEnv, loginAs, type BrowserEnv } from './harness.ts';

let env: BrowserEnv;
before(async () => { env = await startBrowserEnv(); });
after(async () => { await env?.close(); });

test('第四十条: the public searches 老旧小区, opens the policy and follows the link to its interpretation and back', async () => {
  const page = env.page;
  await page.goto(env.baseUrl + '/portal');
  await page.getByTestId('home-documents').waitFor();
  await page.getByTestId('portal-search').locator('input').fill('老旧小区改造');
  await page.getByTestId('portal-search').locator('input').press('Enter');
  const results = page.getByTestId('search-results');
  await results.locator('mark').first().waitFor();
  await results.getByRole('link', { name: /城镇老旧小区改造实施方案/ }).first().click();
  await page.getByTestId('interpretations').waitFor();
  assert.match(await page.getByTestId('item-title').innerText(), /老旧小区改造实施方案/);
  await page.getByTestId('interpretations').getByRole('link').first().click();
  await page.getByTestId('interprets').waitFor();
  assert.match(await page.getByTestId('item-body').innerText(), /同意率达到三分之二以上/);
  await page.getByTestId('interprets').getByRole('link').click();
  await page.getByTestId('interpretations').waitFor();
});

test('第一百条: 武政发〔2018〕126号 is shown repealed with a link to 武政发〔2023〕19号 and its full text', async () => {
  const page = env.page;
  await page.goto(env.baseUrl + '/portal/search?q=' + encodeURIComponent('武政发〔2018〕126号'));
  await page.getByTestId('search-results').getByRole('link').first().click();
  await page.getByTestId('superseded').waitFor();
  assert.equal(await page.getByTestId('item-status').innerText(), '已废止');
  await page.getByTestId('superseded').getByRole('link').click();
  await page.getByTestId('item-body').filter({ hasText: '第一百条' }).waitFor();
  assert.equal(await page.getByTestId('item-status').innerText(), '现行有效');
});

test('依申请公开: a request is submitted on the portal, answered by the office with a redaction, and the requester reads the answer with the code', async () => {
  const page = env.page;
  await page.goto(env.baseUrl + '/portal/apply');
  await page.getByTestId('apply-submit').click();
  await page.getByTestId('violations').waitFor();
  assert.match(await page.getByTestId('violations').innerText(), /联系方式/);
  await page.getByTestId('apply-name').fill('周文静');
  await page.getByTestId('apply-identity').fill('620602199203030033');
  await page.getByTestId('apply-phone').fill('0935-2223334');
  await page.getByTestId('apply-description').fill('2025年老旧小区改造项目中标结果');
  await page.getByTestId('apply-submit').click();
  await page.getByTestId('receipt').waitFor();
  const receiptNo = await page.getByTestId('receipt-no').innerText();
  const code = await page.getByTestId('query-code').innerText();

  await loginAs(env, 'office-clerk');
  await page.goto(env.baseUrl + '/openness');
  await page.getByTestId('requests-table').getByText(receiptNo).click();
  await page.getByTestId('request-detail').waitFor();
  await page.getByTestId('answer-type').click();
  await page.locator('.ant-select-item-option').filter({ hasText: '予以公开' }).first().click();
  await page.getByTestId('answer-content').fill('予以公开，联系人电话涉及个人隐私不予公开');
  await page.getByTestId('answer-document').fill('中标单位：某建设公司；项目负责人电话：13800001111');
  await page.getByTestId('answer-redact').fill('13800001111');
  await page.getByTestId('answer-redact-reason').fill('涉及个人隐私');
  await page.getByTestId('answer-submit').click();
  await page.getByTestId('request-status').filter({ hasText: '已答复' }).waitFor();

  await page.context().clearCookies();
  await page.goto(env.baseUrl + '/portal/query');
  await page.getByTestId('query-receipt').fill(receiptNo);
  await page.getByTestId('query-code-input').fill('AAAA-AAAA-AAAA');
  await page.getByTestId('query-submit').click();
  await page.getByText('没有找到该申请').first().waitFor();
  await page.getByTestId('query-code-input').fill(code);
  await page.getByTestId('query-submit').click();
  await page.getByTestId('query-answer').waitFor();
  const released = await page.getByTestId('released-text').innerText();
  assert.ok(!released.includes('13800001111'));
  assert.match(released, /■{11}/);
  assert.equal(await page.getByTestId('query-status').innerText(), '已答复');
  await page.screenshot({ path: 'test-results/portal-request-answered.png' });
});

test('第四十一条: the office records an emergency on the 公开 page — upward report first, then the facts — and the release is on the portal', async () => {
  const page = env.page;
  await loginAs(env, 'office-clerk');
  await page.goto(env.baseUrl + '/openness');
  await page.getByRole('tab', { name: '突发事件信息发布' }).click();
  await page.getByTestId('emergency-title').fill('凉州区金羊镇供水管道爆裂');
  await page.getByTestId('emergency-unit').fill('武威市水务局');
  await page.getByTestId('emergency-submit').click();
  const event = page.getByTestId('emergency-event').filter({ hasText: '金羊镇供水管道爆裂' });
  await event.waitFor();
  // facts before the upward report are refused with 第四十一条
  await event.getByTestId('entry-kind').click();
  await page.locator('.ant-select-item-option').filter({ hasText: '发布事实' }).last().click();
  await event.getByTestId('entry-content').fill('金羊镇部分小区临时停水，抢修队伍已到场。');
  await event.getByTestId('entry-submit').click();
  await event.getByTestId('violations').waitFor();
  assert.match(await event.getByTestId('violations').innerText(), /第四十一条/);
  await event.getByTestId('entry-kind').click();
  await page.locator('.ant-select-item-option').filter({ hasText: '向上级报告' }).last().click();
  await event.getByTestId('entry-reported-to').fill('市委总值班室');
  await event.getByTestId('entry-content').fill('金羊镇主供水管道爆裂，已组织抢修。');
  await event.getByTestId('entry-submit').click();
  await event.getByText('报送：市委总值班室').waitFor();
  await event.getByTestId('entry-kind').click();
  await page.locator('.ant-select-item-option').filter({ hasText: '发布事实' }).last().click();
  await event.getByTestId('entry-content').fill('金羊镇部分小区临时停水，抢修队伍已到场。');
  await event.getByTestId('entry-submit').click();
  await event.getByText('已公开').waitFor();

  await page.context().clearCookies();
  await page.goto(env.baseUrl + '/portal/search?q=' + encodeURIComponent('金羊镇'));
  await page.getByTestId('search-results').getByRole('link', { name: /金羊镇供水管道爆裂/ }).first().waitFor();
  assert.ok(!(await page.getByTestId('search-results').innerText()).includes('已组织抢修'), 'the upward report stays internal');
});
