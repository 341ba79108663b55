// What "Import users" compares a file with: the members and pending invitations among the file's
// addresses (never the whole list), and every group's name and id.
import type { Profile } from '../../domain/profiles.js';
import type { Executor } from '../connect.js';
import { groupsOfUsers } from './groups.js';

const CHUNK = 500;

export interface ImportMemberRow {
  id: number;
  email: string;
  key: string;
  displayName: string;
  profile: Profile;
  groups: { id: number; name: string }[];
}

export async function membersByKeys(db: Executor, keys: string[]): Promise<ImportMemberRow[]> {
  const out: ImportMemberRow[] = [];
  for (let i = 0; i < keys.length; i += CHUNK) {
    const rows = await db
      .selectFrom('users')
      .select(['id', 'email', 'email_key', 'display_name', 'profile'])
      .where('email_key', 'in', keys.slice(i, i + CHUNK))
      .execute();
    const groups = await groupsOfUsers(db, rows.map((r) => r.id));
    for (const r of rows) out.push({ id: r.id, email: r.email, key: r.email_key, displayName: r.display_name, profile: r.profile, groups: groups.get(r.id) ?? [] });
  }
  return out;
}

/** Pending invitations among these keys, expired ones included (Invite a User reports them as already invited). */
export async function pendingInvitationsByKeys(db: Executor, keys: string[]): Promise<{ id: number; email: string; key: string; profile: Profile }[]> {
  const out: { id: number; email: string; key: string; profile: Profile }[] = [];
  for (let i = 0; i < keys.length; i += CHUNK) {
    const rows = await db
      .selectFrom('invitations')
      .select(['id', 'email', 'email_key', 'profile'])
      .where('status', '=', 'pending')
      .where('email_key', 'in', keys.slice(i, i + CHUNK))
      .execute();
    for (const r of rows) out.push({ id: r.id, email: r.email, key: r.email_key, profile: r.profile });
  }
  return out;
}
