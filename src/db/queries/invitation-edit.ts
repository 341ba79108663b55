// Changing a pending invitation's profile and groups. Its public id and secret are never touched, so the
// link already emailed keeps working.
import type { Profile } from '../../domain/profiles.js';
import type { Executor } from '../connect.js';
import { setGroupsOfInvitations } from './invitations.js';

export async function updateInvitationProfile(db: Executor, id: number, profile: Profile): Promise<void> {
  await db.updateTable('invitations').set({ profile }).where('id', '=', id).where('status', '=', 'pending').execute();
}

export async function replaceInvitationGroups(db: Executor, id: number, groupIds: number[]): Promise<void> {
  await db.deleteFrom('invitation_groups').where('invitation_id', '=', id).execute();
  await setGroupsOfInvitations(db, [id], groupIds);
}
