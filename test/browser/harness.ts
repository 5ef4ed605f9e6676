// Browser tests: a real 政通 server on a free port (fresh embedded database with the Wuwei demo) and
// Debian's Chromium driven by playwright-core.
import { chromium, type Browser, type Page } from 'playwright-core';
import { existsSync } from 'node:fs';
import { buildServer } from '../../src/http/server.ts';
import { startRuntime } from '../../src/app/runtime.ts';
import { testConfig } from '../db/harness.ts';
import type { Clock } from '../../src/app/context.ts';
import type { Config } from '../../src/config.ts';
import { ensureWebBuilt } from '../../src/cli/web-build.ts';

export const DEMO_PASSWORD = 'Zhengtong@2026';

export interface BrowserEnv {
  browser: Browser;
  page: Page;
  baseUrl: string;
  close(): Promise<void>;
}

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export async function startBrowserEnv(opts: { clock?: Clock; config?: Partial<Config> } = {}): Promise<BrowserEnv> {
  if (!existsSync(CHROMIUM)) throw new Error(`找不到 Chromium：${CHROMIUM}（apt-get install chromium fonts-noto-cjk）`);
  await ensureWebBuilt({ out: () => {}, err: (m) => console.error(m) });
  const rt = await startRuntime({
    db: process.env.DATABASE_URL ? { url: process.env.DATABASE_URL } : { dataDir: 'memory://' },
    clock: opts.clock,
  });
  const app = await buildServer({ deps: rt.deps, config: testConfig(opts.config) }, { serveWeb: true });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const addr = app.server.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
  const page = await browser.newPage({ locale: 'zh-CN', viewport: { width: 1400, height: 900 } });
  return {
    browser, page, baseUrl: `http://127.0.0.1:${port}`,
    async close() {
      await browser.close();
      await app.close();
      await rt.stop();
    },
  };
}

/** Logs in through the login form. */
export async function loginAs(env: BrowserEnv, login: string, password = DEMO_PASSWORD): Promise<void> {
  await env.page.goto(env.baseUrl + '/');
  await env.page.getByTestId('login').fill(login);
  await env.page.getByTestId('password').fill(password);
  await env.page.getByTestId('submit').click();
  await env.page.getByTestId('current-user').waitFor();
}
