// Frozen: never edit after it has shipped; add a new migration instead. Imports nothing from src/.
// What My account shows of each session: the browser (its User-Agent) and the address it started from,
// written once when the session starts.
// My account lists one person's sessions through sessions_user_idx (0001). Only Kysely's portable schema builder (SQLite and PostgreSQL).
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('sessions').addColumn('user_agent', 'text').execute();
  await db.schema.alterTable('sessions').addColumn('client_address', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('sessions').dropColumn('client_address').execute();
  await db.schema.alterTable('sessions').dropColumn('user_agent').execute();
}
