// Single sign-on against a real OpenID Provider on loopback: who gets in, who is refused, and why.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findUserByEmail, setDeactivatedAt } from '../../src/db/queries/users.js';
import { addUser, cookieFrom, get, makeApp, post, withSpace, type TestApp } from '../support/app.js';
import { startProvider, type TestAccount, type TestProvider } from '../support/oidc-provider.js';
import { CookieJar, signInWithProvider } from '../support/sso-flow.js';

let op: TestProvider;
const REDIRECT_URI = 'http://localhost:3000/login/oidc/callback';

beforeAll(async () => {
  op = await startProvider(REDIRECT_URI);
});
afterAll(() => op.close());

/** A Launchpad using the provider, its clock at the real time (the provider stamps its tokens with it). */
async function ssoApp(env: Record<string, string> = {}): Promise<TestApp> {
  op.setIdTokenTtl(300);
  const t = await makeApp({ OIDC_ISSUER: op.issuer, OIDC_CLIENT_ID: op.clientId, OIDC_CLIENT_SECRET: op.clientSecret, OIDC_NAME: 'Acme SSO', ...env });
  t.clock.now = Date.now();
  return t;
}

const account = (email: string, more: Partial<TestAccount> = {}): TestAccount => ({
  sub: `sub-${email}`,
  email,
  emailVerified: true,
  ...more,
});

async function auditActions(t: TestApp) {
  return t.db.selectFrom('audit_events').select(['action', 'actor_label', 'details']).orderBy('id').execute();
}

describe('sign-in page', () => {
  it('offers "Sign in with <name>" when a provider is configured, and not otherwise', async () => {
    const t = await ssoApp();
    await withSpace(t);
    expect(await (await get(t, '/login')).text()).toContain('Sign in with Acme SSO');
    const plain = await makeApp();
    await withSpace(plain);
    expect(await (await get(plain, '/login')).text()).not.toContain('Sign in with');
  });
});

describe('a member of the space', () => {
  it('signs in with a new session, lands where they were going, and the sign-in is recorded', async () => {
    const t = await ssoApp();
    await withSpace(t);
    await addUser(t, { email: 'mia@example.com', profile: 'explorer' });
    op.signInAs(account('Mia@Example.com'));

    const { res, jar } = await signInWithProvider(t, {}, { next: '/account' });

    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/account');
    const session = jar.get('launchpad_session');
    expect(session).toBeTruthy();
    const page = await get(t, '/account', { cookie: `launchpad_session=${session}` });
    expect(page.status).toBe(200);
    expect((await findUserByEmail(t.db, 'mia@example.com'))!.lastLoginAt).toBe(t.deps.now());
    const events = await auditActions(t);
    expect(events.at(-1)).toMatchObject({ action: 'sso.signed_in', actor_label: 'Mia@Example.com' });
    expect(JSON.parse(events.at(-1)!.details)).toEqual({ subject: 'sub-Mia@Example.com' });
  });

  it('cannot replay the callback: the sign-in works once', async () => {
    const t = await ssoApp();
    await withSpace(t);
    await addUser(t, { email: 'mia@example.com' });
    op.signInAs(account('mia@example.com'));
    const jar = new CookieJar();
    let loginCookie = '';
    const first = await signInWithProvider(t, { jar, beforeCallback: () => void (loginCookie = `launchpad_oidc=${jar.get('launchpad_oidc')}`) });
    expect(first.res.status).toBe(303);

    const replay = await t.app.request(first.callback.href, { headers: { cookie: loginCookie } });
    expect(replay.status).toBe(400);
    expect(await replay.text()).toContain('This sign-in has expired');
    expect(cookieFrom(replay)).toBeNull();
  });
});

describe('pressing the button', () => {
  it('is limited per address like password sign-in, since each press keeps a row for ten minutes', async () => {
    const t = await ssoApp();
    await withSpace(t);
    for (let i = 0; i < 50; i++) expect((await post(t, '/login/oidc', {})).status).toBe(303);
    const res = await post(t, '/login/oidc', {});
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('900');
    expect(await res.text()).toContain('Too many sign-in attempts');
    const rows = await t.db.selectFrom('oidc_logins').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(rows.n)).toBe(50);
  });

  it('keeps nothing but hashes: the browser’s secret, state and nonce are not in the table', async () => {
    const t = await ssoApp();
    await withSpace(t);
    const res = await post(t, '/login/oidc', {});
    const secret = /launchpad_oidc=[^.;]+\.([^;]+)/.exec(res.headers.get('set-cookie') ?? '')![1]!;
    const sent = new URL(res.headers.get('location')!);
    const stored = JSON.stringify(await t.db.selectFrom('oidc_logins').selectAll().execute());
    for (const value of [secret, sent.searchParams.get('state')!, sent.searchParams.get('nonce')!]) {
      expect(value.length).toBeGreaterThanOrEqual(26);
      expect(stored).not.toContain(value);
    }
    expect(sent.searchParams.get('code_challenge_method')).toBe('S256');
  });
});

describe('with OIDC_ONLY', () => {
  it('a member still signs in with the provider', async () => {
    const t = await ssoApp({ OIDC_ONLY: 'true' });
    await withSpace(t);
    await addUser(t, { email: 'mia@example.com' });
    op.signInAs(account('mia@example.com'));
    const { res, jar } = await signInWithProvider(t);
    expect(res.status).toBe(303);
    expect(jar.get('launchpad_session')).toBeTruthy();
  });
});

describe('refusals, each audited and none signing anyone in', () => {
  async function refused(t: TestApp, run: Awaited<ReturnType<typeof signInWithProvider>>, status: number, words: string, reason: string) {
    expect(run.res.status).toBe(status);
    expect(await run.res.text()).toContain(words);
    expect(run.jar.get('launchpad_session')).toBeUndefined();
    const last = (await auditActions(t)).at(-1)!;
    expect(last.action).toBe('sso.refused');
    const details = JSON.parse(last.details);
    expect(details.reason).toBe(reason);
    return details as { reason: string; detail?: string };
  }

  it('an email the provider has not verified', async () => {
    const t = await ssoApp();
    await withSpace(t);
    await addUser(t, { email: 'mia@example.com' });
    op.signInAs(account('mia@example.com', { emailVerified: false }));
    await refused(t, await signInWithProvider(t), 403, 'Your email address is not verified', 'email_unverified');
  });

  it('a state that is not the one this browser was given', async () => {
    const t = await ssoApp();
    await withSpace(t);
    await addUser(t, { email: 'mia@example.com' });
    op.signInAs(account('mia@example.com'));
    const run = await signInWithProvider(t, { callbackUrl: (u) => u.searchParams.set('state', 'forged-state-value') });
    const { detail } = await refused(t, run, 400, 'could not be checked', 'token_invalid');
    expect(detail).toMatch(/state/i);
  });

  it('a nonce in the ID token that is not the one this browser sent', async () => {
    const t = await ssoApp();
    await withSpace(t);
    await addUser(t, { email: 'mia@example.com' });
    op.signInAs(account('mia@example.com'));
    const run = await signInWithProvider(t, { authorizationUrl: (u) => u.searchParams.set('nonce', 'a-nonce-of-somebody-else') });
    const { detail } = await refused(t, run, 400, 'could not be checked', 'token_invalid');
    expect(detail).toMatch(/nonce/i);
  });

  it('an ID token that has expired', async () => {
    const t = await ssoApp();
    await withSpace(t);
    await addUser(t, { email: 'mia@example.com' });
    op.signInAs(account('mia@example.com'));
    op.setIdTokenTtl(60);
    // Five minutes pass between the button and the callback: the sign-in is still open, the minute-long token is not.
    const run = await signInWithProvider(t, { beforeCallback: () => t.clock.advance(5 * 60_000) });
    const { detail } = await refused(t, run, 400, 'could not be checked', 'token_invalid');
    expect(detail).toMatch(/"exp" \(expiration time\) claim value, expiration is past/);
  });

  it('a callback in another browser than the one that pressed the button', async () => {
    const t = await ssoApp();
    await withSpace(t);
    await addUser(t, { email: 'mia@example.com' });
    op.signInAs(account('mia@example.com'));
    await refused(t, await signInWithProvider(t, { otherBrowser: true }), 400, 'This sign-in has expired', 'login_expired');
  });

  it('a callback more than ten minutes after the button was pressed', async () => {
    const t = await ssoApp();
    await withSpace(t);
    await addUser(t, { email: 'mia@example.com' });
    op.signInAs(account('mia@example.com'));
    const late = await signInWithProvider(t, { beforeCallback: () => t.clock.advance(10 * 60_000 + 1) });
    await refused(t, late, 400, 'This sign-in has expired', 'login_expired');
  });

  it('a person who is neither a member nor invited, and no account is created', async () => {
    const t = await ssoApp();
    await withSpace(t);
    op.signInAs(account('stranger@example.com'));
    await refused(t, await signInWithProvider(t), 403, 'You are not a member of this space', 'not_member');
    expect(await findUserByEmail(t.db, 'stranger@example.com')).toBeNull();
  });

  it('a deactivated member, who is told what a stranger is told', async () => {
    const t = await ssoApp();
    await withSpace(t);
    const mia = await addUser(t, { email: 'mia@example.com' });
    await setDeactivatedAt(t.db, mia.id, t.deps.now());
    op.signInAs(account('mia@example.com'));
    const details = await refused(t, await signInWithProvider(t), 403, 'You are not a member of this space', 'not_member');
    expect(details).toMatchObject({ deactivated: true });
  });
});
