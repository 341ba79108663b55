// Signing in and out as use cases: one answer for an unknown email and a wrong password; a session and an
// audit event on success; sign-out ends the session.
import { describe, expect, it } from 'vitest';
import { validateSessionToken } from '../../src/auth/session.js';
import { listAuditEvents } from '../../src/db/queries/audit.js';
import { findUserById } from '../../src/db/queries/users.js';
import { signIn, signOut } from '../../src/services/sign-in.js';
import { addUser, makeApp, PASSWORD } from '../support/app.js';

async function setup() {
  const t = await makeApp();
  const ada = await addUser(t, { email: 'ada@example.com' });
  return { t, ada };
}

describe('signIn', () => {
  it('opens a session, stamps the last sign-in and records it', async () => {
    const { t, ada } = await setup();
    const r = await signIn(t.deps, 'Ada@Example.com', PASSWORD);
    if (!r.ok) throw new Error(r.code);
    expect(r.userId).toBe(ada.id);
    expect(await validateSessionToken(t.db, r.token, t.deps.now())).toMatchObject({ userId: ada.id });
    expect((await findUserById(t.db, ada.id))!.lastLoginAt).toBe(t.deps.now());
    expect(await listAuditEvents(t.db, { action: 'session.signed_in', limit: 5 })).toMatchObject([{ actorId: ada.id, actorLabel: 'ada@example.com' }]);
  });

  it.each([
    { what: 'a wrong password', email: 'ada@example.com', password: 'not the password' },
    { what: 'an unknown email', email: 'nobody@example.com', password: PASSWORD },
  ])('answers $what with invalid_credentials and writes nothing', async ({ email, password }) => {
    const { t } = await setup();
    expect(await signIn(t.deps, email, password)).toEqual({ ok: false, code: 'invalid_credentials' });
    expect(await listAuditEvents(t.db, { limit: 5 })).toEqual([]);
  });
});

describe('signOut', () => {
  it('ends the session and records it', async () => {
    const { t, ada } = await setup();
    const r = await signIn(t.deps, ada.email, PASSWORD);
    if (!r.ok) throw new Error(r.code);
    const session = (await validateSessionToken(t.db, r.token, t.deps.now()))!;
    await signOut(t.deps, session, ada.email);
    expect(await validateSessionToken(t.db, r.token, t.deps.now())).toBeNull();
    expect(await listAuditEvents(t.db, { action: 'session.signed_out', limit: 5 })).toHaveLength(1);
  });
});
