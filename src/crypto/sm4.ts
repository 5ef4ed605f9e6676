import { createCipheriv, createDecipheriv, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { subKey, type KeyRing } from './keys.ts';

// Encryption at rest with the national algorithms: SM4-CBC with a random IV, then HMAC-SM3 over
// everything before it (encrypt-then-MAC), so a changed byte is detected before decryption. A sealed
// value is text and says which key sealed it:
//
//   sm4$<keyId>$<iv, base64url>$<ciphertext, base64url>$<HMAC-SM3, base64url>
//
// `purpose` binds a value to its field (a contact number cannot be moved into another field and read).

const PREFIX = 'sm4';

export class CipherError extends Error {}

export function isSealed(value: string): boolean {
  return value.startsWith(`${PREFIX}$`);
}

function mac(key: Buffer, purpose: string, head: string): Buffer {
  return createHmac('sm3', subKey(key, 'mac')).update(`${purpose}\n${head}`).digest();
}

export function sealText(ring: KeyRing, purpose: string, plain: string): string {
  const key = ring.keys.get(ring.current)!;
  const iv = randomBytes(16);
  const cipher = createCipheriv('sm4-cbc', subKey(key, 'enc'), iv);
  const ct = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  const head = `${PREFIX}$${ring.current}$${iv.toString('base64url')}$${ct.toString('base64url')}`;
  return `${head}$${mac(key, purpose, head).toString('base64url')}`;
}

export function openText(ring: KeyRing, purpose: string, sealed: string): string {
  const parts = sealed.split('$');
  if (parts.length !== 5 || parts[0] !== PREFIX) throw new CipherError('不是加密字段');
  const [, keyId, iv, ct, tag] = parts;
  const key = ring.keys.get(keyId);
  if (!key) throw new CipherError(`未配置密钥 ${keyId}`);
  const expected = mac(key, purpose, parts.slice(0, 4).join('$'));
  const given = Buffer.from(tag, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new CipherError('加密字段校验失败（已被改动）');
  const decipher = createDecipheriv('sm4-cbc', subKey(key, 'enc'), Buffer.from(iv, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(ct, 'base64url')), decipher.final()]).toString('utf8');
}

/** The id of the key a sealed value was written under (rotation re-seals those not under the current key). */
export function sealedKeyId(sealed: string): string | null {
  return isSealed(sealed) ? sealed.split('$')[1] ?? null : null;
}

/** Null-tolerant helpers for optional columns. */
export const sealOptional = (ring: KeyRing, purpose: string, v: string | null | undefined): string | null =>
  v == null || v === '' ? (v ?? null) : sealText(ring, purpose, v);
export const openOptional = (ring: KeyRing, purpose: string, v: string | null | undefined): string | null =>
  v == null || !isSealed(v) ? (v ?? null) : openText(ring, purpose, v);

/**
 * A search index for an encrypted field (盲索引): HMAC-SM3 of the normalised value under the current key's
 * index sub-key, so that exact-match search works without the clear value in the database.
 */
export function blindIndex(ring: KeyRing, purpose: string, value: string): string {
  const key = ring.keys.get(ring.current)!;
  const normal = value.normalize('NFKC').replace(/\s+/g, '').toLowerCase();
  return createHmac('sm3', subKey(key, 'index')).update(`${purpose}\n${normal}`).digest('base64url').slice(0, 32);
}

/** Raw bytes under SM4 (seal private keys): same format, binary payload as base64url text. */
export const sealBytes = (ring: KeyRing, purpose: string, bytes: Buffer): string => sealText(ring, purpose, bytes.toString('base64url'));
export const openBytes = (ring: KeyRing, purpose: string, sealed: string): Buffer => Buffer.from(openText(ring, purpose, sealed), 'base64url');
