// The words of "Import users": the refusal of a file, each line of the preview, the seat check.
// Exhaustive switches, like messages.ts.
import { describeRefusal } from '../services/errors.js';
import type { ImportAction, ImportLine, ImportProblem, SeatNeed } from '../domain/import-preview.js';
import { PROFILES } from '../domain/profiles.js';
import { byCount, formatCount, plural } from '../domain/words.js';
import type { ParseUsersCsvError } from '../services/import/parse-users-csv.js';

const list = (names: readonly string[]) => names.map((n) => `"${n}"`).join(', ');

export function importRefusalMessage(e: ParseUsersCsvError): string {
  switch (e.code) {
    case 'empty_file':
      return 'The file is empty.';
    case 'too_large':
      return `The file is ${(e.bytes / 1024 / 1024).toFixed(1)} MB: at most ${e.maxBytes / 1024 / 1024} MB can be imported at once.`;
    case 'not_text':
      return 'This is not a CSV file: it is not UTF-8 text. Save it from your spreadsheet as "CSV UTF-8" and try again.';
    case 'too_many_lines':
      return `The file has ${formatCount(e.lines)} lines of people: at most ${formatCount(e.maxLines)} can be imported at once. Split it and import each part.`;
    case 'no_delimiter':
      return 'This is not a CSV file we can read: its first line has no comma or semicolon between column names.';
    case 'unclosed_quote':
      return `Line ${e.line} opens a quote (") that never closes, so the rest of the file would be one cell. Close the quote and try again.`;
    case 'missing_columns':
      return `The first line must name the columns ${e.missing.join(' and ')}${e.found.length ? ` (it names ${list(e.found)})` : ''}. Columns: email, name, profile, groups, in any order.`;
    case 'duplicate_column':
      return `The first line names the column "${e.column}" twice.`;
    case 'no_rows':
      return 'The file has a header line but nobody under it.';
  }
}

export function importProblemMessage(p: ImportProblem): string {
  switch (p.code) {
    case 'malformed_address':
      return p.value ? `"${p.value}" is not an email address.` : 'The email address is missing.';
    case 'unknown_profile':
      return p.value ? `"${p.value}" is not a profile: use ${PROFILES.join(', ')}.` : `The profile is missing: use ${PROFILES.join(', ')}.`;
    case 'unknown_group':
      return `No group is named ${list(p.groups)}. Tick "Create missing groups" to create ${p.groups.length === 1 ? 'it' : 'them'}.`;
    case 'invalid_group_name':
      return `${list(p.groups)} cannot be a group name: use letters, digits, and _ . - (starting with a letter or digit).`;
    case 'extra_cells':
      return `${plural(p.count, 'cell')} more than the first line has columns: does a name with a comma or semicolon lack its quotes?`;
    case 'conflicting_duplicate':
      return `The same address as line ${p.firstLine}, with another profile, groups or name. Keep one of the two.`;
    case 'owner_stays_admin':
      return describeRefusal({ code: 'owner_stays_admin' }).words;
  }
}

export function importActionMessage(a: ImportAction): string {
  switch (a.kind) {
    case 'invite':
      return `Invite as ${a.profile}${a.groups.length ? `, in ${a.groups.join(', ')}` : ''}.`;
    case 'update_member': {
      const changes = [
        a.profile ? `profile ${a.profile.from} → ${a.profile.to}` : null,
        a.addGroups.length ? `add to ${a.addGroups.join(', ')}` : null,
        a.removeGroups.length ? `remove from ${a.removeGroups.join(', ')}` : null,
      ].filter(Boolean);
      return `Already a member: ${changes.join('; ')}.`;
    }
    case 'already_member':
      return a.changesIgnored
        ? 'Already a member. The profile or groups differ and stay as they are; tick "Update existing members" to change them.'
        : 'Already a member, with this profile and these groups.';
    case 'already_invited':
      return 'Already invited.';
    case 'repeated':
      return `The same as line ${a.firstLine}.`;
  }
}

/** Every sentence the preview shows for one line. */
export function importLineMessages(l: ImportLine): string[] {
  const out = l.ok ? [importActionMessage(l.action)] : l.problems.map(importProblemMessage);
  if (l.legacyAdmin) out.push('"Space admin" is no longer a profile: this person becomes a designer in space_administrators, with the same rights.');
  if (l.ok && l.newGroups.length) out.push(`Creates the ${byCount(l.newGroups.length, 'group')} ${l.newGroups.join(', ')}.`);
  return out;
}

/** The seat check of a file: a profile that lacks seats is refused in Invite a User's words (the error table). */
export function importSeatMessage(s: SeatNeed): string {
  if (!s.ok) return describeRefusal({ code: 'not_enough_seats', profile: s.profile, needed: s.needed, free: s.free }).words;
  return `${plural(s.needed, `${s.profile} seat`)} needed, ${Number.isFinite(s.free) ? s.free : 'unlimited'} free.`;
}
