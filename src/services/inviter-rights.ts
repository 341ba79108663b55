// Whether pending invitations still have someone entitled to stand behind them. Read at acceptance, under
// the write lock, and for the Users list's "inviter no longer an admin".
// - A member: while they may still give what the invitation gives (domain/invitation-grants).
// - An API key: while it is live (not revoked, not expired) and still holds a scope that gives invitations.
// - The operator on the command line: always (they run the server).
import type { Executor } from '../db/connect.js';
import { findApiKey } from '../db/queries/api-keys.js';
import { invitersOf, type InvitationInviter } from '../db/queries/invitations.js';
import { grantsOfActiveUsers } from '../db/queries/principal.js';
import { keyIsLive, SCOPE_GRANTS, type ApiScope } from '../domain/api-scopes.js';
import { GRANTING_INVITATIONS, inviterMayStillGrant } from '../domain/invitation-grants.js';
import { expandPermissions } from '../domain/permissions.js';
import { loadCurrentUser } from './principal.js';

export type { InvitationInviter } from '../db/queries/invitations.js';

/** Whether whoever made this invitation may still stand behind it. */
export async function inviterStillEntitled(db: Executor, inviter: InvitationInviter, now: number): Promise<boolean> {
  switch (inviter.kind) {
    case 'operator':
      return true;
    case 'api_key': {
      const key = inviter.keyId === null ? null : await findApiKey(db, inviter.keyId);
      if (!key || !keyIsLive(key, now)) return false;
      return key.scopes.some((s) => (SCOPE_GRANTS[s as ApiScope] ?? []).includes(GRANTING_INVITATIONS));
    }
    case 'user':
      return inviterMayStillGrant(inviter.userId === null ? null : await loadCurrentUser(db, inviter.userId));
  }
}

/**
 * Of these invitations, those whose inviter is no longer entitled to give them. The members among the
 * inviters are read together (one statement for a page, not four for each inviter), and judged as
 * inviterStillEntitled judges one; keys are read one by one (a page names few).
 */
export async function invitationsWithLapsedInviter(db: Executor, invitationIds: number[], now: number): Promise<Set<number>> {
  const inviters = await invitersOf(db, invitationIds);
  const members = await grantsOfActiveUsers(
    db,
    [...inviters.values()].flatMap((i) => (i.kind === 'user' && i.userId !== null ? [i.userId] : [])),
  );
  const entitled = new Map<string, boolean>();
  const lapsed = new Set<number>();
  for (const [invitationId, inviter] of inviters) {
    const who = `${inviter.kind}:${inviter.userId ?? ''}:${inviter.keyId ?? ''}`;
    if (!entitled.has(who)) {
      if (inviter.kind === 'user') {
        const member = inviter.userId === null ? undefined : members.get(inviter.userId);
        entitled.set(who, inviterMayStillGrant(member ? { permissions: expandPermissions(member.permissions), isOwner: member.isOwner } : null));
      } else {
        entitled.set(who, await inviterStillEntitled(db, inviter, now));
      }
    }
    if (!entitled.get(who)) lapsed.add(invitationId);
  }
  return lapsed;
}
