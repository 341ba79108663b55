// Forgotten passwords: a single-use link that expires, emailed (or printed by the command line).
import { invalidateUserSessions } from '../auth/session.js';
import { LINK_PLACEHOLDER } from '../auth/link-secrets.js';
import { equalHashes, randomId, sha256, splitToken } from '../auth/tokens.js';
import { enqueueMessage } from '../db/queries/outbox.js';
import {
  consumePasswordReset,
  findPasswordReset,
  insertPasswordReset,
  voidPasswordResets,
} from '../db/queries/password-resets.js';
import { findSpace } from '../db/queries/space.js';
import { findUserByEmail, findUserById, updateUser, type User } from '../db/queries/users.js';
import type { Executor } from '../db/connect.js';
import { formatDuration } from '../domain/duration.js';
import { passwordResetEmail } from '../mail/messages/password-reset.js';
import { setPasswordEmail } from '../mail/messages/set-password.js';
import type { Operator } from './actor.js';
import { byOperator, byUser, recordAudit, userTarget } from './audit.js';
import type { ServiceDeps } from './deps.js';
import type { Failure } from './errors.js';
import { passwordResetLink } from './links.js';
import { passwordAllowedFor } from './oidc-only.js';

export const RESET_TTL_MS = 60 * 60_000;

/** A new reset replaces the older ones. Returns its public id; the secret is derived, never stored. */
async function issueResetToken(deps: ServiceDeps, trx: Executor, user: User, now: number, ttl = RESET_TTL_MS): Promise<string> {
  await voidPasswordResets(trx, user.id, now);
  const id = randomId(26);
  await insertPasswordReset(trx, {
    id,
    secretHash: deps.links.hash('password-reset', id),
    userId: user.id,
    createdAt: now,
    expiresAt: now + ttl,
  });
  return id;
}

/** Issues a reset and queues its email in the caller's transaction (the worker sends it after commit). */
export async function queuePasswordResetEmail(deps: ServiceDeps, trx: Executor, user: User, now: number): Promise<void> {
  const resetId = await issueResetToken(deps, trx, user, now);
  const space = await findSpace(trx);
  const message = passwordResetEmail({
    spaceName: space?.name ?? 'Launchpad',
    displayName: user.displayName,
    link: LINK_PLACEHOLDER,
    validFor: formatDuration(RESET_TTL_MS),
  });
  await enqueueMessage(trx, { kind: 'password_reset', refId: user.id, to: user.email, linkRef: `password-reset:${resetId}`, ...message }, now);
}

/**
 * Emails a reset link when the address belongs to an account. The caller answers the same either way,
 * so nobody learns from it whether an account exists.
 */
export async function requestPasswordReset(deps: ServiceDeps, email: string): Promise<void> {
  const queued = await deps.db.transaction().execute(async (trx) => {
    const user = await findUserByEmail(trx, email);
    if (!user || user.deactivatedAt !== null || !(await passwordAllowedFor(deps, trx, user.id))) return false;
    const now = deps.now();
    await queuePasswordResetEmail(deps, trx, user, now);
    await recordAudit(trx, now, byUser(user), 'password.reset_requested', userTarget(user));
    return true;
  });
  if (queued) deps.notifyOutbox();
}

/** A SCIM-provisioned member's first password: a reset link that lasts a week, in a welcome email. */
export const SET_PASSWORD_TTL_MS = 7 * 24 * 60 * 60_000;

/** Queues the "choose your password" email in the caller's transaction (sent after it commits). */
export async function queueSetPasswordEmail(deps: ServiceDeps, trx: Executor, user: User, spaceName: string, now: number): Promise<void> {
  const resetId = await issueResetToken(deps, trx, user, now, SET_PASSWORD_TTL_MS);
  const message = setPasswordEmail({ spaceName, displayName: user.displayName, link: LINK_PLACEHOLDER, validFor: formatDuration(SET_PASSWORD_TTL_MS) });
  await enqueueMessage(trx, { kind: 'password_reset', refId: user.id, to: user.email, linkRef: `password-reset:${resetId}`, ...message }, now);
}

export type ResetLinkResult = { ok: true; link: string } | Failure<'unknown_user' | 'password_off'>;

/** For the operator at the command line: prints a link rather than emailing it. */
export async function createPasswordResetLink(deps: ServiceDeps, email: string, operator: Operator): Promise<ResetLinkResult> {
  return deps.db.transaction().execute(async (trx): Promise<ResetLinkResult> => {
    const user = await findUserByEmail(trx, email);
    if (!user) return { ok: false, code: 'unknown_user' };
    if (!(await passwordAllowedFor(deps, trx, user.id))) return { ok: false, code: 'password_off' };
    const now = deps.now();
    const link = passwordResetLink(deps.config.publicUrl, deps.links, await issueResetToken(deps, trx, user, now));
    await recordAudit(trx, now, byOperator(operator), 'password.reset_link_created', userTarget(user));
    return { ok: true, link };
  });
}

export type ResetTokenCheck = { ok: true; user: User } | Failure<'invalid_or_expired'>;

/** Whether a reset token can still be used (for showing the form). */
export async function checkResetToken(deps: ServiceDeps, db: Executor, token: string): Promise<ResetTokenCheck> {
  const parts = splitToken(token);
  if (!parts) return { ok: false, code: 'invalid_or_expired' };
  const record = await findPasswordReset(db, parts.id);
  if (!record || !equalHashes(sha256(parts.secret), record.secretHash)) return { ok: false, code: 'invalid_or_expired' };
  if (record.usedAt !== null || record.expiresAt <= deps.now()) return { ok: false, code: 'invalid_or_expired' };
  const user = await findUserById(db, record.userId);
  // A link made before OIDC_ONLY was turned on stops working for everyone but the owner.
  // So does any link of a member deactivated since.
  return user && user.deactivatedAt === null && (await passwordAllowedFor(deps, db, user.id))
    ? { ok: true, user }
    : { ok: false, code: 'invalid_or_expired' };
}

export type ResetResult = { ok: true; user: User } | Failure<'invalid_or_expired'>;

/** Sets the new password, uses the token up, and ends every session of the account. */
export async function resetPassword(deps: ServiceDeps, token: string, newPassword: string): Promise<ResetResult> {
  const precheck = await checkResetToken(deps, deps.db, token);
  if (!precheck.ok) return precheck;
  const passwordHash = await deps.hasher.hash(newPassword);
  return deps.db.transaction().execute(async (trx): Promise<ResetResult> => {
    const check = await checkResetToken(deps, trx, token); // again, under the write lock
    if (!check.ok) return check;
    const now = deps.now();
    if (!(await consumePasswordReset(trx, splitToken(token)!.id, now))) return { ok: false, code: 'invalid_or_expired' };
    await voidPasswordResets(trx, check.user.id, now);
    await updateUser(trx, check.user.id, { passwordHash });
    await invalidateUserSessions(trx, check.user.id);
    await recordAudit(trx, now, byUser(check.user), 'password.reset', userTarget(check.user));
    return { ok: true, user: check.user };
  });
}
