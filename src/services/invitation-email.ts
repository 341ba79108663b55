// Queues an invitation's email in the caller's transaction. The body holds a placeholder for the link,
// which the mail worker derives at send time: the outbox never stores a working invitation token.
import { LINK_PLACEHOLDER } from '../auth/link-secrets.js';
import { formatDateTimeLong } from '../domain/calendar.js';
import type { Executor } from '../db/connect.js';
import type { Invitation } from '../db/queries/invitations.js';
import { markInvitationsSent } from '../db/queries/invitations.js';
import { enqueueMessages } from '../db/queries/outbox.js';
import { findSpace } from '../db/queries/space.js';
import { invitationEmail } from '../mail/messages/invitation.js';

type QueuedInvitation = Pick<Invitation, 'id' | 'publicId' | 'email' | 'profile' | 'expiresAt'>;

export async function queueInvitationEmail(trx: Executor, invitation: QueuedInvitation, inviterName: string, now: number): Promise<number> {
  return (await queueInvitationEmails(trx, [invitation], inviterName, now))[0]!;
}

/**
 * Queues the emails of invitations sent together. Their bodies differ only by the link, which is a
 * placeholder until the worker sends them, so each distinct body is rendered once.
 */
export async function queueInvitationEmails(trx: Executor, invitations: QueuedInvitation[], inviterName: string, now: number): Promise<number[]> {
  if (invitations.length === 0) return [];
  const space = await findSpace(trx);
  const bodies = new Map<string, ReturnType<typeof invitationEmail>>();
  const bodyFor = (i: QueuedInvitation) => {
    const key = `${i.profile}|${i.expiresAt}`;
    let body = bodies.get(key);
    if (!body) {
      body = invitationEmail({
        spaceName: space?.name ?? 'Launchpad',
        inviterName,
        profile: i.profile,
        link: LINK_PLACEHOLDER,
        expiresOn: formatDateTimeLong(i.expiresAt),
      });
      bodies.set(key, body);
    }
    return body;
  };
  const outboxIds = await enqueueMessages(
    trx,
    invitations.map((i) => ({ kind: 'invitation', refId: i.id, to: i.email, linkRef: `invitation:${i.publicId}`, ...bodyFor(i) })),
    now,
  );
  await markInvitationsSent(
    trx,
    invitations.map((i, n) => ({ id: i.id, outboxId: outboxIds[n]!, expiresAt: i.expiresAt })),
    now,
  );
  return outboxIds;
}
