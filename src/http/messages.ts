import type { GroupResult } from '../services/groups.js';
// Error codes become words for people in one place, with exhaustive switches.
import type { InviteError } from '../services/invite-users.js';
import type { EditUserResult } from '../services/edit-user.js';
import type { DeleteUserResult } from '../services/delete-user.js';
import type { TransferResult } from '../services/transfer-ownership.js';
import type { ResendResult, RevokeResult } from '../services/invitation-actions.js';
import type { InvitationProblem } from '../services/accept-invitation.js';

type Failure<T> = Extract<T, { ok: false }>;

function seats(e: { needed: number; free: number; profile: string }): string {
  const needed = `${e.needed} ${e.profile} seat${e.needed === 1 ? '' : 's'} needed`;
  return `${needed}, ${e.free} free. Free seats by removing users or revoking invitations, or raise SEATS.`;
}

export function inviteErrorMessage(e: InviteError): string {
  switch (e.code) {
    case 'forbidden':
      return 'Only space administrators can invite users.';
    case 'empty':
      return 'Enter at least one email address.';
    case 'malformed':
      return `${e.malformed.length === 1 ? 'This is not an email address' : 'These are not email addresses'}: ${e.malformed.join(', ')}. Nothing was sent; correct the list and try again.`;
    case 'too_many':
      return `${e.count} addresses at once is too many: at most ${e.max} per invitation. Nothing was sent.`;
    case 'name_too_long':
      return `A name may have at most ${e.max} characters; shorten the one given with ${e.emails.join(', ')}. Nothing was sent.`;
    case 'unknown_group':
      return 'One of the chosen groups no longer exists. Reload the page and choose again.';
    case 'not_enough_seats':
      return `${seats(e)} Nothing was sent.`;
  }
}

export function editUserErrorMessage(e: Failure<EditUserResult>): string {
  switch (e.code) {
    case 'forbidden':
      return 'Only space administrators can edit users.';
    case 'not_found':
      return 'This user no longer exists.';
    case 'unknown_group':
      return 'One of the chosen groups no longer exists. Reload the page and choose again.';
    case 'owner_must_stay_admin':
      return 'The space owner cannot be removed from space_administrators. Transfer the ownership first.';
    case 'not_enough_seats':
      return seats(e);
  }
}

export function deleteUserErrorMessage(e: Failure<DeleteUserResult>): string {
  switch (e.code) {
    case 'forbidden':
      return 'Only space administrators can delete users.';
    case 'not_found':
      return 'This user no longer exists.';
    case 'owner':
      return 'The space owner cannot be deleted. Transfer the ownership first.';
    case 'self':
      return 'You cannot delete your own account here. Ask another space administrator.';
  }
}

export function transferErrorMessage(e: Failure<TransferResult>): string {
  switch (e.code) {
    case 'not_owner':
      return 'Only the space owner can transfer the ownership.';
    case 'not_found':
      return 'This user no longer exists.';
    case 'self':
      return 'You already own the space.';
    case 'wrong_password':
      return 'This is not your password.';
  }
}

export function invitationErrorMessage(e: Failure<ResendResult> | Failure<RevokeResult>): string {
  switch (e.code) {
    case 'forbidden':
      return 'Only space administrators can manage invitations.';
    case 'not_found':
      return 'This invitation no longer exists.';
    case 'not_pending':
      return 'This invitation was already accepted or revoked.';
    case 'not_enough_seats':
      return seats(e);
  }
}

export function invitationProblemMessage(code: InvitationProblem | 'no_seat', invitedBy?: string): { title: string; message: string } {
  const ask = invitedBy ? `Ask ${invitedBy} or another space administrator` : 'Ask a space administrator';
  switch (code) {
    case 'invalid':
      return { title: 'This invitation link is not valid', message: `Check that you copied the whole link. ${ask} to send it again.` };
    case 'expired':
      return { title: 'This invitation has expired', message: `${ask} to send you a new one.` };
    case 'revoked':
      return { title: 'This invitation was withdrawn', message: `${ask} if you think you should have access.` };
    case 'used':
      return { title: 'This invitation has already been used', message: `If it was you, sign in instead. Otherwise, ${ask.toLowerCase()} for help.` };
    case 'unavailable':
      return { title: 'This invitation can no longer be used', message: `${ask} for help.` };
    case 'no_seat':
      return {
        title: 'No seat is free right now',
        message: `Your invitation is still valid, but every seat of its profile is taken. ${ask} to free one, then open this link again.`,
      };
  }
}

export function groupErrorMessage(e: Extract<GroupResult, { ok: false }>): string {
  switch (e.code) {
    case 'forbidden':
      return 'Only space administrators can manage groups.';
    case 'not_found':
      return 'This group no longer exists.';
    case 'invalid_name':
    case 'invalid_description':
      return e.message;
    case 'name_taken':
      return 'Another group already has this name (names are compared without case).';
    case 'protected_name':
      return 'This group was created with the space or by an extension: its name cannot change.';
    case 'admins_keep_space_admin':
      return 'space_administrators always holds Space Admin.';
    case 'protected_group':
      return 'space_administrators comes with the space and cannot be deleted.';
    case 'extension_active':
      return 'This group belongs to an active extension. Deactivate the extension first.';
    case 'owner_stays_admin':
      return 'The space owner cannot be removed from space_administrators. Transfer the ownership first.';
    case 'user_not_found':
      return 'This user no longer exists.';
    case 'unknown_permission':
      return 'One of the chosen permissions does not exist. Reload the page and choose again.';
  }
}
