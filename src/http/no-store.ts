// Nothing the app renders may be kept by a browser or a proxy cache: every page either belongs to a
// signed-in person (the Copy-invite-link dialog holds a live credential) or carries a one-time token
// (setup, invitation and reset links), and a public page is one cookie away from being a signed-in one.
// Static files set their own Cache-Control before this runs and keep it.
import type { MiddlewareHandler } from 'hono';

export const noStore: MiddlewareHandler = async (c, next) => {
  await next();
  if (!c.res.headers.has('cache-control')) c.res.headers.set('Cache-Control', 'no-store');
};
