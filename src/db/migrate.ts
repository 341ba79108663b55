import { Migrator, sql, type MigrationResultSet } from 'kysely';
import { migrations } from '../../migrations/index.js';
import type { Db } from './connect.js';

function migrator(db: Db): Migrator {
  return new Migrator({ db, provider: { getMigrations: async () => migrations } });
}

function unwrap({ error, results }: MigrationResultSet): string[] {
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).map((r) => `${r.direction === 'Up' ? 'applied' : 'reverted'} ${r.migrationName}`);
}

/** Applies every pending migration; returns what it did. */
export async function migrateToLatest(db: Db): Promise<string[]> {
  const done = unwrap(await migrator(db).migrateToLatest());
  // New tables and indexes get the planner's statistics now, not at the next start.
  if (done.length) await sql`pragma optimize`.execute(db);
  return done;
}

/** Reverts every migration (tests and emergencies only). */
export async function migrateAllDown(db: Db): Promise<string[]> {
  const { NO_MIGRATIONS } = await import('kysely');
  return unwrap(await migrator(db).migrateTo(NO_MIGRATIONS));
}
