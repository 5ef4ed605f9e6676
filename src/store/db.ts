// One database interface over the embedded PGlite (default) and a PostgreSQL server (DATABASE_URL).
// Both speak the PostgreSQL 15 dialect; results are normalised (int8 → number, date → 'YYYY-MM-DD').

export interface QueryResult<T> {
  rows: T[];
  rowCount: number;
}

export interface Queryable {
  query<T = Record<string, any>>(sql: string, params?: unknown[]): Promise<QueryResult<T>>;
  /** several statements without parameters (migrations) */
  exec(sql: string): Promise<void>;
}

/** A read the transaction is likely to start with (e.g. the organisation's revision). */
export interface FirstRead {
  sql: string;
  /** text values only: they travel as quoted literals */
  params: string[];
}

export interface TransactionOptions {
  /**
   * A PostgreSQL server gets this read in the same message as BEGIN, saving a round trip. When the
   * transaction's first statement is exactly this read (same text, same values), it is answered from
   * there: nothing ran in between, so the answer is the one the statement itself would get. Any other
   * first statement runs as usual and the early answer is dropped.
   */
  first?: FirstRead;
}

export interface Db extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  /** runs fn in one transaction: everything commits together or not at all */
  transaction<T>(fn: (tx: Queryable) => Promise<T>, opts?: TransactionOptions): Promise<T>;
  close(): Promise<void>;
  /**
   * Calls fn with the payload of every NOTIFY on `channel` (sent by any process on the same database,
   * delivered when the sending transaction commits); resolves to the function that stops listening.
   */
  listen?(channel: string, fn: (payload: string) => void): Promise<() => Promise<void>>;
  /** the connection pool now and the waits for a connection since the last `resetStats` (PostgreSQL) */
  stats?(): PoolStats;
  resetStats?(): void;
}

export interface PoolStats {
  /** connections open, of at most `max`; idle ones; requests waiting for one */
  size: number;
  max: number;
  idle: number;
  waiting: number;
  /** connections handed out, the total and the longest wait for them */
  acquired: number;
  waitedMsTotal: number;
  waitedMsMax: number;
}

export interface DbConfig {
  /** postgres://… selects a PostgreSQL server; otherwise the embedded PGlite */
  url?: string;
  /** folder of the embedded database; 'memory://' keeps it in memory */
  dataDir?: string;
  /** PostgreSQL schema to use (tests isolate themselves in their own schema) */
  schema?: string;
  /** PGlite only: start from a dumped data folder (tar) */
  loadDataDir?: Blob | File;
  poolSize?: number;
}

export async function openDb(config: DbConfig): Promise<Db> {
  if (config.url) {
    const { openPostgres } = await import('./postgres.ts');
    return openPostgres(config.url, { schema: config.schema, poolSize: config.poolSize });
  }
  const { openPglite } = await import('./pglite.ts');
  return openPglite(config.dataDir ?? './data', { loadDataDir: config.loadDataDir });
}

/** The configuration the server and the CLI use: DATABASE_URL, else ZHENGTONG_DATA_DIR, else ./data. */
export function dbConfigFromEnv(env: NodeJS.ProcessEnv = process.env): DbConfig {
  const poolSize = Number(env.ZHENGTONG_DB_POOL ?? '');
  return env.DATABASE_URL
    ? { url: env.DATABASE_URL, ...(Number.isInteger(poolSize) && poolSize > 0 ? { poolSize } : {}) }
    : { dataDir: env.ZHENGTONG_DATA_DIR ?? './data' };
}

/** PostgreSQL error code (23505 unique violation …) whatever the driver wrapped it in */
export function pgErrorCode(err: unknown): string | undefined {
  const e = err as { code?: unknown; cause?: { code?: unknown } };
  if (typeof e?.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code)) return e.code;
  if (typeof e?.cause?.code === 'string') return e.cause.code;
  return undefined;
}

/**
 * SQLSTATEs after which the statement may or may not have run because the database went away or
 * cannot take writes: connection exceptions (08…, except 08P01: a protocol violation is a statement the
 * client got wrong, e.g. parameters that do not match), an administrator's or a crash shutdown, a server
 * still starting (57P01–57P03), a read-only standby (25006), too many connections (53300).
 */
const UNAVAILABLE_SQLSTATES = /^(08(?!P01)...|57P0[1-3]|25006|53300)$/;
/** Socket errors of a database server that is down, restarting or unreachable. */
const UNAVAILABLE_SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'ECONNABORTED']);
/** What node-postgres says when a connection ends under it (these come without a code). */
const UNAVAILABLE_MESSAGES = /Connection terminated|connection is closed|Client has encountered a connection error|timeout exceeded when trying to connect|Client was closed|terminating connection|the database system is (starting up|shutting down|in recovery mode)|no primary/i;

/** The error means the database was unreachable or not writable, not that the request was wrong. */
export function databaseUnavailable(err: unknown): boolean {
  for (let e: any = err, depth = 0; e && depth < 4; e = e.cause, depth++) {
    if (e.databaseUnavailable === true) return true;
    if (typeof e.code === 'string' && (UNAVAILABLE_SQLSTATES.test(e.code) || UNAVAILABLE_SOCKET_CODES.has(e.code))) return true;
    if (typeof e.message === 'string' && UNAVAILABLE_MESSAGES.test(e.message)) return true;
  }
  return false;
}
