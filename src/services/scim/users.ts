// SCIM Users (RFC 7644 §3): reads through the SCIM read model, and every write through the same use cases
// as the panels (provisionUser, editUser, deactivateUser/reactivateUser, deleteUser), with the key as actor.
// A PUT or PATCH is one transaction whatever it changes: applied whole, or, at the first refusal, not at all.
import type { Trx } from '../../db/connect.js';
import { groupsOfUser } from '../../db/queries/groups.js';
import { findScimUser, listScimUsers } from '../../db/queries/scim-resources.js';
import { emailKey } from '../../db/queries/users.js';
import { problem, type ScimResult } from '../../domain/scim/errors.js';
import { listResponse, pageWindow, type ListResponse, type Page } from '../../domain/scim/list.js';
import type { ScimContext } from '../../domain/scim/meta.js';
import { readScimUser, toScimUser, type ScimUser, type ScimUserInput, type ScimUserRecord } from '../../domain/scim/user.js';
import { applyUserPatch } from '../../scim/apply-patch.js';
import { parseUserFilter } from '../../scim/parse-filter.js';
import type { Actor } from '../actor.js';
import { allOrNothing } from '../all-or-nothing.js';
import { deactivateUserWithin, reactivateUserWithin } from '../deactivation.js';
import { deleteUser } from '../delete-user.js';
import type { ServiceDeps } from '../deps.js';
import { editUserWithin } from '../edit-user.js';
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

/** PUT: the whole resource as the IdP wants it (Okta updates users this way), in one transaction. */
export async function replaceUser(deps: ServiceDeps, actor: Actor, ctx: ScimContext, id: number, body: unknown): Promise<ScimResult<ScimUser>> {
  const input = readScimUser(body);
  if (!input.ok) return input;
  return allOrNothing(deps.db, async (trx) => {
    const record = await findScimUser(trx, id);
    if (!record) return notFound(id);
    return writeUser(trx, deps, actor, ctx, record, input.value);
  });
}

/**
 * PATCH: the operations applied to the resource as it is under the space lock, then the result written like
 * a PUT, in the same transaction: an operation refused part-way leaves the ones before it unapplied.
 */
export async function patchUser(deps: ServiceDeps, actor: Actor, ctx: ScimContext, id: number, body: unknown): Promise<ScimResult<ScimUser>> {
  return allOrNothing(deps.db, async (trx) => {
    const record = await findScimUser(trx, id);
    if (!record) return notFound(id);
    const patched = applyUserPatch(toScimUser(record, ctx), body);
    if (!patched.ok) return patched;
    const input = readScimUser(patched.value);
    if (!input.ok) return input;
    return writeUser(trx, deps, actor, ctx, record, input.value);
  });
}

export async function removeUser(deps: ServiceDeps, actor: Actor, id: number): Promise<ScimResult<null>> {
  const result = await deleteUser(deps, actor, id);
  return result.ok ? { ok: true, value: null } : { ok: false, problem: result.code === 'not_found' ? notFound(id).problem : scimRefusal(result) };
}

/**
 * Writes what changed inside the caller's transaction, each part through its panel's use case and rules:
 * the edit first (a new profile needs its own seat), then the active flag (a reactivation takes a seat of
 * the profile the member now has, so coming back with a new profile needs one seat, not two). The first
 * refusal stops it, and the caller's transaction rolls back what came before.
 */
async function writeUser(trx: Trx, deps: ServiceDeps, actor: Actor, ctx: ScimContext, record: ScimUserRecord, input: ScimUserInput): Promise<ScimResult<ScimUser>> {
  const id = record.id;
  if (emailKey(input.email) !== emailKey(record.email)) {
    return problem('mutability', `userName is the member's email address and cannot change here (${record.email}).`);
  }
  const profile = input.profile ?? record.profile;
  const externalChanged = input.externalId !== null && input.externalId !== record.externalId;
  if (input.displayName !== record.displayName || profile !== record.profile || externalChanged) {
    const groupIds = (await groupsOfUser(trx, id)).map((g) => g.id);
    const r = await editUserWithin(trx, deps, actor, id, {
      displayName: input.displayName,
      profile,
      groupIds,
      ...(externalChanged ? { externalId: input.externalId } : {}),
    });
    if (!r.ok) return { ok: false, problem: r.code === 'not_found' ? notFound(id).problem : scimRefusal(r) };
  }
  const wasActive = record.deactivatedAt === null;
  if (input.active !== wasActive) {
    const r = input.active ? await reactivateUserWithin(trx, deps, actor, id) : await deactivateUserWithin(trx, deps, actor, id);
    if (!r.ok) return { ok: false, problem: scimRefusal(r) };
  }
  const after = await findScimUser(trx, id);
  return after ? { ok: true, value: toScimUser(after, ctx) } : notFound(id);
}
