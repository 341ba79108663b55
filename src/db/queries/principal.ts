// Who a member is for authorization, read on every request: the member, their groups, what each group
// grants, and the space (its name and owner). One statement rather than four: each costs more in Kysely
// and the driver (compiling, preparing, a round trip on PostgreSQL) than in SQLite itself. On PostgreSQL
// it is a prepared statement with a generic plan (pg-prepared.ts): planning the join cost 20 times its run.
import type { Executor } from '../connect.js';
import { GENERIC_PLAN } from '../pg-prepared.js';
import type { GroupRef } from './groups.js';
import type { SessionRecord } from './sessions.js';
import type { Space } from './space.js';
import { toUser, type User } from './users.js';

export interface UserGrants {
  user: User;
  /** In name order, as groupsOfUser lists them. */
  groups: GroupRef[];
  /** Each permission a group grants, with that group's name (permissionGrantsOfUser's rows). */
  grants: Array<{ permission: string; groupName: string }>;
  space: Space | null;
}

export async function findUserWithGrants(db: Executor, userId: number): Promise<UserGrants | null> {
  const rows = await grantRows(db).where('users.id', '=', userId).orderBy('groups.name_key').orderBy('group_permissions.permission').modifyEnd(GENERIC_PLAN).execute();
  return foldGrants(rows);
}

/**
 * A session with its member, their groups and grants, in one statement: the session middleware asks it
 * on every request, where the session and the member read apart cost two round trips on PostgreSQL.
 * Null when no session has this id (a session's member always exists: deleting one deletes its sessions).
 */
export async function findSessionWithGrants(db: Executor, sessionId: string): Promise<{ session: SessionRecord; grants: UserGrants } | null> {
  const rows = await grantRows(db)
    .innerJoin('sessions', 'sessions.user_id', 'users.id')
    .select(['sessions.id as session_id', 'sessions.secret_hash', 'sessions.created_at as session_created_at', 'sessions.last_verified_at'])
    .where('sessions.id', '=', sessionId)
    .orderBy('groups.name_key')
    .orderBy('group_permissions.permission')
    .modifyEnd(GENERIC_PLAN)
    .execute();
  const first = rows[0];
  const grants = foldGrants(rows);
  if (!first || !grants) return null;
  const session: SessionRecord = {
    id: first.session_id,
    secretHash: new Uint8Array(first.secret_hash),
    userId: first.id,
    createdAt: first.session_created_at,
    lastVerifiedAt: first.last_verified_at,
  };
  return { session, grants };
}

/** The member's columns and the space's, with a row per group and permission the group grants. */
function grantRows(db: Executor) {
  return db
    .selectFrom('users')
    .leftJoin('space', (join) => join.on('space.id', '=', 1))
    .leftJoin('group_members', 'group_members.user_id', 'users.id')
    .leftJoin('groups', 'groups.id', 'group_members.group_id')
    .leftJoin('group_permissions', 'group_permissions.group_id', 'groups.id')
    .select([
      'users.id',
      'users.email',
      'users.display_name',
      'users.profile',
      'users.created_at',
      'users.last_login_at',
      'users.deactivated_at',
      'space.name as space_name',
      'space.owner_id as space_owner_id',
      'space.created_at as space_created_at',
      'groups.id as group_id',
      'groups.name as group_name',
      'group_permissions.permission',
    ]);
}

type GrantRow = Awaited<ReturnType<ReturnType<typeof grantRows>['execute']>>[number];

function foldGrants(rows: GrantRow[]): UserGrants | null {
  const first = rows[0];
  if (!first) return null;
  const groups: GroupRef[] = [];
  const grants: UserGrants['grants'] = [];
  for (const r of rows) {
    if (r.group_id === null || r.group_name === null) continue;
    if (groups.at(-1)?.id !== r.group_id) groups.push({ id: r.group_id, name: r.group_name });
    if (r.permission !== null) grants.push({ permission: r.permission, groupName: r.group_name });
  }
  const space =
    first.space_owner_id === null || first.space_name === null || first.space_created_at === null
      ? null
      : { name: first.space_name, ownerId: first.space_owner_id, createdAt: first.space_created_at };
  return { user: toUser(first), groups, grants, space };
}

/**
 * Of these members, the active ones (not deactivated), each with every permission their groups grant and
 * whether they own the space: the Users list asks it of a page's inviters at once, not one member at a time.
 */
export async function grantsOfActiveUsers(db: Executor, userIds: number[]): Promise<Map<number, { permissions: string[]; isOwner: boolean }>> {
  const out = new Map<number, { permissions: string[]; isOwner: boolean }>();
  if (userIds.length === 0) return out;
  const rows = await db
    .selectFrom('users')
    .leftJoin('space', (join) => join.on('space.id', '=', 1))
    .leftJoin('group_members', 'group_members.user_id', 'users.id')
    .leftJoin('group_permissions', 'group_permissions.group_id', 'group_members.group_id')
    .select(['users.id', 'space.owner_id', 'group_permissions.permission'])
    .where('users.id', 'in', [...new Set(userIds)])
    .where('users.deactivated_at', 'is', null)
    .modifyEnd(GENERIC_PLAN)
    .execute();
  for (const r of rows) {
    const entry = out.get(r.id) ?? { permissions: [], isOwner: r.owner_id === r.id };
    if (r.permission !== null) entry.permissions.push(r.permission);
    out.set(r.id, entry);
  }
  return out;
}
