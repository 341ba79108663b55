// The row actions on a pending invitation: resend, revoke, and show its link again.
import { insertAuditEvent } from '../db/queries/audit.js';
import { closeInvitation, findInvitation, type Invitation } from '../db/queries/invitations.js';
import { can } from '../domain/permissions.js';
import { checkSeats, type Profile } from '../domain/profiles.js';
import type { ServiceDeps } from './deps.js';
import { queueInvitationEmail } from './invitation-email.js';
import { invitationLink } from './links.js';
import type { CurrentUser } from './principal.js';
import { seatUsage } from './seats.js';
import { lockSpace } from '../db/lock.js';

type Common = { ok: false; code: 'forbidden' | 'not_found' | 'not_pending' };

export type ResendResult =
  | { ok: true; invitation: Invitation }
  | Common
  | { ok: false; code: 'not_enough_seats'; profile: Profile; needed: number; free: number };

/** Sends the email again and renews the expiry; an expired invitation needs its seat back first. */
export async function resendInvitation(deps: ServiceDeps, actor: CurrentUser, invitationId: number): Promise<ResendResult> {
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
    const renewed = { ...invitation, expiresAt: now + deps.config.inviteTtlMs };
    await queueInvitationEmail(trx, renewed, actor.displayName, now);
    await insertAuditEvent(trx, {
      at: now,
      actorId: actor.id,
      actorLabel: actor.email,
      action: 'invitation.resent',
      targetType: 'invitation',
      targetId: invitation.id,
      targetLabel: invitation.email,
      details: { wasExpired: invitation.expiresAt <= now },
    });
    return { ok: true, invitation: renewed };
  });
  if (result.ok) deps.notifyOutbox();
  return result;
}

export type RevokeResult = { ok: true; invitation: Invitation } | Common;

/** The link stops working at once and the reserved seat is freed. */
export async function revokeInvitation(deps: ServiceDeps, actor: CurrentUser, invitationId: number): Promise<RevokeResult> {
  if (!can(actor, 'space_admin')) return { ok: false, code: 'forbidden' };
  return deps.db.transaction().execute(async (trx): Promise<RevokeResult> => {
    await lockSpace(trx);
    const invitation = await findInvitation(trx, invitationId);
    if (!invitation) return { ok: false, code: 'not_found' };
    const now = deps.now();
    if (!(await closeInvitation(trx, invitationId, { status: 'revoked', at: now }))) return { ok: false, code: 'not_pending' };
    await insertAuditEvent(trx, {
      at: now,
      actorId: actor.id,
      actorLabel: actor.email,
      action: 'invitation.revoked',
      targetType: 'invitation',
      targetId: invitation.id,
      targetLabel: invitation.email,
    });
    return { ok: true, invitation };
  });
}

export type LinkResult = { ok: true; link: string; invitation: Invitation } | Common;

/**
 * "Copy invite link": the same link as the emailed one, derived again from the server secret, so copying
 * never breaks a link already sent. Recorded in the audit log, since it hands out a credential.
 */
export async function revealInvitationLink(deps: ServiceDeps, actor: CurrentUser, invitationId: number): Promise<LinkResult> {
  if (!can(actor, 'space_admin')) return { ok: false, code: 'forbidden' };
  return deps.db.transaction().execute(async (trx): Promise<LinkResult> => {
    await lockSpace(trx);
    const invitation = await findInvitation(trx, invitationId);
    if (!invitation) return { ok: false, code: 'not_found' };
    if (invitation.status !== 'pending') return { ok: false, code: 'not_pending' };
    await insertAuditEvent(trx, {
      at: deps.now(),
      actorId: actor.id,
      actorLabel: actor.email,
      action: 'invitation.link_copied',
      targetType: 'invitation',
      targetId: invitation.id,
      targetLabel: invitation.email,
    });
    return { ok: true, link: invitationLink(deps.config.publicUrl, deps.links, invitation.publicId), invitation };
  });
}
