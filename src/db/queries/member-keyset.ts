// Keyset reads of members and of invitations, for the API's cursor paging: the Users tab's search,
// filters and orders (user-list.ts), continued after the last row seen rather than skipped to by offset,
// so a page deep in 100,000 members costs what the first does and a row added meanwhile never repeats one.
// Every column of an order runs in the same direction (id last) so that one row-value comparison,
// `(a, b, id) > (…)`, which SQLite and PostgreSQL both read, says "after".
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { Profile } from '../../domain/profiles.js';
import type { Executor } from '../connect.js';
import { inGroup, invitationSearch, searchFor, userSearch, type UserListSort } from './user-list.js';

export type SortKey = Array<string | number>;

export interface MemberKeysetQuery {
  search?: string;
  profile?: Profile;
  groupId?: number;
  sort: UserListSort;
  dir: 'asc' | 'desc';
  /** The last row's sort key, from the page before; null for the first page. */
  after: SortKey | null;
  limit: number;
}

export interface MemberKeysetRow {
  id: number;
  email: string;
  displayName: string;
  profile: Profile;
  createdAt: number;
  lastLoginAt: number | null;
  key: SortKey;
}

/** Each order's key. By last sign-in, those who never signed in come last in either direction. */
function memberKey(sort: UserListSort, dir: 'asc' | 'desc'): RawBuilder<unknown>[] {
  const signedIn = dir === 'asc' ? sql`case when users.last_login_at is null then 1 else 0 end` : sql`case when users.last_login_at is null then 0 else 1 end`;
  switch (sort) {
    case 'name':
      return [sql`users.name_key`, sql`users.email_key`, sql`users.id`];
    case 'email':
      return [sql`users.email_key`, sql`users.id`];
    case 'profile':
      return [sql`users.profile`, sql`users.name_key`, sql`users.email_key`, sql`users.id`];
    case 'last_login':
      return [signedIn, sql`coalesce(users.last_login_at, 0)`, sql`users.name_key`, sql`users.email_key`, sql`users.id`];
  }
}

const after = (key: RawBuilder<unknown>[], values: SortKey, dir: 'asc' | 'desc') =>
  sql<SqlBool>`(${sql.join(key)}) ${dir === 'asc' ? sql`>` : sql`<`} (${sql.join(values)})`;

const ordered = (key: RawBuilder<unknown>[], dir: 'asc' | 'desc') => sql.join(key.map((k) => sql`${k} ${dir === 'asc' ? sql`asc` : sql`desc`}`));

export async function listMembersAfter(db: Executor, q: MemberKeysetQuery): Promise<MemberKeysetRow[]> {
  const search = searchFor(db, q.search);
  const key = memberKey(q.sort, q.dir);
  if (q.after && q.after.length !== key.length) return [];
  const rows = await db
    .selectFrom('users')
    .select(['users.id', 'users.email', 'users.display_name', 'users.profile', 'users.created_at', 'users.last_login_at'])
    .select(key.map((k, n) => k.as(`k${n}`)))
    .$if(search !== null, (qb) => qb.where(userSearch(search!, false)))
    .$if(q.profile !== undefined, (qb) => qb.where('users.profile', '=', q.profile!))
    .$if(q.groupId !== undefined, (qb) => qb.where(inGroup(q.groupId!, false)))
    .$if(q.after !== null, (qb) => qb.where(after(key, q.after!, q.dir)))
    .orderBy(ordered(key, q.dir))
    .limit(q.limit)
    .execute();
  return rows.map((r) => {
    // The key columns' aliases (k0, k1, …) are made at run time, so Kysely cannot type them.
    const k = r as unknown as Record<string, string | number>;
    return {
      id: r.id,
      email: r.email,
      displayName: r.display_name,
      profile: r.profile,
      createdAt: r.created_at,
      lastLoginAt: r.last_login_at,
      key: key.map((_, n) => k[`k${n}`]!),
    };
  });
}

export type InvitationListStatus = 'pending' | 'invited' | 'expired' | 'accepted' | 'revoked';
export type InvitationListSort = 'email' | 'profile' | 'expires';

export interface InvitationKeysetQuery {
  search?: string;
  profile?: Profile;
  groupId?: number;
  /** pending: invited or expired, as the Users tab lists them. */
  status: InvitationListStatus;
  sort: InvitationListSort;
  dir: 'asc' | 'desc';
  after: SortKey | null;
  limit: number;
  now: number;
}

export interface InvitationKeysetRow {
  id: number;
  email: string;
  displayName: string | null;
  profile: Profile;
  status: 'pending' | 'accepted' | 'revoked';
  invitedByLabel: string;
  createdAt: number;
  expiresAt: number;
  key: SortKey;
}

function invitationKey(sort: InvitationListSort): RawBuilder<unknown>[] {
  switch (sort) {
    case 'email':
      return [sql`invitations.email_key`, sql`invitations.id`];
    case 'profile':
      return [sql`invitations.profile`, sql`invitations.email_key`, sql`invitations.id`];
    case 'expires':
      return [sql`invitations.expires_at`, sql`invitations.id`];
  }
}

export async function listInvitationsAfter(db: Executor, q: InvitationKeysetQuery): Promise<InvitationKeysetRow[]> {
  const search = searchFor(db, q.search);
  const key = invitationKey(q.sort);
  if (q.after && q.after.length !== key.length) return [];
  const status = q.status === 'invited' || q.status === 'expired' ? 'pending' : q.status;
  const rows = await db
    .selectFrom('invitations')
    .select([
      'invitations.id',
      'invitations.email',
      'invitations.display_name',
      'invitations.profile',
      'invitations.status',
      'invitations.invited_by_label',
      'invitations.created_at',
      'invitations.expires_at',
    ])
    .select(key.map((k, n) => k.as(`k${n}`)))
    .where('invitations.status', '=', status)
    .$if(q.status === 'invited', (qb) => qb.where('invitations.expires_at', '>', q.now))
    .$if(q.status === 'expired', (qb) => qb.where('invitations.expires_at', '<=', q.now))
    .$if(search !== null, (qb) => qb.where(invitationSearch(search!, false)))
    .$if(q.profile !== undefined, (qb) => qb.where('invitations.profile', '=', q.profile!))
    .$if(q.groupId !== undefined, (qb) =>
      qb.where('invitations.id', 'in', (eb) => eb.selectFrom('invitation_groups').select('invitation_id').where('group_id', '=', q.groupId!)),
    )
    .$if(q.after !== null, (qb) => qb.where(after(key, q.after!, q.dir)))
    .orderBy(ordered(key, q.dir))
    .limit(q.limit)
    .execute();
  return rows.map((r) => {
    // The key columns' aliases (k0, k1, …) are made at run time, so Kysely cannot type them.
    const k = r as unknown as Record<string, string | number>;
    return {
      id: r.id,
      email: r.email,
      displayName: r.display_name,
      profile: r.profile,
      status: r.status,
      invitedByLabel: r.invited_by_label,
      createdAt: r.created_at,
      expiresAt: r.expires_at,
      key: key.map((_, n) => k[`k${n}`]!),
    };
  });
}
