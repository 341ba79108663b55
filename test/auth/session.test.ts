import { describe, expect, it } from 'vitest';
import {
  createSession,
  invalidateSession,
  invalidateUserSessions,
  purgeExpiredSessions,
  SESSION_ABSOLUTE_MS,
  SESSION_IDLE_MS,
  sessionExpiresAt,
  validateSessionToken,
} from '../../src/auth/session.js';
import { sha256 } from '../../src/auth/tokens.js';
import type { Db } from '../../src/db/connect.js';
import { loadSessionUser } from '../../src/services/principal.js';
import { addUser, makeApp, type TestApp } from '../support/app.js';

const DAY = 24 * 3_600_000;

async function setup(): Promise<{ t: TestApp; userId: number; otherId: number; t0: number }> {
  const t = await makeApp();
  const user = await addUser(t, { email: 'ada@example.com' });
  const other = await addUser(t, { email: 'bob@example.com' });
  // addUser signs each user in once; start every test from users without sessions.
  await t.db.deleteFrom('sessions').execute();
  return { t, userId: user.id, otherId: other.id, t0: t.deps.now() };
}

const sessionCount = async (t: TestApp, userId: number) =>
  (await t.db.selectFrom('sessions').select('id').where('user_id', '=', userId).execute()).length;

describe('createSession', () => {
  it('returns an id.secret token with a 130-bit secret, different every time', async () => {
    const { t, userId, t0 } = await setup();
    const a = await createSession(t.db, userId, t0);
    const b = await createSession(t.db, userId, t0);
    expect(a.token).toMatch(/^[a-z0-9]{24}\.[a-z0-9]{26}$/); // 26 symbols × 5 bits = 130 bits
    expect(a.token).not.toBe(b.token);
    expect(a.session).toEqual({ id: a.token.split('.')[0], userId, createdAt: t0, lastVerifiedAt: t0 });
  });

  it('stores only a 32-byte SHA-256 of the secret, never the secret itself', async () => {
    const { t, userId, t0 } = await setup();
    const { token } = await createSession(t.db, userId, t0);
    const [id, secret] = token.split('.') as [string, string];
    const row = await t.db.selectFrom('sessions').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    const stored = new Uint8Array(row.secret_hash);
    expect(stored.byteLength).toBe(32);
    expect(Buffer.from(stored).equals(Buffer.from(sha256(secret)))).toBe(true);
    // No column, read as text, holds the secret or the whole token.
    for (const value of Object.values(row)) {
      const text = value instanceof Uint8Array ? Buffer.from(value).toString('latin1') : String(value);
      expect(text).not.toContain(secret);
      expect(text).not.toContain(token);
    }
  });
});

// The rules, through both doors: validateSessionToken (the session alone) and loadSessionUser (the
// session with its member in one statement, what the session middleware asks on every request).
const doors = [
  { door: 'validateSessionToken', validate: validateSessionToken },
  { door: 'loadSessionUser', validate: async (db: Db, token: string, at: number) => (await loadSessionUser(db, token, at))?.session ?? null },
];

describe.each(doors)('$door', ({ validate }) => {
  it('accepts the token it was given', async () => {
    const { t, userId, t0 } = await setup();
    const { token, session } = await createSession(t.db, userId, t0);
    expect(await validate(t.db, token, t0)).toEqual(session);
  });

  it('rejects the right id with a tampered secret, and the real session keeps working', async () => {
    const { t, userId, t0 } = await setup();
    const { token } = await createSession(t.db, userId, t0);
    const [id, secret] = token.split('.') as [string, string];
    const flipped = (secret[0] === 'a' ? 'b' : 'a') + secret.slice(1);
    for (const forged of [`${id}.${flipped}`, `${id}.${'a'.repeat(26)}`, `${id}.${secret}a`]) {
      expect(await validate(t.db, forged, t0)).toBeNull();
    }
    expect(await validate(t.db, token, t0)).not.toBeNull();
  });

  it('rejects a well-formed token for a session that does not exist', async () => {
    const { t, t0 } = await setup();
    expect(await validate(t.db, `${'a'.repeat(24)}.${'b'.repeat(26)}`, t0)).toBeNull();
  });

  it.each([
    { what: 'empty', token: '' },
    { what: 'no dot', token: 'abcdefghijkmnpqrstuvwxyz' },
    { what: 'just a dot', token: '.' },
    { what: 'empty secret', token: 'abcdefghijkmnpqr.' },
    { what: 'empty id', token: '.abcdefghijkmnpqrstuvwxyz' },
    { what: 'three parts', token: 'abcdefghijkm.npqrstuvwxyz2345.6789' },
    { what: 'upper case', token: 'ABCDEFGHIJKMNPQR.ABCDEFGHIJKMNPQRSTUV' },
    { what: 'spaces', token: 'abcdefgh ijkm.npqrstuvwxyz 23456' },
    { what: 'SQL', token: "x' or 1=1 --.abcdefghijkmnpqrstuvwxyz" },
    { what: 'too long', token: `${'a'.repeat(65)}.${'b'.repeat(65)}` },
    { what: 'percent-encoded', token: 'abcdefghijkm%2E.npqrstuvwxyz23456' },
  ])('rejects a malformed token ($what) without throwing', async ({ token }) => {
    const { t, userId, t0 } = await setup();
    await createSession(t.db, userId, t0);
    await expect(validate(t.db, token, t0)).resolves.toBeNull();
  });

  it.each([
    { idleFor: 0, valid: true },
    { idleFor: 1, valid: true },
    { idleFor: DAY, valid: true },
    { idleFor: SESSION_IDLE_MS - 1, valid: true },
    { idleFor: SESSION_IDLE_MS, valid: false },
    { idleFor: SESSION_IDLE_MS + DAY, valid: false },
  ])('after $idleFor ms without a request: valid=$valid', async ({ idleFor, valid }) => {
    const { t, userId, t0 } = await setup();
    const { token } = await createSession(t.db, userId, t0);
    const result = await validate(t.db, token, t0 + idleFor);
    expect(result !== null).toBe(valid);
  });

  it('keeps a session alive past the idle limit while it is used', async () => {
    const { t, userId, t0 } = await setup();
    const { token } = await createSession(t.db, userId, t0);
    expect(await validate(t.db, token, t0 + 6 * DAY)).not.toBeNull();
    // 12 days after sign-in but only 6 after the last request.
    const s = await validate(t.db, token, t0 + 12 * DAY);
    expect(s).not.toBeNull();
    expect(s!.lastVerifiedAt).toBe(t0 + 12 * DAY);
  });

  it('ends a session at the absolute lifetime even when it is used every few days', async () => {
    const { t, userId, t0 } = await setup();
    const { token } = await createSession(t.db, userId, t0);
    for (let at = t0; at < t0 + SESSION_ABSOLUTE_MS; at += 5 * DAY) {
      expect(await validate(t.db, token, at), `day ${(at - t0) / DAY}`).not.toBeNull();
    }
    expect(await validate(t.db, token, t0 + SESSION_ABSOLUTE_MS - 1)).not.toBeNull();
    expect(await validate(t.db, token, t0 + SESSION_ABSOLUTE_MS)).toBeNull();
    // And it stays ended: going back in time does not revive it.
    expect(await validate(t.db, token, t0 + DAY)).toBeNull();
  });

  it('deletes an expired session from the database', async () => {
    const { t, userId, t0 } = await setup();
    const { token } = await createSession(t.db, userId, t0);
    await validate(t.db, token, t0 + SESSION_IDLE_MS);
    expect(await sessionCount(t, userId)).toBe(0);
  });

  it('reports when the cookie should stop: the earlier of the idle and the absolute limit', async () => {
    const { t, userId, t0 } = await setup();
    const { session } = await createSession(t.db, userId, t0);
    expect(sessionExpiresAt(session)).toBe(t0 + SESSION_IDLE_MS);
    expect(sessionExpiresAt({ ...session, lastVerifiedAt: t0 + 28 * DAY })).toBe(t0 + SESSION_ABSOLUTE_MS);
  });
});

describe('ending sessions', () => {
  it('invalidateSession ends that session only', async () => {
    const { t, userId, t0 } = await setup();
    const a = await createSession(t.db, userId, t0);
    const b = await createSession(t.db, userId, t0);
    await invalidateSession(t.db, a.session.id);
    expect(await validateSessionToken(t.db, a.token, t0)).toBeNull();
    expect(await validateSessionToken(t.db, b.token, t0)).not.toBeNull();
  });

  it("invalidateUserSessions ends every session of the user and no one else's", async () => {
    const { t, userId, otherId, t0 } = await setup();
    const mine = [await createSession(t.db, userId, t0), await createSession(t.db, userId, t0)];
    const theirs = await createSession(t.db, otherId, t0);
    expect(await invalidateUserSessions(t.db, userId)).toBe(2);
    for (const s of mine) expect(await validateSessionToken(t.db, s.token, t0)).toBeNull();
    expect(await validateSessionToken(t.db, theirs.token, t0)).not.toBeNull();
  });

  it('invalidateUserSessions can keep one session (the caller’s own)', async () => {
    const { t, userId, t0 } = await setup();
    const current = await createSession(t.db, userId, t0);
    const others = [await createSession(t.db, userId, t0), await createSession(t.db, userId, t0)];
    expect(await invalidateUserSessions(t.db, userId, current.session.id)).toBe(2);
    expect(await validateSessionToken(t.db, current.token, t0)).not.toBeNull();
    for (const s of others) expect(await validateSessionToken(t.db, s.token, t0)).toBeNull();
  });
});

describe('purgeExpiredSessions', () => {
  it('deletes sessions past their idle or absolute end, and keeps the live ones', async () => {
    const { t, userId, otherId, t0 } = await setup();
    await createSession(t.db, userId, t0 - SESSION_ABSOLUTE_MS - 1); // past the absolute end
    const idle = await createSession(t.db, userId, t0 - SESSION_IDLE_MS - 1); // idle too long
    await t.db.updateTable('sessions').set({ last_verified_at: t0 - SESSION_IDLE_MS - 1 }).where('id', '=', idle.session.id).execute();
    const live = await createSession(t.db, otherId, t0 - DAY);
    await purgeExpiredSessions(t.db, t0);
    expect(await sessionCount(t, userId)).toBe(0);
    expect(await sessionCount(t, otherId)).toBe(1);
    expect(await validateSessionToken(t.db, live.token, t0)).not.toBeNull();
  });
});
