// The endpoint × scope matrix. The endpoints come from the router, so a new API route without a row here
// fails; the scope each needs is written down here, independently of the route definitions.
import { describe, expect, it } from 'vitest';
import { API_SCOPES } from '../../src/domain/api-scopes.js';
import { API_BASE, createApiApp } from '../../src/routes/api/index.js';
import { endpointsOf, fillPath, type Endpoint } from '../support/routes.js';
import { snapshot } from '../support/db-snapshot.js';
import { makeApp, withSpace } from '../support/app.js';
import { api, makeKey } from './support.js';

/** The scope each API endpoint needs; 'any key' for those any valid key may call. */
const EXPECTED: Record<string, string> = {
  'GET /api/v1/users': 'users:read',
  'GET /api/v1/users/:id': 'users:read',
  'PATCH /api/v1/users/:id': 'users:write',
  'DELETE /api/v1/users/:id': 'users:write',
  'POST /api/v1/users/bulk': 'users:write',
  'GET /api/v1/invitations': 'users:read',
  'GET /api/v1/invitations/:id': 'users:read',
  'POST /api/v1/invitations': 'invitations:write',
  'POST /api/v1/invitations/:id/resend': 'invitations:write',
  'POST /api/v1/invitations/:id/revoke': 'invitations:write',
  'GET /api/v1/invitations/:id/link': 'invitations:write',
  'GET /api/v1/groups': 'groups:read',
  'GET /api/v1/groups/:id': 'groups:read',
  'POST /api/v1/groups': 'groups:write',
  'PATCH /api/v1/groups/:id': 'groups:write',
  'DELETE /api/v1/groups/:id': 'groups:write',
  'GET /api/v1/groups/:id/members': 'groups:read',
  'POST /api/v1/groups/:id/members': 'groups:write',
  'POST /api/v1/groups/:id/members/remove': 'groups:write',
  'GET /api/v1/code-envs': 'code-envs:read',
  'GET /api/v1/code-envs/:id': 'code-envs:read',
  'POST /api/v1/code-envs': 'code-envs:write',
  'PATCH /api/v1/code-envs/:id': 'code-envs:write',
  'DELETE /api/v1/code-envs/:id': 'code-envs:write',
  'GET /api/v1/audit-events': 'audit:read',
  'GET /api/v1/space/seats': 'users:read',
  'GET /api/v1/extensions': 'extensions:write',
  'POST /api/v1/extensions/:key/activate': 'extensions:write',
  'POST /api/v1/extensions/:key/deactivate': 'extensions:write',
  'POST /api/v1/ownership/transfer': 'any key',
};

/** The API's own router (mounted under /api/v1, its handlers are wrapped by its error handler). */
const endpoints: Endpoint[] = endpointsOf(createApiApp()).map((e) => ({ ...e, path: API_BASE + e.path, key: `${e.method} ${API_BASE}${e.path}` }));
// The owner is user 1 and the space administrators group 1: real rows, so a refused request could change them.
const urlOf = (e: Endpoint) => fillPath(e.path, (name) => (name === 'key' ? 'code_studios' : '1'));

describe('the API scope table', () => {
  it('has a row for every API route the router answers, and none for a route it does not', () => {
    expect(endpoints.map((e) => e.key).sort()).toEqual(Object.keys(EXPECTED).sort());
  });
});

const withScope = endpoints.filter((e) => EXPECTED[e.key] !== 'any key');

describe('endpoint × scope', () => {
  it.each(withScope.map((e) => ({ key: e.key, e, scope: EXPECTED[e.key]! })))(
    '$key: a key with every scope but $scope gets 403 and changes nothing',
    async ({ e, scope }) => {
      const t = await makeApp();
      await withSpace(t);
      const { key } = await makeKey(t, API_SCOPES.filter((s) => s !== scope));
      const before = await snapshot(t.db);
      const res = await api(t, e.method, urlOf(e), { key, json: e.method === 'GET' ? undefined : {} });
      expect(res.status).toBe(403);
      expect(await res.json()).toMatchObject({ code: 'missing_scope', status: 403 });
      const after = await snapshot(t.db);
      // Only the key's own bookkeeping moves: its last use and its rate counter.
      const strip = (s: Record<string, unknown[]>) => ({ ...s, api_keys: undefined, api_rate_counters: undefined });
      expect(strip(after)).toEqual(strip(before));
    },
  );

  it.each(withScope.map((e) => ({ key: e.key, e, scope: EXPECTED[e.key]! })))('$key: a key with only $scope gets past the scope check', async ({ e, scope }) => {
    const t = await makeApp();
    await withSpace(t);
    const { key } = await makeKey(t, [scope]);
    const res = await api(t, e.method, urlOf(e), { key });
    // Past the scope check: an answer of the endpoint itself (a 409 "not active" is one).
    expect([401, 403]).not.toContain(res.status);
    expect(res.status).toBeLessThan(500);
  });
});
