// Every route declares who may use it; this middleware enforces it on the server, on every request.
import type { Context, MiddlewareHandler } from 'hono';
import { can, type Permission } from '../domain/permissions.js';
import type { Session } from '../auth/session.js';
import type { CurrentUser } from '../services/principal.js';
import type { AppEnv } from './env.js';
import { isHtmx } from './htmx.js';
import { renderForbidden } from './pages.js';

export type Access =
  | { kind: 'public' }
  | { kind: 'signed_in' }
  | { kind: 'permission'; permission: Permission }
  | { kind: 'owner' };

export const PUBLIC: Access = { kind: 'public' };
export const SIGNED_IN: Access = { kind: 'signed_in' };
export const OWNER: Access = { kind: 'owner' };
export const needs = (permission: Permission): Access => ({ kind: 'permission', permission });

export function allows(access: Access, user: CurrentUser | null): boolean {
  switch (access.kind) {
    case 'public':
      return true;
    case 'signed_in':
      return user !== null;
    case 'permission':
      return can(user, access.permission);
    case 'owner':
      return user !== null && user.isOwner;
  }
}

/** Where to go to sign in, coming back to this page afterwards. */
export function loginUrl(c: Context): string {
  const here = c.req.method === 'GET' ? new URL(c.req.url).pathname + new URL(c.req.url).search : '/';
  return here === '/' ? '/login' : `/login?next=${encodeURIComponent(here)}`;
}

export function authorize(access: Access): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const user = c.get('user');
    if (allows(access, user)) return next();
    if (!user) {
      if (isHtmx(c)) {
        c.header('HX-Redirect', loginUrl(c));
        return c.body(null, 401);
      }
      return c.redirect(loginUrl(c), 303);
    }
    return renderForbidden(c);
  };
}

/** A route: its method, path, who may use it and its handler. The route table is built from these. */
export interface RouteDef {
  method: 'GET' | 'POST';
  path: string;
  access: Access;
  handler: (c: Context<AppEnv>) => Response | Promise<Response>;
}

/** Who is signed in, as a handler behind sign-in receives it: never null there. */
export interface SignedIn {
  user: CurrentUser;
  session: Session;
}

/**
 * A handler for a route behind sign-in: it is given the signed-in user and session, typed, instead of
 * reading them from the context. `authorize` has already turned away anyone not signed in; the check here
 * keeps that promise if a route is ever declared PUBLIC by mistake.
 */
export function signedIn(handler: (c: Context<AppEnv>, me: SignedIn) => Response | Promise<Response>) {
  return (c: Context<AppEnv>): Response | Promise<Response> => {
    const user = c.get('user');
    const session = c.get('session');
    if (!user || !session) return c.redirect(loginUrl(c), 303);
    return handler(c, { user, session });
  };
}
