import { describe, expect, it } from 'vitest';
import { createSession, validateSessionToken } from '../../src/auth/session.js';
import { listAuditEvents } from '../../src/db/queries/audit.js';
import { findPasswordHash } from '../../src/db/queries/users.js';
import { changeDisplayName, changePassword } from '../../src/services/account.js';
import { checkResetToken, createPasswordResetLink } from '../../src/services/password-reset.js';
import { addUser, makeApp, PASSWORD, type TestApp } from '../support/app.js';

const NEW_PASSWORD = 'a brand new passphrase';

/** A user signed in on three devices (the first is "this one"), and a bystander signed in once. */
async function signedInThreeTimes() {
  const t = await makeApp();
  const ada = await addUser(t, { email: 'ada@example.com', name: 'Ada' });
  const bob = await addUser(t, { email: 'bob@example.com' });
  await t.db.deleteFrom('sessions').execute();
  const now = t.deps.now();
  const [current, laptop, phone] = [
    await createSession(t.db, ada.id, now),
    await createSession(t.db, ada.id, now),
    await createSession(t.db, ada.id, now),
  ];
  const bystander = await createSession(t.db, bob.id, now);
  return { t, ada, bob, current, others: [laptop, phone], bystander };
}

const valid = async (t: TestApp, token: string) => (await validateSessionToken(t.db, token, t.deps.now())) !== null;

describe('changePassword', () => {
  it("ends the user's other sessions and keeps the current one", async () => {
    const { t, ada, current, others, bystander } = await signedInThreeTimes();
    const r = await changePassword(t.deps, ada, current.session.id, PASSWORD, NEW_PASSWORD);
    expect(r).toEqual({ ok: true, endedSessions: 2 });
    expect(await valid(t, current.token)).toBe(true);
    for (const s of others) expect(await valid(t, s.token)).toBe(false);
    expect(await valid(t, bystander.token), "another user's session").toBe(true);
  });

  it('replaces the password: the new one verifies, the old one no longer does', async () => {
    const { t, ada, current } = await signedInThreeTimes();
    await changePassword(t.deps, ada, current.session.id, PASSWORD, NEW_PASSWORD);
    const stored = (await findPasswordHash(t.db, ada.id))!;
    expect(await t.deps.hasher.verify(stored, NEW_PASSWORD)).toBe(true);
    expect(await t.deps.hasher.verify(stored, PASSWORD)).toBe(false);
  });

  it('writes a password.changed audit event saying how many sessions ended', async () => {
    const { t, ada, current } = await signedInThreeTimes();
    await changePassword(t.deps, ada, current.session.id, PASSWORD, NEW_PASSWORD);
    const events = await listAuditEvents(t.db, { action: 'password.changed', limit: 10 });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      at: t.deps.now(),
      actorId: ada.id,
      actorLabel: 'ada@example.com',
      targetType: 'user',
      targetId: String(ada.id),
      details: { endedSessions: 2 },
    });
  });

  it('voids a pending password reset link', async () => {
    const { t, ada, current } = await signedInThreeTimes();
    const link = await createPasswordResetLink(t.deps, ada.email, { kind: 'operator', label: 'test' });
    if (!link.ok) throw new Error('no link');
    const token = new URL(link.link).pathname.split('/').pop()!;
    expect((await checkResetToken(t.deps, t.db, token)).ok).toBe(true);
    await changePassword(t.deps, ada, current.session.id, PASSWORD, NEW_PASSWORD);
    expect((await checkResetToken(t.deps, t.db, token)).ok).toBe(false);
  });

  it.each([
    { what: 'a wrong password', current: 'not my password' },
    { what: 'an empty password', current: '' },
    { what: 'the new password', current: NEW_PASSWORD },
    { what: 'the right one with a trailing space', current: `${PASSWORD} ` },
  ])('with $what as the current password changes nothing', async ({ current: given }) => {
    const { t, ada, current, others } = await signedInThreeTimes();
    const before = await findPasswordHash(t.db, ada.id);
    const r = await changePassword(t.deps, ada, current.session.id, given, NEW_PASSWORD);
    expect(r).toEqual({ ok: false, code: 'wrong_current_password' });
    expect(await findPasswordHash(t.db, ada.id)).toBe(before);
    for (const s of [current, ...others]) expect(await valid(t, s.token)).toBe(true);
    expect(await listAuditEvents(t.db, { action: 'password.changed', limit: 10 })).toEqual([]);
  });
});

describe('changeDisplayName', () => {
  it('renames the user and writes a user.renamed audit event with the old and new name', async () => {
    const { t, ada } = await signedInThreeTimes();
    await changeDisplayName(t.deps, { ...ada, displayName: 'Ada' }, 'Ada Lovelace');
    const row = await t.db.selectFrom('users').select('display_name').where('id', '=', ada.id).executeTakeFirstOrThrow();
    expect(row.display_name).toBe('Ada Lovelace');
    const events = await listAuditEvents(t.db, { action: 'user.renamed', limit: 10 });
    expect(events).toHaveLength(1);
    expect(events[0]!.details).toEqual({ from: 'Ada', to: 'Ada Lovelace' });
  });

  it('writes nothing when the name is unchanged', async () => {
    const { t, ada } = await signedInThreeTimes();
    await changeDisplayName(t.deps, { ...ada, displayName: 'Ada' }, 'Ada');
    expect(await listAuditEvents(t.db, { action: 'user.renamed', limit: 10 })).toEqual([]);
  });
});
