// The OpenAPI document: generated from the zod schemas, covering every API route, and true to the answers.
import { describe, expect, it } from 'vitest';
import type { ZodType } from 'zod';
import { API_BASE, API_ENDPOINTS, createApiApp } from '../../src/routes/api/index.js';
import { endpointsOf } from '../support/routes.js';
import { addUser, get, makeApp, withSpace } from '../support/app.js';
import { api, makeKey } from './support.js';

type Doc = { openapi: string; paths: Record<string, Record<string, { 'x-scope'?: string; security?: unknown; responses: Record<string, unknown> }>> };

const toOpenApiPath = (p: string) => p.replace(/:(\w+)(\{[^}]*\})?/g, '{$1}');

async function document(): Promise<Doc> {
  const t = await makeApp();
  const res = await get(t, `${API_BASE}/openapi.json`);
  expect(res.status).toBe(200);
  return (await res.json()) as Doc;
}

describe('/api/v1/openapi.json', () => {
  it('is OpenAPI 3.1, served without a key', async () => {
    expect((await document()).openapi).toBe('3.1.0');
  });

  it('documents every route of the API router, with its scope, and nothing else', async () => {
    const doc = await document();
    const routed = endpointsOf(createApiApp()).map((e) => `${e.method.toLowerCase()} ${toOpenApiPath(e.path)}`).sort();
    const documented = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m} ${path}`)).sort();
    expect(documented).toEqual(routed);
    for (const e of API_ENDPOINTS) {
      const op = doc.paths[e.path]![e.method]!;
      expect(op['x-scope']).toBe(e.scope ?? 'any key');
      expect(op.responses).toHaveProperty('401');
    }
  });
});

/**
 * One real call per endpoint (and its refusals), on a space with the owner (user 1, in group 1, the space
 * administrators), a designer (user 2), invitation 1 and code env 1.
 */
const CALLS: Array<{ method: string; path: string; scopes: string[]; status: number; json?: unknown }> = [
  { method: 'GET', path: '/users?sort=email&limit=1', scopes: ['users:read'], status: 200 },
  { method: 'GET', path: '/users/2', scopes: ['users:read'], status: 200 },
  { method: 'GET', path: '/users/99', scopes: ['users:read'], status: 404 },
  { method: 'GET', path: '/users?cursor=nonsense', scopes: ['users:read'], status: 400 },
  { method: 'PATCH', path: '/users/2', scopes: ['users:write'], status: 200, json: { name: 'Dee', profile: 'reader' } },
  { method: 'PATCH', path: '/users/1', scopes: ['users:write'], status: 409, json: { groups: [] } },
  { method: 'PATCH', path: '/users/2', scopes: ['users:write'], status: 422, json: { groups: [99] } },
  { method: 'POST', path: '/users/bulk', scopes: ['users:write'], status: 200, json: { action: 'profile', profile: 'reader', ids: { users: [2] }, dry_run: true } },
  { method: 'POST', path: '/users/bulk', scopes: ['users:write'], status: 422, json: { action: 'revoke' } },
  { method: 'DELETE', path: '/users/2', scopes: ['users:write'], status: 204 },
  { method: 'DELETE', path: '/users/1', scopes: ['users:write'], status: 409 },
  { method: 'GET', path: '/invitations', scopes: ['users:read'], status: 200 },
  { method: 'GET', path: '/invitations/1', scopes: ['users:read'], status: 200 },
  { method: 'POST', path: '/invitations', scopes: ['invitations:write'], status: 200, json: { addresses: ['Ada <ada@example.com>', 'nope'], profile: 'reader', atomic: false } },
  { method: 'POST', path: '/invitations', scopes: ['invitations:write'], status: 422, json: { addresses: ['nope'], profile: 'reader' } },
  { method: 'POST', path: '/invitations', scopes: ['invitations:write'], status: 409, json: { addresses: ['a@example.com', 'b@example.com', 'c@example.com'], profile: 'designer' } },
  { method: 'POST', path: '/invitations/1/resend', scopes: ['invitations:write'], status: 200 },
  { method: 'POST', path: '/invitations/1/revoke', scopes: ['invitations:write'], status: 200 },
  { method: 'GET', path: '/invitations/1/link', scopes: ['invitations:write'], status: 200 },
  { method: 'GET', path: '/groups', scopes: ['groups:read'], status: 200 },
  { method: 'GET', path: '/groups/1', scopes: ['groups:read'], status: 200 },
  { method: 'POST', path: '/groups', scopes: ['groups:write'], status: 201, json: { name: 'analysts', permissions: ['create_projects'] } },
  { method: 'PATCH', path: '/groups/1', scopes: ['groups:write'], status: 422, json: { permissions: [] } },
  { method: 'DELETE', path: '/groups/1', scopes: ['groups:write'], status: 409 },
  { method: 'GET', path: '/groups/1/members', scopes: ['groups:read'], status: 200 },
  { method: 'POST', path: '/groups/1/members', scopes: ['groups:write'], status: 200, json: { users: [2] } },
  { method: 'POST', path: '/groups/1/members/remove', scopes: ['groups:write'], status: 409, json: { users: [1, 2] } },
  { method: 'GET', path: '/code-envs', scopes: ['code-envs:read'], status: 200 },
  { method: 'GET', path: '/code-envs/1', scopes: ['code-envs:read'], status: 200 },
  { method: 'POST', path: '/code-envs', scopes: ['code-envs:write'], status: 201, json: { name: 'ml', language: 'python', languageVersion: '3.11', requirements: 'pandas' } },
  { method: 'POST', path: '/code-envs', scopes: ['code-envs:write'], status: 422, json: { name: 'ml', language: 'cobol', languageVersion: '85' } },
  { method: 'PATCH', path: '/code-envs/1', scopes: ['code-envs:write'], status: 200, json: { description: 'for the notebooks' } },
  { method: 'DELETE', path: '/code-envs/1', scopes: ['code-envs:write'], status: 204 },
  { method: 'GET', path: '/audit-events?limit=2', scopes: ['audit:read'], status: 200 },
  { method: 'GET', path: '/space/seats', scopes: ['users:read'], status: 200 },
  { method: 'GET', path: '/extensions', scopes: ['extensions:write'], status: 200 },
  { method: 'POST', path: '/extensions/code_studios/activate', scopes: ['extensions:write'], status: 200 },
  { method: 'POST', path: '/extensions/code_studios/deactivate', scopes: ['extensions:write'], status: 200 },
  { method: 'POST', path: '/extensions/code_studios/deactivate', scopes: ['extensions:write'], status: 409 },
  { method: 'POST', path: '/extensions/code_studios/deactivate', scopes: ['groups:read'], status: 403 },
  { method: 'POST', path: '/ownership/transfer', scopes: ['users:read'], status: 403 },
];

function schemaFor(method: string, path: string, status: number): ZodType {
  const bare = path.split('?')[0]!;
  const e = API_ENDPOINTS.find((x) => x.method === method.toLowerCase() && new RegExp(`^${x.path.replace(/\{\w+\}/g, '[^/]+')}$`).test(bare));
  if (!e) throw new Error(`no endpoint for ${method} ${path}`);
  const response = (e.route.responses as Record<string, { content?: Record<string, { schema: ZodType }> }>)[String(status)];
  const content = response?.content;
  if (!content) throw new Error(`${method} ${path}: status ${status} is not documented`);
  return Object.values(content)[0]!.schema;
}

describe('answers match their documented schema', () => {
  it.each(CALLS)('$method $path with $scopes → $status', async ({ method, path, scopes, status, json }) => {
    const t = await makeApp({ SEATS: 'designer:3,explorer:10,reader:50' });
    await withSpace(t);
    await addUser(t, { email: 'd@example.com', profile: 'designer' });
    const { key: setup } = await makeKey(t, ['invitations:write', 'code-envs:write']);
    expect((await api(t, 'POST', `${API_BASE}/invitations`, { key: setup, json: { addresses: ['first@example.com'], profile: 'designer' } })).status).toBe(200);
    const env = { name: 'base', language: 'python', languageVersion: '3.12', requirements: '' };
    expect((await api(t, 'POST', `${API_BASE}/code-envs`, { key: setup, json: env })).status).toBe(201);
    const { key } = await makeKey(t, scopes);
    if (path.endsWith('/deactivate') && status === 200) await api(t, 'POST', `${API_BASE}/extensions/code_studios/activate`, { key });
    const res = await api(t, method, API_BASE + path, { key, json });
    expect(res.status).toBe(status);
    if (status === 204) {
      expect(await res.text()).toBe('');
      return;
    }
    const parsed = schemaFor(method, path, status).safeParse(await res.json());
    expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
  });

  it('covers every endpoint at least once', () => {
    const covered = new Set(CALLS.map((c) => schemaEndpointKey(c.method, c.path)));
    expect([...covered].sort()).toEqual(API_ENDPOINTS.map((e) => `${e.method} ${e.path}`).sort());
  });
});

function schemaEndpointKey(method: string, path: string): string {
  const bare = path.split('?')[0]!;
  const e = API_ENDPOINTS.find((x) => x.method === method.toLowerCase() && new RegExp(`^${x.path.replace(/\{\w+\}/g, '[^/]+')}$`).test(bare));
  return e ? `${e.method} ${e.path}` : `unknown ${method} ${path}`;
}

describe('/api/docs', () => {
  it('is a plain page listing every operation, its scope and the problem codes, without script', async () => {
    const t = await makeApp();
    const res = await get(t, '/api/docs');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).not.toContain('<script');
    for (const e of API_ENDPOINTS) expect(html).toContain(`${API_BASE}${e.path}`);
    expect(html).toContain('<code>missing_scope</code>');
    expect(html).toContain('id="problem-rate_limited"');
  });
});
