// Failover: the production layout on this machine (deploy/local-cluster.sh: a PostgreSQL primary with a
// synchronous standby, three `zhengtong serve` nodes on a multi-host connection string, nginx in front)
// under a write load through nginx — 签收 and 登记 of incoming documents, 发文字号 for checked drafts,
// countersign replies — while implied-consent timers (第六十六条) fire. One node is killed with
// SIGKILL, then the PostgreSQL primary, and deploy/failover.sh promotes the standby. Afterwards every
// acknowledged action is present exactly once, the 收文/发文 numbers are gap-free and unique, every due
// timer fired once, the audit chain verifies (`zhengtong audit verify`), no answer was a 500, and a
// LISTEN connection (live updates) is on the new primary again, and the old primary is rebuilt as the
// synchronous standby of the new one (`local-cluster.sh rebuild-standby`); the
// clients' error rate and the outage are printed. RELIABILITY_SCALE=full runs longer with more clients.
//
// Timers: the reply period of a countersign is two working days; to have timers fall due during the
// faults, the test moves the reply deadline of a batch of open requests into the past every second
// (as if the period had ended), through its own connection to the cluster.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { openDb, type Db } from '../../src/store/db.ts';
import { FULL, PASSWORD, incomingBody } from './harness.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const CI = process.env.CI === 'true';
const NGINX = ['/usr/sbin/nginx', '/usr/local/sbin/nginx', '/usr/bin/nginx'].find(existsSync);
const PG_BIN = (() => {
  try {
    const v = readdirSync('/usr/lib/postgresql').sort((a, b) => Number(a) - Number(b)).pop();
    return v && existsSync(`/usr/lib/postgresql/${v}/bin/initdb`) ? `/usr/lib/postgresql/${v}/bin` : undefined;
  } catch { return undefined; }
})();
const missing = [!NGINX && 'nginx', !PG_BIN && 'PostgreSQL 服务器程序 (initdb, pg_ctl, pg_basebackup)'].filter(Boolean).join('、');
// outside CI a machine without nginx or PostgreSQL skips, saying so; in CI they are installed (.ci/run)
const skip = missing && !CI ? `未安装 ${missing}（Debian：apt-get install nginx postgresql）` : false;

const PHASE_MS = FULL ? 15_000 : 4_000;
const INCOMING_CLIENTS = FULL ? 4 : 2;
const DRAFTS = FULL ? 150 : 24;
const OPINIONS_REPLIED = FULL ? 150 : 24;
const OPINIONS_TIMED = FULL ? 150 : 24;
const TIMER_BATCH = FULL ? 6 : 3;
const ISSUER_CODE = '武政办函';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Answer { status: number; json: any; retryAfter: string | null; at: number }

function cluster(dir: string, ports: { pgPrimary: number; pgStandby: number; nodes: number[]; http: number }) {
  const env = {
    ...process.env, ZT_CLUSTER_DIR: dir, ZT_PG_PRIMARY_PORT: String(ports.pgPrimary), ZT_PG_STANDBY_PORT: String(ports.pgStandby),
    ZT_NODE_PORTS: ports.nodes.join(' '), ZT_HTTP_PORT: String(ports.http), ZT_NODE_ARGS: '--no-web --demo', ...(PG_BIN ? { ZT_PG_BIN: PG_BIN } : {}),
    // every client comes from this machine's address: the per-address login limit would refuse the load itself
    ZHENGTONG_RATE_LIMIT_LOGIN: '1000000/60', ZHENGTONG_TIMER_POLL_MS: '250', TZ: 'Asia/Shanghai',
  };
  const run = (script: string, args: string[], timeoutMs = 240_000) => new Promise<{ code: number | null; out: string; ms: number }>((resolve) => {
    const t0 = Date.now();
    const child = spawn(join(ROOT, 'deploy', script), args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('exit', (code) => { clearTimeout(timer); resolve({ code, out, ms: Date.now() - t0 }); });
  });
  const pidOf = (file: string) => Number(readFileSync(join(dir, file), 'utf8').split('\n')[0].trim());
  return {
    url: `postgres://postgres@127.0.0.1:${ports.pgPrimary},127.0.0.1:${ports.pgStandby}/zhengtong?target_session_attrs=read-write`,
    base: `http://127.0.0.1:${ports.http}`,
    up: () => run('local-cluster.sh', ['up']),
    down: () => run('local-cluster.sh', ['down'], 60_000),
    failover: () => run('failover.sh', []),
    rebuildStandby: () => run('local-cluster.sh', ['rebuild-standby']),
    killNode: (i: number) => process.kill(pidOf(`node-${i}.pid`), 'SIGKILL'),
    nodeAlive: (i: number) => { try { process.kill(pidOf(`node-${i}.pid`), 0); return true; } catch { return false; } },
    killPrimary: () => process.kill(pidOf('pg-primary/postmaster.pid'), 'SIGKILL'),
    cli: (args: string[]) => new Promise<{ code: number | null; out: string }>((resolve) => {
      const child = spawn(process.execPath, [join(ROOT, 'bin', 'zhengtong.mjs'), ...args], {
        cwd: ROOT, env: { ...env, DATABASE_URL: `postgres://postgres@127.0.0.1:${ports.pgPrimary},127.0.0.1:${ports.pgStandby}/zhengtong?target_session_attrs=read-write` }, stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      child.stdout.on('data', (d) => (out += d));
      child.stderr.on('data', (d) => (out += d));
      child.on('exit', (code) => resolve({ code, out }));
    }),
  };
}

test('failover: three nodes behind nginx, one node and then the PostgreSQL primary killed with SIGKILL, the standby promoted — nothing acknowledged lost or doubled, numbers gap-free, timers once, the chain verifies', { skip, timeout: FULL ? 1_200_000 : 420_000 }, async () => {
  assert.ok(!missing, `CI 须安装 ${missing}（.ci/run 的 DEB_PACKAGES）`);
  const dir = mkdtempSync('/tmp/zt-failover-');
  const p0 = 20_000 + Math.floor(Math.random() * 400) * 10;
  const c = cluster(dir, { pgPrimary: p0, pgStandby: p0 + 1, nodes: [p0 + 2, p0 + 3, p0 + 4], http: p0 + 5 });
  let db: Db | null = null;
  let passed = false;
  try {
    const up = await c.up();
    assert.equal(up.code, 0, `local-cluster.sh up:\n${up.out}`);
    console.log(`# cluster up in ${(up.ms / 1000).toFixed(1)} s (primary + synchronous standby, 3 nodes, nginx)`);

    // ---- the client side: every request through nginx, every answer kept ----
    const answers: Answer[] = [];
    const send = async (method: string, path: string, cookie: string, body?: unknown): Promise<Answer> => {
      let a: Answer;
      try {
        const r = await fetch(c.base + path, {
          method, headers: { cookie, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
          body: body !== undefined ? JSON.stringify(body) : undefined, signal: AbortSignal.timeout(20_000) });
        const text = await r.text();
        let json: any = null;
        try { json = JSON.parse(text); } catch {}
        a = { status: r.status, json, retryAfter: r.headers.get('retry-after'), at: Date.now() };
      } catch {
        a = { status: 0, json: null, retryAfter: null, at: Date.now() };
      }
      if (method !== 'GET') answers.push(a);
      return a;
    };
    const loginAs = async (login: string) => {
      for (;;) {
        const r = await fetch(`${c.base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login, password: PASSWORD }) });
        if (r.status === 200) return r.headers.getSetCookie().find((x) => x.startsWith('zt_session='))!.split(';')[0];
        await sleep(200);
      }
    };
    const clerk = await loginAs('office-clerk');
    const signer = await loginAs('vmayor3');
    const fgw = await loginAs('fgw-clerk');
    const ok = async (who: string, method: string, path: string, body?: unknown) => {
      const r = await send(method, path, who, body);
      assert.ok(r.status >= 200 && r.status < 300, `${method} ${path}: ${r.status} ${JSON.stringify(r.json)}`);
      return r.json;
    };

    // ---- before the faults: checked drafts waiting for their 发文字号, open countersign requests ----
    const drafts: string[] = [];
    for (let i = 0; i < DRAFTS; i++) {
      const d = await ok(clerk, 'POST', '/api/v1/documents/outgoing', { docType: '函', direction: 'parallel', title: `关于故障切换测试事项${i}的函`,
        body: '关于故障切换测试事项的函，内容用于检验发文字号在主库切换时连续且不重复。', issuerName: '武威市人民政府办公室', issuerCode: ISSUER_CODE,
        leadUnitId: 'unit-jyj', principalRecipients: ['武威市教育局'], disclosure: '依申请公开' });
      let v = (await ok(clerk, 'POST', `/api/v1/documents/${d.id}/submit`, { version: 1 })).version;
      v = (await ok(clerk, 'POST', `/api/v1/documents/${d.id}/review`, { opinion: '同意', version: v })).version;
      v = (await ok(signer, 'POST', `/api/v1/documents/${d.id}/sign`, { version: v, reportedToMayor: true })).version;
      await ok(clerk, 'POST', `/api/v1/documents/${d.id}/check`, { version: v });
      drafts.push(d.id);
    }
    const allDrafts = [...drafts];
    const opinion = async (i: number) => (await ok(clerk, 'POST', '/api/v1/documents/opinion-requests', {
      documentId: null, subject: `关于故障切换测试事项${i}的会签`, kind: 'countersign', requestingUnitId: 'unit-jyj', askedUnitIds: ['unit-fgw'] })).ids[0] as string;
    const toReply: string[] = [];
    const timed: string[] = [];
    for (let i = 0; i < OPINIONS_REPLIED; i++) toReply.push(await opinion(i));
    for (let i = 0; i < OPINIONS_TIMED; i++) timed.push(await opinion(OPINIONS_REPLIED + i));
    const replyList = [...toReply];
    answers.length = 0; // the preparation is not the load

    // ---- the load ----
    let stop = false;
    const acked = {
      received: new Map<string, string>(), // clientRequestId → document id
      registered: new Map<string, string>(), // document id → 收文登记号
      numbered: new Map<string, string>(), // document id → 发文字号
      replied: new Set<string>(),
    };
    /** an action, retried until it is answered: a 2xx is acknowledged; `settled` recognises the answer to a repeat of an action that did happen */
    const attempt = async (who: string, path: string, body: unknown, settled: (a: Answer) => boolean, retries = Infinity): Promise<Answer | null> => {
      for (let n = 0; n < retries; n++) {
        const a = await send('POST', path, who, body);
        if ((a.status >= 200 && a.status < 300) || settled(a)) return a;
        if (stop && n > 200) return null;
        await sleep(a.status === 503 ? 250 : 100); // sooner than Retry-After, to measure the outage to a quarter second
      }
      return null;
    };
    const wrongState = (a: Answer) => a.status === 409 && ['DOC.WRONG_STATE', 'DOC.OPINION_CLOSED', 'REQUEST.CONFLICT'].includes(a.json?.code);
    const incomingClient = async (k: number) => {
      for (let n = 0; !stop; n++) {
        const crid = `fo-${k}-${n}`;
        const r = await attempt(clerk, '/api/v1/documents/incoming', { ...incomingBody(`${k}-${n}`), clientRequestId: crid }, () => false);
        if (!r) break;
        acked.received.set(crid, r.json.id);
        const g = await attempt(clerk, `/api/v1/documents/${r.json.id}/register`, {}, wrongState);
        if (g && g.status === 200) acked.registered.set(r.json.id, g.json.registrationNo);
      }
    };
    const numberingClient = async () => {
      while (!stop && drafts.length) {
        const id = drafts.shift()!;
        const r = await attempt(clerk, `/api/v1/documents/${id}/number`, {}, wrongState);
        if (r && r.status === 200) acked.numbered.set(id, r.json.docNumber);
        await sleep(PHASE_MS / DRAFTS);
      }
    };
    const replyClient = async () => {
      while (!stop && toReply.length) {
        const id = toReply.shift()!;
        const r = await attempt(fgw, `/api/v1/documents/opinion-requests/${id}/reply`, { agree: true }, wrongState);
        if (r && r.status === 200) acked.replied.add(id);
        await sleep(PHASE_MS / OPINIONS_REPLIED);
      }
    };
    db = await openDb({ url: c.url, poolSize: 2 });
    // a listener (what live updates ride on) connected to the primary before the faults
    const heard: string[] = [];
    const stopListening = await db.listen!('zt_failover_probe', (p) => heard.push(p));
    const moved = new Set<string>();
    const timerDriver = async () => {
      let next = 0;
      while (!stop && next < timed.length) {
        const batch = timed.slice(next, next + TIMER_BATCH);
        try {
          await db!.transaction(async (tx) => {
            const y = `(now() AT TIME ZONE 'Asia/Shanghai')::date - 1`;
            await tx.query(`UPDATE opinion_requests SET due = ${y} WHERE id = ANY($1::text[])`, [batch]);
            await tx.query(`UPDATE deadlines SET due = ${y} WHERE object_type = 'opinion_request' AND object_id = ANY($1::text[])`, [batch]);
            await tx.query(`UPDATE timers SET due_at = now() WHERE kind = 'documents.opinion.implied' AND fired_at IS NULL AND cancelled_at IS NULL
                              AND key IN (SELECT id FROM deadlines WHERE object_type = 'opinion_request' AND object_id = ANY($1::text[]))`, [batch]);
          });
          for (const id of batch) moved.add(id);
          next += TIMER_BATCH;
        } catch { /* the database is failing over: the same batch again in a second */ }
        await sleep(1000);
      }
    };

    const t0 = Date.now();
    const running = [
      ...Array.from({ length: INCOMING_CLIENTS }, (_, k) => incomingClient(k)),
      numberingClient(), replyClient(), timerDriver(),
    ];
    await sleep(PHASE_MS);
    const nodeKilledAt = Date.now();
    c.killNode(1);
    await sleep(PHASE_MS);
    const primaryKilledAt = Date.now();
    c.killPrimary();
    const fo = await c.failover();
    const promotedAt = Date.now();
    assert.equal(fo.code, 0, `failover.sh:\n${fo.out}`);
    await sleep(PHASE_MS);
    stop = true;
    await Promise.all(running);
    const loadSeconds = (Date.now() - t0) / 1000;

    // ---- settle: the nodes fire what is due and seal what is written ----
    let pending = { due: -1, unsealed: -1 };
    for (let i = 0; i < 240; i++) {
      const { rows } = await db.query<{ due: number; unsealed: number }>(
        `SELECT (SELECT count(*)::int FROM timers WHERE fired_at IS NULL AND cancelled_at IS NULL AND due_at <= now() - interval '1 second') AS due,
                (SELECT count(*)::int FROM audit_records WHERE chain_pos IS NULL) AS unsealed`);
      pending = rows[0];
      if (pending.due === 0 && pending.unsealed === 0) break;
      await sleep(250);
    }
    assert.equal(pending.due, 0, 'every due timer fired');
    assert.deepEqual([c.nodeAlive(0), c.nodeAlive(1), c.nodeAlive(2)], [true, false, true], 'the nodes not killed lived through the failover');

    // ---- the listener found the new primary by itself: a NOTIFY there reaches it ----
    for (let i = 0; i < 100 && !heard.includes('after failover'); i++) {
      await db.query(`SELECT pg_notify('zt_failover_probe', 'after failover')`);
      await sleep(200);
    }
    assert.ok(heard.includes('after failover'), 'a listener connected before the failover hears a notification sent on the new primary');
    await stopListening();

    // ---- the answers: retryable 503s with Retry-After, repeats of actions that did happen, nothing else ----
    const by = new Map<string, number>();
    for (const a of answers) {
      const k = a.status >= 200 && a.status < 300 ? '2xx' : `${a.status} ${a.json?.code ?? ''}`.trim();
      by.set(k, (by.get(k) ?? 0) + 1);
    }
    const errors = answers.filter((a) => a.status < 200 || a.status >= 300);
    const unexpected = errors.filter((a) => !(a.status === 503 && ['STORE.UNAVAILABLE', 'SERVER.UNAVAILABLE'].includes(a.json?.code) && a.retryAfter) && !wrongState(a));
    assert.deepEqual(unexpected.map((a) => `${a.status} ${JSON.stringify(a.json)}`), [], 'every failed write is a 503 with Retry-After (or the answer to a repeat), never a 500');

    // ---- 签收: each acknowledged one present exactly once (its clientRequestId once), with one audit record ----
    const { rows: received } = await db.query<{ crid: string; n: number; ids: string[] }>(
      `SELECT client_request_id AS crid, count(*)::int AS n, array_agg(id) AS ids FROM documents WHERE client_request_id LIKE 'fo-%' GROUP BY 1`);
    const byCrid = new Map(received.map((r) => [r.crid, r]));
    for (const [crid, id] of acked.received) {
      assert.deepEqual(byCrid.get(crid)?.ids, [id], `acknowledged 签收 ${crid} present once as ${id}`);
    }
    assert.deepEqual(received.filter((r) => r.n !== 1), [], 'no 签收 recorded twice');
    const testDocs = received.flatMap((r) => r.ids);
    const { rows: audits } = await db.query<{ object_id: string; action: string; n: number }>(
      `SELECT object_id, action, count(*)::int AS n FROM audit_records
        WHERE action IN ('document.received', 'document.registered', 'document.numbered', 'opinion.replied', 'opinion.implied_consent')
          AND (object_id = ANY($1::text[]) OR object_id = ANY($2::text[]) OR object_id = ANY($3::text[])) GROUP BY 1, 2`,
      [testDocs, allDrafts, [...replyList, ...timed]]);
    const audited = (action: string, id: string) => audits.find((a) => a.action === action && a.object_id === id)?.n ?? 0;
    assert.deepEqual(audits.filter((a) => a.n !== 1).map((a) => `${a.action} ${a.object_id} ×${a.n}`), [], 'no action audited twice');
    for (const id of acked.received.values()) assert.equal(audited('document.received', id), 1, `签收 ${id} audited once`);

    // ---- 登记: the acknowledged numbers kept; 收文 numbers gap-free and unique ----
    const { rows: regs } = await db.query<{ id: string; registration_no: string | null }>(
      `SELECT id, registration_no FROM documents WHERE id = ANY($1::text[])`, [testDocs]);
    const regOf = new Map(regs.map((r) => [r.id, r.registration_no]));
    for (const [id, no] of acked.registered) {
      assert.equal(regOf.get(id), no, `acknowledged 登记 ${id} keeps ${no}`);
      assert.equal(audited('document.registered', id), 1);
    }
    const gapFree = async (issuer: string, column: 'registration_no' | 'doc_number') => {
      const { rows } = await db!.query<{ year: number; n: number; distinct_n: number; max_seq: number; last_seq: number }>(
        `SELECT c.year, count(d.id)::int AS n, count(DISTINCT d.${column})::int AS distinct_n,
                coalesce(max(substring(d.${column} FROM '〕(\\d+)号')::int), 0) AS max_seq, c.last_seq
           FROM doc_number_counters c
           LEFT JOIN documents d ON d.tenant_id = c.tenant_id AND d.${column} LIKE $1 || '〔' || c.year || '〕%'
          WHERE c.issuer_code = $1 AND c.tenant_id = 'wuwei' GROUP BY c.year, c.last_seq`, [issuer]);
      for (const y of rows) {
        assert.equal(y.distinct_n, y.n, `${issuer} ${y.year}: no number twice`);
        assert.equal(y.max_seq, y.n, `${issuer} ${y.year}: no number skipped (1…${y.n})`);
        assert.equal(y.last_seq, y.n, `${issuer} ${y.year}: the counter matches`);
      }
      return rows.map((y) => `${issuer}〔${y.year}〕1…${y.n}`).join(', ');
    };
    const incomingRange = await gapFree('收文', 'registration_no');

    // ---- 发文字号: the acknowledged numbers kept, one number per document, gap-free ----
    const { rows: nums } = await db.query<{ document_id: string; doc_number: string; n: number }>(
      `SELECT document_id, min(doc_number) AS doc_number, count(*)::int AS n FROM doc_numbers WHERE issuer_code = $1 AND state <> 'void' GROUP BY 1`, [ISSUER_CODE]);
    const numOf = new Map(nums.map((r) => [r.document_id, r]));
    for (const [id, no] of acked.numbered) {
      assert.equal(numOf.get(id)?.doc_number, no, `acknowledged 发文字号 ${no} kept`);
      assert.equal(audited('document.numbered', id), 1);
    }
    assert.deepEqual(nums.filter((r) => r.n !== 1), [], 'no document numbered twice');
    const { rows: seqs } = await db.query<{ year: number; n: number; max_seq: number; last_seq: number }>(
      `SELECT n.year, count(*)::int AS n, max(n.seq) AS max_seq, c.last_seq FROM doc_numbers n
         JOIN doc_number_counters c ON c.tenant_id = n.tenant_id AND c.issuer_code = n.issuer_code AND c.year = n.year
        WHERE n.issuer_code = $1 AND n.tenant_id = 'wuwei' GROUP BY n.year, c.last_seq`, [ISSUER_CODE]);
    for (const y of seqs) assert.deepEqual([y.max_seq, y.last_seq], [y.n, y.n], `${ISSUER_CODE} ${y.year}: 1…${y.n} taken without a gap`);
    const outgoingRange = seqs.map((y) => `${ISSUER_CODE}〔${y.year}〕1…${y.n}`).join(', ');

    // ---- countersign replies and implied consent: each request closed exactly one way, once ----
    const { rows: ops } = await db.query<{ id: string; state: string }>(`SELECT id, state FROM opinion_requests WHERE id = ANY($1::text[])`, [[...timed, ...acked.replied]]);
    const opState = new Map(ops.map((o) => [o.id, o.state]));
    for (const id of acked.replied) {
      assert.equal(opState.get(id), 'agreed', `acknowledged reply ${id} recorded`);
      assert.deepEqual([audited('opinion.replied', id), audited('opinion.implied_consent', id)], [1, 0]);
    }
    for (const id of moved) {
      assert.equal(opState.get(id), 'implied', `countersign ${id}: its period ended, silence recorded as consent`);
      assert.deepEqual([audited('opinion.implied_consent', id), audited('opinion.replied', id)], [1, 0], `${id}: implied consent recorded once`);
    }
    const { rows: firedTimers } = await db.query<{ n: number; fired: number }>(
      `SELECT count(*)::int AS n, count(fired_at)::int AS fired FROM timers WHERE kind = 'documents.opinion.implied'
          AND key IN (SELECT id FROM deadlines WHERE object_type = 'opinion_request' AND object_id = ANY($1::text[]))`, [[...moved]]);
    assert.deepEqual([firedTimers[0].n, firedTimers[0].fired], [moved.size, moved.size], 'each moved timer fired');

    // ---- back to two servers: the old primary rebuilt as the synchronous standby of the new one ----
    const rebuilt = await c.rebuildStandby();
    assert.equal(rebuilt.code, 0, `local-cluster.sh rebuild-standby:\n${rebuilt.out}`);
    const { rows: rep } = await db.query<{ sync_state: string }>(`SELECT sync_state FROM pg_stat_replication WHERE application_name = 'standby1'`);
    assert.deepEqual(rep.map((r) => r.sync_state), ['sync'], 'the new primary has a synchronous standby again');
    const afterRebuild = await send('POST', '/api/v1/documents/incoming', clerk, { ...incomingBody('rebuilt'), clientRequestId: 'fo-rebuilt' });
    assert.equal(afterRebuild.status, 201, 'and writes, now acknowledged on both servers again');

    // ---- the audit chain, as an auditor checks it ----
    const verify = await c.cli(['audit', 'verify']);
    assert.equal(verify.code, 0, verify.out);
    const verified = /已校验 (\d+) 条/.exec(verify.out)?.[1];

    // ---- the numbers ----
    const ackedWrites = acked.received.size + acked.registered.size + acked.numbered.size + acked.replied.size;
    // the outage: the longest time without any acknowledged write, around each fault
    const wrote = answers.filter((a) => a.status >= 200 && a.status < 300).map((a) => a.at).sort((x, y) => x - y);
    const longestGap = (from: number, to: number) => {
      let gap = 0, at = from;
      for (let i = 1; i < wrote.length; i++) {
        if (wrote[i] < from || wrote[i - 1] > to) continue;
        if (wrote[i] - wrote[i - 1] > gap) { gap = wrote[i] - wrote[i - 1]; at = wrote[i - 1]; }
      }
      return { gap, at };
    };
    const nodeGap = longestGap(nodeKilledAt - 1000, primaryKilledAt - 1000);
    const dbGap = longestGap(primaryKilledAt - 1000, Date.now());
    const errorTimes = (from: number, to: number) => errors.filter((a) => a.at >= from && a.at < to);
    const nodeErrors = errorTimes(nodeKilledAt, primaryKilledAt).length;
    const dbErrorList = errorTimes(primaryKilledAt, Infinity);
    const dbErrors = dbErrorList.length;
    const errorSpan = dbErrors ? (Math.max(...dbErrorList.map((a) => a.at)) - Math.min(...dbErrorList.map((a) => a.at))) / 1000 : 0;
    console.log(`# failover: ${loadSeconds.toFixed(0)} s of load, ${answers.length} write requests through nginx, ${(100 * errors.length / answers.length).toFixed(1)} % answered with an error ` +
      `(${[...by].map(([k, n]) => `${k}: ${n}`).join(', ')}); node kill: ${nodeErrors} errors; primary kill: ${dbErrors} errors`);
    console.log(`# failover: acknowledged ${ackedWrites} writes (${acked.received.size} 签收, ${acked.registered.size} 登记, ${acked.numbered.size} 发文字号, ${acked.replied.size} countersign replies) — lost: 0, duplicated: 0`);
    console.log(`# failover: outage ${(dbGap.gap / 1000).toFixed(1)} s without an acknowledged write around the primary's kill ` +
      `(failover.sh: detection and promotion ${(fo.ms / 1000).toFixed(1)} s; 503s over ${errorSpan.toFixed(1)} s); around the node's kill ${(nodeGap.gap / 1000).toFixed(1)} s`);
    passed = true;
    console.log(`# failover: the old primary rebuilt as the synchronous standby in ${(rebuilt.ms / 1000).toFixed(1)} s (local-cluster.sh rebuild-standby)`);
    console.log(`# failover: ${moved.size} implied-consent timers fell due during the faults, each fired once; numbers gap-free: ${incomingRange}; ${outgoingRange}; audit chain verified (${verified} records)`);
  } finally {
    await db?.close().catch(() => {});
    // what the nodes, nginx and PostgreSQL said, kept when the test failed
    const logs = `${dir}-logs`;
    if (!passed) try {
      mkdirSync(logs, { recursive: true });
      for (const f of readdirSync(dir)) if (f.endsWith('.log')) copyFileSync(join(dir, f), join(logs, f));
      console.log(`# logs of the nodes, nginx and PostgreSQL: ${logs}`);
    } catch {}
    const down = await c.down();
    if (down.code !== 0) console.log(`# local-cluster.sh down: ${down.out}`);
    rmSync(dir, { recursive: true, force: true });
  }
});
