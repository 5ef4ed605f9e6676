// 公文交换包 (第七十五条 电子公文传输): what one government sends another — an envelope (封皮) with the
// document's metadata (元数据), its layout file (版式文件, OFD) and attachments (附件), and SM3 digests
// (数字摘要) of every part, of the metadata and of the whole envelope. Modelled on the public structure of
// GB/T 33476 (格式), GB/T 33477 (标识) and GB/T 33480 (元数据); the wire format itself is 政通's own and
// is specified in docs/exchange.md.
// Pure: ids and times come in from the caller.
import { z } from 'zod';
import { canonicalJson, sm3Hex } from '../audit/chain.ts';
import { exchangeErrors } from '../../errors/exchange.ts';
import { isIsoDate } from '../calendar/date.ts';
import type { Direction, Urgency } from '../documents/model.ts';
import type { DocumentParams } from '../documents/params.ts';
import { basedOn } from '../shared/article.ts';
import { accept, refuse, type Decision, type Violation } from '../shared/violation.ts';

/** the format this code writes */
export const FORMAT_VERSION = 'zhengtong-exchange/1';
/** the major version this code reads: any zhengtong-exchange/1 or /1.x */
export const FORMAT_MAJOR = 1;
export const DIGEST_ALGORITHM = 'SM3';
/** 版式文件: GB/T 33190 OFD */
export const OFD_MEDIA_TYPE = 'application/ofd';

/** A 1.x reader accepts a later minor: its added fields are kept (the envelope digest covers them). */
export type FormatVersion = `zhengtong-exchange/1` | `zhengtong-exchange/1.${number}`;

/** 交换包类型: 公文 / 签收回执 / 退文 */
export type PackageKind = 'document' | 'receipt' | 'return';
export const PACKAGE_KIND_LABELS: Record<PackageKind, string> = { document: '公文', receipt: '签收回执', return: '退文' };

/** 发件方 / 收件方: a government on the exchange (its tenant) and the organ's name as printed. */
export interface ExchangeParty {
  tenantId: string;
  /** 机关名称, e.g. 武威市人民政府 */
  organ: string;
}

/** 报送申明: facts the sender declares for the receiver's 初审 (第六十二条); absent ones are confirmed by the receiving clerk. */
export interface SubmissionDeclarations {
  /** the matters of a 请示 (一文一事) */
  matters?: string[];
  /** a 报告 that contains a request (报告夹带请示) */
  containsRequest?: boolean;
  /** 越级行文 … */
  skipsLevel?: boolean;
  /** … and its approval */
  skipLevelApproval?: string | null;
  /** other authorities the same document is also submitted to (多头报文) */
  alsoSentTo?: string[];
  /** addressed to a leader personally, and why that is allowed */
  addressedToLeader?: boolean;
  leaderException?: 'assigned' | 'direct' | null;
  /** a request to issue a 行政规范性文件 (第六十七条) and its materials */
  normative?: boolean;
  highImpact?: boolean;
  hasInterpretation?: boolean;
  hasOpinionPlan?: boolean;
}

/** 元数据 of a sent document (GB/T 33481 / GB/T 9704 elements). */
export interface DocumentMetadata {
  /** 发文机关 */
  issuerName: string;
  /** 发文字号, e.g. 凉政发〔2026〕3号 */
  docNumber: string;
  /** 标题 */
  title: string;
  /** 文种 (请示、报告、通知、批复 …) */
  docType: string;
  /** 行文方向 */
  direction: Direction;
  /** 紧急程度 */
  urgency: Urgency;
  /** 密级: always empty — a marked value is refused (第八十二条) */
  classification: string;
  /** 公开属性 (主动公开 / 依申请公开 / 不予公开), null when the sender has not decided one */
  disclosure: string | null;
  /** 签发人: required on an upward document (《党政机关公文处理工作条例》第九条) */
  signerName: string | null;
  /** 主送机关 */
  principalRecipients: string[];
  /** 抄送机关 */
  copyTo: string[];
  /** 成文日期 YYYY-MM-DD */
  writtenOn: string;
  /** 附件说明: the attachments' names in order */
  attachmentNote: string[];
  /** the 请示 a 批复 answers */
  replyTo: { packageId: string | null; docNumber: string | null } | null;
  /** 报送申明, for an upward document */
  declarations?: SubmissionDeclarations | null;
}

/** 版式文件 or 附件: named, typed, sized and digested; the bytes travel with it (base64 on the wire). */
export interface PackagePart {
  role: 'ofd' | 'attachment';
  name: string;
  mediaType: string;
  /** byte length */
  size: number;
  /** SM3 of the bytes, lowercase hex */
  sm3: string;
  bytes: Uint8Array;
}

/** 数字摘要: SM3, lowercase hex. */
export interface PackageDigests {
  algorithm: 'SM3';
  /** over canonical JSON of metadata (document only) */
  metadata?: string;
  /** over the UTF-8 bytes of the body text (document only) */
  body?: string;
  /** over canonical JSON of the whole envelope without this digest and without the parts' bytes */
  envelope: string;
}

interface EnvelopeBase {
  formatVersion: FormatVersion;
  packageId: string;
  sender: ExchangeParty;
  receiver: ExchangeParty;
  /** 发送时间, ISO 8601 with offset */
  sentAt: string;
  digests: PackageDigests;
}

export interface DocumentPackage extends EnvelopeBase {
  kind: 'document';
  metadata: DocumentMetadata;
  /** 正文 text */
  body: string;
  parts: PackagePart[];
}

/** 签收回执: the receiver has signed for the document (已签收). */
export interface Receipt {
  ofPackageId: string;
  ofDocNumber: string;
  receivedAt: string;
  /** 收文号 given at 登记, when already registered */
  registeredAs: string | null;
  /** the receiving organ */
  by: string;
}

/** One reason of a 退文, with the article it rests on. */
export interface ReturnReason {
  code: string;
  message: string;
  article: number | null;
}

/** 退文: the receiver returns the document at 初审 with every reason. */
export interface ReturnNotice {
  ofPackageId: string;
  ofDocNumber: string;
  at: string;
  reasons: ReturnReason[];
}

export interface ReceiptPackage extends EnvelopeBase { kind: 'receipt'; receipt: Receipt }
export interface ReturnPackage extends EnvelopeBase { kind: 'return'; return: ReturnNotice }

export type ExchangePackage = DocumentPackage | ReceiptPackage | ReturnPackage;

// ---------------------------------------------------------------------------------------------------
// Digests

const utf8 = (s: string) => Buffer.from(s, 'utf8');

/** SM3 of bytes, lowercase hex */
export const partDigest = (bytes: Uint8Array): string => sm3Hex(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
export const metadataDigest = (metadata: DocumentMetadata): string => sm3Hex(utf8(canonicalJson(metadata)));
export const bodyDigest = (body: string): string => sm3Hex(utf8(body));

/** The envelope as the digest sees it: everything except digests.envelope and the parts' bytes. */
export function envelopeView(pkg: ExchangePackage): unknown {
  const { digests, ...rest } = pkg as ExchangePackage & Record<string, unknown>;
  const { envelope: _e, ...otherDigests } = digests;
  const view: Record<string, unknown> = { ...rest, digests: otherDigests };
  if (pkg.kind === 'document') view.parts = pkg.parts.map(({ bytes: _b, ...manifest }) => manifest);
  return view;
}

export const envelopeDigest = (pkg: ExchangePackage): string => sm3Hex(utf8(canonicalJson(envelopeView(pkg))));

/** Fills in the envelope digest (the other digests are already in place). */
export function seal<P extends ExchangePackage>(pkg: P): P {
  const unsealed = { ...pkg, digests: { ...pkg.digests, envelope: '' } } as P;
  return { ...unsealed, digests: { ...unsealed.digests, envelope: envelopeDigest(unsealed) } };
}

// ---------------------------------------------------------------------------------------------------
// Building

export interface PartInput {
  name: string;
  mediaType: string;
  bytes: Uint8Array;
}

export interface DocumentPackageInput {
  packageId: string;
  sentAt: string;
  sender: ExchangeParty;
  receiver: ExchangeParty;
  metadata: DocumentMetadata;
  body: string;
  /** the OFD rendered at 印发 */
  ofd: { name: string; bytes: Uint8Array };
  attachments?: PartInput[];
}

const partOf = (role: PackagePart['role'], p: PartInput): PackagePart => ({
  role, name: p.name, mediaType: p.mediaType, size: p.bytes.byteLength, sm3: partDigest(p.bytes), bytes: p.bytes,
});

/** 公文交换包 for one receiver, with every digest. It refuses nothing: the sender runs verifyPackage before it sends. */
export function buildDocumentPackage(input: DocumentPackageInput): DocumentPackage {
  const parts = [partOf('ofd', { ...input.ofd, mediaType: OFD_MEDIA_TYPE }), ...(input.attachments ?? []).map((a) => partOf('attachment', a))];
  return seal({
    formatVersion: FORMAT_VERSION,
    packageId: input.packageId,
    kind: 'document',
    sender: input.sender,
    receiver: input.receiver,
    sentAt: input.sentAt,
    metadata: input.metadata,
    body: input.body,
    parts,
    digests: { algorithm: DIGEST_ALGORITHM, metadata: metadataDigest(input.metadata), body: bodyDigest(input.body), envelope: '' },
  });
}

// ---------------------------------------------------------------------------------------------------
// Wire form: JSON, the parts' bytes as base64 in `data`

/** The JSON text sent: canonical (sorted keys, no whitespace), so the same package is always the same text. */
export function serializePackage(pkg: ExchangePackage): string {
  if (pkg.kind !== 'document') return canonicalJson(pkg);
  return canonicalJson({ ...pkg, parts: pkg.parts.map(({ bytes, ...m }) => ({ ...m, data: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64') })) });
}

const VERSION_PATTERN = /^zhengtong-exchange\/(\d+)(?:\.(\d+))?$/;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:\d{2})$/;
const HEX64 = /^[0-9a-f]{64}$/;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

const text = z.string().min(1, '不能为空');
const instant = z.string().regex(ISO_INSTANT, '应为带时区的 ISO 8601 时间').refine((s) => !Number.isNaN(Date.parse(s)), '不是真实的时间');
const hex = z.string().regex(HEX64, '应为64位小写十六进制SM3摘要');
const party = z.looseObject({ tenantId: text, organ: text });
const names = z.array(z.string());

// Loose at every level: a later 1.x may add optional fields; they are kept (and covered by the envelope
// digest), never dropped. No defaults and no transforms, so what is parsed is exactly what was digested.
const base = {
  formatVersion: z.string(),
  packageId: text,
  sender: party,
  receiver: party,
  sentAt: instant,
};
const declarations = z.looseObject({
  matters: names.optional(), containsRequest: z.boolean().optional(), skipsLevel: z.boolean().optional(),
  skipLevelApproval: z.string().nullable().optional(), alsoSentTo: names.optional(), addressedToLeader: z.boolean().optional(),
  leaderException: z.enum(['assigned', 'direct']).nullable().optional(), normative: z.boolean().optional(),
  highImpact: z.boolean().optional(), hasInterpretation: z.boolean().optional(), hasOpinionPlan: z.boolean().optional(),
});
const metadata = z.looseObject({
  issuerName: text, docNumber: text, title: text, docType: text,
  direction: z.enum(['upward', 'parallel', 'downward']),
  urgency: z.enum(['normal', 'urgent', 'extra_urgent']),
  classification: z.string(),
  disclosure: z.string().nullable(),
  signerName: z.string().nullable(),
  principalRecipients: names,
  copyTo: names,
  writtenOn: z.string().refine(isIsoDate, '应为真实的日期 YYYY-MM-DD'),
  attachmentNote: names,
  replyTo: z.looseObject({ packageId: z.string().nullable(), docNumber: z.string().nullable() }).nullable(),
  declarations: declarations.nullable().optional(),
});
const wirePart = z.looseObject({
  role: z.enum(['ofd', 'attachment']), name: text, mediaType: text, size: z.number().int().nonnegative(), sm3: hex,
  data: z.string().regex(BASE64, '应为 base64'),
});
const documentSchema = z.looseObject({
  ...base, kind: z.literal('document'), metadata, body: z.string(), parts: z.array(wirePart),
  digests: z.looseObject({ algorithm: z.literal(DIGEST_ALGORITHM), metadata: hex, body: hex, envelope: hex }),
});
const envelopeOnlyDigests = z.looseObject({ algorithm: z.literal(DIGEST_ALGORITHM), envelope: hex });
const receiptSchema = z.looseObject({
  ...base, kind: z.literal('receipt'), digests: envelopeOnlyDigests,
  receipt: z.looseObject({ ofPackageId: text, ofDocNumber: z.string(), receivedAt: instant, registeredAs: z.string().nullable(), by: text }),
});
const returnSchema = z.looseObject({
  ...base, kind: z.literal('return'), digests: envelopeOnlyDigests,
  return: z.looseObject({
    ofPackageId: text, ofDocNumber: z.string(), at: instant,
    reasons: z.array(z.looseObject({ code: text, message: text, article: z.number().int().positive().nullable() })),
  }),
});
const packageSchema = z.discriminatedUnion('kind', [documentSchema, receiptSchema, returnSchema]);

const malformed = (message: string, details?: Record<string, unknown>): Violation => ({ code: 'EXCHANGE.MALFORMED', message, ...(details ? { details } : {}) });

/** Checks a received text's format version: a package of an unknown major (or not of this format) is refused. */
export function versionViolations(formatVersion: unknown): Violation[] {
  const m = typeof formatVersion === 'string' ? VERSION_PATTERN.exec(formatVersion) : null;
  if (!m) {
    return [{ code: 'EXCHANGE.UNSUPPORTED_VERSION', message: `不是政通公文交换格式（formatVersion 为 ${JSON.stringify(formatVersion ?? null)}，应为 ${FORMAT_VERSION}）`,
      details: { formatVersion: formatVersion ?? null, supported: FORMAT_VERSION } }];
  }
  if (Number(m[1]) !== FORMAT_MAJOR) {
    return [{ code: 'EXCHANGE.UNSUPPORTED_VERSION', message: `公文交换格式版本 ${formatVersion} 不受支持，本系统读取 ${FORMAT_VERSION}（及其 1.x 后续版本）`,
      details: { formatVersion, supported: FORMAT_VERSION } }];
  }
  return [];
}

/**
 * Reads the JSON text of a package: the format version first (an unknown major is refused before its
 * shape is judged), then the shape, every problem at once. It does not check digests: verifyPackage does.
 */
export function parsePackage(textIn: string): Decision<ExchangePackage> {
  let raw: unknown;
  try {
    raw = JSON.parse(textIn);
  } catch (e) {
    return refuse([malformed(`交换包不是有效的 JSON：${(e as Error).message}`)]);
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return refuse([malformed('交换包应为 JSON 对象')]);
  const version = versionViolations((raw as Record<string, unknown>).formatVersion);
  if (version.length) return refuse(version);
  const r = packageSchema.safeParse(raw);
  if (!r.success) {
    return refuse(r.error.issues.map((i) => malformed(`字段 ${i.path.join('.') || '(根)'}：${i.message}`, { path: i.path.map(String) })));
  }
  const wire = r.data as Record<string, any>;
  if (wire.kind !== 'document') return accept(wire as ExchangePackage);
  const parts = (wire.parts as Record<string, any>[]).map(({ data, ...m }) => ({ ...m, bytes: new Uint8Array(Buffer.from(data, 'base64')) }));
  return accept({ ...wire, parts } as DocumentPackage);
}

// ---------------------------------------------------------------------------------------------------
// Verification

/** The articles a refusal cites: the 密级 rule, and the rule that documents sent up follow the 条例 (行文规则). */
export interface ExchangeArticles {
  classification: number;
  submission: number;
}

/** The articles of the receiver's pack in force (its 密级 rule and its 行文规则 rule). */
export const exchangeArticlesOf = (p: Pick<DocumentParams, 'refusedClassifications' | 'types'>): ExchangeArticles => ({
  classification: p.refusedClassifications.article,
  submission: p.types.article,
});

/** Without a pack, the articles the error table declares for these codes (docs/errors.md). */
const TABLE_ARTICLES: ExchangeArticles = {
  classification: exchangeErrors['EXCHANGE.CLASSIFIED'].article,
  submission: exchangeErrors['EXCHANGE.SIGNER_MISSING'].article,
};

const tampered = (target: string, what: string, expected: string, actual: string, name?: string): Violation => ({
  code: 'EXCHANGE.TAMPERED',
  message: `${what}的SM3摘要不符（封皮记载 ${expected.slice(0, 12)}…，实际 ${actual.slice(0, 12)}…），内容在传输中被改动，不予签收`,
  details: { target, ...(name != null ? { name } : {}), expected, actual },
});

function partViolations(pkg: DocumentPackage): Violation[] {
  const v: Violation[] = [];
  const seen = new Set<string>();
  for (const p of pkg.parts) {
    const label = p.role === 'ofd' ? `版式文件“${p.name}”` : `附件“${p.name}”`;
    if (seen.has(p.name)) v.push(malformed(`部分名称“${p.name}”重复`, { name: p.name }));
    seen.add(p.name);
    const actual = partDigest(p.bytes);
    if (actual !== p.sm3) v.push(tampered('part', label, p.sm3, actual, p.name));
    else if (p.bytes.byteLength !== p.size) {
      v.push({ code: 'EXCHANGE.TAMPERED', message: `${label}的长度不符（封皮记载 ${p.size} 字节，实际 ${p.bytes.byteLength} 字节）`,
        details: { target: 'part', name: p.name, expectedSize: p.size, actualSize: p.bytes.byteLength } });
    }
  }
  const ofds = pkg.parts.filter((p) => p.role === 'ofd');
  if (ofds.length !== 1) {
    v.push({ code: 'EXCHANGE.OFD_MISSING', message: ofds.length ? `交换包含有${ofds.length}个版式文件（${ofds.map((p) => p.name).join('、')}），应当只有一个` : '交换包缺少公文的版式文件（OFD）',
      details: { count: ofds.length } });
  }
  for (const p of ofds) {
    if (p.mediaType !== OFD_MEDIA_TYPE) v.push(malformed(`版式文件“${p.name}”的媒体类型应为 ${OFD_MEDIA_TYPE}，实为 ${p.mediaType}`, { name: p.name }));
    // an OFD is a zip container (GB/T 33190): it begins with the local file header signature PK\x03\x04
    else if (!(p.bytes[0] === 0x50 && p.bytes[1] === 0x4b && p.bytes[2] === 0x03 && p.bytes[3] === 0x04)) {
      v.push(malformed(`版式文件“${p.name}”不是 OFD 文件（OFD 为 ZIP 容器）`, { name: p.name }));
    }
  }
  return v;
}

function metadataViolations(pkg: DocumentPackage, a: ExchangeArticles): Violation[] {
  const v: Violation[] = [];
  const m = pkg.metadata;
  const c = m.classification.trim();
  if (c) {
    v.push({ code: 'EXCHANGE.CLASSIFIED', article: a.classification,
      message: `${basedOn(a.classification)}及《中华人民共和国保守国家秘密法》第三十一条，涉密信息不得在非涉密信息系统中处理；本件标注密级“${c}”，不得通过公文交换传输`,
      details: { classification: c } });
  }
  if (m.direction === 'upward' && !m.signerName?.trim()) {
    v.push({ code: 'EXCHANGE.SIGNER_MISSING', article: a.submission,
      message: `${basedOn(a.submission)}和《党政机关公文处理工作条例》第九条，上行文应当标注签发人姓名；${m.docNumber}《${m.title}》未标注签发人`,
      details: { docNumber: m.docNumber } });
  }
  return v;
}

export interface VerifyOptions {
  /** the tenant that is receiving: a package addressed to another is refused */
  receiverTenantId?: string;
  /** the articles of the checking government's pack in force (exchangeArticlesOf); the error table's otherwise */
  articles?: ExchangeArticles;
}

/**
 * Every problem of a package at once: each digest that does not match (naming the part), a classified
 * marking, an upward document without 签发人, a package sent to its own sender or to someone else, a
 * missing OFD, a 退文 without reasons. An empty list means the package may be signed for.
 */
export function verifyPackage(pkg: ExchangePackage, opts: VerifyOptions = {}): Violation[] {
  const a = opts.articles ?? TABLE_ARTICLES;
  const v: Violation[] = [...versionViolations(pkg.formatVersion)];
  if (pkg.sender.tenantId === pkg.receiver.tenantId) {
    v.push({ code: 'EXCHANGE.SAME_PARTY', message: `收件机关与发件机关相同（${pkg.sender.organ}），公文交换只在不同机关之间进行`,
      details: { tenantId: pkg.sender.tenantId } });
  }
  if (opts.receiverTenantId != null && pkg.receiver.tenantId !== opts.receiverTenantId) {
    v.push({ code: 'EXCHANGE.MISADDRESSED', message: `交换包的收件机关是${pkg.receiver.organ}，不是本机关，不予签收`,
      details: { receiverTenantId: pkg.receiver.tenantId, expected: opts.receiverTenantId } });
  }
  if (pkg.kind === 'document') {
    v.push(...partViolations(pkg));
    const md = metadataDigest(pkg.metadata);
    if (md !== pkg.digests.metadata) v.push(tampered('metadata', '元数据', pkg.digests.metadata ?? '', md));
    const bd = bodyDigest(pkg.body);
    if (bd !== pkg.digests.body) v.push(tampered('body', '正文', pkg.digests.body ?? '', bd));
    v.push(...metadataViolations(pkg, a));
  }
  if (pkg.kind === 'return' && !pkg.return.reasons.length) {
    v.push({ code: 'EXCHANGE.RETURN_REASONS_MISSING', article: a.submission,
      message: `${basedOn(a.submission)}，退文须写明理由：${pkg.return.ofDocNumber || pkg.return.ofPackageId}的退文没有列出任何理由` });
  }
  const ed = envelopeDigest(pkg);
  if (ed !== pkg.digests.envelope) v.push(tampered('envelope', '封皮', pkg.digests.envelope, ed));
  return v;
}

/** parsePackage then verifyPackage: the package, or every reason it cannot be signed for. */
export function readPackage(textIn: string, opts: VerifyOptions = {}): Decision<ExchangePackage> {
  const parsed = parsePackage(textIn);
  if (!parsed.ok) return parsed;
  const v = verifyPackage(parsed.value, opts);
  return v.length ? refuse(v) : parsed;
}
