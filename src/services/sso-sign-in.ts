// Single sign-on with the configured OpenID provider. A person is matched by a verified email: a member
// signs in, a pending invitation for that address is accepted (the accept page's own rules), anyone else is
// refused. No account is created silently, and every sign-in and refusal is audited.
// The provider is called (discovery, code exchange) outside any transaction.
import { startSignIn } from '../auth/session.js';
import { deriveOidcChecks, type IdentityClaims, type OidcClient } from '../auth/oidc-client.js';
import { equalHashes, randomId, randomSecret, sha256, splitToken } from '../auth/tokens.js';
import type { Executor } from '../db/connect.js';
import { insertAuditEvent } from '../db/queries/audit.js';
import { findPendingInvitationByEmail } from '../db/queries/invitations.js';
import { consumeOidcLogin, deleteExpiredOidcLogins, insertOidcLogin } from '../db/queries/oidc-logins.js';
import { findUserByEmail } from '../db/queries/users.js';
import { lockSpace } from '../db/lock.js';
import { admitInvitee } from './accept-invitation.js';
import type { ServiceDeps } from './deps.js';

/** From the button to the callback: ten minutes, once. */
export const SSO_LOGIN_TTL_MS = 10 * 60_000;

export type SsoProblem =
  | 'login_expired'
  | 'provider_unreachable'
  | 'provider_refused'
  | 'token_invalid'
  | 'email_unverified'
  | 'not_member'
  | 'no_seat'
  | 'inviter_lapsed';

export type BeginSsoResult = { ok: true; cookieToken: string; url: URL } | { ok: false; code: 'provider_unreachable' };

export type CompleteSsoResult =
  | { ok: true; sessionToken: string; userId: number; nextPath: string; joined: boolean }
  | { ok: false; code: SsoProblem };

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

/** Starts a sign-in: a row holding the hash of the browser's secret, and the provider's URL to go to. */
export async function beginSsoSignIn(deps: ServiceDeps, oidc: OidcClient, nextPath: string): Promise<BeginSsoResult> {
  const id = randomId(24);
  const secret = randomSecret(); // 130 bits; state, nonce and the PKCE verifier are derived from it
  const target = await oidc.authorizationUrl(deriveOidcChecks(secret));
  const now = deps.now();
  if (!target.ok) {
    await refuse(deps.db, now, 'provider_unreachable', null, { detail: target.detail });
    return { ok: false, code: 'provider_unreachable' };
  }
  await deps.db.transaction().execute(async (trx) => {
    await deleteExpiredOidcLogins(trx, now);
    await insertOidcLogin(trx, { id, secretHash: hex(sha256(secret)), nextPath, createdAt: now, expiresAt: now + SSO_LOGIN_TTL_MS });
  });
  return { ok: true, cookieToken: `${id}.${secret}`, url: target.url };
}

/** Finishes a sign-in at the redirect URI. `callbackUrl` is the redirect URI with the provider's query. */
export async function completeSsoSignIn(
  deps: ServiceDeps,
  oidc: OidcClient,
  cookieToken: string | null,
  callbackUrl: URL,
): Promise<CompleteSsoResult> {
  const login = await takeLogin(deps, cookieToken);
  if (!login) return refuse(deps.db, deps.now(), 'login_expired', null);

  const exchanged = await oidc.exchange(callbackUrl, deriveOidcChecks(login.secret));
  if (!exchanged.ok) return refuse(deps.db, deps.now(), exchanged.code, null, { detail: exchanged.detail });
  const claims = exchanged.claims;
  if (!claims.email || !claims.emailVerified) {
    return refuse(deps.db, deps.now(), 'email_unverified', claims.email, { subject: claims.subject });
  }
  const email = claims.email;

  // An invitee's account gets a password nobody knows (the slow hash, before the write lock); they can
  // choose one later with "Forgot your password?" unless OIDC_ONLY is on.
  const invitee = !(await findUserByEmail(deps.db, email)) && (await findPendingInvitationByEmail(deps.db, email));
  const passwordHash = invitee ? await deps.hasher.hash(randomSecret() + randomSecret()) : null;

  return deps.db.transaction().execute(async (trx): Promise<CompleteSsoResult> => {
    await lockSpace(trx); // an invitee may take a seat: the same lock as the invitation link
    const now = deps.now();
    const member = await findUserByEmail(trx, email);
    if (member && member.deactivatedAt !== null) return refuse(trx, now, 'not_member', email, { subject: claims.subject, deactivated: true });
    if (member) {
      const { token } = await startSignIn(trx, member.id, now);
      await signedIn(trx, now, member.id, email, claims, false);
      return { ok: true, sessionToken: token, userId: member.id, nextPath: login.nextPath, joined: false };
    }
    const invitation = await findPendingInvitationByEmail(trx, email);
    if (!invitation || invitation.expiresAt <= now || !passwordHash) return refuse(trx, now, 'not_member', email, { subject: claims.subject });

    const displayName = invitation.displayName ?? claims.name ?? email.split('@')[0]!;
    const admitted = await admitInvitee(deps, trx, invitation, { displayName, passwordHash }, 'sso');
    if (!admitted.ok) {
      const code = admitted.code === 'no_seat' || admitted.code === 'inviter_lapsed' ? admitted.code : 'not_member';
      return refuse(trx, now, code, email, { subject: claims.subject });
    }
    await signedIn(trx, now, admitted.userId, email, claims, true);
    return { ok: true, sessionToken: admitted.sessionToken, userId: admitted.userId, nextPath: '/', joined: true };
  });
}

/** The login the cookie names, used up whatever happens next; null when unknown, used, expired or forged. */
async function takeLogin(deps: ServiceDeps, cookieToken: string | null): Promise<{ secret: string; nextPath: string } | null> {
  const parts = cookieToken ? splitToken(cookieToken) : null;
  if (!parts) return null;
  const row = await consumeOidcLogin(deps.db, parts.id, deps.now());
  if (!row) return null;
  if (!equalHashes(sha256(parts.secret), new Uint8Array(Buffer.from(row.secretHash, 'hex')))) return null;
  return { secret: parts.secret, nextPath: row.nextPath };
}

async function signedIn(trx: Executor, now: number, userId: number, email: string, claims: IdentityClaims, joined: boolean) {
  await insertAuditEvent(trx, {
    at: now,
    actorId: userId,
    actorLabel: email,
    action: 'sso.signed_in',
    targetType: 'user',
    targetId: userId,
    targetLabel: email,
    details: { subject: claims.subject, ...(joined ? { joined: true } : {}) },
  });
}

async function refuse(
  db: Executor,
  now: number,
  code: SsoProblem,
  email: string | null,
  details: Record<string, unknown> = {},
): Promise<{ ok: false; code: SsoProblem }> {
  await insertAuditEvent(db, {
    at: now,
    actorId: null,
    actorLabel: email ?? 'single sign-on',
    action: 'sso.refused',
    details: { reason: code, ...details },
  });
  return { ok: false, code };
}
