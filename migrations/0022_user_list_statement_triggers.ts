// Frozen: never edit after it has shipped; add a new migration instead. Imports nothing from src/.
// PostgreSQL only; on SQLite this migration does nothing (it has no tallies, 0020).
//
// A bulk invite of 1,000 addresses took 1.5 s on PostgreSQL where it took 0.35 s before migration 0020:
// each invitation's row of user_list fired the tally's trigger on its own, which appended two block rows
// and one row per substring of its keys (about 40), 1,000 times over. Here the invitations of one INSERT
// enter user_list in one statement, and the tally's INSERT and DELETE triggers run once per statement
// over its rows (transition tables), appending one row per block and per substring, with its count: the
// 1,000 addresses of a bulk invite share most of their substrings ("exa", "com", …).
//
// And an invitation whose email is sent (its expiry set from the sending) or whose profile changes kept
// its place in user_list by a delete and an insert, so its substrings were taken away and added again:
// a pending invitation that stays pending is now updated in place, and the tally's UPDATE trigger (0020)
// fires only if its keys or profile changed.
import { sql, type Kysely } from 'kysely';
import { isPostgres } from './dialect.js';

export async function up(db: Kysely<any>): Promise<void> {
  if (!isPostgres(db)) return;

  // Rows that entered or left user_list in one statement, counted per block and per substring.
  await sql`create function user_list_tally_rows() returns trigger language plpgsql as $$
  begin
    if tg_op = 'INSERT' then
      insert into user_list_tally (sort, profile, prefix, n)
        select 'name', profile, left(sort_name, 3), count(*) from new_rows group by profile, left(sort_name, 3)
        union all
        select 'email', profile, left(email_key, 3), count(*) from new_rows group by profile, left(email_key, 3);
      insert into user_list_grams (gram, n)
        select gram, count(*) from new_rows, unnest(user_list_trigrams(sort_name, email_key)) gram group by gram;
    else
      insert into user_list_tally (sort, profile, prefix, n)
        select 'name', profile, left(sort_name, 3), -count(*) from old_rows group by profile, left(sort_name, 3)
        union all
        select 'email', profile, left(email_key, 3), -count(*) from old_rows group by profile, left(email_key, 3);
      insert into user_list_grams (gram, n)
        select gram, -count(*) from old_rows, unnest(user_list_trigrams(sort_name, email_key)) gram group by gram;
    end if;
    return null;
  end $$`.execute(db);
  await sql`drop trigger user_list_tally_insert on user_list`.execute(db);
  await sql`drop trigger user_list_tally_delete on user_list`.execute(db);
  await sql`create trigger user_list_tally_insert after insert on user_list
    referencing new table as new_rows for each statement execute function user_list_tally_rows()`.execute(db);
  await sql`create trigger user_list_tally_delete after delete on user_list
    referencing old table as old_rows for each statement execute function user_list_tally_rows()`.execute(db);

  // The pending invitations of one INSERT enter the list in one statement.
  await sql`create function user_list_invitations_inserted() returns trigger language plpgsql as $$
  begin
    insert into user_list (kind, id, sort_name, email_key, profile, no_login, last_login_at, deactivated, expires_at)
      select 'invitation', id, email_key, email_key, profile, 1, null, 0, expires_at from new_rows where status = 'pending';
    return null;
  end $$`.execute(db);
  await sql`drop trigger user_list_invitation_insert on invitations`.execute(db);
  await sql`create trigger user_list_invitation_insert after insert on invitations
    referencing new table as new_rows for each statement execute function user_list_invitations_inserted()`.execute(db);

  // Updates and deletes stay row by row; one that stays pending is updated in place.
  await sql`create or replace function user_list_invitation() returns trigger language plpgsql as $$
  begin
    if tg_op = 'UPDATE' and old.status = 'pending' and new.status = 'pending' then
      update user_list set id = new.id, sort_name = new.email_key, email_key = new.email_key, profile = new.profile, expires_at = new.expires_at
        where kind = 'invitation' and id = old.id;
      return null;
    end if;
    if tg_op <> 'INSERT' and old.status = 'pending' then delete from user_list where kind = 'invitation' and id = old.id; end if;
    if tg_op <> 'DELETE' and new.status = 'pending' then
      insert into user_list (kind, id, sort_name, email_key, profile, no_login, last_login_at, deactivated, expires_at)
        values ('invitation', new.id, new.email_key, new.email_key, new.profile, 1, null, 0, new.expires_at);
    end if;
    return null;
  end $$`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  if (!isPostgres(db)) return;
  await sql`create or replace function user_list_invitation() returns trigger language plpgsql as $$
  begin
    if tg_op <> 'INSERT' and old.status = 'pending' then delete from user_list where kind = 'invitation' and id = old.id; end if;
    if tg_op <> 'DELETE' and new.status = 'pending' then
      insert into user_list (kind, id, sort_name, email_key, profile, no_login, last_login_at, deactivated, expires_at)
        values ('invitation', new.id, new.email_key, new.email_key, new.profile, 1, null, 0, new.expires_at);
    end if;
    return null;
  end $$`.execute(db);
  await sql`drop trigger user_list_invitation_insert on invitations`.execute(db);
  await sql`drop function user_list_invitations_inserted()`.execute(db);
  await sql`create trigger user_list_invitation_insert after insert on invitations for each row
    when (new.status = 'pending') execute function user_list_invitation()`.execute(db);

  await sql`drop trigger user_list_tally_insert on user_list`.execute(db);
  await sql`drop trigger user_list_tally_delete on user_list`.execute(db);
  await sql`drop function user_list_tally_rows()`.execute(db);
  await sql`create trigger user_list_tally_insert after insert on user_list for each row execute function user_list_tally()`.execute(db);
  await sql`create trigger user_list_tally_delete after delete on user_list for each row execute function user_list_tally()`.execute(db);
}
