// /api/v1: the JSON API. The middleware order is the security story:
//   body ≤ 1 MB → bearer key (cookies are never read) → per-key rate limit → JSON body check →
//   the endpoint's scope → zod validation of params and body → the handler, which calls one use case.
import { OpenAPIHono } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { withBodyOnly } from '../../http/scope.js';
import { HTTPException } from 'hono/http-exception';
import type { MiddlewareHandler } from 'hono';
import { apiRateLimit, requireApiKey } from '../../http/api-auth.js';
import type { ApiEnv } from '../../http/api-env.js';
import { problem } from '../../http/api-problem.js';
import type { ApiEndpoint } from './endpoint.js';
import { extensionEndpoints } from './extensions.js';
import { ownershipEndpoints } from './ownership.js';
import { spaceEndpoints } from './space.js';
import { userEndpoints } from './users.js';
import { codeEnvEndpoints } from './code-envs.js';
import { auditEndpoints } from './audit.js';
import { groupEndpoints } from './groups.js';
import { groupMemberEndpoints } from './group-members.js';
import { invitationEndpoints } from './invitations.js';
import { bulkInvitationEndpoints } from './invitations-bulk.js';
import { bulkUserEndpoints } from './users-bulk.js';

export const API_BASE = '/api/v1';
export const API_MAX_BODY_BYTES = 1024 * 1024;

/** Every endpoint of the API with the scope it needs. Tests build the endpoint × scope matrix from the router. */
export const API_ENDPOINTS: ApiEndpoint[] = [
  ...bulkUserEndpoints,
  ...userEndpoints,
  ...invitationEndpoints,
  ...bulkInvitationEndpoints,
  ...groupEndpoints,
  ...groupMemberEndpoints,
  ...codeEnvEndpoints,
  ...auditEndpoints,
  ...spaceEndpoints,
  ...extensionEndpoints,
  ...ownershipEndpoints,
];

const isJson = (contentType: string) => /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i.test(contentType);

/** A body must be JSON, and well-formed: a clear 415 or 400 before anything reads it. */
const requireJsonBody: MiddlewareHandler<ApiEnv> = async (c, next) => {
  if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
  const contentType = c.req.header('content-type');
  const length = c.req.header('content-length');
  const hasBody = contentType !== undefined || (length !== undefined && length !== '0') || c.req.header('transfer-encoding') !== undefined;
  if (!hasBody) return next();
  if (!contentType || !isJson(contentType)) {
    return problem(c, 'unsupported_media_type', 'Send request bodies as JSON, with "Content-Type: application/json".');
  }
  const text = await c.req.text(); // kept by Hono: the validators read the same body
  if (text.trim() !== '') {
    try {
      JSON.parse(text);
    } catch {
      return problem(c, 'malformed_json', 'The request body is not well-formed JSON.');
    }
  }
  return next();
};

export function createApiApp(): OpenAPIHono<ApiEnv> {
  const api = new OpenAPIHono<ApiEnv>({
    // A request that fails its schema: 404 for a path parameter that names nothing, 422 with the field otherwise.
    defaultHook: (result, c) => {
      if (result.success) return;
      const issue = result.error.issues[0];
      if (result.target === 'param') return problem(c, 'not_found', 'Nothing of that name exists here.');
      const field = issue?.path.join('.') || undefined;
      return problem(c, 'invalid', issue ? `${field ? `${field}: ` : ''}${issue.message}` : 'The request is not valid.', field);
    },
  });
  api.use(async (c, next) => {
    await next();
    c.header('Cache-Control', 'no-store');
  });
  api.use(
    withBodyOnly(bodyLimit({
      maxSize: API_MAX_BODY_BYTES,
      onError: (c) => problem(c, 'body_too_large', 'Request bodies may be at most 1 MB. Send less at a time.'),
    })),
  );
  api.use(requireApiKey);
  api.use(apiRateLimit);
  api.use(requireJsonBody);
  for (const e of API_ENDPOINTS) e.register(api);
  api.all('/*', (c) => problem(c, 'not_found', 'There is no such endpoint. The list is at /api/docs.'));
  api.onError((err, c) => {
    if (err instanceof HTTPException && err.status === 415) return problem(c, 'unsupported_media_type', 'Send request bodies as JSON, with "Content-Type: application/json".');
    if (err instanceof HTTPException && err.status === 400) return problem(c, 'malformed_json', 'The request body is not well-formed JSON.');
    console.error(err);
    return problem(c, 'server_error', 'The error has been logged. Try again in a moment.');
  });
  api.openAPIRegistry.registerComponent('securitySchemes', 'bearerAuth', {
    type: 'http',
    scheme: 'bearer',
    description: 'An API key, `lp_<public id>_<secret>`, created in the API keys panel or with `launchpad api-key create`. The scopes listed on each operation are the key scopes it needs.',
  });
  return api;
}

/** The OpenAPI 3.1 document, generated from the endpoints' zod schemas. */
export function openApiDocument(api: OpenAPIHono<ApiEnv>) {
  return api.getOpenAPI31Document({
    openapi: '3.1.0',
    info: {
      title: 'Launchpad API',
      version: '1',
      description: 'Every failure is application/problem+json (RFC 9457) with type, title, status, detail, code and, for bad input, field.',
    },
    servers: [{ url: API_BASE }],
  });
}
