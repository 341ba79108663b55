// Frozen: never edit after it has shipped; add a new migration instead. Imports nothing from src/.
// SCIM provisioning (RFC 7643/7644): an identity provider's own id for users and groups, and the
// deactivated state SCIM calls `active`. Only Kysely's portable schema builder, so it runs on SQLite and
// PostgreSQL alike. Every attribute a SCIM filter can name is served by an index:
//   userName, emails.value → users.email_key (unique, 0001); displayName → users.name_key (0005);
//   externalId → users.external_id / groups.external_id (below); active → users.deactivated_at (below);
//   Group displayName → groups.name_key (unique, 0001).
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('users').addColumn('external_id', 'text').execute();
  // Epoch milliseconds of the deactivation; null means active.
  await db.schema.alterTable('users').addColumn('deactivated_at', 'bigint').execute();
  await db.schema.alterTable('groups').addColumn('external_id', 'text').execute();
  // A plain unique index: both SQLite and PostgreSQL count NULLs as distinct, so it is "unique where not
  // null" without a partial index (which the planner could use only when the query repeats its condition).
  await db.schema.createIndex('users_external_id_idx').unique().on('users').column('external_id').execute();
  await db.schema.createIndex('groups_external_id_idx').unique().on('groups').column('external_id').execute();
  await db.schema.createIndex('users_deactivated_idx').on('users').columns(['deactivated_at', 'id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('users_deactivated_idx').execute();
  await db.schema.dropIndex('groups_external_id_idx').execute();
  await db.schema.dropIndex('users_external_id_idx').execute();
  await db.schema.alterTable('groups').dropColumn('external_id').execute();
  await db.schema.alterTable('users').dropColumn('deactivated_at').execute();
  await db.schema.alterTable('users').dropColumn('external_id').execute();
}
