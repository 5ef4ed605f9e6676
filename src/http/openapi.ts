import { loadConfig } from '../config.ts';
import { openDb } from '../store/db.ts';
import { buildServer } from './server.ts';
import { systemClock } from '../app/context.ts';

/** The OpenAPI document of every route (committed as docs/openapi.json; a test keeps it current). */
export async function generateOpenApi(): Promise<unknown> {
  const db = await openDb({ dataDir: 'memory://' });
  try {
    const app = await buildServer({ deps: { db, clock: systemClock }, config: loadConfig({}) }, { serveWeb: false });
    await app.ready();
    const spec = app.swagger();
    await app.close();
    return spec;
  } finally {
    await db.close();
  }
}
