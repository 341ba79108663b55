// The Users tab's bulk actions, part one: the plan. For a selection (ids, or "all that match the filters",
// resolved now) and an action, what would happen in counts: rows applied, skipped (and why), refused (with
// the error table's code), and the seats the batch as a whole needs. The confirmation step shows it, and
// applyBulk (bulk-apply.ts) computes it again inside its transaction before writing anything.
import type { Executor } from '../db/connect.js';
import {
  invitationsInGroup,
  matchingIds,
  membersByIds,
  membersInGroup,
  pendingInvitationsByIds,
  type BulkInvitationRow,
  type BulkMemberRow,
} from '../db/queries/bulk-users.js';
import { findGroupRef } from '../db/queries/groups.js';
import { findSpace } from '../db/queries/space.js';
import type { UserExportFilter } from '../db/queries/user-export.js';
import {
  appliedWords,
  BULK_MAX,
  needsGroup,
  needsProfile,
  planItem,
  skipWords,
  type BulkAction,
  type BulkItem,
  type BulkTarget,
  type ItemRefusal,
  type SkipReason,
} from '../domain/bulk.js';
import { can } from '../domain/permissions.js';
import { checkSeats, PROFILES, type Profile } from '../domain/profiles.js';
import { plural } from '../domain/words.js';
import { actorUserId, type Actor } from './actor.js';
import type { ServiceDeps } from './deps.js';
import { refusedItemWords, type Failure, type RefusalOf } from './errors.js';
import { seatUsage } from './seats.js';

export type { BulkAction, BulkTarget } from '../domain/bulk.js';
export type { UserExportFilter as BulkFilter } from '../db/queries/user-export.js';

/** The rows chosen: by id (ticked boxes, or the rows of a page), or every row the filters keep at that moment. */
export type BulkSelection = { kind: 'ids'; users: number[]; invitations: number[] } | { kind: 'matching'; filter: UserExportFilter };

export interface BulkInput {
  action: BulkAction;
  selection: BulkSelection;
  /** The profile of "Change profile". */
  profile?: Profile;
  /** The group of "Add to a group" and "Remove from a group". */
  groupId?: number;
}

export interface BulkPlan {
  action: BulkAction;
  target: BulkTarget;
  /** The action needs a profile or a group that was not chosen yet: the counts wait for it. */
  needsTarget: boolean;
  /** Rows in the selection, as resolved now. */
  selected: number;
  applied: { users: number; invitations: number };
  skipped: Array<{ reason: SkipReason; count: number; words: string }>;
  refused: Array<{ code: ItemRefusal; count: number; words: string }>;
  /** Seats too few for the batch as a whole (the invite form's refusal); null when they suffice. */
  seats: RefusalOf<'not_enough_seats'> | null;
  /** "12 members to Explorer, 3 skipped: already explorers, 1 refused: the space owner". */
  summary: string;
}

/** What the writes need: the rows to change, as read in the same transaction as the plan. */
export interface BulkWork {
  users: BulkMemberRow[];
  invitations: BulkInvitationRow[];
}

export type PlanRefusal = Failure<'forbidden' | 'bulk_empty' | 'bulk_too_many' | 'unknown_group'>;

const count = <K extends string>(map: Map<K, number>, key: K) => map.set(key, (map.get(key) ?? 0) + 1);

/** The plan, read through `db` (the application's handle, or the apply's transaction). */
export async function computeBulkPlan(
  db: Executor,
  deps: Pick<ServiceDeps, 'config' | 'now'>,
  actor: Actor,
  input: BulkInput,
): Promise<({ ok: true; plan: BulkPlan; work: BulkWork }) | PlanRefusal> {
  const now = deps.now();
  const ids =
    input.selection.kind === 'ids'
      ? { users: [...new Set(input.selection.users)], invitations: [...new Set(input.selection.invitations)] }
      : await matchingIds(db, input.selection.filter, now, BULK_MAX + 1);
  const selected = ids.users.length + ids.invitations.length;
  if (selected === 0) return { ok: false, code: 'bulk_empty' };
  if (selected > BULK_MAX) return { ok: false, code: 'bulk_too_many', count: selected, max: BULK_MAX };

  let target: BulkTarget = null;
  if (needsProfile(input.action) && input.profile) target = { profile: input.profile };
  if (needsGroup(input.action) && input.groupId !== undefined) {
    const group = await findGroupRef(db, input.groupId);
    if (!group) return { ok: false, code: 'unknown_group' };
    target = { group };
  }
  const needsTarget = (needsProfile(input.action) || needsGroup(input.action)) && target === null;

  const [members, invitations, space] = await Promise.all([membersByIds(db, ids.users), pendingInvitationsByIds(db, ids.invitations), findSpace(db)]);
  const groupId = target && 'group' in target ? target.group.id : null;
  const [inGroup, invitedToGroup] =
    groupId === null
      ? [new Set<number>(), new Set<number>()]
      : await Promise.all([membersInGroup(db, groupId, members.map((m) => m.id)), invitationsInGroup(db, groupId, invitations.map((i) => i.id))]);

  const who = { ownerId: space?.ownerId ?? null, actorUserId: actorUserId(actor) };
  const work: BulkWork = { users: [], invitations: [] };
  const skipped = new Map<SkipReason, number>();
  const refused = new Map<ItemRefusal, number>();
  const tally = (item: BulkItem, onApply: () => void) => {
    const outcome = planItem(input.action, item, target, who);
    if (outcome.outcome === 'apply') onApply();
    else if (outcome.outcome === 'skip') count(skipped, outcome.reason);
    else count(refused, outcome.code);
  };
  const memberById = new Map(members.map((m) => [m.id, m]));
  for (const id of ids.users) {
    const m = memberById.get(id);
    tally(m ? { kind: 'user', id, profile: m.profile, deactivated: m.deactivatedAt !== null, inGroup: inGroup.has(id) } : { kind: 'gone', id }, () => work.users.push(m!));
  }
  const invitationById = new Map(invitations.map((i) => [i.id, i]));
  for (const id of ids.invitations) {
    const i = invitationById.get(id);
    tally(i ? { kind: 'invitation', id, profile: i.profile, expired: i.expiresAt <= now, inGroup: invitedToGroup.has(id) } : { kind: 'gone', id }, () => work.invitations.push(i!));
  }
  if (needsTarget) work.users = work.invitations = [];

  const seats = needsTarget ? null : await seatsForBatch(db, deps, input.action, target, work, now);
  const plan: BulkPlan = {
    action: input.action,
    target,
    needsTarget,
    selected,
    applied: { users: work.users.length, invitations: work.invitations.length },
    skipped: [...skipped].map(([reason, n]) => ({ reason, count: n, words: skipWords(reason, n, target) })),
    refused: [...refused].map(([code, n]) => ({ code, count: n, words: refusedItemWords(code) })),
    seats,
    summary: '',
  };
  plan.summary = bulkSummary(plan);
  return { ok: true, plan, work };
}

/**
 * check_seats, for the batch as a whole: a profile change needs a seat of the new profile for each active
 * member and each live invitation moved (deactivated members and expired invitations hold none); sending
 * expired invitations again needs their seats back. The first profile short of seats refuses it all.
 */
async function seatsForBatch(
  db: Executor,
  deps: Pick<ServiceDeps, 'config'>,
  action: BulkAction,
  target: BulkTarget,
  work: BulkWork,
  now: number,
): Promise<RefusalOf<'not_enough_seats'> | null> {
  const needed = new Map<Profile, number>();
  if (action === 'profile' && target && 'profile' in target) {
    const n = work.users.filter((u) => u.deactivatedAt === null).length + work.invitations.filter((i) => i.expiresAt > now).length;
    if (n) needed.set(target.profile, n);
  }
  if (action === 'resend') for (const i of work.invitations) if (i.expiresAt <= now) count(needed, i.profile);
  if (needed.size === 0) return null;
  const usage = await seatUsage(db, deps.config.seats, now);
  for (const profile of PROFILES) {
    const n = needed.get(profile);
    if (!n) continue;
    const check = checkSeats(usage[profile], n);
    if (!check.ok) return { code: 'not_enough_seats', profile, needed: check.needed, free: check.free };
  }
  return null;
}

/** The counts in one line, as the confirmation step and the result notice say them. */
export function bulkSummary(plan: Omit<BulkPlan, 'summary'>): string {
  if (plan.needsTarget) return `${plural(plan.selected, 'row')} selected`;
  const parts = [appliedWords(plan.action, plan.applied.users, plan.applied.invitations, plan.target)];
  const list = (items: Array<{ count: number; words: string }>, label: string) => {
    const n = items.reduce((s, x) => s + x.count, 0);
    if (!n) return;
    parts.push(items.length === 1 ? `${n} ${label}: ${items[0]!.words}` : `${n} ${label}: ${items.map((x) => `${x.count} ${x.words}`).join(', ')}`);
  };
  list(plan.skipped, 'skipped');
  list(plan.refused, 'refused');
  return parts.join(', ');
}

/** The confirmation step's read model: what applying would do now. Writes nothing. */
export async function planBulk(deps: ServiceDeps, actor: Actor, input: BulkInput): Promise<({ ok: true; plan: BulkPlan }) | PlanRefusal> {
  if (!can(actor, 'space_admin')) return { ok: false, code: 'forbidden' };
  const r = await computeBulkPlan(deps.db, deps, actor, input);
  return r.ok ? { ok: true, plan: r.plan } : r;
}

/** How many rows applying changes, and how many it refuses: what a confirmation holds the apply to. */
export function planCounts(plan: BulkPlan): { applied: number; refused: number } {
  return { applied: plan.applied.users + plan.applied.invitations, refused: plan.refused.reduce((s, r) => s + r.count, 0) };
}
