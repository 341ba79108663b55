// The Users list as CSV: the columns of the Users tab, in the order the import reads back (email, name,
// profile, groups), then what only an export has.
import type { Profile } from '../../domain/profiles.js';
import { csvChunks, isoTime } from './csv-chunks.js';

export interface UserExportRow {
  email: string;
  name: string | null;
  profile: Profile;
  groups: readonly string[];
  status: 'active' | 'deactivated' | 'invited' | 'expired';
  lastSignInAt: number | null;
  /** Invitations: who sent it. */
  invitedBy: string | null;
  /** Invitations: when the link stops working. */
  expiresAt: number | null;
}

export const USER_EXPORT_COLUMNS = ['email', 'name', 'profile', 'groups', 'status', 'last sign-in', 'invited by', 'expires'] as const;

/** Groups are joined with `;` inside their cell, as the import splits them (a group name cannot hold one). */
export function usersCsv(rows: AsyncIterable<UserExportRow>, options?: { bom?: boolean }): AsyncGenerator<string> {
  return csvChunks(
    USER_EXPORT_COLUMNS,
    rows,
    (r) => [r.email, r.name, r.profile, r.groups.join(';'), r.status, isoTime(r.lastSignInAt), r.invitedBy, isoTime(r.expiresAt)],
    options,
  );
}
