// 电子印章 (docs/seals.md): a government's seals (created by its administrator, the private key under SM4),
// applied at 印发 to the document's OFD (seal image over the 成文日期 and an SM2 signature over every file
// of the package), and verified — a file uploaded, or the sealed file of a document.
import { createHash } from 'node:crypto';
import { AppError, refusal } from '../../errors/index.ts';
import { runUseCase, type Actor, type AppDeps, type UseCaseContext } from '../context.ts';
import { can } from '../auth/roles.ts';
import { sealUseViolations, verdictLabel, type SealVerdict } from '../../domain/seals/index.ts';
import type { Org, Unit } from '../../domain/org/index.ts';
import { generateSm2KeyPair, sm2Sign } from '../../crypto/sm2.ts';
import { keyRing } from '../../crypto/keys.ts';
import { openBytes, sealBytes } from '../../crypto/sm4.ts';
import { digestOf, renderOfd, verifyOfd, type OfdSeal } from '../../output/index.ts';
import { orgPort } from '../documents/ports.ts';
import { loadDoc, newId, today, type DocRow } from '../documents/common.ts';
import { outputModelIn } from '../documents/files.ts';
import { currentSealOf, sealById, sealedFileOf, sealsOf, type SealRow } from './store.ts';

/** The permission to apply a seal at 印发, and to manage a government's seals. */
export const SEAL_APPLY = 'seals.apply';
export const SEAL_MANAGE = 'seals.manage';

/** The private key is sealed for this seal only: a key moved to another row does not open. */
const keyPurpose = (sealId: string) => `seal.private-key:${sealId}`;
const sm3Hex = (b: Buffer) => createHash('sm3').update(b).digest('hex');

export interface SealView { id: string; name: string; ownerUnitId: string; ownerUnit: string; publicKey: string; createdAt: string; createdBy: string; revokedAt: string | null }

const view = (s: SealRow, org: Org): SealView => ({
  id: s.id, name: s.name, ownerUnitId: s.ownerUnitId, ownerUnit: org.units.find((u) => u.id === s.ownerUnitId)?.name ?? s.ownerUnitId,
  publicKey: s.publicKey, createdAt: s.createdAt, createdBy: s.createdBy, revokedAt: s.revokedAt,
});

/** Creates a seal of a unit inside a use case: a new SM2 key pair, the private key sealed with SM4. */
export async function insertSeal(ctx: UseCaseContext, unit: Unit, name = unit.name): Promise<string> {
  const id = newId('seal');
  const keys = generateSm2KeyPair();
  await ctx.tx.query(
    `INSERT INTO seals (tenant_id, id, name, owner_unit_id, public_key, private_key_sealed, created_at, created_by) VALUES ($1,$2,$3,$4,$5,$6,$7,$8)`,
    [ctx.actor.tenantId, id, name, unit.id, keys.publicKey, sealBytes(keyRing(), keyPurpose(id), keys.privateKey), ctx.now, ctx.actor.name]);
  keys.privateKey.fill(0);
  await ctx.audit({ action: 'seal.created', objectType: 'seal', objectId: id, payload: { name, ownerUnitId: unit.id, publicKey: keys.publicKey } });
  return id;
}

export async function createSeal(deps: AppDeps, actor: Actor, input: { ownerUnitId: string; name?: string }): Promise<SealView> {
  return runUseCase(deps, actor, async (ctx) => {
    const org = await (await orgPort()).load(ctx.tx, actor.tenantId);
    const unit = org.units.find((u) => u.id === input.ownerUnitId);
    if (!unit) throw new AppError('SEAL.UNIT_NOT_FOUND', { details: { ownerUnitId: input.ownerUnitId } });
    const name = (input.name ?? unit.name).trim();
    if ([...name].length < 2 || [...name].length > 24) throw new AppError('SEAL.NAME_INVALID');
    const id = await insertSeal(ctx, unit, name);
    return view((await sealById(ctx.tx, actor.tenantId, id))!, org);
  });
}

export async function listSeals(deps: AppDeps, actor: Actor): Promise<SealView[]> {
  return runUseCase(deps, actor, async (ctx) => {
    const org = await (await orgPort()).load(ctx.tx, actor.tenantId);
    return (await sealsOf(ctx.tx, actor.tenantId)).map((s) => view(s, org));
  });
}

/** 停用: a revoked seal seals nothing more; what it sealed still verifies (the registry keeps its key). */
export async function revokeSeal(deps: AppDeps, actor: Actor, id: string): Promise<SealView> {
  return runUseCase(deps, actor, async (ctx) => {
    const org = await (await orgPort()).load(ctx.tx, actor.tenantId);
    const s = await sealById(ctx.tx, actor.tenantId, id);
    if (!s) throw new AppError('SEAL.NOT_FOUND');
    if (s.revokedAt) throw new AppError('SEAL.REVOKED');
    await ctx.tx.query(`UPDATE seals SET revoked_at = $3 WHERE tenant_id = $1 AND id = $2`, [actor.tenantId, id, ctx.now]);
    await ctx.audit({ action: 'seal.revoked', objectType: 'seal', objectId: id, payload: { name: s.name } });
    return view((await sealById(ctx.tx, actor.tenantId, id))!, org);
  });
}

/** The unit a document is issued under: its recorded issuer unit, else the unit of the 发文机关 name. */
function issuingUnit(org: Org, d: DocRow): Unit | undefined {
  return (d.issuer_unit_id ? org.units.find((u) => u.id === d.issuer_unit_id) : undefined) ?? org.units.find((u) => u.name === d.issuer_name);
}

export type SealOutcome =
  | { status: 'sealed'; sealId: string; sealName: string; ofdSm3: string }
  | { status: 'unsealed'; reason: 'no_seal' | 'not_permitted'; label: string };

/**
 * Seals a document's OFD with the seal given (or its issuing unit's seal in use) and stores the sealed file.
 * Refused with every reason when the seal is not the issuer's, of another government, or revoked.
 */
async function sealDocument(ctx: UseCaseContext, d: DocRow, org: Org, seal: SealRow): Promise<SealOutcome & { status: 'sealed' }> {
  const unit = issuingUnit(org, d);
  const v = sealUseViolations(seal, { tenantId: ctx.actor.tenantId, unitId: unit?.id ?? null, name: d.issuer_name });
  if (v.length) throw refusal(v.length === 1 ? v[0].code : 'SEAL.REFUSED', v);
  const model = { ...(await outputModelIn(ctx, d, org)), seal: { id: seal.id, name: seal.name } };
  const privateKey = openBytes(keyRing(), keyPurpose(seal.id), seal.privateKeySealed);
  let ofd: Buffer;
  try {
    ofd = await renderOfd(model, {
      seal: { id: seal.id, name: seal.name, ownerUnit: unit!.name, government: ctx.actor.tenantId, publicKey: seal.publicKey },
      sign: (message) => sm2Sign(message, privateKey),
      at: ctx.now,
    });
  } finally {
    privateKey.fill(0);
  }
  const ofdSm3 = sm3Hex(ofd);
  await ctx.tx.query(
    `INSERT INTO document_seals (tenant_id, document_id, seal_id, ofd, ofd_sm3, content_sm3, sealed_at, sealed_by) VALUES ($1,$2,$3,$4,$5,$6,$7,$8)`,
    [ctx.actor.tenantId, d.id, seal.id, ofd, ofdSm3, digestOf(model), ctx.now, ctx.actor.name]);
  const label = `加盖电子印章：${seal.name}（OFD SM3 ${ofdSm3.slice(0, 16)}…）`;
  const payload = { sealId: seal.id, seal: seal.name, documentId: d.id, docNumber: d.doc_number, ofdSm3, label };
  await ctx.audit({ action: 'seal.applied', objectType: 'document', objectId: d.id, payload }, {
    sql: `INSERT INTO document_events (tenant_id, document_id, at, actor_name, actor_person_id, action, label, article, payload)
          VALUES ($1,$2,$3,$4,$5,'sealed',$6,NULL,$7)`,
    params: [ctx.actor.tenantId, d.id, ctx.now, ctx.actor.name, ctx.actor.personId, label, JSON.stringify(payload)],
  });
  return { status: 'sealed', sealId: seal.id, sealName: seal.name, ofdSm3 };
}

/**
 * At 印发 (called by the issue use case, after the state and the issued date are written): the OFD is
 * sealed with the issuing unit's seal. Without a seal of the issuer, or without the permission to apply
 * it, the document is still issued and its trail says 未加盖电子印章 and why (docs/seals.md).
 */
export async function sealAtIssue(ctx: UseCaseContext, d: DocRow, org: Org): Promise<SealOutcome> {
  const unit = issuingUnit(org, d);
  const seal = unit ? await currentSealOf(ctx.tx, ctx.actor.tenantId, unit.id) : null;
  const unsealed = async (reason: 'no_seal' | 'not_permitted', label: string): Promise<SealOutcome> => {
    await ctx.audit({ action: 'seal.not_applied', objectType: 'document', objectId: d.id, payload: { reason, label } }, {
      sql: `INSERT INTO document_events (tenant_id, document_id, at, actor_name, actor_person_id, action, label, article, payload)
            VALUES ($1,$2,$3,$4,$5,'seal_not_applied',$6,NULL,$7)`,
      params: [ctx.actor.tenantId, d.id, ctx.now, ctx.actor.name, ctx.actor.personId, label, JSON.stringify({ reason })],
    });
    return { status: 'unsealed', reason, label };
  };
  if (!seal) return unsealed('no_seal', `未加盖电子印章：发文机关${d.issuer_name}没有电子印章`);
  if (!can(ctx.actor.roles, SEAL_APPLY)) return unsealed('not_permitted', `未加盖电子印章：${ctx.actor.name}没有用印权限`);
  return sealDocument(ctx, d, org, seal);
}

/** 补盖: seals an issued document that was issued without a seal (with the seal given, or its issuer's). */
export async function applySeal(deps: AppDeps, actor: Actor, documentId: string, input: { sealId?: string } = {}) {
  return runUseCase(deps, actor, async (ctx) => {
    if (!can(actor.roles, SEAL_APPLY)) throw new AppError('SEAL.NOT_PERMITTED');
    const org = await (await orgPort()).load(ctx.tx, actor.tenantId);
    const d = await loadDoc(ctx.tx, actor, documentId, { lock: true, org, day: today(ctx) });
    if (d.flow !== 'outgoing' || !['issued', 'distributed'].includes(d.state)) throw new AppError('SEAL.NOT_ISSUED');
    if (await sealedFileOf(ctx.tx, actor.tenantId, d.id)) throw new AppError('SEAL.ALREADY_SEALED');
    let seal: SealRow | null;
    if (input.sealId) {
      seal = await sealById(ctx.tx, actor.tenantId, input.sealId);
      // a seal of another government is not visible here: the registry of this government does not hold it
      if (!seal) throw new AppError('SEAL.NOT_FOUND', { details: { sealId: input.sealId } });
    } else {
      const unit = issuingUnit(org, d);
      seal = unit ? await currentSealOf(ctx.tx, actor.tenantId, unit.id) : null;
      if (!seal) throw new AppError('SEAL.NO_SEAL', { details: { issuer: d.issuer_name } });
    }
    return sealDocument(ctx, d, org, seal);
  });
}

export interface SealCheck { verdict: SealVerdict; label: string; seal: OfdSeal | null }

/** The registry of the actor's government: the public key it holds for the seal, or null. */
const registryIn = (ctx: UseCaseContext) => async (seal: OfdSeal) =>
  (await sealById(ctx.tx, ctx.actor.tenantId, seal.id))?.publicKey ?? null;

/** Verifies an OFD file against this government's seal registry. */
export async function verifySealedFile(deps: AppDeps, actor: Actor, file: Buffer): Promise<SealCheck> {
  return runUseCase(deps, actor, async (ctx) => {
    const { verdict, seal } = await verifyOfd(file, registryIn(ctx));
    return { verdict, label: verdictLabel(verdict), seal };
  });
}

/** The seal verdict of a document's stored sealed OFD (unsigned when it was issued without one). */
export async function documentSealCheck(deps: AppDeps, actor: Actor, documentId: string): Promise<SealCheck & { sealedAt: string | null; sealedBy: string | null; ofdSm3: string | null }> {
  return runUseCase(deps, actor, async (ctx) => {
    const org = await (await orgPort()).load(ctx.tx, actor.tenantId);
    await loadDoc(ctx.tx, actor, documentId, { org, day: today(ctx) });
    const file = await sealedFileOf(ctx.tx, actor.tenantId, documentId);
    if (!file) return { verdict: { status: 'unsigned' as const }, label: verdictLabel({ status: 'unsigned' }), seal: null, sealedAt: null, sealedBy: null, ofdSm3: null };
    const { verdict, seal } = await verifyOfd(file.ofd, registryIn(ctx));
    return { verdict, label: verdictLabel(verdict), seal, sealedAt: file.sealedAt, sealedBy: file.sealedBy, ofdSm3: file.ofdSm3 };
  });
}

/** Demo data: a seal for the government's own unit and for its office (the 发文机关 of the demo documents). */
export async function seedDemoSeals(ctx: UseCaseContext): Promise<void> {
  const org = await (await orgPort()).load(ctx.tx, ctx.actor.tenantId);
  const gov = org.units.find((u) => u.name === org.tenant.name) ?? org.units.find((u) => u.kind === 'municipal_government' && !u.parentId);
  if (!gov) return;
  const office = org.units.filter((u) => u.kind === 'government_office' && u.parentId === gov.id);
  for (const unit of [gov, ...office]) {
    if (!(await currentSealOf(ctx.tx, ctx.actor.tenantId, unit.id))) await insertSeal(ctx, unit);
  }
}
