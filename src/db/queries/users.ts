import type { Profile } from '../../domain/profiles.js';
import type { Executor } from '../connect.js';

export interface User {
  id: number;
  email: string;
  displayName: string;
  profile: Profile;
  createdAt: number;
  lastLoginAt: number | null;
  /** When the member was deactivated; null while active (a deactivated member cannot sign in). */
  deactivatedAt: number | null;
}

export const userColumns = ['id', 'email', 'display_name', 'profile', 'created_at', 'last_login_at', 'deactivated_at'] as const;

export function toUser(r: {
  id: number;
  email: string;
  display_name: string;
  profile: Profile;
  created_at: number;
  last_login_at: number | null;
  deactivated_at: number | null;
}): User {
  return {
    id: r.id,
    email: r.email,
    displayName: r.display_name,
    profile: r.profile,
    createdAt: r.created_at,
    lastLoginAt: r.last_login_at,
    deactivatedAt: r.deactivated_at,
  };
}

/** The key a display name is searched and sorted by. */
export function nameKey(name: string): string {
  return name.normalize('NFC').toLowerCase();
}

/** The key an address is compared by: trimmed and lower-cased. */
export function emailKey(email: string): string {
  return email.trim().toLowerCase();
}

export async function findUserById(db: Executor, id: number): Promise<User | null> {
  const r = await db.selectFrom('users').select(userColumns).where('id', '=', id).executeTakeFirst();
  return r ? toUser(r) : null;
}

export async function findUserByEmail(db: Executor, email: string): Promise<User | null> {
  const r = await db.selectFrom('users').select(userColumns).where('email_key', '=', emailKey(email)).executeTakeFirst();
  return r ? toUser(r) : null;
}

export async function findPasswordHash(db: Executor, userId: number): Promise<string | null> {
  const r = await db.selectFrom('users').select('password_hash').where('id', '=', userId).executeTakeFirst();
  return r?.password_hash ?? null;
}

export async function insertUser(
  db: Executor,
  u: { email: string; displayName: string; passwordHash: string; profile: Profile; createdAt: number },
): Promise<number> {
  const r = await db
    .insertInto('users')
    .values({
      email: u.email.trim(),
      email_key: emailKey(u.email),
      display_name: u.displayName,
      name_key: nameKey(u.displayName),
      password_hash: u.passwordHash,
      profile: u.profile,
      created_at: u.createdAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function updateUser(
  db: Executor,
  id: number,
  patch: Partial<{ displayName: string; passwordHash: string; profile: Profile; lastLoginAt: number }>,
): Promise<void> {
  const set: Record<string, unknown> = {};
  if (patch.displayName !== undefined) {
    set.display_name = patch.displayName;
    set.name_key = nameKey(patch.displayName);
  }
  if (patch.passwordHash !== undefined) set.password_hash = patch.passwordHash;
  if (patch.profile !== undefined) set.profile = patch.profile;
  if (patch.lastLoginAt !== undefined) set.last_login_at = patch.lastLoginAt;
  if (Object.keys(set).length === 0) return;
  await db.updateTable('users').set(set).where('id', '=', id).execute();
}

/** Deactivates (at a time) or reactivates (null) a member; the triggers of migration 0017 move their seat. */
export async function setDeactivatedAt(db: Executor, id: number, at: number | null): Promise<void> {
  await db.updateTable('users').set({ deactivated_at: at }).where('id', '=', id).execute();
}

/** The identity provider's id of a member (SCIM externalId); unique when set. */
export async function setUserExternalId(db: Executor, id: number, externalId: string | null): Promise<void> {
  await db.updateTable('users').set({ external_id: externalId }).where('id', '=', id).execute();
}

export async function findUserIdByExternalId(db: Executor, externalId: string): Promise<number | null> {
  const r = await db.selectFrom('users').select('id').where('external_id', '=', externalId).executeTakeFirst();
  return r?.id ?? null;
}

/** Which of these address keys already belong to a member. */
export async function existingUserKeys(db: Executor, keys: string[]): Promise<Set<string>> {
  const out = new Set<string>();
  for (let i = 0; i < keys.length; i += 500) {
    const rows = await db.selectFrom('users').select('email_key').where('email_key', 'in', keys.slice(i, i + 500)).execute();
    for (const r of rows) out.add(r.email_key);
  }
  return out;
}

export async function deleteUser(db: Executor, id: number): Promise<void> {
  await db.deleteFrom('users').where('id', '=', id).execute();
}
