import { asSystem } from '../../store/scope.ts';
import type { Db, Queryable } from '../../store/db.ts';
import { chainHash, GENESIS_HASH, verifyRun, type AuditContent, type ChainCheck, type SealedRecord } from '../../domain/audit/chain.ts';

// Sealing: committed, unsealed records get the next chain positions in sequence order. A record whose
// transaction commits late simply takes a later position; positions have no gaps, sequence numbers may.
const SEAL_LOCK = 7310002;
const BATCH = 2000;

/** The hashed content of a record row (also what an archive carries, src/app/audit/archive.ts). */
export function contentOf(r: any): AuditContent {
  return {
    seq: Number(r.seq),
    tenantId: r.tenant_id,
    at: new Date(r.at).toISOString(),
    actorUserId: r.actor_user_id,
    actorPersonId: r.actor_person_id,
    actorName: r.actor_name,
    action: r.action,
    objectType: r.object_type,
    objectId: r.object_id,
    article: r.article,
    ip: r.ip,
    payload: r.payload,
    actorRoles: r.actor_roles ?? undefined,
    adminAction: r.admin_action ?? undefined,
  };
}

/** Seals every committed record not yet sealed; returns how many were sealed. */
export async function sealAudit(db: Db, now: Date = new Date()): Promise<number> {
  let total = 0;
  for (;;) {
    const n = await db.transaction(async (tx) => {
      if (db.kind === 'postgres') await tx.query('SELECT pg_advisory_xact_lock($1)', [SEAL_LOCK]);
      const last = (await tx.query<{ chain_pos: number; hash: string }>(
        'SELECT chain_pos, hash FROM audit_records WHERE chain_pos IS NOT NULL ORDER BY chain_pos DESC LIMIT 1')).rows[0];
      let pos = last?.chain_pos ?? 0;
      let prev = last?.hash ?? GENESIS_HASH;
      const { rows } = await tx.query(
        'SELECT * FROM audit_records WHERE chain_pos IS NULL ORDER BY seq LIMIT $1 FOR UPDATE', [BATCH]);
      if (!rows.length) return 0;
      const seqs: number[] = [], poss: number[] = [], prevs: string[] = [], hashes: string[] = [];
      for (const r of rows) {
        pos++;
        const hash = chainHash(prev, pos, contentOf(r));
        seqs.push(Number(r.seq)); poss.push(pos); prevs.push(prev); hashes.push(hash);
        prev = hash;
      }
      await tx.query(
        `UPDATE audit_records a SET chain_pos = u.pos, prev_hash = u.prev, hash = u.hash, sealed_at = $5
           FROM unnest($1::bigint[], $2::bigint[], $3::text[], $4::text[]) AS u(seq, pos, prev, hash)
          WHERE a.seq = u.seq`,
        [seqs, poss, prevs, hashes, now],
      );
      return rows.length;
    });
    total += n;
    if (n < BATCH) return total;
  }
}

export interface AuditStatus {
  sealedUpTo: number;
  unsealed: number;
  lastHash: string | null;
}

export async function auditStatus(q: Queryable): Promise<AuditStatus> {
  const { rows } = await q.query<{ sealed: number | null; unsealed: number; hash: string | null }>(
    `SELECT (SELECT max(chain_pos) FROM audit_records) AS sealed,
            (SELECT count(*) FROM audit_records WHERE chain_pos IS NULL)::int AS unsealed,
            (SELECT hash FROM audit_records WHERE chain_pos IS NOT NULL ORDER BY chain_pos DESC LIMIT 1) AS hash`);
  return { sealedUpTo: rows[0].sealed ?? 0, unsealed: rows[0].unsealed, lastHash: rows[0].hash };
}

/** The first record the verification stopped at, as the auditor needs to find it. */
export interface BrokenRecord {
  chainPos: number;
  seq: number;
  tenantId: string;
  at: string;
  action: string;
  objectType: string;
  objectId: string;
  actorName: string | null;
}

export type VerifyResult =
  | { ok: true; verified: number; lastHash: string }
  | { ok: false; verified: number; brokenChainPos: number; brokenSeq: number; check: ChainCheck; reason: string; broken: BrokenRecord };

const brokenRecord = (r: SealedRecord): BrokenRecord => ({
  chainPos: r.chainPos, seq: r.content.seq, tenantId: r.content.tenantId, at: r.content.at, action: r.content.action,
  objectType: r.content.objectType, objectId: r.content.objectId, actorName: r.content.actorName,
});

/**
 * Walks the whole chain in order and names the first broken record: its place, its time and which
 * check it failed. The chain spans every government on the deployment; call it outside a tenant scope.
 */
export async function verifyAudit(q: Queryable): Promise<VerifyResult> {
  let prev = GENESIS_HASH;
  let after = 0;
  let verified = 0;
  for (;;) {
    const { rows } = await q.query(
      'SELECT * FROM audit_records WHERE chain_pos > $1 ORDER BY chain_pos LIMIT $2', [after, BATCH]);
    if (!rows.length) return { ok: true, verified, lastHash: prev };
    const run: SealedRecord[] = rows.map((r) => ({
      chainPos: Number(r.chain_pos), prevHash: r.prev_hash, hash: r.hash, content: contentOf(r),
    }));
    if (run[0].chainPos !== after + 1) {
      return { ok: false, verified, brokenChainPos: run[0].chainPos, brokenSeq: run[0].content.seq, check: 'position',
        reason: `链位置 ${after + 1} 缺失（记录被删除）`, broken: brokenRecord(run[0]) };
    }
    const r = verifyRun(prev, run);
    if (!r.ok) {
      return { ok: false, verified: verified + (r.broken.chainPos - run[0].chainPos), brokenChainPos: r.broken.chainPos,
        brokenSeq: r.broken.content.seq, check: r.check, reason: r.reason, broken: brokenRecord(r.broken) };
    }
    verified += run.length;
    prev = r.lastHash;
    after = run[run.length - 1].chainPos;
  }
}

/** Keeps sealing in the background: woken after audited transactions, and every interval. */
export function startSealer(db: Db, opts: { intervalMs?: number; onError?: (e: unknown) => void } = {}) {
  let running = false;
  let again = false;
  let stopped = false;
  const tick = async () => {
    if (stopped) return;
    if (running) { again = true; return; }
    running = true;
    try {
      do { again = false; await sealAudit(db); } while (again && !stopped);
    } catch (e) {
      opts.onError?.(e);
    } finally {
      running = false;
    }
  };
  let pending: NodeJS.Timeout | null = null;
  const wake = () => {
    if (pending || stopped) return;
    // woken from inside an action's tenant scope; sealing is cross-government system work
    pending = asSystem(() => setTimeout(() => { pending = null; void tick(); }, 50));
  };
  const timer = setInterval(() => void tick(), opts.intervalMs ?? 2000);
  timer.unref();
  return {
    wake,
    async stop() {
      stopped = true;
      clearInterval(timer);
      if (pending) clearTimeout(pending);
      while (running) await new Promise((r) => setTimeout(r, 10));
    },
  };
}
