// The secret links emails carry, derived when they are needed and never stored.
import type { LinkSecrets } from '../auth/link-secrets.js';
import type { Executor } from '../db/connect.js';
import { invitationStatusByPublicId } from '../db/queries/invitations.js';
import { findPasswordReset } from '../db/queries/password-resets.js';

export function invitationLink(publicUrl: URL, links: LinkSecrets, publicId: string): string {
  return new URL(`/invite/${publicId}.${links.secret('invitation', publicId)}`, publicUrl).href;
}

export function passwordResetLink(publicUrl: URL, links: LinkSecrets, id: string): string {
  return new URL(`/reset-password/${id}.${links.secret('password-reset', id)}`, publicUrl).href;
}

/**
 * For the mail worker: the link behind an outbox row's `link_ref`, or null when what it points to can no
 * longer be used (a revoked or accepted invitation, a used or replaced reset), so no dead link is sent.
 */
export async function resolveLinkRef(
  db: Executor,
  publicUrl: URL,
  links: LinkSecrets,
  ref: string,
): Promise<string | null> {
  const [purpose, id] = ref.split(':', 2);
  if (!id) return null;
  if (purpose === 'invitation') {
    return (await invitationStatusByPublicId(db, id)) === 'pending' ? invitationLink(publicUrl, links, id) : null;
  }
  if (purpose === 'password-reset') {
    const reset = await findPasswordReset(db, id);
    return reset && reset.usedAt === null ? passwordResetLink(publicUrl, links, id) : null;
  }
  return null;
}
