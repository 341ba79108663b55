// Sessions, the Lucia way (https://lucia-auth.com/sessions/basic): the token is `id.secret`,
// the database stores only SHA-256(secret), and the check compares hashes in constant time.
import type { Executor } from '../db/connect.js';
import {
  deleteExpiredSessions,
  deleteSession,
  deleteUserSessions,
  findSession,
  insertSession,
  touchSession,
  type SessionRecord,
} from '../db/queries/sessions.js';
import { updateUser } from '../db/queries/users.js';
import { equalHashes, randomId, randomSecret, sha256, splitToken } from './tokens.js';

/**
 * A person signs in, whatever the path (the sign-in form, first-run setup, an accepted invitation, single
 * sign-on): a session, and the user's last sign-in time, written together so no path can forget the one.
 */
export async function startSignIn(db: Executor, userId: number, now: number): Promise<{ token: string; session: Session }> {
  const started = await createSession(db, userId, now);
  await updateUser(db, userId, { lastLoginAt: now });
  return started;
}

/** A session ends after this long without a request... */
export const SESSION_IDLE_MS = 7 * 24 * 3_600_000;
/** ...and in any case this long after sign-in. */
export const SESSION_ABSOLUTE_MS = 30 * 24 * 3_600_000;
/** The last-seen time is written at most this often, to spare a write per request. */
const TOUCH_EVERY_MS = 60 * 60_000;

/** How often the server purges sessions that ended without anyone presenting them again. */
export const SESSION_PURGE_EVERY_MS = 60 * 60_000;

/** Deletes every session past its idle or absolute end: a session never presented again would stay forever. */
export async function purgeExpiredSessions(db: Executor, now: number): Promise<void> {
  await deleteExpiredSessions(db, now - SESSION_ABSOLUTE_MS, now - SESSION_IDLE_MS);
}

export interface Session {
  id: string;
  userId: number;
  createdAt: number;
  lastVerifiedAt: number;
}

export async function createSession(db: Executor, userId: number, now: number): Promise<{ token: string; session: Session }> {
  const id = randomId(24);
  const secret = randomSecret();
  const record: SessionRecord = { id, secretHash: sha256(secret), userId, createdAt: now, lastVerifiedAt: now };
  await insertSession(db, record);
  return { token: `${id}.${secret}`, session: { id, userId, createdAt: now, lastVerifiedAt: now } };
}

/** The session a token names, or null when it is malformed, unknown, wrong or expired. */
export async function validateSessionToken(db: Executor, token: string, now: number): Promise<Session | null> {
  const parts = splitToken(token);
  if (!parts) return null;
  const record = await findSession(db, parts.id);
  return record ? checkSessionRecord(db, parts.secret, record, now) : null;
}

/**
 * The rules for a stored session presented with a secret: the secret's hash must match (compared in
 * constant time), an expired session is deleted, and the last-seen time is written at most once an hour.
 * The session middleware reads the record together with its member and calls this on it.
 */
export async function checkSessionRecord(db: Executor, secret: string, record: SessionRecord, now: number): Promise<Session | null> {
  if (!equalHashes(sha256(secret), record.secretHash)) return null;
  if (now - record.createdAt >= SESSION_ABSOLUTE_MS || now - record.lastVerifiedAt >= SESSION_IDLE_MS) {
    await deleteSession(db, record.id);
    return null;
  }
  let lastVerifiedAt = record.lastVerifiedAt;
  if (now - lastVerifiedAt >= TOUCH_EVERY_MS) {
    await touchSession(db, record.id, now);
    lastVerifiedAt = now;
  }
  return { id: record.id, userId: record.userId, createdAt: record.createdAt, lastVerifiedAt };
}

export async function invalidateSession(db: Executor, sessionId: string): Promise<void> {
  await deleteSession(db, sessionId);
}

export async function invalidateUserSessions(db: Executor, userId: number, exceptSessionId?: string): Promise<number> {
  return deleteUserSessions(db, userId, exceptSessionId);
}

/** When the cookie should stop being sent: the earlier of the idle and absolute limits. */
export function sessionExpiresAt(session: Session): number {
  return Math.min(session.lastVerifiedAt + SESSION_IDLE_MS, session.createdAt + SESSION_ABSOLUTE_MS);
}
