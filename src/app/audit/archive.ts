// 审计记录归档: the sealed chain (or its part before a date) written to a self-verifying file
// (src/domain/audit/archive.ts describes the format). Nothing is deleted here: the archive is what a
// later removal of old records would have to be checked against, and the retention window
// (ZHENGTONG_AUDIT_RETENTION_DAYS, 《网络安全法》第二十一条) is never touched.
import { createHash } from 'node:crypto';
import { createWriteStream, openSync } from 'node:fs';
import { once } from 'node:events';
import type { Db } from '../../store/db.ts';
import { GENESIS_HASH } from '../../domain/audit/chain.ts';
import { ARCHIVE_FORMAT, ARCHIVE_VERSION, archiveLine, type ArchiveHeader, type ArchiveManifest } from '../../domain/audit/archive.ts';
import { contentOf, sealAudit } from './chain.ts';
import { runUseCase, systemActor, type AppDeps } from '../context.ts';

const BATCH = 2000;

/**
 * Writes every sealed record made before `before` (all of them without it) to `file`, from the start of
 * the chain up to the first record at or after the cut-off, and puts the archive on the record of
 * `recordIn` (the deployment's own government). Runs outside any tenant scope: the chain is the deployment's.
 */
export async function writeArchive(
  deps: AppDeps, file: string, opts: { before?: Date; recordIn: string },
): Promise<ArchiveManifest> {
  const db: Db = deps.db;
  // opened before anything else, synchronously: an existing archive is refused (EEXIST), never written over
  const fd = openSync(file, 'wx');
  const out = createWriteStream('', { fd });
  await sealAudit(db);
  const digest = createHash('sm3');
  const write = async (line: string, hashed = true) => {
    if (hashed) digest.update(line);
    if (!out.write(line)) await once(out, 'drain');
  };
  try {
    const first = (await db.query('SELECT prev_hash FROM audit_records WHERE chain_pos IS NOT NULL ORDER BY chain_pos LIMIT 1')).rows[0];
    const header: ArchiveHeader = {
      format: ARCHIVE_FORMAT, version: ARCHIVE_VERSION, createdAt: deps.clock.now().toISOString(),
      before: opts.before?.toISOString() ?? null, anchorHash: first?.prev_hash ?? GENESIS_HASH,
    };
    await write(archiveLine(header));
    let after = 0, records = 0, fromPos: number | null = null, toPos: number | null = null, head = header.anchorHash;
    const governments: Record<string, number> = {};
    outer: for (;;) {
      const { rows } = await db.query('SELECT * FROM audit_records WHERE chain_pos > $1 ORDER BY chain_pos LIMIT $2', [after, BATCH]);
      for (const r of rows) {
        if (opts.before && new Date(r.at) >= opts.before) break outer;
        const chainPos = Number(r.chain_pos);
        await write(archiveLine({ chainPos, prevHash: r.prev_hash, hash: r.hash, content: contentOf(r) }));
        records++; fromPos ??= chainPos; toPos = chainPos; head = r.hash;
        governments[r.tenant_id] = (governments[r.tenant_id] ?? 0) + 1;
      }
      if (rows.length < BATCH) break;
      after = Number(rows[rows.length - 1].chain_pos);
    }
    const manifest: ArchiveManifest = { records, fromPos, toPos, headHash: head, governments, sm3: digest.digest('hex') };
    await write(archiveLine({ manifest }), false);
    out.end();
    await once(out, 'finish');
    await runUseCase(deps, systemActor(opts.recordIn, '审计归档'), (ctx) => ctx.audit({
      action: 'audit.archived', objectType: 'audit_archive', objectId: manifest.sm3,
      payload: { records, fromPos, toPos, headHash: head, before: header.before },
    }));
    return manifest;
  } catch (e) {
    out.destroy();
    throw e;
  }
}
