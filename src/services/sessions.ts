// Sessions as people see them: on My account, one's own (browser, address, last seen) and ending the
// others; in Edit User, a Space Admin's "Sign out everywhere" and "Send a password reset email".
import Bowser from 'bowser';
import { deleteUserSessions } from '../db/queries/sessions.js';
import { deleteSessionOf, listUserSessions, setSessionClient } from '../db/queries/session-list.js';
import { findUserById } from '../db/queries/users.js';
import { can } from '../domain/permissions.js';
import type { Actor } from './actor.js';
import { byActor, byUser, recordAudit, userTarget } from './audit.js';
import type { ServiceDeps } from './deps.js';
import type { Failure } from './errors.js';
import { passwordAllowedFor } from './oidc-only.js';
import { queuePasswordResetEmail } from './password-reset.js';

export interface SessionView {
  id: string;
  current: boolean;
  /** "Firefox 133 on Linux", from the User-Agent the session started with. */
  browser: string;
  address: string | null;
  createdAt: number;
  lastSeenAt: number;
}

/** A User-Agent as a person reads it, by bowser (lancedikson/bowser). */
export function describeUserAgent(userAgent: string | null): string {
  if (!userAgent) return 'Unknown browser';
  const p = Bowser.parse(userAgent);
  const major = p.browser.version?.split('.')[0];
  const browser = p.browser.name ? `${p.browser.name}${major ? ` ${major}` : ''}` : 'Unknown browser';
  return p.os.name ? `${browser} on ${p.os.name}` : browser;
}

/** Stored once per session, when it starts (the response that sets its cookie). */
export async function recordSessionClient(deps: ServiceDeps, sessionId: string, userAgent: string, address: string): Promise<void> {
  await setSessionClient(deps.db, sessionId, userAgent.slice(0, 512), address.slice(0, 64));
}

export async function mySessions(deps: ServiceDeps, me: { id: number }, currentSessionId: string): Promise<SessionView[]> {
  const rows = await listUserSessions(deps.db, me.id);
  return rows
    .map((r) => ({ id: r.id, current: r.id === currentSessionId, browser: describeUserAgent(r.userAgent), address: r.address, createdAt: r.createdAt, lastSeenAt: r.lastSeenAt }))
    .sort((a, b) => Number(b.current) - Number(a.current));
}

/** Ends one of one's own other sessions (never the current one: that is "Sign out"). */
export async function endMySession(deps: ServiceDeps, me: { id: number; email: string }, currentSessionId: string, sessionId: string): Promise<{ ok: true } | Failure<'not_found'>> {
  if (sessionId === currentSessionId) return { ok: false, code: 'not_found' };
  return deps.db.transaction().execute(async (trx) => {
    if (!(await deleteSessionOf(trx, me.id, sessionId))) return { ok: false as const, code: 'not_found' as const };
    await recordAudit(trx, deps.now(), byUser(me), 'session.ended', userTarget(me), { endedSessions: 1 });
    return { ok: true as const };
  });
}

/** Ends every other session of one's own. */
export async function endMyOtherSessions(deps: ServiceDeps, me: { id: number; email: string }, currentSessionId: string): Promise<number> {
  return deps.db.transaction().execute(async (trx) => {
    const ended = await deleteUserSessions(trx, me.id, currentSessionId);
    if (ended) await recordAudit(trx, deps.now(), byUser(me), 'session.ended', userTarget(me), { endedSessions: ended });
    return ended;
  });
}

/** A Space Admin ends every session of a member (their own current one excepted, when it is themselves). */
export async function signOutEverywhere(deps: ServiceDeps, actor: Actor, currentSessionId: string, userId: number): Promise<{ ok: true; ended: number } | Failure<'forbidden' | 'not_found'>> {
  if (!can(actor, 'space_admin')) return { ok: false, code: 'forbidden' };
  return deps.db.transaction().execute(async (trx) => {
    const user = await findUserById(trx, userId);
    if (!user) return { ok: false as const, code: 'not_found' as const };
    const ended = await deleteUserSessions(trx, userId, userId === actor.id ? currentSessionId : undefined);
    await recordAudit(trx, deps.now(), byActor(actor), 'user.signed_out_everywhere', userTarget(user), { endedSessions: ended });
    return { ok: true as const, ended };
  });
}

/** A Space Admin emails a member a password reset link (refused for members who sign in only with SSO). */
export async function sendPasswordResetEmail(deps: ServiceDeps, actor: Actor, userId: number): Promise<{ ok: true } | Failure<'forbidden' | 'not_found' | 'password_off'>> {
  if (!can(actor, 'space_admin')) return { ok: false, code: 'forbidden' };
  const result = await deps.db.transaction().execute(async (trx) => {
    const user = await findUserById(trx, userId);
    if (!user) return { ok: false as const, code: 'not_found' as const };
    if (!(await passwordAllowedFor(deps, trx, user.id))) return { ok: false as const, code: 'password_off' as const };
    const now = deps.now();
    await queuePasswordResetEmail(deps, trx, user, now);
    await recordAudit(trx, now, byActor(actor), 'password.reset_sent', userTarget(user));
    return { ok: true as const };
  });
  if (result.ok) deps.notifyOutbox();
  return result;
}
