// Every SCIM route answers only a key with the scim scope: no key, a session cookie, or a key with every
// other scope is refused before anything is read or written, in the SCIM error schema.
import { describe, expect, it } from 'vitest';
import { API_SCOPES } from '../../src/domain/api-scopes.js';
import { createScimApp, SCIM_BASE } from '../../src/routes/scim/index.js';
import { makeKey } from '../api/support.js';
import { snapshot } from '../support/db-snapshot.js';
import { endpointsOf, fillPath } from '../support/routes.js';
import { USER } from './support.js';
import { makeApp, withSpace } from '../support/app.js';

const endpoints = endpointsOf(createScimApp()).filter((e) => e.method !== 'ALL' && !e.path.endsWith('/*'));

describe('SCIM access', () => {
  it('has endpoints for discovery, Users and Groups', () => {
    expect(endpoints.map((e) => e.key)).toEqual(
      expect.arrayContaining(['GET /ServiceProviderConfig', 'GET /Users', 'POST /Users', 'PATCH /Users/:id', 'DELETE /Groups/:id', 'PATCH /Groups/:id']),
    );
  });

  it.each([
    { who: 'no key', status: 401 },
    { who: 'a session cookie', status: 401 },
    { who: 'a key with every scope but scim', status: 403 },
  ])('refuses $who on every endpoint ($status), writing nothing but the key’s last use', async ({ who, status }) => {
    const t = await makeApp();
    const owner = await withSpace(t);
    const others = API_SCOPES.filter((s) => s !== 'scim');
    const { key } = await makeKey(t, [...others]);
    const before = await snapshot(t.db);
    for (const e of endpoints) {
      const headers: Record<string, string> = { 'content-type': 'application/scim+json' };
      if (who === 'a session cookie') headers.cookie = owner.cookie;
      if (who.startsWith('a key')) headers.authorization = `Bearer ${key}`;
      const path = SCIM_BASE + fillPath(e.path, () => String(owner.id), String(owner.id));
      const body = e.method === 'GET' || e.method === 'DELETE' ? undefined : JSON.stringify({ schemas: [USER], userName: 'x@example.com' });
      const res = await t.app.request(path, { method: e.method, headers, body });
      expect(res.status, `${e.method} ${path}`).toBe(status);
      expect(await res.json()).toMatchObject({ schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: String(status) });
    }
    // Only the key's own "last used" is written (as on /api), and the rate counter that goes with it.
    const { api_keys: _k1, api_rate_counters: _c1, ...after } = await snapshot(t.db);
    const { api_keys: _k2, api_rate_counters: _c2, ...was } = before;
    expect(after).toEqual(was);
  });
});
