// Accepting an invitation from its link. The profile and groups come from the invitation's row, never
// from the form; the seat is checked again under the write lock; the link works once.
import { createSession } from '../auth/session.js';
import { equalHashes, sha256, splitToken } from '../auth/tokens.js';
import type { Executor } from '../db/connect.js';
import { insertAuditEvent } from '../db/queries/audit.js';
import { addMember } from '../db/queries/groups.js';
import { closeInvitation, findInvitationByPublicId, invitationGroupIds, type Invitation } from '../db/queries/invitations.js';
import { findSpace } from '../db/queries/space.js';
import { findUserByEmail, insertUser } from '../db/queries/users.js';
import { checkSeats } from '../domain/profiles.js';
import type { ServiceDeps } from './deps.js';
import { joinExtensionGroupsIfDesigner } from './extension-groups.js';
import { seatUsage } from './seats.js';
import { lockSpace } from '../db/lock.js';

export type InvitationProblem = 'invalid' | 'expired' | 'revoked' | 'used' | 'unavailable';

export type InvitationCheck =
  | { ok: true; invitation: Invitation; spaceName: string }
  | { ok: false; code: InvitationProblem; invitedBy?: string };

/** What a link points to, and whether it can still be used. */
export async function checkInvitationToken(deps: ServiceDeps, db: Executor, token: string): Promise<InvitationCheck> {
  const parts = splitToken(token);
  if (!parts) return { ok: false, code: 'invalid' };
  const invitation = await findInvitationByPublicId(db, parts.id);
  if (!invitation || !equalHashes(sha256(parts.secret), invitation.secretHash)) return { ok: false, code: 'invalid' };
  const invitedBy = invitation.invitedByLabel;
  if (invitation.status === 'accepted') return { ok: false, code: 'used', invitedBy };
  if (invitation.status === 'revoked') return { ok: false, code: 'revoked', invitedBy };
  if (invitation.expiresAt <= deps.now()) return { ok: false, code: 'expired', invitedBy };
  const space = await findSpace(db);
  return { ok: true, invitation, spaceName: space?.name ?? 'Launchpad' };
}

export type AcceptResult =
  | { ok: true; userId: number; sessionToken: string }
  | { ok: false; code: InvitationProblem | 'no_seat'; invitedBy?: string };

export async function acceptInvitation(
  deps: ServiceDeps,
  token: string,
  input: { displayName: string; password: string },
): Promise<AcceptResult> {
  const pre = await checkInvitationToken(deps, deps.db, token);
  if (!pre.ok) return pre;
  // The slow hash happens before the write lock is taken.
  const passwordHash = await deps.hasher.hash(input.password);

  return deps.db.transaction().execute(async (trx): Promise<AcceptResult> => {
    await lockSpace(trx);
    const check = await checkInvitationToken(deps, trx, token); // again, now that we hold the lock
    if (!check.ok) return check;
    const { invitation } = check;
    const now = deps.now();
    // An account with this address appeared since the invitation was made: the link cannot be used. The page
    // says only that, never whether or whose account it is.
    if (await findUserByEmail(trx, invitation.email)) return { ok: false, code: 'unavailable', invitedBy: invitation.invitedByLabel };

    // This invitation holds one of the reserved seats; the seat is free if it fits with the others.
    const usage = (await seatUsage(trx, deps.config.seats, now))[invitation.profile];
    const seats = checkSeats({ ...usage, reserved: Math.max(0, usage.reserved - 1) }, 1);
    if (!seats.ok) return { ok: false, code: 'no_seat', invitedBy: invitation.invitedByLabel };

    const userId = await insertUser(trx, {
      email: invitation.email,
      displayName: input.displayName,
      passwordHash,
      profile: invitation.profile,
      createdAt: now,
    });
    if (!(await closeInvitation(trx, invitation.id, { status: 'accepted', at: now, userId }))) {
      throw new Error('invitation changed under the write lock'); // cannot happen: we hold the lock
    }
    const groupIds = await invitationGroupIds(trx, invitation.id);
    for (const groupId of groupIds) await addMember(trx, groupId, userId, now);
    const extensionGroups = await joinExtensionGroupsIfDesigner(trx, userId, invitation.profile, now);
    const { token: sessionToken } = await createSession(trx, userId, now);
    await insertAuditEvent(trx, {
      at: now,
      actorId: userId,
      actorLabel: invitation.email,
      action: 'invitation.accepted',
      targetType: 'user',
      targetId: userId,
      targetLabel: invitation.email,
      details: { profile: invitation.profile, groups: groupIds.length + extensionGroups.length, invitedBy: invitation.invitedByLabel },
    });
    return { ok: true, userId, sessionToken };
  });
}
