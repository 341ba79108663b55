// PostgreSQL: Kysely's PostgresDialect on a node-postgres pool. Nothing connects until the first query.
import pg from 'pg';
import { Kysely, PostgresDialect, type KyselyConfig } from 'kysely';
import { PreparingPool } from './pg-prepared.js';
import type { Database } from './schema.js';

const INT8 = 20;

/**
 * node-postgres answers int8 as a string, since it may exceed 2^53. Ours are epoch milliseconds and
 * counts, far below that, and the code reads numbers: one parser for this pool, not a global change.
 * bytea already arrives as a Buffer (a Uint8Array), which is what the hash columns expect.
 */
const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === INT8 && format !== 'binary') return (value: string) => Number(value);
    return pg.types.getTypeParser(oid, format as 'text');
  },
};

export interface PostgresOptions {
  poolMax?: number;
  /** A connection lost (the server restarted, the network failed): reported, never fatal. */
  onIdleError?: (err: Error) => void;
  /** Kysely's query log (the benchmark's profile of a page's statements). */
  log?: KyselyConfig['log'];
}

export function openPostgres(url: string, options: PostgresOptions = {}): Kysely<Database> {
  const pool = new pg.Pool({ connectionString: url, max: options.poolMax ?? 10, types, connectionTimeoutMillis: 10_000 });
  const report = options.onIdleError ?? ((e: Error) => console.error(`[db] connection lost: ${e.message}`));
  pool.on('error', report);
  // A connection that drops while a query holds it: the query fails (and its request answers 503), the
  // event must not end the process. The pool replaces the connection on the next request.
  pool.on('connect', (client) => client.on('error', report));
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool: new PreparingPool(pool) }), log: options.log });
}

/** The URL without its password, for messages. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.href;
  } catch {
    return url.replace(/\/\/[^@/]*@/, '//***@');
  }
}
