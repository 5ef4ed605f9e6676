import { readFileSync } from 'node:fs';
import { createHmac } from 'node:crypto';

// The deployment's data keys (GB/T 39786 密钥管理): 128-bit SM4 keys, each with an id, read from a key
// file or the environment at start — never from the database. The first key is current (new data is
// encrypted under it); the others are kept to read what was written before a rotation.
//
//   ZHENGTONG_KEY_FILE=/etc/zhengtong/keys      one key per line: <id>:<32 hex digits>, current first
//   ZHENGTONG_DATA_KEYS=k2:<hex>,k1:<hex>       the same, inline (for containers with secret injection)
//
// Without either, a fixed demo key is used and `demo` is true: the server says so at start and
// `ZHENGTONG_REQUIRE_KEYS=true` (production) refuses to start.

export interface KeyRing {
  /** id of the key new data is encrypted under */
  current: string;
  keys: ReadonlyMap<string, Buffer>;
  /** true when no key was configured and the built-in demo key is in use */
  demo: boolean;
}

const KEY_LINE = /^([a-z0-9][a-z0-9_-]{0,31}):([0-9a-fA-F]{32})$/;
const DEMO_KEY_ID = 'demo';

function parseKeys(text: string, source: string): Map<string, Buffer> {
  const keys = new Map<string, Buffer>();
  for (const raw of text.split(/[\n,]/)) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const m = KEY_LINE.exec(line);
    if (!m) throw new Error(`密钥配置错误（${source}）：每个密钥应写为 <编号>:<32位十六进制>`);
    if (keys.has(m[1])) throw new Error(`密钥配置错误（${source}）：密钥编号 ${m[1]} 重复`);
    keys.set(m[1], Buffer.from(m[2], 'hex'));
  }
  if (keys.size === 0) throw new Error(`密钥配置错误（${source}）：没有密钥`);
  return keys;
}

export function loadKeyRing(env: NodeJS.ProcessEnv = process.env): KeyRing {
  let keys: Map<string, Buffer> | null = null;
  if (env.ZHENGTONG_KEY_FILE) keys = parseKeys(readFileSync(env.ZHENGTONG_KEY_FILE, 'utf8'), env.ZHENGTONG_KEY_FILE);
  else if (env.ZHENGTONG_DATA_KEYS) keys = parseKeys(env.ZHENGTONG_DATA_KEYS, 'ZHENGTONG_DATA_KEYS');
  if (keys) return { current: keys.keys().next().value!, keys, demo: false };
  if (env.ZHENGTONG_REQUIRE_KEYS === 'true') {
    throw new Error('密钥配置错误：生产部署须以 ZHENGTONG_KEY_FILE 或 ZHENGTONG_DATA_KEYS 配置数据密钥');
  }
  // the demo key is public knowledge: it protects nothing, it only keeps the code path the same
  const demo = createHmac('sm3', 'zhengtong-demo-key').update('data').digest().subarray(0, 16);
  return { current: DEMO_KEY_ID, keys: new Map([[DEMO_KEY_ID, demo]]), demo: true };
}

let processRing: KeyRing | null = null;
/** The key ring of this process, loaded from the environment on first use. */
export function keyRing(): KeyRing {
  processRing ??= loadKeyRing();
  return processRing;
}
/** Replaces the process's key ring (tests, and the key-rotation command). */
export function useKeyRing(ring: KeyRing): void {
  processRing = ring;
}

/** A sub-key for one purpose (encryption, MAC, search index, seal keys), so that one key never serves two. */
export function subKey(key: Buffer, purpose: string): Buffer {
  return createHmac('sm3', key).update(`zhengtong/${purpose}`).digest().subarray(0, 16);
}

/** Generates a key line for the key file: `zhengtong keys new <id>`. */
export function keyLine(id: string, key: Buffer): string {
  return `${id}:${key.toString('hex')}`;
}
