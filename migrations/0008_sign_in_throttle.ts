// Frozen: never edit after it has shipped; add a new migration instead. Imports nothing from src/.
// Sign-in, password-reset and invitation-acceptance counters move from process memory into the
// database, so that several processes share them and a restart no longer clears them. Built only with
// the portable schema builder: it runs on SQLite and PostgreSQL alike. Times are epoch milliseconds.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('throttle_counters')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addColumn('last_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    // The failed-sign-in audit event of this window, whose count is kept up to date (one per window).
    .addColumn('audit_event_id', 'integer')
    .execute();
  await db.schema.createIndex('throttle_counters_expires_at').on('throttle_counters').column('expires_at').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('throttle_counters').execute();
}
