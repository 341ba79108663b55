// Activating an extension creates its group if missing and adds every designer; deactivating keeps the group.
import { listExtensionStates, saveExtensionState } from '../db/queries/extensions.js';
import { addDesignersToGroup, findGroupByName, grantPermissions, insertGroup } from '../db/queries/groups.js';
import { EXTENSION_KEYS, EXTENSIONS, type ExtensionKey } from '../domain/extensions.js';
import { can } from '../domain/permissions.js';
import type { Actor } from './actor.js';
import { byActor, recordAudit, type AuditTarget } from './audit.js';
import type { ServiceDeps } from './deps.js';
import type { Failure } from './errors.js';
import { lockSpace } from '../db/lock.js';

export type ExtensionResult =
  | { ok: true; groupName: string; designersAdded: number }
  | Failure<'forbidden' | 'already_active' | 'not_active'>;

const extensionTarget = (key: ExtensionKey): AuditTarget => ({ type: 'extension', id: key, label: EXTENSIONS[key].name });

export async function activateExtension(deps: ServiceDeps, actor: Actor, key: ExtensionKey): Promise<ExtensionResult> {
  if (!can(actor, 'space_admin')) return { ok: false, code: 'forbidden' };
  const def = EXTENSIONS[key];
  return deps.db.transaction().execute(async (trx): Promise<ExtensionResult> => {
    await lockSpace(trx);
    const now = deps.now();
    if ((await listExtensionStates(trx)).some((s) => s.key === key && s.active)) return { ok: false, code: 'already_active' };
    let group = await findGroupByName(trx, def.group);
    if (!group) {
      const id = await insertGroup(trx, { name: def.group, description: def.groupDescription, origin: 'extension', createdAt: now });
      group = { id, name: def.group };
    }
    // A group of that name made earlier (by an admin) gets the extension's permissions too.
    await grantPermissions(trx, group.id, [...def.permissions]);
    const designersAdded = await addDesignersToGroup(trx, group.id, now);
    await saveExtensionState(trx, { key, active: true, groupId: group.id, at: now });
    await recordAudit(trx, now, byActor(actor), 'extension.activated', extensionTarget(key), { group: group.name, designersAdded });
    return { ok: true, groupName: group.name, designersAdded };
  });
}

export async function deactivateExtension(deps: ServiceDeps, actor: Actor, key: ExtensionKey): Promise<ExtensionResult> {
  if (!can(actor, 'space_admin')) return { ok: false, code: 'forbidden' };
  const def = EXTENSIONS[key];
  return deps.db.transaction().execute(async (trx): Promise<ExtensionResult> => {
    await lockSpace(trx);
    const state = (await listExtensionStates(trx)).find((s) => s.key === key);
    if (!state?.active) return { ok: false, code: 'not_active' };
    const now = deps.now();
    await saveExtensionState(trx, { key, active: false, groupId: state.groupId, at: now });
    await recordAudit(trx, now, byActor(actor), 'extension.deactivated', extensionTarget(key), { groupKept: def.group });
    return { ok: true, groupName: def.group, designersAdded: 0 };
  });
}

/** Which extensions are active, for the Extensions panel. */
export async function extensionsPage(deps: ServiceDeps, actor: Actor): Promise<{ ok: true; active: Record<ExtensionKey, boolean> } | Failure<'forbidden'>> {
  if (!can(actor, 'space_admin')) return { ok: false, code: 'forbidden' };
  const states = await listExtensionStates(deps.db);
  const active = Object.fromEntries(EXTENSION_KEYS.map((k) => [k, states.some((s) => s.key === k && s.active)])) as Record<ExtensionKey, boolean>;
  return { ok: true, active };
}
