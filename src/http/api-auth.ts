// /api authenticates with `Authorization: Bearer lp_…` only. Cookies are never read here (the session
// middleware does not run on /api), so a cross-site page cannot act with a signed-in admin's session.
import type { MiddlewareHandler } from 'hono';
import type { ApiScope } from '../domain/api-scopes.js';
import { keyActor } from '../services/actor.js';
import { authenticateApiKey, countKeyRequest } from '../services/api-keys.js';
import type { ApiEnv } from './api-env.js';
import { problem } from './api-problem.js';
import { clientAddress } from './client-address.js';

/** The one answer to a missing, malformed, unknown, wrong, revoked or expired key: no hint which. */
const UNAUTHORIZED_DETAIL = 'Send a valid, unexpired API key as "Authorization: Bearer lp_…".';

/** The key of an `Authorization: Bearer …` header (also read by the SCIM endpoints). */
export function bearerOf(header: string | undefined): string | null {
  const m = header ? /^Bearer +(\S+) *$/i.exec(header) : null;
  return m ? m[1]! : null;
}

export const requireApiKey: MiddlewareHandler<ApiEnv> = async (c, next) => {
  const deps = c.get('deps');
  const key = await authenticateApiKey(deps, bearerOf(c.req.header('authorization')), clientAddress(c, deps.config.trustProxy));
  if (!key) {
    c.header('WWW-Authenticate', 'Bearer realm="launchpad"');
    return problem(c, 'unauthorized', UNAUTHORIZED_DETAIL);
  }
  c.set('apiKey', key);
  await next();
};

/** Per key, `config.apiRateLimit` requests a minute, counted in the database (shared by every process). */
export const apiRateLimit: MiddlewareHandler<ApiEnv> = async (c, next) => {
  const deps = c.get('deps');
  const limit = deps.config.apiRateLimit;
  const decision = await countKeyRequest(deps, c.get('apiKey').id, limit);
  c.header('RateLimit-Limit', String(limit));
  if (!decision.ok) {
    c.header('Retry-After', String(decision.retryAfterSeconds));
    c.header('RateLimit-Remaining', '0');
    return problem(c, 'rate_limited', `This key may make ${limit} requests a minute. Try again in ${decision.retryAfterSeconds} s.`);
  }
  c.header('RateLimit-Remaining', String(decision.remaining));
  await next();
};

/**
 * The scope an endpoint declares; `null`: any valid key. Checked before the body is read. Past it, the key
 * becomes the use cases' actor, holding what that scope grants and nothing more.
 */
export function requireScope(scope: ApiScope | null): MiddlewareHandler<ApiEnv> {
  return async (c, next) => {
    const key = c.get('apiKey');
    if (scope !== null && !key.scopes.has(scope)) {
      return problem(c, 'missing_scope', `This needs an API key with the scope ${scope}.`);
    }
    c.set('actor', keyActor(key, scope));
    await next();
  };
}
