// The one error vocabulary of the use cases: a code per refusal (one per invariant), and ONE table that
// maps each code to its HTTP status, the form field it belongs to, and the words shown to a person.
// Plain data: the HTML pages, the JSON API (problem+json) and SCIM all read this same table.
import type { ItemRefusal } from '../domain/bulk.js';
import type { CodeEnvProblems } from '../domain/code-env.js';
import { SPACE_ADMINISTRATORS } from '../domain/space.js';
import { plural } from '../domain/words.js';
import type { Profile } from '../domain/profiles.js';
import { codeEnvProblemMessages } from './code-env-problems.js';

/** Refusals that need no detail beyond their code. */
type PlainCode =
  | 'forbidden'
  | 'not_found'
  | 'user_not_found'
  | 'unknown_group'
  | 'unknown_permission'
  | 'owner_stays_admin'
  | 'own_account'
  | 'not_owner'
  | 'already_owner'
  | 'wrong_password'
  | 'wrong_current_password'
  | 'empty'
  | 'not_pending'
  | 'name_taken'
  | 'protected_name'
  | 'admins_keep_space_admin'
  | 'protected_group'
  | 'extension_active'
  | 'already_active'
  | 'not_active'
  | 'invalid_credentials'
  | 'invalid_or_expired'
  | 'already_set_up'
  | 'unknown_user'
  | 'password_off'
  | 'import_expired'

  | 'owner_stays_active'
  | 'own_account_active'
  | 'email_taken'
  | 'external_id_taken'
  | 'bulk_empty'
  | 'bulk_target_missing'
  | 'bulk_plan_changed';

type Each<C extends string, Details = unknown> = { [K in C]: { code: K } & Details }[C];

/** Every refusal a use case can answer, with the details its words need. */
export type Refusal =
  | Each<PlainCode>
  | { code: 'not_enough_seats'; profile: Profile; needed: number; free: number }
  | { code: 'malformed'; malformed: string[] }
  | { code: 'too_many'; count: number; max: number }
  | { code: 'bulk_too_many'; count: number; max: number }
  | { code: 'invalid_name'; message: string }
  | { code: 'invalid_description'; message: string }
  | { code: 'name_too_long'; emails: string[]; max: number }
  | { code: 'invalid'; problems: CodeEnvProblems }
  | { code: 'import_blocked'; errors: number; seatsShort: Profile[] }
  | Each<InvitationLinkProblem | 'no_seat', { invitedBy?: string }>;

/** Why an invitation link cannot be used. */
export type InvitationLinkProblem = 'invalid_link' | 'expired' | 'revoked' | 'used' | 'unavailable' | 'inviter_lapsed';

export type ErrorCode = Refusal['code'];
export type RefusalOf<C extends ErrorCode> = Extract<Refusal, { code: C }>;
/** A use case's failed result: `{ ok: false }` and one refusal. */
export type Failure<C extends ErrorCode = ErrorCode> = { ok: false } & RefusalOf<C>;

export type ErrorStatus = 401 | 403 | 404 | 409 | 410 | 422;

export interface ErrorEntry<C extends ErrorCode> {
  status: ErrorStatus;
  /** The form field the words belong next to; null for the whole form or page. */
  field: string | null;
  /** A heading, for refusals shown as a page of their own (a link that no longer works). */
  title?: string;
  words: (refusal: RefusalOf<C>) => string;
  /** A bulk action's count of rows refused for this reason reads "1 refused: <item>" ("the space owner"). */
  item?: string;
}

function seats(e: { needed: number; free: number; profile: string }): string {
  const needed = `${plural(e.needed, `${e.profile} seat`)} needed`;
  return `${needed}, ${e.free} free. Free seats by removing users or revoking invitations, or raise SEATS.`;
}

/** "Ask Olivia Owner or another space administrator"; mid-sentence only the verb is lowercased, never the name. */
const ask = (invitedBy?: string, start: 'Ask' | 'ask' = 'Ask') =>
  invitedBy ? `${start} ${invitedBy} or another space administrator` : `${start} a space administrator`;

export const ERRORS: { [C in ErrorCode]: ErrorEntry<C> } = {
  forbidden: { status: 403, field: null, words: () => 'You do not have the permission this needs. Ask a space administrator.' },
  not_found: { status: 404, field: null, words: () => 'This no longer exists. Reload the page.' },
  user_not_found: { status: 409, field: null, words: () => 'This user no longer exists.' },
  unknown_group: { status: 422, field: 'groups', words: () => 'One of the chosen groups no longer exists. Reload the page and choose again.' },
  unknown_permission: { status: 422, field: 'permissions', words: () => 'One of the chosen permissions does not exist. Reload the page and choose again.' },
  owner_stays_admin: {
    status: 409,
    field: 'groups',
    words: () => `The space owner cannot be deleted or removed from ${SPACE_ADMINISTRATORS}. Transfer the ownership first.`,
    item: 'the space owner',
  },
  owner_stays_active: { status: 409, field: null, item: 'the space owner', words: () => 'The space owner cannot be deactivated. Transfer the ownership first.' },
  own_account_active: { status: 409, field: null, item: 'your own account', words: () => 'You cannot deactivate your own account. Ask another space administrator.' },
  email_taken: { status: 409, field: 'email', words: () => 'A member already has this email address.' },
  external_id_taken: { status: 409, field: null, words: () => 'Another user or group already has this externalId.' },
  own_account: { status: 409, field: null, item: 'your own account', words: () => 'You cannot delete your own account here. Ask another space administrator.' },
  not_owner: { status: 409, field: null, words: () => 'Only the space owner can transfer the ownership.' },
  already_owner: { status: 409, field: null, words: () => 'You already own the space.' },
  wrong_password: { status: 422, field: 'password', words: () => 'This is not your password.' },
  wrong_current_password: { status: 422, field: 'current', words: () => 'This is not your current password.' },
  not_enough_seats: { status: 409, field: 'profile', words: seats },
  empty: { status: 422, field: 'emails', words: () => 'Enter at least one email address.' },
  malformed: {
    status: 422,
    field: 'emails',
    words: (e) =>
      `${e.malformed.length === 1 ? 'This is not an email address' : 'These are not email addresses'}: ${e.malformed.join(', ')}. Nothing was sent; correct the list and try again.`,
  },
  too_many: { status: 422, field: 'emails', words: (e) => `${e.count} addresses at once is too many: at most ${e.max} per invitation. Nothing was sent.` },
  not_pending: { status: 409, field: null, words: () => 'This invitation was already accepted or revoked.' },
  invalid_name: { status: 422, field: 'name', words: (e) => e.message },
  invalid_description: { status: 422, field: 'description', words: (e) => e.message },
  name_too_long: {
    status: 422,
    field: 'emails',
    words: (e) => `A name may have at most ${e.max} characters; shorten the one given with ${e.emails.join(', ')}. Nothing was sent.`,
  },
  name_taken: { status: 422, field: 'name', words: () => 'Another group already has this name (names are compared without case).' },
  protected_name: { status: 422, field: 'name', words: () => 'This group was created with the space or by an extension: its name cannot change.' },
  admins_keep_space_admin: { status: 422, field: 'permissions', words: () => `${SPACE_ADMINISTRATORS} always holds Space Admin.` },
  protected_group: { status: 409, field: null, words: () => `${SPACE_ADMINISTRATORS} comes with the space and cannot be deleted.` },
  extension_active: { status: 409, field: null, words: () => 'This group belongs to an active extension. Deactivate the extension first.' },
  already_active: { status: 409, field: null, words: () => 'This extension is already active.' },
  not_active: { status: 409, field: null, words: () => 'This extension is not active.' },
  invalid: {
    status: 422,
    field: null,
    words: (e) => Object.values(codeEnvProblemMessages(e.problems)).join(' ') || 'Correct the form and try again.',
  },
  // One answer for an unknown email and a wrong password.
  invalid_credentials: { status: 401, field: null, words: () => 'The email or password is incorrect.' },
  invalid_or_expired: {
    status: 410,
    field: null,
    title: 'This link no longer works',
    words: () => 'Password reset links work once, for one hour. Ask for a new one from the sign-in page, or ask a space administrator.',
  },
  already_set_up: { status: 409, field: null, title: 'This space is already set up', words: () => 'Setup runs once. Sign in with your account instead.' },
  unknown_user: { status: 404, field: 'email', words: () => 'No account has this email address.' },
  password_off: { status: 403, field: 'email', words: () => 'Password sign-in is off for this account (OIDC_ONLY): only the owner keeps a password.' },
  invalid_link: {
    status: 410,
    field: null,
    title: 'This invitation link is not valid',
    words: (e) => `Check that you copied the whole link. ${ask(e.invitedBy)} to send it again.`,
  },
  expired: { status: 410, field: null, title: 'This invitation has expired', words: (e) => `${ask(e.invitedBy)} to send you a new one.` },
  revoked: { status: 410, field: null, title: 'This invitation was withdrawn', words: (e) => `${ask(e.invitedBy)} if you think you should have access.` },
  used: {
    status: 410,
    field: null,
    title: 'This invitation has already been used',
    words: (e) => `If it was you, sign in instead. Otherwise, ${ask(e.invitedBy, 'ask')} for help.`,
  },
  unavailable: { status: 410, field: null, title: 'This invitation can no longer be used', words: (e) => `${ask(e.invitedBy)} for help.` },
  // The inviter was removed from the space admins (or deleted) since: what they gave is no longer theirs to give.
  inviter_lapsed: {
    status: 403,
    field: null,
    title: 'This invitation needs another administrator',
    words: (e) =>
      `${e.invitedBy ?? 'Whoever sent it'} is no longer a space administrator, so the invitation cannot be used. Ask another space administrator to send it to you again.`,
  },
  import_blocked: {
    status: 409,
    field: null,
    words: (e) =>
      [
        e.errors ? `${e.errors === 1 ? 'One line has a problem' : `${e.errors} lines have a problem`}: correct the file and upload it again.` : null,
        e.seatsShort.length ? `Not enough ${e.seatsShort.join(' and ')} seats for the whole file.` : null,
        'Nothing was imported.',
      ]
        .filter(Boolean)
        .join(' '),
  },
  import_expired: {
    status: 422,
    field: 'file',
    words: () => 'This preview is more than an hour old, or was not made for you. Upload the file again.',
  },
  bulk_empty: { status: 422, field: 'selection', words: () => 'Select at least one user or invitation, or all that match the filters.' },
  bulk_too_many: {
    status: 422,
    field: 'selection',
    words: (e) => `${plural(e.count, 'row')} at once is too many: at most ${plural(e.max, 'row')} per bulk action. Narrow the filters. Nothing was changed.`,
  },
  bulk_target_missing: { status: 422, field: 'target', words: () => 'Choose the profile or the group first.' },
  bulk_plan_changed: {
    status: 409,
    field: null,
    words: () => 'The list changed since you looked: this is what would happen now. Nothing was changed yet; apply again to go ahead.',
  },
  no_seat: {
    status: 409,
    field: null,
    title: 'No seat is free right now',
    words: (e) => `Your invitation is still valid, but every seat of its profile is taken. ${ask(e.invitedBy)} to free one, then open this link again.`,
  },
};

/** How a bulk action names the rows refused with this code: "the space owner" (or the code's words). */
export function refusedItemWords(code: ItemRefusal): string {
  return ERRORS[code].item ?? code;
}

/** The table's entry for a refusal, with its words filled in. */
export function describeRefusal(refusal: Refusal): { code: ErrorCode; status: ErrorStatus; field: string | null; title: string | null; words: string } {
  const entry = ERRORS[refusal.code] as unknown as ErrorEntry<ErrorCode> & { words: (r: Refusal) => string };
  return { code: refusal.code, status: entry.status, field: entry.field, title: entry.title ?? null, words: entry.words(refusal) };
}

/** Field → words, for a form: the refusal next to its field, or under '_' for the whole form. */
export function refusalFieldErrors(refusal: Refusal, fields?: readonly string[]): Record<string, string> {
  if (refusal.code === 'invalid') return codeEnvProblemMessages(refusal.problems) as Record<string, string>;
  const d = describeRefusal(refusal);
  const field = d.field && (!fields || fields.includes(d.field)) ? d.field : '_';
  return { [field]: d.words };
}
