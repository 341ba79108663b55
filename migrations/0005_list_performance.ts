// Frozen: never edit after it has shipped; add a new migration instead. Imports nothing from src/.
// What the Users and Groups tabs need at 100,000 users (measured with `npm run bench`):
//  - indexes in each list order, so the members/invitations union merges two index scans instead of
//    sorting every row for each page;
//  - counts kept by triggers (members and pending invitations per profile, members per group), so no
//    page counts 100,000 rows;
//  - trigram full-text indexes over the folded email and name, so a substring search reads the matches
//    instead of every row.
// PostgreSQL (added with issue 13; SQLite's statements unchanged): the same counts kept by PL/pgSQL
// triggers, and pg_trgm GIN indexes over the same folded keys instead of FTS5 tables, so LIKE over the
// keys finds the same rows on both engines.
import { sql, type Kysely } from 'kysely';
import { isPostgres } from './dialect.js';

const PROFILES = ['designer', 'explorer', 'reader'];

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('users_list_name_idx').on('users').columns(['name_key', 'email_key', 'id']).execute();
  await db.schema.createIndex('users_list_profile_idx').on('users').columns(['profile', 'name_key', 'email_key', 'id']).execute();
  await db.schema.dropIndex('users_name_key_idx').execute();
  await db.schema.dropIndex('users_profile_idx').execute();
  await db.schema.createIndex('invitations_list_idx').on('invitations').columns(['status', 'email_key', 'id']).execute();
  await db.schema
    .createIndex('invitations_list_profile_idx')
    .on('invitations')
    .columns(['status', 'profile', 'email_key', 'id'])
    .execute();

  if (isPostgres(db)) return upPostgres(db);

  // Members and pending invitations per profile.
  await sql`create table profile_counts (
    profile text primary key,
    members integer not null default 0,
    pending integer not null default 0
  )`.execute(db);
  for (const p of PROFILES) {
    await sql`insert into profile_counts (profile, members, pending) values (
      ${p},
      (select count(*) from users where profile = ${p}),
      (select count(*) from invitations where status = 'pending' and profile = ${p})
    )`.execute(db);
  }
  await sql`create trigger users_count_insert after insert on users begin
    update profile_counts set members = members + 1 where profile = new.profile;
  end`.execute(db);
  await sql`create trigger users_count_delete after delete on users begin
    update profile_counts set members = members - 1 where profile = old.profile;
  end`.execute(db);
  await sql`create trigger users_count_profile after update of profile on users when old.profile <> new.profile begin
    update profile_counts set members = members - 1 where profile = old.profile;
    update profile_counts set members = members + 1 where profile = new.profile;
  end`.execute(db);
  await sql`create trigger invitations_count_insert after insert on invitations when new.status = 'pending' begin
    update profile_counts set pending = pending + 1 where profile = new.profile;
  end`.execute(db);
  await sql`create trigger invitations_count_delete after delete on invitations when old.status = 'pending' begin
    update profile_counts set pending = pending - 1 where profile = old.profile;
  end`.execute(db);
  await sql`create trigger invitations_count_update after update of status, profile on invitations
    when (old.status = 'pending') <> (new.status = 'pending') or (new.status = 'pending' and old.profile <> new.profile) begin
    update profile_counts set pending = pending - 1 where old.status = 'pending' and profile = old.profile;
    update profile_counts set pending = pending + 1 where new.status = 'pending' and profile = new.profile;
  end`.execute(db);

  // Members per group.
  await db.schema.alterTable('groups').addColumn('member_count', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await sql`update groups set member_count = (select count(*) from group_members where group_id = groups.id)`.execute(db);
  await sql`create trigger group_members_count_insert after insert on group_members begin
    update groups set member_count = member_count + 1 where id = new.group_id;
  end`.execute(db);
  await sql`create trigger group_members_count_delete after delete on group_members begin
    update groups set member_count = member_count - 1 where id = old.group_id;
  end`.execute(db);
  await sql`create trigger group_members_count_move after update of group_id on group_members when old.group_id <> new.group_id begin
    update groups set member_count = member_count - 1 where id = old.group_id;
    update groups set member_count = member_count + 1 where id = new.group_id;
  end`.execute(db);

  // Substring search: trigram indexes over the folded keys, kept in step by triggers.
  await sql`create virtual table users_search using fts5(email_key, name_key, content='users', content_rowid='id', tokenize='trigram')`.execute(db);
  await sql`insert into users_search (users_search) values ('rebuild')`.execute(db);
  await sql`create trigger users_search_insert after insert on users begin
    insert into users_search (rowid, email_key, name_key) values (new.id, new.email_key, new.name_key);
  end`.execute(db);
  await sql`create trigger users_search_delete after delete on users begin
    insert into users_search (users_search, rowid, email_key, name_key) values ('delete', old.id, old.email_key, old.name_key);
  end`.execute(db);
  await sql`create trigger users_search_update after update of email_key, name_key on users begin
    insert into users_search (users_search, rowid, email_key, name_key) values ('delete', old.id, old.email_key, old.name_key);
    insert into users_search (rowid, email_key, name_key) values (new.id, new.email_key, new.name_key);
  end`.execute(db);
  await sql`create virtual table invitations_search using fts5(email_key, content='invitations', content_rowid='id', tokenize='trigram')`.execute(db);
  await sql`insert into invitations_search (invitations_search) values ('rebuild')`.execute(db);
  await sql`create trigger invitations_search_insert after insert on invitations begin
    insert into invitations_search (rowid, email_key) values (new.id, new.email_key);
  end`.execute(db);
  await sql`create trigger invitations_search_delete after delete on invitations begin
    insert into invitations_search (invitations_search, rowid, email_key) values ('delete', old.id, old.email_key);
  end`.execute(db);
  await sql`create trigger invitations_search_update after update of email_key on invitations begin
    insert into invitations_search (invitations_search, rowid, email_key) values ('delete', old.id, old.email_key);
    insert into invitations_search (rowid, email_key) values (new.id, new.email_key);
  end`.execute(db);
}

async function createCounts(db: Kysely<any>): Promise<void> {
  await sql`create table profile_counts (
    profile text primary key,
    members integer not null default 0,
    pending integer not null default 0
  )`.execute(db);
  for (const p of PROFILES) {
    await sql`insert into profile_counts (profile, members, pending) values (
      ${p},
      (select count(*) from users where profile = ${p}),
      (select count(*) from invitations where status = 'pending' and profile = ${p})
    )`.execute(db);
  }
  await db.schema.alterTable('groups').addColumn('member_count', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await sql`update groups set member_count = (select count(*) from group_members where group_id = groups.id)`.execute(db);
}

async function upPostgres(db: Kysely<any>): Promise<void> {
  await createCounts(db);
  await sql`create function users_count() returns trigger language plpgsql as $$
  begin
    if tg_op <> 'INSERT' then update profile_counts set members = members - 1 where profile = old.profile; end if;
    if tg_op <> 'DELETE' then update profile_counts set members = members + 1 where profile = new.profile; end if;
    return null;
  end $$`.execute(db);
  await sql`create trigger users_count_insert after insert on users for each row execute function users_count()`.execute(db);
  await sql`create trigger users_count_delete after delete on users for each row execute function users_count()`.execute(db);
  await sql`create trigger users_count_profile after update of profile on users for each row
    when (old.profile <> new.profile) execute function users_count()`.execute(db);

  await sql`create function invitations_count() returns trigger language plpgsql as $$
  begin
    if tg_op <> 'INSERT' and old.status = 'pending' then
      update profile_counts set pending = pending - 1 where profile = old.profile;
    end if;
    if tg_op <> 'DELETE' and new.status = 'pending' then
      update profile_counts set pending = pending + 1 where profile = new.profile;
    end if;
    return null;
  end $$`.execute(db);
  await sql`create trigger invitations_count_insert after insert on invitations for each row
    when (new.status = 'pending') execute function invitations_count()`.execute(db);
  await sql`create trigger invitations_count_delete after delete on invitations for each row
    when (old.status = 'pending') execute function invitations_count()`.execute(db);
  await sql`create trigger invitations_count_update after update of status, profile on invitations for each row
    when ((old.status = 'pending') <> (new.status = 'pending') or (new.status = 'pending' and old.profile <> new.profile))
    execute function invitations_count()`.execute(db);

  await sql`create function group_members_count() returns trigger language plpgsql as $$
  begin
    if tg_op <> 'INSERT' then update groups set member_count = member_count - 1 where id = old.group_id; end if;
    if tg_op <> 'DELETE' then update groups set member_count = member_count + 1 where id = new.group_id; end if;
    return null;
  end $$`.execute(db);
  await sql`create trigger group_members_count_insert after insert on group_members for each row execute function group_members_count()`.execute(db);
  await sql`create trigger group_members_count_delete after delete on group_members for each row execute function group_members_count()`.execute(db);
  await sql`create trigger group_members_count_move after update of group_id on group_members for each row
    when (old.group_id <> new.group_id) execute function group_members_count()`.execute(db);

  // Substring search: LIKE '%term%' over the folded keys, served by trigram GIN indexes.
  await sql`create extension if not exists pg_trgm`.execute(db);
  await sql`create index users_search on users using gin (email_key gin_trgm_ops, name_key gin_trgm_ops)`.execute(db);
  await sql`create index invitations_search on invitations using gin (email_key gin_trgm_ops)`.execute(db);
}

async function downPostgres(db: Kysely<any>): Promise<void> {
  await sql`drop index invitations_search`.execute(db);
  await sql`drop index users_search`.execute(db);
  await sql`drop function group_members_count() cascade`.execute(db);
  await sql`drop function invitations_count() cascade`.execute(db);
  await sql`drop function users_count() cascade`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) {
    await downPostgres(db);
    await dropCommon(db);
    return;
  }
  for (const t of [
    'invitations_search_update',
    'invitations_search_delete',
    'invitations_search_insert',
    'users_search_update',
    'users_search_delete',
    'users_search_insert',
    'group_members_count_move',
    'group_members_count_delete',
    'group_members_count_insert',
    'invitations_count_update',
    'invitations_count_delete',
    'invitations_count_insert',
    'users_count_profile',
    'users_count_delete',
    'users_count_insert',
  ]) {
    await sql`drop trigger ${sql.id(t)}`.execute(db);
  }
  await sql`drop table invitations_search`.execute(db);
  await sql`drop table users_search`.execute(db);
  await dropCommon(db);
}

async function dropCommon(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('groups').dropColumn('member_count').execute();
  await sql`drop table profile_counts`.execute(db);
  await db.schema.dropIndex('invitations_list_profile_idx').execute();
  await db.schema.dropIndex('invitations_list_idx').execute();
  await db.schema.createIndex('users_profile_idx').on('users').columns(['profile']).execute();
  await db.schema.createIndex('users_name_key_idx').on('users').columns(['name_key', 'id']).execute();
  await db.schema.dropIndex('users_list_profile_idx').execute();
  await db.schema.dropIndex('users_list_name_idx').execute();
}
