// Who is asking: validates the session cookie and loads the user, their groups and permissions, on every
// request, so a change to a group applies at the user's next request.
import type { MiddlewareHandler } from 'hono';
import { validateSessionToken } from '../auth/session.js';
import { loadCurrentUser } from '../services/principal.js';
import type { AppEnv } from './env.js';
import { clearSessionCookie, readSessionCookie } from './session-cookie.js';

export const sessionMiddleware: MiddlewareHandler<AppEnv> = async (c, next) => {
  const deps = c.get('deps');
  c.set('user', null);
  c.set('session', null);
  const token = readSessionCookie(c, deps.config.secure);
  if (token) {
    const session = await validateSessionToken(deps.db, token, deps.now());
    const user = session ? await loadCurrentUser(deps.db, session.userId) : null;
    if (session && user) {
      c.set('session', session);
      c.set('user', user);
    } else {
      clearSessionCookie(c, deps.config.secure);
    }
  }
  await next();
};
