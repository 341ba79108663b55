// "Delete user": ends their sessions, removes their memberships, frees the seat. Never the owner.
import { invalidateUserSessions } from '../auth/session.js';
import { insertAuditEvent } from '../db/queries/audit.js';
import { removeUserFromAllGroups } from '../db/queries/groups.js';
import { findSpace } from '../db/queries/space.js';
import { deleteUser as deleteUserRow, findUserById } from '../db/queries/users.js';
import { can } from '../domain/permissions.js';
import type { ServiceDeps } from './deps.js';
import type { CurrentUser } from './principal.js';
import { lockSpace } from '../db/lock.js';

export type DeleteUserResult = { ok: true } | { ok: false; code: 'forbidden' | 'not_found' | 'owner' | 'self' };

export async function deleteUser(deps: ServiceDeps, actor: CurrentUser, userId: number): Promise<DeleteUserResult> {
  if (!can(actor, 'space_admin')) return { ok: false, code: 'forbidden' };
  if (userId === actor.id) return { ok: false, code: 'self' };
  return deps.db.transaction().execute(async (trx): Promise<DeleteUserResult> => {
    await lockSpace(trx);
    const user = await findUserById(trx, userId);
    if (!user) return { ok: false, code: 'not_found' };
    if ((await findSpace(trx))?.ownerId === userId) return { ok: false, code: 'owner' };
    const sessions = await invalidateUserSessions(trx, userId);
    await removeUserFromAllGroups(trx, userId);
    await deleteUserRow(trx, userId);
    await insertAuditEvent(trx, {
      at: deps.now(),
      actorId: actor.id,
      actorLabel: actor.email,
      action: 'user.deleted',
      targetType: 'user',
      targetId: userId,
      targetLabel: user.email,
      details: { profile: user.profile, endedSessions: sessions },
    });
    return { ok: true };
  });
}
