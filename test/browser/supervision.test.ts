// Browser tests of the supervision and leaders sections on the Wuwei demo (dates in the demo are relative
// to the day it is loaded, so the deadline states below hold on any day).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startBrowserEnv, loginAs, type BrowserEnv } from './harness.ts';

let env: BrowserEnv;
before(async () => {
  env = await startBrowserEnv();
  await loginAs(env, 'office-clerk');
});
after(async () => { await env?.close(); });

const rowOf = (title: string) => env.page.getByTestId('supervision-board').locator('tr', { hasText: title });

test('第八十六条: the supervision board shows the demo items with their deadline state, lead department and who handles them today; a duplicate supervision is refused with the article', async () => {
  const { page } = env;
  await page.goto(env.baseUrl + '/supervision');
  await page.getByTestId('supervision-board').getByText('城区停车难问题整治督查').waitFor();

  const overdue = rowOf('城区停车难问题整治督查');
  assert.equal(await overdue.getByTestId('deadline-tag').getAttribute('data-state'), 'overdue');
  assert.match(await overdue.innerText(), /已逾期/);
  assert.match(await overdue.innerText(), /市住建局/);
  assert.match(await overdue.innerText(), /应催办：分管市领导/);

  const soon = rowOf('春耕备耕农资保障情况督查');
  assert.equal(await soon.getByTestId('deadline-tag').getAttribute('data-state'), 'due_soon');
  // 副市长马志远 is away in the demo: his AB partner handles the item (第十一条, our reading)
  assert.match(await soon.getByTestId('handler').innerText(), /王雅琴\s*AB岗代理/);

  assert.match(await rowOf('安全生产重大事故隐患排查整治暗访').innerText(), /暗访式督查/);
  assert.match(await rowOf('2025年度市级预算执行审计发现问题整改').innerText(), /经市政府指定/);
  assert.equal(await rowOf('冬春季道路交通安全整治督查').getByTestId('deadline-tag').getAttribute('data-state'), 'closed');

  // open a second supervision of the matter the 停车难 item already supervises (the mayor's instruction)
  await page.getByRole('tab', { name: '批示台账' }).click();
  const instr = page.getByTestId('instruction-register').locator('tr', { hasText: '市长关于解决城区停车难问题的批示' });
  await instr.getByTestId('supervise').click();
  await page.getByTestId('open-item-form').waitFor();
  const before = await page.getByTestId('supervision-board').locator('tr.item-row').count();
  await page.getByTestId('submit-item').click();
  const refusal = page.getByTestId('open-item-form').locator('.ant-alert-error');
  await refusal.waitFor();
  const text = await refusal.innerText();
  assert.match(text, /依据第八十六条/);
  assert.match(text, /严禁重复督查/);
  assert.match(text, /城区停车难问题整治督查/);
  await page.screenshot({ path: 'test-results/supervision-duplicate.png' });
  await page.getByRole('button', { name: '取 消' }).or(page.getByRole('button', { name: '取消' })).first().click();
  assert.equal(await page.getByTestId('supervision-board').locator('tr.item-row').count(), before);
});

test('第八十四条 and 第五十条: the loop view shows the stages done and missing; an item shows its trail from the audit record', async () => {
  const { page } = env;
  await page.goto(env.baseUrl + '/supervision');
  await page.getByRole('tab', { name: '批示台账' }).click();
  const gs = page.getByTestId('instruction-register').locator('tr', { hasText: '关于黄河流域生态保护和高质量发展' });
  assert.match(await gs.getByTestId('missing').innerText(), /调研督查、现场核实/);
  await gs.getByTestId('instruction-link').click();
  await page.getByTestId('loop-stages').waitFor();
  assert.match(await page.getByTestId('loop-stages').innerText(), /学习传达[\s\S]*佐证[\s\S]*现场核实[\s\S]*尚未登记/);
  await page.getByTestId('close-instruction').click();
  const refusal = page.getByTestId('instruction-detail').locator('.ant-alert-error');
  await refusal.waitFor();
  assert.equal(await refusal.getByTestId('violations').locator('li').count(), 2);
  assert.match(await refusal.innerText(), /第八十四条/);

  await page.goto(env.baseUrl + '/supervision');
  await rowOf('2025年度市级预算执行审计发现问题整改').getByTestId('item-link').click();
  const trail = page.getByTestId('item-trail');
  await trail.waitFor();
  const t = await trail.innerText();
  assert.match(t, /立项/);
  assert.match(t, /形成结论|推进环节/);
  assert.match(t, /第八十六条/);
  assert.match(t, /第四十五条/);
});

test('第五十条 and 第九十三条: the performance dashboard charts on-time rates by department in name order and drills down to the items', async () => {
  const { page } = env;
  await page.goto(env.baseUrl + '/supervision');
  await page.getByRole('tab', { name: '绩效分析' }).click();
  const table = page.getByTestId('performance-table');
  await table.locator('tbody tr').first().waitFor();
  assert.ok(await page.getByTestId('performance').locator('canvas').count() >= 1, 'the ECharts chart is drawn');
  assert.match(await page.getByTestId('performance').innerText(), /不作排名/);
  await table.locator('tr', { hasText: '市住建局' }).click();
  const drill = page.getByTestId('drill-down');
  await drill.waitFor();
  assert.match(await drill.innerText(), /城区停车难问题整治督查/);
});

test('第八十条 and 第九十六条: the duty roster flags its gaps and the research tracker shows days against the minimum', async () => {
  const { page } = env;
  await page.goto(env.baseUrl + '/leaders');
  await page.getByRole('tab', { name: '24小时值班' }).click();
  const gaps = page.getByTestId('duty-gaps');
  await gaps.waitFor();
  assert.match(await gaps.innerText(), /第八十条[\s\S]*3 处空档/);
  assert.match(await gaps.innerText(), /市统计局.*0:00—24:00 无人值班/);
  await page.getByRole('tab', { name: '基层调研' }).click();
  const tracker = page.getByTestId('research-tracker');
  await tracker.locator('tr', { hasText: '孙建华' }).waitFor();
  assert.match(await tracker.locator('tr', { hasText: '孙建华' }).innerText(), /\/ 60 天/);
  await page.getByRole('tab', { name: '外出报备' }).click();
  const trips = page.getByTestId('trip-list');
  await trips.locator('tr', { hasText: '马志远' }).first().waitFor();
  assert.match(await trips.locator('tr', { hasText: '马志远' }).first().innerText(), /AB岗代理/);
  await page.screenshot({ path: 'test-results/leaders-trips.png' });
});
