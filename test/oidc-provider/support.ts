// A Launchpad listening on loopback (the provider needs the Node server), an instance registered in it, and
// a relying party built with openid-client that signs a member in the way a browser does: following the
// redirects by hand, with one cookie jar, so a test can stop at any step.
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import * as oidc from 'openid-client';
import { createApp } from '../../src/app.js';
import { defaultPublicFiles } from '../../src/server.js';
import { addInstance } from '../../src/services/instances.js';
import { makeApp, type TestApp } from '../support/app.js';
import { CookieJar } from '../support/sso-flow.js';

export interface RunningLaunchpad {
  t: TestApp;
  origin: string;
  close(): Promise<void>;
}

async function freePort(): Promise<number> {
  const probe = createNetServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

export const SERVER_SECRET = 'test-server-secret-for-the-provider-0123456789';

export async function startLaunchpad(): Promise<RunningLaunchpad> {
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const t = await makeApp({ PUBLIC_URL: origin, SECRET_KEY: SERVER_SECRET });
  const server = serve({ fetch: t.app.fetch, port, hostname: '127.0.0.1' });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  return {
    t,
    origin,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * Another process on the same database and the same public address: its own app, its own provider and caches,
 * nothing shared with the first but the database and the server secret.
 */
export async function startSecondProcess(lp: RunningLaunchpad): Promise<{ origin: string; close(): Promise<void> }> {
  const port = await freePort();
  const app = createApp({ ...lp.t.deps }, defaultPublicFiles());
  const server = serve({ fetch: app.fetch, port, hostname: '127.0.0.1' });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  return { origin: `http://127.0.0.1:${port}`, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

export const REDIRECT_URI = 'https://design.example.com/oidc/callback';

export interface Instance {
  clientId: string;
  clientSecret: string;
}

export async function registerInstance(t: TestApp, opts: { designersOnly?: boolean; redirectUris?: string[] } = {}): Promise<Instance> {
  const r = await addInstance(t.deps, { kind: 'command_line' }, {
    name: 'Design node',
    redirectUris: opts.redirectUris ?? [REDIRECT_URI],
    postLogoutRedirectUri: '',
    designersOnly: opts.designersOnly ?? false,
  });
  if (!r.ok) throw new Error(`could not register the instance: ${r.code}`);
  return { clientId: r.clientId, clientSecret: r.clientSecret };
}

/** The instance's side: openid-client configured by discovery (http is allowed on loopback in tests only). */
export async function relyingParty(lp: RunningLaunchpad, instance: Instance): Promise<oidc.Configuration> {
  return oidc.discovery(new URL(lp.origin), instance.clientId, instance.clientSecret, undefined, { execute: [oidc.allowInsecureRequests] });
}

export interface Authorization {
  url: URL;
  verifier: string;
  state: string;
  nonce: string;
}

export async function authorizationRequest(rp: oidc.Configuration, extra: Record<string, string> = {}): Promise<Authorization> {
  const verifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  const url = oidc.buildAuthorizationUrl(rp, {
    redirect_uri: REDIRECT_URI,
    scope: 'openid launchpad',
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state,
    nonce,
    ...extra,
  });
  return { url, verifier, state, nonce };
}

export interface BrowserRun {
  /** Every address the browser went through, in order. */
  path: string[];
  /** The last answer: where the browser stopped (a page, or the redirect to the instance). */
  res: Response;
  /** The redirect back to the instance, when it came. */
  callback: URL | null;
}

/** Follows redirects like a browser, stopping at the instance's redirect URI or at a page. */
export async function browse(start: URL, jar: CookieJar, stopAt = REDIRECT_URI): Promise<BrowserRun> {
  const path: string[] = [];
  let next = start;
  for (let hop = 0; hop < 10; hop++) {
    path.push(next.pathname);
    const res = await fetch(next, { redirect: 'manual', headers: jar.header() ? { cookie: jar.header() } : {} });
    jar.take(res);
    const location = res.headers.get('location');
    if (res.status < 300 || res.status >= 400 || !location) return { path, res, callback: null };
    const target = new URL(location, next);
    if (target.href.startsWith(stopAt)) return { path, res, callback: target };
    next = target;
  }
  throw new Error(`too many redirects: ${path.join(' → ')}`);
}

/** A browser in which `cookie` (the Launchpad's session) is already set. */
export function browserWith(cookie?: string): CookieJar {
  const jar = new CookieJar();
  if (cookie) jar.take(new Response(null, { headers: { 'set-cookie': cookie } }));
  return jar;
}

/** Signs the member of `cookie` in to the instance and exchanges the code: the tokens, checked by openid-client. */
export async function signIn(rp: oidc.Configuration, cookie: string, jar = browserWith(cookie)) {
  const auth = await authorizationRequest(rp);
  const run = await browse(auth.url, jar);
  if (!run.callback) throw new Error(`no redirect back to the instance (${run.res.status}): ${run.path.join(' → ')}\n${await run.res.text()}`);
  return oidc.authorizationCodeGrant(rp, run.callback, { pkceCodeVerifier: auth.verifier, expectedState: auth.state, expectedNonce: auth.nonce });
}
