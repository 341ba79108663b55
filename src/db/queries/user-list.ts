// The Users tab: members and pending invitations in one list, searched, filtered, sorted and paged in SQL.
import { sql, type SqlBool, type Expression } from 'kysely';
import type { Profile } from '../../domain/profiles.js';
import type { Executor } from '../connect.js';

export type UserListSort = 'name' | 'email' | 'profile' | 'last_login';
export type UserListStatus = 'active' | 'invited' | 'expired';

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
  /** Invitations: when the link stops working. */
  expiresAt: number | null;
  invitedByLabel: string | null;
  mailStatus: 'queued' | 'sending' | 'sent' | 'failed' | null;
  mailError: string | null;
  mailAttempts: number | null;
}

/** The shape both halves of the union share. */
interface ListRow {
  kind: 'user' | 'invitation';
  id: number;
  email: string;
  email_key: string;
  display_name: string | null;
  sort_name: string;
  profile: Profile;
  last_login_at: number | null;
  expires_at: number | null;
  invited_by_label: string | null;
  outbox_id: number | null;
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export async function listUsersAndInvitations(
  db: Executor,
  q: UserListQuery,
): Promise<{ rows: UserListRow[]; total: number }> {
  const pattern = q.search ? `%${escapeLike(q.search.normalize('NFC').toLowerCase())}%` : null;
  const wantUsers = q.status === undefined || q.status === 'active';
  const wantInvites = q.status === undefined || q.status === 'invited' || q.status === 'expired';

  const users = db
    .selectFrom('users')
    .select([
      sql<'user'>`'user'`.as('kind'),
      'users.id as id',
      'users.email as email',
      'users.email_key as email_key',
      'users.display_name as display_name',
      'users.name_key as sort_name',
      'users.profile as profile',
      'users.last_login_at as last_login_at',
      sql<number | null>`null`.as('expires_at'),
      sql<string | null>`null`.as('invited_by_label'),
      sql<number | null>`null`.as('outbox_id'),
    ])
    .$if(pattern !== null, (qb) =>
      qb.where((eb) =>
        eb.or([
          sql<SqlBool>`users.email_key like ${pattern} escape '\\'`,
          sql<SqlBool>`users.name_key like ${pattern} escape '\\'`,
        ]),
      ),
    )
    .$if(q.profile !== undefined, (qb) => qb.where('users.profile', '=', q.profile!))
    .$if(q.groupId !== undefined, (qb) =>
      qb.where((eb) =>
        eb.exists(
          eb
            .selectFrom('group_members')
            .select(sql`1`.as('one'))
            .whereRef('group_members.user_id', '=', 'users.id')
            .where('group_members.group_id', '=', q.groupId!),
        ),
      ),
    )
    .$castTo<ListRow>();

  const invites = db
    .selectFrom('invitations')
    .select([
      sql<'invitation'>`'invitation'`.as('kind'),
      'invitations.id as id',
      'invitations.email as email',
      'invitations.email_key as email_key',
      sql<string | null>`null`.as('display_name'),
      'invitations.email_key as sort_name',
      'invitations.profile as profile',
      sql<number | null>`null`.as('last_login_at'),
      'invitations.expires_at as expires_at',
      'invitations.invited_by_label as invited_by_label',
      'invitations.outbox_id as outbox_id',
    ])
    .where('invitations.status', '=', 'pending')
    .$if(q.status === 'invited', (qb) => qb.where('invitations.expires_at', '>', q.now))
    .$if(q.status === 'expired', (qb) => qb.where('invitations.expires_at', '<=', q.now))
    .$if(pattern !== null, (qb) => qb.where(sql<SqlBool>`invitations.email_key like ${pattern} escape '\\'`))
    .$if(q.profile !== undefined, (qb) => qb.where('invitations.profile', '=', q.profile!))
    .$if(q.groupId !== undefined, (qb) =>
      qb.where((eb) =>
        eb.exists(
          eb
            .selectFrom('invitation_groups')
            .select(sql`1`.as('one'))
            .whereRef('invitation_groups.invitation_id', '=', 'invitations.id')
            .where('invitation_groups.group_id', '=', q.groupId!),
        ),
      ),
    )
    .$castTo<ListRow>();

  const union = wantUsers && wantInvites ? users.unionAll(invites) : wantUsers ? users : invites;
  const dir = q.dir === 'desc' ? sql`desc` : sql`asc`;
  const order: Record<UserListSort, Expression<unknown>> = {
    name: sql`u.sort_name ${dir}, u.email_key ${dir}, u.kind, u.id`,
    email: sql`u.email_key ${dir}, u.kind, u.id`,
    profile: sql`u.profile ${dir}, u.sort_name, u.kind, u.id`,
    // Never signed in (and invitations) last, whatever the direction.
    last_login: sql`u.last_login_at is null, u.last_login_at ${dir}, u.sort_name, u.kind, u.id`,
  };

  const page = await db
    .selectFrom(union.as('u'))
    .leftJoin('outbox', 'outbox.id', 'u.outbox_id')
    .select([
      'u.kind',
      'u.id',
      'u.email',
      'u.display_name',
      'u.profile',
      'u.last_login_at',
      'u.expires_at',
      'u.invited_by_label',
      'outbox.status as mail_status',
      'outbox.last_error as mail_error',
      'outbox.attempts as mail_attempts',
    ])
    .orderBy(order[q.sort])
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize)
    .execute();

  const count = await db
    .selectFrom(union.as('u'))
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();

  return {
    total: Number(count.n),
    rows: page.map((r) => ({
      kind: r.kind,
      id: r.id,
      email: r.email,
      displayName: r.display_name,
      profile: r.profile,
      lastLoginAt: r.last_login_at,
      expiresAt: r.expires_at,
      invitedByLabel: r.invited_by_label,
      mailStatus: r.mail_status ?? null,
      mailError: r.mail_error ?? null,
      mailAttempts: r.mail_attempts ?? null,
    })),
  };
}

/** One row of the list, for swapping it after a row action. */
export async function findListRow(db: Executor, kind: 'user' | 'invitation', id: number): Promise<UserListRow | null> {
  if (kind === 'user') {
    const r = await db
      .selectFrom('users')
      .select(['id', 'email', 'display_name', 'profile', 'last_login_at'])
      .where('id', '=', id)
      .executeTakeFirst();
    return r
      ? {
          kind,
          id: r.id,
          email: r.email,
          displayName: r.display_name,
          profile: r.profile,
          lastLoginAt: r.last_login_at,
          expiresAt: null,
          invitedByLabel: null,
          mailStatus: null,
          mailError: null,
          mailAttempts: null,
        }
      : null;
  }
  const r = await db
    .selectFrom('invitations')
    .leftJoin('outbox', 'outbox.id', 'invitations.outbox_id')
    .select([
      'invitations.id',
      'invitations.email',
      'invitations.profile',
      'invitations.expires_at',
      'invitations.invited_by_label',
      'outbox.status as mail_status',
      'outbox.last_error as mail_error',
      'outbox.attempts as mail_attempts',
    ])
    .where('invitations.id', '=', id)
    .where('invitations.status', '=', 'pending')
    .executeTakeFirst();
  return r
    ? {
        kind,
        id: r.id,
        email: r.email,
        displayName: null,
        profile: r.profile,
        lastLoginAt: null,
        expiresAt: r.expires_at,
        invitedByLabel: r.invited_by_label,
        mailStatus: r.mail_status ?? null,
        mailError: r.mail_error ?? null,
        mailAttempts: r.mail_attempts ?? null,
      }
    : null;
}
