// Cross-site request forgery: a state change must come from one of our own pages.
// Hono's csrf() looks only at form-like content types, so a cookie-carrying `application/json` POST
// from another site went through. This check looks at every unsafe method, whatever the body's type.
import type { MiddlewareHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export interface OriginCheckOptions {
  /** The origin users reach (PUBLIC_URL); the request's own origin is accepted too, for direct access. */
  publicOrigin: string;
}

/**
 * Allowed: `Sec-Fetch-Site: same-origin`, or an `Origin` equal to ours. Everything else is refused,
 * including a request with neither header (every browser we support sends one of them on a POST).
 *
 * The one request that is not checked carries no Cookie header at all and an `Authorization: Bearer`
 * key: a browser cannot attach that header to a cross-site request without a CORS preflight we never
 * grant, and with no cookie there is no ambient authority to forge. An API authenticated by bearer keys
 * must still ignore cookies; a request that carries both is checked like any page.
 */
export function originCheck(options: OriginCheckOptions): MiddlewareHandler {
  return async (c, next) => {
    if (SAFE_METHODS.has(c.req.method)) return next();
    const bearerOnly = !c.req.header('cookie') && /^bearer\s/i.test(c.req.header('authorization') ?? '');
    if (bearerOnly) return next();
    const site = c.req.header('sec-fetch-site');
    const origin = c.req.header('origin');
    const sameOrigin =
      site === 'same-origin' || (origin !== undefined && (origin === options.publicOrigin || origin === new URL(c.req.url).origin));
    if (!sameOrigin) throw new HTTPException(403, { res: new Response('Forbidden', { status: 403 }) });
    return next();
  };
}
