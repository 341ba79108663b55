// Loads who a user is for authorization: their groups and the permissions those grant, on every request.
import type { Executor } from '../db/connect.js';
import { permissionGrantsOfUser, type GroupRef } from '../db/queries/groups.js';
import { checkSessionRecord, type Session } from '../auth/session.js';
import { splitToken } from '../auth/tokens.js';
import { findSessionWithGrants, findUserWithGrants, type UserGrants } from '../db/queries/principal.js';
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
  const found = await findUserWithGrants(db, userId);
  return found ? currentUserOf(found) : null;
}

/**
 * Who presents this session token, on every request: the session (checked by the session rules) and its
 * member, read in one statement. Null when the token is malformed, unknown, wrong or expired, or its member
 * is deactivated.
 */
export async function loadSessionUser(db: Executor, token: string, now: number): Promise<{ session: Session; user: CurrentUser } | null> {
  const parts = splitToken(token);
  if (!parts) return null;
  const found = await findSessionWithGrants(db, parts.id);
  if (!found) return null;
  const session = await checkSessionRecord(db, parts.secret, found.session, now);
  const user = currentUserOf(found.grants);
  return session && user ? { session, user } : null;
}

function currentUserOf(found: UserGrants): CurrentUser | null {
  const { user, groups, grants, space } = found;
  if (user.deactivatedAt !== null) return null; // a deactivated member has no session (and no rights)
  return {
    kind: 'user',
    ...user,
    groups,
    permissions: expandPermissions(grants.map((g) => g.permission)),
    isOwner: isOwner(space, user.id),
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
