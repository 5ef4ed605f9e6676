import { randomBytes } from 'node:crypto';
import { keyLine, keyRing } from '../crypto/keys.ts';
import { dbConfigFromEnv, openDb } from '../store/db.ts';
import { migrate } from '../store/migrate.ts';
import { resealPersonalData } from '../app/privacy/personal-data.ts';

// Key management (docs/crypto.md): `keys new <id>` prints a fresh SM4 key line for the key file;
// `keys reseal` re-seals every personal field under the current key after a rotation.
export async function runKeysCommand(args: string[], out: (s: string) => void, err: (s: string) => void): Promise<number> {
  const [sub, id] = args;
  if (sub === 'new') {
    if (!id || !/^[a-z0-9][a-z0-9_-]{0,31}$/.test(id)) { err('用法: zhengtong keys new <密钥编号>（小写字母、数字、-、_）'); return 2; }
    out(keyLine(id, randomBytes(16)));
    return 0;
  }
  if (sub === 'reseal') {
    const ring = keyRing();
    if (ring.demo) err('注意：未配置数据密钥，使用演示密钥（ZHENGTONG_KEY_FILE 或 ZHENGTONG_DATA_KEYS）');
    const db = await openDb(dbConfigFromEnv());
    try {
      await migrate(db);
      const counts = await resealPersonalData(db, ring);
      out(`已用当前密钥 ${ring.current} 重新加密：${Object.entries(counts).map(([t, n]) => `${t} ${n} 行`).join('，')}`);
      return 0;
    } finally { await db.close(); }
  }
  err('用法: zhengtong keys new <密钥编号> | zhengtong keys reseal');
  return 2;
}
