// OIDC_ONLY: passwords are the owner's way back in when the provider is down; every other member signs
// in with the provider. The refusals look like an unknown address, so nobody learns who the owner is.
import { describe, expect, it } from 'vitest';
import { createPasswordResetLink } from '../../src/services/password-reset.js';
import { addUser, cookieFrom, get, makeApp, PASSWORD, post, withSpace, type TestApp } from '../support/app.js';

/** The provider is never called here: password sign-in does not need it. */
const SSO = { OIDC_ISSUER: 'http://127.0.0.1:9', OIDC_CLIENT_ID: 'launchpad', OIDC_CLIENT_SECRET: 'secret', OIDC_NAME: 'Acme SSO' };

async function space(env: Record<string, string>) {
  const t = await makeApp(env);
  const owner = await withSpace(t);
  const member = await addUser(t, { email: 'mia@example.com', profile: 'explorer' });
  return { t, owner, member };
}

const signIn = (t: TestApp, email: string) => post(t, '/login', { email, password: PASSWORD });

async function resetMailsTo(t: TestApp, email: string) {
  await t.worker.runOnce();
  return t.mailer.sent.filter((m) => m.to === email).length;
}

describe('with OIDC_ONLY=true', () => {
  it('tells everyone on the sign-in page that passwords are for the owner only', async () => {
    const { t } = await space({ ...SSO, OIDC_ONLY: 'true' });
    const html = await (await get(t, '/login')).text();
    expect(html).toContain('Sign in with Acme SSO');
    expect(html).toContain('Password sign-in is only for the space owner');
  });

  it('refuses a member’s right password with the answer a wrong one gets', async () => {
    const { t } = await space({ ...SSO, OIDC_ONLY: 'true' });
    const res = await signIn(t, 'mia@example.com');
    expect(res.status).toBe(401);
    expect(await res.text()).toContain('The email or password is incorrect.');
    expect(cookieFrom(res)).toBeNull();
  });

  it('still lets the owner sign in with a password', async () => {
    const { t } = await space({ ...SSO, OIDC_ONLY: 'true' });
    const res = await signIn(t, 'owner@example.com');
    expect(res.status).toBe(303);
    expect(cookieFrom(res)).not.toBeNull();
  });

  it('sends a member no reset link, with the same answer as for anyone, and still sends the owner one', async () => {
    const { t } = await space({ ...SSO, OIDC_ONLY: 'true' });
    const member = await post(t, '/forgot-password', { email: 'mia@example.com' });
    const owner = await post(t, '/forgot-password', { email: 'owner@example.com' });
    expect(member.status).toBe(200);
    expect(await member.text()).toBe(await owner.text());
    expect(await resetMailsTo(t, 'mia@example.com')).toBe(0);
    expect(await resetMailsTo(t, 'owner@example.com')).toBe(1);
  });

  it('refuses a member’s reset link made before it was turned on, and the command line makes none', async () => {
    const before = await space({ ...SSO, OIDC_ONLY: 'false' });
    const made = await createPasswordResetLink(before.t.deps, 'mia@example.com', { kind: 'operator', label: 'test' });
    if (!made.ok) throw new Error('no link');
    before.t.deps.config.oidcOnly = true; // the server restarted with OIDC_ONLY=true on the same database

    const path = new URL(made.link).pathname;
    expect((await get(before.t, path)).status).toBe(410);
    expect((await post(before.t, path, { password: 'a brand new password 1', confirm: 'a brand new password 1' })).status).toBe(410);
    expect(await createPasswordResetLink(before.t.deps, 'mia@example.com', { kind: 'operator', label: 'test' })).toEqual({
      ok: false,
      code: 'password_off',
    });
  });
});

describe('without OIDC_ONLY', () => {
  it('members sign in with their password as before, next to the provider’s button', async () => {
    const { t } = await space(SSO);
    expect((await signIn(t, 'mia@example.com')).status).toBe(303);
    expect(await (await get(t, '/login')).text()).not.toContain('Password sign-in is only for the space owner');
  });
});
