// zhengtong seal verify <file.ofd> [--government <id>]: the seal verdict of an OFD file (docs/seals.md).
// Offline by default, with the public key embedded in the file; with --government, the seal is also looked
// up in that government's registry in the configured database (unknown there → 未知印章).
import { readFileSync } from 'node:fs';
import { verdictLabel } from '../domain/seals/index.ts';
import { verifyOfd } from '../output/index.ts';
import { dbConfigFromEnv, openDb } from '../store/db.ts';
import { migrate } from '../store/migrate.ts';
import { asSystem } from '../store/scope.ts';

export async function runSealCommand(args: string[], out: (s: string) => void, err: (s: string) => void): Promise<number> {
  const [sub, file, ...rest] = args;
  if (sub !== 'verify' || !file) { err('用法: zhengtong seal verify <文件.ofd> [--government <政府编号>]'); return 2; }
  const gi = rest.indexOf('--government');
  const government = gi >= 0 ? rest[gi + 1] : undefined;
  if (gi >= 0 && !government) { err('--government 后须写政府编号，例如 wuwei'); return 2; }
  const bytes = readFileSync(file);
  let result;
  if (government) {
    const db = await openDb(dbConfigFromEnv());
    try {
      await migrate(db);
      result = await verifyOfd(bytes, async (seal) => {
        const { rows } = await asSystem(() => db.query<{ public_key: string }>('SELECT public_key FROM seals WHERE tenant_id = $1 AND id = $2', [government, seal.id]));
        return rows[0]?.public_key ?? null;
      });
    } finally { await db.close(); }
  } else {
    result = await verifyOfd(bytes);
  }
  const { verdict, seal } = result;
  out(verdictLabel(verdict));
  if (seal) out(`印章编号 ${seal.id}；所属单位 ${seal.ownerUnit}（${seal.government}）；签章时间 ${seal.signedAt}`);
  return verdict.status === 'valid' ? 0 : 1;
}
