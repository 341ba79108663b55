// Accepting an invitation from its link. The profile and groups come from the invitation's row, never
// from the form; the seat is checked again under the write lock; the link works once.
import { startSignIn } from '../auth/session.js';
import { equalHashes, sha256, splitToken } from '../auth/tokens.js';
import type { Executor } from '../db/connect.js';
import { addMember } from '../db/queries/groups.js';
import { closeInvitation, findInvitationByPublicId, invitationGroupIds, type Invitation } from '../db/queries/invitations.js';
import { findSpace } from '../db/queries/space.js';
import { findUserByEmail, insertUser } from '../db/queries/users.js';
import { checkSeats } from '../domain/profiles.js';
import { DEFAULT_SPACE_NAME } from '../domain/space.js';
import { byUser, recordAudit, userTarget } from './audit.js';
import type { ServiceDeps } from './deps.js';
import type { Failure, InvitationLinkProblem } from './errors.js';
import { joinExtensionGroupsIfDesigner } from './extension-groups.js';
import { inviterStillEntitled } from './inviter-rights.js';

const inviterOf = (i: Invitation) => ({ kind: i.inviterKind, userId: i.invitedBy, keyId: i.inviterKeyId });
import { seatUsage } from './seats.js';
import { lockSpace } from '../db/lock.js';

export type { InvitationLinkProblem } from './errors.js';

export type InvitationCheck =
  | { ok: true; invitation: Invitation; spaceName: string }
  | Failure<InvitationLinkProblem>;

/** What a link points to, and whether it can still be used. */
export async function checkInvitationToken(deps: ServiceDeps, db: Executor, token: string): Promise<InvitationCheck> {
  const parts = splitToken(token);
  if (!parts) return { ok: false, code: 'invalid_link' };
  const invitation = await findInvitationByPublicId(db, parts.id);
  if (!invitation || !equalHashes(sha256(parts.secret), invitation.secretHash)) return { ok: false, code: 'invalid_link' };
  const invitedBy = invitation.invitedByLabel;
  if (invitation.status === 'accepted') return { ok: false, code: 'used', invitedBy };
  if (invitation.status === 'revoked') return { ok: false, code: 'revoked', invitedBy };
  if (invitation.expiresAt <= deps.now()) return { ok: false, code: 'expired', invitedBy };
  if (!(await inviterStillEntitled(db, inviterOf(invitation), deps.now()))) return { ok: false, code: 'inviter_lapsed', invitedBy };
  const space = await findSpace(db);
  return { ok: true, invitation, spaceName: space?.name ?? DEFAULT_SPACE_NAME };
}

export type AcceptResult =
  | { ok: true; userId: number; sessionToken: string }
  | Failure<InvitationLinkProblem | 'no_seat'>;

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
    return admitInvitee(deps, trx, check.invitation, { displayName: input.displayName, passwordHash }, 'link');
  });
}

/**
 * The rules of joining by a pending invitation, shared by the link's page and single sign-on: the caller has
 * checked the invitation (pending, not expired) inside `trx`, the transaction that holds the write lock.
 */
export async function admitInvitee(
  deps: ServiceDeps,
  trx: Executor,
  invitation: Invitation,
  input: { displayName: string; passwordHash: string },
  via: 'link' | 'sso',
): Promise<AcceptResult> {
  const now = deps.now();
  // An account with this address appeared since the invitation was made: the link cannot be used. The page
  // says only that, never whether or whose account it is.
  if (await findUserByEmail(trx, invitation.email)) return { ok: false, code: 'unavailable', invitedBy: invitation.invitedByLabel };

  // The invitation gives its profile and groups on its inviter's behalf: only while they may still give them
  // (domain/invitation-grants). Checked here, under the write lock, for the link and for single sign-on alike.
  if (!(await inviterStillEntitled(trx, inviterOf(invitation), now))) return { ok: false, code: 'inviter_lapsed', invitedBy: invitation.invitedByLabel };

  // This invitation holds one of the reserved seats; the seat is free if it fits with the others.
  const usage = (await seatUsage(trx, deps.config.seats, now))[invitation.profile];
  const seats = checkSeats({ ...usage, reserved: Math.max(0, usage.reserved - 1) }, 1);
  if (!seats.ok) return { ok: false, code: 'no_seat', invitedBy: invitation.invitedByLabel };

  const userId = await insertUser(trx, {
    email: invitation.email,
    displayName: input.displayName,
    passwordHash: input.passwordHash,
    profile: invitation.profile,
    createdAt: now,
  });
  if (!(await closeInvitation(trx, invitation.id, { status: 'accepted', at: now, userId }))) {
    throw new Error('invitation changed under the write lock'); // cannot happen: we hold the lock
  }
  const groupIds = await invitationGroupIds(trx, invitation.id);
  for (const groupId of groupIds) await addMember(trx, groupId, userId, now);
  const extensionGroups = await joinExtensionGroupsIfDesigner(trx, userId, invitation.profile, now);
  const { token: sessionToken } = await startSignIn(trx, userId, now);
  const newUser = { id: userId, email: invitation.email };
  await recordAudit(trx, now, byUser(newUser), 'invitation.accepted', userTarget(newUser), {
    profile: invitation.profile,
    groups: groupIds.length + extensionGroups.length,
    invitedBy: invitation.invitedByLabel,
    ...(via === 'sso' ? { via } : {}),
  });
  return { ok: true, userId, sessionToken };
}
