// The Users tab: members and pending invitations in one list, searched, filtered, sorted and paged in SQL.
import { sql, type Expression, type RawBuilder, type SqlBool } from 'kysely';
import type { Profile } from '../../domain/profiles.js';
import { engineOf, type Executor } from '../connect.js';
import { GENERIC_PLAN } from '../pg-prepared.js';
import { readProfileCounts, type ProfileCounts } from './profile-counts.js';
import { countListSearch, readListPage } from './user-list-table.js';

export type UserListSort = 'name' | 'email' | 'profile' | 'last_login';
/** active and deactivated: members; invited and expired: pending invitations. */
export type UserListStatus = 'active' | 'deactivated' | 'invited' | 'expired';

export interface UserListQuery {
  search?: string;
  profile?: Profile;
  status?: UserListStatus;
  groupId?: number;
  sort: UserListSort;
  dir: 'asc' | 'desc';
  page: number;
  pageSize: number;
  now: number;
}

export interface UserListRow {
  kind: 'user' | 'invitation';
  id: number;
  email: string;
  displayName: string | null;
  profile: Profile;
  lastLoginAt: number | null;
  /** Members: when they were deactivated; null while active (and for invitations). */
  deactivatedAt: number | null;
  /** Invitations: when the link stops working. */
  expiresAt: number | null;
  invitedByLabel: string | null;
  mailStatus: 'queued' | 'sending' | 'sent' | 'failed' | null;
  mailError: string | null;
  mailAttempts: number | null;
}

/** What the compound reads for one row: its identity and the columns of the chosen order, all in an index. */
export interface ListKey {
  kind: 'user' | 'invitation';
  id: number;
}

type KeyColumn = 'sort_name' | 'email_key' | 'profile' | 'no_login' | 'last_login_at';

/** Each order's columns (a compound ORDER BY takes only result columns). */
const ORDER_COLUMNS: Record<UserListSort, KeyColumn[]> = {
  name: ['sort_name', 'email_key'],
  email: ['email_key'],
  profile: ['profile', 'sort_name', 'email_key'],
  last_login: ['no_login', 'last_login_at', 'sort_name', 'email_key'],
};

const USER_COLUMNS: Record<KeyColumn, RawBuilder<unknown>> = {
  sort_name: sql`users.name_key`,
  email_key: sql`users.email_key`,
  profile: sql`users.profile`,
  no_login: sql`users.last_login_at is null`,
  last_login_at: sql`users.last_login_at`,
};

const INVITATION_COLUMNS: Record<KeyColumn, RawBuilder<unknown>> = {
  sort_name: sql`invitations.email_key`,
  email_key: sql`invitations.email_key`,
  profile: sql`invitations.profile`,
  no_login: sql`true`, // 1 on SQLite; a boolean like the members' side on PostgreSQL
  last_login_at: sql`cast(null as bigint)`, // typed: inside a subquery (PostgreSQL's group filter) a bare null is text
};

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * How a search reads: a trigram index (migration 0005) finds the rows holding a substring of three or
 * more characters without reading the others; shorter terms fall back to LIKE over the keys.
 */
export interface Search {
  like: string;
  /** An FTS5 phrase (the trigram tokenizer matches it as a substring), or null below three characters. */
  phrase: string | null;
  /**
   * The trigram index matches exactly what LIKE does for this term: its members are counted from the
   * index alone, without reading a row (a three-character term is one posting list: 0.7 ms for 9,119
   * members, where LIKE over every key took 7).
   */
  exactTrigrams: boolean;
}

/**
 * FTS5 folds case by Unicode case folding, which also turns ſ into s and the Kelvin sign into k (found
 * by matching every code point against every ASCII trigram); everything else that folds into ASCII is an
 * upper-case letter, which no key holds. A term of printable ASCII without s or k matches what LIKE does.
 */
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;
const FOLD_TARGETS = /[sk]/;

/** A search as every count and walk reads it: NFC, lower case, trimmed. */
function foldSearchTerm(text: string | undefined): string | undefined {
  return text?.normalize('NFC').toLowerCase().trim();
}

/**
 * On PostgreSQL the phrase is always null: LIKE over the folded keys is the whole search there, and its
 * pg_trgm GIN indexes (migrations 0005 and 0023) serve LIKE itself. The same LIKE on the same keys: the same rows.
 */
export function searchFor(db: Executor, text: string | undefined): Search | null {
  const term = foldSearchTerm(text);
  if (!term) return null;
  const fts = engineOf(db) === 'sqlite' && [...term].length >= 3;
  const exactTrigrams = fts && PRINTABLE_ASCII.test(term) && !FOLD_TARGETS.test(term);
  return { like: `%${escapeLike(term)}%`, phrase: fts ? `"${term.replaceAll('"', '""')}"` : null, exactTrigrams };
}

/** Up to this many trigram matches, a search is counted through the trigram index. */
const FEW_MATCHES = 2_000;

/**
 * A filtered page is found one of two ways: walk the list's ordered index and test each row until the
 * page is full (about (offset + page) × rows / matches rows read, cheap per row), or read every match
 * through its own index (the trigram index, the group's members) and sort them (dearer per row).
 * Measured on 100,000 users, reading a match costs about ten times walking a row.
 */
function walkTheList(q: UserListQuery, matches: number, rows: number): boolean {
  return (q.page * q.pageSize * rows) / matches < 10 * matches;
}

export async function listUsersAndInvitations(
  db: Executor,
  q: UserListQuery,
  known?: ProfileCounts,
): Promise<{ rows: UserListRow[]; total: number }> {
  const { keys, total } = await listPageKeys(db, q, known);
  return { total, rows: await listRowsOf(db, keys) };
}

/**
 * The page's keys (kind and id, in the list's order) and the list's total. Its rows are read by
 * listRowsOf; a caller that needs more of each row (its groups) reads that beside them, from the keys,
 * rather than after (on PostgreSQL, a round trip fewer on the page's path).
 */
export async function listPageKeys(db: Executor, q: UserListQuery, known?: ProfileCounts): Promise<{ keys: ListKey[]; total: number }> {
  const search = searchFor(db, q.search);
  // PostgreSQL: a search of the whole list (or of one profile) is counted and walked in user_list alone
  // (migration 0023), the count beside the page (neither waits for the other: a search there is LIKE
  // alone). A term of three characters alone is counted from the list's tally of substrings. A status
  // keeps to one side, members or invitations, read from its own table: walking user_list for the
  // invitations that hold "garcia" passed every member (7.7 ms against 4.2).
  if (engineOf(db) === 'postgres' && search !== null && q.groupId === undefined && q.status === undefined) {
    const listQuery = { ...q, like: search.like };
    const trigram = q.profile === undefined ? oneTrigram(q.search) : null;
    const [total, keys] = await Promise.all([
      trigram !== null ? countTrigramInList(db, trigram) : countListSearch(db, listQuery),
      readListPage(db, listQuery),
    ]);
    return { total, keys };
  }

  const wantUsers = q.status === undefined || q.status === 'active' || q.status === 'deactivated';
  const wantInvites = q.status === undefined || q.status === 'invited' || q.status === 'expired';
  const counts = known ?? (await readProfileCounts(db));
  const onlyGroup = search === null && q.profile === undefined && q.status === undefined ? q.groupId : undefined;
  const counting = async (): Promise<number> =>
    onlyGroup !== undefined
      ? countGroupList(db, onlyGroup)
      : (
          await Promise.all([
            wantUsers ? countUsers(db, q, search, counts) : 0,
            wantInvites ? countInvitations(db, q, search, counts) : 0,
          ])
        ).reduce((a, b) => a + b, 0);
  const total = await counting();
  if (total === 0 || (q.page - 1) * q.pageSize >= total) return { total, keys: [] };
  const sparse = !walkTheList(q, total, counts.members + counts.deactivated + counts.pending);
  // Without a search, the whole list (or one profile of it) is one table with an index in each order
  // (migration 0019); a group or a status that holds much of it is found by walking it.
  const keys: ListKey[] =
    search === null && ((q.groupId === undefined && q.status === undefined) || !sparse)
      ? await readListPage(db, q)
      : await readFilteredPage(db, q, search, sparse);
  return { total, keys };
}

/** A filtered page: the members and the pending invitations that match, merged in the list's order. */
async function readFilteredPage(db: Executor, q: UserListQuery, search: Search | null, sparse: boolean): Promise<ListKey[]> {
  const wantUsers = q.status === undefined || q.status === 'active' || q.status === 'deactivated';
  const wantInvites = q.status === undefined || q.status === 'invited' || q.status === 'expired';
  const columns = ORDER_COLUMNS[q.sort];

  const users = db
    .selectFrom('users')
    .select([sql<'user'>`'user'`.as('kind'), 'users.id as id', ...columns.map((c) => USER_COLUMNS[c].as(c))])
    .$if(search !== null, (qb) => qb.where(userSearch(search!, sparse)))
    .$if(q.status === 'active', (qb) => qb.where('users.deactivated_at', 'is', null))
    .$if(q.status === 'deactivated', (qb) => qb.where('users.deactivated_at', 'is not', null))
    .$if(q.profile !== undefined, (qb) => qb.where('users.profile', '=', q.profile!))
    .$if(q.groupId !== undefined, (qb) => qb.where(inGroup(q.groupId!, sparse)))
    .$castTo<ListKey>();

  const invites = db
    .selectFrom('invitations')
    .select([sql<'invitation'>`'invitation'`.as('kind'), 'invitations.id as id', ...columns.map((c) => INVITATION_COLUMNS[c].as(c))])
    .where('invitations.status', '=', 'pending')
    .$if(q.status === 'invited', (qb) => qb.where('invitations.expires_at', '>', q.now))
    .$if(q.status === 'expired', (qb) => qb.where('invitations.expires_at', '<=', q.now))
    .$if(search !== null, (qb) => qb.where(invitationSearch(search!, sparse)))
    .$if(q.profile !== undefined, (qb) => qb.where('invitations.profile', '=', q.profile!))
    .$if(q.groupId !== undefined, (qb) =>
      qb.where('invitations.id', 'in', (eb) =>
        eb.selectFrom('invitation_groups').select('invitation_id').where('group_id', '=', q.groupId!),
      ),
    )
    .$castTo<ListKey>();

  // The ORDER BY belongs to the compound itself: with an index in each order (migration 0005), SQLite
  // merges the two ordered scans and stops after the page, instead of sorting every row. The compound
  // reads only index columns, so skipping to a deep page touches no table row; the page's 50 rows are
  // read afterwards by id.
  const dir = q.dir === 'desc' ? sql`desc` : sql`asc`;
  // By name, a member and an invitation tie only if the member's name is the invitation's address and
  // the two share an address, which inviting a member refuses; so id ends those orders, and each side's
  // index delivers its rows already sorted (with "kind" as a term, SQLite sorted every block again:
  // page 1000 took 26 ms instead of 6). By email the two can tie, so "kind" stays there.
  const order: Record<UserListSort, Expression<unknown>> = {
    name: sql`sort_name ${dir}, email_key ${dir}, id`,
    email: sql`email_key ${dir}, kind, id`,
    profile: sql`profile ${dir}, sort_name, email_key, id`,
    // Never signed in (and invitations) last, whatever the direction.
    last_login: sql`no_login, last_login_at ${dir}, sort_name, email_key, kind, id`,
  };
  // PostgreSQL plans a side of the compound with a join (the group filter's membership test) as a
  // subquery of its own, without the compound's order: it reads the whole group and sorts it (28 ms for
  // 11,588 members, where walking the list's index takes 0.6). And PostgreSQL 15 gives each side of a
  // merged compound its cheapest plan for all its rows, not for the page: the invitations side read all
  // 30,000 rows and sorted them (7 ms of the first page's 9.7) rather than walk its index. Ordered and
  // limited to the page's end inside each side, each walks its index and stops, and the compound merges
  // the two.
  const limitEach = engineOf(db) === 'postgres';
  const pageEnd = q.page * q.pageSize;
  const side = <Q extends typeof users | typeof invites>(qb: Q): Q =>
    limitEach ? (db.selectFrom((qb as typeof users).orderBy(order[q.sort]).limit(pageEnd).as('side')).selectAll() as unknown as Q) : qb;
  const compound = (wantUsers && wantInvites ? side(users).unionAll(side(invites)) : wantUsers ? users : invites) as typeof users;
  return compound
    .orderBy(order[q.sort])
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize)
    .execute();
}

/** The page's rows, read by id, in the order of its keys (one that left the list meanwhile is left out). */
export async function listRowsOf(db: Executor, keys: ListKey[]): Promise<UserListRow[]> {
  const ids = (kind: ListKey['kind']) => keys.filter((k) => k.kind === kind).map((k) => k.id);
  const [userRows, invitationRows] = await Promise.all([userListRows(db, ids('user')), invitationListRows(db, ids('invitation'))]);
  const byKey = new Map([...userRows, ...invitationRows].map((r) => [`${r.kind}:${r.id}`, r]));
  return keys.flatMap((k) => byKey.get(`${k.kind}:${k.id}`) ?? []);
}

async function userListRows(db: Executor, ids: number[]): Promise<UserListRow[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('users')
    .select(['id', 'email', 'display_name', 'profile', 'last_login_at', 'deactivated_at'])
    .where('id', 'in', ids)
    .modifyEnd(GENERIC_PLAN) // a page's ids: the same plan for any (pg-prepared.ts)
    .execute();
  return rows.map((r) => ({
    kind: 'user',
    id: r.id,
    email: r.email,
    displayName: r.display_name,
    profile: r.profile,
    lastLoginAt: r.last_login_at,
    deactivatedAt: r.deactivated_at,
    expiresAt: null,
    invitedByLabel: null,
    mailStatus: null,
    mailError: null,
    mailAttempts: null,
  }));
}

async function invitationListRows(db: Executor, ids: number[]): Promise<UserListRow[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('invitations')
    .leftJoin('outbox', 'outbox.id', 'invitations.outbox_id')
    .select([
      'invitations.id',
      'invitations.email',
      'invitations.display_name',
      'invitations.profile',
      'invitations.expires_at',
      'invitations.invited_by_label',
      'outbox.status as mail_status',
      'outbox.last_error as mail_error',
      'outbox.attempts as mail_attempts',
    ])
    .where('invitations.id', 'in', ids)
    .where('invitations.status', '=', 'pending')
    .modifyEnd(GENERIC_PLAN)
    .execute();
  return rows.map((r) => ({
    kind: 'invitation',
    id: r.id,
    email: r.email,
    displayName: r.display_name,
    profile: r.profile,
    lastLoginAt: null,
    deactivatedAt: null,
    expiresAt: r.expires_at,
    invitedByLabel: r.invited_by_label,
    mailStatus: r.mail_status ?? null,
    mailError: r.mail_error ?? null,
    mailAttempts: r.mail_attempts ?? null,
  }));
}

/**
 * A small group's members are read from the group and sorted; a large group's are met soonest by
 * walking the list's order and probing the membership (group_id, user_id) primary key.
 */
export function inGroup(groupId: number, sparse: boolean): Expression<SqlBool> {
  return sparse
    ? sql<SqlBool>`users.id in (select user_id from group_members where group_id = ${groupId})`
    : sql<SqlBool>`exists (select 1 from group_members where group_id = ${groupId} and user_id = users.id)`;
}

/**
 * The trigram index only narrows the candidates: it folds case the Unicode way (ς matches σ), which
 * the keys do not, so LIKE has the last word either way and both ways find the same rows.
 */
export function userSearch(search: Search, viaIndex: boolean): Expression<SqlBool> {
  const like = sql<SqlBool>`(users.email_key like ${search.like} escape '\\' or users.name_key like ${search.like} escape '\\')`;
  return viaIndex && search.phrase !== null
    ? sql<SqlBool>`users.id in (select rowid from users_search where users_search match ${search.phrase}) and ${like}`
    : like;
}

export function invitationSearch(search: Search, viaIndex: boolean): Expression<SqlBool> {
  const like = sql<SqlBool>`invitations.email_key like ${search.like} escape '\\'`;
  return viaIndex && search.phrase !== null
    ? sql<SqlBool>`invitations.id in (select rowid from invitations_search where invitations_search match ${search.phrase}) and ${like}`
    : like;
}

/**
 * A rare term's matches, counted in one pass over the trigram index: how many candidates it holds (no
 * further than FEW_MATCHES + 1) and how many of those meet every condition (LIKE has the last word).
 * Null when there are too many candidates: a common term is counted faster by reading the keys, which
 * the list's index covers.
 */
async function countThroughTrigrams(
  db: Executor,
  table: 'users' | 'invitations',
  phrase: string,
  conditions: RawBuilder<unknown>[],
): Promise<number | null> {
  const index = sql.table(`${table}_search`);
  const r = await sql<{ candidates: number; n: number | null }>`
    select count(*) as candidates, sum(${sql.join(conditions, sql` and `)}) as n from ${sql.table(table)}
    where ${sql.ref(`${table}.id`)} in (select rowid from ${index} where ${index} match ${phrase} limit ${FEW_MATCHES + 1})`.execute(db);
  const row = r.rows[0];
  return row && Number(row.candidates) <= FEW_MATCHES ? Number(row.n ?? 0) : null;
}

/**
 * The members the trigram index matches, counted without reading a row: one posting list for a term of
 * three characters; a longer one matches a phrase position by position, which is cheap for a rare term
 * only (all 100,000 members: 52 ms, where LIKE takes 27), so past FEW_MATCHES it gives up (null).
 */
async function countTrigramMatches(db: Executor, phrase: string): Promise<number | null> {
  const oneTrigram = [...phrase].length === 5; // three characters in quotes, none of them a quote
  const r = oneTrigram
    ? await sql<{ n: number }>`select count(*) as n from users_search where users_search match ${phrase}`.execute(db)
    : await sql<{ n: number }>`select count(*) as n from (select rowid from users_search where users_search match ${phrase} limit ${FEW_MATCHES + 1})`.execute(db);
  const n = Number(r.rows[0]?.n ?? 0);
  return oneTrigram || n <= FEW_MATCHES ? n : null;
}

/** A search term of exactly three characters once folded, or null. */
function oneTrigram(text: string | undefined): string | null {
  const term = foldSearchTerm(text);
  return term !== undefined && [...term].length === 3 ? term : null;
}

/**
 * PostgreSQL: the members and pending invitations whose name or address key holds a term of three
 * characters. A key holds it exactly when its set of three-character substrings does, and user_list_grams
 * counts the list's rows by each of those (migration 0020): "mar" (10,973 of 120,000 rows) is a sum over
 * one index entry, where LIKE through pg_trgm visited every heap page (4.3 ms for the members, 0.8 for
 * the invitations). user_list holds a member's name key as sort_name, and an invitation's address there
 * too (it has no name): the substrings of both keys are what LIKE on both keys searched.
 */
async function countTrigramInList(db: Executor, term: string): Promise<number> {
  const r = await sql<{ n: number | string | null }>`select sum(n) as n from user_list_grams where gram = ${term}`.execute(db);
  return Number(r.rows[0]?.n ?? 0);
}

/** Members of a status, in SQL (null: both). */
function statusCondition(status: UserListStatus | undefined): RawBuilder<unknown> | null {
  if (status === 'active') return sql`users.deactivated_at is null`;
  if (status === 'deactivated') return sql`users.deactivated_at is not null`;
  return null;
}

/**
 * A group's members of a status, from its kept member_count and its deactivated members (none is the
 * common case, and then nothing else is read). Those are counted from the smaller side: the space's
 * deactivated members (users_deactivated_idx) probing the membership's primary key, or the group's
 * members probing their user row, so a group of 44,000 is not read to find that none of them is deactivated.
 */
async function countGroupMembers(db: Executor, groupId: number, status: UserListStatus | undefined, deactivatedInSpace: number): Promise<number> {
  const group = db.selectFrom('groups').where('id', '=', groupId);
  if ((status !== 'active' && status !== 'deactivated') || deactivatedInSpace === 0) {
    const g = await group.select('member_count').executeTakeFirst();
    return status === 'deactivated' ? 0 : (g?.member_count ?? 0);
  }
  const deactivated = sql<number>`case when member_count <= ${deactivatedInSpace}
    then (select count(*) from group_members join users on users.id = group_members.user_id
          where group_members.group_id = ${groupId} and users.deactivated_at is not null)
    else (select count(*) from users where users.deactivated_at is not null
          and exists (select 1 from group_members where group_members.group_id = ${groupId} and group_members.user_id = users.id))
    end`;
  const g = await group.select(['member_count', deactivated.as('deactivated')]).executeTakeFirst();
  if (!g) return 0;
  return status === 'deactivated' ? Number(g.deactivated) : g.member_count - Number(g.deactivated);
}

/** A group's members (its kept member_count) and pending invitations, in one statement. */
async function countGroupList(db: Executor, groupId: number): Promise<number> {
  const r = await db
    .selectFrom('groups')
    .select((eb) => [
      'member_count',
      eb
        .selectFrom('invitation_groups')
        .innerJoin('invitations', 'invitations.id', 'invitation_groups.invitation_id')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('invitation_groups.group_id', '=', 'groups.id')
        .where('invitations.status', '=', 'pending')
        .as('invited'),
    ])
    .where('id', '=', groupId)
    .executeTakeFirst();
  return r ? r.member_count + Number(r.invited ?? 0) : 0;
}

async function countUsers(db: Executor, q: UserListQuery, search: Search | null, counts: ProfileCounts): Promise<number> {
  if (search === null && q.groupId === undefined) {
    // The kept counts: members holds the active ones, deactivated the others (migration 0017).
    const kept = (r: ProfileCounts['byProfile'][number]) =>
      q.status === 'active' ? r.members : q.status === 'deactivated' ? r.deactivated : r.members + r.deactivated;
    return counts.byProfile.filter((r) => q.profile === undefined || r.profile === q.profile).reduce((n, r) => n + kept(r), 0);
  }
  const status = statusCondition(q.status);
  if (search === null && q.profile === undefined) return countGroupMembers(db, q.groupId!, q.status, counts.deactivated);
  let manyCandidates = false;
  if (search?.exactTrigrams && q.profile === undefined && status === null && q.groupId === undefined) {
    const n = await countTrigramMatches(db, search.phrase!);
    if (n !== null) return n;
    manyCandidates = true;
  }
  if (search?.phrase && !manyCandidates) {
    const conditions = [
      sql`(users.email_key like ${search.like} escape '\\' or users.name_key like ${search.like} escape '\\')`,
      ...(q.profile !== undefined ? [sql`users.profile = ${q.profile}`] : []),
      ...(status !== null ? [status] : []),
      ...(q.groupId !== undefined ? [sql`users.id in (select user_id from group_members where group_id = ${q.groupId})`] : []),
    ];
    const n = await countThroughTrigrams(db, 'users', search.phrase, conditions);
    if (n !== null) return n;
  }
  const r = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .$if(search !== null, (qb) => qb.where(userSearch(search!, false)))
    .$if(status !== null, (qb) => qb.where(status as RawBuilder<SqlBool>))
    .$if(q.profile !== undefined, (qb) => qb.where('users.profile', '=', q.profile!))
    .$if(q.groupId !== undefined, (qb) =>
      qb.where('users.id', 'in', (eb) => eb.selectFrom('group_members').select('user_id').where('group_id', '=', q.groupId!)),
    )
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

async function countInvitations(db: Executor, q: UserListQuery, search: Search | null, counts: ProfileCounts): Promise<number> {
  if (search === null && q.groupId === undefined && q.status === undefined) {
    return counts.byProfile.filter((r) => q.profile === undefined || r.profile === q.profile).reduce((n, r) => n + r.pending, 0);
  }
  if (search?.phrase) {
    // The trigram index also holds accepted and revoked invitations: the conditions keep the pending ones.
    const conditions = [
      sql`invitations.status = 'pending'`,
      sql`invitations.email_key like ${search.like} escape '\\'`,
      ...(q.status === 'invited' ? [sql`invitations.expires_at > ${q.now}`] : []),
      ...(q.status === 'expired' ? [sql`invitations.expires_at <= ${q.now}`] : []),
      ...(q.profile !== undefined ? [sql`invitations.profile = ${q.profile}`] : []),
      ...(q.groupId !== undefined ? [sql`invitations.id in (select invitation_id from invitation_groups where group_id = ${q.groupId})`] : []),
    ];
    const n = await countThroughTrigrams(db, 'invitations', search.phrase, conditions);
    if (n !== null) return n;
  }
  const r = await db
    .selectFrom('invitations')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('invitations.status', '=', 'pending')
    .$if(search !== null, (qb) => qb.where(invitationSearch(search!, false)))
    .$if(q.status === 'invited', (qb) => qb.where('invitations.expires_at', '>', q.now))
    .$if(q.status === 'expired', (qb) => qb.where('invitations.expires_at', '<=', q.now))
    .$if(q.profile !== undefined, (qb) => qb.where('invitations.profile', '=', q.profile!))
    .$if(q.groupId !== undefined, (qb) =>
      qb.where('invitations.id', 'in', (eb) =>
        eb.selectFrom('invitation_groups').select('invitation_id').where('group_id', '=', q.groupId!),
      ),
    )
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** One row of the list, for swapping it after a row action. */
export async function findListRow(db: Executor, kind: 'user' | 'invitation', id: number): Promise<UserListRow | null> {
  const rows = kind === 'user' ? await userListRows(db, [id]) : await invitationListRows(db, [id]);
  return rows[0] ?? null;
}
