// Secrets for emailed links (invitations, password resets), derived from the server secret:
//   secret = HMAC-SHA256(serverSecret, purpose + ":" + publicId), 160 bits shown as 40 hex digits.
// The database keeps only the public id and SHA-256(secret). An admin can therefore show an invitation's
// link again ("Copy invite link") without it ever being stored, and the link already emailed stays valid.
// Outbox rows hold a placeholder for such a link; the mail worker derives it at send time.
import { hmacSha256, sha256 } from './tokens.js';

/** 'import': the seal on an import file carried from its preview to its applying (services/import-users.ts). */
export type LinkPurpose = 'invitation' | 'password-reset' | 'import';

export interface LinkSecrets {
  secret(purpose: LinkPurpose, publicId: string): string;
  hash(purpose: LinkPurpose, publicId: string): Uint8Array;
}

export function createLinkSecrets(serverSecret: string): LinkSecrets {
  const secret = (purpose: LinkPurpose, publicId: string) =>
    Buffer.from(hmacSha256(serverSecret, `${purpose}:${publicId}`), 'base64url').toString('hex').slice(0, 40);
  return { secret, hash: (purpose, publicId) => sha256(secret(purpose, publicId)) };
}

/** The placeholder an outbox message carries in place of its secret link. */
export const LINK_PLACEHOLDER = '{{launchpad_link}}';
