// One request made of several use-case steps (SCIM's PUT and PATCH: a name, a profile, the active flag,
// members…) runs as ONE transaction under the space lock. Each step is a panel's use case in its
// `…Within(trx, …)` form, with the panel's own checks; the first refusal rolls back what the steps
// before it wrote, so a request is applied whole or not at all.
import { lockSpace } from '../db/lock.js';
import type { Db, Trx } from '../db/connect.js';

/** Carries a refusal out of Kysely's transaction, which rolls back on a throw and commits on a return. */
class Refused<R> extends Error {
  constructor(readonly result: R) {
    super('refused: the transaction is rolled back');
  }
}

/**
 * Runs `work` in a transaction that starts with `lockSpace`. A result with `ok: false` rolls everything
 * back and is returned as it is; an exception rolls back and propagates.
 */
export async function allOrNothing<R extends { ok: boolean }>(db: Db, work: (trx: Trx) => Promise<R>): Promise<R> {
  try {
    return await db.transaction().execute(async (trx) => {
      await lockSpace(trx);
      const result = await work(trx);
      if (!result.ok) throw new Refused(result);
      return result;
    });
  } catch (err) {
    if (err instanceof Refused) return err.result as R;
    throw err;
  }
}
