// Password rules: 8 to 256 characters (counted as Unicode code points), any characters, never truncated.

export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 256;

export type PasswordProblem = 'too_short' | 'too_long' | null;

export function checkPassword(password: string): PasswordProblem {
  const length = [...password].length;
  if (length < PASSWORD_MIN) return 'too_short';
  if (length > PASSWORD_MAX) return 'too_long';
  return null;
}

export function passwordMessage(problem: Exclude<PasswordProblem, null>): string {
  switch (problem) {
    case 'too_short':
      return `Use at least ${PASSWORD_MIN} characters.`;
    case 'too_long':
      return `Use at most ${PASSWORD_MAX} characters.`;
  }
}
