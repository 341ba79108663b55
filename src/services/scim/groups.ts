// SCIM Groups (RFC 7644 §3): reads through the SCIM read model; every write through the panels' use cases
// (createGroup, updateGroup, deleteGroup, and the API's addGroupMembers, removeGroupMembers) with the key as
// actor, so space_administrators keeps the owner and its name, and the default groups keep their protections.
// A POST, PUT or PATCH is one transaction whatever it changes: applied whole, or, at the first refusal, not at all.
import type { Trx } from '../../db/connect.js';
import { findGroup } from '../../db/queries/groups.js';
import { findScimGroup, listScimGroups } from '../../db/queries/scim-resources.js';
import { problem, type ScimResult } from '../../domain/scim/errors.js';
import { readScimGroup, toScimGroup, type ScimGroup, type ScimGroupRecord } from '../../domain/scim/group.js';
import { listResponse, pageWindow, type ListResponse, type Page } from '../../domain/scim/list.js';
import type { ScimContext } from '../../domain/scim/meta.js';
import { applyGroupPatch, membersDiff, type MembersChange } from '../../scim/apply-patch.js';
import { parseGroupFilter } from '../../scim/parse-filter.js';
import type { Actor } from '../actor.js';
import { allOrNothing } from '../all-or-nothing.js';
import type { ServiceDeps } from '../deps.js';
import { addGroupMembersWithin, removeGroupMembersWithin, type MembersChangeResult } from '../group-members.js';
import { createGroupWithin, deleteGroup, updateGroupWithin, type GroupResult } from '../groups.js';
import { scimRefusal } from './refusal.js';

const notFound = (id: number | string) => problem('not_found', `No group has the id ${id}.`);

function refused(r: Extract<GroupResult | MembersChangeResult, { ok: false }>, id?: number): ScimResult<never> {
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

/** POST: the group and its first members in one transaction (an unknown member creates nothing). */
export async function createScimGroup(deps: ServiceDeps, actor: Actor, ctx: ScimContext, body: unknown): Promise<ScimResult<ScimGroup>> {
  const input = readScimGroup(body);
  if (!input.ok) return input;
  const { displayName, externalId, memberIds } = input.value;
  return allOrNothing(deps.db, async (trx) => {
    const created = await createGroupWithin(trx, deps, actor, { name: displayName, description: '', permissions: [], externalId });
    if (!created.ok) return refused(created);
    const members = await changeMembers(trx, deps, actor, created.id, [], { kind: 'delta', added: memberIds, removed: [] });
    return members.ok ? readGroup(trx, ctx, created.id) : members;
  });
}

/** PUT: name, externalId and exactly these members, in one transaction; the description and permissions stay as the panel set them. */
export async function replaceGroup(deps: ServiceDeps, actor: Actor, ctx: ScimContext, id: number, body: unknown): Promise<ScimResult<ScimGroup>> {
  const input = readScimGroup(body);
  if (!input.ok) return input;
  const { displayName, externalId, memberIds } = input.value;
  return allOrNothing(deps.db, async (trx) => {
    const current = await findScimGroup(trx, id, { members: true });
    if (!current) return notFound(id);
    const renamed = await renameIfChanged(trx, deps, actor, current, displayName, externalId);
    if (!renamed.ok) return renamed;
    const ids = (current.members ?? []).map((m) => m.id);
    const members = await changeMembers(trx, deps, actor, id, ids, { kind: 'replace', memberIds });
    return members.ok ? readGroup(trx, ctx, id) : members;
  });
}

/**
 * PATCH: attributes through the library, members as a set change (Okta and Entra add and remove many at
 * once), all in one transaction: an operation refused part-way leaves the ones before it unapplied.
 */
export async function patchGroup(deps: ServiceDeps, actor: Actor, ctx: ScimContext, id: number, body: unknown): Promise<ScimResult<null>> {
  return allOrNothing(deps.db, async (trx) => {
    const current = await findScimGroup(trx, id, { members: false });
    if (!current) return notFound(id);
    const patched = applyGroupPatch(toScimGroup(current, ctx), body);
    if (!patched.ok) return patched;
    const next = patched.value.group;
    if (typeof next.displayName !== 'string') return problem('invalid_value', 'displayName is required.');
    const renamed = await renameIfChanged(trx, deps, actor, current, next.displayName, next.externalId ?? null);
    if (!renamed.ok) return renamed;
    const change = patched.value.members;
    // A delta needs no read of the current members; an exact list does.
    const currentIds = change.kind === 'replace' ? ((await findScimGroup(trx, id, { members: true }))?.members ?? []).map((m) => m.id) : [];
    return changeMembers(trx, deps, actor, id, currentIds, change);
  });
}

export async function removeScimGroup(deps: ServiceDeps, actor: Actor, id: number): Promise<ScimResult<null>> {
  const r = await deleteGroup(deps, actor, id);
  return r.ok ? { ok: true, value: null } : refused(r, id);
}

async function readGroup(trx: Trx, ctx: ScimContext, id: number): Promise<ScimResult<ScimGroup>> {
  const record = await findScimGroup(trx, id, { members: true });
  return record ? { ok: true, value: toScimGroup(record, ctx) } : notFound(id);
}

/** The Groups tab's edit, keeping the description and permissions the panel set; only when the name or externalId changes. */
async function renameIfChanged(
  trx: Trx,
  deps: ServiceDeps,
  actor: Actor,
  current: ScimGroupRecord,
  name: string,
  externalId: string | null,
): Promise<ScimResult<null>> {
  if (name === current.name && externalId === current.externalId) return { ok: true, value: null };
  const group = await findGroup(trx, current.id);
  if (!group) return notFound(current.id);
  const r = await updateGroupWithin(trx, deps, actor, current.id, { name, description: group.description, permissions: group.permissions, externalId });
  return r.ok ? { ok: true, value: null } : refused(r, current.id);
}

/** The members added, then removed, through the API's bulk use cases (one audit event per member). */
async function changeMembers(trx: Trx, deps: ServiceDeps, actor: Actor, id: number, currentIds: number[], change: MembersChange): Promise<ScimResult<null>> {
  const { added, removed } = change.kind === 'delta' ? { added: change.added, removed: change.removed } : membersDiff(currentIds, change);
  if (added.length) {
    const r = await addGroupMembersWithin(trx, deps, actor, id, added);
    if (!r.ok) return refused(r, id);
  }
  if (removed.length) {
    const r = await removeGroupMembersWithin(trx, deps, actor, id, removed);
    if (!r.ok) return refused(r, id);
  }
  return { ok: true, value: null };
}
