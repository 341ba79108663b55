// What authorization reads about a user on every request, in two statements instead of four: the user
// with the space row (its owner and name), and their groups with the permissions each grants.
import type { Executor } from '../connect.js';
import type { GroupRef } from './groups.js';
import { toUser, userColumns, type User } from './users.js';

export interface UserWithSpace {
  user: User;
  /** The space row's owner and name; null before first-run setup made the space. */
  space: { ownerId: number; name: string } | null;
}

export async function findUserWithSpace(db: Executor, userId: number): Promise<UserWithSpace | null> {
  const r = await db
    .selectFrom('users')
    .leftJoin('space', (join) => join.on('space.id', '=', 1))
    .select(userColumns.map((column) => `users.${column}` as const))
    .select(['space.owner_id as space_owner_id', 'space.name as space_name'])
    .where('users.id', '=', userId)
    .executeTakeFirst();
  if (!r) return null;
  return {
    user: toUser(r),
    space: r.space_owner_id !== null && r.space_name !== null ? { ownerId: r.space_owner_id, name: r.space_name } : null,
  };
}

export interface GroupsAndGrants {
  /** The user's groups, by name. */
  groups: GroupRef[];
  /** Each permission a group grants, with the group's name. */
  grants: { permission: string; groupName: string }[];
}

export async function groupsAndGrantsOfUser(db: Executor, userId: number): Promise<GroupsAndGrants> {
  const rows = await db
    .selectFrom('group_members')
    .innerJoin('groups', 'groups.id', 'group_members.group_id')
    .leftJoin('group_permissions', 'group_permissions.group_id', 'group_members.group_id')
    .select(['groups.id', 'groups.name', 'group_permissions.permission'])
    .where('group_members.user_id', '=', userId)
    .orderBy('groups.name_key')
    .orderBy('groups.id')
    .execute();
  const groups: GroupRef[] = [];
  const grants: GroupsAndGrants['grants'] = [];
  for (const r of rows) {
    if (groups[groups.length - 1]?.id !== r.id) groups.push({ id: r.id, name: r.name });
    if (r.permission !== null) grants.push({ permission: r.permission, groupName: r.name });
  }
  return { groups, grants };
}
