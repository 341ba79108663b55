// Revocation and sign-out, the two endpoints an instance calls when it is done with someone.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as oidc from 'openid-client';
import { addUser, withSpace } from '../support/app.js';
import { browserWith, registerInstance, relyingParty, signIn, startLaunchpad, type RunningLaunchpad } from './support.js';

let lp: RunningLaunchpad;
beforeEach(async () => {
  lp = await startLaunchpad();
  await withSpace(lp.t);
});
afterEach(() => lp.close());

describe('when the instance is done', () => {
  it('a revoked refresh token no longer refreshes', async () => {
    const member = await addUser(lp.t, { email: 'dana@example.com', profile: 'designer' });
    const rp = await relyingParty(lp, await registerInstance(lp.t));
    const tokens = await signIn(rp, member.cookie);
    await oidc.tokenRevocation(rp, tokens.refresh_token!);
    await expect(oidc.refreshTokenGrant(rp, tokens.refresh_token!)).rejects.toMatchObject({ error: 'invalid_grant' });
  });

  it('sign-out asks for confirmation on a page that cannot be framed', async () => {
    const member = await addUser(lp.t, { email: 'dana@example.com', profile: 'designer' });
    const rp = await relyingParty(lp, await registerInstance(lp.t));
    const browser = browserWith(member.cookie);
    const tokens = await signIn(rp, member.cookie, browser);
    const url = oidc.buildEndSessionUrl(rp, { id_token_hint: tokens.id_token! });
    const res = await fetch(url, { headers: { cookie: browser.header() } });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    const html = await res.text();
    expect(html).toContain('Sign out of the instances?');
    expect(html).toContain('id="op.logoutForm"');
  });

  it('the provider error page is framed by nobody either', async () => {
    const res = await fetch(`${lp.origin}/oidc/auth?client_id=lpi_unknown&response_type=code&scope=openid`);
    expect(res.status).toBe(400);
    expect(res.headers.get('content-security-policy')).toBe("frame-ancestors 'none'");
    expect(await res.text()).toContain('This instance could not sign you in');
  });
});
