// copy-db: a seeded SQLite space moved to PostgreSQL keeps its rows, its passwords and its pending links.
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/connect.js';
import { copyDatabase } from '../../src/db/copy.js';
import { addMember, insertGroup } from '../../src/db/queries/groups.js';
import { insertUser, setDeactivatedAt } from '../../src/db/queries/users.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { acceptInvitation } from '../../src/services/accept-invitation.js';
import { addUser, cookieFrom, makeApp, PASSWORD, post } from '../support/app.js';
import { openTestDb, testEngine } from '../support/db.js';
import { emailedLink, inviteOne, spaceWithOwner, tokenOf } from '../support/invitations.js';

const ENV = { SEATS: 'designer:5,explorer:20,reader:50' };

async function seededSqlite() {
  const source = openDatabase(':memory:');
  await migrateToLatest(source);
  const t = await makeApp(ENV, { db: source });
  const { admin } = await spaceWithOwner(t);
  for (let i = 0; i < 30; i++) await addUser(t, { email: `m${i}@example.com`, profile: i % 3 ? 'reader' : 'explorer', groups: [{ name: `team${i % 4}` }] });
  // A deactivated member keeps their row but not their seat: the copy's recount must say so too.
  await source.updateTable('users').set({ deactivated_at: Date.now() }).where('email', '=', 'm1@example.com').execute();
  await inviteOne(t, admin, 'pending@example.com', { profile: 'explorer' });
  const link = await emailedLink(t, 'pending@example.com');
  return { source, link };
}

describe.runIf(testEngine === 'postgres')('copyDatabase (SQLite → PostgreSQL)', () => {
  it('copies every table with equal counts; a member signs in and a pending link is accepted on PostgreSQL', async () => {
    const { source, link } = await seededSqlite();
    const target = await openTestDb();
    const r = await copyDatabase(source, target);
    if (!r.ok) throw new Error(JSON.stringify(r));
    const byTable = Object.fromEntries(r.tables.map((t) => [t.table, t.rows]));
    expect(byTable.users).toBe(31);
    expect(byTable.invitations).toBe(1);
    expect(byTable.profile_counts).toBe(3);
    expect(byTable.user_list).toBe(32); // the Users list's table: every member and the pending invitation
    expect(r.tables.map((t) => t.table)).toEqual(expect.arrayContaining(['space', 'groups', 'group_members', 'audit_events', 'outbox', 'sessions']));
    // PostgreSQL's own tallies of the list (migration 0020; SQLite has none) are counted from the copied rows.
    const tally = await sql`select sort, profile, prefix, sum(n)::int as n from user_list_tally group by 1, 2, 3 order by 1, 2, 3`.execute(target);
    const blocks = await sql`select 'name' as sort, profile, left(sort_name, 3) as prefix, count(*)::int as n from user_list group by 1, 2, 3
      union all select 'email', profile, left(email_key, 3), count(*)::int from user_list group by 1, 2, 3 order by 1, 2, 3`.execute(target);
    expect(tally.rows).toEqual(blocks.rows);
    const grams = await sql<{ gram: string; n: number }>`select gram, sum(n)::int as n from user_list_grams group by gram order by gram`.execute(target);
    const substrings = await sql<{ gram: string; n: number }>`select gram, count(*)::int as n
      from user_list, unnest(user_list_trigrams(sort_name, email_key)) gram group by gram order by gram`.execute(target);
    expect(grams.rows).toEqual(substrings.rows);
    expect(grams.rows.find((g) => g.gram === 'exa')).toEqual({ gram: 'exa', n: 32 }); // every address is at example.com
    // The planner has the copied rows' statistics at once, not when autovacuum gets round to them.
    const users = await sql<{ analyzed: boolean; tuples: number }>`select last_analyze is not null as analyzed, reltuples as tuples
      from pg_stat_user_tables s join pg_class c on c.oid = s.relid where s.schemaname = current_schema() and s.relname = 'users'`.execute(target);
    expect(users.rows[0]).toEqual({ analyzed: true, tuples: 31 });

    const t = await makeApp(ENV, { db: target });
    const res = await post(t, '/login', { email: 'm7@example.com', password: PASSWORD });
    expect(res.status).toBe(303);
    expect(cookieFrom(res)).not.toBeNull();

    const accepted = await acceptInvitation(t.deps, tokenOf(link), { displayName: 'Pat Pending', password: 'another long password' });
    expect(accepted.ok).toBe(true);
    // New rows take ids after the copied ones, and the kept counts are the real ones.
    const counts = await target.selectFrom('profile_counts').selectAll().orderBy('profile').execute();
    expect(counts).toEqual([
      { profile: 'designer', members: 1, pending: 0, deactivated: 0 },
      { profile: 'explorer', members: 11, pending: 0, deactivated: 0 },
      { profile: 'reader', members: 19, pending: 0, deactivated: 1 },
    ]);
    await source.destroy();
  });

  it('keeps the counts of members, deactivated members and pending invitations, and the tables holding them as small as their rows', async () => {
    const source = openDatabase(':memory:');
    await migrateToLatest(source);
    await source.transaction().execute(async (trx) => {
      const group = await insertGroup(trx, { name: 'Everyone', description: '', origin: 'admin', createdAt: 1 });
      for (let i = 0; i < 600; i++) {
        const id = await insertUser(trx, { email: `u${i}@example.com`, displayName: `U ${i}`, passwordHash: 'x', profile: 'reader', createdAt: 1 });
        await addMember(trx, group, id, 1);
        if (i % 3 === 0) await setDeactivatedAt(trx, id, 2);
      }
    });
    const target = await openTestDb();
    expect(await copyDatabase(source, target)).toMatchObject({ ok: true });
    const pages = await sql<{ table: string; pages: number }>`select relname as table, pg_relation_size(oid) / current_setting('block_size')::int as pages
      from pg_class where relnamespace = current_schema()::regnamespace and relname in ('groups', 'profile_counts') order by relname`.execute(target);
    expect(pages.rows).toEqual([
      { table: 'groups', pages: 1 },
      { table: 'profile_counts', pages: 1 },
    ]);
    expect(await target.selectFrom('groups').select('member_count').execute()).toEqual([{ member_count: 600 }]);
    expect(await target.selectFrom('profile_counts').selectAll().where('profile', '=', 'reader').execute()).toEqual([
      { profile: 'reader', members: 400, pending: 0, deactivated: 200 },
    ]);
    // The triggers count again after the copy.
    await target.updateTable('users').set({ deactivated_at: null }).where('email', '=', 'u0@example.com').execute();
    expect(await target.selectFrom('profile_counts').select(['members', 'deactivated']).where('profile', '=', 'reader').execute()).toEqual([{ members: 401, deactivated: 199 }]);
    await source.destroy();
  });

  it('refuses a target that has rows, and writes nothing', async () => {
    const { source } = await seededSqlite();
    const target = await openTestDb();
    await target.insertInto('groups').values({ name: 'x', name_key: 'x', origin: 'admin', created_at: 1 }).execute();
    expect(await copyDatabase(source, target)).toEqual({ ok: false, code: 'target_not_empty', table: 'groups' });
    expect(await target.selectFrom('users').select('id').execute()).toEqual([]);
    await source.destroy();
  });
});
