// Set-based reads and writes for the Users tab's bulk actions: a few statements per chunk of ids, never one
// per row, so 5,000 rows take tens of statements. Each takes the caller's transaction (Executor first).
import type { Profile } from '../../domain/profiles.js';
import type { Executor } from '../connect.js';
import type { InviterKind } from '../schema.js';
import { invitationFilter, memberFilter, wantsInvitations, wantsMembers, type UserExportFilter } from './user-export.js';

/** Ids per statement: well under SQLite's 32,766 parameters and PostgreSQL's 65,535 with three columns. */
export const BULK_CHUNK = 500;

function chunks<T>(list: readonly T[], size = BULK_CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

export interface BulkMemberRow {
  id: number;
  email: string;
  profile: Profile;
  deactivatedAt: number | null;
}

export interface BulkInvitationRow {
  id: number;
  publicId: string;
  email: string;
  profile: Profile;
  expiresAt: number;
}

export async function membersByIds(db: Executor, ids: readonly number[]): Promise<BulkMemberRow[]> {
  const out: BulkMemberRow[] = [];
  for (const part of chunks(ids)) {
    const rows = await db.selectFrom('users').select(['id', 'email', 'profile', 'deactivated_at']).where('id', 'in', part).execute();
    for (const r of rows) out.push({ id: r.id, email: r.email, profile: r.profile, deactivatedAt: r.deactivated_at });
  }
  return out;
}

/** The pending ones among these invitations (accepted and revoked ones have left the list). */
export async function pendingInvitationsByIds(db: Executor, ids: readonly number[]): Promise<BulkInvitationRow[]> {
  const out: BulkInvitationRow[] = [];
  for (const part of chunks(ids)) {
    const rows = await db
      .selectFrom('invitations')
      .select(['id', 'public_id', 'email', 'profile', 'expires_at'])
      .where('id', 'in', part)
      .where('status', '=', 'pending')
      .execute();
    for (const r of rows) out.push({ id: r.id, publicId: r.public_id, email: r.email, profile: r.profile, expiresAt: r.expires_at });
  }
  return out;
}

/**
 * The ids the Users tab's filters keep now, members and pending invitations, in id order; at most `limit`
 * of each side (the caller asks one more than it allows, to know when there are too many).
 */
export async function matchingIds(db: Executor, f: UserExportFilter, now: number, limit: number): Promise<{ users: number[]; invitations: number[] }> {
  const [users, invitations] = await Promise.all([
    wantsMembers(f) ? db.selectFrom('users').select('id').where(memberFilter(f)).orderBy('id').limit(limit).execute() : [],
    wantsInvitations(f) ? db.selectFrom('invitations').select('id').where(invitationFilter(f, now)).orderBy('id').limit(limit).execute() : [],
  ]);
  return { users: users.map((r) => r.id), invitations: invitations.map((r) => r.id) };
}

/** Which of these members are in the group. */
export async function membersInGroup(db: Executor, groupId: number, userIds: readonly number[]): Promise<Set<number>> {
  const out = new Set<number>();
  for (const part of chunks(userIds)) {
    const rows = await db.selectFrom('group_members').select('user_id').where('group_id', '=', groupId).where('user_id', 'in', part).execute();
    for (const r of rows) out.add(r.user_id);
  }
  return out;
}

/** Which of these invitations give the group. */
export async function invitationsInGroup(db: Executor, groupId: number, invitationIds: readonly number[]): Promise<Set<number>> {
  const out = new Set<number>();
  for (const part of chunks(invitationIds)) {
    const rows = await db
      .selectFrom('invitation_groups')
      .select('invitation_id')
      .where('group_id', '=', groupId)
      .where('invitation_id', 'in', part)
      .execute();
    for (const r of rows) out.add(r.invitation_id);
  }
  return out;
}

export async function setProfileOfMembers(db: Executor, ids: readonly number[], profile: Profile): Promise<void> {
  for (const part of chunks(ids)) await db.updateTable('users').set({ profile }).where('id', 'in', part).execute();
}

export async function setProfileOfInvitations(db: Executor, ids: readonly number[], profile: Profile): Promise<void> {
  for (const part of chunks(ids)) await db.updateTable('invitations').set({ profile }).where('id', 'in', part).where('status', '=', 'pending').execute();
}

export async function addMembersToGroup(db: Executor, groupId: number, userIds: readonly number[], at: number): Promise<void> {
  for (const part of chunks(userIds)) {
    await db
      .insertInto('group_members')
      .values(part.map((user_id) => ({ group_id: groupId, user_id, added_at: at })))
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
}

export async function addInvitationsToGroup(db: Executor, groupId: number, invitationIds: readonly number[]): Promise<void> {
  for (const part of chunks(invitationIds)) {
    await db
      .insertInto('invitation_groups')
      .values(part.map((invitation_id) => ({ invitation_id, group_id: groupId })))
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
}

export async function removeMembersFromGroup(db: Executor, groupId: number, userIds: readonly number[]): Promise<void> {
  for (const part of chunks(userIds)) await db.deleteFrom('group_members').where('group_id', '=', groupId).where('user_id', 'in', part).execute();
}

export async function removeInvitationsFromGroup(db: Executor, groupId: number, invitationIds: readonly number[]): Promise<void> {
  for (const part of chunks(invitationIds)) {
    await db.deleteFrom('invitation_groups').where('group_id', '=', groupId).where('invitation_id', 'in', part).execute();
  }
}

/** How many sessions each of these members has (the audit event says how many were ended). */
export async function sessionCountsOf(db: Executor, userIds: readonly number[]): Promise<Map<number, number>> {
  const out = new Map<number, number>();
  for (const part of chunks(userIds)) {
    const rows = await db
      .selectFrom('sessions')
      .select(['user_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('user_id', 'in', part)
      .groupBy('user_id')
      .execute();
    for (const r of rows) out.set(r.user_id, Number(r.n));
  }
  return out;
}

export async function endSessionsOf(db: Executor, userIds: readonly number[]): Promise<void> {
  for (const part of chunks(userIds)) await db.deleteFrom('sessions').where('user_id', 'in', part).execute();
}

/** The triggers of migration 0017 free each one's seat. */
export async function deactivateMembers(db: Executor, userIds: readonly number[], at: number): Promise<void> {
  for (const part of chunks(userIds)) await db.updateTable('users').set({ deactivated_at: at }).where('id', 'in', part).where('deactivated_at', 'is', null).execute();
}

/** What "Delete user" removes, for many: their memberships and their row (sessions are ended before). */
export async function deleteMembers(db: Executor, userIds: readonly number[]): Promise<void> {
  for (const part of chunks(userIds)) {
    await db.deleteFrom('group_members').where('user_id', 'in', part).execute();
    await db.deleteFrom('users').where('id', 'in', part).execute();
  }
}

export async function revokeInvitations(db: Executor, ids: readonly number[], at: number): Promise<void> {
  for (const part of chunks(ids)) {
    await db.updateTable('invitations').set({ status: 'revoked', revoked_at: at }).where('id', 'in', part).where('status', '=', 'pending').execute();
  }
}

/** The admin who sends invitations again stands behind them from now on (as resendInvitation does for one). */
export async function setInviterOfInvitations(
  db: Executor,
  ids: readonly number[],
  inviter: { kind: InviterKind; id: number | null; keyId: string | null; label: string },
): Promise<void> {
  for (const part of chunks(ids)) {
    await db
      .updateTable('invitations')
      .set({ invited_by: inviter.id, invited_by_label: inviter.label, inviter_kind: inviter.kind, inviter_key_id: inviter.keyId })
      .where('id', 'in', part)
      .execute();
  }
}

/** Group names by id, for the audit events of a bulk action. */
export async function groupNames(db: Executor, ids: readonly number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('groups').select(['id', 'name']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

