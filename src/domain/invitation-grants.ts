// Who may still stand behind an invitation. Pure.
//
// An invitation acts later, on its inviter's behalf: when it is accepted it gives a seat of its profile and
// membership of its groups, some of which carry Launchpad or instance permissions (space_administrators
// carries Space Admin). Today only a space admin gives either (Invite a User, Edit User; a space admin also
// edits every group's permissions), so an invitation stands only while its inviter is still a space admin.
// Should a narrower right ever give profiles or groups, this is the one place to say so.
import { can, type Permission, type Principal } from './permissions.js';

/** What it takes to give an invitation's profile and groups. */
export const GRANTING_INVITATIONS: Permission = 'space_admin';

/** Whether the inviter, as they are now (null: deleted), may still give what their invitation gives. */
export function inviterMayStillGrant(inviter: Principal | null): boolean {
  return can(inviter, GRANTING_INVITATIONS);
}
