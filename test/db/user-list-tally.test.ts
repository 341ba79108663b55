// Deep pages of the Users list on PostgreSQL start their walk at the block of user_list_tally the page
// falls in (migration 0020), instead of skipping every row before it. Whatever the block, the page must
// be exactly the one a plain OFFSET walk returns: at every offset (so at every block boundary), in both
// orders the tally serves and both directions, with and without a profile, after every kind of write to
// the list and after the tally's rows are compacted. On SQLite the same calls take the plain walk.
// And a search of three characters is counted on PostgreSQL from user_list_grams: the same total as
// LIKE over the keys, for every substring the list holds, after the same writes.
import { sql, SqliteQueryCompiler, type KyselyPlugin } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/connect.js';
import { closeInvitation, insertInvitation, insertInvitations } from '../../src/db/queries/invitations.js';
import { compactListTally, comparesByCodePoint, isCodePointCollation, readListPage, type ListPageQuery, type ListSort } from '../../src/db/queries/user-list-table.js';
import { listUsersAndInvitations } from '../../src/db/queries/user-list.js';
import { deleteUser, emailKey, insertUser, updateUser } from '../../src/db/queries/users.js';
import type { Profile } from '../../src/domain/profiles.js';
import { openTestDb, testEngine } from '../support/db.js';

const NOW = Date.UTC(2026, 10, 26, 12, 0, 0);
const DAY = 86_400_000;
const PROFILES: Profile[] = ['designer', 'explorer', 'reader'];
const SORTS: ListSort[] = ['name', 'email'];
const PAGE = 3;

// Names whose keys share prefixes of every length around three characters, are shorter than three,
// are not ASCII (a block of "é" or "σοφ"), or sort next to a prefix's edge ("mar" < "mar " < "mara" < "marz" < "mas").
const NAMES = ['Ma', 'Mar', 'Mar Z', 'Mara', 'Maria', 'María', 'Mariam', 'Marz', 'Mas', 'a', 'Zé', 'Émile', 'Σοφία', 'Σοφ', 'zz', 'Zzz', 'Ann', 'Anna', 'Anne'];

async function seed(db: Db): Promise<{ users: number[]; invitations: number[] }> {
  const users: number[] = [];
  for (let i = 0; i < NAMES.length * 2; i++) {
    const name = NAMES[i % NAMES.length]!;
    const email = `${name.toLowerCase().replaceAll(' ', '.')}${i}@${i % 3 === 0 ? 'a.example' : 'b.example'}`;
    users.push(await insertUser(db, { email, displayName: name, passwordHash: 'x', profile: PROFILES[i % 3]!, createdAt: NOW }));
  }
  const invitations: number[] = [];
  for (let i = 0; i < 12; i++) {
    // An invitation's name is its address: some share a member's address prefix, one a member's whole address.
    const email = i === 0 ? 'mar1@b.example' : `${['mar', 'ann', 'zz', 'σοφ'][i % 4]}-inv${i}@example.com`;
    invitations.push(
      await insertInvitation(db, {
        publicId: `pub-${i}`,
        secretHash: new Uint8Array([1]),
        email,
        emailKey: emailKey(email),
        profile: PROFILES[(i + 1) % 3]!,
        invitedBy: null,
        invitedByLabel: 'Olivia Owner',
        createdAt: NOW,
        expiresAt: NOW + 7 * DAY,
      }),
    );
  }
  return { users, invitations };
}

/** Every page, by the tally from the first row on, equals the plain OFFSET walk of the same list. */
async function expectSeekEqualsWalk(db: Db, step: string): Promise<void> {
  for (const sort of SORTS) {
    for (const dir of ['asc', 'desc'] as const) {
      for (const profile of [undefined, ...PROFILES]) {
        const q = (page: number): ListPageQuery => ({ sort, dir, page, pageSize: PAGE, now: NOW, ...(profile ? { profile } : {}) });
        const walked: unknown[] = [];
        for (let page = 1; ; page++) {
          const plain = await readListPage(db, q(page), Infinity);
          expect(await readListPage(db, q(page), 0), `${step}: ${sort} ${dir} ${profile ?? 'all'} page ${page}`).toEqual(plain);
          walked.push(...plain);
          if (plain.length < PAGE) break;
        }
        // Past the last row: nothing either way (the offset lands beyond every block).
        expect(await readListPage(db, q(Math.ceil(walked.length / PAGE) + 2), 0)).toEqual([]);
        // And the walk itself is the whole list, once.
        const rows = await db.selectFrom('user_list').select(['kind', 'id']).$if(profile !== undefined, (qb) => qb.where('profile', '=', profile!)).execute();
        expect(walked).toHaveLength(rows.length);
      }
    }
  }
}

/** PostgreSQL: the tally's sums are the list's blocks, counted afresh. */
async function expectTallyMatchesList(db: Db): Promise<void> {
  if (testEngine !== 'postgres') return;
  const sums = await sql<{ sort: string; profile: string; prefix: string; n: number }>`
    select sort, profile, prefix, sum(n)::int as n from user_list_tally group by 1, 2, 3 having sum(n) <> 0 order by 1, 2, 3`.execute(db);
  const fresh = await sql<{ sort: string; profile: string; prefix: string; n: number }>`
    select 'name' as sort, profile, left(sort_name, 3) as prefix, count(*)::int as n from user_list group by 1, 2, 3
    union all select 'email', profile, left(email_key, 3), count(*)::int from user_list group by 1, 2, 3 order by 1, 2, 3`.execute(db);
  expect(sums.rows).toEqual(fresh.rows);
  const grams = await sql<{ gram: string; n: number }>`
    select gram, sum(n)::int as n from user_list_grams group by gram having sum(n) <> 0 order by gram`.execute(db);
  const freshGrams = await sql<{ gram: string; n: number }>`
    select gram, count(*)::int as n from user_list, unnest(user_list_trigrams(sort_name, email_key)) gram group by gram order by gram`.execute(db);
  expect(grams.rows).toEqual(freshGrams.rows);
}

/** Every three-character substring of every key, and a few absent ones: the count is the rows LIKE finds. */
async function expectThreeCharacterCountsMatchLike(db: Db, step: string): Promise<void> {
  const keys = await db.selectFrom('user_list').select(['sort_name', 'email_key']).execute();
  const terms = new Set(['qqq', 'a_b', '%%%', 'MAR', ' z.']);
  for (const k of keys) for (const key of [k.sort_name, k.email_key]) for (let i = 0; i + 3 <= [...key].length; i++) terms.add([...key].slice(i, i + 3).join(''));
  for (const term of terms) {
    const folded = term.normalize('NFC').toLowerCase().trim(); // as the search folds it ("ar " is "ar")
    if (!folded) continue;
    const expected = keys.filter((k) => k.sort_name.includes(folded) || k.email_key.includes(folded)).length;
    const r = await listUsersAndInvitations(db, { search: term, sort: 'name', dir: 'asc', page: 1, pageSize: 50, now: NOW });
    expect(r.total, `${step}: "${term}"`).toBe(expected);
  }
}

describe('a deep page sought through the tally equals the plain OFFSET walk', () => {
  it('at every offset, both orders and directions, with and without a profile, after every kind of write and after compaction', async () => {
    const db = await openTestDb();
    // Otherwise every page below would take the plain walk, and the comparison would prove nothing.
    if (testEngine === 'postgres') expect(await comparesByCodePoint(db), 'the test database must compare text by code point (C.UTF-8)').toBe(true);
    const { users, invitations } = await seed(db);
    await expectTallyMatchesList(db);
    await expectSeekEqualsWalk(db, 'seeded');
    await expectThreeCharacterCountsMatchLike(db, 'seeded');

    await updateUser(db, users[0]!, { displayName: 'Zorro' }); // to another block
    await updateUser(db, users[1]!, { displayName: 'Marjorie' }); // "mar" to "mar": the same block
    await updateUser(db, users[2]!, { profile: 'reader' });
    await db.updateTable('users').set({ email: 'zzz@corp.example', email_key: 'zzz@corp.example' }).where('id', '=', users[3]!).execute();
    await deleteUser(db, users[4]!);
    await closeInvitation(db, invitations[1]!, { status: 'revoked', at: NOW });
    await closeInvitation(db, invitations[2]!, {
      status: 'accepted',
      at: NOW,
      userId: await insertUser(db, { email: 'ann-new@example.com', displayName: 'Ann', passwordHash: 'x', profile: 'designer', createdAt: NOW }),
    });
    await expectTallyMatchesList(db);
    await expectSeekEqualsWalk(db, 'after writes');
    await expectThreeCharacterCountsMatchLike(db, 'after writes');

    await compactListTally(db);
    if (testEngine === 'postgres') {
      // One row per block, none of them empty.
      const r = await sql<{ rows: number; blocks: number; empty: number }>`
        select count(*)::int as rows, count(distinct (sort, profile, prefix))::int as blocks, count(*) filter (where n = 0)::int as empty
        from user_list_tally`.execute(db);
      expect(r.rows[0]!.rows).toBe(r.rows[0]!.blocks);
      expect(r.rows[0]!.empty).toBe(0);
      const g = await sql<{ rows: number; grams: number; empty: number }>`
        select count(*)::int as rows, count(distinct gram)::int as grams, count(*) filter (where n = 0)::int as empty from user_list_grams`.execute(db);
      expect(g.rows[0]!.rows).toBe(g.rows[0]!.grams);
      expect(g.rows[0]!.empty).toBe(0);
    }
    await expectTallyMatchesList(db);
    await expectSeekEqualsWalk(db, 'compacted');
    await expectThreeCharacterCountsMatchLike(db, 'compacted');

    // Writes after a compaction append to it again.
    for (const id of users.slice(5, 12)) await deleteUser(db, id);
    await updateUser(db, users[12]!, { displayName: 'Aaron' });
    await expectTallyMatchesList(db);
    await expectSeekEqualsWalk(db, 'after more writes');
    await expectThreeCharacterCountsMatchLike(db, 'after more writes');

    // A bulk invite: many invitations in one INSERT, counted once per block and substring (migration 0022),
    // one of them not pending (it never enters the list).
    const bulk = ['mar', 'ann', 'zz', 'maria', 'σοφία', 'é'].map((p, i) => ({
      publicId: `bulk-${i}`,
      secretHash: new Uint8Array([2]),
      email: `${p}.bulk${i}@example.com`,
      emailKey: emailKey(`${p}.bulk${i}@example.com`),
      profile: PROFILES[i % 3]!,
      invitedBy: null,
      invitedByLabel: 'Olivia Owner',
      createdAt: NOW,
      expiresAt: NOW + 7 * DAY,
    }));
    const bulkIds = await insertInvitations(db, bulk);
    await db
      .insertInto('invitations')
      .values({ public_id: 'bulk-revoked', secret_hash: new Uint8Array([3]), email: 'gone@example.com', email_key: 'gone@example.com', profile: 'reader', status: 'revoked', invited_by_label: 'x', created_at: NOW, expires_at: NOW + DAY })
      .execute();
    // Pending invitations that stay pending change in place: the email sent (a new expiry), a new profile, a new address.
    await db.updateTable('invitations').set({ expires_at: NOW + 9 * DAY }).where('id', 'in', bulkIds.slice(0, 3)).execute();
    await db.updateTable('invitations').set({ profile: 'designer' }).where('id', 'in', bulkIds.slice(2, 5)).execute();
    await db.updateTable('invitations').set({ email: 'zed.bulk@example.com', email_key: 'zed.bulk@example.com' }).where('id', '=', bulkIds[5]!).execute();
    await expectTallyMatchesList(db);
    const listed = await db.selectFrom('user_list').select(['id', 'expires_at', 'profile']).where('kind', '=', 'invitation').where('id', 'in', bulkIds).orderBy('id').execute();
    expect(listed.map((r) => [r.expires_at, r.profile])).toEqual(bulkIds.map((_, i) => [NOW + (i < 3 ? 9 : 7) * DAY, i >= 2 && i < 5 ? 'designer' : PROFILES[i % 3]]));
    // Rows leaving the list in one statement (and a pending invitation revoked), each counted off.
    await db.deleteFrom('invitations').where('id', 'in', bulkIds.slice(0, 4)).execute();
    await closeInvitation(db, bulkIds[4]!, { status: 'revoked', at: NOW });
    await expectTallyMatchesList(db);
    await expectSeekEqualsWalk(db, 'after a bulk invite');
    await expectThreeCharacterCountsMatchLike(db, 'after a bulk invite');
    await db.destroy();
  }, 120_000);

  it('is what the Users list reads for a deep page, with the total and rows of the plain walk', async () => {
    const db = await openTestDb();
    await seed(db);
    // 2,000 rows and more skipped: the list's own entry point takes the tally on PostgreSQL.
    const emails = Array.from({ length: 2_010 }, (_, i) => `m${String(i).padStart(4, '0')}@x.example`);
    for (let i = 0; i < emails.length; i += 500) {
      await db
        .insertInto('users')
        .values(
          emails.slice(i, i + 500).map((email, j) => ({
            email,
            email_key: email,
            display_name: `Member ${i + j}`,
            name_key: `member ${i + j}`,
            password_hash: 'x',
            profile: PROFILES[(i + j) % 3]!,
            created_at: NOW,
          })),
        )
        .execute();
    }
    const compiler = new SqliteQueryCompiler();
    const ran: string[] = [];
    const spy: KyselyPlugin = {
      transformQuery: (args) => (ran.push(compiler.compileQuery(args.node, args.queryId).sql), args.node),
      transformResult: async (args) => args.result,
    };
    for (const sort of SORTS) {
      for (const dir of ['asc', 'desc'] as const) {
        for (const page of [40, 41, 42]) {
          const q = { sort, dir, page, pageSize: 50, now: NOW } as const;
          ran.length = 0;
          const got = await listUsersAndInvitations(db.withPlugin(spy), q);
          // Page 40 skips 1,950 rows: the plain walk; 41 and 42 skip 2,000 and more: the tally, on PostgreSQL.
          expect(ran.some((s) => s.includes('user_list_tally'))).toBe(testEngine === 'postgres' && page > 40);
          const plain = await readListPage(db, q, Infinity);
          expect(got.rows.map((r) => ({ kind: r.kind, id: r.id }))).toEqual(plain);
          expect(got.rows).toHaveLength(Math.min(50, got.total - (page - 1) * 50));
        }
      }
    }
    await db.destroy();
  }, 120_000);
});

describe('the tally is used only where the database orders text by code point', () => {
  it.each([
    ['C', 'c', true],
    ['C.UTF-8', 'c', true],
    ['C.utf8', null, true],
    ['POSIX', 'c', true],
    ['en_US.UTF-8', 'c', false],
    ['de_DE.utf8', null, false],
    ['C', 'i', false], // an ICU default collation, whatever datcollate says
    ['Cx', 'c', false],
  ] as const)('%s (provider %s): %s', (collate, provider, expected) => expect(isCodePointCollation(collate, provider)).toBe(expected));
});
