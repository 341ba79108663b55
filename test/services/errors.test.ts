// The one error table: every code maps to a status, a field and words, for any front door.
import { describe, expect, it } from 'vitest';
import { describeRefusal, ERRORS, refusalFieldErrors, type Refusal } from '../../src/services/errors.js';

describe('the error table', () => {
  it('gives every code a client-error status and words', () => {
    for (const [code, entry] of Object.entries(ERRORS)) {
      expect(entry.status, code).toBeGreaterThanOrEqual(400);
      expect(entry.status, code).toBeLessThan(500);
    }
  });

  it.each<{ refusal: Refusal; status: number; field: string | null; words: RegExp }>([
    { refusal: { code: 'owner_stays_admin' }, status: 409, field: 'groups', words: /space owner cannot be deleted or removed from space_administrators/ },
    { refusal: { code: 'not_enough_seats', profile: 'designer', needed: 3, free: 2 }, status: 409, field: 'profile', words: /^3 designer seats needed, 2 free\./ },
    { refusal: { code: 'malformed', malformed: ['a@', 'b'] }, status: 422, field: 'emails', words: /These are not email addresses: a@, b\./ },
    { refusal: { code: 'expired', invitedBy: 'Olivia' }, status: 410, field: null, words: /^Ask Olivia or another space administrator/ },
    // The inviter's name is kept as written, also mid-sentence.
    { refusal: { code: 'used', invitedBy: 'Olivia Owner' }, status: 410, field: null, words: /Otherwise, ask Olivia Owner or another space administrator for help\.$/ },
    { refusal: { code: 'used' }, status: 410, field: null, words: /Otherwise, ask a space administrator for help\.$/ },
    { refusal: { code: 'invalid_credentials' }, status: 401, field: null, words: /^The email or password is incorrect\.$/ },
  ])('$refusal.code: $status, field $field', ({ refusal, status, field, words }) => {
    const d = describeRefusal(refusal);
    expect(d).toMatchObject({ code: refusal.code, status, field });
    expect(d.words).toMatch(words);
  });

  it('puts the words next to their field in a form, or under _ when the form has no such field', () => {
    expect(refusalFieldErrors({ code: 'unknown_group' })).toEqual({ groups: ERRORS.unknown_group.words({ code: 'unknown_group' }) });
    expect(refusalFieldErrors({ code: 'unknown_group' }, ['name'])).toHaveProperty('_');
    expect(refusalFieldErrors({ code: 'invalid', problems: { name: { code: 'name_empty' } } })).toEqual({ name: 'Enter a name.' });
  });
});
