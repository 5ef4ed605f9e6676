// Shared helpers of the benchmarks: the server as a separate process, logins, autocannon, machine load.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';

export const ROOT = join(import.meta.dirname, '..');
export const DEFAULT_URL = 'postgres://postgres@127.0.0.1:5432/zhengtong_bench';

export function arg(args: string[], name: string, dflt: string): string {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1] : dflt;
}

export const load = () => loadavg().map((x) => x.toFixed(2)).join(' ');
export const say = (s: string) => process.stdout.write(s + '\n');

export interface ServerProc {
  child: ChildProcess;
  port: number;
  base: string;
  rssMb(): number;
  stop(): Promise<void>;
  kill9(): Promise<void>;
}

/** The Node options of `npm start` (package.json), e.g. its heap cap. */
export function startNodeFlags(): string[] {
  const start: string = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).scripts.start;
  const words = start.split(/\s+/);
  return words.slice(words.indexOf('node') + 1, words.indexOf('bin/zhengtong.mjs')).filter((w) => w.startsWith('--'));
}

/**
 * Starts the server as a separate process and waits for "listening <port>": by default as `npm start`
 * starts it (same Node options, precompiled when up to date) without the web UI — `zhengtong serve
 * --no-web`; with `script`, that TypeScript file through tsx (e.g. bench/_server.ts, the sources).
 * A NODE_OPTIONS in `env` replaces the start command's options of the same name.
 */
export async function startServer(env: Record<string, string | undefined>, opts: { port?: number; timeoutMs?: number; script?: string } = {}): Promise<ServerProc> {
  const port = opts.port ?? 3900 + Math.floor(Math.random() * 90);
  const overridden = (env.NODE_OPTIONS ?? '').split(/\s+/).filter(Boolean).map((o) => o.split('=')[0]);
  const flags = startNodeFlags().filter((f) => !overridden.includes(f.split('=')[0]));
  const argv = opts.script ? [...flags, '--import', 'tsx', opts.script] : [...flags, join(ROOT, 'bin', 'zhengtong.mjs'), 'serve', '--no-web'];
  const child = spawn(process.execPath, argv, {
    cwd: ROOT,
    // every simulated user logs in from the same loopback address: the per-address login limit would
    // otherwise refuse the load generator itself
    env: { ...process.env, TZ: 'Asia/Shanghai', PORT: String(port), HOST: '127.0.0.1', ZHENGTONG_RATE_LIMIT_LOGIN: '1000000/60',
      // the simulated users sign in with the demo's published password, as `npm start` lets them
      ZHENGTONG_DEMO_SKIP_PASSWORD_CHANGE: 'true', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stderr!.on('data', (d) => { out += d; });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start in time:\n${out.slice(-2000)}`)), opts.timeoutMs ?? 120_000);
    child.stdout!.on('data', (d) => {
      out += d;
      if (/listening \d+/.test(out)) { clearTimeout(timer); resolve(); }
    });
    child.once('exit', (code) => { clearTimeout(timer); reject(new Error(`server exited with ${code}:\n${out.slice(-2000)}`)); });
  });
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  return {
    child, port, base: `http://127.0.0.1:${port}`,
    rssMb: () => {
      try { return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))![1]) / 1024; } catch { return NaN; }
    },
    async stop() { if (child.exitCode === null) { child.kill('SIGTERM'); await exited; } },
    async kill9() { if (child.exitCode === null) { child.kill('SIGKILL'); await exited; } },
  };
}

export async function login(base: string, loginName: string, password: string): Promise<string> {
  const r = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login: loginName, password }) });
  if (r.status !== 200) throw new Error(`login ${loginName}: ${r.status} ${await r.text()}`);
  const c = r.headers.getSetCookie().find((x) => x.startsWith('zt_session='))!;
  return c.split(';')[0];
}

export interface CannonResult {
  rps: number; requests: number; non2xx: number; errors: number; p50: number; p90: number;
  /** autocannon's histogram has no p95: p97.5 is reported as its upper bound */
  p97_5: number; p99: number; max: number;
}

/** Runs autocannon in this process (the load process is separate from the server process). */
export async function cannon(opts: Record<string, any>): Promise<CannonResult> {
  const r: any = await new Promise((resolve, reject) => {
    const inst = autocannon(opts, (err: unknown, res: unknown) => (err ? reject(err) : resolve(res)));
    void inst;
  });
  return {
    rps: r.requests.average, requests: r.requests.total, non2xx: r.non2xx, errors: r.errors + r.timeouts,
    p50: r.latency.p50, p90: r.latency.p90, p97_5: r.latency.p97_5, p99: r.latency.p99, max: r.latency.max,
  };
}

/**
 * The server's own account of a load step (GET /api/v1/platform/runtime as the 平台管理员): `reset` starts
 * a window before the step, `read` returns it after, `line` prints what explains a tail — event-loop
 * delay, GC pauses, waits for a database connection, memory — and the routes that took the most time.
 */
export async function serverWindow(base: string) {
  const cookie = await login(base, 'platform-admin', 'Zhengtong@2026');
  return {
    async reset() {
      const { since } = await (await fetch(`${base}/api/v1/platform/runtime`, { headers: { cookie } })).json();
      await fetch(`${base}/api/v1/platform/runtime/reset`, { method: 'POST', headers: { cookie, 'content-type': 'application/json' }, body: JSON.stringify({ since }) });
    },
    async read(): Promise<any> {
      return (await fetch(`${base}/api/v1/platform/runtime`, { headers: { cookie } })).json();
    },
  };
}

export function serverLine(m: any, routes = 4): string {
  const el = m?.eventLoop?.delay;
  const pool = m?.database?.pool;
  const top = (m?.routes ?? []).slice(0, routes).map((r: any) => `${r.route} ${r.count}× p50 ${r.p50Ms} / p99 ${r.p99Ms} ms`);
  return `server: event-loop delay p50 ${el?.p50Ms} / p99 ${el?.p99Ms} / max ${el?.maxMs} ms, utilization ${m?.eventLoop?.utilization}; ` +
    `GC ${m?.gc?.pauses?.count} pauses ${m?.gc?.totalMs} ms (p99 ${m?.gc?.pauses?.p99Ms}, max ${m?.gc?.pauses?.maxMs} ms); ` +
    `pool ${pool ? `${pool.size}/${pool.max}, ${pool.acquired} acquired, waited ${pool.waitedMsTotal} ms in all, max ${pool.waitedMsMax} ms` : '—'}; ` +
    `heap ${m?.memory?.heapUsedMb}/${m?.memory?.heapTotalMb} MB, RSS ${m?.memory?.rssMb} MB` +
    (m?.heavyReads ? `; heavy reads ${m.heavyReads.slots} slots, ${m.heavyReads.waited} waited, ${m.heavyReads.refused} refused` : '') + (top.length ? `\n  server time: ${top.join('; ')}` : '');
}
