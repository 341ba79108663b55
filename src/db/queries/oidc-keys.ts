// The OpenID Provider's signing keys; the private JWK is stored encrypted (see src/oidc-provider/keys.ts).
import type { Executor } from '../connect.js';

export interface SigningKeyRow {
  id: string;
  encryptedJwk: string;
  createdAt: number;
  retiredAt: number | null;
}

/** The published keys, newest first: the current one (not retired), then the retired ones, latest retired first. */
export async function listSigningKeys(db: Executor): Promise<SigningKeyRow[]> {
  const rows = await db.selectFrom('oidc_keys').selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc').execute();
  const retired = (r: { retired_at: number | null }) => (r.retired_at === null ? Infinity : Number(r.retired_at));
  rows.sort((a, b) => retired(b) - retired(a)); // stable: equal times keep the creation order
  return rows.map((r) => ({
    id: r.id,
    encryptedJwk: r.private_jwk,
    createdAt: Number(r.created_at),
    retiredAt: r.retired_at === null ? null : Number(r.retired_at),
  }));
}

/** Adds a key that signs from now on; the keys before it are retired (still published) from `at`. */
export async function insertSigningKey(db: Executor, k: { id: string; encryptedJwk: string; at: number }): Promise<void> {
  await db.updateTable('oidc_keys').set({ retired_at: k.at }).where('retired_at', 'is', null).execute();
  await db.insertInto('oidc_keys').values({ id: k.id, private_jwk: k.encryptedJwk, created_at: k.at, retired_at: null }).execute();
}

/** Drops keys retired before `before`: no token they signed is still valid. */
export async function deleteRetiredKeys(db: Executor, before: number): Promise<number> {
  const r = await db.deleteFrom('oidc_keys').where('retired_at', '<', before).executeTakeFirst();
  return Number(r.numDeletedRows);
}
