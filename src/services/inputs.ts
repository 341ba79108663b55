// Input schemas shared by the HTTP forms and the command line. Messages are written for people.
import { z } from 'zod';
import { isValidEmail } from '../domain/email.js';
import { PASSWORD_MAX, PASSWORD_MIN } from '../domain/password-policy.js';

export const emailField = z
  .string()
  .trim()
  .min(1, 'Enter an email address.')
  .refine(isValidEmail, 'Enter a valid email address, such as name@example.com.');

export const displayNameField = z
  .string()
  .trim()
  .min(1, 'Enter a name.')
  .max(100, 'Use at most 100 characters.')
  .refine((v) => !/[\u0000-\u001f\u007f]/.test(v), 'Remove the control characters.');

const spaceNameField = z
  .string()
  .trim()
  .min(1, 'Enter a name for the space.')
  .max(80, 'Use at most 80 characters.')
  .refine((v) => !/[\u0000-\u001f\u007f]/.test(v), 'Remove the control characters.');

/** Counted in code points, never trimmed or truncated. */
export const newPasswordField = z
  .string()
  .refine((v) => [...v].length >= PASSWORD_MIN, `Use at least ${PASSWORD_MIN} characters.`)
  .refine((v) => [...v].length <= PASSWORD_MAX, `Use at most ${PASSWORD_MAX} characters.`);

export const setupInput = z.object({
  spaceName: spaceNameField,
  displayName: displayNameField,
  email: emailField,
  password: newPasswordField,
});
export type SetupInput = z.infer<typeof setupInput>;

/** Field name → first message, for showing next to each field. */
export type FieldErrors = Record<string, string>;

export function fieldErrors(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const key = String(issue.path[0] ?? '_');
    out[key] ??= issue.message;
  }
  return out;
}
