import type { Queryable } from '../../src/store/db.ts';

/**
 * md5 over the content of every table, for "nothing changed" checks. Excluded: sessions (reads touch
 * last_seen_at) and the shared rate-limit windows (every limited request counts, refused or not).
 */
export async function dbChecksum(q: Queryable, exclude: string[] = ['sessions', 'rate_limit_windows']): Promise<Record<string, string>> {
  const { rows } = await q.query<{ table_name: string }>(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name`);
  const out: Record<string, string> = {};
  for (const { table_name } of rows) {
    if (exclude.includes(table_name)) continue;
    const r = await q.query<{ h: string | null; n: number }>(
      `SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS h, count(*)::int AS n FROM "${table_name}" t`);
    out[table_name] = `${r.rows[0].n}:${r.rows[0].h}`;
  }
  return out;
}
