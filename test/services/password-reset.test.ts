// Forgotten passwords as use cases: a single-use link that expires, sent through the outbox; the reset
// sets the password, uses the link up and ends every session.
import { describe, expect, it } from 'vitest';
import { validateSessionToken } from '../../src/auth/session.js';
import { listAuditEvents } from '../../src/db/queries/audit.js';
import { findPasswordHash } from '../../src/db/queries/users.js';
import { COMMAND_LINE } from '../../src/services/actor.js';
import { checkResetToken, createPasswordResetLink, requestPasswordReset, resetPassword, RESET_TTL_MS } from '../../src/services/password-reset.js';
import { addUser, makeApp } from '../support/app.js';
import { snapshot } from '../support/db-snapshot.js';
import { spaceWithOwner } from '../support/invitations.js';

const NEW_PASSWORD = 'a brand new password';
const tokenIn = (link: string) => decodeURIComponent(new URL(link).pathname.split('/').pop()!);

async function setup() {
  const t = await makeApp();
  await spaceWithOwner(t);
  const ada = await addUser(t, { email: 'ada@example.com' });
  return { t, ada };
}

describe('requestPasswordReset', () => {
  it('emails a link for a known address (after the commit), and records the request', async () => {
    const { t } = await setup();
    await requestPasswordReset(t.deps, 'ADA@example.com');
    await t.worker.runOnce();
    const mail = t.mailer.sent.find((m) => m.to === 'ada@example.com');
    expect(mail?.text).toMatch(/\/reset-password\/\S+/);
    expect(await listAuditEvents(t.db, { action: 'password.reset_requested', limit: 5 })).toHaveLength(1);
  });

  it('for an unknown address: no email, nothing written, and the same (empty) answer', async () => {
    const { t } = await setup();
    const before = await snapshot(t.db);
    expect(await requestPasswordReset(t.deps, 'nobody@example.com')).toBeUndefined();
    expect(await snapshot(t.db)).toEqual(before);
  });
});

describe('resetPassword', () => {
  it('sets the new password, ends every session, and the link works once', async () => {
    const { t, ada } = await setup();
    const link = await createPasswordResetLink(t.deps, ada.email, COMMAND_LINE);
    if (!link.ok) throw new Error(link.code);
    const token = tokenIn(link.link);
    expect((await checkResetToken(t.deps, t.db, token)).ok).toBe(true);
    expect((await resetPassword(t.deps, token, NEW_PASSWORD)).ok).toBe(true);
    expect(await t.deps.hasher.verify((await findPasswordHash(t.db, ada.id))!, NEW_PASSWORD)).toBe(true);
    expect(await validateSessionToken(t.db, ada.cookie.split('=')[1]!, t.deps.now())).toBeNull();
    expect(await resetPassword(t.deps, token, 'yet another password')).toEqual({ ok: false, code: 'invalid_or_expired' });
    const [event] = await listAuditEvents(t.db, { action: 'password.reset', limit: 5 });
    expect(event).toMatchObject({ actorId: ada.id, targetLabel: 'ada@example.com' });
  });

  it('refuses an expired link, a forged one and a replaced one, changing nothing', async () => {
    const { t, ada } = await setup();
    const first = await createPasswordResetLink(t.deps, ada.email, COMMAND_LINE);
    const second = await createPasswordResetLink(t.deps, ada.email, COMMAND_LINE);
    if (!first.ok || !second.ok) throw new Error('no link');
    const before = await snapshot(t.db);
    expect(await resetPassword(t.deps, tokenIn(first.link), NEW_PASSWORD)).toEqual({ ok: false, code: 'invalid_or_expired' }); // replaced
    expect(await resetPassword(t.deps, `${tokenIn(second.link)}x`, NEW_PASSWORD)).toEqual({ ok: false, code: 'invalid_or_expired' }); // forged
    t.clock.advance(RESET_TTL_MS);
    expect(await resetPassword(t.deps, tokenIn(second.link), NEW_PASSWORD)).toEqual({ ok: false, code: 'invalid_or_expired' }); // expired
    expect(await snapshot(t.db)).toEqual(before);
  });

  it('the command line gets unknown_user for an address nobody uses', async () => {
    const { t } = await setup();
    expect(await createPasswordResetLink(t.deps, 'nobody@example.com', COMMAND_LINE)).toEqual({ ok: false, code: 'unknown_user' });
  });
});
