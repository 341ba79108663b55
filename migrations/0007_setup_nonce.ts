// Frozen: never edit after it has shipped; add a new migration instead. Imports nothing from src/.
// The first-run setup link, the same in every process: each derives it from SECRET_KEY and this one
// random value, written by whichever process starts first on the empty database.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('setup_nonce')
    .addColumn('id', 'integer', (c) => c.primaryKey().check(sql`id = 1`))
    .addColumn('nonce', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('setup_nonce').execute();
}
