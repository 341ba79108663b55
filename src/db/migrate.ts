import { Migrator, sql, type Migration, type MigrationResultSet } from 'kysely';
import { migrations } from '../../migrations/index.js';
import { engineOf, type Db } from './connect.js';

/**
 * On PostgreSQL the bookkeeping tables are named with the current schema: Kysely otherwise looks for
 * them in every schema of the database, and would take another schema's for this one's.
 */
async function migrator(db: Db, list: Record<string, Migration> = migrations): Promise<Migrator> {
  const schema =
    engineOf(db) === 'postgres' ? (await sql<{ s: string }>`select current_schema() as s`.execute(db)).rows[0]?.s : undefined;
  // Names compare by their characters (they start with a zero-padded number), not with Kysely's default
  // localeCompare, whose first call maps ICU's collation data into the process for good (about 2 MB).
  const nameComparator = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return new Migrator({ db, provider: { getMigrations: async () => list }, migrationTableSchema: schema, nameComparator });
}

function unwrap({ error, results }: MigrationResultSet): string[] {
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).map((r) => `${r.direction === 'Up' ? 'applied' : 'reverted'} ${r.migrationName}`);
}

/**
 * Applies every pending migration (of `list`: the app's, or a test's); returns what it did. On PostgreSQL Kysely's migrator holds an
 * advisory lock for the run (two processes starting at once: one migrates, the other waits and finds
 * nothing to do) and runs it in one transaction, so a failing migration leaves the schema as it was.
 */
export async function migrateToLatest(db: Db, list: Record<string, Migration> = migrations): Promise<string[]> {
  const done = unwrap(await (await migrator(db, list)).migrateToLatest());
  // New tables and indexes get the planner's statistics now, not at the next start.
  if (done.length && engineOf(db) === 'sqlite') await sql`pragma optimize`.execute(db);
  return done;
}

/** Reverts every migration (tests and emergencies only). */
export async function migrateAllDown(db: Db): Promise<string[]> {
  const { NO_MIGRATIONS } = await import('kysely');
  return unwrap(await (await migrator(db)).migrateTo(NO_MIGRATIONS));
}
