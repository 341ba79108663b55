// The route × role matrix. The routes come from the router's own list, so a new route without a row here
// fails the suite; the expected access is written down here, independently of src/app.tsx's ROUTES.
import { describe, expect, it } from 'vitest';
import { SPACE_ADMINISTRATORS } from '../../src/services/setup.js';
import { endpointsOf, fillPath, type Endpoint } from '../support/routes.js';
import { addUser, get, makeApp, post, withSpace, type TestApp } from '../support/app.js';

type Access = 'public' | 'signed_in' | 'space_admin' | 'manage_code_envs' | 'owner';

/** Who may use each route. Add a row for every new route. */
const EXPECTED: Record<string, Access> = {
  'GET /': 'signed_in',
  'GET /healthz': 'public',
  'GET /setup': 'public',
  'POST /setup': 'public',
  'GET /login': 'public',
  'POST /login': 'public',
  'POST /logout': 'signed_in',
  'POST /login/oidc': 'public',
  'GET /login/oidc/callback': 'public',
  'GET /forgot-password': 'public',
  'POST /forgot-password': 'public',
  'GET /reset-password/:token': 'public',
  'POST /reset-password/:token': 'public',
  'GET /account': 'signed_in',
  'POST /account/name': 'signed_in',
  'POST /account/password': 'signed_in',
  'POST /account/sessions/:id{[A-Za-z0-9]+}/end': 'signed_in',
  'POST /account/sessions/end-others': 'signed_in',
  'GET /audit': 'space_admin',
  'GET /audit/export.csv': 'space_admin',
  'GET /audit/export.jsonl': 'space_admin',
  'GET /users/export.csv': 'space_admin',
  'GET /users/import': 'space_admin',
  'POST /users/import/preview': 'space_admin',
  'POST /users/import/apply': 'space_admin',
  'GET /users': 'space_admin',
  'GET /users/group-options': 'space_admin',
  'GET /users/invite': 'space_admin',
  'POST /users/invite': 'space_admin',
  'POST /users/bulk': 'space_admin',
  'POST /users/bulk/apply': 'space_admin',
  'GET /users/:id{[0-9]+}/edit': 'space_admin',
  'POST /users/:id{[0-9]+}': 'space_admin',
  'GET /users/:id{[0-9]+}/delete': 'space_admin',
  'POST /users/:id{[0-9]+}/delete': 'space_admin',
  'GET /users/:id{[0-9]+}/deactivate': 'space_admin',
  'POST /users/:id{[0-9]+}/deactivate': 'space_admin',
  'GET /users/:id{[0-9]+}/reactivate': 'space_admin',
  'POST /users/:id{[0-9]+}/reactivate': 'space_admin',
  'GET /users/:id{[0-9]+}/transfer': 'owner',
  'POST /users/:id{[0-9]+}/password-reset': 'space_admin',
  'POST /users/:id{[0-9]+}/sign-out': 'space_admin',
  'POST /users/:id{[0-9]+}/transfer': 'owner',
  'GET /users/:id{[0-9]+}/actions': 'space_admin',
  'GET /invitations/:id{[0-9]+}/actions': 'space_admin',
  'GET /users/:id{[0-9]+}/effective-permissions': 'space_admin',
  'POST /invitations/:id{[0-9]+}/link': 'space_admin',
  'POST /invitations/:id{[0-9]+}/resend': 'space_admin',
  'GET /invitations/:id{[0-9]+}/revoke': 'space_admin',
  'GET /invitations/:id{[0-9]+}/edit': 'space_admin',
  'POST /invitations/:id{[0-9]+}/edit': 'space_admin',
  'POST /invitations/:id{[0-9]+}/revoke': 'space_admin',
  'GET /invite/:token': 'public',
  'POST /invite/:token': 'public',
  'GET /groups': 'space_admin',
  'GET /groups/new': 'space_admin',
  'POST /groups': 'space_admin',
  'GET /groups/:id{[0-9]+}/actions': 'space_admin',
  'GET /groups/:id{[0-9]+}/edit': 'space_admin',
  'POST /groups/:id{[0-9]+}': 'space_admin',
  'GET /groups/:id{[0-9]+}/delete': 'space_admin',
  'POST /groups/:id{[0-9]+}/delete': 'space_admin',
  'GET /groups/:id{[0-9]+}/members': 'space_admin',
  'POST /groups/:id{[0-9]+}/members': 'space_admin',
  'POST /groups/:id{[0-9]+}/members/:userId{[0-9]+}/remove': 'space_admin',
  'GET /extensions': 'space_admin',
  'POST /extensions/:key/activate': 'space_admin',
  'POST /extensions/:key/deactivate': 'space_admin',
  'GET /code-envs': 'manage_code_envs',
  'GET /code-envs/new': 'manage_code_envs',
  'GET /code-envs/language-versions': 'manage_code_envs',
  'POST /code-envs': 'manage_code_envs',
  'GET /code-envs/:id{[0-9]+}/edit': 'manage_code_envs',
  'POST /code-envs/:id{[0-9]+}': 'manage_code_envs',
  'GET /code-envs/:id{[0-9]+}/delete': 'manage_code_envs',
  'POST /code-envs/:id{[0-9]+}/delete': 'manage_code_envs',
  'GET /api-keys': 'space_admin',
  'GET /api-keys/new': 'space_admin',
  'POST /api-keys': 'space_admin',
  'GET /api-keys/:id{[a-z0-9]+}/revoke': 'space_admin',
  'POST /api-keys/:id{[a-z0-9]+}/revoke': 'space_admin',
  'GET /instances': 'space_admin',
  'GET /instances/new': 'space_admin',
  'POST /instances': 'space_admin',
  'GET /instances/:id{[a-z0-9_]+}/rotate': 'space_admin',
  'POST /instances/:id{[a-z0-9_]+}/rotate': 'space_admin',
  'GET /instances/:id{[a-z0-9_]+}/disable': 'space_admin',
  'POST /instances/:id{[a-z0-9_]+}/disable': 'space_admin',
  'GET /instances/:id{[a-z0-9_]+}/enable': 'space_admin',
  'POST /instances/:id{[a-z0-9_]+}/enable': 'space_admin',
  'GET /instances/:id{[a-z0-9_]+}/delete': 'space_admin',
  'POST /instances/:id{[a-z0-9_]+}/delete': 'space_admin',
  'GET /instance-sign-in/:uid': 'signed_in',
  'GET /api/docs': 'public',
  'GET /api/v1/openapi.json': 'public',
};

const ROLES = ['anonymous', 'reader', 'code_envs_manager', 'space_admin', 'owner'] as const;
type Role = (typeof ROLES)[number];

/** Which roles each access level lets in. */
const ALLOWED: Record<Access, readonly Role[]> = {
  public: ROLES,
  signed_in: ['reader', 'code_envs_manager', 'space_admin', 'owner'],
  manage_code_envs: ['code_envs_manager', 'space_admin', 'owner'], // Space Admin implies Manage code envs
  space_admin: ['space_admin', 'owner'],
  owner: ['owner'],
};

/** A space with one user per role; returns the cookie of `role` (none for anonymous) and an existing user's id. */
async function spaceWithRoles(t: TestApp, role: Role): Promise<{ cookie?: string; userId: number }> {
  const owner = await withSpace(t);
  const reader = await addUser(t, { email: 'reader@example.com', profile: 'reader' });
  const codeEnvs = await addUser(t, {
    email: 'code-envs@example.com',
    profile: 'designer',
    groups: [{ name: 'Code env managers', permissions: ['manage_code_envs'] }],
  });
  const admin = await addUser(t, { email: 'admin@example.com', profile: 'designer', groups: [{ name: SPACE_ADMINISTRATORS }] });
  const cookies: Record<Role, string | undefined> = {
    anonymous: undefined,
    reader: reader.cookie,
    code_envs_manager: codeEnvs.cookie,
    space_admin: admin.cookie,
    owner: owner.cookie,
  };
  return { cookie: cookies[role], userId: reader.id };
}

/** Harmless values for `:params`: an existing user's id for ids, 'x' for anything else. */
const urlFor = (e: Endpoint, userId: number) => fillPath(e.path, (name) => (/id$/i.test(name) ? String(userId) : 'x'), String(userId));

/** The redirect authorize() sends a signed-out visitor: to /login, with ?next= for a GET. */
const toSignIn = (res: Response) => res.status === 303 && /^\/login(\?next=|$)/.test(res.headers.get('location') ?? '');

/**
 * The JSON API and SCIM answer API keys, never cookies: the API's endpoint × scope matrix is
 * test/api/scope-matrix.test.ts, SCIM's is test/scim/access.test.ts.
 */
const isKeyApi = (e: Endpoint) => (e.path.startsWith('/api/v1/') && e.path !== '/api/v1/openapi.json') || e.path.startsWith('/scim/v2');
const endpoints = endpointsOf((await makeApp()).app).filter((e) => !isKeyApi(e));

describe('the route table', () => {
  it('has a row for every route the router answers', () => {
    const missing = endpoints.map((e) => e.key).filter((k) => !(k in EXPECTED));
    expect(
      missing,
      `These routes have no row in EXPECTED (test/routes/access-matrix.test.ts); add one saying who may use each:\n  ${missing.join('\n  ')}`,
    ).toEqual([]);
  });

  it('names no route that no longer exists', () => {
    const known = new Set(endpoints.map((e) => e.key));
    const stale = Object.keys(EXPECTED).filter((k) => !known.has(k));
    expect(stale, `These rows of EXPECTED name routes the router no longer has; remove or rename them:\n  ${stale.join('\n  ')}`).toEqual([]);
  });

  it.each([
    { path: '/reset-password/:token', url: '/reset-password/x' },
    { path: '/users/:id{[0-9]+}/edit', url: '/users/7/edit' },
    { path: '/things/:slug{[0-9]+}', url: '/things/7' }, // 'x' does not fit the pattern: the fallback id does
    { path: '/a/:groupId/b/:name', url: '/a/7/b/x' },
  ])('fills $path as $url', ({ path, url }) => {
    expect(fillPath(path, (name) => (/id$/i.test(name) ? '7' : 'x'), '7')).toBe(url);
  });

  it('finds the routes through the router (sanity check of the filter)', () => {
    expect(endpoints.length).toBeGreaterThanOrEqual(Object.keys(EXPECTED).length - 5);
    expect(endpoints.every((e) => e.method === 'GET' || e.method === 'POST')).toBe(true);
  });
});

const cases = endpoints
  .filter((e) => e.key in EXPECTED)
  .flatMap((e) => ROLES.map((role) => ({ e, role, access: EXPECTED[e.key]!, key: e.key })));

describe('route × role', () => {
  it.each(cases)('$role → $key ($access)', async ({ e, role, access }) => {
    const t = await makeApp();
    const { cookie, userId } = await spaceWithRoles(t, role);
    const url = urlFor(e, userId);
    const res = e.method === 'GET' ? await get(t, url, cookie ? { cookie } : {}) : await post(t, url, {}, cookie ? { cookie } : {});
    const allowed = ALLOWED[access].includes(role);

    if (access === 'public') {
      expect(res.status, `${e.method} ${url}`).not.toBe(403);
    } else if (!allowed && role === 'anonymous') {
      expect(res.status).toBe(303);
      const location = res.headers.get('location');
      if (e.method === 'GET') expect(location).toBe(url === '/' ? '/login' : `/login?next=${encodeURIComponent(url)}`);
      else expect(location).toBe('/login');
    } else if (!allowed) {
      expect(res.status).toBe(403);
      expect(await res.text()).toContain('You do not have access to this page');
    } else {
      expect(res.status).not.toBe(403);
      expect(toSignIn(res), `redirected to sign in: ${res.headers.get('location')}`).toBe(false);
    }
    // An empty form or a made-up id is a user error, never a crash.
    expect(res.status, `${e.method} ${url}`).toBeLessThan(500);
    // Read to its end: an export streams its rows after the answer's headers, and its queries must be done
    // before the test's database closes (a query still waiting for a connection then timed out in the log).
    if (!res.bodyUsed) await res.arrayBuffer();
  });
});

describe('signed-out htmx requests', () => {
  it('get 401 with HX-Redirect to sign in, so htmx navigates instead of swapping a login page into a fragment', async () => {
    const t = await makeApp();
    await withSpace(t);
    const res = await get(t, '/account', { htmx: true });
    expect(res.status).toBe(401);
    expect(res.headers.get('hx-redirect')).toBe('/login?next=%2Faccount');
  });
});
