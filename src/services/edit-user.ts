// "Edit User": display name, profile (seat rules apply) and group memberships, in one transaction.
import type { Trx } from '../db/connect.js';
import { existingGroupIds, findGroupByName, groupsOfUser, setUserGroups } from '../db/queries/groups.js';
import { findSpace } from '../db/queries/space.js';
import { findUserById, findUserIdByExternalId, setUserExternalId, updateUser } from '../db/queries/users.js';
import { can } from '../domain/permissions.js';
import { checkSeats, type Profile } from '../domain/profiles.js';
import { isOwner, SPACE_ADMINISTRATORS } from '../domain/space.js';
import type { Actor } from './actor.js';
import { allOrNothing } from './all-or-nothing.js';
import { byActor, recordAudit, userTarget } from './audit.js';
import type { ServiceDeps } from './deps.js';
import type { Failure } from './errors.js';
import { joinExtensionGroupsIfDesigner } from './extension-groups.js';
import { seatUsage } from './seats.js';

export interface EditUserInput {
  displayName: string;
  profile: Profile;
  groupIds: number[];
  /** SCIM only: the identity provider's id (unique); left as it is when absent. */
  externalId?: string | null;
}

export type EditUserResult =
  | { ok: true }
  | Failure<'forbidden' | 'not_found' | 'unknown_group' | 'owner_stays_admin' | 'not_enough_seats' | 'external_id_taken'>;

export async function editUser(deps: ServiceDeps, actor: Actor, userId: number, input: EditUserInput): Promise<EditUserResult> {
  if (!can(actor, 'space_admin')) return { ok: false, code: 'forbidden' };
  return allOrNothing(deps.db, (trx) => editUserWithin(trx, deps, actor, userId, input));
}

/** The same checks and writes inside a caller's transaction that holds the space lock (SCIM's PUT and PATCH). */
export async function editUserWithin(trx: Trx, deps: ServiceDeps, actor: Actor, userId: number, input: EditUserInput): Promise<EditUserResult> {
  if (!can(actor, 'space_admin')) return { ok: false, code: 'forbidden' };
  const groupIds = [...new Set(input.groupIds)];
  const now = deps.now();
  const user = await findUserById(trx, userId);
  if (!user) return { ok: false, code: 'not_found' };
  if ((await existingGroupIds(trx, groupIds)).length !== groupIds.length) return { ok: false, code: 'unknown_group' };

  // check_owner_stays_admin: the owner cannot be withdrawn from space_administrators.
  const space = await findSpace(trx);
  const admins = await findGroupByName(trx, SPACE_ADMINISTRATORS);
  if (isOwner(space, userId) && admins && !groupIds.includes(admins.id)) return { ok: false, code: 'owner_stays_admin' };

  // check_seats: a new profile needs a free seat of that profile.
  if (input.profile !== user.profile) {
    const seats = checkSeats((await seatUsage(trx, deps.config.seats, now))[input.profile], 1);
    if (!seats.ok) return { ok: false, code: 'not_enough_seats', profile: input.profile, needed: 1, free: seats.free };
  }

  // check_external_id_free: an identity provider's id names one member.
  if (input.externalId) {
    const holder = await findUserIdByExternalId(trx, input.externalId);
    if (holder !== null && holder !== userId) return { ok: false, code: 'external_id_taken' };
  }

  const before = await groupsOfUser(trx, userId);
  if (input.externalId !== undefined) await setUserExternalId(trx, userId, input.externalId);
  await updateUser(trx, userId, { displayName: input.displayName, profile: input.profile });
  await setUserGroups(trx, userId, groupIds, now);
  if (input.profile !== user.profile) await joinExtensionGroupsIfDesigner(trx, userId, input.profile, now);
  const after = await groupsOfUser(trx, userId);

  const changes: Record<string, unknown> = {};
  if (input.displayName !== user.displayName) changes.name = `${user.displayName} → ${input.displayName}`;
  if (input.profile !== user.profile) changes.profile = `${user.profile} → ${input.profile}`;
  const added = after.filter((g) => !before.some((b) => b.id === g.id)).map((g) => g.name);
  const removed = before.filter((b) => !after.some((g) => g.id === b.id)).map((g) => g.name);
  if (added.length) changes.joined = added;
  if (removed.length) changes.left = removed;
  if (Object.keys(changes).length) {
    await recordAudit(trx, now, byActor(actor), 'user.updated', userTarget(user), changes);
  }
  return { ok: true };
}
