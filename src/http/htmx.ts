import type { Context } from 'hono';

/** A request made by htmx (it sends `HX-Request: true`); a plain browser gets full pages and redirects. */
export function isHtmx(c: Context): boolean {
  return c.req.header('hx-request') === 'true';
}

/**
 * After a successful form post: a plain browser is redirected (303, Post/Redirect/Get); htmx is told to
 * navigate with HX-Location, since fetch would follow a 303 silently and swap a whole page into a fragment.
 */
export function redirectAfterPost(c: Context, to: string): Response {
  if (isHtmx(c)) {
    c.header('HX-Redirect', to);
    return c.body(null, 200);
  }
  return c.redirect(to, 303);
}
