// The session cookie: HttpOnly, SameSite=Lax, and Secure with the __Host- prefix when the Launchpad is on https.
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { SESSION_ABSOLUTE_MS } from '../auth/session.js';

const NAME = 'launchpad_session';

export function readSessionCookie(c: Context, secure: boolean): string | undefined {
  return secure ? getCookie(c, NAME, 'host') : getCookie(c, NAME);
}

export function writeSessionCookie(c: Context, secure: boolean, token: string): void {
  setCookie(c, NAME, token, {
    httpOnly: true,
    sameSite: 'Lax',
    path: '/',
    maxAge: Math.floor(SESSION_ABSOLUTE_MS / 1000),
    ...(secure ? { prefix: 'host' as const, secure: true } : {}),
  });
}

export function clearSessionCookie(c: Context, secure: boolean): void {
  deleteCookie(c, NAME, { path: '/', httpOnly: true, sameSite: 'Lax', ...(secure ? { prefix: 'host' as const, secure: true } : {}) });
}
