// What the provider refuses, and where: a wrong redirect URI before any sign-in, a request without PKCE,
// a reader at a designers-only instance. And a signed-out member signs in at the Launchpad and comes back.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as oidc from 'openid-client';
import { addUser, PASSWORD, withSpace } from '../support/app.js';
import { authorizationRequest, browse, browserWith, REDIRECT_URI, registerInstance, relyingParty, startLaunchpad, type RunningLaunchpad } from './support.js';

let lp: RunningLaunchpad;
beforeEach(async () => {
  lp = await startLaunchpad();
  await withSpace(lp.t);
});
afterEach(() => lp.close());

describe('the authorization request', () => {
  it.each([
    ['another host', 'https://evil.example.com/oidc/callback'],
    ['a longer path', `${REDIRECT_URI}/more`],
    ['an added query', `${REDIRECT_URI}?x=1`],
    ['another scheme', REDIRECT_URI.replace('https:', 'http:')],
  ])('with %s as redirect URI is refused on the spot, before any sign-in', async (_, redirectUri) => {
    const rp = await relyingParty(lp, await registerInstance(lp.t));
    const auth = await authorizationRequest(rp, { redirect_uri: redirectUri });
    const run = await browse(auth.url, browserWith(), redirectUri);
    expect(run.callback).toBeNull();
    expect(run.path).toEqual(['/oidc/auth']); // never sent to /login, never back to the instance
    expect(run.res.status).toBe(400);
    const html = await run.res.text();
    expect(html).toContain('This instance could not sign you in');
    expect(html).toContain('redirect_uri');
  });

  it('without PKCE is refused, back at the instance with invalid_request', async () => {
    const member = await addUser(lp.t, { email: 'dana@example.com', profile: 'designer' });
    const rp = await relyingParty(lp, await registerInstance(lp.t));
    const auth = await authorizationRequest(rp);
    auth.url.searchParams.delete('code_challenge');
    auth.url.searchParams.delete('code_challenge_method');
    const run = await browse(auth.url, browserWith(member.cookie));
    expect(run.callback?.searchParams.get('error')).toBe('invalid_request');
    expect(run.callback?.searchParams.get('error_description')).toMatch(/PKCE/);
    expect(run.callback?.searchParams.get('code')).toBeNull();
  });

  it('with a plain PKCE challenge is refused too (S256 only)', async () => {
    const member = await addUser(lp.t, { email: 'dana@example.com', profile: 'designer' });
    const rp = await relyingParty(lp, await registerInstance(lp.t));
    const auth = await authorizationRequest(rp, { code_challenge_method: 'plain' });
    const run = await browse(auth.url, browserWith(member.cookie));
    expect(run.callback?.searchParams.get('error')).toBe('invalid_request');
  });

  it('from a code exchanged without its verifier gets no tokens', async () => {
    const member = await addUser(lp.t, { email: 'dana@example.com', profile: 'designer' });
    const rp = await relyingParty(lp, await registerInstance(lp.t));
    const auth = await authorizationRequest(rp);
    const run = await browse(auth.url, browserWith(member.cookie));
    await expect(
      oidc.authorizationCodeGrant(rp, run.callback!, { pkceCodeVerifier: oidc.randomPKCECodeVerifier(), expectedState: auth.state }),
    ).rejects.toMatchObject({ error: 'invalid_grant' });
  });
});

describe('who may sign in', () => {
  it('a designers-only instance refuses a reader with a page that says why', async () => {
    const reader = await addUser(lp.t, { email: 'rita@example.com', profile: 'reader' });
    const rp = await relyingParty(lp, await registerInstance(lp.t, { designersOnly: true }));
    const run = await browse((await authorizationRequest(rp)).url, browserWith(reader.cookie));
    expect(run.callback).toBeNull();
    expect(run.res.status).toBe(403);
    const html = await run.res.text();
    expect(html).toContain('Design node is for designers only');
    expect(html).toContain('<strong>reader</strong>');
  });

  it('a designers-only instance admits a designer', async () => {
    const designer = await addUser(lp.t, { email: 'dana@example.com', profile: 'designer' });
    const rp = await relyingParty(lp, await registerInstance(lp.t, { designersOnly: true }));
    const run = await browse((await authorizationRequest(rp)).url, browserWith(designer.cookie));
    expect(run.callback?.searchParams.get('code')).toBeTruthy();
  });

  it('a signed-out member is sent to the Launchpad sign-in, and comes back to the instance after it', async () => {
    await addUser(lp.t, { email: 'dana@example.com', profile: 'designer' });
    const rp = await relyingParty(lp, await registerInstance(lp.t));
    const auth = await authorizationRequest(rp);
    const jar = browserWith();
    const first = await browse(auth.url, jar, `${lp.origin}/login`);
    const login = first.callback!;
    const next = login.searchParams.get('next')!;
    expect(next).toMatch(/^\/instance-sign-in\/[\w-]+$/);

    const signedIn = await fetch(`${lp.origin}/login`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: lp.origin, cookie: jar.header() },
      body: new URLSearchParams({ email: 'dana@example.com', password: PASSWORD, next }),
    });
    expect(signedIn.status).toBe(303);
    jar.take(signedIn);
    const back = await browse(new URL(signedIn.headers.get('location')!, lp.origin), jar);
    const tokens = await oidc.authorizationCodeGrant(rp, back.callback!, { pkceCodeVerifier: auth.verifier, expectedState: auth.state, expectedNonce: auth.nonce });
    expect(tokens.claims()).toMatchObject({ email: 'dana@example.com' });
  });

  it('an interaction opened in another browser is refused (its cookie binds it to the first)', async () => {
    const member = await addUser(lp.t, { email: 'dana@example.com', profile: 'designer' });
    const rp = await relyingParty(lp, await registerInstance(lp.t));
    const first = await browse((await authorizationRequest(rp)).url, browserWith(), `${lp.origin}/instance-sign-in/`);
    const victim = await fetch(first.callback!, { redirect: 'manual', headers: { cookie: member.cookie } });
    expect(victim.status).toBe(400);
    expect(await victim.text()).toContain('This sign-in has expired');
  });
});
