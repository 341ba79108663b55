// Frozen: never edit after it has shipped; add a new migration instead. Imports nothing from src/.
// Who stands behind an invitation, for the check at acceptance: a member (invited_by, null once deleted),
// an API key (its public id: it stands while the key is live and may write invitations), or the server's
// operator on the command line (always). Rows written before this migration were all made by members.
// Schema builder only, so it runs on SQLite and PostgreSQL.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('invitations')
    .addColumn('inviter_kind', 'text', (c) => c.notNull().defaultTo('user').check(sql`inviter_kind in ('user', 'api_key', 'operator')`))
    .execute();
  await db.schema.alterTable('invitations').addColumn('inviter_key_id', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('invitations').dropColumn('inviter_key_id').execute();
  await db.schema.alterTable('invitations').dropColumn('inviter_kind').execute();
}
