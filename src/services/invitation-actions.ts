// The row actions on a pending invitation: resend, revoke, and show its link again.
import { closeInvitation, findInvitation, setInviter, type Invitation } from '../db/queries/invitations.js';
import { can } from '../domain/permissions.js';
import { checkSeats } from '../domain/profiles.js';
import { actorAsInviter, actorName, type Actor } from './actor.js';
import { byActor, invitationTarget, recordAudit } from './audit.js';
import type { ServiceDeps } from './deps.js';
import type { Failure } from './errors.js';
import { queueInvitationEmail } from './invitation-email.js';
import { invitationLink } from './links.js';
import { seatUsage } from './seats.js';
import { lockSpace } from '../db/lock.js';

type Common = Failure<'forbidden' | 'not_found' | 'not_pending'>;

export type ResendResult =
  | { ok: true; invitation: Invitation }
  | Common
  | Failure<'not_enough_seats'>;

/**
 * Sends the email again and renews the expiry; an expired invitation needs its seat back first. The admin who
 * sends it again stands behind it from now on (the email names them): this is how an invitation whose
 * inviter is no longer an admin becomes usable again.
 */
export async function resendInvitation(deps: ServiceDeps, actor: Actor, invitationId: number): Promise<ResendResult> {
  if (!can(actor, 'space_admin')) return { ok: false, code: 'forbidden' };
  const result = await deps.db.transaction().execute(async (trx): Promise<ResendResult> => {
    await lockSpace(trx);
    const invitation = await findInvitation(trx, invitationId);
    if (!invitation) return { ok: false, code: 'not_found' };
    if (invitation.status !== 'pending') return { ok: false, code: 'not_pending' };
    const now = deps.now();
    if (invitation.expiresAt <= now) {
      const seats = checkSeats((await seatUsage(trx, deps.config.seats, now))[invitation.profile], 1);
      if (!seats.ok) return { ok: false, code: 'not_enough_seats', profile: invitation.profile, needed: 1, free: seats.free };
    }
    const inviter = actorAsInviter(actor);
    const renewed = {
      ...invitation,
      expiresAt: now + deps.config.inviteTtlMs,
      invitedBy: inviter.userId,
      invitedByLabel: inviter.name,
      inviterKind: inviter.kind,
      inviterKeyId: inviter.keyId,
    };
    await setInviter(trx, invitation.id, { kind: inviter.kind, id: inviter.userId, keyId: inviter.keyId, label: inviter.name });
    await queueInvitationEmail(trx, renewed, actorName(actor), now);
    await recordAudit(trx, now, byActor(actor), 'invitation.resent', invitationTarget(invitation), { wasExpired: invitation.expiresAt <= now });
    return { ok: true, invitation: renewed };
  });
  if (result.ok) deps.notifyOutbox();
  return result;
}

export type RevokeResult = { ok: true; invitation: Invitation } | Common;

/** The link stops working at once and the reserved seat is freed. */
export async function revokeInvitation(deps: ServiceDeps, actor: Actor, invitationId: number): Promise<RevokeResult> {
  if (!can(actor, 'space_admin')) return { ok: false, code: 'forbidden' };
  return deps.db.transaction().execute(async (trx): Promise<RevokeResult> => {
    await lockSpace(trx);
    const invitation = await findInvitation(trx, invitationId);
    if (!invitation) return { ok: false, code: 'not_found' };
    const now = deps.now();
    if (!(await closeInvitation(trx, invitationId, { status: 'revoked', at: now }))) return { ok: false, code: 'not_pending' };
    await recordAudit(trx, now, byActor(actor), 'invitation.revoked', invitationTarget(invitation));
    return { ok: true, invitation };
  });
}

export type LinkResult = { ok: true; link: string; invitation: Invitation } | Common;

/**
 * "Copy invite link": the same link as the emailed one, derived again from the server secret, so copying
 * never breaks a link already sent. Recorded in the audit log, since it hands out a credential.
 */
export async function revealInvitationLink(deps: ServiceDeps, actor: Actor, invitationId: number): Promise<LinkResult> {
  if (!can(actor, 'space_admin')) return { ok: false, code: 'forbidden' };
  return deps.db.transaction().execute(async (trx): Promise<LinkResult> => {
    await lockSpace(trx);
    const invitation = await findInvitation(trx, invitationId);
    if (!invitation) return { ok: false, code: 'not_found' };
    if (invitation.status !== 'pending') return { ok: false, code: 'not_pending' };
    await recordAudit(trx, deps.now(), byActor(actor), 'invitation.link_copied', invitationTarget(invitation));
    return { ok: true, link: invitationLink(deps.config.publicUrl, deps.links, invitation.publicId), invitation };
  });
}

/** An invitation, whatever its status, for the Revoke dialog. */
export async function invitationById(deps: ServiceDeps, actor: Actor, invitationId: number): Promise<{ ok: true; invitation: Invitation } | Failure<'forbidden' | 'not_found'>> {
  if (!can(actor, 'space_admin')) return { ok: false, code: 'forbidden' };
  const invitation = await findInvitation(deps.db, invitationId);
  return invitation ? { ok: true, invitation } : { ok: false, code: 'not_found' };
}
