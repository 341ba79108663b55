// Frozen: never edit after it has shipped; add a new migration instead. Imports nothing from src/.
// PostgreSQL only; on SQLite this migration does nothing (its pages are fast there already).
//
// Deep pages. PostgreSQL skips OFFSET rows one at a time even in an index-only scan, about 0.1 µs each:
// page 1,000 of the Users tab (49,950 rows skipped) took 9 ms where SQLite takes 0.4. user_list_tally
// counts the list's rows by the first three characters of its name and address keys (and profile), so a
// deep page starts its walk at the block the page falls in (under the data's 2,300 rows) instead of the
// list's first row. Rows sharing a prefix are neighbours in the list's order (bytewise C.UTF-8 order, the
// order SQLite shares), so the rows before a block are the sum of the blocks before it.
//
// Common searches. A key holds a term of three characters exactly when its set of three-character
// substrings does: user_list_grams counts, for each such substring, the rows of the list holding it in
// their name or address key (user_list_trigrams lists a row's). Counting "mar" (10,973 of 120,000 rows)
// is then a sum over one index entry, where LIKE through pg_trgm visited every heap page: 4.3 ms for the
// members and 0.8 for the invitations (SQLite counts one FTS5 posting list, 0.7).
//
// Both tallies are exact as of the statement that reads them: the triggers write them in the transaction
// that changes user_list, and one statement reads a tally (and the list). A change appends rows (+1, -1)
// rather than updating counters, so writers never wait on each other (nor deadlock); compaction folds
// them into one row per block or substring now and then.
import { sql, type Kysely } from 'kysely';
import { isPostgres } from './dialect.js';

export async function up(db: Kysely<any>): Promise<void> {
  if (!isPostgres(db)) return;
  await sql`create table user_list_tally (
    sort text not null check (sort in ('name', 'email')),
    profile text not null,
    prefix text not null,
    n integer not null
  )`.execute(db);
  await sql`create index user_list_tally_sum on user_list_tally (sort, prefix, profile, n)`.execute(db);
  await sql`insert into user_list_tally (sort, profile, prefix, n)
    select 'name', profile, left(sort_name, 3), count(*) from user_list group by profile, left(sort_name, 3)
    union all
    select 'email', profile, left(email_key, 3), count(*) from user_list group by profile, left(email_key, 3)`.execute(db);

  // Built-ins only (pg_catalog), so it reads the same under any search_path. Each substring once.
  await sql`create function user_list_trigrams(name_key text, email_key text) returns text[]
    language sql immutable strict parallel safe as $$
    select array(select substr(name_key, i, 3) from generate_series(1, length(name_key) - 2) i
      union select substr(email_key, i, 3) from generate_series(1, length(email_key) - 2) i)
  $$`.execute(db);
  await sql`create table user_list_grams (
    gram text not null,
    n integer not null
  )`.execute(db);
  await sql`create index user_list_grams_sum on user_list_grams (gram, n)`.execute(db);
  await sql`insert into user_list_grams (gram, n)
    select gram, count(*) from user_list, unnest(user_list_trigrams(sort_name, email_key)) gram group by gram`.execute(db);

  await sql`create function user_list_tally() returns trigger language plpgsql as $$
  declare
    keys_changed boolean := true;
    blocks_changed boolean := true;
  begin
    if tg_op = 'UPDATE' then
      keys_changed := old.sort_name <> new.sort_name or old.email_key <> new.email_key;
      blocks_changed := left(old.sort_name, 3) <> left(new.sort_name, 3) or left(old.email_key, 3) <> left(new.email_key, 3)
        or old.profile <> new.profile;
    end if;
    if tg_op <> 'INSERT' then
      if blocks_changed then
        insert into user_list_tally (sort, profile, prefix, n)
          values ('name', old.profile, left(old.sort_name, 3), -1), ('email', old.profile, left(old.email_key, 3), -1);
      end if;
      if keys_changed then
        insert into user_list_grams (gram, n) select gram, -1 from unnest(user_list_trigrams(old.sort_name, old.email_key)) gram;
      end if;
    end if;
    if tg_op <> 'DELETE' then
      if blocks_changed then
        insert into user_list_tally (sort, profile, prefix, n)
          values ('name', new.profile, left(new.sort_name, 3), 1), ('email', new.profile, left(new.email_key, 3), 1);
      end if;
      if keys_changed then
        insert into user_list_grams (gram, n) select gram, 1 from unnest(user_list_trigrams(new.sort_name, new.email_key)) gram;
      end if;
    end if;
    return null;
  end $$`.execute(db);
  await sql`create trigger user_list_tally_insert after insert on user_list for each row execute function user_list_tally()`.execute(db);
  await sql`create trigger user_list_tally_delete after delete on user_list for each row execute function user_list_tally()`.execute(db);
  await sql`create trigger user_list_tally_update after update of sort_name, email_key, profile on user_list for each row
    when (old.sort_name <> new.sort_name or old.email_key <> new.email_key or old.profile <> new.profile)
    execute function user_list_tally()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  if (!isPostgres(db)) return;
  await sql`drop function user_list_tally() cascade`.execute(db);
  await sql`drop table user_list_grams`.execute(db);
  await sql`drop function user_list_trigrams(text, text)`.execute(db);
  await sql`drop table user_list_tally`.execute(db);
}
