// Frozen: never edit after it has shipped; add a new migration instead. Imports nothing from src/.
// PostgreSQL only; on SQLite this migration does nothing (its searches go through FTS5, 0005).
//
// A search of the Users tab on PostgreSQL read two tables: the members through users_search and the
// pending invitations through invitations_search (0005), each counted apart and each walked for the
// page, the two sides then merged. user_list (0019) holds both, with the same keys (a member's name key
// as sort_name, an invitation's address in both), so a search without a group filter is one count and
// one walk of one table. LIKE rechecks every candidate the index finds, and a user_list row is half as
// wide as a users row, its keys its third and fourth columns where users' name key is its ninth.
import { sql, type Kysely } from 'kysely';
import { isPostgres } from './dialect.js';

export async function up(db: Kysely<any>): Promise<void> {
  if (!isPostgres(db)) return;
  await sql`create index user_list_search on user_list using gin (sort_name gin_trgm_ops, email_key gin_trgm_ops)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  if (!isPostgres(db)) return;
  await sql`drop index user_list_search`.execute(db);
}
