// Group rules. Pure.

export const GROUP_NAME_RULE = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

export function groupNameProblem(name: string): string | null {
  if (name.length === 0) return 'Enter a name.';
  if (name.length > 64) return 'Use at most 64 characters.';
  if (!GROUP_NAME_RULE.test(name)) return 'Use letters, digits, and _ . - (starting with a letter or digit).';
  return null;
}

export const GROUP_DESCRIPTION_MAX = 300;

/** Refused, never truncated: the admin sees what would be lost. */
export function groupDescriptionProblem(description: string): string | null {
  return description.length > GROUP_DESCRIPTION_MAX ? `Use at most ${GROUP_DESCRIPTION_MAX} characters (this has ${description.length}).` : null;
}
