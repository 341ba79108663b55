// The Groups tab's read models: the list, one group, and its Members page (with the search to add).
import { findGroup, findGroupMember, listGroups, searchNonMembers, type GroupMember, type GroupSummary } from '../db/queries/groups.js';
import { readGroupMembersPage } from '../db/queries/group-member-page.js';
import { findSpace } from '../db/queries/space.js';
import { can } from '../domain/permissions.js';
import { isOwner, isSpaceAdministrators } from '../domain/space.js';
import type { Actor } from './actor.js';
import type { ServiceDeps } from './deps.js';
import type { Failure } from './errors.js';

export type { GroupMember, GroupSummary } from '../db/queries/groups.js';

export const GROUPS_PAGE_SIZE = 50;

type Read<T> = ({ ok: true } & T) | Failure<'forbidden' | 'not_found'>;

export async function groupsPage(
  deps: ServiceDeps,
  actor: Actor,
  params: { search: string; page: number },
): Promise<Read<{ groups: GroupSummary[]; total: number; pageSize: number }>> {
  if (!can(actor, 'space_admin')) return { ok: false, code: 'forbidden' };
  const { groups, total } = await listGroups(deps.db, { ...params, pageSize: GROUPS_PAGE_SIZE });
  return { ok: true, groups, total, pageSize: GROUPS_PAGE_SIZE };
}

/** One group with its permissions and member count, and whether it is the space's administrators. */
export async function groupById(deps: ServiceDeps, actor: Actor, id: number): Promise<Read<{ group: GroupSummary; isAdmins: boolean }>> {
  if (!can(actor, 'space_admin')) return { ok: false, code: 'forbidden' };
  const group = await findGroup(deps.db, id);
  return group ? { ok: true, group, isAdmins: isSpaceAdministrators(group) } : { ok: false, code: 'not_found' };
}

export interface MembersPageModel {
  group: GroupSummary;
  isAdmins: boolean;
  members: GroupMember[];
  total: number;
  pageSize: number;
  ownerId: number;
  /** People outside the group who match the search; null when nothing was searched. */
  candidates: GroupMember[] | null;
}

export async function groupMembersPage(
  deps: ServiceDeps,
  actor: Actor,
  groupId: number,
  params: { search: string; page: number },
): Promise<Read<MembersPageModel>> {
  if (!can(actor, 'space_admin')) return { ok: false, code: 'forbidden' };
  const { db } = deps;
  const [read, candidates] = await Promise.all([
    readGroupMembersPage(db, { groupId, page: params.page, pageSize: GROUPS_PAGE_SIZE }),
    params.search ? searchNonMembers(db, groupId, params.search) : Promise.resolve(null),
  ]);
  if (!read) return { ok: false, code: 'not_found' };
  const { head, members } = read;
  return {
    ok: true,
    group: head.group,
    isAdmins: isSpaceAdministrators(head.group),
    members,
    total: head.activeMembers,
    pageSize: GROUPS_PAGE_SIZE,
    ownerId: head.ownerId ?? -1,
    candidates,
  };
}

/** One member's row on the Members page, and whether it is locked (the owner in space_administrators). */
export async function groupMemberRow(
  deps: ServiceDeps,
  actor: Actor,
  groupId: number,
  userId: number,
): Promise<Read<{ member: GroupMember; locked: boolean }>> {
  const found = await groupById(deps, actor, groupId);
  if (!found.ok) return found;
  const [member, space] = await Promise.all([findGroupMember(deps.db, groupId, userId), findSpace(deps.db)]);
  if (!member) return { ok: false, code: 'not_found' };
  return { ok: true, member, locked: found.isAdmins && isOwner(space, userId) };
}
