import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { WEB_DIST } from '../http/server.ts';

const WEB_SRC = join(WEB_DIST, '..');

function newest(dir: string): number {
  let t = 0;
  for (const name of readdirSync(dir)) {
    if (name === 'dist' || name === 'node_modules') continue;
    const p = join(dir, name);
    const s = statSync(p);
    t = Math.max(t, s.isDirectory() ? newest(p) : s.mtimeMs);
  }
  return t;
}

/** Builds the web UI when it has never been built or its sources are newer than the build. */
export async function ensureWebBuilt(io: { out: (s: string) => void; err: (s: string) => void }): Promise<void> {
  const index = join(WEB_DIST, 'index.html');
  if (existsSync(index) && statSync(index).mtimeMs >= newest(WEB_SRC)) return;
  io.out('正在构建网页界面……');
  const r = spawnSync(process.execPath, [join(WEB_SRC, '..', 'node_modules', 'vite', 'bin', 'vite.js'), 'build', WEB_SRC, '--logLevel', 'error'], { stdio: 'inherit' });
  if (r.status !== 0) throw new Error('网页界面构建失败');
}
