import { buildServer } from '../../src/http/server.ts';
import { sealAudit } from '../../src/app/audit/chain.ts';
import type { App } from '../../src/http/types.ts';
import type { AppDeps, Clock } from '../../src/app/context.ts';
import type { Config } from '../../src/config.ts';
import { manualClock, openSeededTestDb, openTestDb, testConfig, type TestDb } from './harness.ts';

export interface TestServer {
  app: App;
  deps: AppDeps;
  t: TestDb;
  clock: ReturnType<typeof manualClock>;
  config: Config;
  /** logs in (to the deployment's default government, or the one named) and returns the cookie header */
  login(login: string, password?: string, government?: string): Promise<string>;
  close(): Promise<void>;
}

export const DEMO_PASSWORD = 'Zhengtong@2026';

/** The moment a test server starts at unless the test names another. */
export const DEFAULT_TEST_NOW = '2026-03-02T09:00:00+08:00';

/**
 * The per-address limits for test servers: every request of a test comes from one address, and the
 * campaigns walk every route many times. The limiter's own tests pass the production limits
 * (`config: { rateLimits: loadConfig({}).rateLimits }`).
 */
export const TEST_RATE_LIMITS: Config['rateLimits'] = {
  public_submission: { max: 1_000_000, windowSeconds: 1 },
  public_lookup: { max: 1_000_000, windowSeconds: 1 },
  login: { max: 1_000_000, windowSeconds: 1 },
};

/** A server on a fresh test database with the Wuwei demo loaded, without a listening socket. */
export async function startTestServer(opts: { now?: string; config?: Partial<Config>; seed?: boolean } = {}): Promise<TestServer> {
  const now = opts.now ?? DEFAULT_TEST_NOW;
  const clock = manualClock(now);
  const t = opts.seed === false ? await openTestDb() : await openSeededTestDb(now);
  const deps: AppDeps = { db: t.db, clock: clock as Clock };
  const config = testConfig({ rateLimits: TEST_RATE_LIMITS, ...opts.config });
  const app = await buildServer({ deps, config }, { serveWeb: false });
  await app.ready();
  return {
    app, deps, t, clock, config,
    async login(login, password = DEMO_PASSWORD, government?: string) {
      const r = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { login, password, ...(government ? { government } : {}) } });
      if (r.statusCode !== 200) throw new Error(`login ${login} failed: ${r.statusCode} ${r.body}`);
      const c = r.cookies.find((x) => x.name === 'zt_session');
      return `zt_session=${c!.value}`;
    },
    async close() {
      await app.close();
      await sealAudit(t.db);
      await t.close();
    },
  };
}

/** GET of an API path as a demo user (logged in once per login), asserting 200; the answer's JSON. */
export function getAsUser(s: () => TestServer): (who: string, url: string) => Promise<any> {
  const cookies: Record<string, string> = {};
  return async (who, url) => {
    cookies[who] ??= await s().login(who);
    const r = await s().app.inject({ method: 'GET', url: `/api/v1${url}`, headers: { cookie: cookies[who] } });
    if (r.statusCode !== 200) throw new Error(`${who} ${url}: ${r.statusCode} ${r.body}`);
    return r.json();
  };
}
