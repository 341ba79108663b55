// While an extension is active, every designer is a member of its group: on activation, on accepting a
// designer invitation, and on a profile change to designer, each in the same transaction as the change.
import type { Executor } from '../db/connect.js';
import { activeExtensionGroupIds } from '../db/queries/extensions.js';
import { addMember } from '../db/queries/groups.js';
import type { Profile } from '../domain/profiles.js';

/** Returns the ids of the groups the user was added to. */
export async function joinExtensionGroupsIfDesigner(trx: Executor, userId: number, profile: Profile, now: number): Promise<number[]> {
  if (profile !== 'designer') return [];
  const joined: number[] = [];
  for (const groupId of await activeExtensionGroupIds(trx)) {
    if (await addMember(trx, groupId, userId, now)) joined.push(groupId);
  }
  return joined;
}
