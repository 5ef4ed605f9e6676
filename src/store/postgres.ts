import pg from 'pg';
import type { Db, FirstRead, Queryable, QueryResult, TransactionOptions } from './db.ts';
import { currentTenant, tenantStatement } from './scope.ts';

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
  const listeners = new Set<pg.Client>();
  const db: Db = {
    kind: 'postgres',
    // inside a tenant scope a lone statement is a transaction of its own, so that it is confined too
    query: (sql, params) => (currentTenant() ? db.transaction((tx) => tx.query(sql, params)) : base.query(sql, params)),
    exec: (sql) => (currentTenant() ? db.transaction((tx) => tx.exec(sql)) : base.exec(sql)),
    async transaction<T>(fn: (tx: Queryable) => Promise<T>, opts: TransactionOptions = {}): Promise<T> {
      const client = await pool.connect();
      try {
        const first = opts.first;
        const tenant = currentTenant();
        let tx = wrap(client as any);
        // BEGIN, the tenant's confinement and the expected first read in one simple-protocol message
        const head = ['BEGIN'];
        if (tenant) head.push(inline(tenantStatement(tenant)));
        if (first) head.push(inline(first));
        if (head.length === 1) {
          await client.query('BEGIN');
        } else {
          const r = (await client.query(head.join('; '))) as unknown as pg.QueryResult[];
          if (first) {
            const a = r[head.length - 1];
            tx = answeringFirst(tx, first, { rows: a.rows, rowCount: a.rowCount ?? a.rows.length });
          }
        }
        const result = await fn(tx);
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
      for (const c of [...listeners]) await c.end().catch(() => {});
      await pool.end();
    },
    // a connection of its own per listener: LISTEN lasts as long as the session
    async listen(channel, fn) {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      listeners.add(client);
      client.on('notification', (m) => { if (m.channel === channel) fn(m.payload ?? ''); });
      client.on('error', () => {});
      await client.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
      return async () => {
        if (!listeners.delete(client)) return;
        await client.end().catch(() => {});
      };
    },
  };
  return db;
}

/** The read with its values as quoted literals (text values only). */
function inline(first: FirstRead): string {
  return first.sql.replace(/\$(\d+)/g, (_, n: string) => {
    const v = first.params[Number(n) - 1];
    if (typeof v !== 'string') throw new Error(`first read: $${n} is not a text value`);
    return pg.escapeLiteral(v);
  });
}

/** The transaction, whose first statement is answered from the read sent with BEGIN when it is that read. */
function answeringFirst(tx: Queryable, first: FirstRead, answer: QueryResult<unknown>): Queryable {
  let pending: QueryResult<unknown> | null = answer;
  return {
    query<T>(sql: string, params: unknown[] = []): Promise<QueryResult<T>> {
      const early = pending;
      pending = null;
      if (early && sql === first.sql && params.length === first.params.length && params.every((p, i) => p === first.params[i])) {
        return Promise.resolve(early as QueryResult<T>);
      }
      return tx.query<T>(sql, params);
    },
    exec(sql: string) {
      pending = null;
      return tx.exec(sql);
    },
  };
}
