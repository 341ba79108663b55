// Frozen: never edit after it has shipped; add a new migration instead. Imports nothing from src/.
// An invitation holds its seat until it expires, so every read of the seats (the Users tab, the
// Overview, each invitation's seat check) counted the pending invitations already past their expiry:
// an index range as long as they are many (1,998 in the benchmark's space, 0.33 ms a read on
// PostgreSQL, where the rest of the Overview took 0.4 ms). This table keeps, per profile and per UTC day
// of expiry, how many pending invitations expire that day, kept by triggers on invitations like
// profile_counts: the expired are the days before today, summed, and today's range up to now.
import { sql, type Kysely } from 'kysely';
import { isPostgres } from './dialect.js';

/** Milliseconds in a day: expires_at / DAY is the UTC day of expiry (integer division on both engines). */
const DAY = 86_400_000;

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create table invitation_expiries (
    profile text not null,
    day bigint not null,
    pending integer not null,
    primary key (profile, day)
  )`.execute(db);
  if (isPostgres(db)) await upPostgres(db);
  else await upSqlite(db);
  await sql`insert into invitation_expiries (profile, day, pending)
    select profile, expires_at / ${sql.lit(DAY)}, count(*) from invitations where status = 'pending'
    group by profile, expires_at / ${sql.lit(DAY)}`.execute(db);
}

async function upSqlite(db: Kysely<any>): Promise<void> {
  const add = (row: 'new') => sql`insert into invitation_expiries (profile, day, pending)
      values (${sql.raw(row)}.profile, ${sql.raw(row)}.expires_at / ${sql.lit(DAY)}, 1)
      on conflict (profile, day) do update set pending = pending + 1;`;
  const remove = (row: 'old') => sql`update invitation_expiries set pending = pending - 1
      where profile = ${sql.raw(row)}.profile and day = ${sql.raw(row)}.expires_at / ${sql.lit(DAY)};
    delete from invitation_expiries
      where profile = ${sql.raw(row)}.profile and day = ${sql.raw(row)}.expires_at / ${sql.lit(DAY)} and pending = 0;`;
  await sql`create trigger invitation_expiries_insert after insert on invitations when new.status = 'pending' begin
    ${add('new')}
  end`.execute(db);
  await sql`create trigger invitation_expiries_delete after delete on invitations when old.status = 'pending' begin
    ${remove('old')}
  end`.execute(db);
  // Both halves of an update: each only when its side is pending (SQLite's triggers have no IF).
  await sql`create trigger invitation_expiries_update_old after update of status, profile, expires_at on invitations
    when old.status = 'pending' begin
    ${remove('old')}
  end`.execute(db);
  await sql`create trigger invitation_expiries_update_new after update of status, profile, expires_at on invitations
    when new.status = 'pending' begin
    ${add('new')}
  end`.execute(db);
}

async function upPostgres(db: Kysely<any>): Promise<void> {
  await sql`create or replace function invitation_expiries_count() returns trigger language plpgsql as $$
  begin
    if tg_op <> 'INSERT' and old.status = 'pending' then
      update invitation_expiries set pending = pending - 1 where profile = old.profile and day = old.expires_at / ${sql.lit(DAY)};
      delete from invitation_expiries where profile = old.profile and day = old.expires_at / ${sql.lit(DAY)} and pending = 0;
    end if;
    if tg_op <> 'DELETE' and new.status = 'pending' then
      insert into invitation_expiries (profile, day, pending) values (new.profile, new.expires_at / ${sql.lit(DAY)}, 1)
        on conflict (profile, day) do update set pending = invitation_expiries.pending + 1;
    end if;
    return null;
  end $$`.execute(db);
  await sql`create trigger invitation_expiries_insert after insert on invitations for each row
    when (new.status = 'pending') execute function invitation_expiries_count()`.execute(db);
  await sql`create trigger invitation_expiries_delete after delete on invitations for each row
    when (old.status = 'pending') execute function invitation_expiries_count()`.execute(db);
  await sql`create trigger invitation_expiries_update after update of status, profile, expires_at on invitations for each row
    when (old.status = 'pending' or new.status = 'pending') execute function invitation_expiries_count()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) {
    for (const t of ['invitation_expiries_insert', 'invitation_expiries_delete', 'invitation_expiries_update']) await sql`drop trigger ${sql.id(t)} on invitations`.execute(db);
    await sql`drop function invitation_expiries_count()`.execute(db);
  } else {
    for (const t of ['invitation_expiries_insert', 'invitation_expiries_delete', 'invitation_expiries_update_old', 'invitation_expiries_update_new']) {
      await sql`drop trigger ${sql.id(t)}`.execute(db);
    }
  }
  await sql`drop table invitation_expiries`.execute(db);
}
