// PostgreSQL plans every statement it is sent unnamed, every time. Our per-request statements are joins
// whose planning costs more than running them: the session-and-member read plans in about 0.5–1.5 ms and
// runs in 0.15 ms. Sent as named prepared statements, each connection parses a statement once, and after
// five runs PostgreSQL may keep a generic plan for it (plan_cache_mode=auto, its default: it keeps custom
// plans where parameters change the best plan, e.g. a search pattern).
//
// The pool Kysely's PostgresDialect gets: node-postgres's own, whose clients send each statement that has
// parameters as a named one (the name is the hash of the SQL text, so the same text is the same
// statement on every connection and a name never stands for two texts). Statements without parameters go
// as before (the simple protocol: transaction control, DDL, a migration's several statements).
import { createHash } from 'node:crypto';
import type pg from 'pg';
import type { PostgresPool, PostgresPoolClient, PostgresQueryResult } from 'kysely';

/** At most this many statements kept per connection; past it, new texts go unnamed (PostgreSQL's memory). */
export const PREPARED_PER_CONNECTION = 300;
/** Statements with more parameters (a bulk insert's rows) vary in length and run rarely: not kept. */
export const PREPARED_MAX_PARAMETERS = 256;
/** PostgreSQL refuses a prepared statement whose result columns changed (a migration ran meanwhile). */
const CACHED_PLAN_CHANGED = '0A000';

const TRANSACTION_START = /^\s*(begin|start transaction)\b/i;
const TRANSACTION_END = /^\s*(commit|rollback|end)\b(?!\s+to\b)/i;

const names = new Map<string, string>();

/** The statement's name: a hash of its text, remembered for the texts seen most. */
export function statementName(sql: string): string {
  let name = names.get(sql);
  if (name === undefined) {
    name = `lp_${createHash('sha1').update(sql).digest('base64url')}`;
    if (names.size >= 2_000) names.clear();
    names.set(sql, name);
  }
  return name;
}

interface Prepared {
  kept: Set<string>;
  /** Between Kysely's begin and its commit or rollback: a failed statement has aborted the transaction. */
  inTransaction: boolean;
  limit: number;
  /** Texts PostgreSQL refused to run prepared on this connection: they go unnamed from then on. */
  refused: Set<string>;
}

export class PreparingPool implements PostgresPool {
  readonly #pool: pg.Pool;
  readonly #clients = new WeakMap<pg.PoolClient, PostgresPoolClient>();
  readonly #perConnection: number;

  constructor(pool: pg.Pool, perConnection = PREPARED_PER_CONNECTION) {
    this.#pool = pool;
    this.#perConnection = perConnection;
  }

  async connect(): Promise<PostgresPoolClient> {
    const client = await this.#pool.connect();
    let wrapped = this.#clients.get(client);
    if (!wrapped) {
      wrapped = preparing(client, { kept: new Set(), refused: new Set(), inTransaction: false, limit: this.#perConnection });
      this.#clients.set(client, wrapped);
    }
    return wrapped;
  }

  end(): Promise<void> {
    return this.#pool.end();
  }
}

function preparing(client: pg.PoolClient, prepared: Prepared): PostgresPoolClient {
  async function run<R>(sql: string, parameters: ReadonlyArray<unknown>): Promise<PostgresQueryResult<R>> {
    const values = [...parameters];
    if (values.length === 0) prepared.inTransaction = TRANSACTION_START.test(sql) || (prepared.inTransaction && !TRANSACTION_END.test(sql));
    const named =
      values.length > 0 &&
      values.length <= PREPARED_MAX_PARAMETERS &&
      !prepared.refused.has(sql) &&
      (prepared.kept.size < prepared.limit || prepared.kept.has(sql));
    if (!named) return (await client.query(sql, values)) as unknown as PostgresQueryResult<R>;
    prepared.kept.add(sql);
    try {
      return (await client.query({ name: statementName(sql), text: sql, values })) as unknown as PostgresQueryResult<R>;
    } catch (e) {
      if ((e as { code?: string }).code !== CACHED_PLAN_CHANGED) throw e;
      prepared.refused.add(sql);
      if (prepared.inTransaction) throw e;
      return (await client.query(sql, values)) as unknown as PostgresQueryResult<R>;
    }
  }
  return {
    query: ((sqlOrCursor: string | object, parameters?: ReadonlyArray<unknown>) =>
      typeof sqlOrCursor === 'string' ? run(sqlOrCursor, parameters ?? []) : client.query(sqlOrCursor as never)) as PostgresPoolClient['query'],
    release: (destroy?: boolean) => client.release(destroy),
  };
}
