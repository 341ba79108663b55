// Frozen: never edit after it has shipped; add a new migration instead. Imports nothing from src/.
// Single sign-on: one row per sign-in started at the OpenID provider. The browser holds `id.secret` in a
// short-lived cookie; the row holds only SHA-256(secret) (hex), so state, nonce and the PKCE verifier,
// which are derived from the secret, are never stored. Portable schema builder only: the same migration
// runs on SQLite and PostgreSQL (epoch milliseconds as bigint, text keys).
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('oidc_logins')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('secret_hash', 'text', (c) => c.notNull())
    .addColumn('next_path', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addColumn('used_at', 'bigint')
    .execute();
  await db.schema.createIndex('oidc_logins_expires_at').on('oidc_logins').column('expires_at').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('oidc_logins').execute();
}
