// The Groups tab: create, edit (name, description, permissions), delete groups, and manage members.
// space_administrators keeps Space Admin, its name, and the owner; it cannot be deleted.
import { listExtensionStates } from '../db/queries/extensions.js';
import {
  addMember,
  deleteGroupRow,
  findGroup,
  findGroupByName,
  findGroupIdByExternalId,
  insertGroup,
  removeMember,
  setGroupExternalId,
  setGroupPermissions,
  updateGroupRow,
} from '../db/queries/groups.js';
import { findSpace } from '../db/queries/space.js';
import { findUserById } from '../db/queries/users.js';
import { groupDescriptionProblem, groupNameProblem } from '../domain/groups.js';
import { can, isPermission } from '../domain/permissions.js';
import { isOwner, SPACE_ADMINISTRATORS } from '../domain/space.js';
import type { AuditAction } from '../domain/audit.js';
import type { Actor } from './actor.js';
import { allOrNothing } from './all-or-nothing.js';
import { byActor, groupTarget, recordAudit } from './audit.js';
import type { ServiceDeps } from './deps.js';
import type { Refusal } from './errors.js';
import type { Executor, Trx } from '../db/connect.js';
import { lockSpace } from '../db/lock.js';

export type GroupError = Extract<
  Refusal,
  {
    code:
      | 'forbidden'
      | 'not_found'
      | 'name_taken'
      | 'protected_name'
      | 'admins_keep_space_admin'
      | 'protected_group'
      | 'extension_active'
      | 'owner_stays_admin'
      | 'user_not_found'
      | 'unknown_permission'
      | 'invalid_name'
      | 'invalid_description'
      | 'external_id_taken';
  }
>;

export type GroupResult<T = object> = ({ ok: true } & T) | ({ ok: false } & GroupError);

export interface GroupInput {
  name: string;
  description: string;
  permissions: string[];
  /** SCIM only: the identity provider's id (unique); left as it is when absent. */
  externalId?: string | null;
}

/** check_external_id_free: an identity provider's id names one group. */
async function externalIdTaken(trx: Executor, input: GroupInput, groupId: number | null): Promise<boolean> {
  if (!input.externalId) return false;
  const holder = await findGroupIdByExternalId(trx, input.externalId);
  return holder !== null && holder !== groupId;
}

function audit(trx: Executor, deps: ServiceDeps, actor: Actor, action: AuditAction, group: { id: number; name: string }, details?: Record<string, unknown>) {
  return recordAudit(trx, deps.now(), byActor(actor), action, groupTarget(group), details);
}

/** The checks that need no database: the actor's right, then the name, description and permissions. */
function inputProblem(actor: Actor, input: GroupInput): GroupError | null {
  if (!can(actor, 'space_admin')) return { code: 'forbidden' };
  const problem = groupNameProblem(input.name);
  if (problem) return { code: 'invalid_name', message: problem };
  const tooLong = groupDescriptionProblem(input.description);
  if (tooLong) return { code: 'invalid_description', message: tooLong };
  if (!input.permissions.every(isPermission)) return { code: 'unknown_permission' };
  return null;
}

export async function createGroup(deps: ServiceDeps, actor: Actor, input: GroupInput): Promise<GroupResult<{ id: number }>> {
  const problem = inputProblem(actor, input);
  if (problem) return { ok: false, ...problem };
  return allOrNothing(deps.db, (trx) => createGroupWithin(trx, deps, actor, input));
}

/** The same checks and writes inside a caller's transaction that holds the space lock (SCIM's POST). */
export async function createGroupWithin(trx: Trx, deps: ServiceDeps, actor: Actor, input: GroupInput): Promise<GroupResult<{ id: number }>> {
  const problem = inputProblem(actor, input);
  if (problem) return { ok: false, ...problem };
  if (await findGroupByName(trx, input.name)) return { ok: false, code: 'name_taken' };
  if (await externalIdTaken(trx, input, null)) return { ok: false, code: 'external_id_taken' };
  const id = await insertGroup(trx, { name: input.name, description: input.description, origin: 'admin', createdAt: deps.now() });
  if (input.externalId !== undefined) await setGroupExternalId(trx, id, input.externalId);
  await setGroupPermissions(trx, id, input.permissions);
  await audit(trx, deps, actor, 'group.created', { id, name: input.name }, { permissions: input.permissions });
  return { ok: true, id };
}

export async function updateGroup(deps: ServiceDeps, actor: Actor, id: number, input: GroupInput): Promise<GroupResult> {
  const problem = inputProblem(actor, input);
  if (problem) return { ok: false, ...problem };
  return allOrNothing(deps.db, (trx) => updateGroupWithin(trx, deps, actor, id, input));
}

/** The same checks and writes inside a caller's transaction that holds the space lock (SCIM's PUT and PATCH). */
export async function updateGroupWithin(trx: Trx, deps: ServiceDeps, actor: Actor, id: number, input: GroupInput): Promise<GroupResult> {
  const problem = inputProblem(actor, input);
  if (problem) return { ok: false, ...problem };
  const group = await findGroup(trx, id);
  if (!group) return { ok: false, code: 'not_found' };
  const isAdmins = group.name === SPACE_ADMINISTRATORS;
  if (group.origin !== 'admin' && input.name !== group.name) return { ok: false, code: 'protected_name' };
  if (isAdmins && !input.permissions.includes('space_admin')) return { ok: false, code: 'admins_keep_space_admin' };
  const clash = await findGroupByName(trx, input.name);
  if (clash && clash.id !== id) return { ok: false, code: 'name_taken' };
  if (await externalIdTaken(trx, input, id)) return { ok: false, code: 'external_id_taken' };
  await updateGroupRow(trx, id, { name: input.name, description: input.description });
  if (input.externalId !== undefined) await setGroupExternalId(trx, id, input.externalId);
  await setGroupPermissions(trx, id, input.permissions);
  const added = input.permissions.filter((p) => !group.permissions.includes(p));
  const removed = group.permissions.filter((p) => !input.permissions.includes(p));
  await audit(trx, deps, actor, 'group.updated', { id, name: input.name }, {
    ...(input.name !== group.name ? { renamed: `${group.name} → ${input.name}` } : {}),
    ...(added.length ? { granted: added } : {}),
    ...(removed.length ? { withdrawn: removed } : {}),
  });
  return { ok: true };
}

export async function deleteGroup(deps: ServiceDeps, actor: Actor, id: number): Promise<GroupResult> {
  if (!can(actor, 'space_admin')) return { ok: false, code: 'forbidden' };
  return deps.db.transaction().execute(async (trx): Promise<GroupResult> => {
    await lockSpace(trx);
    const group = await findGroup(trx, id);
    if (!group) return { ok: false, code: 'not_found' };
    if (group.origin === 'space') return { ok: false, code: 'protected_group' };
    const states = await listExtensionStates(trx);
    if (states.some((s) => s.active && s.groupId === id)) return { ok: false, code: 'extension_active' };
    await deleteGroupRow(trx, id); // memberships and permissions go with it: members lose its rights at their next request
    await audit(trx, deps, actor, 'group.deleted', group, { members: group.memberCount });
    return { ok: true };
  });
}

export async function addGroupMember(deps: ServiceDeps, actor: Actor, groupId: number, userId: number): Promise<GroupResult> {
  if (!can(actor, 'space_admin')) return { ok: false, code: 'forbidden' };
  return deps.db.transaction().execute(async (trx): Promise<GroupResult> => {
    await lockSpace(trx);
    const group = await findGroup(trx, groupId);
    if (!group) return { ok: false, code: 'not_found' };
    const user = await findUserById(trx, userId);
    if (!user) return { ok: false, code: 'user_not_found' };
    if (await addMember(trx, groupId, userId, deps.now())) {
      await audit(trx, deps, actor, 'group.member_added', group, { user: user.email });
    }
    return { ok: true };
  });
}

export async function removeGroupMember(deps: ServiceDeps, actor: Actor, groupId: number, userId: number): Promise<GroupResult> {
  if (!can(actor, 'space_admin')) return { ok: false, code: 'forbidden' };
  return deps.db.transaction().execute(async (trx): Promise<GroupResult> => {
    await lockSpace(trx);
    const group = await findGroup(trx, groupId);
    if (!group) return { ok: false, code: 'not_found' };
    if (group.name === SPACE_ADMINISTRATORS && isOwner(await findSpace(trx), userId)) return { ok: false, code: 'owner_stays_admin' };
    const user = await findUserById(trx, userId);
    if (user && (await removeMember(trx, groupId, userId))) {
      await audit(trx, deps, actor, 'group.member_removed', group, { user: user.email });
    }
    return { ok: true };
  });
}
