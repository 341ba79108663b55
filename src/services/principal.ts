// Loads who a user is for authorization: their groups and the permissions those grant, on every request.
import type { Executor } from '../db/connect.js';
import { groupsOfUser, permissionGrantsOfUser, type GroupRef } from '../db/queries/groups.js';
import { findSpace } from '../db/queries/space.js';
import { findUserById, type User } from '../db/queries/users.js';
import { expandPermissions, type Principal } from '../domain/permissions.js';

export interface CurrentUser extends Principal, User {
  groups: GroupRef[];
}

export async function loadCurrentUser(db: Executor, userId: number): Promise<CurrentUser | null> {
  const user = await findUserById(db, userId);
  if (!user) return null;
  const [groups, grants, space] = await Promise.all([
    groupsOfUser(db, userId),
    permissionGrantsOfUser(db, userId),
    findSpace(db),
  ]);
  return {
    ...user,
    groups,
    permissions: expandPermissions(grants.map((g) => g.permission)),
    isOwner: space?.ownerId === userId,
  };
}

export function actorOf(user: { id: number; email: string }) {
  return { id: user.id, label: user.email };
}
