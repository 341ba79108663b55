// Who is asking: validates the session cookie and loads the user, their groups and permissions (one
// statement), on every request, so a change to a group applies at the user's next request.
import type { MiddlewareHandler } from 'hono';
import { loadSessionUser } from '../services/principal.js';
import type { AppEnv } from './env.js';
import { clearSessionCookie, readSessionCookie } from './session-cookie.js';

export const sessionMiddleware: MiddlewareHandler<AppEnv> = async (c, next) => {
  const deps = c.get('deps');
  c.set('user', null);
  c.set('session', null);
  const token = readSessionCookie(c, deps.config.secure);
  if (token) {
    const found = await loadSessionUser(deps.db, token, deps.now());
    if (found) {
      c.set('session', found.session);
      c.set('user', found.user);
    } else {
      clearSessionCookie(c, deps.config.secure);
    }
  }
  await next();
};
