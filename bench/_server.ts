// The server as `zhengtong serve` starts it, without the web UI build step: for benchmarks and the
// reliability tests, which start and kill it as a separate process. Prints "listening <port>" when ready.
import { loadConfig } from '../src/config.ts';
import { startRuntime } from '../src/app/runtime.ts';
import { clockFromEnv } from '../src/app/context.ts';
import { buildServer } from '../src/http/server.ts';

const config = loadConfig();
const rt = await startRuntime({ clock: clockFromEnv(), tenant: config.tenant, background: process.env.ZHENGTONG_BACKGROUND !== 'false' });
const app = await buildServer({ deps: rt.deps, config }, { serveWeb: false });
await app.listen({ port: config.port, host: config.host });
process.stdout.write(`listening ${(app.server.address() as any).port}\n`);
const shutdown = async () => { await app.close(); await rt.stop(); process.exit(0); };
process.once('SIGINT', shutdown);
process.once('SIGTERM', shutdown);
