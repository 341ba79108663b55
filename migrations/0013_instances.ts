// Frozen: never edit after it has shipped; add a new migration instead. Imports nothing from src/.
// The Launchpad as the OpenID Provider of its space's instances (issue 17):
//  - instances: the registered relying parties; only SHA-256 of a client secret is kept (hex text);
//  - oidc_artifacts: what the provider persists (sessions, grants, codes, access and refresh tokens,
//    interactions), keyed by model and id, with an expiry, so every process on the database shares them;
//  - oidc_keys: the signing keys, the private half encrypted with the server secret; a superseded key
//    stays published until the tokens it signed have expired.
// Schema builder only, epoch-ms 'bigint' times and text ids, so it runs on SQLite and PostgreSQL alike.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('instances')
    .addColumn('id', 'text', (c) => c.primaryKey()) // the client_id
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('redirect_uris', 'text', (c) => c.notNull()) // space-separated (a URI holds no space)
    .addColumn('post_logout_redirect_uri', 'text')
    .addColumn('secret_hash', 'text', (c) => c.notNull()) // hex SHA-256 of the client secret
    .addColumn('designers_only', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('created_by_label', 'text', (c) => c.notNull())
    .addColumn('secret_rotated_at', 'bigint')
    .addColumn('disabled_at', 'bigint')
    .execute();

  await db.schema
    .createTable('oidc_artifacts')
    .addColumn('model', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull()) // JSON, as the provider gave it
    .addColumn('grant_id', 'text')
    .addColumn('uid', 'text')
    .addColumn('user_code', 'text')
    .addColumn('client_id', 'text')
    .addColumn('account_id', 'text')
    .addColumn('expires_at', 'bigint')
    .addColumn('consumed_at', 'bigint')
    .addPrimaryKeyConstraint('oidc_artifacts_pk', ['model', 'id'])
    .execute();
  await db.schema.createIndex('oidc_artifacts_grant_idx').on('oidc_artifacts').column('grant_id').execute();
  await db.schema.createIndex('oidc_artifacts_uid_idx').on('oidc_artifacts').column('uid').execute();
  await db.schema.createIndex('oidc_artifacts_client_idx').on('oidc_artifacts').column('client_id').execute();
  await db.schema.createIndex('oidc_artifacts_expires_idx').on('oidc_artifacts').column('expires_at').execute();

  await db.schema
    .createTable('oidc_keys')
    .addColumn('id', 'text', (c) => c.primaryKey()) // the kid
    .addColumn('private_jwk', 'text', (c) => c.notNull()) // AES-256-GCM under a key derived from the server secret
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('retired_at', 'bigint') // when a newer key took over signing
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('oidc_keys').execute();
  await db.schema.dropIndex('oidc_artifacts_expires_idx').execute();
  await db.schema.dropIndex('oidc_artifacts_client_idx').execute();
  await db.schema.dropIndex('oidc_artifacts_uid_idx').execute();
  await db.schema.dropIndex('oidc_artifacts_grant_idx').execute();
  await db.schema.dropTable('oidc_artifacts').execute();
  await db.schema.dropTable('instances').execute();
}
