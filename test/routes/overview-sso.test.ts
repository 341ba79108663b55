// The Overview tells space admins what to register at the provider; other members are not shown it.
import { describe, expect, it } from 'vitest';
import { SPACE_ADMINISTRATORS } from '../../src/services/setup.js';
import { addUser, get, makeApp, withSpace } from '../support/app.js';

const SSO = { OIDC_ISSUER: 'https://login.example.com/realms/acme', OIDC_CLIENT_ID: 'launchpad', OIDC_CLIENT_SECRET: 's', OIDC_NAME: 'Keycloak' };

describe('the Overview with single sign-on configured', () => {
  it('shows admins the provider and the redirect URI built from PUBLIC_URL', async () => {
    const t = await makeApp({ ...SSO, PUBLIC_URL: 'https://launchpad.example.com', OIDC_ONLY: 'true' });
    const owner = await withSpace(t);
    const admin = await addUser(t, { email: 'admin@example.com', profile: 'designer', groups: [{ name: SPACE_ADMINISTRATORS }] });
    for (const cookie of [owner.cookie, admin.cookie].map((c) => c.replace('launchpad_session=', '__Host-launchpad_session='))) {
      const html = await (await get(t, '/', { cookie })).text();
      expect(html).toContain('https://launchpad.example.com/login/oidc/callback');
      expect(html).toContain('Members sign in with Keycloak');
      expect(html).toContain('Password sign-in and password reset are off for everyone but the owner.');
    }
  });

  it('does not show it to a member who is not an admin, nor when no provider is configured', async () => {
    const t = await makeApp(SSO);
    await withSpace(t);
    const reader = await addUser(t, { email: 'reader@example.com' });
    expect(await (await get(t, '/', { cookie: reader.cookie })).text()).not.toContain('/login/oidc/callback');
    const plain = await makeApp();
    const owner = await withSpace(plain);
    expect(await (await get(plain, '/', { cookie: owner.cookie })).text()).not.toContain('Single sign-on');
  });
});
