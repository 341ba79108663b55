// The Users tab's bulk actions: what each does to one selected row (apply it, skip it and why, or refuse
// it with a code of the error table). The refusals are the single-row actions' own (member-rules.ts), so a
// bulk delete refuses the owner exactly as "Delete user" does. Pure.
import { deactivateRefusal, deleteRefusal, leaveGroupRefusal, type MemberRuleContext } from './member-rules.js';
import { PROFILE_LABELS, type Profile } from './profiles.js';
import { byCount, plural } from './words.js';

export const BULK_ACTIONS = ['profile', 'add_group', 'remove_group', 'resend', 'revoke', 'deactivate', 'delete'] as const;
export type BulkAction = (typeof BULK_ACTIONS)[number];

export const BULK_ACTION_LABELS: Record<BulkAction, string> = {
  profile: 'Change profile',
  add_group: 'Add to a group',
  remove_group: 'Remove from a group',
  resend: 'Resend invitations',
  revoke: 'Revoke invitations',
  deactivate: 'Deactivate',
  delete: 'Delete',
};

/** The actions that need a profile or a group to be chosen. */
export const needsProfile = (a: BulkAction) => a === 'profile';
export const needsGroup = (a: BulkAction) => a === 'add_group' || a === 'remove_group';

/** At most this many rows in one bulk action (a selection, or "all that match"). */
export const BULK_MAX = 10_000;

/** A selected row as the plan reads it; `gone` when it left the list (deleted, accepted, revoked). */
export type BulkItem =
  | { kind: 'user'; id: number; profile: Profile; deactivated: boolean; inGroup: boolean }
  | { kind: 'invitation'; id: number; profile: Profile; expired: boolean; inGroup: boolean }
  | { kind: 'gone'; id: number };

export type BulkTarget = { profile: Profile } | { group: { id: number; name: string } } | null;

export type SkipReason =
  | 'already_profile'
  | 'already_in_group'
  | 'not_in_group'
  | 'not_invitation'
  | 'invitation_not_member'
  | 'already_deactivated'
  | 'gone';

export type ItemRefusal = 'own_account' | 'owner_stays_admin' | 'own_account_active' | 'owner_stays_active';

export type ItemOutcome = { outcome: 'apply' } | { outcome: 'skip'; reason: SkipReason } | { outcome: 'refuse'; code: ItemRefusal };

const apply: ItemOutcome = { outcome: 'apply' };
const skip = (reason: SkipReason): ItemOutcome => ({ outcome: 'skip', reason });
const refuseOr = (code: ItemRefusal | null): ItemOutcome => (code ? { outcome: 'refuse', code } : apply);

/** What the action does to one row. The target is the chosen profile or group (checked present by the caller). */
export function planItem(action: BulkAction, item: BulkItem, target: BulkTarget, who: MemberRuleContext): ItemOutcome {
  if (item.kind === 'gone') return skip('gone');
  switch (action) {
    case 'profile':
      return target && 'profile' in target && item.profile === target.profile ? skip('already_profile') : apply;
    case 'add_group':
      return item.inGroup ? skip('already_in_group') : apply;
    case 'remove_group':
      if (!item.inGroup) return skip('not_in_group');
      return item.kind === 'user' && target && 'group' in target ? refuseOr(leaveGroupRefusal(item.id, target.group, who.ownerId)) : apply;
    case 'resend':
    case 'revoke':
      return item.kind === 'user' ? skip('not_invitation') : apply;
    case 'deactivate':
      if (item.kind === 'invitation') return skip('invitation_not_member');
      // Refusals first, as "Deactivate user" answers them before seeing the member is already deactivated.
      if (deactivateRefusal(item.id, who)) return refuseOr(deactivateRefusal(item.id, who));
      return item.deactivated ? skip('already_deactivated') : apply;
    case 'delete':
      return item.kind === 'invitation' ? skip('invitation_not_member') : refuseOr(deleteRefusal(item.id, who));
  }
}

/**
 * How a skip reads after its count: "3 skipped: already explorers". The target names the profile or group.
 */
export function skipWords(reason: SkipReason, n: number, target: BulkTarget): string {
  const group = target && 'group' in target ? target.group.name : 'the group';
  switch (reason) {
    case 'already_profile':
      return target && 'profile' in target ? `already ${byCount(n, PROFILE_LABELS[target.profile].toLowerCase())}` : 'already of that profile';
    case 'already_in_group':
      return `already in ${group}`;
    case 'not_in_group':
      return `not in ${group}`;
    case 'not_invitation':
      return n === 1 ? 'a member, not an invitation' : 'members, not invitations';
    case 'invitation_not_member':
      return n === 1 ? 'an invitation (revoke it instead)' : 'invitations (revoke them instead)';
    case 'already_deactivated':
      return 'already deactivated';
    case 'gone':
      return 'no longer in the list';
  }
}

/** What applying does, in counts: "12 members to Explorer", "1 member and 2 invitations added to analysts". */
export function appliedWords(action: BulkAction, users: number, invitations: number, target: BulkTarget): string {
  const who = [users ? plural(users, 'member') : null, invitations ? plural(invitations, 'invitation') : null].filter(Boolean).join(' and ') || 'nothing';
  const group = target && 'group' in target ? target.group.name : 'the group';
  switch (action) {
    case 'profile':
      return `${who} to ${target && 'profile' in target ? PROFILE_LABELS[target.profile] : 'the profile'}`;
    case 'add_group':
      return `${who} added to ${group}`;
    case 'remove_group':
      return `${who} removed from ${group}`;
    case 'resend':
      return `${who} sent again`;
    case 'revoke':
      return `${who} revoked`;
    case 'deactivate':
      return `${who} deactivated`;
    case 'delete':
      return `${who} deleted`;
  }
}
