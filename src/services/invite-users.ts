// "Invite a User": several addresses at once, one profile, any groups. One transaction: either every new
// invitation is written (with its groups, audit event and email) or nothing is.
import { existingGroupIds } from '../db/queries/groups.js';
import { pendingInvitationsFor } from '../db/queries/invitations.js';
import { existingUserKeys } from '../db/queries/users.js';
import { parseInviteItems, parseInviteList, MAX_INVITE_NAME, MAX_INVITES_PER_SUBMISSION } from '../domain/invite-list.js';
import { can } from '../domain/permissions.js';
import { checkSeats, type Profile } from '../domain/profiles.js';
import { actorAsInviter, type Actor } from './actor.js';
import { byActor } from './audit.js';
import type { ServiceDeps } from './deps.js';
import type { RefusalOf } from './errors.js';
import { writeInvitations } from './invitation-writes.js';
import { seatUsage } from './seats.js';
import { lockSpace } from '../db/lock.js';

export type InviteOutcome =
  | { email: string; result: 'invited'; invitationId: number }
  | { email: string; result: 'already_member' }
  | { email: string; result: 'already_invited'; invitationId: number };

export type InviteError = RefusalOf<'forbidden' | 'empty' | 'malformed' | 'too_many' | 'name_too_long' | 'unknown_group' | 'not_enough_seats'>;

/** An item left out of a non-atomic invitation, as typed, and why. */
export interface RejectedItem {
  input: string;
  reason: 'malformed' | 'name_too_long';
}

export type InviteResult =
  | { ok: true; outcomes: InviteOutcome[]; duplicates: string[]; rejected?: RejectedItem[] }
  | ({ ok: false } & InviteError);

export interface InviteInput {
  /** What the form's field holds, or (the API) one address per item, `Name <email>` allowed in each. */
  emails: string | readonly string[];
  profile: Profile;
  groupIds: number[];
  /**
   * true (the form, and the API's default): any malformed address or over-long name refuses the whole
   * list. false: those items are reported in `rejected` and the good ones invited.
   */
  atomic?: boolean;
}

export async function inviteUsers(deps: ServiceDeps, actor: Actor, input: InviteInput): Promise<InviteResult> {
  if (!can(actor, 'space_admin')) return { ok: false, code: 'forbidden' };
  const atomic = input.atomic ?? true;
  const all = typeof input.emails === 'string' ? parseInviteList(input.emails) : parseInviteItems(input.emails);
  if (all.malformed.length && atomic) return { ok: false, code: 'malformed', malformed: all.malformed };
  if (all.entries.length === 0 && all.malformed.length === 0) return { ok: false, code: 'empty' };
  // Refused, never truncated: a name cut at 100 characters is not the name the admin typed.
  const tooLong = (e: { name: string | null }) => e.name !== null && e.name.length > MAX_INVITE_NAME;
  const longNames = all.entries.filter(tooLong).map((e) => e.email);
  if (longNames.length && atomic) return { ok: false, code: 'name_too_long', emails: longNames, max: MAX_INVITE_NAME };
  const parsed = { ...all, entries: all.entries.filter((e) => !tooLong(e)) };
  const rejected: RejectedItem[] | undefined = atomic
    ? undefined
    : [...all.malformed.map((input): RejectedItem => ({ input, reason: 'malformed' })), ...longNames.map((input): RejectedItem => ({ input, reason: 'name_too_long' }))];
  if (all.entries.length + all.malformed.length > MAX_INVITES_PER_SUBMISSION) {
    return { ok: false, code: 'too_many', count: all.entries.length + all.malformed.length, max: MAX_INVITES_PER_SUBMISSION };
  }
  if (parsed.entries.length === 0) return { ok: true, outcomes: [], duplicates: parsed.duplicates, rejected };
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

    const inviter = { by: byActor(actor), ...actorAsInviter(actor) };
    const ids = await writeInvitations(
      trx,
      deps,
      inviter,
      fresh.map((e) => ({ email: e.email, key: e.key, name: e.name, profile: input.profile, groupIds })),
      now,
    );
    const invited = new Map(fresh.map((entry, n) => [entry.key, ids[n]!]));

    const outcomes = parsed.entries.map((e): InviteOutcome => {
      if (members.has(e.key)) return { email: e.email, result: 'already_member' };
      const pendingId = pending.get(e.key);
      if (pendingId !== undefined) return { email: e.email, result: 'already_invited', invitationId: pendingId };
      return { email: e.email, result: 'invited', invitationId: invited.get(e.key)! };
    });
    return { ok: true, outcomes, duplicates: parsed.duplicates, ...(rejected ? { rejected } : {}) };
  });
  if (result.ok && result.outcomes.some((o) => o.result === 'invited')) deps.notifyOutbox();
  return result;
}
