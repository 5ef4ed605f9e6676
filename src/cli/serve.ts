// `zhengtong serve`: migrates, loads the demo on first start, serves the API and the web UI.
//   --no-web   neither build nor serve the web UI (benchmarks and reliability tests start the server
//              this way as a separate process and wait for the line "listening <port>")
//   --demo     the demo (`npm start`): the demo's accounts may be used with their published password
//              without the change at the first sign-in, unless ZHENGTONG_DEMO_SKIP_PASSWORD_CHANGE=false
import { loadConfig } from '../config.ts';
import { clockFromEnv } from '../app/context.ts';
import { demoLogins } from '../app/seed.ts';
import { startRuntime, warmUp } from '../app/runtime.ts';
import { ROLES } from '../app/auth/roles.ts';
import { buildServer } from '../http/server.ts';
import { keyRing } from '../crypto/keys.ts';

type Out = { out: (s: string) => void; err: (s: string) => void };

export async function serve(args: string[], io: Out): Promise<number> {
  const web = !args.includes('--no-web');
  const config = loadConfig();
  if (args.includes('--demo') && process.env.ZHENGTONG_DEMO_SKIP_PASSWORD_CHANGE !== 'false') config.demoSkipPasswordChange = true;
  if (web) {
    const { ensureWebBuilt } = await import('./web-build.ts');
    await ensureWebBuilt(io);
  }
  const rt = await startRuntime({ clock: clockFromEnv(), tenant: config.tenant, background: process.env.ZHENGTONG_BACKGROUND !== 'false' });
  const app = await buildServer({ deps: rt.deps, config }, { logger: process.env.ZHENGTONG_LOG === 'true', ...(web ? {} : { serveWeb: false }) });
  await warmUp(rt.deps);
  await app.listen({ port: config.port, host: config.host });
  const port = (app.server.address() as { port: number } | null)?.port ?? config.port;
  const shutdown = async () => {
    await app.close();
    await rt.stop();
    process.exit(0);
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
  if (!web) {
    io.out(`listening ${port}`);
  } else {
    const where = rt.db.kind === 'postgres' ? 'PostgreSQL 服务器 (DATABASE_URL)' : `嵌入式 PostgreSQL (PGlite, ${process.env.ZHENGTONG_DATA_DIR ?? './data'})`;
    io.out(`政通已启动：http://${config.host}:${port}/  数据库：${where}${rt.seeded ? '（已载入武威演示数据）' : ''}`);
    if (keyRing().demo) io.out('注意：未配置数据密钥，个人信息以公开的演示密钥加密；正式部署须设置 ZHENGTONG_KEY_FILE（见 docs/crypto.md）');
    if (config.demoSkipPasswordChange) io.out('注意：演示模式（--demo）不强制首次登录修改口令；正式部署以 zhengtong serve 启动，首次登录须修改口令（见 docs/security.md）');
    io.out('演示账号（密码见右侧）：');
    for (const l of demoLogins()) io.out(`  ${l.login.padEnd(14)} ${l.password.padEnd(16)} ${l.displayName}（${l.roles.map((r) => ROLES[r]?.label ?? r).join('、')}）`);
  }
  return await new Promise<number>(() => {});
}
