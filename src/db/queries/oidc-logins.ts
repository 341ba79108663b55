// Single sign-ons in progress. The caller passes the db or its transaction; only hashes are stored.
import type { Executor } from '../connect.js';

export interface OidcLogin {
  id: string;
  secretHash: string;
  nextPath: string;
  createdAt: number;
  expiresAt: number;
}

export async function insertOidcLogin(db: Executor, l: OidcLogin): Promise<void> {
  await db
    .insertInto('oidc_logins')
    .values({ id: l.id, secret_hash: l.secretHash, next_path: l.nextPath, created_at: l.createdAt, expires_at: l.expiresAt })
    .execute();
}

/**
 * Marks the login used and returns it, or null when it is unknown, used already or expired. Single use:
 * the update only matches an unused row, so of two callbacks racing with one cookie only one wins.
 */
export async function consumeOidcLogin(db: Executor, id: string, at: number): Promise<OidcLogin | null> {
  const r = await db
    .updateTable('oidc_logins')
    .set({ used_at: at })
    .where('id', '=', id)
    .where('used_at', 'is', null)
    .where('expires_at', '>', at)
    .returning(['id', 'secret_hash', 'next_path', 'created_at', 'expires_at'])
    .executeTakeFirst();
  if (!r) return null;
  return {
    id: r.id,
    secretHash: r.secret_hash,
    nextPath: r.next_path,
    createdAt: Number(r.created_at),
    expiresAt: Number(r.expires_at),
  };
}

/** Rows are of no use once expired; a new sign-in sweeps them. */
export async function deleteExpiredOidcLogins(db: Executor, now: number): Promise<void> {
  await db.deleteFrom('oidc_logins').where('expires_at', '<=', now).execute();
}
