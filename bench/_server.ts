// The server as `zhengtong serve --no-web` starts it, run from the TypeScript sources through tsx
// (`startServer(env, { script: 'bench/_server.ts' })`). By default the benchmarks and the reliability
// tests start bin/zhengtong.mjs instead, as `npm start` does. Prints "listening <port>" when ready.
import { main } from '../src/cli/main.ts';

process.exitCode = await main(['serve', '--no-web']);
