// The 公文 section in the browser: one incoming 请示 walked from 登记 to 办结 by the people whose turn it is
// (office clerk → vice mayor in charge → department clerk → office clerk), and the 第六十二条 refusal of a
// 请示 with two matters shown inline in the 登记 form before anything is submitted.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startBrowserEnv, loginAs, type BrowserEnv } from './harness.ts';

let env: BrowserEnv;
before(async () => { env = await startBrowserEnv(); });
after(async () => { await env?.close(); });

const TITLE = '民勤县人民政府关于申请县第三中学教学楼抗震加固补助资金的请示';

async function switchTo(login: string) {
  await env.page.context().clearCookies();
  await loginAs(env, login);
}
async function pick(label: string, text: string) {
  const box = env.page.getByLabel(label, { exact: true });
  await box.click();
  await box.fill(text);
  await env.page.locator('.ant-select-item-option').filter({ hasText: text }).first().click();
}

test('第六十二条 and 第六十八条–第七十三条: a 请示 walked from 登记 to 办结 through the UI; two matters are refused inline first', async () => {
  const page = env.page;
  await loginAs(env, 'office-clerk');
  await page.goto(env.baseUrl + '/documents/new-incoming');
  await page.getByTestId('new-incoming-page').waitFor();
  await pick('来文单位', '民勤县人民政府');
  await page.getByTestId('in-title').fill(TITLE);
  await page.getByTestId('in-matters').fill('申请教学楼抗震加固补助资金\n申请增加教师编制');
  const preview = page.getByTestId('intake-preview');
  await preview.filter({ hasText: '第六十二条' }).waitFor();
  assert.match(await preview.innerText(), /一文一事|一个事项|一事/);
  await page.getByTestId('in-matters').fill('申请教学楼抗震加固补助资金');
  await preview.filter({ hasText: '符合初审要求' }).waitFor();
  await page.getByTestId('in-submit').click();

  // 登记 → 初审 → 拟办 by the office
  await page.getByTestId('document-page').waitFor();
  await page.getByTestId('doc-state').filter({ hasText: '已登记' }).waitFor();
  const url = page.url();
  await page.getByTestId('intake-check').waitFor();
  await page.getByTestId('do-intake-pass').click();
  await page.getByTestId('doc-state').filter({ hasText: '初审通过' }).waitFor();
  await page.getByTestId('proposal-text').fill('建议请王雅琴副市长阅处，市教育局核实后提出资金安排意见');
  await pick('牵头部门', '市教育局');
  await page.getByTestId('proposal-duties').fill('市教育局核实抗震鉴定结论，提出资金安排意见');
  await page.getByTestId('do-propose').click();
  await page.getByTestId('doc-state').filter({ hasText: '批办中' }).waitFor();
  assert.match(await page.getByTestId('steps').innerText(), /王雅琴/);

  // 批办 by the vice mayor in charge, from her 工作台
  await switchTo('vmayor3');
  await page.getByTestId('todos').getByText(TITLE).click();
  await page.getByTestId('instruction-text').fill('请市教育局3个工作日内提出意见');
  await page.getByTestId('instruct').click();
  await page.getByTestId('doc-state').filter({ hasText: '承办中' }).waitFor();
  assert.match(await page.getByTestId('assignments').innerText(), /第七十三条/);

  // 承办 by the department's clerk
  await switchTo('jyj-clerk');
  assert.match(await page.getByTestId('todos').innerText(), /承办（牵头）/);
  await page.goto(url);
  await page.getByTestId('report-text').fill('经核实，建议安排抗震加固补助资金80万元');
  await page.getByTestId('do-report').click();
  await page.getByTestId('assignments').filter({ hasText: '已办结' }).waitFor();

  // 办结 by the office
  await switchTo('office-clerk');
  await page.goto(url);
  await page.getByTestId('close-reply').fill('已函复民勤县人民政府，同意安排补助资金');
  await page.getByTestId('do-close').click();
  await page.getByTestId('doc-state').filter({ hasText: '已办结' }).waitFor();
  const trail = await page.getByTestId('trail').innerText();
  for (const s of ['登记', '初审通过', '拟办意见', '阅处', '交办承办', '报告办理结果', '办结', '第六十八条', '第七十三条']) assert.ok(trail.includes(s), s);
  await page.screenshot({ path: 'test-results/documents-closed.png', fullPage: true });
});

test('role views: the mayor sees his own to-dos; the registers list incoming and outgoing documents with deadline states', async () => {
  const page = env.page;
  await switchTo('office-clerk');
  await page.goto(env.baseUrl + '/documents');
  await page.getByTestId('register-incoming').waitFor();
  await page.getByTestId('register-incoming').getByTestId('deadline-tag').first().waitFor();
  const incoming = await page.getByTestId('register-incoming').innerText();
  assert.match(incoming, /已逾期/);
  await page.getByRole('tab', { name: '发文登记簿' }).click();
  await page.getByTestId('register-outgoing').getByText(/武政发〔\d{4}〕\d+号/).first().waitFor();
  await switchTo('mayor');
  const todos = await page.getByTestId('todos').innerText();
  assert.match(todos, /阅批/);
  assert.match(todos, /紧急医学救援基地/);
});
