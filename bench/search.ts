// Chinese full-text search at scale: one, two and three words, common and rare terms, staff scope
// (GET /api/v1/search, office clerk) and public scope (GET /api/v1/public/search, no login), 32 clients
// from this process. Target: p95 ≤ 50 ms (autocannon's histogram has no p95: p97.5 is its upper bound).
//
//   npm run bench -- search [--url postgres://…/zhengtong_bench] [--clients 32] [--duration 10] [--rate R] [--sort relevance|newest]
//                           [--only staff/common-1,public/rare-1]
// Needs search entries: zhengtong generate (or zhengtong generate --search-only on an existing dataset).
import { openDb } from '../src/store/db.ts';
import { arg, cannon, DEFAULT_URL, load, login, say, startServer } from './_lib.ts';

// common: words the generator writes into a tenth of the documents or more (实施方案 ≈ 12%);
// subject: a subject of ≈ 2.5% of the documents; rare: 发文字号 of single documents (taken from the data),
// alone or with common words; absent: words no document carries.
const QUERIES: Record<string, string[]> = {
  'common-1': ['实施方案', '专项行动', '资金安排', '工作部署'],
  'common-2': ['乡村振兴 实施方案', '安全生产 专项行动', '营商环境 政策解读'],
  'common-3': ['乡村振兴 实施方案 资金安排', '安全生产 专项行动 监督检查'],
  'subject-1': ['葡萄酒产业', '沙漠公园', '物流枢纽'],
  'absent-1': ['天马', '铜奔马', '雷台汉墓'],
};

/** a search's p95: ≤ 100 ms one at a time, ≤ 300 ms with 32 clients searching at once (common words included) */
const P95_ALONE_MS = 100;
const P95_LOADED_MS = 300;

export async function run(args: string[]) {
  const url = arg(args, 'url', process.env.BENCH_DATABASE_URL ?? DEFAULT_URL);
  const connections = Number(arg(args, 'clients', '32'));
  const duration = Number(arg(args, 'duration', '10'));
  const rate = Number(arg(args, 'rate', '0'));
  const sort = arg(args, 'sort', 'relevance');
  const only = arg(args, 'only', '').split(',').filter(Boolean);
  const db = await openDb({ url, poolSize: 2 });
  const entries = (await db.query<{ scope: string; n: number }>(`SELECT scope, count(*)::int AS n FROM search_entries GROUP BY scope ORDER BY scope`)).rows;
  const numbers = (await db.query<{ doc_number: string }>(
    `SELECT doc_number FROM documents WHERE doc_number IS NOT NULL AND tenant_id = 'wuwei' ORDER BY hashtext(id) LIMIT 20`)).rows.map((r) => r.doc_number);
  await db.close();
  if (numbers.length) {
    QUERIES['rare-1'] = numbers;
    QUERIES['rare-2'] = numbers.map((n) => `${n} 实施方案`);
    QUERIES['rare-3'] = numbers.map((n) => `${n} 乡村振兴 实施方案`);
  }
  say(`# search (${sort}): ${entries.map((e) => `${e.n.toLocaleString('en')} ${e.scope}`).join(', ')} entries; ${connections} clients${rate ? `, ${rate} req/s` : ''}, ${duration} s each; load ${load()}`);
  const server = await startServer({ DATABASE_URL: url });
  const results: Record<string, unknown> = {};
  try {
    const cookie = await login(server.base, 'office-clerk', 'Zhengtong@2026');
    for (const scope of ['staff', 'public'] as const) {
      for (const [name, qs] of Object.entries(QUERIES)) {
        if (only.length && !only.includes(`${scope}/${name}`)) continue;
        let i = 0;
        const path = scope === 'staff' ? '/api/v1/search' : '/api/v1/public/search';
        const loadBefore = load();
        const r = await cannon({
          url: server.base, connections, duration, timeout: 30, ...(rate ? { overallRate: rate } : {}),
          requests: [{ method: 'GET', setupRequest: (req: any) => ({ ...req, path: `${path}?q=${encodeURIComponent(qs[i++ % qs.length])}&sort=${sort}`, headers: scope === 'staff' ? { cookie } : {} }) }],
        });
        results[`${scope}/${name}`] = r;
        // p95 lies between autocannon's p90 and p97.5: met when p97.5 is within the target, missed when p90 is not
        const target = connections <= 1 ? P95_ALONE_MS : P95_LOADED_MS;
        say(`${scope.padEnd(6)} ${name.padEnd(9)} ${r.rps.toFixed(0).padStart(5)} req/s  p50 ${r.p50} ms  p90 ${r.p90} ms  p97.5 ${r.p97_5} ms  p99 ${r.p99} ms  ` +
          `non-2xx ${r.non2xx} | p95 ≤ ${target} ms (${connections <= 1 ? 'alone' : `${connections} clients`}): ${r.requests === 0 ? 'missed (nothing answered)' : r.p97_5 <= target ? 'met' : r.p90 > target ? 'missed' : 'between p90 and p97.5'} | load ${loadBefore} → ${load()}`);
      }
    }
  } finally {
    await server.stop();
  }
  return results;
}
