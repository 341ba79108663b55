// Loads who a user is for authorization: their groups and the permissions those grant, on every request.
import type { Executor } from '../db/connect.js';
import { permissionGrantsOfUser, type GroupRef } from '../db/queries/groups.js';
import { findUserWithSpace, groupsAndGrantsOfUser } from '../db/queries/principal.js';
import type { User } from '../db/queries/users.js';
import { DEFAULT_SPACE_NAME, isOwner } from '../domain/space.js';
import { expandPermissions, impliedBy, isPermission, PERMISSION_LABELS, PERMISSIONS, type Permission, type Principal } from '../domain/permissions.js';

/** A signed-in user, as the use cases see them (the `user` kind of Actor). */
export interface CurrentUser extends Principal, User {
  kind: 'user';
  groups: GroupRef[];
  /** The space's name, read with the rest once per request (the shell shows it on every page). */
  spaceName: string;
}

export async function loadCurrentUser(db: Executor, userId: number): Promise<CurrentUser | null> {
  const found = await findUserWithSpace(db, userId);
  if (!found || found.user.deactivatedAt !== null) return null; // a deactivated member has no session (and no rights)
  const { user, space } = found;
  const { groups, grants } = await groupsAndGrantsOfUser(db, userId);
  return {
    kind: 'user',
    ...user,
    groups,
    permissions: expandPermissions(grants.map((g) => g.permission)),
    isOwner: isOwner(space, userId),
    spaceName: space?.name ?? DEFAULT_SPACE_NAME,
  };
}

/** Each permission a user holds, with the groups that grant it (directly or through an implication). */
export async function effectivePermissions(db: Executor, userId: number): Promise<EffectivePermission[]> {
  return permissionsFromGrants(await permissionGrantsOfUser(db, userId));
}

export type EffectivePermission = { permission: Permission; groups: string[] };

/** Each permission these grants give, with the groups that give it (directly or through an implication). */
export function permissionsFromGrants(grants: Array<{ permission: string; groupName: string }>): EffectivePermission[] {
  const by = new Map<Permission, Set<string>>();
  const add = (p: Permission, source: string) => {
    const set = by.get(p) ?? new Set<string>();
    set.add(source);
    by.set(p, set);
  };
  for (const g of grants) {
    if (!isPermission(g.permission)) continue;
    add(g.permission, g.groupName);
    for (const implied of impliedBy(g.permission)) add(implied, `${g.groupName} (through ${PERMISSION_LABELS[g.permission]})`);
  }
  return PERMISSIONS.filter((p) => by.has(p)).map((p) => ({ permission: p, groups: [...by.get(p)!].sort() }));
}
