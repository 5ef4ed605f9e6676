// 第六十六条 exactly once across processes: N countersign requests past their deadline, two server
// processes on one PostgreSQL running the timer worker with the documents timer kinds → exactly N
// 无不同意见 events, one per request. PostgreSQL only (PGlite is one process by design): skipped
// without DATABASE_URL.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { openDb } from '../../src/store/db.ts';
import { migrate } from '../../src/store/migrate.ts';
import type { Actor, AppDeps } from '../../src/app/context.ts';
import { createOpinionRequests } from '../../src/app/documents/opinions.ts';
import { IMPLIED_CONSENT_KIND } from '../../src/app/documents/timers.ts';
import { useTestOrg } from './documents-fixture.ts';

const url = process.env.DATABASE_URL;
const N = 60;
const NOW = '2026-03-09T10:00:00+08:00';

// Each child runs what a server process runs for timers: the worker, with the documents kinds
// registered as the documents context registers them, on a clock past every deadline.
const WORKER = `
  import { openDb } from './src/store/db.ts';
  import { startTimerWorker } from './src/jobs/timers.ts';
  import { registerDocumentTimerKinds } from './src/app/documents/timers.ts';
  import { useTestOrg } from './test/db/documents-fixture.ts';
  useTestOrg();
  registerDocumentTimerKinds();
  const db = await openDb({ url: process.env.DATABASE_URL, schema: process.env.SCHEMA, poolSize: 4 });
  const deps = { db, clock: { now: () => new Date(process.env.NOW) } };
  let fired = 0;
  const worker = startTimerWorker({ ...deps, onAudit: () => { fired++; } }, { pollMs: 20 });
  for (;;) {
    await new Promise((r) => setTimeout(r, 200));
    const { rows } = await db.query("SELECT count(*)::int AS n FROM timers WHERE fired_at IS NULL AND cancelled_at IS NULL AND due_at <= $1", [new Date(process.env.NOW)]);
    if (rows[0].n === 0) break;
  }
  await worker.stop();
  await db.close();
  process.stdout.write(JSON.stringify({ pid: process.pid, fired }));
`;

function runWorker(schema: string): Promise<{ pid: number; fired: number }> {
  const root = fileURLToPath(new URL('../../', import.meta.url));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', WORKER], { cwd: root, env: { ...process.env, SCHEMA: schema, NOW } });
    let outText = '';
    let err = '';
    child.stdout.on('data', (d) => (outText += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(outText)) : reject(new Error(`worker exited ${code}: ${err}`))));
  });
}

test(`第六十六条: two server processes on one PostgreSQL turn ${N} countersign requests past due into exactly ${N} 无不同意见 events`, { skip: !url && 'DATABASE_URL 未设置（此测试需要 PostgreSQL）' }, async () => {
  useTestOrg();
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const db = await openDb({ url: url!, schema, poolSize: 4 });
  try {
    await migrate(db);
    await db.query(`INSERT INTO tenants (id, name, pack_id) VALUES ('wuwei', '测试市人民政府', 'wuwei-2023')`);
    const deps: AppDeps = { db, clock: { now: () => new Date('2026-03-02T09:00:00+08:00') } };
    const office: Actor = { tenantId: 'wuwei', userId: null, personId: 'p-clerk', name: '子文书', roles: ['office_clerk'], ip: null };
    const ids: string[] = [];
    for (let i = 0; i < N / 20; i++) {
      ids.push(...await createOpinionRequests(deps, office, {
        documentId: null, subject: `会签第${i + 1}批`, kind: 'countersign', requestingUnitId: 'u-jyj', askedUnitIds: Array.from({ length: 20 }, () => 'u-fgw'),
      }));
    }
    const { rows: scheduled } = await db.query(`SELECT count(*)::int AS n FROM timers WHERE kind = $1`, [IMPLIED_CONSENT_KIND]);
    assert.equal(scheduled[0].n, N, 'one timer per request, scheduled with it');

    const results = await Promise.all([runWorker(schema), runWorker(schema)]);

    const { rows: audit } = await db.query(
      `SELECT count(*)::int AS n, count(DISTINCT object_id)::int AS d, min(article) AS a FROM audit_records WHERE action = 'opinion.implied_consent'`);
    assert.deepEqual([audit[0].n, audit[0].d, audit[0].a], [N, N, 66], 'exactly one 无不同意见 per request, citing 第六十六条');
    const { rows: states } = await db.query(`SELECT state, reply, count(*)::int AS n FROM opinion_requests GROUP BY state, reply`);
    assert.deepEqual(states.map((r: any) => [r.state, r.reply, r.n]), [['implied', '无不同意见', N]]);
    const { rows: timers } = await db.query(`SELECT count(*)::int AS n FROM timers WHERE kind = $1 AND fired_at IS NOT NULL AND attempts = 1`, [IMPLIED_CONSENT_KIND]);
    assert.equal(timers[0].n, N, 'every timer fired once, none retried');
    assert.equal(results[0].fired + results[1].fired, N);
    console.log(`# 无不同意见 per process: ${results.map((r) => r.fired).join(' + ')} = ${N}`);
  } finally {
    await db.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await db.close();
  }
});
