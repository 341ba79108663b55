// "Transfer Space Ownership": only the owner, to another member, confirmed by the owner's password.
// The new owner joins space_administrators if needed; the old owner stays a space admin. The owner is a
// single column of the single space row, so there is exactly one owner at every moment.
import { addMember, findGroupByName } from '../db/queries/groups.js';
import { findSpace, setSpaceOwner } from '../db/queries/space.js';
import { findPasswordHash, findUserById } from '../db/queries/users.js';
import { isOwner, SPACE_ADMINISTRATORS } from '../domain/space.js';
import type { Actor } from './actor.js';
import { byActor, recordAudit, userTarget } from './audit.js';
import type { ServiceDeps } from './deps.js';
import type { Failure } from './errors.js';
import { lockSpace } from '../db/lock.js';

export type TransferResult = { ok: true } | Failure<'not_owner' | 'not_found' | 'already_owner' | 'wrong_password'>;

export async function transferOwnership(
  deps: ServiceDeps,
  actor: Actor,
  toUserId: number,
  password: string,
): Promise<TransferResult> {
  // A key is never the owner: the transfer needs the owner, signed in, with their password.
  if (actor.kind !== 'user' || !actor.isOwner) return { ok: false, code: 'not_owner' };
  if (toUserId === actor.id) return { ok: false, code: 'already_owner' };
  const stored = await findPasswordHash(deps.db, actor.id);
  if (!stored || !(await deps.hasher.verify(stored, password))) return { ok: false, code: 'wrong_password' };
  return deps.db.transaction().execute(async (trx): Promise<TransferResult> => {
    await lockSpace(trx);
    if (!isOwner(await findSpace(trx), actor.id)) return { ok: false, code: 'not_owner' }; // changed meanwhile
    const target = await findUserById(trx, toUserId);
    if (!target) return { ok: false, code: 'not_found' };
    const now = deps.now();
    const admins = await findGroupByName(trx, SPACE_ADMINISTRATORS);
    if (admins) await addMember(trx, admins.id, toUserId, now);
    await setSpaceOwner(trx, toUserId);
    await recordAudit(trx, now, byActor(actor), 'space.ownership_transferred', userTarget(target), { from: actor.email, to: target.email });
    return { ok: true };
  });
}
