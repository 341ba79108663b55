// Drives single sign-on the way a browser does: the Launchpad through app.request, the provider through
// fetch, each with its own cookie jar, following redirects by hand so a test can tamper at any step.
import { post, type TestApp } from './app.js';

export class CookieJar {
  private cookies = new Map<string, string>();

  take(res: Response): void {
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      if (value === '' || /max-age=0\b/i.test(line) || /expires=thu, 01 jan 1970/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  get(name: string): string | undefined {
    return this.cookies.get(name);
  }
}

export interface SsoSteps {
  /** Change the provider's authorization URL before the browser goes there (e.g. another nonce). */
  authorizationUrl?: (url: URL) => void;
  /** Change the redirect back to the Launchpad (e.g. another state). */
  callbackUrl?: (url: URL) => void;
  /** Runs just before the browser comes back to the Launchpad. */
  beforeCallback?: () => void | Promise<void>;
  /** The Launchpad's jar; a fresh one (a new browser) by default. */
  jar?: CookieJar;
  /** Come back in another browser: the callback arrives without the cookie the button set. */
  otherBrowser?: boolean;
}

export interface SsoRun {
  /** The Launchpad's answer at the redirect URI. */
  res: Response;
  jar: CookieJar;
  /** Where the provider sent the browser back to. */
  callback: URL;
}

/** Presses "Sign in with …" and follows the browser through the provider back to the callback. */
export async function signInWithProvider(t: TestApp, steps: SsoSteps = {}, form: Record<string, string> = {}): Promise<SsoRun> {
  const jar = steps.jar ?? new CookieJar();
  const start = await post(t, '/login/oidc', form, { cookie: jar.header() || undefined });
  if (start.status !== 303) throw new Error(`POST /login/oidc answered ${start.status}: ${await start.text()}`);
  jar.take(start);
  const authorize = new URL(start.headers.get('location')!);
  steps.authorizationUrl?.(authorize);

  const providerJar = new CookieJar();
  const redirectUri = t.config.oidc!.redirectUri;
  let next = authorize;
  for (let hop = 0; next.origin !== redirectUri.origin || next.pathname !== redirectUri.pathname; hop++) {
    if (hop > 10) throw new Error('too many redirects at the provider');
    const res = await fetch(next, { redirect: 'manual', headers: { cookie: providerJar.header() } });
    providerJar.take(res);
    const location = res.headers.get('location');
    if (!location) throw new Error(`the provider answered ${res.status} without a redirect: ${await res.text()}`);
    next = new URL(location, next);
  }
  steps.callbackUrl?.(next);
  await steps.beforeCallback?.();
  const cookie = steps.otherBrowser ? '' : jar.header();
  const res = await t.app.request(next.href, { headers: cookie ? { cookie } : {} });
  jar.take(res);
  return { res, jar, callback: next };
}
