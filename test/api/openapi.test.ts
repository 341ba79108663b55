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

/** One real call per endpoint, on a space where each can succeed or fail meaningfully. */
const CALLS: Array<{ method: string; path: string; scopes: string[]; status: number }> = [
  { method: 'GET', path: '/space/seats', scopes: ['users:read'], status: 200 },
  { method: 'GET', path: '/extensions', scopes: ['extensions:write'], status: 200 },
  { method: 'POST', path: '/extensions/code_studios/activate', scopes: ['extensions:write'], status: 200 },
  { method: 'POST', path: '/extensions/code_studios/deactivate', scopes: ['extensions:write'], status: 200 },
  { method: 'POST', path: '/extensions/code_studios/deactivate', scopes: ['extensions:write'], status: 409 },
  { method: 'POST', path: '/extensions/code_studios/deactivate', scopes: ['groups:read'], status: 403 },
  { method: 'POST', path: '/ownership/transfer', scopes: ['users:read'], status: 403 },
];

function schemaFor(method: string, path: string, status: number): ZodType {
  const e = API_ENDPOINTS.find((x) => x.method === method.toLowerCase() && new RegExp(`^${x.path.replace(/\{\w+\}/g, '[^/]+')}$`).test(path));
  if (!e) throw new Error(`no endpoint for ${method} ${path}`);
  const response = (e.route.responses as Record<string, { content?: Record<string, { schema: ZodType }> }>)[String(status)];
  const content = response?.content;
  if (!content) throw new Error(`${method} ${path}: status ${status} is not documented`);
  return Object.values(content)[0]!.schema;
}

describe('answers match their documented schema', () => {
  it.each(CALLS)('$method $path with $scopes → $status', async ({ method, path, scopes, status }) => {
    const t = await makeApp();
    await withSpace(t);
    await addUser(t, { email: 'd@example.com', profile: 'designer' });
    const { key } = await makeKey(t, scopes);
    if (path.endsWith('/deactivate') && status === 200) await api(t, 'POST', `${API_BASE}/extensions/code_studios/activate`, { key });
    const res = await api(t, method, API_BASE + path, { key });
    expect(res.status).toBe(status);
    const parsed = schemaFor(method, path, status).safeParse(await res.json());
    expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
  });

  it('covers every endpoint at least once', () => {
    const covered = new Set(CALLS.map((c) => schemaEndpointKey(c.method, c.path)));
    expect([...covered].sort()).toEqual(API_ENDPOINTS.map((e) => `${e.method} ${e.path}`).sort());
  });
});

function schemaEndpointKey(method: string, path: string): string {
  const e = API_ENDPOINTS.find((x) => x.method === method.toLowerCase() && new RegExp(`^${x.path.replace(/\{\w+\}/g, '[^/]+')}$`).test(path));
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
