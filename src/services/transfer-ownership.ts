// "Transfer Space Ownership": only the owner, to another member, confirmed by the owner's password.
// The new owner joins space_administrators if needed; the old owner stays a space admin. The owner is a
// single column of the single space row, so there is exactly one owner at every moment.
import { insertAuditEvent } from '../db/queries/audit.js';
import { addMember, findGroupByName } from '../db/queries/groups.js';
import { findSpace, setSpaceOwner } from '../db/queries/space.js';
import { findPasswordHash, findUserById } from '../db/queries/users.js';
import type { ServiceDeps } from './deps.js';
import type { CurrentUser } from './principal.js';
import { SPACE_ADMINISTRATORS } from './setup.js';
import { lockSpace } from '../db/lock.js';

export type TransferResult = { ok: true } | { ok: false; code: 'not_owner' | 'not_found' | 'self' | 'wrong_password' };

export async function transferOwnership(
  deps: ServiceDeps,
  actor: CurrentUser,
  toUserId: number,
  password: string,
): Promise<TransferResult> {
  if (!actor.isOwner) return { ok: false, code: 'not_owner' };
  if (toUserId === actor.id) return { ok: false, code: 'self' };
  const stored = await findPasswordHash(deps.db, actor.id);
  if (!stored || !(await deps.hasher.verify(stored, password))) return { ok: false, code: 'wrong_password' };
  return deps.db.transaction().execute(async (trx): Promise<TransferResult> => {
    await lockSpace(trx);
    if ((await findSpace(trx))?.ownerId !== actor.id) return { ok: false, code: 'not_owner' }; // changed meanwhile
    const target = await findUserById(trx, toUserId);
    if (!target) return { ok: false, code: 'not_found' };
    const now = deps.now();
    const admins = await findGroupByName(trx, SPACE_ADMINISTRATORS);
    if (admins) await addMember(trx, admins.id, toUserId, now);
    await setSpaceOwner(trx, toUserId);
    await insertAuditEvent(trx, {
      at: now,
      actorId: actor.id,
      actorLabel: actor.email,
      action: 'space.ownership_transferred',
      targetType: 'user',
      targetId: toUserId,
      targetLabel: target.email,
      details: { from: actor.email, to: target.email },
    });
    return { ok: true };
  });
}
