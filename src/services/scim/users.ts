// SCIM Users (RFC 7644 §3): reads through the SCIM read model, and every write through the same use cases
// as the panels (provisionUser, editUser, deactivateUser/reactivateUser, deleteUser), with the key as actor.
import { groupsOfUser } from '../../db/queries/groups.js';
import { findScimUser, listScimUsers } from '../../db/queries/scim-resources.js';
import { emailKey } from '../../db/queries/users.js';
import { problem, type ScimResult } from '../../domain/scim/errors.js';
import { listResponse, pageWindow, type ListResponse, type Page } from '../../domain/scim/list.js';
import type { ScimContext } from '../../domain/scim/meta.js';
import { readScimUser, toScimUser, type ScimUser, type ScimUserInput } from '../../domain/scim/user.js';
import { applyUserPatch } from '../../scim/apply-patch.js';
import { parseUserFilter } from '../../scim/parse-filter.js';
import type { Actor } from '../actor.js';
import { deactivateUser, reactivateUser } from '../deactivation.js';
import { deleteUser } from '../delete-user.js';
import type { ServiceDeps } from '../deps.js';
import { editUser } from '../edit-user.js';
import { provisionUser } from '../provision-user.js';
import { scimRefusal } from './refusal.js';

const notFound = (id: number | string) => problem('not_found', `No user has the id ${id}.`);

export async function listUsers(deps: ServiceDeps, ctx: ScimContext, filter: string | undefined, page: Page): Promise<ScimResult<ListResponse<ScimUser>>> {
  const condition = filter === undefined || filter.trim() === '' ? null : parseUserFilter(filter);
  if (condition && !condition.ok) return condition;
  const { total, records } = await listScimUsers(deps.db, condition ? condition.value : null, pageWindow(page));
  return { ok: true, value: listResponse(records.map((r) => toScimUser(r, ctx)), total, page) };
}

export async function getUser(deps: ServiceDeps, ctx: ScimContext, id: number): Promise<ScimResult<ScimUser>> {
  const record = await findScimUser(deps.db, id);
  return record ? { ok: true, value: toScimUser(record, ctx) } : notFound(id);
}

export async function createUser(deps: ServiceDeps, actor: Actor, ctx: ScimContext, body: unknown): Promise<ScimResult<ScimUser>> {
  const input = readScimUser(body);
  if (!input.ok) return input;
  const created = await provisionUser(deps, actor, input.value);
  if (!created.ok) return { ok: false, problem: scimRefusal(created) };
  return getUser(deps, ctx, created.id);
}

/** PUT: the whole resource as the IdP wants it (Okta updates users this way). */
export async function replaceUser(deps: ServiceDeps, actor: Actor, ctx: ScimContext, id: number, body: unknown): Promise<ScimResult<ScimUser>> {
  const input = readScimUser(body);
  if (!input.ok) return input;
  return applyUserInput(deps, actor, ctx, id, input.value);
}

/** PATCH: the operations applied to the resource as it is, then the result written like a PUT. */
export async function patchUser(deps: ServiceDeps, actor: Actor, ctx: ScimContext, id: number, body: unknown): Promise<ScimResult<ScimUser>> {
  const current = await getUser(deps, ctx, id);
  if (!current.ok) return current;
  const patched = applyUserPatch(current.value, body);
  if (!patched.ok) return patched;
  const input = readScimUser(patched.value);
  if (!input.ok) return input;
  return applyUserInput(deps, actor, ctx, id, input.value);
}

export async function removeUser(deps: ServiceDeps, actor: Actor, id: number): Promise<ScimResult<null>> {
  const result = await deleteUser(deps, actor, id);
  return result.ok ? { ok: true, value: null } : { ok: false, problem: result.code === 'not_found' ? notFound(id).problem : scimRefusal(result) };
}

/**
 * Writes what changed, each part through its use case: a reactivation first (it needs the seat of the
 * profile the member has), then the edit (a new profile needs its own seat), then a deactivation last.
 */
async function applyUserInput(deps: ServiceDeps, actor: Actor, ctx: ScimContext, id: number, input: ScimUserInput): Promise<ScimResult<ScimUser>> {
  const record = await findScimUser(deps.db, id);
  if (!record) return notFound(id);
  if (emailKey(input.email) !== emailKey(record.email)) {
    return problem('mutability', `userName is the member's email address and cannot change here (${record.email}).`);
  }
  const wasActive = record.deactivatedAt === null;
  if (input.active && !wasActive) {
    const r = await reactivateUser(deps, actor, id);
    if (!r.ok) return { ok: false, problem: scimRefusal(r) };
  }
  const profile = input.profile ?? record.profile;
  const externalChanged = input.externalId !== null && input.externalId !== record.externalId;
  if (input.displayName !== record.displayName || profile !== record.profile || externalChanged) {
    const groupIds = (await groupsOfUser(deps.db, id)).map((g) => g.id);
    const r = await editUser(deps, actor, id, {
      displayName: input.displayName,
      profile,
      groupIds,
      ...(externalChanged ? { externalId: input.externalId } : {}),
    });
    if (!r.ok) return { ok: false, problem: r.code === 'not_found' ? notFound(id).problem : scimRefusal(r) };
  }
  if (!input.active && wasActive) {
    const r = await deactivateUser(deps, actor, id);
    if (!r.ok) return { ok: false, problem: scimRefusal(r) };
  }
  return getUser(deps, ctx, id);
}
