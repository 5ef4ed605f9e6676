// 电子印章 (docs/seals.md): what a seal is, how it looks, what its signature covers, which documents it
// may seal, and how a verification is judged. Pure: the SM3 digests, the SM2 check and the registry
// look-up are done by the callers and come in as facts.
import type { Violation } from '../shared/violation.ts';

/** A seal of a government, as the registry holds it (the private key never leaves the store). */
export interface Seal {
  id: string;
  tenantId: string;
  /** 印章名称 = the text along the ring, e.g. 武威市人民政府 */
  name: string;
  ownerUnitId: string;
  /** SM2 public key, hex 04 ‖ x ‖ y */
  publicKey: string;
  revokedAt: string | null;
}

/**
 * The form of the seal image. Not in the 工作规则: GB/T 9704-2012 7.3.5.1 fixes only where the seal goes
 * (端正、居中下压署名和成文日期); the round red form with the name along the top arc and a five-pointed
 * star is that of government seals (国务院《关于国家行政机关和企业事业单位社会团体印章管理的规定》
 * 第三条: 圆形，中央刊国徽或五角星), the 42 mm diameter is the common size of a 人民政府 seal.
 */
export const SEAL_FORM = {
  diameter: 42,
  ringWidth: 1.2,
  /** the star's outer radius, as a share of the seal's radius */
  starRadius: 0.33,
  /** the characters' size and the arc they span at most, in degrees */
  charSize: 5.8,
  /** centre-to-centre distance of the characters along the arc, in character sizes */
  charPitch: 1.3,
  /** space between the ring and the characters, mm */
  textGap: 1.4,
  maxArc: 250,
  color: [230, 0, 18] as const,
  source: '国发〔1999〕25号 第三条；GB/T 9704-2012 7.3.5.1',
} as const;

/** One character of the name along the arc: centre (mm from the seal's centre, y downwards), rotation in degrees clockwise. */
export interface SealGlyph { ch: string; x: number; y: number; rotate: number; size: number }

/** The seal image in millimetres, centred on (0, 0), y downwards; every renderer draws exactly this. */
export interface SealDrawing {
  radius: number;
  ring: { radius: number; width: number };
  /** the star's ten corners, outer first */
  star: Array<[number, number]>;
  glyphs: SealGlyph[];
  color: readonly [number, number, number];
}

export function sealDrawing(name: string): SealDrawing {
  const R = SEAL_FORM.diameter / 2;
  const ringR = R - SEAL_FORM.ringWidth / 2;
  const chars = [...name];
  const gaps = Math.max(chars.length - 1, 1);
  // characters as large as the arc allows (at most charSize), each a little more than its size apart
  const radiusFor = (size: number) => R - SEAL_FORM.ringWidth - SEAL_FORM.textGap - size * 0.6;
  let size: number = SEAL_FORM.charSize;
  let step = (size * SEAL_FORM.charPitch) / radiusFor(size) * (180 / Math.PI);
  if (step * gaps > SEAL_FORM.maxArc) {
    step = SEAL_FORM.maxArc / gaps;
    for (let k = 0; k < 3; k++) size = Math.min(SEAL_FORM.charSize, (radiusFor(size) * step * Math.PI) / 180 / SEAL_FORM.charPitch);
  }
  const textR = radiusFor(size);
  const start = -((chars.length - 1) * step) / 2;
  const glyphs = chars.map((ch, i) => {
    const deg = start + i * step;
    const rad = (deg * Math.PI) / 180;
    return { ch, x: round(textR * Math.sin(rad)), y: round(-textR * Math.cos(rad)), rotate: round(deg), size: round(size) };
  });
  const outer = R * SEAL_FORM.starRadius;
  const inner = outer * 0.382;
  const star: Array<[number, number]> = [];
  for (let k = 0; k < 10; k++) {
    const r = k % 2 === 0 ? outer : inner;
    const a = (k * 36 * Math.PI) / 180;
    star.push([round(r * Math.sin(a)), round(-r * Math.cos(a))]);
  }
  return { radius: R, ring: { radius: ringR, width: SEAL_FORM.ringWidth }, star, glyphs, color: SEAL_FORM.color };
}

const round = (v: number) => Math.round(v * 1000) / 1000;

// ---------------------------------------------------------------- who may seal what

/** The issuing side of a document: its government and the unit whose name it is issued under. */
export interface Issuer { tenantId: string; unitId: string | null; name: string }

/** A seal seals only documents of its owner unit in its own government, and only while not revoked. */
export function sealUseViolations(seal: Seal, issuer: Issuer): Violation[] {
  const out: Violation[] = [];
  if (seal.tenantId !== issuer.tenantId) {
    out.push({ code: 'SEAL.OTHER_GOVERNMENT', message: '不能使用其他政府的电子印章', details: { sealId: seal.id, seal: seal.name } });
  } else if (seal.ownerUnitId !== issuer.unitId) {
    out.push({ code: 'SEAL.NOT_OWNER', message: `电子印章“${seal.name}”不属于发文机关${issuer.name}`, details: { sealId: seal.id, seal: seal.name, issuer: issuer.name } });
  }
  if (seal.revokedAt) out.push({ code: 'SEAL.REVOKED', message: `电子印章“${seal.name}”已停用`, details: { sealId: seal.id, revokedAt: seal.revokedAt } });
  return out;
}

// ---------------------------------------------------------------- what is signed, and the verdict

/** The files of an OFD package that hold a signature and so are not covered by it (docs/seals.md). */
export function isSignatureFile(path: string): boolean {
  return /^Doc_0\/Signs\/Signatures\.xml$/.test(path) || /^Doc_0\/Signs\/Sign_\d+\/(Signature\.xml|SignedValue\.dat)$/.test(path);
}

/** A signed reference: a file of the package and its SM3 digest (base64), as in Signature.xml. */
export interface Reference { fileRef: string; checkValue: string }

export type SealVerdict =
  | { status: 'valid'; sealId: string; sealName: string; ownerUnit: string; signedAt: string; registry: 'registered' | 'not_checked' }
  | { status: 'altered'; entry: string; reason: 'digest' | 'missing' | 'uncovered' | 'signature' | 'malformed'; sealId: string | null }
  | { status: 'unknown_seal'; sealId: string; sealName: string }
  | { status: 'unsigned' };

/** Facts of one verification, gathered by the reader of the file. */
export interface VerificationFacts {
  signed: boolean;
  /** the structure could not be read: which file */
  malformed?: string | null;
  seal?: { id: string; name: string; ownerUnit: string; publicKey: string; signedAt: string };
  references?: Reference[];
  /** SM3 (base64) of every file of the package */
  digests?: ReadonlyMap<string, string>;
  /** the SM2 signature over SignedInfo verifies with the public key in the seal file */
  signatureValid?: boolean;
  /** the registry's public key for the seal id; null when unknown there; undefined when no registry was asked */
  registered?: string | null;
}

const refPath = (fileRef: string) => fileRef.replace(/^\//, '');

/**
 * The verdict: altered when any signed file differs, is missing, or a file was added that the signature
 * does not cover, or the signature does not verify; unknown_seal when intact but signed by a seal the
 * government's registry does not hold (or holds with another key); otherwise valid.
 */
export function judge(f: VerificationFacts): SealVerdict {
  if (!f.signed) return { status: 'unsigned' };
  const sealId = f.seal?.id ?? null;
  if (f.malformed || !f.seal || !f.references || !f.digests) return { status: 'altered', entry: f.malformed ?? 'Doc_0/Signs', reason: 'malformed', sealId };
  const covered = new Set<string>();
  for (const r of f.references) {
    const path = refPath(r.fileRef);
    covered.add(path);
    const actual = f.digests.get(path);
    if (actual === undefined) return { status: 'altered', entry: path, reason: 'missing', sealId };
    if (actual !== r.checkValue) return { status: 'altered', entry: path, reason: 'digest', sealId };
  }
  for (const path of [...f.digests.keys()].sort()) {
    if (!covered.has(path) && !isSignatureFile(path)) return { status: 'altered', entry: path, reason: 'uncovered', sealId };
  }
  if (!f.signatureValid) return { status: 'altered', entry: 'Doc_0/Signs/Sign_0/SignedValue.dat', reason: 'signature', sealId };
  if (f.registered === null || (f.registered !== undefined && f.registered.toLowerCase() !== f.seal.publicKey.toLowerCase())) {
    return { status: 'unknown_seal', sealId: f.seal.id, sealName: f.seal.name };
  }
  return {
    status: 'valid', sealId: f.seal.id, sealName: f.seal.name, ownerUnit: f.seal.ownerUnit, signedAt: f.seal.signedAt,
    registry: f.registered === undefined ? 'not_checked' : 'registered',
  };
}

const REASONS: Record<Extract<SealVerdict, { status: 'altered' }>['reason'], string> = {
  digest: '内容与签章时不一致', missing: '签章时的文件已缺失', uncovered: '签章后新增了文件', signature: '签名值验证失败', malformed: '签章结构无法读取',
};

/** The verdict in Chinese, as the document page and the CLI show it. */
export function verdictLabel(v: SealVerdict): string {
  switch (v.status) {
    case 'valid': return `电子印章：有效（${v.sealName}${v.registry === 'not_checked' ? '，未核对印章登记' : ''}）`;
    case 'altered': return `电子印章：已被改动（${v.entry}：${REASONS[v.reason]}）`;
    case 'unknown_seal': return `电子印章：未知印章（${v.sealName}，编号 ${v.sealId} 不在本政府的印章登记中）`;
    case 'unsigned': return '未加盖电子印章';
  }
}
