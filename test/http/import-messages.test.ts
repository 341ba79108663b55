// The words of "Import users": refusals, preview lines, and the seat check in the invite form's words.
import { describe, expect, it } from 'vitest';
import type { ImportLine, ImportProblem } from '../../src/domain/import-preview.js';
import { importLineMessages, importProblemMessage, importRefusalMessage, importSeatMessage } from '../../src/http/import-messages.js';
import { describeRefusal } from '../../src/services/errors.js';
import type { ParseUsersCsvError } from '../../src/services/import/parse-users-csv.js';

describe('importSeatMessage', () => {
  it.each([
    { profile: 'designer' as const, needed: 3, free: 1 },
    { profile: 'explorer' as const, needed: 1, free: 0 },
  ])('says $needed $profile needed, $free free, as Invite a User does', (s) => {
    expect(importSeatMessage({ ...s, ok: false })).toBe(describeRefusal({ code: 'not_enough_seats', ...s }).words);
  });

  it('says what a file takes when the seats suffice', () => {
    expect(importSeatMessage({ profile: 'reader', needed: 2, free: 9, ok: true })).toBe('2 reader seats needed, 9 free.');
    expect(importSeatMessage({ profile: 'reader', needed: 1, free: Number.POSITIVE_INFINITY, ok: true })).toBe('1 reader seat needed, unlimited free.');
  });
});

describe('importRefusalMessage', () => {
  it.each<[ParseUsersCsvError, string]>([
    [{ code: 'too_many_lines', lines: 12_000, maxLines: 10_000 }, 'The file has 12,000 lines of people: at most 10,000 can be imported at once. Split it and import each part.'],
    [{ code: 'not_text' }, 'This is not a CSV file: it is not UTF-8 text. Save it from your spreadsheet as "CSV UTF-8" and try again.'],
    [{ code: 'unclosed_quote', line: 4 }, 'Line 4 opens a quote (") that never closes, so the rest of the file would be one cell. Close the quote and try again.'],
    [
      { code: 'missing_columns', missing: ['email', 'profile'], found: ['ada@example.com', 'reader'] },
      'The first line must name the columns email and profile (it names "ada@example.com", "reader"). Columns: email, name, profile, groups, in any order.',
    ],
  ])('words %j', (error, words) => {
    expect(importRefusalMessage(error)).toBe(words);
  });
});

describe('importLineMessages', () => {
  it('says a legacy line becomes a designer in space_administrators', () => {
    const line: ImportLine = { line: 3, legacyAdmin: true, ok: true, newGroups: [], action: { kind: 'invite', email: 'a@example.com', name: null, profile: 'designer', groups: ['space_administrators'] } };
    expect(importLineMessages(line)).toEqual([
      'Invite as designer, in space_administrators.',
      '"Space admin" is no longer a profile: this person becomes a designer in space_administrators, with the same rights.',
    ]);
  });

  it('lists every problem of a line, and the groups it creates', () => {
    const problems: ImportProblem[] = [
      { code: 'malformed_address', value: 'ada@' },
      { code: 'unknown_group', groups: ['finance'] },
    ];
    expect(importLineMessages({ line: 2, legacyAdmin: false, ok: false, problems })).toEqual([
      '"ada@" is not an email address.',
      'No group is named "finance". Tick "Create missing groups" to create it.',
    ]);
    const creating: ImportLine = { line: 2, legacyAdmin: false, ok: true, newGroups: ['finance'], action: { kind: 'invite', email: 'a@example.com', name: null, profile: 'reader', groups: ['finance'] } };
    expect(importLineMessages(creating)).toContain('Creates the group finance.');
  });

  it('says what changes for a member', () => {
    const line: ImportLine = {
      line: 2,
      legacyAdmin: false,
      ok: true,
      newGroups: [],
      action: { kind: 'update_member', email: 'a@example.com', profile: { from: 'explorer', to: 'designer' }, addGroups: ['ml'], removeGroups: ['analysts'] },
    };
    expect(importLineMessages(line)).toEqual(['Already a member: profile explorer → designer; add to ml; remove from analysts.']);
  });

  it('uses the owner refusal of Edit User', () => {
    expect(importProblemMessage({ code: 'owner_stays_admin' })).toBe(describeRefusal({ code: 'owner_stays_admin' }).words);
  });
});
