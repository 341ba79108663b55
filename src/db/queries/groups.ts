import type { Executor } from '../connect.js';

export interface GroupRef {
  id: number;
  name: string;
}

export async function insertGroup(
  db: Executor,
  g: { name: string; description: string; origin: 'space' | 'extension' | 'admin'; createdAt: number },
): Promise<number> {
  const r = await db
    .insertInto('groups')
    .values({ name: g.name, name_key: g.name.toLowerCase(), description: g.description, origin: g.origin, created_at: g.createdAt })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function findGroupByName(db: Executor, name: string): Promise<GroupRef | null> {
  const r = await db.selectFrom('groups').select(['id', 'name']).where('name_key', '=', name.toLowerCase()).executeTakeFirst();
  return r ?? null;
}

export async function grantPermissions(db: Executor, groupId: number, permissions: readonly string[]): Promise<void> {
  if (permissions.length === 0) return;
  await db
    .insertInto('group_permissions')
    .values(permissions.map((permission) => ({ group_id: groupId, permission })))
    .onConflict((oc) => oc.doNothing())
    .execute();
}

export async function addMember(db: Executor, groupId: number, userId: number, at: number): Promise<boolean> {
  const r = await db
    .insertInto('group_members')
    .values({ group_id: groupId, user_id: userId, added_at: at })
    .onConflict((oc) => oc.doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function groupsOfUser(db: Executor, userId: number): Promise<GroupRef[]> {
  return db
    .selectFrom('group_members')
    .innerJoin('groups', 'groups.id', 'group_members.group_id')
    .select(['groups.id', 'groups.name'])
    .where('group_members.user_id', '=', userId)
    .orderBy('groups.name_key')
    .execute();
}

/** The permissions granted to a user through every group, with the groups granting each. */
export async function permissionGrantsOfUser(db: Executor, userId: number): Promise<{ permission: string; groupName: string }[]> {
  return db
    .selectFrom('group_members')
    .innerJoin('group_permissions', 'group_permissions.group_id', 'group_members.group_id')
    .innerJoin('groups', 'groups.id', 'group_members.group_id')
    .select(['group_permissions.permission as permission', 'groups.name as groupName'])
    .where('group_members.user_id', '=', userId)
    .execute();
}

/** Which of these group ids exist. */
export async function existingGroupIds(db: Executor, ids: number[]): Promise<number[]> {
  if (ids.length === 0) return [];
  const rows = await db.selectFrom('groups').select('id').where('id', 'in', ids).execute();
  return rows.map((r) => r.id);
}

export async function listGroupRefs(db: Executor): Promise<Array<GroupRef & { origin: string }>> {
  return db.selectFrom('groups').select(['id', 'name', 'origin']).orderBy('name_key').execute();
}

/** Group names per user, for a page of rows. */
export async function groupsOfUsers(db: Executor, userIds: number[]): Promise<Map<number, GroupRef[]>> {
  const out = new Map<number, GroupRef[]>();
  if (userIds.length === 0) return out;
  const rows = await db
    .selectFrom('group_members')
    .innerJoin('groups', 'groups.id', 'group_members.group_id')
    .select(['group_members.user_id as userId', 'groups.id as id', 'groups.name as name'])
    .where('group_members.user_id', 'in', userIds)
    .orderBy('groups.name_key')
    .execute();
  for (const r of rows) {
    const list = out.get(r.userId) ?? [];
    list.push({ id: r.id, name: r.name });
    out.set(r.userId, list);
  }
  return out;
}

/** Group names per invitation, for a page of rows. */
export async function groupsOfInvitations(db: Executor, invitationIds: number[]): Promise<Map<number, GroupRef[]>> {
  const out = new Map<number, GroupRef[]>();
  if (invitationIds.length === 0) return out;
  const rows = await db
    .selectFrom('invitation_groups')
    .innerJoin('groups', 'groups.id', 'invitation_groups.group_id')
    .select(['invitation_groups.invitation_id as invitationId', 'groups.id as id', 'groups.name as name'])
    .where('invitation_groups.invitation_id', 'in', invitationIds)
    .orderBy('groups.name_key')
    .execute();
  for (const r of rows) {
    const list = out.get(r.invitationId) ?? [];
    list.push({ id: r.id, name: r.name });
    out.set(r.invitationId, list);
  }
  return out;
}

export async function setUserGroups(db: Executor, userId: number, groupIds: number[], at: number): Promise<void> {
  let del = db.deleteFrom('group_members').where('user_id', '=', userId);
  if (groupIds.length) del = del.where('group_id', 'not in', groupIds);
  await del.execute();
  for (const id of groupIds) await addMember(db, id, userId, at);
}

export async function removeUserFromAllGroups(db: Executor, userId: number): Promise<void> {
  await db.deleteFrom('group_members').where('user_id', '=', userId).execute();
}
