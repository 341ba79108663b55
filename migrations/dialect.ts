// Where SQL differs between SQLite and PostgreSQL, a migration asks which engine it runs on.
// Frozen like the migrations that use it: it imports nothing from src/.
import { PostgresAdapter, type Kysely } from 'kysely';

export function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}
