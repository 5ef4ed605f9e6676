// The seal registry and the sealed files in the database (migration 0970_seals.sql).
import type { Queryable } from '../../store/db.ts';
import type { Seal } from '../../domain/seals/index.ts';

export interface SealRow extends Seal { privateKeySealed: string; createdAt: string; createdBy: string }

const toSeal = (r: any): SealRow => ({
  id: r.id, tenantId: r.tenant_id, name: r.name, ownerUnitId: r.owner_unit_id, publicKey: r.public_key,
  revokedAt: r.revoked_at ? new Date(r.revoked_at).toISOString() : null, privateKeySealed: r.private_key_sealed,
  createdAt: new Date(r.created_at).toISOString(), createdBy: r.created_by,
});

export async function sealsOf(tx: Queryable, tenantId: string): Promise<SealRow[]> {
  const { rows } = await tx.query(`SELECT * FROM seals WHERE tenant_id = $1 ORDER BY created_at, id`, [tenantId]);
  return rows.map(toSeal);
}

export async function sealById(tx: Queryable, tenantId: string, id: string): Promise<SealRow | null> {
  const { rows } = await tx.query(`SELECT * FROM seals WHERE tenant_id = $1 AND id = $2`, [tenantId, id]);
  return rows[0] ? toSeal(rows[0]) : null;
}

/** The seal in use of a unit: its newest seal not revoked. */
export async function currentSealOf(tx: Queryable, tenantId: string, unitId: string): Promise<SealRow | null> {
  const { rows } = await tx.query(
    `SELECT * FROM seals WHERE tenant_id = $1 AND owner_unit_id = $2 AND revoked_at IS NULL ORDER BY created_at DESC, id DESC LIMIT 1`, [tenantId, unitId]);
  return rows[0] ? toSeal(rows[0]) : null;
}

export interface SealedFile { sealId: string; sealName: string; ofd: Buffer; ofdSm3: string; contentSm3: string; sealedAt: string; sealedBy: string }

/** The sealed OFD of a document, fixed at 印发; null when it was issued without a seal. */
export async function sealedFileOf(tx: Queryable, tenantId: string, documentId: string): Promise<SealedFile | null> {
  const { rows } = await tx.query<any>(
    `SELECT ds.*, s.name AS seal_name FROM document_seals ds JOIN seals s ON s.tenant_id = ds.tenant_id AND s.id = ds.seal_id
      WHERE ds.tenant_id = $1 AND ds.document_id = $2`, [tenantId, documentId]);
  const r = rows[0];
  if (!r) return null;
  return { sealId: r.seal_id, sealName: r.seal_name, ofd: Buffer.from(r.ofd), ofdSm3: r.ofd_sm3, contentSm3: r.content_sm3,
    sealedAt: new Date(r.sealed_at).toISOString(), sealedBy: r.sealed_by };
}
