import type { Executor } from '../connect.js';

export interface PasswordResetRecord {
  id: string;
  secretHash: Uint8Array;
  userId: number;
  createdAt: number;
  expiresAt: number;
  usedAt: number | null;
}

export async function insertPasswordReset(db: Executor, r: Omit<PasswordResetRecord, 'usedAt'>): Promise<void> {
  await db
    .insertInto('password_resets')
    .values({ id: r.id, secret_hash: r.secretHash, user_id: r.userId, created_at: r.createdAt, expires_at: r.expiresAt })
    .execute();
}

export async function findPasswordReset(db: Executor, id: string): Promise<PasswordResetRecord | null> {
  const r = await db.selectFrom('password_resets').selectAll().where('id', '=', id).executeTakeFirst();
  if (!r) return null;
  return {
    id: r.id,
    secretHash: new Uint8Array(r.secret_hash),
    userId: r.user_id,
    createdAt: r.created_at,
    expiresAt: r.expires_at,
    usedAt: r.used_at,
  };
}

/** Marks it used; false when it was used already (a parallel submit won). */
export async function consumePasswordReset(db: Executor, id: string, at: number): Promise<boolean> {
  const r = await db
    .updateTable('password_resets')
    .set({ used_at: at })
    .where('id', '=', id)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** A new reset link replaces the older ones; a password change voids them all. */
export async function voidPasswordResets(db: Executor, userId: number, at: number): Promise<void> {
  await db
    .updateTable('password_resets')
    .set({ used_at: at })
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .execute();
}
