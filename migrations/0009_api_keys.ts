// Frozen: never edit after it has shipped; add a new migration instead. Imports nothing from src/.
// API keys (issue 14): a key belongs to the space, like a service account. Only SHA-256 of its secret is
// kept (hex text). Built with the schema builder alone, with epoch-ms 'bigint' times, so that it runs on
// SQLite and PostgreSQL alike. The rate counters live in the database so every process shares them.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('api_keys')
    .addColumn('id', 'text', (c) => c.primaryKey()) // the public id, the `<public id>` of lp_<public id>_<secret>
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('scopes', 'text', (c) => c.notNull()) // space-separated scope names
    .addColumn('secret_hash', 'text', (c) => c.notNull()) // hex SHA-256 of the secret
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('created_by', 'integer')
    .addColumn('created_by_label', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'bigint')
    .addColumn('last_used_at', 'bigint')
    .addColumn('last_used_address', 'text')
    .addColumn('revoked_at', 'bigint')
    .execute();
  await db.schema.createIndex('api_keys_created_idx').on('api_keys').column('created_at').execute();

  await db.schema
    .createTable('api_rate_counters')
    .addColumn('key_id', 'text', (c) => c.notNull())
    .addColumn('window_start', 'bigint', (c) => c.notNull())
    .addColumn('hits', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('api_rate_counters_pk', ['key_id', 'window_start'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('api_rate_counters').execute();
  await db.schema.dropIndex('api_keys_created_idx').execute();
  await db.schema.dropTable('api_keys').execute();
}
