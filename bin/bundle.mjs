// Is the precompiled server (dist/server.json, written by scripts/build-server.mjs) up to date?
// It is when every source file that went into it still has the modification time it had at build time:
// one stat per bundled file, a few milliseconds. A source edited, moved or deleted since makes it stale
// (a new file counts only once a bundled file imports it, and that file then has changed).
import { readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const STAMP = join(ROOT, 'dist', 'server.json');

/** The file: URL of the bundle's entry when it is up to date, otherwise null. */
export function freshBundle() {
  let stamp;
  try { stamp = JSON.parse(readFileSync(STAMP, 'utf8')); } catch { return null; }
  if (typeof stamp?.dir !== 'string' || !stamp.inputs || typeof stamp.inputs !== 'object') return null;
  const entry = join(ROOT, 'dist', stamp.dir, 'zhengtong.mjs');
  try {
    statSync(entry);
    for (const [file, mtime] of Object.entries(stamp.inputs)) {
      if (statSync(join(ROOT, file)).mtimeMs !== mtime) return null;
    }
  } catch { return null; }
  return pathToFileURL(entry).href;
}
