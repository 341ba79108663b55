// Frozen: never edit after it has shipped; add a new migration instead. Imports nothing from src/.
// PostgreSQL (added with issue 13; SQLite's statements unchanged): identity key, bytea hash, lower() for nocase.
import { sql, type Kysely } from 'kysely';
import { isPostgres } from './dialect.js';

export async function up(db: Kysely<any>): Promise<void> {
  const pg = isPostgres(db);
  await db.schema
    .createTable('invitations')
    .addColumn('id', 'integer', (c) => (pg ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey().autoIncrement()))
    // The public half of the link; the secret half is derived from the server secret and never stored.
    .addColumn('public_id', 'text', (c) => c.notNull().unique())
    .addColumn('secret_hash', pg ? 'bytea' : 'blob', (c) => c.notNull())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('email_key', 'text', (c) => c.notNull())
    .addColumn('profile', 'text', (c) => c.notNull().check(sql`profile in ('designer', 'explorer', 'reader')`))
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('pending', 'accepted', 'revoked')`))
    .addColumn('invited_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('invited_by_label', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addColumn('last_sent_at', 'bigint')
    .addColumn('outbox_id', 'integer')
    .addColumn('accepted_at', 'bigint')
    .addColumn('accepted_user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('revoked_at', 'bigint')
    .execute();
  // One pending invitation per address, enforced by the database even under concurrent requests.
  await db.schema
    .createIndex('invitations_pending_email_idx')
    .on('invitations')
    .column('email_key')
    .unique()
    .where(sql.ref('status'), '=', 'pending')
    .execute();
  await db.schema.createIndex('invitations_status_profile_idx').on('invitations').columns(['status', 'profile', 'expires_at']).execute();

  await db.schema
    .createTable('invitation_groups')
    .addColumn('invitation_id', 'integer', (c) => c.notNull().references('invitations.id').onDelete('cascade'))
    .addColumn('group_id', 'integer', (c) => c.notNull().references('groups.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('invitation_groups_pk', ['invitation_id', 'group_id'])
    .execute();
  await db.schema.createIndex('invitation_groups_group_idx').on('invitation_groups').columns(['group_id', 'invitation_id']).execute();

  // Emails carrying a secret link hold a placeholder; the worker derives the link at send time.
  await db.schema.alterTable('outbox').addColumn('link_ref', 'text').execute();

  await db.schema.createIndex('users_profile_idx').on('users').columns(['profile']).execute();
  await db.schema.createIndex('users_name_idx').on('users').expression(pg ? sql`lower(display_name), id` : sql`display_name collate nocase, id`).execute();
  await db.schema.createIndex('users_last_login_idx').on('users').columns(['last_login_at', 'id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('users_last_login_idx').execute();
  await db.schema.dropIndex('users_name_idx').execute();
  await db.schema.dropIndex('users_profile_idx').execute();
  await db.schema.alterTable('outbox').dropColumn('link_ref').execute();
  await db.schema.dropTable('invitation_groups').execute();
  await db.schema.dropTable('invitations').execute();
}
