import { loadConfig } from '../config.ts';
import { openDb, type Db } from '../store/db.ts';
import { buildServer } from './server.ts';
import { systemClock } from '../app/context.ts';

/**
 * The OpenAPI document of every route (committed as docs/openapi.json; a test keeps it current). The
 * server is built on `on` when given (left open), else on a fresh in-memory database.
 */
export async function generateOpenApi(on?: Db): Promise<unknown> {
  const db = on ?? await openDb({ dataDir: 'memory://' });
  try {
    const app = await buildServer({ deps: { db, clock: systemClock }, config: loadConfig({}) }, { serveWeb: false });
    await app.ready();
    const spec = app.swagger();
    await app.close();
    return spec;
  } finally {
    if (!on) await db.close();
  }
}
