import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startBrowserEnv, loginAs, type BrowserEnv } from './harness.ts';

let env: BrowserEnv;
before(async () => { env = await startBrowserEnv(); });
after(async () => { await env?.close(); });

test('organisation browser: an office clerk logs in and sees units, 分管, AB岗 and who acts for whom today (第十一条)', async () => {
  await loginAs(env, 'office-clerk');
  await env.page.getByRole('menuitem', { name: '组织机构' }).click();
  await env.page.getByTestId('org-page').waitFor();
  const board = env.page.getByTestId('acting-board');
  await board.waitFor();
  const text = await board.innerText();
  assert.match(text, /市长/);
  assert.match(text, /常务副市长/);
  // the demo always has one vice mayor away, covered by the AB岗 partner (our reading of 第十一条)
  assert.match(text, /AB岗/);
  assert.match(text, /第十一条/);
  await env.page.screenshot({ path: 'test-results/org-browser.png', fullPage: false });
  await env.page.getByRole('tab', { name: '分管与AB岗' }).click();
  await env.page.getByTestId('portfolios').waitFor();
  assert.match(await env.page.getByTestId('backup-pairs').innerText(), /副市长/);
  await env.page.getByRole('tab', { name: '单位' }).click();
  await env.page.getByText('武威市发展和改革委员会').first().waitFor();
});
