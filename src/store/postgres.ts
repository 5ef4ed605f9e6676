import pg from 'pg';
import type { Db, Queryable, QueryResult } from './db.ts';

pg.types.setTypeParser(20, (v) => Number(v)); // int8
pg.types.setTypeParser(1082, (v) => v); // date stays 'YYYY-MM-DD', never shifted by the process time zone
pg.types.setTypeParser(1700, (v) => Number(v)); // numeric

export async function openPostgres(url: string, opts: { schema?: string; poolSize?: number } = {}): Promise<Db> {
  const pool = new pg.Pool({
    connectionString: url,
    max: opts.poolSize ?? 10,
    options: opts.schema ? `-c search_path=${opts.schema},public` : undefined,
  });
  if (opts.schema) {
    const c = await pool.connect();
    try {
      await c.query(`CREATE SCHEMA IF NOT EXISTS "${opts.schema.replace(/"/g, '')}"`);
    } finally {
      c.release();
    }
  }
  const wrap = (c: { query: pg.Pool['query'] }): Queryable => ({
    async query<T>(sql: string, params: unknown[] = []): Promise<QueryResult<T>> {
      const r = await c.query(sql, params as any[]);
      return { rows: r.rows as T[], rowCount: r.rowCount ?? r.rows.length };
    },
    async exec(sql: string) {
      await c.query(sql);
    },
  });
  const base = wrap(pool);
  return {
    kind: 'postgres',
    query: base.query,
    exec: base.exec,
    async transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn(wrap(client as any));
        await client.query('COMMIT');
        return result;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => {});
        throw err;
      } finally {
        client.release();
      }
    },
    async close() {
      await pool.end();
    },
  };
}
