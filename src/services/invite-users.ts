// "Invite a User": several addresses at once, one profile, any groups. One transaction: either every new
// invitation is written (with its groups, audit event and email) or nothing is.
import { randomId } from '../auth/tokens.js';
import { insertAuditEvents } from '../db/queries/audit.js';
import { existingGroupIds } from '../db/queries/groups.js';
import { insertInvitations, pendingInvitationsFor, setGroupsOfInvitations } from '../db/queries/invitations.js';
import { existingUserKeys } from '../db/queries/users.js';
import { parseInviteList, MAX_INVITES_PER_SUBMISSION } from '../domain/invite-list.js';
import { can } from '../domain/permissions.js';
import { checkSeats, type Profile } from '../domain/profiles.js';
import type { ServiceDeps } from './deps.js';
import { queueInvitationEmails } from './invitation-email.js';
import type { CurrentUser } from './principal.js';
import { seatUsage } from './seats.js';
import { lockSpace } from '../db/lock.js';

export type InviteOutcome =
  | { email: string; result: 'invited'; invitationId: number }
  | { email: string; result: 'already_member' }
  | { email: string; result: 'already_invited'; invitationId: number };

export type InviteError =
  | { code: 'forbidden' }
  | { code: 'empty' }
  | { code: 'malformed'; malformed: string[] }
  | { code: 'too_many'; count: number; max: number }
  | { code: 'unknown_group' }
  | { code: 'not_enough_seats'; profile: Profile; needed: number; free: number };

export type InviteResult = { ok: true; outcomes: InviteOutcome[]; duplicates: string[] } | ({ ok: false } & InviteError);

export interface InviteInput {
  emails: string;
  profile: Profile;
  groupIds: number[];
}

export async function inviteUsers(deps: ServiceDeps, actor: CurrentUser, input: InviteInput): Promise<InviteResult> {
  if (!can(actor, 'space_admin')) return { ok: false, code: 'forbidden' };
  const parsed = parseInviteList(input.emails);
  if (parsed.malformed.length) return { ok: false, code: 'malformed', malformed: parsed.malformed };
  if (parsed.entries.length === 0) return { ok: false, code: 'empty' };
  if (parsed.entries.length > MAX_INVITES_PER_SUBMISSION) {
    return { ok: false, code: 'too_many', count: parsed.entries.length, max: MAX_INVITES_PER_SUBMISSION };
  }
  const groupIds = [...new Set(input.groupIds)];

  const result = await deps.db.transaction().execute(async (trx): Promise<InviteResult> => {
    await lockSpace(trx);
    const now = deps.now();
    if ((await existingGroupIds(trx, groupIds)).length !== groupIds.length) return { ok: false, code: 'unknown_group' };

    const keys = parsed.entries.map((e) => e.key);
    const members = await existingUserKeys(trx, keys);
    const pending = await pendingInvitationsFor(trx, keys);
    const fresh = parsed.entries.filter((e) => !members.has(e.key) && !pending.has(e.key));

    const usage = (await seatUsage(trx, deps.config.seats, now))[input.profile];
    const seats = checkSeats(usage, fresh.length);
    if (!seats.ok) return { ok: false, code: 'not_enough_seats', profile: input.profile, needed: seats.needed, free: seats.free };

    // Written in a few multi-row statements, not six per address: 1,000 addresses in one submission.
    const expiresAt = now + deps.config.inviteTtlMs;
    const rows = fresh.map((entry) => {
      const publicId = randomId(26);
      return {
        publicId,
        secretHash: deps.links.hash('invitation', publicId),
        email: entry.email,
        emailKey: entry.key,
        displayName: entry.name ? entry.name.slice(0, 100) : null,
        profile: input.profile,
        invitedBy: actor.id,
        invitedByLabel: actor.displayName,
        createdAt: now,
        expiresAt,
      };
    });
    const ids = await insertInvitations(trx, rows);
    await setGroupsOfInvitations(trx, ids, groupIds);
    await queueInvitationEmails(
      trx,
      rows.map((r, n) => ({ id: ids[n]!, publicId: r.publicId, email: r.email, profile: r.profile, expiresAt })),
      actor.displayName,
      now,
    );
    await insertAuditEvents(
      trx,
      rows.map((r, n) => ({
        at: now,
        actorId: actor.id,
        actorLabel: actor.email,
        action: 'invitation.created',
        targetType: 'invitation',
        targetId: ids[n]!,
        targetLabel: r.email,
        details: { profile: input.profile, groups: groupIds.length },
      })),
    );
    const invited = new Map(fresh.map((entry, n) => [entry.key, ids[n]!]));

    const outcomes = parsed.entries.map((e): InviteOutcome => {
      if (members.has(e.key)) return { email: e.email, result: 'already_member' };
      const pendingId = pending.get(e.key);
      if (pendingId !== undefined) return { email: e.email, result: 'already_invited', invitationId: pendingId };
      return { email: e.email, result: 'invited', invitationId: invited.get(e.key)! };
    });
    return { ok: true, outcomes, duplicates: parsed.duplicates };
  });
  if (result.ok && result.outcomes.some((o) => o.result === 'invited')) deps.notifyOutbox();
  return result;
}
