// Runs one test suite with node:test, as many processes at once as the machine has cores
// (ZHENGTONG_TEST_CONCURRENCY to change it). Suites:
//   unit     pure domain, rule pack, calendar (src/**/*.test.ts)
//   db       database-backed tests (test/db/**/*.test.ts) on PGlite, or on PostgreSQL when DATABASE_URL is set
//   browser  Chromium tests (test/browser/**/*.test.ts)
//   reliability  crash, two-process and campaign tests (test/reliability/**/*.test.ts); RELIABILITY_SCALE=full for the long run
//   default  unit + db
// Extra arguments keep only the files whose path contains one of them. A process's output is printed
// when it ends, whole; at the end come the failed tests by file, the totals and the slowest ten.
// Work starts longest first, by the times of the previous run (kept beside the database snapshots).
// Several files share a process (scripts/test-batch.mjs), each file a suite of its own, to pay Node's
// start-up and the loading of the modules once: the pure unit files in as many batches as there are
// workers, the database files one after the other in batches of about half a minute (see workItems);
// the browser and reliability files, and ZHENGTONG_TEST_BATCH=false, run every file alone. Before the
// files start, the precompiled server (dist/) is brought up to date so that the tests that run the
// `zhengtong` command start it without compiling TypeScript.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join, relative } from 'node:path';

const ROOT = join(import.meta.dirname, '..');

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

const env = { TZ: 'Asia/Shanghai', ...process.env };
const cacheDir = env.ZHENGTONG_TEST_CACHE ?? join(ROOT, 'node_modules', '.cache', 'zhengtong-test');
const timingsFile = join(cacheDir, `timings-${env.DATABASE_URL ? 'postgres' : 'pglite'}.json`);
let previous = {};
try { previous = JSON.parse(readFileSync(timingsFile, 'utf8')); } catch {}

const started = Date.now();

// the database snapshots every PGlite file starts from, built once before the database files start;
// the unit files, which need none, run meanwhile
let snapshotsReady = Promise.resolve();
let snapshotsBuilt = true;
if (!env.DATABASE_URL && filtered.some((f) => f.startsWith(join('test', 'db')))) {
  snapshotsBuilt = false;
  snapshotsReady = new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'test', 'db', 'prepare-snapshots.ts')], { stdio: 'inherit', env });
    child.on('close', (code) => {
      if (code !== 0) { console.error(`数据库快照准备失败（exit ${code}）`); process.exit(code ?? 1); }
      snapshotsBuilt = true;
      resolve();
    });
  });
}

// the command-line tests run bin/zhengtong.mjs, which takes the bundle when it is fresh
if (filtered.some((f) => !f.startsWith('src/'))) {
  const r = spawnSync(process.execPath, [join(ROOT, 'scripts', 'build-server.mjs')], { stdio: ['ignore', 'ignore', 'inherit'], env });
  if (r.status !== 0) console.error('服务端预编译失败：命令行测试将直接运行源代码');
}

const concurrency = Math.max(1, Number(env.ZHENGTONG_TEST_CONCURRENCY) || availableParallelism());
const reporter = process.stdout.isTTY ? 'spec' : 'tap';
const summaryDir = mkdtempSync(join(tmpdir(), 'zt-test-'));

/**
 * Work items. The unit files are dealt longest first into `concurrency` batches. The database files go
 * in batches of about BATCH_SECONDS by the previous run's times, one file after the other in a process,
 * with test/db/between-files.ts putting back the process-wide state between them; the files that run
 * processes of their own (*.multiprocess.test.ts, the command-line tests) and the other suites' files
 * run alone. ZHENGTONG_TEST_BATCH=false runs every file alone.
 */
const BATCH_SECONDS = 30;
const ALONE = [/\.multiprocess\.test\.ts$/, /[\\/]cli\.test\.ts$/];
const timeOf = (f) => previous[relative(ROOT, f)] ?? 5;
function workItems() {
  const unit = filtered.filter((f) => f.startsWith('src/'));
  const db = filtered.filter((f) => f.startsWith(join('test', 'db')) && !ALONE.some((re) => re.test(f)));
  const alone = filtered.filter((f) => !unit.includes(f) && !db.includes(f));
  if (env.ZHENGTONG_TEST_BATCH === 'false') return filtered.map((f) => ({ label: relative(ROOT, f), files: [f] }));
  const items = [];
  if (unit.length > 1) {
    const n = Math.min(concurrency, unit.length);
    const batches = Array.from({ length: n }, (_, i) => ({ label: `src (unit files, batch ${i + 1} of ${n})`, files: [], time: 0 }));
    for (const f of [...unit].sort((a, b) => timeOf(b) - timeOf(a))) {
      const lightest = batches.reduce((x, y) => (y.time < x.time ? y : x));
      lightest.files.push(f);
      lightest.time += timeOf(f);
    }
    items.push(...batches);
  } else alone.push(...unit);
  if (db.length > 1) {
    const batches = [];
    for (const f of [...db].sort((a, b) => timeOf(b) - timeOf(a))) {
      const fits = batches.find((b) => b.time + timeOf(f) <= BATCH_SECONDS);
      if (fits) { fits.files.push(f); fits.time += timeOf(f); } else batches.push({ files: [f], time: timeOf(f) });
    }
    batches.forEach((b, i) => {
      b.label = b.files.length === 1 ? relative(ROOT, b.files[0]) : `test/db (batch ${i + 1} of ${batches.length}: ${b.files.length} files)`;
      if (b.files.length > 1) b.between = join(ROOT, 'test', 'db', 'between-files.ts');
    });
    items.push(...batches);
  } else alone.push(...db);
  return [...items, ...alone.map((f) => ({ label: relative(ROOT, f), files: [f] }))];
}
const queue = workItems().sort((a, b) => (b.time ?? previous[b.label] ?? 1e9) - (a.time ?? previous[a.label] ?? 1e9));
const results = [];

function runItem(item, index) {
  const summary = join(summaryDir, `${index}.json`);
  const t0 = Date.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [
      '--import', 'tsx', ...(item.files.length === 1 ? ['--test'] : []),
      `--test-reporter=${reporter}`, '--test-reporter-destination=stdout',
      `--test-reporter=${join(ROOT, 'scripts', 'test-summary-reporter.mjs')}`, `--test-reporter-destination=${summary}`,
      ...(item.files.length === 1 ? item.files : [join(ROOT, 'scripts', 'test-batch.mjs'), ...(item.between ? ['--between', item.between] : []), ...item.files]),
    ], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    const out = [];
    child.stdout.on('data', (d) => out.push(d));
    child.stderr.on('data', (d) => out.push(d));
    child.on('close', (code, signal) => {
      let counts = { pass: 0, fail: 0, skipped: 0, cancelled: 0, todo: 0, failures: [] };
      try { counts = JSON.parse(readFileSync(summary, 'utf8')); } catch {}
      const seconds = (Date.now() - t0) / 1000;
      process.stdout.write(`\n### ${item.label} (${seconds.toFixed(1)} s, exit ${code ?? signal})\n`);
      process.stdout.write(Buffer.concat(out));
      resolve({ file: item.label, code, signal, seconds, ...counts });
    });
  });
}

// while the snapshots are being built a worker takes a unit batch if one is left, else waits for them
const needsSnapshots = (item) => !item.files.every((f) => f.startsWith('src/'));
let spawned = 0;
async function worker() {
  while (queue.length > 0) {
    let at = 0;
    if (!snapshotsBuilt) {
      const unit = queue.findIndex((item) => !needsSnapshots(item));
      if (unit >= 0) at = unit;
    }
    const [item] = queue.splice(at, 1);
    if (needsSnapshots(item)) await snapshotsReady;
    results.push(await runItem(item, spawned++));
  }
}
await Promise.all(Array.from({ length: Math.min(concurrency, queue.length) }, worker));
rmSync(summaryDir, { recursive: true, force: true });

const wall = (Date.now() - started) / 1000;
const sum = (k) => results.reduce((s, r) => s + (r[k] ?? 0), 0);
const failedFiles = results.filter((r) => r.code !== 0);
try {
  mkdirSync(cacheDir, { recursive: true });
  writeFileSync(timingsFile, JSON.stringify({ ...previous, ...Object.fromEntries(results.map((r) => [r.file, r.seconds])), ...Object.assign({}, ...results.map((r) => r.suites ?? {})) }, null, 1));
} catch {}

console.log(`\n=== ${suite}: ${filtered.length} files in ${results.length} processes, ${concurrency} at a time, ${wall.toFixed(1)} s`);
console.log(`tests ${sum('pass') + sum('fail') + sum('skipped') + sum('cancelled') + sum('todo')} · pass ${sum('pass')} · fail ${sum('fail')} · cancelled ${sum('cancelled')} · skipped ${sum('skipped')} · todo ${sum('todo')}`);
console.log('slowest files:');
for (const r of [...results].sort((a, b) => b.seconds - a.seconds).slice(0, 10)) console.log(`  ${r.seconds.toFixed(1).padStart(6)} s  ${r.file}`);
if (failedFiles.length) {
  console.log('failed:');
  for (const r of failedFiles) {
    console.log(`  ${r.file} (exit ${r.code ?? r.signal})`);
    for (const name of r.failures ?? []) console.log(`    ✗ ${name}`);
  }
  process.exit(1);
}
