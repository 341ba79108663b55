// "Delete user": ends their sessions, removes their memberships, frees the seat. Never the owner.
import { invalidateUserSessions } from '../auth/session.js';
import { removeUserFromAllGroups } from '../db/queries/groups.js';
import { findSpace } from '../db/queries/space.js';
import { deleteUser as deleteUserRow, findUserById } from '../db/queries/users.js';
import { can } from '../domain/permissions.js';
import { deleteRefusal } from '../domain/member-rules.js';
import { actorUserId, type Actor } from './actor.js';
import { byActor, recordAudit, userTarget } from './audit.js';
import type { ServiceDeps } from './deps.js';
import type { Failure } from './errors.js';
import { lockSpace } from '../db/lock.js';

export type DeleteUserResult = { ok: true } | Failure<'forbidden' | 'not_found' | 'owner_stays_admin' | 'own_account'>;

export async function deleteUser(deps: ServiceDeps, actor: Actor, userId: number): Promise<DeleteUserResult> {
  if (!can(actor, 'space_admin')) return { ok: false, code: 'forbidden' };
  return deps.db.transaction().execute(async (trx): Promise<DeleteUserResult> => {
    await lockSpace(trx);
    const user = await findUserById(trx, userId);
    if (!user) return { ok: false, code: 'not_found' };
    const refusal = deleteRefusal(userId, { ownerId: (await findSpace(trx))?.ownerId ?? null, actorUserId: actorUserId(actor) });
    if (refusal) return { ok: false, code: refusal };
    const sessions = await invalidateUserSessions(trx, userId);
    await removeUserFromAllGroups(trx, userId);
    await deleteUserRow(trx, userId);
    await recordAudit(trx, deps.now(), byActor(actor), 'user.deleted', userTarget(user), { profile: user.profile, endedSessions: sessions });
    return { ok: true };
  });
}
