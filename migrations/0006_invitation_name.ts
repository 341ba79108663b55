// Frozen: never edit after it has shipped; add a new migration instead. Imports nothing from src/.
// "Invite a User" accepts `Name <address>`: the name is kept with the invitation, shown in the Users
// list while it is pending, and offered on the accept page.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('invitations').addColumn('display_name', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('invitations').dropColumn('display_name').execute();
}
