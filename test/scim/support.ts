// SCIM test helpers: a space with its owner, a key with the scim scope, and requests as IdPs send them.
import { makeKey } from '../api/support.js';
import { makeApp, withSpace, type TestApp, type TestUser } from '../support/app.js';

export const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const GROUP = 'urn:ietf:params:scim:schemas:core:2.0:Group';
export const EXT = 'urn:ietf:params:scim:schemas:extension:launchpad:2.0:User';
export const PATCH = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

export interface ScimTest {
  t: TestApp;
  owner: TestUser;
  key: string;
  call: (method: string, path: string, json?: unknown) => Promise<{ status: number; body: any; headers: Headers }>;
}

export async function scimSpace(env: Record<string, string> = {}): Promise<ScimTest> {
  const t = await makeApp(env);
  const owner = await withSpace(t);
  const { key } = await makeKey(t, ['scim'], { name: 'Identity provider' });
  const call = async (method: string, path: string, json?: unknown) => {
    const headers: Record<string, string> = { authorization: `Bearer ${key}` };
    if (json !== undefined) headers['content-type'] = 'application/scim+json';
    const res = await t.app.request(`/scim/v2${path}`, { method, headers, body: json === undefined ? undefined : JSON.stringify(json) });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null, headers: res.headers };
  };
  return { t, owner, key, call };
}

export const userBody = (email: string, extra: Record<string, unknown> = {}) => ({
  schemas: [USER],
  userName: email,
  name: { givenName: email.split('@')[0], familyName: 'Tester' },
  emails: [{ primary: true, value: email, type: 'work' }],
  active: true,
  ...extra,
});
