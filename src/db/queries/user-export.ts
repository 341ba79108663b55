// The Users list for an export: every member, then every pending invitation, that the Users tab's filters
// keep, read by keyset on id a batch at a time, so memory holds one batch however long the list.
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { Profile } from '../../domain/profiles.js';
import type { Executor } from '../connect.js';
import { groupsOfInvitations, groupsOfUsers } from './groups.js';

export interface UserExportFilter {
  search?: string;
  profile?: Profile;
  status?: 'active' | 'deactivated' | 'invited' | 'expired';
  groupId?: number;
}

export interface UserExportRecord {
  email: string;
  name: string | null;
  profile: Profile;
  groups: string[];
  status: 'active' | 'deactivated' | 'invited' | 'expired';
  lastSignInAt: number | null;
  invitedBy: string | null;
  expiresAt: number | null;
}

export const EXPORT_BATCH = 500;

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);
const likeOf = (search: string | undefined) => {
  const term = search?.normalize('NFC').toLowerCase().trim();
  return term ? `%${escapeLike(term)}%` : null;
};

const all = (conditions: RawBuilder<SqlBool>[]) => (conditions.length ? sql<SqlBool>`${sql.join(conditions, sql` and `)}` : sql<SqlBool>`1 = 1`);

/** The members the Users tab's filters keep, as one condition (the export and the bulk actions' "all that match"). */
export function memberFilter(f: UserExportFilter): RawBuilder<SqlBool> {
  const like = likeOf(f.search);
  return all([
    ...(f.status === 'active' ? [sql<SqlBool>`users.deactivated_at is null`] : []),
    ...(f.status === 'deactivated' ? [sql<SqlBool>`users.deactivated_at is not null`] : []),
    ...(like !== null ? [sql<SqlBool>`(users.email_key like ${like} escape '\\' or users.name_key like ${like} escape '\\')`] : []),
    ...(f.profile !== undefined ? [sql<SqlBool>`users.profile = ${f.profile}`] : []),
    ...(f.groupId !== undefined ? [sql<SqlBool>`users.id in (select user_id from group_members where group_id = ${f.groupId})`] : []),
  ]);
}

/** The pending invitations the filters keep, as one condition. */
export function invitationFilter(f: UserExportFilter, now: number): RawBuilder<SqlBool> {
  const like = likeOf(f.search);
  return all([
    sql<SqlBool>`invitations.status = 'pending'`,
    ...(like !== null ? [sql<SqlBool>`invitations.email_key like ${like} escape '\\'`] : []),
    ...(f.status === 'invited' ? [sql<SqlBool>`invitations.expires_at > ${now}`] : []),
    ...(f.status === 'expired' ? [sql<SqlBool>`invitations.expires_at <= ${now}`] : []),
    ...(f.profile !== undefined ? [sql<SqlBool>`invitations.profile = ${f.profile}`] : []),
    ...(f.groupId !== undefined ? [sql<SqlBool>`invitations.id in (select invitation_id from invitation_groups where group_id = ${f.groupId})`] : []),
  ]);
}

/** Whether the filters can keep members, invitations, or both (a status names one side). */
export const wantsMembers = (f: UserExportFilter) => f.status === undefined || f.status === 'active' || f.status === 'deactivated';
export const wantsInvitations = (f: UserExportFilter) => f.status === undefined || f.status === 'invited' || f.status === 'expired';

async function* memberBatches(db: Executor, f: UserExportFilter, batch: number): AsyncGenerator<UserExportRecord[]> {
  let after = 0;
  for (;;) {
    const rows = await db
      .selectFrom('users')
      .select(['id', 'email', 'display_name', 'profile', 'last_login_at', 'deactivated_at'])
      .where('id', '>', after)
      .where(memberFilter(f))
      .orderBy('id')
      .limit(batch)
      .execute();
    if (rows.length === 0) return;
    const groups = await groupsOfUsers(db, rows.map((r) => r.id));
    yield rows.map((r) => ({
      email: r.email,
      name: r.display_name,
      profile: r.profile,
      groups: (groups.get(r.id) ?? []).map((g) => g.name),
      status: r.deactivated_at === null ? ('active' as const) : ('deactivated' as const),
      lastSignInAt: r.last_login_at,
      invitedBy: null,
      expiresAt: null,
    }));
    if (rows.length < batch) return;
    after = rows[rows.length - 1]!.id;
  }
}

async function* invitationBatches(db: Executor, f: UserExportFilter, now: number, batch: number): AsyncGenerator<UserExportRecord[]> {
  let after = 0;
  for (;;) {
    const rows = await db
      .selectFrom('invitations')
      .select(['id', 'email', 'display_name', 'profile', 'invited_by_label', 'expires_at'])
      .where('id', '>', after)
      .where(invitationFilter(f, now))
      .orderBy('id')
      .limit(batch)
      .execute();
    if (rows.length === 0) return;
    const groups = await groupsOfInvitations(db, rows.map((r) => r.id));
    yield rows.map((r) => ({
      email: r.email,
      name: r.display_name,
      profile: r.profile,
      groups: (groups.get(r.id) ?? []).map((g) => g.name),
      status: r.expires_at > now ? ('invited' as const) : ('expired' as const),
      lastSignInAt: null,
      invitedBy: r.invited_by_label,
      expiresAt: r.expires_at,
    }));
    if (rows.length < batch) return;
    after = rows[rows.length - 1]!.id;
  }
}

/** Members first (unless the filter asks only for invitations), then pending invitations. */
export async function* eachUserForExport(db: Executor, f: UserExportFilter, now: number, batch = EXPORT_BATCH): AsyncGenerator<UserExportRecord> {
  if (wantsMembers(f)) for await (const rows of memberBatches(db, f, batch)) yield* rows;
  if (wantsInvitations(f)) for await (const rows of invitationBatches(db, f, now, batch)) yield* rows;
}
