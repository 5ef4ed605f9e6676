// The OFD signature structure (GB/T 33190-2016 §18 数字签名; docs/seals.md): OFD.xml names
// Doc_0/Signs/Signatures.xml, which lists one Signature of Type Seal; its Signature.xml holds the
// SignedInfo — Provider, SignatureMethod (SM2), SignatureDateTime, the References with the SM3 digest of
// every file of the package but the signature files, the StampAnnot (page and boundary of the seal) and
// the seal file — and points to SignedValue.dat, the DER SM2 signature of the SignedInfo element's bytes.
//
// Where the public standards leave us to choose (GB/T 38540's SES_Signature/SES_Seal are ASN.1 that we do
// not write): the seal file Seal.xml is a small XML seal descriptor (id, name, owner, government, SM2
// public key, form of the image) covered by the signature like any other file; the signed message is the
// SignedInfo element exactly as written (no XML canonicalisation: a verifier hashes those bytes).
import { createHash } from 'node:crypto';
import JSZip from 'jszip';
import { isSignatureFile, judge, SEAL_FORM, type Reference, type SealVerdict, type VerificationFacts } from '../domain/seals/index.ts';
import { SM2_OID, SM3_OID, sm2Verify } from '../crypto/sm2.ts';
import { AppError } from '../errors/index.ts';

const NS = 'http://www.ofdspec.org/2016';
const ZT_NS = 'urn:zhengtong:seal:1';
const XML = '<?xml version="1.0" encoding="UTF-8"?>\n';
const SM2_PUBLIC_KEY_OID = '1.2.156.10197.1.301';
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const unesc = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
const n = (v: number) => String(Math.round(v * 1000) / 1000);

export const SIGNATURES_PATH = 'Doc_0/Signs/Signatures.xml';
export const SIGN_DIR = 'Doc_0/Signs/Sign_0';

/** Who signs: the seal as it is written into the file, and the SM2 signing operation (the private key stays with the caller). */
export interface OfdSigner {
  seal: { id: string; name: string; ownerUnit: string; government: string; publicKey: string };
  /** DER SM2 signature of the message */
  sign(message: Buffer): Buffer;
  at: Date;
}

export const sm3Base64 = (b: Buffer | string) => createHash('sm3').update(b).digest('base64');

/** yyyyMMddHHmmssZ (UTC), the GeneralizedTime form also used by GB/T 38540. */
const signatureTime = (d: Date) => d.toISOString().replace(/[-:T]/g, '').replace(/\.\d+Z$/, 'Z');

/** The seal descriptor written as Seal.xml. */
function sealFile(s: OfdSigner['seal']): string {
  return `${XML}<zt:Seal xmlns:zt="${ZT_NS}" Version="1"><zt:SealID>${esc(s.id)}</zt:SealID><zt:Name>${esc(s.name)}</zt:Name>` +
    `<zt:OwnerUnit>${esc(s.ownerUnit)}</zt:OwnerUnit><zt:Government>${esc(s.government)}</zt:Government>` +
    `<zt:PublicKey Algorithm="${SM2_PUBLIC_KEY_OID}">${s.publicKey}</zt:PublicKey>` +
    `<zt:Picture Type="Vector" Diameter="${SEAL_FORM.diameter}" Color="${SEAL_FORM.color.join(' ')}"/></zt:Seal>`;
}

/**
 * The signature files for a package whose other files are `entries` (path → bytes, OFD.xml already
 * naming Signatures.xml): Seal.xml first (it is signed too), then Signature.xml, SignedValue.dat and
 * Signatures.xml. `stamp` is where the seal image is: the page's ID and the boundary in mm.
 */
export function signatureFiles(entries: ReadonlyMap<string, Buffer>, signer: OfdSigner, stamp: { pageId: number; boundary: [number, number, number, number] }): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  out.set(`${SIGN_DIR}/Seal.xml`, Buffer.from(sealFile(signer.seal), 'utf8'));
  const all = new Map([...entries, ...out]);
  const refs = [...all.keys()].filter((p) => !isSignatureFile(p)).sort()
    .map((p) => `<ofd:Reference FileRef="/${esc(p)}"><ofd:CheckValue>${sm3Base64(all.get(p)!)}</ofd:CheckValue></ofd:Reference>`);
  const signedInfo =
    `<ofd:SignedInfo><ofd:Provider ProviderName="政通" Version="1.0" Company="${esc(signer.seal.ownerUnit)}"/>` +
    `<ofd:SignatureMethod>${SM2_OID}</ofd:SignatureMethod><ofd:SignatureDateTime>${signatureTime(signer.at)}</ofd:SignatureDateTime>` +
    `<ofd:References CheckMethod="${SM3_OID}">${refs.join('')}</ofd:References>` +
    `<ofd:StampAnnot ID="1" PageRef="${stamp.pageId}" Boundary="${stamp.boundary.map(n).join(' ')}"/>` +
    `<ofd:Seal><ofd:BaseLoc>/${SIGN_DIR}/Seal.xml</ofd:BaseLoc></ofd:Seal></ofd:SignedInfo>`;
  const value = signer.sign(Buffer.from(signedInfo, 'utf8'));
  out.set(`${SIGN_DIR}/Signature.xml`, Buffer.from(`${XML}<ofd:Signature xmlns:ofd="${NS}">${signedInfo}<ofd:SignedValue>/${SIGN_DIR}/SignedValue.dat</ofd:SignedValue></ofd:Signature>`, 'utf8'));
  out.set(`${SIGN_DIR}/SignedValue.dat`, value);
  out.set(SIGNATURES_PATH, Buffer.from(`${XML}<ofd:Signatures xmlns:ofd="${NS}"><ofd:MaxSignId>1</ofd:MaxSignId>` +
    `<ofd:Signature ID="1" Type="Seal" BaseLoc="Sign_0/Signature.xml"/></ofd:Signatures>`, 'utf8'));
  return out;
}

/** What a signed OFD says about its seal, without judging it. */
export interface OfdSeal { id: string; name: string; ownerUnit: string; government: string; publicKey: string; signedAt: string }

/** A path of the package from a location written relative to `dir` or absolute (ST_Loc). */
const resolve = (loc: string, dir: string) => (loc.startsWith("/") ? loc.slice(1) : dir ? `${dir}/${loc}` : loc).replace(/\/\.\//g, '/');

/**
 * Verifies the seal of an OFD file: every signed file's SM3, that nothing unsigned was added, the SM2
 * signature with the public key of the seal file, and — when `registry` is given — that the seal is
 * one of the government's (registry returns the registered public key, or null).
 */
export async function verifyOfd(file: Buffer, registry?: (seal: OfdSeal) => Promise<string | null>): Promise<{ verdict: SealVerdict; seal: OfdSeal | null }> {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(file);
  } catch {
    throw new AppError('SEAL.NOT_OFD');
  }
  const ofdXml = zip.file('OFD.xml');
  if (!ofdXml) throw new AppError('SEAL.NOT_OFD');
  const digests = new Map<string, string>();
  const bytes = new Map<string, Buffer>();
  for (const f of Object.values(zip.files)) {
    if (f.dir) continue;
    const b = await f.async('nodebuffer');
    bytes.set(f.name, b);
    digests.set(f.name, sm3Base64(b));
  }
  const text = (p: string) => bytes.get(p)?.toString('utf8');
  const signaturesLoc = /<ofd:Signatures>([^<]+)<\/ofd:Signatures>/.exec(text('OFD.xml')!)?.[1];
  if (!signaturesLoc) return { verdict: judge({ signed: false }), seal: null };
  const sigsPath = resolve(unesc(signaturesLoc.trim()), '');
  const malformed = (entry: string) => ({ verdict: judge({ signed: true, malformed: entry }), seal: null });
  const sigs = text(sigsPath);
  if (!sigs) return malformed(sigsPath);
  const base = /<ofd:Signature\b[^>]*\bBaseLoc="([^"]+)"/.exec(sigs)?.[1];
  if (!base) return malformed(sigsPath);
  const sigPath = resolve(unesc(base), sigsPath.replace(/\/[^/]*$/, ''));
  const sigXml = text(sigPath);
  const signedInfo = sigXml ? /<ofd:SignedInfo>[\s\S]*<\/ofd:SignedInfo>/.exec(sigXml)?.[0] : undefined;
  if (!sigXml || !signedInfo) return malformed(sigPath);
  const sigDir = sigPath.replace(/\/[^/]*$/, '');
  const sealLoc = /<ofd:Seal>\s*<ofd:BaseLoc>([^<]+)<\/ofd:BaseLoc>/.exec(signedInfo)?.[1];
  const valueLoc = /<ofd:SignedValue>([^<]+)<\/ofd:SignedValue>/.exec(sigXml)?.[1];
  const sealXml = sealLoc ? text(resolve(unesc(sealLoc.trim()), sigDir)) : undefined;
  const value = valueLoc ? bytes.get(resolve(unesc(valueLoc.trim()), sigDir)) : undefined;
  if (!sealXml || !value) return malformed(sigPath);
  const field = (name: string) => {
    const m = new RegExp(`<zt:${name}\\b[^>]*>([^<]*)</zt:${name}>`).exec(sealXml);
    return m ? unesc(m[1]!) : '';
  };
  const seal: OfdSeal = {
    id: field('SealID'), name: field('Name'), ownerUnit: field('OwnerUnit'), government: field('Government'), publicKey: field('PublicKey'),
    signedAt: /<ofd:SignatureDateTime>([^<]*)</.exec(signedInfo)?.[1] ?? '',
  };
  if (!seal.id || !seal.publicKey) return malformed(resolve(unesc(sealLoc!.trim()), sigDir));
  const references: Reference[] = [...signedInfo.matchAll(/<ofd:Reference FileRef="([^"]+)">\s*<ofd:CheckValue>([^<]*)<\/ofd:CheckValue>/g)]
    .map((m) => ({ fileRef: unesc(m[1]!), checkValue: m[2]!.trim() }));
  const facts: VerificationFacts = {
    signed: true,
    seal: { id: seal.id, name: seal.name, ownerUnit: seal.ownerUnit, publicKey: seal.publicKey, signedAt: seal.signedAt },
    references,
    digests,
    signatureValid: sm2Verify(Buffer.from(signedInfo, 'utf8'), value, seal.publicKey),
    ...(registry ? { registered: await registry(seal) } : {}),
  };
  return { verdict: judge(facts), seal };
}
