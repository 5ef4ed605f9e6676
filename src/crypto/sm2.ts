// SM2 signatures (GB/T 32918, via sm-crypto): key pairs for electronic seals, signatures as DER
// (GB/T 35276 SM2 签名值 ASN.1: SEQUENCE { r INTEGER, s INTEGER }), with the SM3 hash of Z_A ‖ M computed
// under the default user id 1234567812345678 (GB/T 35276 §8.1).
import { sm2 } from 'sm-crypto';

export const SM2_OID = '1.2.156.10197.1.501';
export const SM3_OID = '1.2.156.10197.1.401';
export const SM2_DEFAULT_USER_ID = '1234567812345678';

export interface Sm2KeyPair {
  /** uncompressed public key, hex: 04 ‖ x ‖ y */
  publicKey: string;
  /** private key d, 32 bytes */
  privateKey: Buffer;
}

export function generateSm2KeyPair(): Sm2KeyPair {
  const k = sm2.generateKeyPairHex();
  return { publicKey: k.publicKey, privateKey: Buffer.from(k.privateKey.padStart(64, '0'), 'hex') };
}

const OPTIONS = { hash: true, der: true, userId: SM2_DEFAULT_USER_ID } as const;

/** The DER SM2 signature of `message`. */
export function sm2Sign(message: Buffer, privateKey: Buffer): Buffer {
  return Buffer.from(sm2.doSignature(Array.from(message), privateKey.toString('hex'), OPTIONS), 'hex');
}

/** True when `signature` (DER) is the SM2 signature of `message` under `publicKey` (hex, 04 ‖ x ‖ y). */
export function sm2Verify(message: Buffer, signature: Buffer, publicKey: string): boolean {
  if (!/^04[0-9a-f]{128}$/i.test(publicKey)) return false;
  try {
    return sm2.doVerifySignature(Array.from(message), signature.toString('hex'), publicKey, OPTIONS);
  } catch {
    return false;
  }
}
