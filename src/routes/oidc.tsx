// Single sign-on with the configured OpenID provider: the button posts here, the provider comes back to
// the redirect URI. Both are public; without a configured provider they answer 404.
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { oidcClientFor } from '../auth/oidc-client.js';
import { OIDC_CALLBACK_PATH } from '../config.js';
import { PUBLIC, type RouteDef } from '../http/access.js';
import { clientAddress } from '../http/client-address.js';
import type { AppEnv } from '../http/env.js';
import { readForm, safeNext, str } from '../http/forms.js';
import { redirectAfterPost } from '../http/htmx.js';
import { renderBare, renderNotFound } from '../http/pages.js';
import { RATE_RULES } from '../services/rate-limit.js';
import { writeSessionCookie } from '../http/session-cookie.js';
import { beginSsoSignIn, completeSsoSignIn, SSO_LOGIN_TTL_MS, type SsoProblem } from '../services/sso-sign-in.js';
import { LoginPage } from '../../views/pages/auth.js';
import { SsoProblemPage, ssoProblemStatus } from '../../views/pages/sso.js';

/** Binds the callback to the browser that pressed the button; SameSite=Lax still rides the provider's redirect. */
const COOKIE = 'launchpad_oidc';

function cookieOptions(secure: boolean) {
  return { httpOnly: true, sameSite: 'Lax' as const, path: '/', ...(secure ? { prefix: 'host' as const, secure: true } : {}) };
}

function problem(c: Context<AppEnv>, code: SsoProblem, name: string) {
  return renderBare(c, 'Single sign-on', <SsoProblemPage code={code} name={name} />, ssoProblemStatus(code));
}

const startSso = async (c: Context<AppEnv>) => {
  const deps = c.get('deps');
  const oidc = oidcClientFor(deps);
  if (!oidc) return renderNotFound(c);
  const form = await readForm(c);
  const next = safeNext(str(form, 'next'));
  // Each press writes a row until it expires: as many per address as password sign-ins.
  const limit = await deps.limiter.consume(deps.db, [[`sso:ip:${clientAddress(c, deps.config.trustProxy)}`, RATE_RULES.signInPerAddress]]);
  if (!limit.allowed) {
    const minutes = Math.max(1, Math.ceil(limit.retryAfterMs / 60_000));
    c.header('Retry-After', String(Math.ceil(limit.retryAfterMs / 1000)));
    const error = `Too many sign-in attempts. Try again in ${minutes === 1 ? '1 minute' : `${minutes} minutes`}.`;
    const sso = { name: oidc.settings.name, only: deps.config.oidcOnly };
    return renderBare(c, 'Sign in', <LoginPage next={next} error={error} sso={sso} />, 429);
  }
  const begun = await beginSsoSignIn(deps, oidc, next);
  if (!begun.ok) return problem(c, begun.code, oidc.settings.name);
  setCookie(c, COOKIE, begun.cookieToken, { ...cookieOptions(deps.config.secure), maxAge: SSO_LOGIN_TTL_MS / 1000 });
  return redirectAfterPost(c, begun.url.href);
};

const finishSso = async (c: Context<AppEnv>) => {
  const deps = c.get('deps');
  const oidc = oidcClientFor(deps);
  if (!oidc) return renderNotFound(c);
  const secure = deps.config.secure;
  const cookieToken = (secure ? getCookie(c, COOKIE, 'host') : getCookie(c, COOKIE)) ?? null;
  deleteCookie(c, COOKIE, cookieOptions(secure));
  // The URL the provider redirected to, built from PUBLIC_URL (never from the request's Host) with its query.
  const callbackUrl = new URL(OIDC_CALLBACK_PATH, deps.config.publicUrl);
  callbackUrl.search = new URL(c.req.url).search;
  const result = await completeSsoSignIn(deps, oidc, cookieToken, callbackUrl);
  if (!result.ok) return problem(c, result.code, oidc.settings.name);
  writeSessionCookie(c, secure, result.sessionToken);
  return c.redirect(result.nextPath, 303);
};

export const oidcRoutes: RouteDef[] = [
  { method: 'POST', path: '/login/oidc', access: PUBLIC, handler: startSso },
  { method: 'GET', path: OIDC_CALLBACK_PATH, access: PUBLIC, handler: finishSso },
];
