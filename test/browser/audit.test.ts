// 安全审计 in the browser, under the Content-Security-Policy of every response: the page works and the
// browser reports no policy violation (antd's run-time styles, the vite bundle, the workbook download).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startBrowserEnv, loginAs, type BrowserEnv } from './harness.ts';

let env: BrowserEnv;
const violations: string[] = [];
before(async () => {
  env = await startBrowserEnv();
  env.page.on('console', (m) => { if (/Content Security Policy|Refused to/i.test(m.text())) violations.push(m.text()); });
});
after(async () => { await env?.close(); });

test('安全审计 (GB/T 22239 8.1.4.3) in the browser: search by action, export to Excel, verify the chain — with no CSP violation', async () => {
  // 三员分立: the audit is the 安全审计员's
  await loginAs(env, 'auditor');
  await env.page.goto(env.baseUrl + '/admin/audit');
  const search = env.page.getByTestId('audit-search');
  await search.getByPlaceholder('如 document. 或 auth.login').fill('auth.login');
  await env.page.getByTestId('audit-search-submit').click();
  await search.locator('td', { hasText: 'auth.login' }).first().waitFor();
  const download = env.page.waitForEvent('download');
  await env.page.getByTestId('audit-export').click();
  assert.match((await download).suggestedFilename(), /^审计记录-.*\.xlsx$/);
  await env.page.getByTestId('audit-verify').click();
  await env.page.getByText(/审计链完整：已校验 \d+ 条记录/).waitFor();
  await env.page.screenshot({ path: 'test-results/audit-page.png' });
  assert.deepEqual(violations, []);
});
