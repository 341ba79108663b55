// Frozen: never edit after it has shipped; add a new migration instead. Imports nothing from src/.
// Idempotency keys of the API (issue 14): the first answer to a request sent with `Idempotency-Key`,
// kept per API key so a retried bulk invitation returns that answer and invites nobody twice. Built with
// the schema builder alone (text keys, epoch-ms 'bigint' times), so it runs on SQLite and PostgreSQL.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('api_idempotency')
    .addColumn('key_id', 'text', (c) => c.notNull()) // the API key's public id
    .addColumn('idempotency_key', 'text', (c) => c.notNull()) // as the client sent it
    .addColumn('request_hash', 'text', (c) => c.notNull()) // hex SHA-256 of method, path and body
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('status', 'integer') // null while the first request runs
    .addColumn('body', 'text')
    .addPrimaryKeyConstraint('api_idempotency_pk', ['key_id', 'idempotency_key'])
    .execute();
  await db.schema.createIndex('api_idempotency_created_idx').on('api_idempotency').column('created_at').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('api_idempotency_created_idx').execute();
  await db.schema.dropTable('api_idempotency').execute();
}
