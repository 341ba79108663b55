// /scim/v2 authenticates like /api: `Authorization: Bearer lp_…` only, never a cookie (the session
// middleware does not run there), the same per-key rate limit, and the `scim` scope on every endpoint,
// discovery included. Only the shape of a refusal differs: the SCIM error schema (RFC 7644 §3.12).
import type { Context, MiddlewareHandler } from 'hono';
import { authenticateApiKey, countKeyRequest } from '../services/api-keys.js';
import type { ApiEnv } from './api-env.js';
import { bearerOf } from './api-auth.js';
import { clientAddress } from './client-address.js';
import { ERROR } from '../domain/scim/urns.js';

export const SCIM_CONTENT_TYPE = 'application/scim+json';

/** A SCIM error body with any status (the statuses the SCIM vocabulary does not name: 401, 413, 429, 500). */
export function scimError(c: Context, status: 400 | 401 | 403 | 404 | 409 | 412 | 413 | 415 | 429 | 500, detail: string, scimType?: string) {
  c.header('Content-Type', SCIM_CONTENT_TYPE);
  return c.body(JSON.stringify({ schemas: [ERROR], status: String(status), ...(scimType ? { scimType } : {}), detail }), status);
}

export const requireScimKey: MiddlewareHandler<ApiEnv> = async (c, next) => {
  const deps = c.get('deps');
  const key = await authenticateApiKey(deps, bearerOf(c.req.header('authorization')), clientAddress(c, deps.config.trustProxy));
  if (!key) {
    c.header('WWW-Authenticate', 'Bearer realm="launchpad"');
    return scimError(c, 401, 'Send a valid, unexpired API key with the scim scope as "Authorization: Bearer lp_…".');
  }
  if (!key.scopes.has('scim')) return scimError(c, 403, 'This API key lacks the scim scope. Create a key with the scope scim.');
  c.set('apiKey', key);
  const limit = deps.config.apiRateLimit;
  const decision = await countKeyRequest(deps, key.id, limit);
  if (!decision.ok) {
    c.header('Retry-After', String(decision.retryAfterSeconds));
    return scimError(c, 429, `This key may make ${limit} requests a minute. Try again in ${decision.retryAfterSeconds} s.`);
  }
  await next();
};
