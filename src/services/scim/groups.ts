// SCIM Groups (RFC 7644 §3): reads through the SCIM read model; every write through the Groups tab's use
// cases (createGroup, updateGroup, deleteGroup, addGroupMember, removeGroupMember) with the key as actor, so
// space_administrators keeps the owner and its name, and the default groups keep their protections.
import { findGroup } from '../../db/queries/groups.js';
import { findScimGroup, listScimGroups } from '../../db/queries/scim-resources.js';
import { problem, type ScimResult } from '../../domain/scim/errors.js';
import { readScimGroup, toScimGroup, type ScimGroup } from '../../domain/scim/group.js';
import { listResponse, pageWindow, type ListResponse, type Page } from '../../domain/scim/list.js';
import type { ScimContext } from '../../domain/scim/meta.js';
import { applyGroupPatch, membersDiff, type MembersChange } from '../../scim/apply-patch.js';
import { parseGroupFilter } from '../../scim/parse-filter.js';
import type { Actor } from '../actor.js';
import type { ServiceDeps } from '../deps.js';
import { addGroupMember, createGroup, deleteGroup, removeGroupMember, updateGroup, type GroupResult } from '../groups.js';
import { scimRefusal } from './refusal.js';

const notFound = (id: number | string) => problem('not_found', `No group has the id ${id}.`);

function refused(r: Extract<GroupResult, { ok: false }>, id?: number): ScimResult<never> {
  if (r.code === 'not_found' && id !== undefined) return notFound(id);
  return { ok: false, problem: scimRefusal(r) };
}

export async function listGroups(
  deps: ServiceDeps,
  ctx: ScimContext,
  filter: string | undefined,
  page: Page,
  options: { members: boolean },
): Promise<ScimResult<ListResponse<ScimGroup>>> {
  const condition = filter === undefined || filter.trim() === '' ? null : parseGroupFilter(filter);
  if (condition && !condition.ok) return condition;
  const { total, records } = await listScimGroups(deps.db, condition ? condition.value : null, pageWindow(page), options);
  return { ok: true, value: listResponse(records.map((r) => toScimGroup(r, ctx)), total, page) };
}

/** `members: false` (excludedAttributes=members): the members are not even read. */
export async function getGroup(deps: ServiceDeps, ctx: ScimContext, id: number, options: { members: boolean } = { members: true }): Promise<ScimResult<ScimGroup>> {
  const record = await findScimGroup(deps.db, id, options);
  return record ? { ok: true, value: toScimGroup(record, ctx) } : notFound(id);
}

export async function createScimGroup(deps: ServiceDeps, actor: Actor, ctx: ScimContext, body: unknown): Promise<ScimResult<ScimGroup>> {
  const input = readScimGroup(body);
  if (!input.ok) return input;
  const created = await createGroup(deps, actor, { name: input.value.displayName, description: '', permissions: [], externalId: input.value.externalId });
  if (!created.ok) return refused(created);
  const members = await changeMembers(deps, actor, created.id, [], { kind: 'delta', added: input.value.memberIds, removed: [] });
  return members.ok ? getGroup(deps, ctx, created.id) : members;
}

/** PUT: name, externalId and exactly these members; the description and permissions stay as the panel set them. */
export async function replaceGroup(deps: ServiceDeps, actor: Actor, ctx: ScimContext, id: number, body: unknown): Promise<ScimResult<ScimGroup>> {
  const input = readScimGroup(body);
  if (!input.ok) return input;
  const renamed = await rename(deps, actor, id, input.value.displayName, input.value.externalId);
  if (!renamed.ok) return renamed;
  const current = await getGroup(deps, ctx, id);
  if (!current.ok) return current;
  const ids = (current.value.members ?? []).map((m) => Number(m.value));
  const members = await changeMembers(deps, actor, id, ids, { kind: 'replace', memberIds: input.value.memberIds });
  return members.ok ? getGroup(deps, ctx, id) : members;
}

/** PATCH: attributes through the library, members as a set change (Okta and Entra add and remove many at once). */
export async function patchGroup(deps: ServiceDeps, actor: Actor, ctx: ScimContext, id: number, body: unknown): Promise<ScimResult<null>> {
  const current = await getGroup(deps, ctx, id, { members: false });
  if (!current.ok) return current;
  const patched = applyGroupPatch(current.value, body);
  if (!patched.ok) return patched;
  const next = patched.value.group;
  if (typeof next.displayName !== 'string') return problem('invalid_value', 'displayName is required.');
  if (next.displayName !== current.value.displayName || (next.externalId ?? null) !== (current.value.externalId ?? null)) {
    const renamed = await rename(deps, actor, id, next.displayName, next.externalId ?? null);
    if (!renamed.ok) return renamed;
  }
  const change = patched.value.members;
  const currentIds =
    change.kind === 'replace' ? ((await getGroup(deps, ctx, id)) as { ok: true; value: ScimGroup }).value.members?.map((m) => Number(m.value)) ?? [] : [];
  return changeMembers(deps, actor, id, currentIds, change);
}

export async function removeScimGroup(deps: ServiceDeps, actor: Actor, id: number): Promise<ScimResult<null>> {
  const r = await deleteGroup(deps, actor, id);
  return r.ok ? { ok: true, value: null } : refused(r, id);
}

async function rename(deps: ServiceDeps, actor: Actor, id: number, name: string, externalId: string | null): Promise<ScimResult<null>> {
  const group = await findGroup(deps.db, id);
  if (!group) return notFound(id);
  const r = await updateGroup(deps, actor, id, { name, description: group.description, permissions: group.permissions, externalId });
  return r.ok ? { ok: true, value: null } : refused(r, id);
}

/** Each member added or removed through its use case; a delta needs no read of the current members. */
async function changeMembers(deps: ServiceDeps, actor: Actor, id: number, currentIds: number[], change: MembersChange): Promise<ScimResult<null>> {
  const { added, removed } = change.kind === 'delta' ? { added: change.added, removed: change.removed } : membersDiff(currentIds, change);
  for (const userId of added) {
    const r = await addGroupMember(deps, actor, id, userId);
    if (!r.ok) return refused(r, id);
  }
  for (const userId of removed) {
    const r = await removeGroupMember(deps, actor, id, userId);
    if (!r.ok) return refused(r, id);
  }
  return { ok: true, value: null };
}
