// Read models for the "…" menu of a member's row: the member, and what Edit User shows about them.
import { findGroupByName, groupsOfUser, listGroupRefs, permissionGrantsOfGroups, type GroupRef } from '../db/queries/groups.js';
import { findSpace } from '../db/queries/space.js';
import { findUserById, type User } from '../db/queries/users.js';
import { can, type Permission } from '../domain/permissions.js';
import { isOwner, SPACE_ADMINISTRATORS } from '../domain/space.js';
import type { Actor } from './actor.js';
import type { ServiceDeps } from './deps.js';
import type { Failure } from './errors.js';
import { effectivePermissions, permissionsFromGrants, type EffectivePermission } from './principal.js';

export type { User as Member } from '../db/queries/users.js';

type Read<T> = ({ ok: true } & T) | Failure<'forbidden' | 'not_found'>;

/** A member, for the Delete user and Transfer Space Ownership dialogs. */
export async function member(deps: ServiceDeps, actor: Actor, userId: number): Promise<Read<{ user: User }>> {
  if (!can(actor, 'space_admin')) return { ok: false, code: 'forbidden' };
  const user = await findUserById(deps.db, userId);
  return user ? { ok: true, user } : { ok: false, code: 'not_found' };
}

export interface EditUserModel {
  user: User;
  isOwner: boolean;
  /** Every group one can choose, and the ids of those the member is in. */
  groups: GroupRef[];
  memberOf: number[];
  adminsGroupId: number | null;
  effective: Array<{ permission: Permission; groups: string[] }>;
}

/** What Edit User shows: the member, each group once, and the permissions their groups give them. */
export async function editUserModel(deps: ServiceDeps, actor: Actor, userId: number): Promise<Read<EditUserModel>> {
  if (!can(actor, 'space_admin')) return { ok: false, code: 'forbidden' };
  const user = await findUserById(deps.db, userId);
  if (!user) return { ok: false, code: 'not_found' };
  const [groups, memberOf, space, admins, effective] = await Promise.all([
    listGroupRefs(deps.db),
    groupsOfUser(deps.db, userId),
    findSpace(deps.db),
    findGroupByName(deps.db, SPACE_ADMINISTRATORS),
    effectivePermissions(deps.db, userId),
  ]);
  return {
    ok: true,
    user,
    isOwner: isOwner(space, userId),
    groups,
    memberOf: memberOf.map((g) => g.id),
    adminsGroupId: admins?.id ?? null,
    effective,
  };
}

/**
 * What Edit User's "Effective permissions" would say if these groups were saved, while the boxes change.
 * Nothing is written; the owner keeps space_administrators whatever the request says, as saving would.
 */
export async function effectivePermissionsPreview(
  deps: ServiceDeps,
  actor: Actor,
  userId: number,
  groupIds: number[],
): Promise<Read<{ effective: EffectivePermission[] }>> {
  if (!can(actor, 'space_admin')) return { ok: false, code: 'forbidden' };
  const user = await findUserById(deps.db, userId);
  if (!user) return { ok: false, code: 'not_found' };
  const [space, admins] = await Promise.all([findSpace(deps.db), findGroupByName(deps.db, SPACE_ADMINISTRATORS)]);
  const ids = new Set(groupIds);
  if (admins && isOwner(space, userId)) ids.add(admins.id);
  return { ok: true, effective: permissionsFromGrants(await permissionGrantsOfGroups(deps.db, [...ids])) };
}
