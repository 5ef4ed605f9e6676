import { createHash } from 'node:crypto';
import { verifyRun, type ChainCheck, type SealedRecord } from './chain.ts';

// An audit archive (审计记录归档): a run of the sealed chain taken out of the database, as JSON Lines —
//   line 1      the header: format, version, when it was made, the cut-off, and the anchor (the hash
//               the first record's chain continues from: GENESIS for position 1);
//   lines 2…n   one sealed record each, in chain order: {chainPos, prevHash, hash, content};
//   last line   the manifest: how many records, first and last position, the chain head hash, the
//               records per government, and the SM3 digest of every byte before the manifest line.
// It verifies with nothing but the file: the chain is recomputed from the anchor, and the manifest is
// checked against what was recomputed and against the digest. The head hash is the one to compare
// with the live chain (`zhengtong audit verify` shows it at that position).

export const ARCHIVE_FORMAT = 'zhengtong-audit-archive';
export const ARCHIVE_VERSION = 1;

export interface ArchiveHeader {
  format: typeof ARCHIVE_FORMAT;
  version: number;
  createdAt: string;
  /** records made before this instant were taken (absent: every sealed record) */
  before: string | null;
  anchorHash: string;
}

export interface ArchiveManifest {
  records: number;
  fromPos: number | null;
  toPos: number | null;
  headHash: string;
  governments: Record<string, number>;
  /** SM3 over every byte of the file before the manifest line */
  sm3: string;
}

export type ArchiveCheck = ChainCheck | 'format' | 'manifest' | 'digest';

export type ArchiveVerification =
  | { ok: true; records: number; fromPos: number | null; toPos: number | null; headHash: string; governments: Record<string, number> }
  | {
    ok: false; check: ArchiveCheck; reason: string; verified: number;
    /** the first record that failed, where one did: its line in the file, place in the chain and time */
    record?: { line: number; chainPos: number | null; seq: number | null; at: string | null };
  };

export const archiveLine = (value: unknown): string => `${JSON.stringify(value)}\n`;

/** Verifies an archive from its bytes alone; names the first record (or the part of the file) that fails. */
export function verifyArchive(bytes: Buffer): ArchiveVerification {
  const fail = (check: ArchiveCheck, reason: string, verified: number, record?: { line: number; chainPos: number | null; seq: number | null; at: string | null }) =>
    ({ ok: false as const, check, reason, verified, ...(record ? { record } : {}) });
  const text = bytes.toString('utf8');
  if (!text.endsWith('\n')) return fail('format', '归档文件不完整（末行未结束）', 0);
  const manifestStart = text.lastIndexOf('\n', text.length - 2) + 1;
  const lines = text.slice(0, manifestStart).split('\n').slice(0, -1);
  let header: ArchiveHeader;
  try { header = JSON.parse(lines[0] ?? ''); } catch { return fail('format', '第 1 行不是归档文件头', 0); }
  if (header?.format !== ARCHIVE_FORMAT || header.version !== ARCHIVE_VERSION || typeof header.anchorHash !== 'string') {
    return fail('format', '不是政通审计归档文件，或版本不受支持', 0);
  }

  // the chain first: a changed record is named even when the digest would also catch it
  let prev = header.anchorHash;
  let expected: number | null = null;
  const governments: Record<string, number> = {};
  let fromPos: number | null = null;
  for (let i = 1; i < lines.length; i++) {
    const line = i + 1;
    let rec: SealedRecord;
    try {
      rec = JSON.parse(lines[i]);
      if (!rec || typeof rec.chainPos !== 'number' || typeof rec.hash !== 'string' || !rec.content) throw new Error();
    } catch {
      return fail('format', `第 ${line} 行不是合法的审计记录`, i - 1, { line, chainPos: expected, seq: null, at: null });
    }
    expected ??= rec.chainPos;
    fromPos ??= rec.chainPos;
    const r = verifyRun(prev, [rec]);
    const positionOk = rec.chainPos === expected;
    if (!positionOk || !r.ok) {
      const check: ChainCheck = !positionOk ? 'position' : (r as { check: ChainCheck }).check;
      const reason = !positionOk ? `链位置不连续：应为 ${expected}，实为 ${rec.chainPos}` : (r as { reason: string }).reason;
      return fail(check, reason, i - 1, { line, chainPos: rec.chainPos, seq: rec.content.seq ?? null, at: rec.content.at ?? null });
    }
    prev = rec.hash;
    expected = rec.chainPos + 1;
    governments[rec.content.tenantId] = (governments[rec.content.tenantId] ?? 0) + 1;
  }
  const records = lines.length - 1;

  let manifest: { manifest: ArchiveManifest };
  try { manifest = JSON.parse(text.slice(manifestStart)); } catch { return fail('manifest', '末行不是归档清单', records); }
  const m = manifest?.manifest;
  if (!m) return fail('manifest', '末行不是归档清单', records);
  const toPos = expected == null ? null : expected - 1;
  const mismatch = [
    m.records !== records && `记录数 清单 ${m.records}，实有 ${records}`,
    m.fromPos !== fromPos && `起始位置 清单 ${m.fromPos}，实为 ${fromPos}`,
    m.toPos !== toPos && `末尾位置 清单 ${m.toPos}，实为 ${toPos}`,
    m.headHash !== prev && '链头哈希与重算结果不符',
    JSON.stringify(sortKeys(m.governments ?? {})) !== JSON.stringify(sortKeys(governments)) && '各政府记录数与清单不符',
  ].filter(Boolean);
  if (mismatch.length) return fail('manifest', `归档清单与记录不符：${mismatch.join('；')}`, records);
  const digest = createHash('sm3').update(bytes.subarray(0, Buffer.byteLength(text.slice(0, manifestStart)))).digest('hex');
  if (digest !== m.sm3) return fail('digest', '归档文件的 SM3 摘要与清单不符（文件被改动）', records);
  return { ok: true, records, fromPos, toPos, headHash: prev, governments };
}

const sortKeys = (o: Record<string, number>) => Object.fromEntries(Object.entries(o).sort(([a], [b]) => a.localeCompare(b)));
