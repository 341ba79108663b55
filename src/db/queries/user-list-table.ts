// A page of the Users tab read from user_list (migration 0019): members and pending invitations in one
// table, kept by triggers, with an index in each order and direction. A page, however deep, is one walk
// of one index that touches no table row, where the UNION ALL of users and invitations merged two ordered
// scans row by row (page 1,000: 0.4 ms instead of 6.8 on SQLite).
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { Profile } from '../../domain/profiles.js';
import { engineOf, type Executor } from '../connect.js';

export type ListSort = 'name' | 'email' | 'profile' | 'last_login';
export type ListStatus = 'active' | 'deactivated' | 'invited' | 'expired';

/**
 * Each order term by term, as the index of its direction holds it (migration 0019). They order rows
 * exactly as the compound's ORDER BY in user-list.ts does: the terms that do not turn with the
 * direction (id, kind, and the name after a profile or a sign-in time) keep their own direction. Where
 * the compound names no kind, a member comes first in a tie on every term (as its UNION ALL lists them).
 */
const ORDER: Record<ListSort, Record<'asc' | 'desc', RawBuilder<unknown>>> = {
  name: {
    asc: sql`sort_name, email_key, id, kind desc`,
    desc: sql`sort_name desc, email_key desc, id, kind desc`,
  },
  email: {
    asc: sql`email_key, kind, id`,
    desc: sql`email_key desc, kind, id`,
  },
  profile: {
    asc: sql`profile, sort_name, email_key, id, kind desc`,
    desc: sql`profile desc, sort_name, email_key, id, kind desc`,
  },
  // Never signed in (and invitations) last, whatever the direction.
  last_login: {
    asc: sql`no_login, last_login_at, sort_name, email_key, kind, id`,
    desc: sql`no_login, last_login_at desc, sort_name, email_key, kind, id`,
  },
};

export interface ListPageQuery {
  /**
   * PostgreSQL: a LIKE pattern (escaped with backslash) that a row's name key or address holds, served
   * by user_list_search (migration 0023). user_list keeps a member's name key as sort_name and an
   * invitation's address in both keys: the rows LIKE finds in the members' and invitations' own keys.
   */
  like?: string;
  profile?: Profile;
  /** Walk the list and keep the group's members and invitations: for a group holding much of the list. */
  groupId?: number;
  /** Walk the list and keep the rows of a status (when they are much of it). */
  status?: ListStatus;
  now: number;
  sort: ListSort;
  dir: 'asc' | 'desc';
  page: number;
  pageSize: number;
}

/**
 * One profile of the list. Its rows in name order (or by profile) are a range of the profile index; in
 * any other order, SQLite would still read that range and sort it (a page of readers by address: 20 ms),
 * where walking the order's own index and skipping the other profiles takes 0.5: the unary plus keeps
 * SQLite off the profile index. PostgreSQL weighs the two by its statistics.
 */
function profileIs(db: Executor, q: ListPageQuery): RawBuilder<SqlBool> {
  const inProfileIndex = q.sort === 'profile' || (q.sort === 'name' && q.dir === 'asc');
  return inProfileIndex || engineOf(db) === 'postgres' ? sql<SqlBool>`profile = ${q.profile}` : sql<SqlBool>`+profile = ${q.profile}`;
}

/**
 * A status, read from the order's index: a member's expires_at is null and an invitation's deactivated
 * is 0, so no term needs kind (a text compare that made a deep page of active members four times dearer).
 */
function statusIs(status: ListStatus, now: number): RawBuilder<SqlBool> {
  switch (status) {
    case 'active':
      return sql<SqlBool>`deactivated = 0 and expires_at is null`;
    case 'deactivated':
      return sql<SqlBool>`deactivated = 1`;
    case 'invited':
      return sql<SqlBool>`expires_at > ${now}`;
    case 'expired':
      return sql<SqlBool>`expires_at <= ${now}`;
  }
}

function holds(like: string): RawBuilder<SqlBool> {
  return sql<SqlBool>`(sort_name like ${like} escape '\\' or email_key like ${like} escape '\\')`;
}

/**
 * Each row probes its own membership's primary key. (Written as OR, SQLite reads each kind through the
 * primary key and sorts them all: 131 ms instead of 0.08.) PostgreSQL would rather read the whole group
 * into a hash first (44,177 members: 42 ms for the first page); OFFSET 0 keeps each EXISTS a probe.
 */
function inGroup(db: Executor, groupId: number): RawBuilder<SqlBool> {
  const probe = engineOf(db) === 'postgres' ? sql`offset 0` : sql``;
  return sql<SqlBool>`case kind
    when 'user' then exists (select 1 from group_members where group_id = ${groupId} and user_id = user_list.id ${probe})
    else exists (select 1 from invitation_groups where group_id = ${groupId} and invitation_id = user_list.id ${probe}) end`;
}

/**
 * From this many rows skipped, PostgreSQL starts a page's walk at the block of user_list_tally the page
 * falls in (migration 0020): summing the blocks before it (a few hundred rows of the tally) costs about
 * what skipping 2,000 list rows does.
 */
export const TALLY_FROM_OFFSET = 2_000;

/** The orders whose leading key the tally counts by its first three characters (migration 0020). */
const TALLIED: Partial<Record<ListSort, 'sort_name' | 'email_key'>> = { name: 'sort_name', email: 'email_key' };

type ListKey = { kind: 'user' | 'invitation'; id: number };

/**
 * The page's rows, as kind and id, in the list's order; the rows themselves are read afterwards by id.
 * `tallyFrom`: the offset from which PostgreSQL seeks through the tally (tests lower it to every page).
 */
export async function readListPage(db: Executor, q: ListPageQuery, tallyFrom = TALLY_FROM_OFFSET): Promise<ListKey[]> {
  const offset = (q.page - 1) * q.pageSize;
  const key = TALLIED[q.sort];
  if (
    engineOf(db) === 'postgres' && key && offset >= tallyFrom && q.like === undefined && q.groupId === undefined && q.status === undefined &&
    (await comparesByCodePoint(db))
  ) {
    return readTalliedPage(db, q, key, offset);
  }
  return db
    .selectFrom('user_list')
    .select(['kind', 'id'])
    .$if(q.like !== undefined, (qb) => qb.where(holds(q.like!)))
    .$if(q.profile !== undefined, (qb) => qb.where(profileIs(db, q)))
    .$if(q.groupId !== undefined, (qb) => qb.where(inGroup(db, q.groupId!)))
    .$if(q.status !== undefined, (qb) => qb.where(statusIs(q.status!, q.now)))
    .orderBy(ORDER[q.sort][q.dir])
    .limit(q.pageSize)
    .offset(offset)
    .execute();
}

/**
 * PostgreSQL: how many rows of the list (of a profile) hold a search, in one count of one table through
 * user_list_search (migration 0023), where the members and the invitations were counted apart
 * ("garcia": 0.89 ms against 1.08 for the two, and one statement fewer).
 */
export async function countListSearch(db: Executor, q: { like: string; profile?: Profile }): Promise<number> {
  const r = await db
    .selectFrom('user_list')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where(holds(q.like))
    .$if(q.profile !== undefined, (qb) => qb.where('profile', '=', q.profile!))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/**
 * Whether a database's default collation compares text by code point: C or POSIX (with any encoding
 * suffix, C.UTF-8 among them) from the C library. Only then are the rows sharing a key's first three
 * characters neighbours in the list's order: a locale's collation (en_US.UTF-8, or any ICU one) weighs
 * punctuation and case apart, so "a-bz" can sort between "aba" and "abz". `provider` is null before
 * PostgreSQL 15, where every collation came from the C library.
 */
export function isCodePointCollation(collate: string, provider: string | null): boolean {
  return (provider === null || provider === 'c') && /^(C|POSIX)(\..+)?$/i.test(collate);
}

// Per database handle (a transaction's shares its handle's adapter): a database's collation is fixed
// when it is created, so it is read once.
const codePointOrder = new WeakMap<object, Promise<boolean>>();

/** Whether this PostgreSQL database orders the list by code point (isCodePointCollation); read once. */
export function comparesByCodePoint(db: Executor): Promise<boolean> {
  const adapter = db.getExecutor().adapter;
  let known = codePointOrder.get(adapter);
  if (!known) {
    known = sql<{ collate: string; provider: string | null }>`select datcollate as collate, to_jsonb(d) ->> 'datlocprovider' as provider
      from pg_database d where datname = current_database()`
      .execute(db)
      .then((r) => !!r.rows[0] && isCodePointCollation(r.rows[0].collate, r.rows[0].provider));
    known.catch(() => codePointOrder.delete(adapter)); // asked again next time
    codePointOrder.set(adapter, known);
  }
  return known;
}

/**
 * A deep page on PostgreSQL, in one statement (one snapshot: the tally and the list agree). Rows whose
 * key shares its first three characters are neighbours in the list's order (C.UTF-8 compares code
 * points, and cutting strings short keeps their order), so the rows before a block are the tally's
 * blocks before it, and the page is `offset - before` rows into the walk that starts at the block:
 * ascending, at the first key >= its prefix; descending, below the next block's prefix (or past the
 * largest key when it is the last block). Page 1,000 of 100,000 members: 0.5 ms instead of 9.
 */
async function readTalliedPage(db: Executor, q: ListPageQuery, key: 'sort_name' | 'email_key', offset: number): Promise<ListKey[]> {
  const sort = q.sort === 'name' ? 'name' : 'email';
  const col = sql.ref(key);
  const ofProfile = q.profile === undefined ? sql`` : sql`and profile = ${q.profile}`;
  const asc = q.dir === 'asc';
  // The rows before each block, in the page's direction; the block the page starts in is the last whose
  // count so far is at most the offset (a block whose changes cancel out may hold no row: starting
  // there skips the same rows).
  const start = asc
    ? sql`select prefix, before from blocks where before <= ${offset} order by prefix desc limit 1`
    : sql`select next, before from blocks where before <= ${offset} order by prefix limit 1`;
  const bound = asc
    ? sql`${col} >= (select prefix from start)`
    : sql`${col} < coalesce((select next from start), (select max(${col}) || 'x' from user_list))`;
  const r = await sql<ListKey>`with sums as (
      select prefix, sum(n)::bigint as n from user_list_tally where sort = ${sort} ${ofProfile} group by prefix
    ), blocks as (
      select prefix, lead(prefix) over (order by prefix) as next,
        coalesce(sum(n) over (order by prefix ${asc ? sql`` : sql`desc`} rows between unbounded preceding and 1 preceding), 0) ::bigint as before
      from sums
    ), start as (${start})
    select kind, id from user_list where ${bound} ${ofProfile}
    order by ${ORDER[q.sort][q.dir]}
    limit ${q.pageSize} offset cast(${offset} as bigint) - (select before from start)`.execute(db);
  return r.rows;
}

/**
 * PostgreSQL: the tally and the substrings counted afresh from user_list, as migration 0020 filled them
 * (copy-db writes user_list with the triggers off). Nothing on SQLite.
 */
export async function recountListTally(db: Executor): Promise<void> {
  if (engineOf(db) !== 'postgres') return;
  await sql`delete from user_list_tally`.execute(db);
  await sql`delete from user_list_grams`.execute(db);
  await sql`insert into user_list_grams (gram, n)
    select gram, count(*) from user_list, unnest(user_list_trigrams(sort_name, email_key)) gram group by gram`.execute(db);
  await sql`insert into user_list_tally (sort, profile, prefix, n)
    select 'name', profile, left(sort_name, 3), count(*) from user_list group by profile, left(sort_name, 3)
    union all
    select 'email', profile, left(email_key, 3), count(*) from user_list group by profile, left(email_key, 3)`.execute(db);
}

/**
 * PostgreSQL: folds the appended changes (+1, -1) of user_list_tally and user_list_grams into one row
 * per block or substring, so a deep page or a count sums a few rows however many writes came before.
 * One statement per table: whoever reads it sees it before or after, the same sums either way; rows
 * appended meanwhile are not in its snapshot and stay; a second compaction at the same time skips the
 * rows the first one deleted. Nothing on SQLite.
 */
export async function compactListTally(db: Executor): Promise<void> {
  if (engineOf(db) !== 'postgres') return;
  await sql`with changed as (
      select sort, profile, prefix from user_list_tally group by sort, profile, prefix having count(*) > 1
    ), gone as (
      delete from user_list_tally t using changed c
      where t.sort = c.sort and t.profile = c.profile and t.prefix = c.prefix
      returning t.sort, t.profile, t.prefix, t.n
    )
    insert into user_list_tally (sort, profile, prefix, n)
    select sort, profile, prefix, sum(n) from gone group by sort, profile, prefix having sum(n) <> 0`.execute(db);
  await sql`with changed as (
      select gram from user_list_grams group by gram having count(*) > 1
    ), gone as (
      delete from user_list_grams g using changed c where g.gram = c.gram returning g.gram, g.n
    )
    insert into user_list_grams (gram, n)
    select gram, sum(n) from gone group by gram having sum(n) <> 0`.execute(db);
}
