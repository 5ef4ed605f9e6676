import type { Db, Queryable } from '../../store/db.ts';
import { asSystem } from '../../store/scope.ts';
import type { KeyRing } from '../../crypto/keys.ts';
import { blindIndex, isSealed, openOptional, sealedKeyId, sealOptional } from '../../crypto/sm4.ts';

// Personal data of the public, sealed at rest with SM4 (GB/T 39786-2021 应用和数据层 重要数据存储机密性、
// 完整性; 《个人信息保护法》第五十一条): 依申请公开 applicants (name, identity document, contact) and the
// parties of 建议提案、信访、复议、诉讼 cases. The clear value never reaches the database, the search
// index or the audit record; what must be found is found by a blind index (exact match).
//
// Each field is listed here once — the code that writes and reads it, the key-rotation command and
// docs/crypto.md all follow this table.

export interface PersonalField {
  table: string;
  column: string;
  /** binds the sealed value to its field: it cannot be moved into another one and read */
  purpose: string;
  /** column holding the blind index for exact-match search, where the field is searched */
  index?: string;
  label: string;
}

export const PERSONAL_FIELDS: readonly PersonalField[] = [
  { table: 'disclosure_requests', column: 'requester_name', purpose: 'openness.requester_name', index: 'requester_name_index', label: '依申请公开 申请人姓名或名称' },
  { table: 'disclosure_requests', column: 'identity', purpose: 'openness.identity', label: '依申请公开 申请人身份证件号码或统一社会信用代码' },
  { table: 'disclosure_requests', column: 'contact', purpose: 'openness.contact', label: '依申请公开 申请人联系方式（电话、电子邮箱、地址）' },
  { table: 'acc_cases', column: 'party', purpose: 'accountability.party', index: 'party_index', label: '建议提案、信访、复议、诉讼的提出人或当事人' },
];

const field = (table: string, column: string): PersonalField => {
  const f = PERSONAL_FIELDS.find((x) => x.table === table && x.column === column);
  if (!f) throw new Error(`not a personal field: ${table}.${column}`);
  return f;
};


/** Seals a personal field's value for writing. */
export function sealPersonal(ring: KeyRing, table: string, column: string, value: string | null | undefined): string | null {
  return sealOptional(ring, field(table, column).purpose, value);
}

/** Opens a personal field's stored value (values written before sealing was introduced read as they are). */
export function openPersonal(ring: KeyRing, table: string, column: string, stored: string | null | undefined): string | null {
  return openOptional(ring, field(table, column).purpose, stored);
}

/** The blind index of a searchable personal field's value (null for an empty value). */
export function personalIndex(ring: KeyRing, table: string, column: string, value: string | null | undefined): string | null {
  const f = field(table, column);
  if (!f.index) throw new Error(`${table}.${column} is not searched`);
  return value ? blindIndex(ring, f.purpose, value) : null;
}

/**
 * Seals what is still in clear and re-seals what was sealed under a key that is no longer current
 * (after a rotation), with fresh blind indexes. Runs at every start and from `zhengtong keys reseal`;
 * idempotent, in batches, across every government.
 */
export async function resealPersonalData(db: Db, ring: KeyRing, batch = 500): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of [...new Set(PERSONAL_FIELDS.map((f) => f.table))]) {
    const fields = PERSONAL_FIELDS.filter((f) => f.table === table);
    const stale = fields.map((f) => `(${f.column} IS NOT NULL AND ${f.column} <> '' AND (left(${f.column}, 4) <> 'sm4$' OR split_part(${f.column}, '$', 2) <> $1))`).join(' OR ');
    let done = 0;
    for (;;) {
      const n = await asSystem(() => db.transaction(async (tx) => {
        const { rows } = await tx.query(
          `SELECT tenant_id, id, ${fields.map((f) => f.column).join(', ')} FROM ${table}
            WHERE (${stale}) ORDER BY tenant_id, id LIMIT ${batch} FOR UPDATE`, [ring.current]);
        for (const r of rows) await resealRow(tx, ring, table, fields, r);
        return rows.length;
      }));
      done += n;
      if (n < batch) break;
    }
    counts[table] = done;
  }
  return counts;
}

async function resealRow(tx: Queryable, ring: KeyRing, table: string, fields: PersonalField[], r: Record<string, any>) {
  const sets: string[] = [];
  const params: unknown[] = [r.tenant_id, r.id];
  for (const f of fields) {
    const stored: string | null = r[f.column];
    const current = stored && isSealed(stored) && sealedKeyId(stored) === ring.current;
    const clear = current ? null : openOptional(ring, f.purpose, stored);
    if (!current) {
      params.push(sealOptional(ring, f.purpose, clear));
      sets.push(`${f.column} = $${params.length}`);
    }
    if (f.index && !current) {
      params.push(clear ? blindIndex(ring, f.purpose, clear) : null);
      sets.push(`${f.index} = $${params.length}`);
    }
  }
  if (sets.length) await tx.query(`UPDATE ${table} SET ${sets.join(', ')} WHERE tenant_id = $1 AND id = $2`, params);
}
