import { createHash } from 'node:crypto';
import pg from 'pg';
import { databaseUnavailable, type Db, type FirstRead, type Queryable, type QueryResult, type TransactionOptions } from './db.ts';
import { currentTenant, tenantStatement } from './scope.ts';

pg.types.setTypeParser(20, (v) => Number(v)); // int8
pg.types.setTypeParser(1082, (v) => v); // date stays 'YYYY-MM-DD', never shifted by the process time zone
pg.types.setTypeParser(1700, (v) => Number(v)); // numeric

// Several hosts, as libpq writes them: postgres://user@h1:5432,h2:5433/db?target_session_attrs=read-write.
// node-postgres connects to one host only, so the host list is walked here: a new connection goes to
// the host that answered last; when it cannot be reached, or answers as a standby (pg_is_in_recovery(),
// or transaction_read_only on), the next host is tried. After a failover the nodes find the promoted
// standby by themselves; a request meanwhile gets STORE.UNAVAILABLE (503, Retry-After).

export interface HostPort {
  host: string;
  port: number;
}

export interface ConnectionTargets {
  hosts: HostPort[];
  /** target_session_attrs=read-write (implied by several hosts): only a writable primary is kept */
  readWrite: boolean;
  /** the connection string of each host, without target_session_attrs */
  urls: string[];
}

/** Splits a connection string with one or several hosts (libpq's multi-host form). */
export function connectionTargets(url: string): ConnectionTargets {
  const m = /^(postgres(?:ql)?:\/\/)([^@/?#]*@)?([^/?#]*)(.*)$/.exec(url);
  if (!m) throw new Error('DATABASE_URL 应为 postgres://用户@主机:端口[,主机:端口…]/数据库');
  const [, scheme, auth = '', hostPart, rest] = m;
  const hosts = hostPart.split(',').filter(Boolean).map((h): HostPort => {
    const v6 = /^\[([^\]]+)\](?::(\d+))?$/.exec(h);
    const [host, port] = v6 ? [v6[1], v6[2]] : h.split(':');
    if (!host || (port !== undefined && !/^\d{1,5}$/.test(port))) throw new Error(`DATABASE_URL 中的主机不合法：${h}`);
    return { host, port: port ? Number(port) : 5432 };
  });
  if (!hosts.length) hosts.push({ host: 'localhost', port: 5432 });
  const q = rest.indexOf('?');
  const params = new URLSearchParams(q >= 0 ? rest.slice(q + 1) : '');
  const attrs = params.get('target_session_attrs');
  if (attrs && !['any', 'read-write', 'primary'].includes(attrs)) throw new Error(`不支持的 target_session_attrs：${attrs}（可用 read-write、primary、any）`);
  params.delete('target_session_attrs');
  const tail = (q >= 0 ? rest.slice(0, q) : rest) + (params.size ? `?${params}` : '');
  const hostPort = (h: HostPort) => (h.host.includes(':') ? `[${h.host}]:${h.port}` : `${h.host}:${h.port}`);
  return {
    hosts, readWrite: attrs === 'read-write' || attrs === 'primary' || (hosts.length > 1 && attrs !== 'any'),
    urls: hosts.map((h) => `${scheme}${auth}${hostPort(h)}${tail}`),
  };
}

/** No host of the list is a reachable, writable primary (during a failover). */
export class NoPrimaryError extends Error {
  readonly databaseUnavailable = true;
  constructor(readonly tried: string[], cause?: unknown) {
    super(`no primary among ${tried.join(', ')}`, { cause });
  }
}

const ignore = () => {};

/** A listener whose connection ended tries again this often. */
const LISTEN_RETRY_MS = 1000;

/** Longest wait for a connection (a new one to a host, or a free one from a busy pool). */
const CONNECT_TIMEOUT_MS = 10_000;

/**
 * Statements with parameters are prepared once per connection under a name derived from their text, so
 * that PostgreSQL parses and (after its five custom plans, when a generic plan costs no more) plans them
 * once instead of on every request. A statement whose best plan depends on its values asks for
 * `plan_cache_mode = force_custom_plan` in its transaction (the search). At most PREPARED_MAX distinct
 * texts are named per process: statements built with a varying number of rows are not kept for ever in
 * every connection's memory.
 */
const PREPARED_MAX = 500;
const names = new Map<string, string>();
function statementName(sql: string): string | undefined {
  const known = names.get(sql);
  if (known || names.size >= PREPARED_MAX || sql.length > 20_000) return known;
  const n = 'zt' + createHash('sha1').update(sql).digest('hex').slice(0, 24);
  names.set(sql, n);
  return n;
}

export async function openPostgres(url: string, opts: { schema?: string; poolSize?: number } = {}): Promise<Db> {
  const targets = connectionTargets(url);
  const { hosts } = targets;
  let current = 0;
  /** the host a client was made for is passed on; a failure there moves new connections to the next */
  const moveOn = (from: number) => { if (current === from) current = (from + 1) % hosts.length; };
  class HostListClient extends pg.Client {
    readonly hostIndex: number;
    constructor(config: pg.ClientConfig) {
      const i = current;
      super({ ...config, connectionString: targets.urls[i] });
      this.hostIndex = i;
    }
    override connect(cb?: any): any {
      const p = super.connect().catch((e: unknown) => { moveOn(this.hostIndex); throw e; });
      if (!cb) return p;
      p.then(() => cb(null), (e: Error) => cb(e));
    }
  }
  const refuseStandby = async (client: HostListClient) => {
    const r = await client.query(`SELECT pg_is_in_recovery() AS standby, current_setting('transaction_read_only') AS ro`);
    if (r.rows[0].standby || r.rows[0].ro === 'on') {
      moveOn(client.hostIndex);
      throw Object.assign(new Error(`${hosts[client.hostIndex].host}:${hosts[client.hostIndex].port} is a standby`), { databaseUnavailable: true });
    }
  };
  const clientOptions = {
    connectionString: targets.urls[0],
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    keepAlive: true,
    options: opts.schema ? `-c search_path=${opts.schema},public` : undefined,
  };
  /** A connection of its own (not from the pool) to the primary, the hosts walked as for the pool. */
  const dedicated = async (): Promise<pg.Client> => {
    let last: unknown;
    for (let attempt = 0; attempt < hosts.length; attempt++) {
      const c = new HostListClient(clientOptions);
      c.on('error', ignore);
      try {
        await c.connect();
        if (targets.readWrite) await refuseStandby(c);
        return c;
      } catch (e) {
        await c.end().catch(() => {});
        if (!databaseUnavailable(e)) throw e;
        last = e;
      }
    }
    throw hosts.length > 1 ? new NoPrimaryError(hosts.map((h) => `${h.host}:${h.port}`), last) : last;
  };
  const poolMax = opts.poolSize ?? 10;
  const pool = new pg.Pool({
    ...clientOptions,
    Client: HostListClient as unknown as typeof pg.Client,
    max: poolMax,
    // a new connection to a standby is refused: writes would fail with 25006 one by one
    onConnect: targets.readWrite ? (client: pg.PoolClient) => refuseStandby(client as unknown as HostListClient) : undefined,
  } as pg.PoolConfig);
  // a connection that breaks while idle (the server restarted or failed over) is dropped, not fatal
  pool.on('error', ignore);

  /** A connection to the primary: each host is tried once before the request is given up as unavailable. */
  const waits = { acquired: 0, totalMs: 0, maxMs: 0 };
  const acquire = async (): Promise<pg.PoolClient> => {
    let last: unknown;
    for (let attempt = 0; attempt < hosts.length; attempt++) {
      try {
        const t0 = performance.now();
        const c = await pool.connect();
        const waited = performance.now() - t0;
        waits.acquired++;
        waits.totalMs += waited;
        if (waited > waits.maxMs) waits.maxMs = waited;
        // an error arriving between two statements (the server ended the session: a shutdown, a
        // failover) is emitted on the connection; the next statement fails with it instead
        if (!c.listenerCount('error')) c.on('error', ignore);
        return c;
      } catch (e) {
        if (!databaseUnavailable(e)) throw e;
        last = e;
      }
    }
    throw hosts.length > 1 ? new NoPrimaryError(hosts.map((h) => `${h.host}:${h.port}`), last) : last;
  };
  /** A broken connection is destroyed, not returned to the pool. */
  const release = (c: pg.PoolClient, err?: unknown) => c.release(err && databaseUnavailable(err) ? (err as Error) : undefined);

  if (opts.schema) {
    const c = await acquire();
    try {
      await c.query(`CREATE SCHEMA IF NOT EXISTS "${opts.schema.replace(/"/g, '')}"`);
    } finally {
      c.release();
    }
  }
  const prepared = process.env.ZHENGTONG_PG_PREPARED === 'true';
  const wrap = (c: { query: pg.Pool['query'] }): Queryable => ({
    async query<T>(sql: string, params: unknown[] = []): Promise<QueryResult<T>> {
      const name = prepared && params.length ? statementName(sql) : undefined;
      const r = name ? await c.query({ name, text: sql, values: params as any[] }) : await c.query(sql, params as any[]);
      return { rows: r.rows as T[], rowCount: r.rowCount ?? r.rows.length };
    },
    async exec(sql: string) {
      await c.query(sql);
    },
  });
  const base: Queryable = {
    async query<T>(sql: string, params: unknown[] = []): Promise<QueryResult<T>> {
      const c = await acquire();
      let failure: unknown;
      try {
        return await wrap(c as any).query<T>(sql, params);
      } catch (e) {
        failure = e;
        throw e;
      } finally {
        release(c, failure);
      }
    },
    async exec(sql: string) {
      const c = await acquire();
      let failure: unknown;
      try {
        await c.query(sql);
      } catch (e) {
        failure = e;
        throw e;
      } finally {
        release(c, failure);
      }
    },
  };
  const listeners = new Set<() => Promise<void>>();
  const db: Db = {
    kind: 'postgres',
    stats: () => ({
      size: pool.totalCount, max: poolMax, idle: pool.idleCount, waiting: pool.waitingCount,
      acquired: waits.acquired, waitedMsTotal: Math.round(waits.totalMs), waitedMsMax: Math.round(waits.maxMs * 10) / 10,
    }),
    resetStats: () => { waits.acquired = 0; waits.totalMs = 0; waits.maxMs = 0; },
    // inside a tenant scope a lone statement is a transaction of its own, so that it is confined too
    query: (sql, params) => (currentTenant() ? db.transaction((tx) => tx.query(sql, params)) : base.query(sql, params)),
    exec: (sql) => (currentTenant() ? db.transaction((tx) => tx.exec(sql)) : base.exec(sql)),
    async transaction<T>(fn: (tx: Queryable) => Promise<T>, opts: TransactionOptions = {}): Promise<T> {
      const client = await acquire();
      let failure: unknown;
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
        failure = err;
        if (!databaseUnavailable(err)) await client.query('ROLLBACK').catch(() => {});
        throw err;
      } finally {
        release(client, failure);
      }
    },
    async close() {
      for (const stop of [...listeners]) await stop();
      await pool.end();
    },
    // a connection of its own per listener: LISTEN lasts as long as the session. When the session
    // ends (the server restarted, the standby was promoted) the listener connects again, to the
    // primary of the moment, and listens again; what was notified in between is not delivered.
    async listen(channel, fn) {
      let client: pg.Client | null = null;
      let stopped = false;
      let retry: NodeJS.Timeout | null = null;
      const again = () => {
        if (stopped) return;
        retry = setTimeout(() => { retry = null; connect().catch(again); }, LISTEN_RETRY_MS);
        retry.unref();
      };
      const connect = async () => {
        const c = await dedicated();
        c.on('notification', (m) => { if (m.channel === channel) fn(m.payload ?? ''); });
        c.on('end', () => { if (client === c) { client = null; again(); } });
        try {
          await c.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
        } catch (e) {
          await c.end().catch(() => {});
          throw e;
        }
        if (stopped) { await c.end().catch(() => {}); return; }
        client = c;
      };
      const stop = async () => {
        stopped = true;
        listeners.delete(stop);
        if (retry) clearTimeout(retry);
        const c = client;
        client = null;
        await c?.end().catch(() => {});
      };
      await connect();
      listeners.add(stop);
      return stop;
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
