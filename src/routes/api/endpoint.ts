// One API endpoint: its OpenAPI route (the zod schemas that validate it), the scope it needs, its handler.
// The API's table (API_ENDPOINTS) is built from these, as the pages' ROUTES is built from RouteDefs.
import type { OpenAPIHono, RouteConfig, RouteConfigToTypedResponse, RouteHandler } from '@hono/zod-openapi';
import type { ApiScope } from '../../domain/api-scopes.js';
import { requireScope } from '../../http/api-auth.js';
import type { ApiEnv } from '../../http/api-env.js';
import { problemResponse } from '../../http/api-problem.js';

export interface ApiEndpoint {
  method: RouteConfig['method'];
  /** OpenAPI form, relative to /api/v1: `/extensions/{key}/activate`. */
  path: string;
  /** The scope a key needs; null: any valid key. */
  scope: ApiScope | null;
  /** The route as documented, responses included (tests validate answers against these). */
  route: RouteConfig;
  register(app: OpenAPIHono<ApiEnv>): void;
}

/** The failures every endpoint can answer, documented once. */
const COMMON_PROBLEMS = {
  401: problemResponse('No valid API key'),
  403: problemResponse('The key lacks the scope'),
  429: problemResponse('Rate limit reached; see Retry-After'),
};

/** ...and those of a request that may carry a body. */
const BODY_PROBLEMS = {
  400: problemResponse('Malformed JSON'),
  413: problemResponse('Body over 1 MB'),
  415: problemResponse('Body not sent as application/json'),
};

/**
 * A handler: its answers typed by the route where it can, or a refusal's problem+json, whose status comes
 * from the error table at run time (the tests hold every answer to the documented schema of its status).
 */
export type ApiHandler<R extends RouteConfig> = (
  c: Parameters<RouteHandler<R, ApiEnv>>[0],
) => Promise<RouteConfigToTypedResponse<R> | Response> | RouteConfigToTypedResponse<R> | Response;

export function endpoint<R extends RouteConfig>(scope: ApiScope | null, route: R, handler: ApiHandler<R>): ApiEndpoint {
  const documented = {
    ...route,
    security: [{ bearerAuth: scope ? [scope] : [] }],
    'x-scope': scope ?? 'any key',
    responses: { ...COMMON_PROBLEMS, ...(route.method === 'get' ? {} : BODY_PROBLEMS), ...route.responses },
    middleware: [requireScope(scope)],
  };
  return {
    method: route.method,
    path: route.path,
    scope,
    route: documented,
    register: (app) => {
      // zod-openapi types a handler's answers by the documented statuses only; a refusal's status is
      // known at run time, so the handler is widened here, once, and the tests check the answers.
      app.openapi(documented as R, handler as unknown as RouteHandler<R, ApiEnv>);
    },
  };
}
