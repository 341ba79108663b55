import { describe, expect, it } from 'vitest';
import { createPasswordHasher, hashParams } from '../../src/auth/password.js';
import { listAuditEvents } from '../../src/db/queries/audit.js';
import { findPasswordHash, insertUser } from '../../src/db/queries/users.js';
import { field } from '../support/html.js';
import { addUser, cookieFrom, get, makeApp, ORIGIN, PASSWORD, post, withSpace, type TestApp } from '../support/app.js';

const NEW_PASSWORD = 'a brand new passphrase';
const WRONG = 'not the password';

/** A form POST as a browser on a given socket address sends it (app.request's third argument is node-server's env). */
function postFrom(t: TestApp, path: string, form: Record<string, string>, remoteAddress: string, headers: Record<string, string> = {}) {
  return t.app.request(
    path,
    {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: ORIGIN, ...headers },
      body: new URLSearchParams(form).toString(),
    },
    { incoming: { socket: { remoteAddress } } },
  );
}

const signIn = (t: TestApp, email: string, password: string, next?: string) =>
  post(t, '/login', { email, password, ...(next === undefined ? {} : { next }) });

async function signedIn(t: TestApp, email: string, password = PASSWORD): Promise<string> {
  const res = await signIn(t, email, password);
  expect(res.status, `sign-in of ${email}`).toBe(303);
  return cookieFrom(res)!;
}

/** Whether a cookie still opens a signed-in page. */
async function works(t: TestApp, cookie: string): Promise<boolean> {
  const res = await get(t, '/account', { cookie });
  if (res.status === 200) return true;
  expect(res.status).toBe(303);
  expect(res.headers.get('location')).toMatch(/^\/login/);
  return false;
}

const outboxTo = async (t: TestApp, address: string) =>
  t.db.selectFrom('outbox').select(['id', 'kind']).where('to_address', '=', address).execute();

/** Asks for a reset link through the form, lets the mail worker send it, and returns the link's path. */
async function resetLinkFor(t: TestApp, email: string): Promise<string> {
  const res = await post(t, '/forgot-password', { email });
  expect(res.status).toBe(200);
  await t.worker.runOnce();
  const mail = t.mailer.sent.filter((m) => m.to === email).pop();
  if (!mail) throw new Error(`no email was sent to ${email}`);
  const m = /https?:\/\/\S*\/reset-password\/[A-Za-z0-9._~-]+/.exec(mail.text);
  if (!m) throw new Error(`no reset link in: ${mail.text}`);
  const link = new URL(m[0]);
  expect(link.origin, 'links are built from PUBLIC_URL').toBe(t.config.publicUrl.origin);
  return link.pathname;
}

describe('signing in with an old hash', () => {
  async function userWithWeakHash(t: TestApp) {
    const weak = createPasswordHasher({ N: 2 ** 9, r: 8, p: 1 }); // weaker than the app's hasher
    return insertUser(t.db, {
      email: 'old@example.com',
      displayName: 'Old Hash',
      passwordHash: await weak.hash(PASSWORD),
      profile: 'reader',
      createdAt: t.deps.now(),
    });
  }

  it('upgrades a hash made with weaker parameters at the next sign-in', async () => {
    const t = await makeApp();
    await withSpace(t);
    const id = await userWithWeakHash(t);
    expect((await signIn(t, 'old@example.com', PASSWORD)).status).toBe(303);
    const stored = (await findPasswordHash(t.db, id))!;
    expect(hashParams(stored)).toEqual(t.deps.hasher.params);
    expect(await t.deps.hasher.verify(stored, PASSWORD)).toBe(true);
  });

  it('rehashes a hash made with more memory than today (the former N=2^17 default, scaled down)', async () => {
    const t = await makeApp();
    await withSpace(t);
    const bigger = createPasswordHasher({ ...t.deps.hasher.params, N: t.deps.hasher.params.N * 4 });
    const id = await insertUser(t.db, { email: 'big@example.com', displayName: 'Big Hash', passwordHash: await bigger.hash(PASSWORD), profile: 'reader', createdAt: t.deps.now() });
    expect((await signIn(t, 'big@example.com', PASSWORD)).status).toBe(303);
    expect(hashParams((await findPasswordHash(t.db, id))!)).toEqual(t.deps.hasher.params);
  });

  it('does not touch the hash after a failed sign-in', async () => {
    const t = await makeApp();
    await withSpace(t);
    const id = await userWithWeakHash(t);
    const before = await findPasswordHash(t.db, id);
    expect((await signIn(t, 'old@example.com', WRONG)).status).toBe(401);
    expect(await findPasswordHash(t.db, id)).toBe(before);
  });
});

describe('sign-in rate limits', () => {
  it('allows 10 attempts per account, then answers 429 with Retry-After, even for the right password', async () => {
    const t = await makeApp();
    await withSpace(t);
    for (let i = 1; i <= 10; i++) {
      const res = await postFrom(t, '/login', { email: 'owner@example.com', password: WRONG }, '10.0.0.9');
      expect(res.status, `attempt ${i}`).toBe(401);
    }
    const blocked = await postFrom(t, '/login', { email: 'owner@example.com', password: PASSWORD }, '10.0.0.9');
    expect(blocked.status).toBe(429);
    const retryAfter = Number(blocked.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    expect(cookieFrom(blocked)).toBeNull();
    expect(await blocked.text()).toMatch(/Too many sign-in attempts/);
  });

  it('counts the account by its address, whatever the case or spaces', async () => {
    const t = await makeApp();
    await withSpace(t);
    const spellings = ['owner@example.com', 'OWNER@example.com', ' Owner@Example.COM ', 'owner@EXAMPLE.com'];
    for (let i = 0; i < 10; i++) {
      const res = await postFrom(t, '/login', { email: spellings[i % spellings.length]!, password: WRONG }, '10.0.1.1');
      expect(res.status).toBe(401);
    }
    const res = await postFrom(t, '/login', { email: 'owner@example.com', password: PASSWORD }, '10.0.1.1');
    expect(res.status).toBe(429);
  });

  it('limits one account without locking out another', async () => {
    const t = await makeApp();
    await withSpace(t);
    await addUser(t, { email: 'ada@example.com' });
    for (let i = 0; i < 11; i++) await postFrom(t, '/login', { email: 'owner@example.com', password: WRONG }, '10.0.0.9');
    const other = await postFrom(t, '/login', { email: 'ada@example.com', password: PASSWORD }, '10.0.0.9');
    expect(other.status).toBe(303);
  });

  it('lets the account try again once the 15-minute window has passed', async () => {
    const t = await makeApp();
    await withSpace(t);
    for (let i = 0; i < 10; i++) await postFrom(t, '/login', { email: 'owner@example.com', password: WRONG }, '10.0.0.9');
    expect((await postFrom(t, '/login', { email: 'owner@example.com', password: PASSWORD }, '10.0.0.9')).status).toBe(429);
    t.clock.advance(15 * 60_000);
    expect((await postFrom(t, '/login', { email: 'owner@example.com', password: PASSWORD }, '10.0.0.9')).status).toBe(303);
  });

  /** 50 failed attempts from one socket, each for a different account and claiming a different X-Forwarded-For. */
  async function fiftyFrom(t: TestApp, socket: string) {
    for (let i = 0; i < 50; i++) {
      const res = await postFrom(t, '/login', { email: `nobody${i}@example.com`, password: WRONG }, socket, {
        'x-forwarded-for': `203.0.113.${i}`,
      });
      expect(res.status, `attempt ${i + 1}`).toBe(401);
    }
  }

  it('limits per client address by the socket address, ignoring X-Forwarded-For by default', async () => {
    const t = await makeApp();
    await withSpace(t);
    await fiftyFrom(t, '10.0.0.9');
    const fresh = { email: 'someone-new@example.com', password: WRONG };
    const spoofed = await postFrom(t, '/login', fresh, '10.0.0.9', { 'x-forwarded-for': '198.51.100.77' });
    expect(spoofed.status).toBe(429);
    expect(spoofed.headers.get('retry-after')).toMatch(/^\d+$/);
    // Another socket address is a different client.
    expect((await postFrom(t, '/login', fresh, '10.0.0.10')).status).toBe(401);
  });

  it('with TRUST_PROXY=true, limits per the last X-Forwarded-For entry (the one our proxy appended)', async () => {
    const t = await makeApp({ TRUST_PROXY: 'true' });
    await withSpace(t);
    await fiftyFrom(t, '10.0.0.1'); // the proxy's socket, with 50 different client addresses
    const fresh = { email: 'someone-new@example.com', password: WRONG };
    expect((await postFrom(t, '/login', fresh, '10.0.0.1', { 'x-forwarded-for': '198.51.100.77' })).status).toBe(401);
    // 50 more from one client: the 51st is refused, and a forged first entry does not help.
    for (let i = 0; i < 50; i++) {
      await postFrom(t, '/login', { email: `again${i}@example.com`, password: WRONG }, '10.0.0.1', { 'x-forwarded-for': '198.51.100.8' });
    }
    const forged = await postFrom(t, '/login', fresh, '10.0.0.1', { 'x-forwarded-for': '1.2.3.4, 198.51.100.8' });
    expect(forged.status).toBe(429);
  });
});

describe('forgotten password', () => {
  it('gives the identical page for a known and an unknown address; only the known one queues an email', async () => {
    const t = await makeApp();
    await withSpace(t);
    const known = await post(t, '/forgot-password', { email: 'owner@example.com' });
    const unknown = await post(t, '/forgot-password', { email: 'nobody@example.com' });
    expect(known.status).toBe(200);
    expect(unknown.status).toBe(200);
    expect(await known.text()).toBe(await unknown.text());
    expect(await outboxTo(t, 'owner@example.com')).toHaveLength(1);
    expect(await outboxTo(t, 'nobody@example.com')).toHaveLength(0);
    expect(await t.db.selectFrom('outbox').select('id').execute()).toHaveLength(1);
  });

  it('rejects a malformed address with 422, the message next to the field and the value kept', async () => {
    const t = await makeApp();
    await withSpace(t);
    const res = await post(t, '/forgot-password', { email: 'not-an-address' });
    expect(res.status).toBe(422);
    const f = field(await res.text(), 'email');
    expect(f.value).toBe('not-an-address');
    expect(f.error).toMatch(/valid email address/);
    expect(await t.db.selectFrom('outbox').select('id').execute()).toHaveLength(0);
  });

  it('limits requests per account: the 6th in an hour gets 429 and no email', async () => {
    const t = await makeApp();
    await withSpace(t);
    for (let i = 0; i < 5; i++) expect((await post(t, '/forgot-password', { email: 'owner@example.com' })).status).toBe(200);
    const res = await post(t, '/forgot-password', { email: 'owner@example.com' });
    expect(res.status).toBe(429);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await outboxTo(t, 'owner@example.com')).toHaveLength(5);
  });
});

describe('reset link', () => {
  it('works once: sets the new password, then answers 410', async () => {
    const t = await makeApp();
    await withSpace(t);
    const path = await resetLinkFor(t, 'owner@example.com');
    const form = await get(t, path);
    expect(form.status).toBe(200);
    expect(await form.text()).toContain('Choose a new password');
    const res = await post(t, path, { password: NEW_PASSWORD, confirm: NEW_PASSWORD });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/login?notice=password_reset');
    expect((await signIn(t, 'owner@example.com', PASSWORD)).status).toBe(401);
    expect((await signIn(t, 'owner@example.com', NEW_PASSWORD)).status).toBe(303);
    // Used: neither the page nor the form work any more.
    expect((await get(t, path)).status).toBe(410);
    const again = await post(t, path, { password: 'yet another passphrase', confirm: 'yet another passphrase' });
    expect(again.status).toBe(410);
    expect((await signIn(t, 'owner@example.com', NEW_PASSWORD)).status).toBe(303);
  });

  it.each([
    { after: 0, works: true },
    { after: 59 * 60_000, works: true },
    { after: 60 * 60_000, works: false },
    { after: 24 * 60 * 60_000, works: false },
  ])('after $after ms: works=$works (links last one hour)', async ({ after, works: ok }) => {
    const t = await makeApp();
    await withSpace(t);
    const path = await resetLinkFor(t, 'owner@example.com');
    t.clock.advance(after);
    expect((await get(t, path)).status).toBe(ok ? 200 : 410);
    const res = await post(t, path, { password: NEW_PASSWORD, confirm: NEW_PASSWORD });
    expect(res.status).toBe(ok ? 303 : 410);
    expect((await signIn(t, 'owner@example.com', NEW_PASSWORD)).status).toBe(ok ? 303 : 401);
  });

  // Regression test: this once failed (see the commit that fixed it).
  it('the reset page sends Referrer-Policy: no-referrer (the URL holds the token)', async () => {
    const t = await makeApp();
    await withSpace(t);
    const res = await get(t, await resetLinkFor(t, 'owner@example.com'));
    expect(res.status).toBe(200);
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
  });

  it('a newer link replaces the older one', async () => {
    const t = await makeApp();
    await withSpace(t);
    const first = await resetLinkFor(t, 'owner@example.com');
    const second = await resetLinkFor(t, 'owner@example.com');
    expect(second).not.toBe(first);
    expect((await get(t, first)).status).toBe(410);
    expect((await get(t, second)).status).toBe(200);
  });

  it.each([
    { what: 'a made-up token', path: '/reset-password/abcdefghijkmnpqrstuvwxyz23.0123456789abcdef0123456789abcdef01234567' },
    { what: 'garbage', path: '/reset-password/x' },
  ])('answers 410 for $what', async ({ path }) => {
    const t = await makeApp();
    await withSpace(t);
    expect((await get(t, path)).status).toBe(410);
    expect((await post(t, path, { password: NEW_PASSWORD, confirm: NEW_PASSWORD })).status).toBe(410);
  });

  it('a tampered secret does not work', async () => {
    const t = await makeApp();
    await withSpace(t);
    const path = await resetLinkFor(t, 'owner@example.com');
    const last = path.slice(-1);
    const tampered = path.slice(0, -1) + (last === 'a' ? 'b' : 'a');
    expect((await get(t, tampered)).status).toBe(410);
    expect((await post(t, tampered, { password: NEW_PASSWORD, confirm: NEW_PASSWORD })).status).toBe(410);
    expect((await get(t, path)).status).toBe(200);
  });

  it('ends every session of the account', async () => {
    const t = await makeApp();
    await withSpace(t);
    const laptop = await signedIn(t, 'owner@example.com');
    const phone = await signedIn(t, 'owner@example.com');
    expect(await works(t, laptop)).toBe(true);
    const path = await resetLinkFor(t, 'owner@example.com');
    // Even when the reset is done from a signed-in browser.
    expect((await post(t, path, { password: NEW_PASSWORD, confirm: NEW_PASSWORD }, { cookie: phone })).status).toBe(303);
    expect(await works(t, laptop)).toBe(false);
    expect(await works(t, phone)).toBe(false);
    expect(await t.db.selectFrom('sessions').select('id').execute()).toHaveLength(0);
  });

  it.each([
    { form: { password: 'short', confirm: 'short' }, errorOn: 'password', message: /at least 8/ },
    { form: { password: NEW_PASSWORD, confirm: 'something else' }, errorOn: 'confirm', message: /not the same/ },
  ])('re-shows the form with 422 and the message next to $errorOn', async ({ form, errorOn, message }) => {
    const t = await makeApp();
    await withSpace(t);
    const path = await resetLinkFor(t, 'owner@example.com');
    const res = await post(t, path, form);
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(field(html, errorOn).error).toMatch(message);
    expect(html).not.toContain(NEW_PASSWORD); // passwords are never echoed
    // Nothing was used up: the link still works.
    expect((await post(t, path, { password: NEW_PASSWORD, confirm: NEW_PASSWORD })).status).toBe(303);
  });
});

describe('?next= after sign-in', () => {
  it.each([
    { next: '/account', to: '/account' },
    { next: '/audit?action=session.signed_in', to: '/audit?action=session.signed_in' },
    { next: '', to: '/' },
    { next: '//evil.com', to: '/' },
    { next: '//evil.com/account', to: '/' },
    { next: 'https://evil.com', to: '/' },
    { next: 'https://evil.com/account', to: '/' },
    { next: '/\\evil.com', to: '/' },
    { next: '\\\\evil.com', to: '/' },
    { next: 'evil.com', to: '/' },
    { next: 'javascript:alert(1)', to: '/' },
    { next: '/\t/evil.com', to: '/' },
    { next: '/\n/evil.com', to: '/' },
  ])('next=$next goes to $to', async ({ next, to }) => {
    const t = await makeApp();
    await withSpace(t);
    const res = await signIn(t, 'owner@example.com', PASSWORD, next);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(to);
    // A signed-in visit to /login?next= follows the same rule.
    const again = await get(t, `/login?next=${encodeURIComponent(next)}`, { cookie: cookieFrom(res)! });
    expect(again.status).toBe(303);
    expect(again.headers.get('location')).toBe(to);
  });

  it('a protected page sends a signed-out visitor to sign in and back to it', async () => {
    const t = await makeApp();
    await withSpace(t);
    const res = await get(t, '/account');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/login?next=%2Faccount');
    const page = await (await get(t, '/login?next=%2Faccount')).text();
    expect(page).toMatch(/<input[^>]*name="next"[^>]*value="\/account"|<input[^>]*value="\/account"[^>]*name="next"/);
  });
});

describe('signing out', () => {
  it('ends the session on the server: the old cookie no longer works', async () => {
    const t = await makeApp();
    await withSpace(t);
    const cookie = await signedIn(t, 'owner@example.com');
    const other = await signedIn(t, 'owner@example.com');
    const res = await post(t, '/logout', {}, { cookie });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/login?notice=signed_out');
    expect(res.headers.getSetCookie().some((c) => /^launchpad_session=;/.test(c) && /Max-Age=0/.test(c))).toBe(true);
    // Replaying the old cookie (as a copy of it would) does not work.
    expect(await works(t, cookie)).toBe(false);
    // Only this session ended.
    expect(await works(t, other)).toBe(true);
    const events = await listAuditEvents(t.db, { action: 'session.signed_out', limit: 5 });
    expect(events).toHaveLength(1);
  });
});

describe('My account', () => {
  it('changes the display name through the form', async () => {
    const t = await makeApp();
    const owner = await withSpace(t);
    const res = await post(t, '/account/name', { displayName: '  Ada Lovelace  ' }, { cookie: owner.cookie });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/account?notice=name_saved');
    const page = await (await get(t, '/account?notice=name_saved', { cookie: owner.cookie })).text();
    expect(field(page, 'displayName').value).toBe('Ada Lovelace');
    expect(page).toContain('Your name has been saved.');
  });

  it.each([
    { typed: '', message: 'Enter a name.' },
    { typed: '   ', message: 'Enter a name.' },
    { typed: 'A'.repeat(101), message: 'Use at most 100 characters.' },
    { typed: 'Ada\u0007Lovelace', message: 'Remove the control characters.' },
  ])('refuses the name "$typed" with 422, the message next to the field and the typed value kept', async ({ typed, message }) => {
    const t = await makeApp();
    const owner = await withSpace(t);
    const res = await post(t, '/account/name', { displayName: typed }, { cookie: owner.cookie });
    expect(res.status).toBe(422);
    const f = field(await res.text(), 'displayName');
    expect(f.error).toBe(message);
    expect(f.invalid).toBe(true);
    expect(f.value).toBe(typed);
    const row = await t.db.selectFrom('users').select('display_name').where('id', '=', owner.id).executeTakeFirstOrThrow();
    expect(row.display_name).toBe('Olivia Owner');
  });

  it('changes the password through the form, ending the other sessions only', async () => {
    const t = await makeApp();
    await withSpace(t);
    const here = await signedIn(t, 'owner@example.com');
    const elsewhere = await signedIn(t, 'owner@example.com');
    const res = await post(t, '/account/password', { current: PASSWORD, password: NEW_PASSWORD, confirm: NEW_PASSWORD }, { cookie: here });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/account?notice=password_changed');
    expect(await works(t, here)).toBe(true);
    expect(await works(t, elsewhere)).toBe(false);
    expect((await signIn(t, 'owner@example.com', PASSWORD)).status).toBe(401);
    expect((await signIn(t, 'owner@example.com', NEW_PASSWORD)).status).toBe(303);
  });

  it.each([
    { what: 'a wrong current password', form: { current: WRONG, password: NEW_PASSWORD, confirm: NEW_PASSWORD }, errorOn: 'current', message: 'This is not your current password.' },
    { what: 'no current password', form: { current: '', password: NEW_PASSWORD, confirm: NEW_PASSWORD }, errorOn: 'current', message: 'Enter your current password.' },
    { what: 'a short new password', form: { current: PASSWORD, password: 'short', confirm: 'short' }, errorOn: 'password', message: 'Use at least 8 characters.' },
    { what: 'a too long new password', form: { current: PASSWORD, password: 'x'.repeat(257), confirm: 'x'.repeat(257) }, errorOn: 'password', message: 'Use at most 256 characters.' },
    { what: 'a mismatched confirmation', form: { current: PASSWORD, password: NEW_PASSWORD, confirm: 'a brand new passphrasE' }, errorOn: 'confirm', message: 'The two passwords are not the same.' },
  ])('refuses $what with 422 and the message next to the field, changing nothing', async ({ form, errorOn, message }) => {
    const t = await makeApp();
    await withSpace(t);
    const here = await signedIn(t, 'owner@example.com');
    const elsewhere = await signedIn(t, 'owner@example.com');
    const res = await post(t, '/account/password', form, { cookie: here });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(field(html, errorOn).error).toBe(message);
    // Passwords are never echoed back into the page.
    for (const name of ['current', 'password', 'confirm']) expect(field(html, name).value).toBe('');
    expect(html).not.toContain(NEW_PASSWORD);
    expect(await works(t, elsewhere)).toBe(true);
    expect((await signIn(t, 'owner@example.com', PASSWORD)).status).toBe(303);
  });
});
