import { openDb, dbConfigFromEnv, type Db, type DbConfig } from '../store/db.ts';
import { migrate } from '../store/migrate.ts';
import { startSealer } from './audit/chain.ts';
import { clockFromEnv, type AppDeps, type Clock } from './context.ts';
import { seedDemo } from './seed.ts';
import { keyRing } from '../crypto/keys.ts';
import { resealPersonalData } from './privacy/personal-data.ts';
import { knowAllTenants } from './tenancy/registry.ts';
import { startBackground } from './background.ts';
import { getOrg } from './org/usecases.ts';
import { queryTokens } from './search/tokenizer.ts';
import { Bulkhead } from './ops/bulkhead.ts';
import { loadConfig } from '../config.ts';

export interface Runtime {
  deps: AppDeps;
  db: Db;
  stop(): Promise<void>;
}

/**
 * Opens the database, applies migrations, loads the demo on first start and starts the background
 * work (the audit sealer, and the timers of every context). Used by the server and the tests alike.
 */
export async function startRuntime(opts: {
  db?: DbConfig; clock?: Clock; tenant?: string; seed?: boolean; background?: boolean;
} = {}): Promise<Runtime & { seeded: boolean }> {
  const db = await openDb(opts.db ?? dbConfigFromEnv());
  try {
    await migrate(db);
  } catch (err) {
    await db.close();
    throw err;
  }
  const heavy = loadConfig().heavyReads;
  const deps: AppDeps = { db, clock: opts.clock ?? clockFromEnv(), heavyReads: new Bulkhead(heavy.slots, heavy.maxWaitMs) };
  // personal data written in clear before, or under a key rotated out since, is sealed under the current key
  await resealPersonalData(db, keyRing());
  const seeded = opts.seed === false ? false : await seedDemo(deps, opts.tenant ?? 'wuwei');
  await knowAllTenants(db);
  const sealer = startSealer(db, { onError: (e) => console.error('审计封存失败', e) });
  deps.onAudit = sealer.wake;
  const bg = opts.background === false ? null : await startBackground(deps);
  return {
    deps, db, seeded,
    async stop() {
      await bg?.stop();
      await sealer.stop();
      await db.close();
    },
  };
}

/**
 * Pays a server's one-time costs before it takes requests (`zhengtong serve`), so that the first
 * request after a start or a deploy is as fast as the next: the word segmenter with its dictionary (first
 * search or document indexed: ≈120 ms) and each government's organisation (first to-do list: ≈40 ms).
 */
export async function warmUp(deps: AppDeps): Promise<void> {
  queryTokens('武威市人民政府工作规则', 8);
  const { rows } = await deps.db.query<{ id: string }>('SELECT id FROM tenants ORDER BY id');
  for (const r of rows) await getOrg(deps, r.id).catch(() => undefined);
}
