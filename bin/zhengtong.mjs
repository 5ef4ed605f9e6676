#!/usr/bin/env node
// 政通 command-line entry. Runs the precompiled server (dist/, built by scripts/build-server.mjs) while
// it is up to date with the TypeScript sources; otherwise `serve` rebuilds it first, and every other
// command (or a failed build) runs the sources through tsx.
//   ZHENGTONG_PRECOMPILED=false   always run the sources through tsx
import { freshBundle } from './bundle.mjs';

const argv = process.argv.slice(2);
let entry = process.env.ZHENGTONG_PRECOMPILED === 'false' ? null : freshBundle();
if (!entry && argv[0] === 'serve' && process.env.ZHENGTONG_PRECOMPILED !== 'false') {
  try {
    const { buildServerBundle } = await import('../scripts/build-server.mjs');
    process.stdout.write('正在预编译服务端……\n');
    entry = await buildServerBundle({ quiet: true });
  } catch (err) {
    process.stderr.write(`服务端预编译失败，改为直接运行源代码：${err?.message ?? err}\n`);
  }
}
let main;
if (entry) {
  ({ main } = await import(entry));
} else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../src/cli/main.ts'));
}
process.exitCode = await main(argv);
