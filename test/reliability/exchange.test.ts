// 公文交换 under kill -9: delivery workers killed again and again while delivering; afterwards every
// package is in the receiver's inbox exactly once, marked delivered once in the sender's outbox, audited
// once on each side, and the audit chain verifies. Two workers at once on PostgreSQL never deliver a
// package twice.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { sealAudit, verifyAudit } from '../../src/app/audit/chain.ts';
import { buildDocumentPackage, serializePackage } from '../../src/domain/exchange/index.ts';
import { FULL, PG_URL, pgliteTarget, postgresTarget, type Target } from './harness.ts';

const PACKAGES = FULL ? 5_000 : 300;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
// an OFD is a zip container: the first bytes of a real one are enough for the exchange's checks
const OFD = new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...Buffer.from('OFD 版式文件（测试）')]);

function worker(t: Target, schema?: string) {
  const root = fileURLToPath(new URL('../../', import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/reliability/_exchange-worker.ts'], {
    cwd: root, env: { ...process.env, ...t.env, ...(schema ? { DATABASE_URL: PG_URL!, SCHEMA: schema } : {}) }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  const done = new Promise<{ code: number | null; out: string }>((r) => child.on('exit', (code) => r({ code, out })));
  return { child, done };
}

async function deliveryUnderKills(t: Target, schema?: string) {
  const db = await t.open();
  const { migrate } = await import('../../src/store/migrate.ts');
  await migrate(db);
  await db.query(`INSERT INTO tenants (id, name, level, pack_id) VALUES ('wuwei', '武威市人民政府', 'city', 'wuwei-2023')
                  ON CONFLICT (id) DO NOTHING`);
  await db.query(`INSERT INTO tenants (id, name, level, parent_id, pack_id) VALUES ('liangzhou', '凉州区人民政府', 'county', 'wuwei', 'wuwei-2023')
                  ON CONFLICT (id) DO NOTHING`);
  const now = new Date();
  for (let i = 0; i < PACKAGES; i += 100) {
    const rows = Array.from({ length: Math.min(100, PACKAGES - i) }, (_, k) => {
      const n = i + k + 1;
      const pkg = buildDocumentPackage({
        packageId: `pkg-rel-${String(n).padStart(6, '0')}`, sentAt: now.toISOString(),
        sender: { tenantId: 'liangzhou', organ: '凉州区人民政府' }, receiver: { tenantId: 'wuwei', organ: '武威市人民政府' },
        metadata: { issuerName: '凉州区人民政府', docNumber: `凉政发〔2026〕${n}号`, title: `凉州区人民政府关于第${n}项工作的报告`, docType: '报告',
          direction: 'upward', urgency: 'normal', classification: '', disclosure: '主动公开', signerName: '赵区长', principalRecipients: ['武威市人民政府'],
          copyTo: [], writtenOn: '2026-03-02', attachmentNote: [], replyTo: null, declarations: null },
        body: `武威市人民政府：现将第${n}项工作报告如下。`, ofd: { name: `${n}.ofd`, bytes: OFD },
      });
      return pkg;
    });
    await db.query(
      `INSERT INTO exchange_outbox (tenant_id, package_id, kind, receiver_tenant, receiver_organ, doc_number, title, wire, envelope_sm3, created_at, next_attempt_at)
       SELECT 'liangzhou', p, 'document', 'wuwei', '武威市人民政府', d, ti, w, e, $6, $6
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[]) AS x(p, d, ti, w, e)`,
      [rows.map((p) => p.packageId), rows.map((p) => p.metadata.docNumber), rows.map((p) => p.metadata.title), rows.map(serializePackage),
        rows.map((p) => p.digests.envelope), now]);
  }
  if (t.kind === 'pglite') await db.close(); // one process per PGlite folder
  let kills = 0;
  const t0 = Date.now();
  for (let round = 0; round < 50; round++) {
    // on PostgreSQL two workers compete for the same packages (SKIP LOCKED); PGlite has one process
    const ws = t.kind === 'postgres' ? [worker(t, schema), worker(t, schema)] : [worker(t, schema)];
    const killAfter = round < (FULL ? 6 : 3) ? 300 + Math.random() * 700 : 0;
    if (killAfter) {
      const r = await Promise.race([Promise.all(ws.map((w) => w.done)), sleep(killAfter).then(() => null)]);
      if (r === null) { for (const w of ws) w.child.kill('SIGKILL'); await Promise.all(ws.map((w) => w.done)); kills++; continue; }
      if (r.every((x) => x.code === 0)) break;
      throw new Error(`exchange worker failed: ${r.map((x) => x.out).join('\n')}`);
    }
    const r = await Promise.all(ws.map((w) => w.done));
    for (const x of r) assert.equal(x.code, 0, x.out);
    break;
  }
  const seconds = (Date.now() - t0) / 1000;
  const check = t.kind === 'pglite' ? await t.open() : db;
  try {
    const inbox = (await check.query<{ n: number; distinct_n: number }>(
      `SELECT count(*)::int AS n, count(DISTINCT package_id)::int AS distinct_n FROM exchange_inbox WHERE tenant_id = 'wuwei' AND state = 'pending'`)).rows[0];
    assert.equal(inbox.distinct_n, PACKAGES, 'every package arrived');
    assert.equal(inbox.n, PACKAGES, 'no package arrived twice');
    const out = (await check.query<{ n: number }>(`SELECT count(*)::int AS n FROM exchange_outbox WHERE delivered_at IS NULL`)).rows[0];
    assert.equal(out.n, 0, 'every package is marked delivered');
    const audits = (await check.query<{ action: string; n: number; distinct_n: number }>(
      `SELECT action, count(*)::int AS n, count(DISTINCT object_id)::int AS distinct_n FROM audit_records
        WHERE action IN ('exchange.arrived', 'exchange.delivered') GROUP BY action ORDER BY action`)).rows;
    assert.deepEqual(audits.map((a) => [a.action, a.n, a.distinct_n]), [['exchange.arrived', PACKAGES, PACKAGES], ['exchange.delivered', PACKAGES, PACKAGES]],
      'one audit record per package on each side');
    await sealAudit(check);
    const v = await verifyAudit(check);
    assert.ok(v.ok, `audit chain verifies: ${JSON.stringify(v)}`);
    console.log(`# exchange ${t.kind}: ${PACKAGES} packages, ${t.kind === 'postgres' ? 'two workers' : 'one worker'} killed ${kills} × while delivering; ` +
      `delivered ${PACKAGES}, duplicated 0, lost 0 in ${seconds.toFixed(1)} s; audit chain verified (${v.verified} records)`);
  } finally {
    await check.close();
  }
}

test('公文交换 on PGlite: a delivery worker killed while delivering resumes and every package arrives exactly once', async () => {
  const t = pgliteTarget();
  try { await deliveryUnderKills(t); } finally { await t.drop(); }
});

test('公文交换 on PostgreSQL: two delivery workers killed while delivering; every package arrives exactly once', { skip: !PG_URL && 'DATABASE_URL 未设置（此测试需要 PostgreSQL）' }, async () => {
  const t = await postgresTarget();
  const schema = /search_path%3D(\w+)/.exec(t.env.DATABASE_URL)![1];
  try { await deliveryUnderKills(t, schema); } finally { await t.drop(); }
});
