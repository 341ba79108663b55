// Group rules. Pure.
//
// Group names are shown as identity providers send them (Okta's "Test SCIMv2", Entra's "Sales & Marketing
// (EMEA)"): SCIM round-trips displayName exactly, and the Groups tab shows the same name. What depends on a
// name was checked when the rule was widened: groups are addressed by id in every URL, names are compared
// case-insensitively through name_key, every view escapes them, and the only place a name is a token is
// the CSV import's groups cell, which separates names with ";" — so ";" stays out of names.
export const GROUP_NAME_MAX = 200;

/** No control or format characters (line breaks, tabs, bidi overrides), and no ";" (the CSV separator). */
const FORBIDDEN = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp};]/u;

export function groupNameProblem(name: string): string | null {
  if (name.length === 0) return 'Enter a name.';
  if (name.length > GROUP_NAME_MAX) return `Use at most ${GROUP_NAME_MAX} characters.`;
  if (name.trim() !== name) return 'Remove the spaces at the start and the end.';
  if (FORBIDDEN.test(name)) return 'Use letters, digits, spaces and punctuation, without ";", tabs or line breaks.';
  return null;
}

export const GROUP_DESCRIPTION_MAX = 300;

/** Refused, never truncated: the admin sees what would be lost. */
export function groupDescriptionProblem(description: string): string | null {
  return description.length > GROUP_DESCRIPTION_MAX ? `Use at most ${GROUP_DESCRIPTION_MAX} characters (this has ${description.length}).` : null;
}
