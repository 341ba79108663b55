// What the SCIM endpoints read: users and groups as the SCIM mapping wants them, a page at a time, by a
// resolved filter. Pages are in id order (stable while an IdP walks them); the total is counted with the
// same filter. Group members are read in bulk for a page of groups, or not at all when excluded.
import type { GroupCondition, UserCondition } from '../../domain/scim/filter.js';
import type { ScimGroupRecord } from '../../domain/scim/group.js';
import type { ScimUserRecord } from '../../domain/scim/user.js';
import type { Executor } from '../connect.js';
import { groupFilterWhere, userFilterWhere } from './scim-filter.js';

export interface Window {
  offset: number;
  limit: number;
}

const userColumns = ['id', 'email', 'display_name', 'profile', 'external_id', 'deactivated_at', 'created_at'] as const;

function toUserRecord(r: {
  id: number;
  email: string;
  display_name: string;
  profile: ScimUserRecord['profile'];
  external_id: string | null;
  deactivated_at: number | null;
  created_at: number;
}): ScimUserRecord {
  return {
    id: r.id,
    email: r.email,
    displayName: r.display_name,
    profile: r.profile,
    externalId: r.external_id,
    deactivatedAt: r.deactivated_at,
    createdAt: r.created_at,
    // No change time is kept yet; the last known change is the deactivation, else the creation.
    lastModifiedAt: Math.max(r.created_at, r.deactivated_at ?? 0),
  };
}

export async function listScimUsers(
  db: Executor,
  filter: UserCondition | null,
  w: Window,
): Promise<{ total: number; records: ScimUserRecord[] }> {
  let count = db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n'));
  let page = db.selectFrom('users').select(userColumns).orderBy('id').limit(w.limit).offset(w.offset);
  if (filter) {
    count = count.where(userFilterWhere(filter));
    page = page.where(userFilterWhere(filter));
  }
  const { n } = await count.executeTakeFirstOrThrow();
  // count=0 asks for the total only (RFC 7644 §3.4.2.4).
  const rows = w.limit > 0 ? await page.execute() : [];
  return { total: Number(n), records: rows.map(toUserRecord) };
}

export async function findScimUser(db: Executor, id: number): Promise<ScimUserRecord | null> {
  const r = await db.selectFrom('users').select(userColumns).where('id', '=', id).executeTakeFirst();
  return r ? toUserRecord(r) : null;
}

const groupColumns = ['id', 'name', 'external_id', 'created_at'] as const;

export async function listScimGroups(
  db: Executor,
  filter: GroupCondition | null,
  w: Window,
  options: { members: boolean },
): Promise<{ total: number; records: ScimGroupRecord[] }> {
  let count = db.selectFrom('groups').select((eb) => eb.fn.countAll<number>().as('n'));
  let page = db.selectFrom('groups').select(groupColumns).orderBy('id').limit(w.limit).offset(w.offset);
  if (filter) {
    count = count.where(groupFilterWhere(filter));
    page = page.where(groupFilterWhere(filter));
  }
  const { n } = await count.executeTakeFirstOrThrow();
  const rows = w.limit > 0 ? await page.execute() : [];
  const members = options.members ? await membersOfGroups(db, rows.map((r) => r.id)) : null;
  return {
    total: Number(n),
    records: rows.map((r) => ({
      id: r.id,
      name: r.name,
      externalId: r.external_id,
      createdAt: r.created_at,
      lastModifiedAt: r.created_at,
      ...(members ? { members: members.get(r.id) ?? [] } : {}),
    })),
  };
}

export async function findScimGroup(db: Executor, id: number, options: { members: boolean }): Promise<ScimGroupRecord | null> {
  const r = await db.selectFrom('groups').select(groupColumns).where('id', '=', id).executeTakeFirst();
  if (!r) return null;
  const members = options.members ? ((await membersOfGroups(db, [id])).get(id) ?? []) : undefined;
  return { id: r.id, name: r.name, externalId: r.external_id, createdAt: r.created_at, lastModifiedAt: r.created_at, ...(members ? { members } : {}) };
}

async function membersOfGroups(db: Executor, groupIds: number[]): Promise<Map<number, Array<{ id: number; displayName: string }>>> {
  const out = new Map<number, Array<{ id: number; displayName: string }>>();
  if (groupIds.length === 0) return out;
  const rows = await db
    .selectFrom('group_members')
    .innerJoin('users', 'users.id', 'group_members.user_id')
    .select(['group_members.group_id as groupId', 'users.id as id', 'users.display_name as displayName'])
    .where('group_members.group_id', 'in', groupIds)
    .orderBy('group_members.group_id')
    .orderBy('users.id')
    .execute();
  for (const r of rows) {
    const list = out.get(r.groupId) ?? [];
    list.push({ id: r.id, displayName: r.displayName });
    out.set(r.groupId, list);
  }
  return out;
}
