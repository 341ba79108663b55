// Opening the database at start: one line naming DATABASE_URL and the cause, never a stack or a password.
import { sql } from 'kysely';
import { isPostgresUrl, openDatabase, type Db, type OpenOptions } from './connect.js';
import { migrateToLatest } from './migrate.js';
import { redactUrl } from './postgres.js';

export class DatabaseStartupError extends Error {}

/** What went wrong, in words, from a driver or network error. */
export function describeDatabaseError(err: unknown): string {
  const e = err as { code?: string; message?: string; errors?: unknown[] };
  if (e?.code === 'ECONNREFUSED') return 'connection refused (is the server running, and on that host and port?)';
  if (e?.code === 'ENOTFOUND' || e?.code === 'EAI_AGAIN') return 'the host name does not resolve';
  if (e?.code === 'ETIMEDOUT') return 'the connection timed out';
  if (e?.code === '28P01' || e?.code === '28000') return `authentication failed (${e.message})`;
  if (e?.code === '3D000') return `${e.message}`;
  if (Array.isArray(e?.errors) && e.errors.length) return describeDatabaseError(e.errors[0]);
  return (e?.message ?? String(err)).split('\n')[0]!;
}

function fail(databaseUrl: string, err: unknown, doing: string): DatabaseStartupError {
  let cause = describeDatabaseError(err);
  try {
    const password = decodeURIComponent(new URL(databaseUrl).password);
    if (password) cause = cause.replaceAll(password, '***');
  } catch {
    // not a URL (a SQLite path): nothing to hide
  }
  const where = isPostgresUrl(databaseUrl) ? redactUrl(databaseUrl) : databaseUrl;
  return new DatabaseStartupError(`DATABASE_URL (${where}): ${doing}: ${cause}`);
}

/** Opens the database, proves it answers and migrates it; failures become a DatabaseStartupError. */
export async function openAndMigrate(
  databaseUrl: string,
  options: OpenOptions = {},
): Promise<{ db: Db; applied: string[] }> {
  let db: Db;
  try {
    db = openDatabase(databaseUrl, options);
    await sql`select 1`.execute(db);
  } catch (err) {
    throw fail(databaseUrl, err, 'cannot open the database');
  }
  try {
    return { db, applied: await migrateToLatest(db) };
  } catch (err) {
    await db.destroy().catch(() => {});
    throw fail(databaseUrl, err, 'a migration failed');
  }
}
