// allOrNothing: several steps of one use case in one transaction under the space lock. A refusal (ok: false)
// at any step rolls back what the steps before it wrote, and comes back as the result; an exception too,
// and it propagates; an ok result commits.
import { describe, expect, it } from 'vitest';
import { findUserById, updateUser } from '../../src/db/queries/users.js';
import { allOrNothing } from '../../src/services/all-or-nothing.js';
import { makeApp, withSpace } from '../support/app.js';

async function setup() {
  const t = await makeApp();
  const owner = await withSpace(t);
  const name = async () => (await findUserById(t.db, owner.id))!.displayName;
  return { t, owner, name };
}

describe('allOrNothing', () => {
  it('commits every step when the result is ok', async () => {
    const { t, owner, name } = await setup();
    const r = await allOrNothing(t.db, async (trx) => {
      await updateUser(trx, owner.id, { displayName: 'Step one' });
      return { ok: true as const };
    });
    expect(r).toEqual({ ok: true });
    expect(await name()).toBe('Step one');
  });

  it('rolls back the first step when the second refuses, and answers the refusal', async () => {
    const { t, owner, name } = await setup();
    const r = await allOrNothing(t.db, async (trx) => {
      await updateUser(trx, owner.id, { displayName: 'Step one' });
      return { ok: false as const, code: 'owner_stays_admin' };
    });
    expect(r).toEqual({ ok: false, code: 'owner_stays_admin' });
    expect(await name()).toBe('Olivia Owner');
  });

  it('rolls back and rethrows an exception', async () => {
    const { t, owner, name } = await setup();
    const failing = allOrNothing(t.db, async (trx) => {
      await updateUser(trx, owner.id, { displayName: 'Step one' });
      throw new Error('disk full');
    });
    await expect(failing).rejects.toThrow('disk full');
    expect(await name()).toBe('Olivia Owner');
  });
});
