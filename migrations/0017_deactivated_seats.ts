// Frozen: never edit after it has shipped; add a new migration instead. Imports nothing from src/.
// A deactivated member keeps their row but frees their seat (issue 15): profile_counts.members now counts
// only active members (deactivated_at is null), and a new column counts the deactivated ones, so the Users
// tab still counts every member without reading the table. The triggers of migration 0005 are replaced on
// both engines; an update of deactivated_at now moves a member between the two counts.
import { sql, type Kysely } from 'kysely';
import { isPostgres } from './dialect.js';

async function recount(db: Kysely<any>, activeOnly: boolean): Promise<void> {
  const active = activeOnly ? sql`and deactivated_at is null` : sql``;
  await sql`update profile_counts set
    members = (select count(*) from users where users.profile = profile_counts.profile ${active})`.execute(db);
}

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('profile_counts').addColumn('deactivated', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  if (isPostgres(db)) await upPostgres(db);
  else await upSqlite(db);
  await recount(db, true);
  await sql`update profile_counts set
    deactivated = (select count(*) from users where users.profile = profile_counts.profile and deactivated_at is not null)`.execute(db);
}

async function upSqlite(db: Kysely<any>): Promise<void> {
  for (const t of ['users_count_insert', 'users_count_delete', 'users_count_profile']) await sql`drop trigger ${sql.id(t)}`.execute(db);
  await sql`create trigger users_count_insert after insert on users begin
    update profile_counts set members = members + (new.deactivated_at is null), deactivated = deactivated + (new.deactivated_at is not null)
      where profile = new.profile;
  end`.execute(db);
  await sql`create trigger users_count_delete after delete on users begin
    update profile_counts set members = members - (old.deactivated_at is null), deactivated = deactivated - (old.deactivated_at is not null)
      where profile = old.profile;
  end`.execute(db);
  await sql`create trigger users_count_update after update of profile, deactivated_at on users
    when old.profile <> new.profile or (old.deactivated_at is null) <> (new.deactivated_at is null) begin
    update profile_counts set members = members - (old.deactivated_at is null), deactivated = deactivated - (old.deactivated_at is not null)
      where profile = old.profile;
    update profile_counts set members = members + (new.deactivated_at is null), deactivated = deactivated + (new.deactivated_at is not null)
      where profile = new.profile;
  end`.execute(db);
}

async function upPostgres(db: Kysely<any>): Promise<void> {
  await sql`create or replace function users_count() returns trigger language plpgsql as $$
  begin
    if tg_op <> 'INSERT' then
      update profile_counts set members = members - (old.deactivated_at is null)::int,
        deactivated = deactivated - (old.deactivated_at is not null)::int where profile = old.profile;
    end if;
    if tg_op <> 'DELETE' then
      update profile_counts set members = members + (new.deactivated_at is null)::int,
        deactivated = deactivated + (new.deactivated_at is not null)::int where profile = new.profile;
    end if;
    return null;
  end $$`.execute(db);
  await sql`drop trigger users_count_profile on users`.execute(db);
  await sql`create trigger users_count_update after update of profile, deactivated_at on users for each row
    when (old.profile <> new.profile or (old.deactivated_at is null) <> (new.deactivated_at is null))
    execute function users_count()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) {
    await sql`drop trigger users_count_update on users`.execute(db);
    await sql`create or replace function users_count() returns trigger language plpgsql as $$
    begin
      if tg_op <> 'INSERT' then update profile_counts set members = members - 1 where profile = old.profile; end if;
      if tg_op <> 'DELETE' then update profile_counts set members = members + 1 where profile = new.profile; end if;
      return null;
    end $$`.execute(db);
    await sql`create trigger users_count_profile after update of profile on users for each row
      when (old.profile <> new.profile) execute function users_count()`.execute(db);
  } else {
    for (const t of ['users_count_insert', 'users_count_delete', 'users_count_update']) await sql`drop trigger ${sql.id(t)}`.execute(db);
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
  }
  await recount(db, false);
  await db.schema.alterTable('profile_counts').dropColumn('deactivated').execute();
}
