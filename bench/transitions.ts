// Audited workflow transitions through the HTTP API on PostgreSQL, against pgbench running the same
// write transaction on the same database in the same run.
//
// The transition: 承办报告 (POST /api/v1/documents/:id/handling-reports, kind "progress", 第七十三条) on a
// document in 承办 — it locks the document, reads its lead assignment, marks the progress report, bumps
// the document's version, appends a trail line and an audit record, in one transaction. The pgbench
// script issues exactly those statements on the same rows (same documents, same indexes); what it leaves
// out is what the product adds around them: HTTP, the session check, validation, the organisation and
// rule pack lookups, JSON. Targets: app ≥ 50% of pgbench, and ≥ 1,000 transitions/s.
//
//   npm run bench -- transitions [--url postgres://…/zhengtong_bench] [--clients 8,32] [--duration 15] [--docs 4000]
//
// Needs a generated database (zhengtong generate) or at least the demo's documents in 承办.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDb } from '../src/store/db.ts';
import { arg, cannon, DEFAULT_URL, load, login, say, startServer } from './_lib.ts';

const TEXT = '已按要求推进，正在办理';

export function pgbenchScript(tenant: string) {
  const doc = '(SELECT id FROM bench.transition_docs WHERE n = :n)';
  return `\\set n random(1, :ndocs)
BEGIN;
SELECT * FROM documents WHERE tenant_id = '${tenant}' AND id = ${doc} FOR UPDATE;
SELECT * FROM document_assignments WHERE document_id = ${doc} AND role = 'lead';
UPDATE document_assignments SET progress_reported_at = now() WHERE id = (SELECT asg FROM bench.transition_docs WHERE n = :n);
UPDATE documents SET version = version + 1, updated_at = now() WHERE id = ${doc};
INSERT INTO document_events (tenant_id, document_id, at, actor_name, actor_person_id, action, label, article, payload) VALUES ('${tenant}', ${doc}, now(), '韩雪（市政府办公室文书）', 'person-office-clerk', 'progress_reported', '说明办理情况：${TEXT}', 73, '{"late": false}');
INSERT INTO audit_records (tenant_id, at, actor_user_id, actor_person_id, actor_name, action, object_type, object_id, article, ip, payload) VALUES ('${tenant}', now(), 'bench-pgbench', 'person-office-clerk', '韩雪（市政府办公室文书）', 'document.progress_reported', 'document', ${doc}, 73, '127.0.0.1', '{"label": "说明办理情况：${TEXT}", "late": false}');
END;
`;
}

export function pgbench(url: string, clients: number, duration: number, script: string, vars: Record<string, number>) {
  const dir = mkdtempSync(join(tmpdir(), 'zt-pgbench-'));
  const file = join(dir, 'transition.sql');
  writeFileSync(file, script);
  const bin = spawnSync('sh', ['-c', 'command -v pgbench || ls /usr/lib/postgresql/*/bin/pgbench | tail -1'], { encoding: 'utf8' }).stdout.trim().split('\n')[0];
  const r = spawnSync(bin, ['-n', '-M', 'extended', '-c', String(clients), '-j', '2', '-T', String(duration), '-f', file,
    ...Object.entries(vars).flatMap(([k, v]) => ['-D', `${k}=${v}`]), url], { encoding: 'utf8' });
  const m = /tps = ([\d.]+) \(without initial connection time\)/.exec(r.stdout);
  if (!m) throw new Error(`pgbench failed: ${r.stdout}\n${r.stderr}`);
  const lat = /latency average = ([\d.]+) ms/.exec(r.stdout);
  const failed = /number of failed transactions: (\d+)/.exec(r.stdout);
  return { tps: Number(m[1]), latencyMs: lat ? Number(lat[1]) : NaN, failed: failed ? Number(failed[1]) : 0 };
}

export async function run(args: string[]) {
  const url = arg(args, 'url', process.env.BENCH_DATABASE_URL ?? DEFAULT_URL);
  const clients = arg(args, 'clients', '8,32').split(',').map(Number);
  const duration = Number(arg(args, 'duration', '15'));
  const ndocs = Number(arg(args, 'docs', '4000'));
  const tenant = 'wuwei';

  const db = await openDb({ url, poolSize: 2 });
  const { rows } = await db.query<{ id: string; asg: string }>(
    `SELECT d.id, a.id AS asg FROM documents d JOIN document_assignments a ON a.document_id = d.id AND a.role = 'lead'
      WHERE d.tenant_id = $1 AND d.state = 'handling' AND a.state = 'open' AND a.time_limit_kind <> 'investigationResult'
      ORDER BY d.id LIMIT $2`, [tenant, ndocs]);
  if (!rows.length) throw new Error('no documents in 承办: run `zhengtong generate` on this database first');
  const docsCount = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM documents')).rows[0].n;
  await db.exec(`CREATE SCHEMA IF NOT EXISTS bench; DROP TABLE IF EXISTS bench.transition_docs;
    CREATE TABLE bench.transition_docs (n int PRIMARY KEY, id text NOT NULL, asg text NOT NULL);`);
  await db.query(`INSERT INTO bench.transition_docs SELECT row_number() OVER (ORDER BY id), id, asg FROM unnest($1::text[], $2::text[]) u(id, asg)`,
    [rows.map((r) => r.id), rows.map((r) => r.asg)]);
  const ids = rows.map((r) => r.id);

  say(`# transitions: ${ids.length} documents in 承办 of ${docsCount.toLocaleString('en')}; ${duration} s per run; load ${load()}`);
  const server = await startServer({ DATABASE_URL: url, ...(process.env.SERVER_NODE_OPTIONS ? { NODE_OPTIONS: process.env.SERVER_NODE_OPTIONS } : {}) });
  const cookie = await login(server.base, 'office-clerk', 'Zhengtong@2026');
  const results: any[] = [];
  try {
    for (const c of clients) {
      let i = 0;
      const before = (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_records WHERE action = 'document.progress_reported' AND actor_user_id IS DISTINCT FROM 'bench-pgbench'`)).rows[0].n;
      const loadBefore = load();
      const app = await cannon({
        url: server.base, connections: c, duration,
        requests: [{
          method: 'POST',
          setupRequest: (req: any) => ({
            ...req, path: `/api/v1/documents/${ids[i++ % ids.length]}/handling-reports`,
            headers: { cookie, 'content-type': 'application/json' }, body: JSON.stringify({ kind: 'progress', text: TEXT }),
          }),
        }],
      });
      const after = (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_records WHERE action = 'document.progress_reported' AND actor_user_id IS DISTINCT FROM 'bench-pgbench'`)).rows[0].n;
      const pg = pgbench(url, c, duration, pgbenchScript(tenant), { ndocs: ids.length });
      const ratio = app.rps / pg.tps;
      results.push({ clients: c, app, pgbench: pg, ratio });
      say(`clients ${c}: app ${app.rps.toFixed(0)} transitions/s (p50 ${app.p50} ms, p99 ${app.p99} ms, ${app.non2xx} non-2xx, ${app.errors} errors, ` +
        `${after - before} audited of ${app.requests}) | pgbench ${pg.tps.toFixed(0)} tps (${pg.latencyMs} ms avg, ${pg.failed} failed) | ` +
        `ratio ${(ratio * 100).toFixed(1)}% (target ≥ 50%; ≥ 1,000/s: ${app.rps >= 1000 ? 'met' : 'missed'}) | load before ${loadBefore}, after ${load()}`);
    }
  } finally {
    await server.stop();
    await db.close();
  }
  return results;
}
