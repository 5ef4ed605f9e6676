// Embedded mode (PGlite): cold start of `npm start` on an existing data folder to the first served page,
// and audited transitions per second on PGlite through the HTTP API (target: start ≤ 3 s; the rate is
// stated). The data folder is prepared once (migrations, demo, and --docs generated documents).
//
//   npm run bench -- embedded [--dir /tmp/zt-embedded] [--docs 20000] [--starts 3] [--duration 10] [--clients 8]
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { openDb } from '../src/store/db.ts';
import { arg, cannon, load, login, ROOT, say, startServer } from './_lib.ts';

async function coldStart(dir: string, port: number): Promise<number> {
  const t0 = performance.now();
  const child = spawn('npm', ['start', '--silent'], { cwd: ROOT, env: { ...process.env, DATABASE_URL: '', ZHENGTONG_DATA_DIR: dir, PORT: String(port), TZ: 'Asia/Shanghai' }, stdio: ['ignore', 'ignore', 'pipe'], detached: true });
  let err = '';
  child.stderr!.on('data', (d) => { err += d; });
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  try {
    for (;;) {
      if (performance.now() - t0 > 120_000) throw new Error('npm start did not serve a page within 120 s');
      if (child.exitCode !== null) throw new Error(`npm start exited with ${child.exitCode}: ${err.slice(-1000)}`);
      try {
        const r = await fetch(`http://127.0.0.1:${port}/`, { signal: AbortSignal.timeout(1000) });
        if (r.status === 200) { await r.text(); return (performance.now() - t0) / 1000; }
      } catch {}
      await new Promise((r) => setTimeout(r, 20));
    }
  } finally {
    // npm → node: stop the whole process group we started, then wait for the data folder's lock to go
    try { process.kill(-child.pid!, 'SIGTERM'); } catch {}
    await exited;
    for (let i = 0; i < 600 && existsSync(join(dir, 'zhengtong.lock')); i++) await new Promise((r) => setTimeout(r, 50));
  }
}

export async function run(args: string[]) {
  const dir = arg(args, 'dir', '/tmp/zt-embedded');
  const docs = Number(arg(args, 'docs', '20000'));
  const starts = Number(arg(args, 'starts', '3'));
  const duration = Number(arg(args, 'duration', '10'));
  const clients = Number(arg(args, 'clients', '8'));
  if (!existsSync(join(dir, 'PG_VERSION')) && !existsSync(join(dir, 'base'))) {
    say(`# preparing ${dir}: migrations, demo, ${docs} generated documents`);
    const g = spawnSync(process.execPath, ['bin/zhengtong.mjs', 'generate', '--scale', String(docs), '--units', '100'], {
      cwd: ROOT, env: { ...process.env, DATABASE_URL: '', ZHENGTONG_DATA_DIR: dir }, encoding: 'utf8' });
    if (g.status !== 0) throw new Error(g.stdout + g.stderr);
    say(g.stdout.trim().split('\n').filter((l) => /^\{|s$/.test(l.trim())).join('\n'));
  }
  const db = await openDb({ dataDir: dir });
  const count = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM documents')).rows[0].n;
  const { rows } = await db.query<{ id: string }>(`SELECT d.id FROM documents d JOIN document_assignments a ON a.document_id = d.id AND a.role = 'lead'
    WHERE d.tenant_id = 'wuwei' AND d.state = 'handling' AND a.state = 'open' AND a.time_limit_kind <> 'investigationResult' ORDER BY d.id LIMIT 500`);
  await db.close();
  const ids = rows.map((r) => r.id);

  say(`# embedded: ${dir} with ${count.toLocaleString('en')} documents; load ${load()}`);
  await coldStart(dir, 3870); // warm-up: builds the web UI if its sources changed, fills the OS cache
  const times: number[] = [];
  for (let i = 0; i < starts; i++) {
    times.push(await coldStart(dir, 3871 + i));
    say(`cold start ${i + 1}: ${times[i].toFixed(2)} s to the first served page (target ≤ 3 s) | load ${load()}`);
  }
  const sorted = [...times].sort((a, b) => a - b);
  say(`cold start median ${sorted[Math.floor(sorted.length / 2)].toFixed(2)} s (${sorted[Math.floor(sorted.length / 2)] <= 3 ? 'met' : 'missed'})`);

  const server = await startServer({ DATABASE_URL: '', ZHENGTONG_DATA_DIR: dir });
  try {
    const cookie = await login(server.base, 'office-clerk', 'Zhengtong@2026');
    let i = 0;
    const loadBefore = load();
    const r = await cannon({
      url: server.base, connections: clients, duration,
      requests: [{ method: 'POST', setupRequest: (req: any) => ({ ...req, path: `/api/v1/documents/${ids[i++ % ids.length]}/handling-reports`,
        headers: { cookie, 'content-type': 'application/json' }, body: JSON.stringify({ kind: 'progress', text: '已按要求推进，正在办理' }) }) }],
    });
    say(`PGlite transitions: ${r.rps.toFixed(0)} /s at ${clients} clients (p50 ${r.p50} ms, p99 ${r.p99} ms, non-2xx ${r.non2xx}, errors ${r.errors}); RSS ${server.rssMb().toFixed(0)} MB | load ${loadBefore} → ${load()}`);
    return { coldStart: times, transitionsPerSecond: r.rps };
  } finally {
    await server.stop();
  }
}
