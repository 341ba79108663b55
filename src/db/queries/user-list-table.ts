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

/** The page's rows, as kind and id, in the list's order; the rows themselves are read afterwards by id. */
export async function readListPage(db: Executor, q: ListPageQuery): Promise<Array<{ kind: 'user' | 'invitation'; id: number }>> {
  return db
    .selectFrom('user_list')
    .select(['kind', 'id'])
    .$if(q.profile !== undefined, (qb) => qb.where(profileIs(db, q)))
    .$if(q.groupId !== undefined, (qb) => qb.where(inGroup(db, q.groupId!)))
    .$if(q.status !== undefined, (qb) => qb.where(statusIs(q.status!, q.now)))
    .orderBy(ORDER[q.sort][q.dir])
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize)
    .execute();
}
