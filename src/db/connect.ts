// Opens the database. Nothing here runs on import: the caller decides when and where.
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import SQLite from 'better-sqlite3';
import { CompiledQuery, Kysely, PostgresAdapter, SqliteDialect, SqliteDriver, type DatabaseConnection, type SqliteDatabase, type Transaction } from 'kysely';
import type { Database } from './schema.js';
import { openPostgres } from './postgres.js';

export type Db = Kysely<Database>;
export type Trx = Transaction<Database>;
/** Either handle: query functions take it first so the caller owns the transaction. */
export type Executor = Db | Trx;

/**
 * Write transactions start with BEGIN IMMEDIATE: the write lock is taken up front, so a check made
 * inside the transaction (a free seat, the single owner) still holds when the write lands, even with
 * another process (the CLI) on the same file.
 */
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

class ImmediateSqliteDialect extends SqliteDialect {
  readonly #config: ConstructorParameters<typeof SqliteDialect>[0];
  constructor(config: ConstructorParameters<typeof SqliteDialect>[0]) {
    super(config);
    this.#config = config;
  }
  override createDriver() {
    return new ImmediateSqliteDriver(this.#config);
  }
}

/** Where better-sqlite3's addon comes from: a path to the .node file, or the addon already loaded (the single binary). */
export type NativeBinding = string | object;

export interface OpenOptions {
  nativeBinding?: NativeBinding;
  /** PostgreSQL: the most connections this process opens (DATABASE_POOL_MAX). */
  poolMax?: number;
}

export type Engine = 'sqlite' | 'postgres';

export function isPostgresUrl(databaseUrl: string): boolean {
  return /^postgres(ql)?:\/\//.test(databaseUrl);
}

/** Which engine a handle talks to: for the few statements whose SQL differs between the two. */
export function engineOf(db: Executor): Engine {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}

const STATEMENT_CACHE_SIZE = 250;

/**
 * Kysely's SQLite driver prepares every query anew, and preparing cost more than running most of ours
 * (the CPU profile of the Users tab under load: 6% in prepare). The same SQL text now reuses its
 * prepared statement; the least recently used goes first once 250 are kept. It is safe because the
 * connection is used by one query at a time and nothing streams.
 */
function withStatementCache(sqlite: SQLite.Database): SqliteDatabase {
  const cache = new Map<string, SQLite.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(sqlText: string) {
      let statement = cache.get(sqlText);
      if (statement) cache.delete(sqlText);
      else statement = sqlite.prepare(sqlText);
      cache.set(sqlText, statement);
      if (cache.size > STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value!);
      return statement;
    },
  };
}

/** `file:<path>` or `:memory:` opens SQLite; `postgres://` or `postgresql://` a PostgreSQL pool. */
export function openDatabase(databaseUrl: string, options: OpenOptions = {}): Db {
  if (isPostgresUrl(databaseUrl)) return openPostgres(databaseUrl, { poolMax: options.poolMax });
  const filename = databaseUrl === ':memory:' ? ':memory:' : resolve(databaseUrl.replace(/^file:/, ''));
  if (filename !== ':memory:') mkdirSync(dirname(filename), { recursive: true });
  // better-sqlite3 takes a path or the loaded addon object; its type declarations only know the path.
  const sqlite = new SQLite(filename, options.nativeBinding ? { nativeBinding: options.nativeBinding as string } : {});
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 100');
  sqlite.pragma('synchronous = NORMAL');
  // Gathers the planner's statistics where they are missing or stale (SQLite's advice for a connection
  // that stays open): the list queries choose between indexes by them.
  sqlite.pragma('optimize = 0x10002');
  return new Kysely<Database>({ dialect: new ImmediateSqliteDialect({ database: withStatementCache(sqlite) }) });
}
