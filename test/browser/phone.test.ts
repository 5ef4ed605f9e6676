// The phone layout (390 px wide, one hand): the 工作台, a document's page with its next step, a meeting's
// page, the 消息 page and the portal fit the width — nothing scrolls sideways — and the menu opens from the header.
// Screenshots of each page go to test-results/phone-*.png.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startBrowserEnv, loginAs, type BrowserEnv } from './harness.ts';

let env: BrowserEnv;
before(async () => {
  env = await startBrowserEnv();
  await env.page.setViewportSize({ width: 390, height: 844 });
});
after(async () => { await env?.close(); });

const page = () => env.page;
const api = (url: string) => page().evaluate(async (u) => (await fetch(`/api/v1${u}`)).json(), url);

/** The page is as wide as the screen: the document does not scroll sideways. */
async function fitsWidth(name: string) {
  await page().waitForLoadState('networkidle');
  // the settled page: the menu drawer closed, transitions ended (measured for up to 3 s)
  await page().locator('.ant-drawer-content-wrapper').waitFor({ state: 'hidden' }).catch(() => {});
  const measure = () => page().evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
  let { scroll, client } = await measure();
  for (let i = 0; i < 15 && scroll > client; i++) {
    await page().waitForTimeout(200);
    ({ scroll, client } = await measure());
  }
  await page().screenshot({ path: `test-results/phone-${name}.png`, fullPage: true });
  const wide = scroll <= client ? [] : await page().evaluate((w) => [...document.querySelectorAll('body *')]
    .filter((e) => e.getBoundingClientRect().right > w + 1)
    .slice(0, 6).map((e) => `${e.tagName.toLowerCase()}.${String(e.className).slice(0, 50)} → ${Math.round(e.getBoundingClientRect().right)}`), client);
  assert.ok(scroll <= client, `${name}: ${scroll} px wide on a ${client} px screen: ${wide.join('; ')}`);
  // every button outside a table lies on the screen, reachable without scrolling sideways
  const off = await page().evaluate((w) => [...document.querySelectorAll('button')]
    .filter((b) => b.offsetParent !== null && !b.closest('.ant-table-wrapper, .ant-drawer'))
    .filter((b) => { const r = b.getBoundingClientRect(); return r.left < 0 || r.right > w; })
    .map((b) => b.innerText.trim() || b.getAttribute('aria-label')), client);
  assert.deepEqual(off, [], `${name}: buttons off the screen`);
}

test('phone layout: the 工作台 fits 390 px and the menu opens from the header', async () => {
  await loginAs(env, 'office-clerk');
  await fitsWidth('workbench');
  assert.equal(await page().getByRole('menuitem', { name: '公文' }).count(), 0, 'the menu is folded away');
  await page().getByTestId('menu-toggle').click();
  await page().getByRole('menuitem', { name: '公文' }).first().click();
  await page().waitForURL(/\/documents$/);
  await fitsWidth('documents');
});

test('phone layout: a document\'s page with its next step, and a meeting\'s page, fit 390 px', async () => {
  // an outgoing document: in progress it offers its next step, issued its outputs — a button either way
  // (a closed incoming one has nothing left to do, so it is not the page to check)
  const { documents } = await api('/documents?flow=outgoing&limit=20');
  assert.ok(documents.length > 0, 'the demo register has outgoing documents');
  const doc = documents.find((d: any) => !['issued', 'distributed'].includes(d.state)) ?? documents[0];
  await page().goto(`${env.baseUrl}/documents/${doc.id}`);
  await page().getByText(doc.title).first().waitFor();
  await fitsWidth('document');
  const action = page().locator('main button, .ant-layout-content button').first();
  await action.waitFor({ timeout: 15_000 }).catch(() => {});
  assert.ok(await action.count() > 0, 'the document page offers an action');
  const { meetings } = await api('/meetings');
  const m = (meetings ?? [])[0];
  if (m) {
    await page().goto(`${env.baseUrl}/meetings/m/${m.id}`);
    await fitsWidth('meeting');
  }
});

test('phone layout: the bell in the header opens the 消息 page, which fits 390 px', async () => {
  await page().goto(env.baseUrl + '/');
  await page().getByTestId('bell').click();
  await page().waitForURL(/\/notifications$/);
  await page().getByTestId('read-all').waitFor();
  await fitsWidth('notifications');
});

test('phone layout: the public portal fits 390 px', async () => {
  await page().goto(`${env.baseUrl}/portal`);
  await fitsWidth('portal');
});
