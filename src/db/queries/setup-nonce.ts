import type { Executor } from '../connect.js';

/** The setup nonce: the one already written, or `fresh`, written now by the first process to ask. */
export async function setupNonce(db: Executor, fresh: string, now: number): Promise<string> {
  await db.insertInto('setup_nonce').values({ id: 1, nonce: fresh, created_at: now }).onConflict((oc) => oc.column('id').doNothing()).execute();
  const r = await db.selectFrom('setup_nonce').select('nonce').where('id', '=', 1).executeTakeFirstOrThrow();
  return r.nonce;
}
