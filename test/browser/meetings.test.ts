// The meeting-day page in Chromium: the mayor hosts the scheduled executive meeting of the demo, members
// arrive one by one, the quorum is shown and re-checked per topic (第五十三条), and the personnel item is
// refused below two thirds until one more member arrives.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startBrowserEnv, loginAs, type BrowserEnv } from './harness.ts';
import { manualClock } from '../db/harness.ts';

let env: BrowserEnv;
before(async () => { env = await startBrowserEnv({ clock: manualClock('2026-03-02T09:00:00+08:00') }); });
after(async () => { await env?.close(); });

test('第五十三条: meeting-day page — opens at half, the personnel item waits for two thirds, then the chair decides', async () => {
  const page = env.page;
  await loginAs(env, 'mayor');
  await page.goto(env.baseUrl + '/meetings');
  await page.getByTestId('meetings-page').waitFor();
  await page.getByTestId('view-list').click();
  await page.getByRole('link', { name: '市政府常务会议（待编号）' }).click();
  await page.getByTestId('meeting-day').waitFor();
  await page.getByTestId('present-count').filter({ hasText: '0/8' }).waitFor();

  let n = 0;
  const arrive = async (personId: string) => {
    await page.getByTestId(`arrive-${personId}`).click();
    n += 1;
    await page.getByTestId('present-count').filter({ hasText: `${n}/8` }).waitFor();
  };
  for (const p of ['person-mayor', 'person-sg', 'person-vmayor1']) await arrive(p);
  assert.equal(await page.getByTestId('meeting-quorum').locator('[data-met="false"]').count(), 1, '3 of 8 is below half');
  await page.getByTestId('open-meeting').click();
  await page.getByTestId('violations').waitFor();
  assert.match(await page.getByTestId('violations').innerText(), /第五十三条.*应到4人，实到3人/);

  await arrive('person-vmayor-exec');
  await page.getByTestId('meeting-quorum').locator('[data-met="true"]').waitFor();
  await page.getByTestId('open-meeting').click();
  await page.getByTestId('meeting-title').filter({ hasText: '市政府第2次常务会议' }).waitFor();

  await arrive('person-vmayor2');
  const personnel = page.getByTestId('topic-quorum-2');
  assert.equal(await personnel.locator('[data-met="false"]').count(), 1, '5 of 8 is below two thirds');
  await page.getByTestId('decision-text-2').fill('同意上述人事任免事项。');
  await page.getByTestId('decide-2').click();
  await page.getByTestId('violations').waitFor();
  assert.match(await page.getByTestId('violations').innerText(), /三分之二以上.*应到6人，实到5人/);

  await arrive('person-vmayor3');
  await personnel.locator('[data-met="false"]').waitFor({ state: 'detached' });
  await page.getByTestId('decision-text-2').fill('同意上述人事任免事项。');
  await page.getByTestId('decide-2').click();
  const decision = page.getByTestId('decision-2');
  await decision.waitFor();
  assert.match(await decision.innerText(), /同意：同意上述人事任免事项。/);
  assert.match(await decision.innerText(), /林向东/);
  await page.screenshot({ path: 'test-results/meeting-day.png', fullPage: true });
});
