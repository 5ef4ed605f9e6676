// The generator's audit writer: one sealed audit record per generated fact, chained with SM3 after the
// last sealed record exactly as the sealer chains (src/app/audit/chain.ts), so that `zhengtong audit
// verify` walks the generated records like any other.
//
// Throughput: rows are read in keyset pages that already carry their sequence numbers and their time
// as ISO text; the canonical JSON of a record is written field by field in the canonical (sorted) key
// order instead of being sorted per record; SM3 is the one-shot crypto.hash; the records go back in
// one INSERT … SELECT FROM unnest(arrays) per page (for the documents' trail only the keys, sequence numbers and
// hashes go back: the rest is joined from the trail line again); and on PostgreSQL the next page is read and hashed
// while the previous one is being written. A page is written under the sealer's advisory lock after
// checking that the chain still ends where it was hashed from; if anything was sealed in between, the
// page is hashed again from the new end.
import crypto from 'node:crypto';
import { GENESIS_HASH, canonicalJson, type AuditContent } from '../../src/domain/audit/chain.ts';
import type { Db, Queryable } from '../../src/store/db.ts';

const SEAL_LOCK = 7310002; // the sealer's advisory lock (src/app/audit/chain.ts)
const sm3 = (s: string): string => (crypto as any).hash ? (crypto as any).hash('sm3', s, 'hex') : crypto.createHash('sm3').update(s).digest('hex');
const J = JSON.stringify;

/** A row of an audit source: what one audit record says. `payload` is an object (jsonb) or, for the
 *  documents' trail, only its label. */
export interface AuditRow {
  k: string;
  seq: string;
  tenant_id: string;
  at: string;
  actor_name: string;
  action: string;
  object_type: string;
  object_id: string;
  article: number | null;
  payload?: unknown;
  label?: string;
}

/** A source of audit rows: SQL selecting the columns of AuditRow (without seq) with a keyset column
 *  `k`, the rows after `$1` in `k` order, at most `$2` of them. */
export interface AuditSource {
  name: string;
  sql: string;
  params?: unknown[];
  /** the key before the first row */
  start: string;
  /** Optional: write the records by joining the source table again on the key (`u.k`) instead of sending
   *  every column back — FROM clause after the unnest, and the column expressions (they must give what was
   *  hashed: \`at\` truncated to milliseconds, the payload as built from the same columns). */
  rejoin?: { join: string; cols: Record<'tenant_id' | 'at' | 'actor_name' | 'action' | 'object_type' | 'object_id' | 'article' | 'payload', string> };
}

/** ISO 8601 (UTC, milliseconds) of a timestamptz expression, as the sealer writes `at`. */
export const isoAt = (expr: string) => `to_char(date_trunc('milliseconds', ${expr}) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

const PAGE = 20_000;

interface Hashed { rows: AuditRow[]; payloads: string[]; startPos: number; startPrev: string; hashes: string[] }

/** The canonical JSON of a row's record content — what `canonicalJson(content)` writes (keys in sorted
 *  order), built field by field; `payloadJson` is the payload's canonical JSON. */
export function rowContentJson(r: AuditRow, payloadJson: string): string {
  return `{"action":${J(r.action)},"actorName":${J(r.actor_name)},"actorPersonId":null,"actorUserId":null,"article":${r.article == null ? 'null' : Number(r.article)},`
    + `"at":${J(r.at)},"ip":null,"objectId":${J(r.object_id)},"objectType":${J(r.object_type)},"payload":${payloadJson},"seq":${Number(r.seq)},"tenantId":${J(r.tenant_id)}}`;
}

/** The record content a row stands for (as the verifier rebuilds it from the stored record). */
export function rowContent(r: AuditRow, payload: unknown): AuditContent {
  return { seq: Number(r.seq), tenantId: r.tenant_id, at: r.at, actorUserId: null, actorPersonId: null, actorName: r.actor_name, action: r.action,
    objectType: r.object_type, objectId: r.object_id, article: r.article == null ? null : Number(r.article), ip: null, payload };
}

function hashPage(rows: AuditRow[], payloads: string[], startPos: number, startPrev: string): Hashed {
  const hashes = new Array<string>(rows.length);
  let prev = startPrev;
  let pos = startPos;
  for (let n = 0; n < rows.length; n++) {
    pos++;
    prev = sm3(`${prev}\n${pos}\n${rowContentJson(rows[n], payloads[n])}`);
    hashes[n] = prev;
  }
  return { rows, payloads, startPos, startPrev, hashes };
}

async function chainEnd(q: Queryable): Promise<{ pos: number; hash: string }> {
  const last = (await q.query<{ chain_pos: string; hash: string }>(
    'SELECT chain_pos, hash FROM audit_records WHERE chain_pos IS NOT NULL ORDER BY chain_pos DESC LIMIT 1')).rows[0];
  return { pos: Number(last?.chain_pos ?? 0), hash: last?.hash ?? GENESIS_HASH };
}

async function writePage(db: Db, src: AuditSource, h: Hashed): Promise<{ pos: number; hash: string }> {
  return db.transaction(async (tx) => {
    if (db.kind === 'postgres') await tx.query('SELECT pg_advisory_xact_lock($1)', [SEAL_LOCK]);
    const end = await chainEnd(tx);
    if (end.pos !== h.startPos || end.hash !== h.startPrev) h = hashPage(h.rows, h.payloads, end.pos, end.hash); // sealed in between
    const n = h.rows.length;
    if (src.rejoin) {
      const c = src.rejoin.cols;
      const prevs = h.hashes.slice(0, n - 1);
      prevs.unshift(h.startPrev);
      await tx.query(
        `INSERT INTO audit_records (seq, tenant_id, at, actor_name, action, object_type, object_id, article, payload, chain_pos, prev_hash, hash, sealed_at)
         SELECT u.s, ${c.tenant_id}, ${c.at}, ${c.actor_name}, ${c.action}, ${c.object_type}, ${c.object_id}, ${c.article}, ${c.payload}, $2::bigint + u.n, u.ph, u.h, now()
           FROM unnest($1::text[], $3::bigint[], $4::text[], $5::text[]) WITH ORDINALITY AS u(k, s, ph, h, n) ${src.rejoin.join}`,
        [h.rows.map((r) => r.k), h.startPos, h.rows.map((r) => r.seq), prevs, h.hashes]);
      return { pos: h.startPos + n, hash: h.hashes[n - 1] };
    }
    const cols: unknown[][] = [[], [], [], [], [], [], [], [], [], [], [], []];
    for (let i = 0; i < n; i++) {
      const r = h.rows[i];
      cols[0].push(r.seq); cols[1].push(r.tenant_id); cols[2].push(r.at); cols[3].push(r.actor_name); cols[4].push(r.action);
      cols[5].push(r.object_type); cols[6].push(r.object_id); cols[7].push(r.article); cols[8].push(h.payloads[i]);
      cols[9].push(h.startPos + i + 1); cols[10].push(i === 0 ? h.startPrev : h.hashes[i - 1]); cols[11].push(h.hashes[i]);
    }
    await tx.query(
      `INSERT INTO audit_records (seq, tenant_id, at, actor_name, action, object_type, object_id, article, payload, chain_pos, prev_hash, hash, sealed_at)
       SELECT s, t, a, n, ac, ot, o, ar, p::jsonb, cp, ph, h, now()
         FROM unnest($1::bigint[], $2::text[], $3::timestamptz[], $4::text[], $5::text[], $6::text[], $7::text[], $8::int[], $9::text[], $10::bigint[], $11::text[], $12::text[])
              AS u(s, t, a, n, ac, ot, o, ar, p, cp, ph, h)`, cols);
    return { pos: h.startPos + n, hash: h.hashes[n - 1] };
  });
}

/** Writes one sealed audit record per row of each source, in order; returns how many were written. */
export async function writeAuditChain(db: Db, sources: AuditSource[], log: (s: string) => void = () => {}): Promise<number> {
  const { sealAudit } = await import('../../src/app/audit/chain.ts');
  await sealAudit(db); // whatever was pending first, so that the chain continues in order
  let end = await chainEnd(db);
  let total = 0;
  const pipelined = db.kind === 'postgres';
  for (const src of sources) {
    const fetchPage = (after: string) => db.query<AuditRow>(
      `SELECT nextval(pg_get_serial_sequence('audit_records', 'seq'))::text AS seq, s.* FROM (${src.sql}) s`,
      [after, PAGE, ...(src.params ?? [])]).then((r) => r.rows);
    let pending: Promise<{ pos: number; hash: string }> | null = null;
    let rows = await fetchPage(src.start);
    while (rows.length) {
      const next = pipelined ? fetchPage(rows[rows.length - 1].k) : null;
      const payloads = rows.map((r) => (r.label != null ? `{"label":${J(r.label)}}` : canonicalJson(typeof r.payload === 'string' ? JSON.parse(r.payload) : r.payload)));
      // hashed from where the previous page will end, while that page is still being written
      const h = hashPage(rows, payloads, end.pos, end.hash);
      if (pending) await pending;
      pending = writePage(db, src, h);
      end = { pos: h.startPos + rows.length, hash: h.hashes[rows.length - 1] };
      if (!pipelined) { end = await pending; pending = null; }
      const before = total;
      total += rows.length;
      if (Math.floor(total / 500_000) > Math.floor(before / 500_000)) log(`    audit records ${total.toLocaleString('en')}`);
      rows = next ? await next : await fetchPage(rows[rows.length - 1].k);
    }
    if (pending) end = await pending;
    log(`    audit records: ${src.name} done (${total.toLocaleString('en')} in all)`);
  }
  return total;
}
