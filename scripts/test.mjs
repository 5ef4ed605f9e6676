// Runs one test suite with node:test. Suites:
//   unit     pure domain, rule pack, calendar (src/**/*.test.ts)
//   db       database-backed tests (test/db/**/*.test.ts) on PGlite, or on PostgreSQL when DATABASE_URL is set
//   browser  Chromium tests (test/browser/**/*.test.ts)
//   reliability  crash, two-process and campaign tests (test/reliability/**/*.test.ts); RELIABILITY_SCALE=full for the long run
//   default  unit + db
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

function walk(dir, out = []) {
  let entries;
  try { entries = readdirSync(dir); } catch { return out; }
  for (const name of entries) {
    if (name === 'node_modules') continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (name.endsWith('.test.ts')) out.push(p);
  }
  return out;
}

const suite = process.argv[2] ?? 'default';
const extra = process.argv.slice(3);
const roots = { unit: ['src'], db: ['test/db'], browser: ['test/browser'], reliability: ['test/reliability'], default: ['src', 'test/db'] }[suite];
if (!roots) { console.error(`未知的测试套件：${suite}`); process.exit(2); }
const files = roots.flatMap((r) => walk(r)).sort();
const filtered = extra.length ? files.filter((f) => extra.some((x) => f.includes(x))) : files;
if (filtered.length === 0) { console.log(`no test files for suite ${suite}`); process.exit(0); }
const r = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=1', ...filtered], {
  stdio: 'inherit',
  env: { TZ: 'Asia/Shanghai', ...process.env },
});
process.exit(r.status ?? 1);
