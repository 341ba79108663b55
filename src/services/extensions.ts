// Activating an extension creates its group if missing and adds every designer; deactivating keeps the group.
import { insertAuditEvent } from '../db/queries/audit.js';
import { listExtensionStates, saveExtensionState } from '../db/queries/extensions.js';
import { addDesignersToGroup, findGroupByName, grantPermissions, insertGroup } from '../db/queries/groups.js';
import { EXTENSIONS, type ExtensionKey } from '../domain/extensions.js';
import { can } from '../domain/permissions.js';
import type { ServiceDeps } from './deps.js';
import type { CurrentUser } from './principal.js';
import { lockSpace } from '../db/lock.js';

export type ExtensionResult =
  | { ok: true; groupName: string; designersAdded: number }
  | { ok: false; code: 'forbidden' | 'already_active' | 'not_active' };

export async function activateExtension(deps: ServiceDeps, actor: CurrentUser, key: ExtensionKey): Promise<ExtensionResult> {
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
    await insertAuditEvent(trx, {
      at: now,
      actorId: actor.id,
      actorLabel: actor.email,
      action: 'extension.activated',
      targetType: 'extension',
      targetId: key,
      targetLabel: def.name,
      details: { group: group.name, designersAdded },
    });
    return { ok: true, groupName: group.name, designersAdded };
  });
}

export async function deactivateExtension(deps: ServiceDeps, actor: CurrentUser, key: ExtensionKey): Promise<ExtensionResult> {
  if (!can(actor, 'space_admin')) return { ok: false, code: 'forbidden' };
  const def = EXTENSIONS[key];
  return deps.db.transaction().execute(async (trx): Promise<ExtensionResult> => {
    await lockSpace(trx);
    const state = (await listExtensionStates(trx)).find((s) => s.key === key);
    if (!state?.active) return { ok: false, code: 'not_active' };
    const now = deps.now();
    await saveExtensionState(trx, { key, active: false, groupId: state.groupId, at: now });
    await insertAuditEvent(trx, {
      at: now,
      actorId: actor.id,
      actorLabel: actor.email,
      action: 'extension.deactivated',
      targetType: 'extension',
      targetId: key,
      targetLabel: def.name,
      details: { groupKept: def.group },
    });
    return { ok: true, groupName: def.group, designersAdded: 0 };
  });
}
