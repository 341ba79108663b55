// The Users list for an export: every member, then every pending invitation, that the Users tab's filters
// keep, read by keyset on id a batch at a time, so memory holds one batch however long the list.
import { sql } from 'kysely';
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

async function* memberBatches(db: Executor, f: UserExportFilter, batch: number): AsyncGenerator<UserExportRecord[]> {
  const like = likeOf(f.search);
  let after = 0;
  for (;;) {
    const rows = await db
      .selectFrom('users')
      .select(['id', 'email', 'display_name', 'profile', 'last_login_at', 'deactivated_at'])
      .where('id', '>', after)
      .$if(f.status === 'active', (qb) => qb.where('deactivated_at', 'is', null))
      .$if(f.status === 'deactivated', (qb) => qb.where('deactivated_at', 'is not', null))
      .$if(like !== null, (qb) => qb.where(sql<boolean>`(email_key like ${like} escape '\\' or name_key like ${like} escape '\\')`))
      .$if(f.profile !== undefined, (qb) => qb.where('profile', '=', f.profile!))
      .$if(f.groupId !== undefined, (qb) =>
        qb.where('id', 'in', (eb) => eb.selectFrom('group_members').select('user_id').where('group_id', '=', f.groupId!)),
      )
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
  const like = likeOf(f.search);
  let after = 0;
  for (;;) {
    const rows = await db
      .selectFrom('invitations')
      .select(['id', 'email', 'display_name', 'profile', 'invited_by_label', 'expires_at'])
      .where('status', '=', 'pending')
      .where('id', '>', after)
      .$if(like !== null, (qb) => qb.where(sql<boolean>`email_key like ${like} escape '\\'`))
      .$if(f.status === 'invited', (qb) => qb.where('expires_at', '>', now))
      .$if(f.status === 'expired', (qb) => qb.where('expires_at', '<=', now))
      .$if(f.profile !== undefined, (qb) => qb.where('profile', '=', f.profile!))
      .$if(f.groupId !== undefined, (qb) =>
        qb.where('id', 'in', (eb) => eb.selectFrom('invitation_groups').select('invitation_id').where('group_id', '=', f.groupId!)),
      )
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
  if (f.status === undefined || f.status === 'active' || f.status === 'deactivated') for await (const rows of memberBatches(db, f, batch)) yield* rows;
  if (f.status === undefined || f.status === 'invited' || f.status === 'expired') for await (const rows of invitationBatches(db, f, now, batch)) yield* rows;
}
