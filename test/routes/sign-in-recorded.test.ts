// Every session start is a sign-in: the Users list's "Last sign-in" is set whichever way a person got in,
// not only through the sign-in form.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findUserByEmail } from '../../src/db/queries/users.js';
import { makeApp, post } from '../support/app.js';
import { emailedLink, inviteOne, pathOf, spaceWithOwner } from '../support/invitations.js';
import { startProvider, type TestProvider } from '../support/oidc-provider.js';
import { signInWithProvider } from '../support/sso-flow.js';

let op: TestProvider;
beforeAll(async () => {
  op = await startProvider('http://localhost:3000/login/oidc/callback');
});
afterAll(() => op.close());

const lastSignIn = async (t: Awaited<ReturnType<typeof makeApp>>, email: string) => (await findUserByEmail(t.db, email))!.lastLoginAt;

describe('the last sign-in time', () => {
  it('is set by first-run setup, which signs the owner in', async () => {
    const t = await makeApp();
    const res = await post(t, '/setup', {
      token: t.setupToken,
      spaceName: 'Acme',
      displayName: 'Olivia Owner',
      email: 'olivia@example.com',
      password: 'a long enough passphrase',
    });
    expect(res.status).toBe(303);
    expect(await lastSignIn(t, 'olivia@example.com')).toBe(t.deps.now());
  });

  it('is set by accepting an invitation from its link', async () => {
    const t = await makeApp();
    const { admin } = await spaceWithOwner(t);
    await inviteOne(t, admin, 'nina@example.com', { profile: 'explorer' });
    const res = await post(t, pathOf(await emailedLink(t, 'nina@example.com')), { displayName: 'Nina', password: 'a long enough password' });
    expect(res.status).toBe(303);
    expect(await lastSignIn(t, 'nina@example.com')).toBe(t.deps.now());
  });

  it('is set by accepting an invitation through single sign-on', async () => {
    op.setIdTokenTtl(300);
    const t = await makeApp({ OIDC_ISSUER: op.issuer, OIDC_CLIENT_ID: op.clientId, OIDC_CLIENT_SECRET: op.clientSecret });
    t.clock.now = Date.now(); // the provider stamps its tokens with the real time
    const { admin } = await spaceWithOwner(t);
    await inviteOne(t, admin, 'ivy@example.com', { profile: 'explorer' });
    op.signInAs({ sub: 'ivy-1', email: 'ivy@example.com', emailVerified: true, name: 'Ivy' });
    const { res } = await signInWithProvider(t);
    expect(res.status).toBe(303);
    expect(await lastSignIn(t, 'ivy@example.com')).toBe(t.deps.now());
  });
});
