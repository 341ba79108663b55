import { sql, type SqlBool } from 'kysely';
import type { Executor } from '../connect.js';
import { GENERIC_PLAN } from '../pg-prepared.js';

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

/** The permissions these groups grant, each with the group's name (for a preview of unsaved group choices). */
export async function permissionGrantsOfGroups(db: Executor, groupIds: number[]): Promise<{ permission: string; groupName: string }[]> {
  if (groupIds.length === 0) return [];
  return db
    .selectFrom('group_permissions')
    .innerJoin('groups', 'groups.id', 'group_permissions.group_id')
    .select(['group_permissions.permission as permission', 'groups.name as groupName'])
    .where('group_permissions.group_id', 'in', groupIds)
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

export async function findGroupRef(db: Executor, id: number): Promise<GroupRef | null> {
  return (await db.selectFrom('groups').select(['id', 'name']).where('id', '=', id).executeTakeFirst()) ?? null;
}

/** Groups whose name contains `text` (case-insensitive), by name: the Users tab's group filter suggests these. */
export async function searchGroupRefs(db: Executor, text: string, limit: number): Promise<GroupRef[]> {
  const pattern = `%${text.toLowerCase().replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
  return db
    .selectFrom('groups')
    .select(['id', 'name'])
    .where(sql<SqlBool>`name_key like ${pattern} escape '\\'`)
    .orderBy('name_key')
    .limit(limit)
    .execute();
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
    .modifyEnd(GENERIC_PLAN) // the same plan for any page of ids (pg-prepared.ts)
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

export interface GroupSummary {
  id: number;
  name: string;
  description: string;
  origin: 'space' | 'extension' | 'admin';
  memberCount: number;
  permissions: string[];
}

export interface GroupListQuery {
  /** A substring of the name, any case. */
  search?: string;
  page: number;
  pageSize: number;
}

/** Between a group's permissions in one column: no permission's name holds it. */
const SEPARATOR = '\u001f';

/**
 * A group's columns with its permissions by name in one (string_agg: PostgreSQL, and SQLite since
 * 3.44), so a group is one row and a page of them one statement, with no join to sort again.
 */
function summaryColumns() {
  return [
    'groups.id',
    'groups.name',
    'groups.description',
    'groups.origin',
    'groups.member_count',
    sql<string | null>`(select string_agg(permission, ${SEPARATOR} order by permission) from group_permissions where group_permissions.group_id = groups.id)`.as('permissions'),
  ] as const;
}

type SummaryRow = Pick<GroupSummary, 'id' | 'name' | 'description' | 'origin'> & { member_count: number; permissions: string | null };

export function toGroupSummary(r: SummaryRow): GroupSummary {
  return {
    id: r.id,
    name: r.name,
    description: r.description,
    origin: r.origin,
    memberCount: r.member_count,
    permissions: r.permissions ? r.permissions.split(SEPARATOR) : [],
  };
}

/**
 * The Groups tab: one page of groups by name, with their member counts (kept by triggers) and
 * permissions, and how many groups match, in one statement. An empty first page means no group
 * matches; only a page past the end (a stale link) reads the count on its own.
 */
export async function listGroups(db: Executor, q: GroupListQuery): Promise<{ groups: GroupSummary[]; total: number }> {
  const pattern = q.search ? `%${q.search.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  const filtered = () => db.selectFrom('groups').$if(pattern !== null, (qb) => qb.where(sql<SqlBool>`groups.name_key like ${pattern} escape '\\'`));
  const count = () => filtered().select((eb) => eb.fn.countAll<number>().as('n'));
  const rows = await filtered()
    .select(summaryColumns())
    .select(count().as('total'))
    .orderBy('groups.name_key')
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize)
    .execute();
  const total = rows[0]?.total ?? (q.page > 1 ? (await count().executeTakeFirstOrThrow()).n : 0);
  return { total: Number(total), groups: rows.map(toGroupSummary) };
}

/** One group with its permissions; the Members page selects more columns on the same row. */
export function groupSummaryOf(db: Executor, id: number) {
  return db.selectFrom('groups').select(summaryColumns()).where('groups.id', '=', id);
}

export async function findGroup(db: Executor, id: number): Promise<GroupSummary | null> {
  const r = await groupSummaryOf(db, id).executeTakeFirst();
  return r ? toGroupSummary(r) : null;
}

export async function updateGroupRow(db: Executor, id: number, g: { name: string; description: string }): Promise<void> {
  await db.updateTable('groups').set({ name: g.name, name_key: g.name.toLowerCase(), description: g.description }).where('id', '=', id).execute();
}

export async function setGroupPermissions(db: Executor, id: number, permissions: string[]): Promise<void> {
  await db.deleteFrom('group_permissions').where('group_id', '=', id).execute();
  await grantPermissions(db, id, permissions);
}

export async function deleteGroupRow(db: Executor, id: number): Promise<void> {
  await db.deleteFrom('groups').where('id', '=', id).execute();
}

export async function removeMember(db: Executor, groupId: number, userId: number): Promise<boolean> {
  const r = await db.deleteFrom('group_members').where('group_id', '=', groupId).where('user_id', '=', userId).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

export interface GroupMember {
  id: number;
  email: string;
  displayName: string;
  profile: 'designer' | 'explorer' | 'reader';
}

/** One member of a group, or null when the user is not in it. */
export async function findGroupMember(db: Executor, groupId: number, userId: number): Promise<GroupMember | null> {
  const r = await db
    .selectFrom('group_members')
    .innerJoin('users', 'users.id', 'group_members.user_id')
    .select(['users.id', 'users.email', 'users.display_name', 'users.profile'])
    .where('group_members.group_id', '=', groupId)
    .where('group_members.user_id', '=', userId)
    .executeTakeFirst();
  return r ? { id: r.id, email: r.email, displayName: r.display_name, profile: r.profile } : null;
}

/** Members who could be added: matching the search, not in the group yet. */
export async function searchNonMembers(db: Executor, groupId: number, search: string, limit = 20): Promise<GroupMember[]> {
  const pattern = `%${search.normalize('NFC').toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const rows = await db
    .selectFrom('users')
    .select(['users.id', 'users.email', 'users.display_name', 'users.profile'])
    .where((eb) =>
      eb.and([
        eb.or([
          eb(sql`users.email_key`, 'like', sql`${pattern} escape '\\'`),
          eb(sql`users.name_key`, 'like', sql`${pattern} escape '\\'`),
        ]),
        eb.not(
          eb.exists(
            eb.selectFrom('group_members').select('group_members.user_id').whereRef('group_members.user_id', '=', 'users.id').where('group_members.group_id', '=', groupId),
          ),
        ),
      ]),
    )
    .orderBy('users.display_name')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ id: r.id, email: r.email, displayName: r.display_name, profile: r.profile }));
}

export async function addDesignersToGroup(db: Executor, groupId: number, at: number): Promise<number> {
  const r = await db
    .insertInto('group_members')
    .columns(['group_id', 'user_id', 'added_at'])
    .expression((eb) =>
      eb.selectFrom('users').select([sql<number>`${groupId}`.as('group_id'), 'users.id', sql<number>`${at}`.as('added_at')]).where('users.profile', '=', 'designer'),
    )
    .onConflict((oc) => oc.doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0);
}

/** The identity provider's id of a group (SCIM externalId); unique when set. */
export async function setGroupExternalId(db: Executor, id: number, externalId: string | null): Promise<void> {
  await db.updateTable('groups').set({ external_id: externalId }).where('id', '=', id).execute();
}

export async function findGroupIdByExternalId(db: Executor, externalId: string): Promise<number | null> {
  const r = await db.selectFrom('groups').select('id').where('external_id', '=', externalId).executeTakeFirst();
  return r?.id ?? null;
}
