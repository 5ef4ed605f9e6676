import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startBrowserEnv, loginAs, type BrowserEnv } from './harness.ts';

let env: BrowserEnv;
before(async () => { env = await startBrowserEnv(); });
after(async () => { await env?.close(); });

test('calendar admin: 2026 shows the 国庆 days off and the 2026-10-10 makeup working day with its notice', async () => {
  await loginAs(env, 'admin');
  await env.page.goto(env.baseUrl + '/admin/calendar');
  await env.page.getByTestId('calendar-page').waitFor();
  await env.page.getByText('2026', { exact: true }).first().click();
  await env.page.getByTestId('day-2026-10-01').waitFor();
  assert.equal(await env.page.getByTestId('day-2026-10-01').getAttribute('data-kind'), 'off');
  assert.equal(await env.page.getByTestId('day-2026-10-10').getAttribute('data-kind'), 'makeup');
  assert.equal(await env.page.getByTestId('day-2026-10-12').getAttribute('data-kind'), 'workday');
  assert.match(await env.page.getByTestId('calendar-page').innerText(), /国办发明电〔2025〕7号/);
  await env.page.screenshot({ path: 'test-results/calendar-2026.png' });
});

test('calendar admin: a year with no arrangement loaded says so instead of passing for plain weekdays', async () => {
  await env.page.getByText('2027（未加载）').first().click();
  await env.page.getByTestId('year-unknown').waitFor();
  assert.match(await env.page.getByTestId('year-unknown').innerText(), /2027 年的节假日安排尚未加载/);
});
