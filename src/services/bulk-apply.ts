// The Users tab's bulk actions, part two: applying. ONE transaction, under the space lock: the plan is
// computed again from the rows as they are now ("all that match" is resolved here, not taken from a page),
// the seats are checked for the batch as a whole, and then every change is written a chunk at a time with
// its own audit event (inserted in bulk). Seats too few, or a plan that no longer matches what was
// confirmed, and nothing at all is written. Rows refused by a rule (the owner, yourself) are left as they are.
import { lockSpace } from '../db/lock.js';
import type { Trx } from '../db/connect.js';
import { insertAuditEvents, type AuditEventInput } from '../db/queries/audit.js';
import {
  addInvitationsToGroup,
  addMembersToGroup,
  deactivateMembers,
  deleteMembers,
  endSessionsOf,
  groupNames,
  membersInGroup,
  removeInvitationsFromGroup,
  removeMembersFromGroup,
  revokeInvitations,
  sessionCountsOf,
  setInviterOfInvitations,
  setProfileOfInvitations,
  setProfileOfMembers,
} from '../db/queries/bulk-users.js';
import { activeExtensionGroupIds } from '../db/queries/extensions.js';
import { can } from '../domain/permissions.js';
import { actorAsInviter, actorName, type Actor } from './actor.js';
import { auditEvent, byActor, groupTarget, invitationTarget, userTarget } from './audit.js';
import { computeBulkPlan, planCounts, type BulkInput, type BulkPlan, type BulkWork, type PlanRefusal } from './bulk-plan.js';
import type { ServiceDeps } from './deps.js';
import type { Failure } from './errors.js';
import { queueInvitationEmails } from './invitation-email.js';

export interface ApplyBulkInput extends BulkInput {
  /** The counts the person confirmed; when the plan now differs, nothing is written (bulk_plan_changed). */
  expect?: { applied: number; refused: number };
}

export type ApplyBulkResult =
  | { ok: true; plan: BulkPlan }
  | PlanRefusal
  | (Failure<'bulk_target_missing' | 'not_enough_seats' | 'bulk_plan_changed'> & { plan: BulkPlan });

export async function applyBulk(deps: ServiceDeps, actor: Actor, input: ApplyBulkInput): Promise<ApplyBulkResult> {
  if (!can(actor, 'space_admin')) return { ok: false, code: 'forbidden' };
  const result = await deps.db.transaction().execute(async (trx): Promise<ApplyBulkResult> => {
    await lockSpace(trx);
    const planned = await computeBulkPlan(trx, deps, actor, input);
    if (!planned.ok) return planned;
    const { plan, work } = planned;
    if (plan.needsTarget) return { ok: false, code: 'bulk_target_missing', plan };
    if (plan.seats) return { ok: false, ...plan.seats, plan };
    const counts = planCounts(plan);
    if (input.expect && (input.expect.applied !== counts.applied || input.expect.refused !== counts.refused)) {
      return { ok: false, code: 'bulk_plan_changed', plan };
    }
    await writeBulk(trx, deps, actor, plan, work);
    return { ok: true, plan };
  });
  if (result.ok && result.plan.action === 'resend' && result.plan.applied.invitations > 0) deps.notifyOutbox();
  return result;
}

/** Each action's writes: set-based, and one audit event per row changed, shaped as the single action's. */
async function writeBulk(trx: Trx, deps: ServiceDeps, actor: Actor, plan: BulkPlan, work: BulkWork): Promise<void> {
  const now = deps.now();
  const by = byActor(actor);
  const userIds = work.users.map((u) => u.id);
  const invitationIds = work.invitations.map((i) => i.id);
  const events: AuditEventInput[] = [];
  const target = plan.target;
  switch (plan.action) {
    case 'profile': {
      if (!target || !('profile' in target)) return;
      const profile = target.profile;
      await setProfileOfMembers(trx, userIds, profile);
      await setProfileOfInvitations(trx, invitationIds, profile);
      // While an extension is active every designer is in its group, as Edit User keeps it.
      const joined = new Map<number, string[]>();
      if (profile === 'designer' && userIds.length) {
        const extensionGroups = await activeExtensionGroupIds(trx);
        const names = await groupNames(trx, extensionGroups);
        for (const groupId of extensionGroups) {
          const already = await membersInGroup(trx, groupId, userIds);
          const joining = userIds.filter((id) => !already.has(id));
          await addMembersToGroup(trx, groupId, joining, now);
          for (const id of joining) joined.set(id, [...(joined.get(id) ?? []), names.get(groupId) ?? String(groupId)]);
        }
      }
      for (const u of work.users) {
        const j = joined.get(u.id);
        events.push(auditEvent(now, by, 'user.updated', userTarget(u), { profile: `${u.profile} → ${profile}`, ...(j ? { joined: j } : {}), bulk: true }));
      }
      for (const i of work.invitations) events.push(auditEvent(now, by, 'invitation.updated', invitationTarget(i), { profile: `${i.profile} → ${profile}`, bulk: true }));
      break;
    }
    case 'add_group':
    case 'remove_group': {
      if (!target || !('group' in target)) return;
      const group = target.group;
      const adding = plan.action === 'add_group';
      if (adding) {
        await addMembersToGroup(trx, group.id, userIds, now);
        await addInvitationsToGroup(trx, group.id, invitationIds);
      } else {
        await removeMembersFromGroup(trx, group.id, userIds);
        await removeInvitationsFromGroup(trx, group.id, invitationIds);
      }
      // As the Members page and Edit invitation record them.
      for (const u of work.users) events.push(auditEvent(now, by, adding ? 'group.member_added' : 'group.member_removed', groupTarget(group), { user: u.email, bulk: true }));
      for (const i of work.invitations) events.push(auditEvent(now, by, 'invitation.updated', invitationTarget(i), { [adding ? 'added' : 'removed']: [group.name], bulk: true }));
      break;
    }
    case 'resend': {
      // The admin who sends them again stands behind them from now on, and each link works another INVITE_TTL.
      const inviter = actorAsInviter(actor);
      await setInviterOfInvitations(trx, invitationIds, { kind: inviter.kind, id: inviter.userId, keyId: inviter.keyId, label: inviter.name });
      const expiresAt = now + deps.config.inviteTtlMs;
      await queueInvitationEmails(trx, work.invitations.map((i) => ({ ...i, expiresAt })), actorName(actor), now);
      for (const i of work.invitations) events.push(auditEvent(now, by, 'invitation.resent', invitationTarget(i), { wasExpired: i.expiresAt <= now, bulk: true }));
      break;
    }
    case 'revoke':
      await revokeInvitations(trx, invitationIds, now);
      for (const i of work.invitations) events.push(auditEvent(now, by, 'invitation.revoked', invitationTarget(i), { bulk: true }));
      break;
    case 'deactivate':
    case 'delete': {
      const sessions = await sessionCountsOf(trx, userIds);
      await endSessionsOf(trx, userIds);
      if (plan.action === 'deactivate') await deactivateMembers(trx, userIds, now);
      else await deleteMembers(trx, userIds);
      const action = plan.action === 'deactivate' ? 'user.deactivated' : 'user.deleted';
      for (const u of work.users) events.push(auditEvent(now, by, action, userTarget(u), { profile: u.profile, endedSessions: sessions.get(u.id) ?? 0, bulk: true }));
      break;
    }
  }
  await insertAuditEvents(trx, events);
}
