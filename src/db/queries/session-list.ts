// One person's sessions, for My account and for "Sign out everywhere".
import type { Executor } from '../connect.js';

export interface SessionListing {
  id: string;
  createdAt: number;
  lastSeenAt: number;
  userAgent: string | null;
  address: string | null;
}

export async function listUserSessions(db: Executor, userId: number): Promise<SessionListing[]> {
  const rows = await db
    .selectFrom('sessions')
    .select(['id', 'created_at', 'last_verified_at', 'user_agent', 'client_address'])
    .where('user_id', '=', userId)
    .orderBy('last_verified_at', 'desc')
    .execute();
  return rows.map((r) => ({ id: r.id, createdAt: r.created_at, lastSeenAt: r.last_verified_at, userAgent: r.user_agent, address: r.client_address }));
}

/** Written once, when the session starts: a later request never changes what it started with. */
export async function setSessionClient(db: Executor, id: string, userAgent: string, address: string): Promise<void> {
  await db.updateTable('sessions').set({ user_agent: userAgent, client_address: address }).where('id', '=', id).where('user_agent', 'is', null).execute();
}

/** Ends one session, only if it is this user's. */
export async function deleteSessionOf(db: Executor, userId: number, id: string): Promise<boolean> {
  const r = await db.deleteFrom('sessions').where('id', '=', id).where('user_id', '=', userId).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}
