// Frozen: never edit after it has shipped; add a new migration instead. Imports nothing from src/.
// PostgreSQL only; on SQLite this migration does nothing (its searches go through FTS5, 0005).
//
// A search of the Users tab on PostgreSQL read two tables: the members through users_search and the
// pending invitations through invitations_search (0005), each counted apart and each walked for the
// page, the two sides then merged. user_list (0019) holds both, with the same keys (a member's name key
// as sort_name, an invitation's address in both), so a search without a group filter is one count and
// one walk of one table. LIKE rechecks every candidate the index finds, and a user_list row is half as
// wide as a users row, its keys its third and fourth columns where users' name key is its ninth.
//
// And every trigram index keeps a short list of pending entries. GIN adds new rows' keys to a pending
// list (4 MB by default) that every search reads whole until it is merged into the index (when full,
// or by VACUUM). After ten bulk invites of 1,000, user_list_search's list held 248 pages: counting
// "garcia" took 7.2 ms instead of 1.0, its two index scans 5 ms instead of 0.5. At 64 kB (the least
// allowed), a search reads at most 8 pages of it; the bulk invites merge it as they go.
import { sql, type Kysely } from 'kysely';
import { isPostgres } from './dialect.js';

/** Migration 0005's trigram indexes; user_list_search is made here with the same limit. */
const EARLIER_INDEXES = ['users_search', 'invitations_search'];

export async function up(db: Kysely<any>): Promise<void> {
  if (!isPostgres(db)) return;
  await sql`create index user_list_search on user_list using gin (sort_name gin_trgm_ops, email_key gin_trgm_ops)
    with (gin_pending_list_limit = 64)`.execute(db);
  for (const index of EARLIER_INDEXES) await sql`alter index ${sql.table(index)} set (gin_pending_list_limit = 64)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  if (!isPostgres(db)) return;
  for (const index of EARLIER_INDEXES) await sql`alter index ${sql.table(index)} reset (gin_pending_list_limit)`.execute(db);
  await sql`drop index user_list_search`.execute(db);
}
