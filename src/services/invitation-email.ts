// Queues an invitation's email in the caller's transaction. The body holds a placeholder for the link,
// which the mail worker derives at send time: the outbox never stores a working invitation token.
import { LINK_PLACEHOLDER } from '../auth/link-secrets.js';
import type { Executor } from '../db/connect.js';
import type { Invitation } from '../db/queries/invitations.js';
import { markInvitationSent } from '../db/queries/invitations.js';
import { enqueueMessage } from '../db/queries/outbox.js';
import { findSpace } from '../db/queries/space.js';
import { invitationEmail } from '../mail/messages/invitation.js';

export function formatDate(ms: number): string {
  return (
    new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' }).format(new Date(ms)) + ' UTC'
  );
}

export async function queueInvitationEmail(
  trx: Executor,
  invitation: Pick<Invitation, 'id' | 'publicId' | 'email' | 'profile' | 'expiresAt'>,
  inviterName: string,
  now: number,
): Promise<number> {
  const space = await findSpace(trx);
  const message = invitationEmail({
    spaceName: space?.name ?? 'Launchpad',
    inviterName,
    profile: invitation.profile,
    link: LINK_PLACEHOLDER,
    expiresOn: formatDate(invitation.expiresAt),
  });
  const outboxId = await enqueueMessage(
    trx,
    { kind: 'invitation', refId: invitation.id, to: invitation.email, linkRef: `invitation:${invitation.publicId}`, ...message },
    now,
  );
  await markInvitationSent(trx, invitation.id, outboxId, now, invitation.expiresAt);
  return outboxId;
}
