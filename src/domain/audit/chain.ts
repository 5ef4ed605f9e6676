import { createHash } from 'node:crypto';

// The audit chain: each sealed record's hash covers its content and the previous record's hash, with
// SM3 (GB/T 32905-2016). Changing, removing or reordering any sealed record breaks every hash after it.

export interface AuditContent {
  seq: number;
  tenantId: string;
  at: string; // ISO 8601, UTC, millisecond precision
  actorUserId: string | null;
  actorPersonId: string | null;
  actorName: string | null;
  action: string;
  objectType: string;
  objectId: string;
  article: number | null;
  ip: string | null;
  payload: unknown;
  /** the actor's roles when acting, and whether it is an administrator's action (审计管理); absent on
   *  records written before these were kept, so that their hashes stay what they were */
  actorRoles?: string[];
  adminAction?: boolean;
}

export const GENESIS_HASH = '0'.repeat(64);

/** JSON with object keys sorted at every level, so that jsonb's reordering does not change a hash */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const keys = Object.keys(value as object).filter((k) => (value as any)[k] !== undefined).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson((value as any)[k])}`).join(',')}}`;
}

export function sm3Hex(data: string | Buffer): string {
  return createHash('sm3').update(data).digest('hex');
}

export function chainHash(prevHash: string, chainPos: number, content: AuditContent): string {
  return sm3Hex(`${prevHash}\n${chainPos}\n${canonicalJson(content)}`);
}

export interface SealedRecord {
  chainPos: number;
  prevHash: string;
  hash: string;
  content: AuditContent;
}

/**
 * Which check a record failed: its chain position (a record removed before it), the previous record's
 * hash it carries (removed, inserted or reordered), or its own hash over its content (altered).
 */
export type ChainCheck = 'position' | 'prev_hash' | 'content_hash';

/** Checks a run of sealed records (in chain order) that follows `prevHash`; returns the first broken one. */
export function verifyRun(
  prevHash: string,
  records: SealedRecord[],
): { ok: true; lastHash: string } | { ok: false; broken: SealedRecord; check: ChainCheck; reason: string } {
  let prev = prevHash;
  let expectedPos = records.length ? records[0].chainPos : 0;
  for (const r of records) {
    if (r.chainPos !== expectedPos) return { ok: false, broken: r, check: 'position', reason: `链位置不连续：应为 ${expectedPos}，实为 ${r.chainPos}` };
    if (r.prevHash !== prev) return { ok: false, broken: r, check: 'prev_hash', reason: '前一记录哈希不符（记录被删除、插入或重排）' };
    if (chainHash(prev, r.chainPos, r.content) !== r.hash) return { ok: false, broken: r, check: 'content_hash', reason: '记录内容与哈希不符（记录被篡改）' };
    prev = r.hash;
    expectedPos++;
  }
  return { ok: true, lastHash: prev };
}
