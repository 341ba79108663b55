// The one way a check-then-write use case holds across processes.
import { sql } from 'kysely';
import { engineOf, type Trx } from './connect.js';

/**
 * Takes the space's lock for the rest of the transaction; call it first in every use case that checks
 * an invariant and then writes (free seats, the single owner, a single-use link, a bulk invite).
 *
 * PostgreSQL: a row lock on the space row (`SELECT ... FOR UPDATE`). Every such transaction, in any
 * process, waits here for the one before it to commit, so what it checks afterwards still holds when it
 * writes; readers are never blocked. SQLite: the transaction began with BEGIN IMMEDIATE and already holds
 * the database's write lock, which serializes writers across processes just the same.
 *
 * Before the space exists there is no row to lock; the setup's insert of the single space row (its key
 * is fixed) settles a race there.
 */
export async function lockSpace(trx: Trx): Promise<void> {
  if (engineOf(trx) === 'postgres') await sql`select id from space where id = 1 for update`.execute(trx);
}
