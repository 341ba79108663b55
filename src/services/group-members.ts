// Adding and removing many members of a group at once (the API's group sync, SCIM): one transaction each, so
// a list naming someone unknown, or withdrawing the owner from the space administrators, changes nothing.
// One audit event per member added or removed, as the Members page writes.
import type { Trx } from '../db/connect.js';
import { addMember, findGroup, removeMember } from '../db/queries/groups.js';
import { findSpace } from '../db/queries/space.js';
import { findUserById, type User } from '../db/queries/users.js';
import { can } from '../domain/permissions.js';
import { leaveGroupRefusal } from '../domain/member-rules.js';
import type { Actor } from './actor.js';
import { allOrNothing } from './all-or-nothing.js';
import { byActor, groupTarget, recordAudit } from './audit.js';
import type { ServiceDeps } from './deps.js';
import type { Failure } from './errors.js';

export type MembersChangeResult = { ok: true; changed: number[] } | Failure<'forbidden' | 'not_found' | 'user_not_found' | 'owner_stays_admin'>;

export async function addGroupMembers(deps: ServiceDeps, actor: Actor, groupId: number, userIds: number[]): Promise<MembersChangeResult> {
  if (!can(actor, 'space_admin')) return { ok: false, code: 'forbidden' };
  return allOrNothing(deps.db, (trx) => addGroupMembersWithin(trx, deps, actor, groupId, userIds));
}

/** The same checks and writes inside a caller's transaction that holds the space lock (SCIM's POST, PUT and PATCH). */
export async function addGroupMembersWithin(trx: Trx, deps: ServiceDeps, actor: Actor, groupId: number, userIds: number[]): Promise<MembersChangeResult> {
  if (!can(actor, 'space_admin')) return { ok: false, code: 'forbidden' };
  const ids = [...new Set(userIds)];
  const group = await findGroup(trx, groupId);
  if (!group) return { ok: false, code: 'not_found' };
  const users: User[] = [];
  for (const id of ids) {
    const user = await findUserById(trx, id);
    if (!user) return { ok: false, code: 'user_not_found' };
    users.push(user);
  }
  const now = deps.now();
  const added: number[] = [];
  for (const user of users) {
    if (!(await addMember(trx, groupId, user.id, now))) continue; // already a member
    added.push(user.id);
    await recordAudit(trx, now, byActor(actor), 'group.member_added', groupTarget(group), { user: user.email });
  }
  return { ok: true, changed: added };
}

export async function removeGroupMembers(deps: ServiceDeps, actor: Actor, groupId: number, userIds: number[]): Promise<MembersChangeResult> {
  if (!can(actor, 'space_admin')) return { ok: false, code: 'forbidden' };
  return allOrNothing(deps.db, (trx) => removeGroupMembersWithin(trx, deps, actor, groupId, userIds));
}

/** The same checks and writes inside a caller's transaction that holds the space lock (SCIM's PUT and PATCH). */
export async function removeGroupMembersWithin(trx: Trx, deps: ServiceDeps, actor: Actor, groupId: number, userIds: number[]): Promise<MembersChangeResult> {
  if (!can(actor, 'space_admin')) return { ok: false, code: 'forbidden' };
  const ids = [...new Set(userIds)];
  const group = await findGroup(trx, groupId);
  if (!group) return { ok: false, code: 'not_found' };
  // check_owner_stays_admin, before anything is removed.
  const ownerId = (await findSpace(trx))?.ownerId ?? null;
  if (ids.some((id) => leaveGroupRefusal(id, group, ownerId))) return { ok: false, code: 'owner_stays_admin' };
  const now = deps.now();
  const removed: number[] = [];
  for (const id of ids) {
    const user = await findUserById(trx, id);
    if (!user || !(await removeMember(trx, groupId, id))) continue; // not (or no longer) a member
    removed.push(id);
    await recordAudit(trx, now, byActor(actor), 'group.member_removed', groupTarget(group), { user: user.email });
  }
  return { ok: true, changed: removed };
}
