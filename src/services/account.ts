// My account: a user changes their own display name and password.
import { invalidateUserSessions } from '../auth/session.js';
import { voidPasswordResets } from '../db/queries/password-resets.js';
import { findPasswordHash, updateUser } from '../db/queries/users.js';
import { byUser, recordAudit, userTarget } from './audit.js';
import type { ServiceDeps } from './deps.js';
import type { Failure } from './errors.js';

export async function changeDisplayName(
  deps: ServiceDeps,
  user: { id: number; email: string; displayName: string },
  displayName: string,
): Promise<void> {
  if (displayName === user.displayName) return;
  await deps.db.transaction().execute(async (trx) => {
    await updateUser(trx, user.id, { displayName });
    await recordAudit(trx, deps.now(), byUser(user), 'user.renamed', userTarget(user), { from: user.displayName, to: displayName });
  });
}

export type ChangePasswordResult = { ok: true; endedSessions: number } | Failure<'wrong_current_password'>;

/** Changing the password ends every other session of the account; the current one stays. */
export async function changePassword(
  deps: ServiceDeps,
  user: { id: number; email: string },
  currentSessionId: string,
  currentPassword: string,
  newPassword: string,
): Promise<ChangePasswordResult> {
  const stored = await findPasswordHash(deps.db, user.id);
  if (!stored || !(await deps.hasher.verify(stored, currentPassword))) return { ok: false, code: 'wrong_current_password' };
  const passwordHash = await deps.hasher.hash(newPassword);
  return deps.db.transaction().execute(async (trx) => {
    const now = deps.now();
    await updateUser(trx, user.id, { passwordHash });
    await voidPasswordResets(trx, user.id, now);
    const endedSessions = await invalidateUserSessions(trx, user.id, currentSessionId);
    await recordAudit(trx, now, byUser(user), 'password.changed', userTarget(user), { endedSessions });
    return { ok: true as const, endedSessions };
  });
}
