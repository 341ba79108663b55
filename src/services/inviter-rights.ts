// Whether pending invitations still have an inviter who may give what they give (domain/invitation-grants).
// Read at acceptance, under the write lock, and for the Users list's "inviter no longer an admin".
import type { Executor } from '../db/connect.js';
import { invitersOf } from '../db/queries/invitations.js';
import { inviterMayStillGrant } from '../domain/invitation-grants.js';
import { loadCurrentUser } from './principal.js';

/** Whether this user (null: deleted) may still stand behind an invitation. */
export async function inviterStillEntitled(db: Executor, inviterId: number | null): Promise<boolean> {
  return inviterMayStillGrant(inviterId === null ? null : await loadCurrentUser(db, inviterId));
}

/** Of these invitations, those whose inviter is no longer entitled to give them. */
export async function invitationsWithLapsedInviter(db: Executor, invitationIds: number[]): Promise<Set<number>> {
  const inviters = await invitersOf(db, invitationIds);
  const entitled = new Map<number | null, boolean>();
  const lapsed = new Set<number>();
  for (const [invitationId, inviterId] of inviters) {
    if (!entitled.has(inviterId)) entitled.set(inviterId, await inviterStillEntitled(db, inviterId));
    if (!entitled.get(inviterId)) lapsed.add(invitationId);
  }
  return lapsed;
}
