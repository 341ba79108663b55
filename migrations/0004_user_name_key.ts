// Frozen: never edit after it has shipped; add a new migration instead. Imports nothing from src/.
// SQLite's lower() folds ASCII only, so "Émile" could not be found as "émile". The application now keeps a
// Unicode-folded copy of the display name, which search and sorting use (and which an index can serve).
import { sql, type Kysely } from 'kysely';
import { isPostgres } from './dialect.js';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('users').addColumn('name_key', 'text', (c) => c.notNull().defaultTo('')).execute();
  const rows = await db.selectFrom('users').select(['id', 'display_name']).execute();
  for (const r of rows) {
    await db
      .updateTable('users')
      .set({ name_key: String(r.display_name).normalize('NFC').toLowerCase() })
      .where('id', '=', r.id)
      .execute();
  }
  await db.schema.dropIndex('users_name_idx').execute();
  await db.schema.createIndex('users_name_key_idx').on('users').columns(['name_key', 'id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('users_name_key_idx').execute();
  await db.schema.createIndex('users_name_idx').on('users').expression(isPostgres(db) ? sql`lower(display_name), id` : sql`display_name collate nocase, id`).execute();
  await db.schema.alterTable('users').dropColumn('name_key').execute();
}
