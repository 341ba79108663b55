// The named checks on one member that several use cases share: deleting, deactivating and taking someone
// out of a group. The single-row actions (delete-user, deactivation, group-members, edit-user) and the
// Users tab's bulk actions ask these same functions, so the owner and "yourself" read alike everywhere. Pure.
import { isSpaceAdministrators } from './space.js';

/** Who is who in the space: its owner, and the member behind the actor (null for an API key). */
export interface MemberRuleContext {
  ownerId: number | null;
  actorUserId: number | null;
}

/** check_not_self, check_owner_stays_admin: nobody deletes themselves here, and the owner is never deleted. */
export function deleteRefusal(userId: number, who: MemberRuleContext): 'own_account' | 'owner_stays_admin' | null {
  if (userId === who.actorUserId) return 'own_account';
  if (userId === who.ownerId) return 'owner_stays_admin';
  return null;
}

/** check_not_self, check_owner_stays_active: the space always has someone who can sign in and administer it. */
export function deactivateRefusal(userId: number, who: MemberRuleContext): 'own_account_active' | 'owner_stays_active' | null {
  if (userId === who.actorUserId) return 'own_account_active';
  if (userId === who.ownerId) return 'owner_stays_active';
  return null;
}

/** check_owner_stays_admin: the owner cannot leave space_administrators. */
export function leaveGroupRefusal(userId: number, group: { name: string }, ownerId: number | null): 'owner_stays_admin' | null {
  return userId === ownerId && isSpaceAdministrators(group) ? 'owner_stays_admin' : null;
}
