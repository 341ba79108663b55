// "Edit invitation": a pending invitation's profile and groups, from its "…" menu. One transaction
// (BEGIN IMMEDIATE, so the seat check holds until commit); the emailed link stays the same.
import { lockSpace } from '../db/lock.js';
import { existingGroupIds, groupsOfInvitations, listGroupRefs, type GroupRef } from '../db/queries/groups.js';
import { replaceInvitationGroups, updateInvitationProfile } from '../db/queries/invitation-edit.js';
import { findInvitation, type Invitation } from '../db/queries/invitations.js';
import { can } from '../domain/permissions.js';
import { checkSeats, type Profile } from '../domain/profiles.js';
import type { Actor } from './actor.js';
import { byActor, invitationTarget, recordAudit } from './audit.js';
import type { ServiceDeps } from './deps.js';
import type { Failure } from './errors.js';
import { seatUsage } from './seats.js';

export interface EditInvitationModel {
  invitation: Pick<Invitation, 'id' | 'email' | 'displayName' | 'profile' | 'expiresAt'>;
  groupIds: number[];
  groups: GroupRef[];
}

/** not_found also for an accepted or revoked invitation: it has left the list. */
export async function editInvitationModel(deps: ServiceDeps, actor: Actor, id: number): Promise<({ ok: true } & EditInvitationModel) | Failure<'forbidden' | 'not_found'>> {
  if (!can(actor, 'space_admin')) return { ok: false, code: 'forbidden' };
  const invitation = await findInvitation(deps.db, id);
  if (!invitation || invitation.status !== 'pending') return { ok: false, code: 'not_found' };
  const [groups, current] = await Promise.all([listGroupRefs(deps.db), groupsOfInvitations(deps.db, [id])]);
  return { ok: true, invitation, groups, groupIds: (current.get(id) ?? []).map((g) => g.id) };
}

export interface EditInvitationInput {
  profile: Profile;
  groupIds: number[];
}

export async function editInvitation(
  deps: ServiceDeps,
  actor: Actor,
  id: number,
  input: EditInvitationInput,
): Promise<{ ok: true; changed: boolean } | Failure<'forbidden' | 'not_found' | 'not_pending' | 'unknown_group' | 'not_enough_seats'>> {
  if (!can(actor, 'space_admin')) return { ok: false, code: 'forbidden' };
  const groupIds = [...new Set(input.groupIds)];
  return deps.db.transaction().execute(async (trx) => {
    await lockSpace(trx);
    const now = deps.now();
    const invitation = await findInvitation(trx, id);
    if (!invitation) return { ok: false as const, code: 'not_found' as const };
    if (invitation.status !== 'pending') return { ok: false as const, code: 'not_pending' as const };
    if ((await existingGroupIds(trx, groupIds)).length !== groupIds.length) return { ok: false as const, code: 'unknown_group' as const };

    // check_seats: a live invitation reserves a seat of its profile; moving it needs one of the new profile.
    // An expired one reserves none, and its acceptance (after a resend) checks the seat again.
    if (input.profile !== invitation.profile && invitation.expiresAt > now) {
      const seats = checkSeats((await seatUsage(trx, deps.config.seats, now))[input.profile], 1);
      if (!seats.ok) return { ok: false as const, code: 'not_enough_seats' as const, profile: input.profile, needed: 1, free: seats.free };
    }

    const before = (await groupsOfInvitations(trx, [id])).get(id) ?? [];
    const all = await listGroupRefs(trx);
    const name = (gid: number) => all.find((g) => g.id === gid)?.name ?? String(gid);
    const added = groupIds.filter((g) => !before.some((b) => b.id === g)).map(name);
    const removed = before.filter((b) => !groupIds.includes(b.id)).map((b) => b.name);
    const changes: Record<string, unknown> = {};
    if (input.profile !== invitation.profile) changes.profile = `${invitation.profile} → ${input.profile}`;
    if (added.length) changes.added = added;
    if (removed.length) changes.removed = removed;
    if (Object.keys(changes).length === 0) return { ok: true as const, changed: false };

    if (input.profile !== invitation.profile) await updateInvitationProfile(trx, id, input.profile);
    await replaceInvitationGroups(trx, id, groupIds);
    await recordAudit(trx, now, byActor(actor), 'invitation.updated', invitationTarget(invitation), changes);
    return { ok: true as const, changed: true };
  });
}
