// PostgreSQL plans every statement it is sent unnamed, every time. The statement every request runs (the
// session with its member, their groups and grants: a six-table join) plans in 0.5–1.5 ms and runs in
// 0.05 ms. Sent as a named prepared statement, each connection parses it once, and after five runs
// PostgreSQL keeps a generic plan for it: the next runs plan in microseconds.
//
// A generic plan is chosen without the parameters' values, so it is only for statements whose best plan
// does not depend on them: a lookup by primary key or by a list of ids. For a search it is wrong: after
// five runs for "garcia", the generic plan counted "%a%" in 262 ms against a custom plan's tens. So a
// statement opts in, by ending with GENERIC_PLAN (a comment, the same on SQLite); all others go unnamed,
// planned for their values each time, as before.
//
// The pool Kysely's PostgresDialect gets is node-postgres's own, whose clients send the statements that
// opted in as named ones (the name is the hash of the SQL text, so a name never stands for two texts).
import { createHash } from 'node:crypto';
import type pg from 'pg';
import { sql, type PostgresPool, type PostgresPoolClient, type PostgresQueryResult } from 'kysely';

const MARK = '/* generic plan */';

/** Ends a statement whose plan does not depend on its parameters' values: `.modifyEnd(GENERIC_PLAN)`. */
export const GENERIC_PLAN = sql.raw(MARK);

/** At most this many statements kept per connection; past it, new texts go unnamed (PostgreSQL's memory). */
export const PREPARED_PER_CONNECTION = 100;
/** PostgreSQL refuses a prepared statement whose result columns changed (a migration ran meanwhile). */
const CACHED_PLAN_CHANGED = '0A000';

const TRANSACTION_START = /^\s*(begin|start transaction)\b/i;
const TRANSACTION_END = /^\s*(commit|rollback|end)\b(?!\s+to\b)/i;

const names = new Map<string, string>();

/** The statement's name: a hash of its text, remembered for the texts seen most. */
export function statementName(text: string): string {
  let name = names.get(text);
  if (name === undefined) {
    name = `lp_${createHash('sha1').update(text).digest('base64url')}`;
    if (names.size >= 2_000) names.clear();
    names.set(text, name);
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
  async function run<R>(text: string, parameters: ReadonlyArray<unknown>): Promise<PostgresQueryResult<R>> {
    const values = [...parameters];
    if (values.length === 0) prepared.inTransaction = TRANSACTION_START.test(text) || (prepared.inTransaction && !TRANSACTION_END.test(text));
    const named =
      text.endsWith(MARK) &&
      !prepared.refused.has(text) &&
      (prepared.kept.size < prepared.limit || prepared.kept.has(text));
    if (!named) return (await client.query(text, values)) as unknown as PostgresQueryResult<R>;
    prepared.kept.add(text);
    try {
      return (await client.query({ name: statementName(text), text, values })) as unknown as PostgresQueryResult<R>;
    } catch (e) {
      if ((e as { code?: string }).code !== CACHED_PLAN_CHANGED) throw e;
      prepared.refused.add(text);
      if (prepared.inTransaction) throw e;
      return (await client.query(text, values)) as unknown as PostgresQueryResult<R>;
    }
  }
  return {
    query: ((sqlOrCursor: string | object, parameters?: ReadonlyArray<unknown>) =>
      typeof sqlOrCursor === 'string' ? run(sqlOrCursor, parameters ?? []) : client.query(sqlOrCursor as never)) as PostgresPoolClient['query'],
    release: (destroy?: boolean) => client.release(destroy),
  };
}
