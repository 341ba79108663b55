// /api/v1/users: the Users tab's list with cursor paging, and the Edit User and Delete user use cases,
// the owner's rules answering exactly as in the panel.
import { describe, expect, it } from 'vitest';
import { listAuditEvents } from '../../src/db/queries/audit.js';
import { insertUser } from '../../src/db/queries/users.js';
import { snapshot } from '../support/db-snapshot.js';
import { addUser, makeApp, withSpace, type TestApp } from '../support/app.js';
import { api, makeKey } from './support.js';

type Page = { users: Array<{ id: number; email: string; name: string; profile: string; groups: Array<{ name: string }> }>; nextCursor: string | null };

async function people(t: TestApp, n: number) {
  for (let i = 0; i < n; i++) {
    await insertUser(t.db, { email: `p${String(i).padStart(3, '0')}@example.com`, displayName: `Person ${i % 7}`, passwordHash: 'x', profile: i % 3 ? 'reader' : 'explorer', createdAt: t.deps.now() });
  }
}

async function readAll(t: TestApp, key: string, query: string): Promise<string[]> {
  const seen: string[] = [];
  let cursor: string | null = null;
  do {
    const res = await api(t, 'GET', `/api/v1/users?${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { key });
    expect(res.status).toBe(200);
    const page = (await res.json()) as Page;
    seen.push(...page.users.map((u) => u.email));
    cursor = page.nextCursor;
  } while (cursor);
  return seen;
}

describe('GET /api/v1/users', () => {
  it.each(['sort=name', 'sort=name&dir=desc', 'sort=email', 'sort=profile&dir=desc', 'sort=last_login'])(
    'walks every member once, in order, with %s and limit=7',
    async (order) => {
      const t = await makeApp({ SEATS: 'designer:5,explorer:100,reader:100' });
      await withSpace(t);
      await people(t, 40);
      const { key } = await makeKey(t, ['users:read']);
      const paged = await readAll(t, key, `${order}&limit=7`);
      const whole = await readAll(t, key, `${order}&limit=200`);
      expect(paged).toHaveLength(41);
      expect(new Set(paged).size).toBe(41);
      expect(paged).toEqual(whole);
    },
  );

  it('searches, and filters by profile and by group, as the Users tab does', async () => {
    const t = await makeApp();
    await withSpace(t);
    await addUser(t, { email: 'ada@example.com', name: 'Ada Lovelace', profile: 'explorer', groups: [{ name: 'analysts' }] });
    await addUser(t, { email: 'bob@example.com', name: 'Bob', profile: 'reader', groups: [{ name: 'analysts' }] });
    const { key } = await makeKey(t, ['users:read']);
    const emails = async (q: string) => ((await (await api(t, 'GET', `/api/v1/users?${q}`, { key })).json()) as Page).users.map((u) => u.email);
    expect(await emails('search=LOVE')).toEqual(['ada@example.com']);
    expect(await emails('profile=reader')).toEqual(['bob@example.com']);
    const groups = (await (await api(t, 'GET', '/api/v1/groups?search=analysts', { key: (await makeKey(t, ['groups:read'])).key })).json()) as { groups: Array<{ id: number }> };
    expect(await emails(`group=${groups.groups[0]!.id}&sort=email`)).toEqual(['ada@example.com', 'bob@example.com']);
  });

  it('refuses a limit over 200, and a cursor of another order or none at all', async () => {
    const t = await makeApp();
    await withSpace(t);
    await people(t, 3);
    const { key } = await makeKey(t, ['users:read']);
    const tooMany = await api(t, 'GET', '/api/v1/users?limit=201', { key });
    expect(tooMany.status).toBe(422);
    expect(await tooMany.json()).toMatchObject({ code: 'invalid', field: 'limit' });
    const first = (await (await api(t, 'GET', '/api/v1/users?sort=name&limit=1', { key })).json()) as Page;
    const other = await api(t, 'GET', `/api/v1/users?sort=email&cursor=${first.nextCursor}`, { key });
    expect(other.status).toBe(400);
    expect(await other.json()).toMatchObject({ code: 'bad_cursor', field: 'cursor' });
    expect((await api(t, 'GET', '/api/v1/users?cursor=e30', { key })).status).toBe(400);
  });
});

describe('PATCH and DELETE /api/v1/users/{id}', () => {
  it('changes only what is sent, audited with the key as the actor', async () => {
    const t = await makeApp();
    await withSpace(t);
    const ada = await addUser(t, { email: 'ada@example.com', name: 'Ada', profile: 'reader', groups: [{ name: 'analysts' }] });
    const { key, id } = await makeKey(t, ['users:write'], { name: 'HR sync' });
    const res = await api(t, 'PATCH', `/api/v1/users/${ada.id}`, { key, json: { name: 'Ada Lovelace' } });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ name: 'Ada Lovelace', profile: 'reader', groups: [{ name: 'analysts' }], isOwner: false });
    const [event] = await listAuditEvents(t.db, { action: 'user.updated', limit: 1 });
    expect(event).toMatchObject({ actorId: null, actorLabel: `API key “HR sync” (${id})`, targetLabel: 'ada@example.com' });
  });

  it('keeps the owner in the space administrators and refuses a name that is not one, changing nothing', async () => {
    const t = await makeApp();
    const owner = await withSpace(t);
    const { key } = await makeKey(t, ['users:write']);
    const before = await snapshot(t.db);
    const res = await api(t, 'PATCH', `/api/v1/users/${owner.id}`, { key, json: { groups: [] } });
    expect(res.status).toBe(409);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(await res.json()).toMatchObject({ code: 'owner_stays_admin', field: 'groups', status: 409 });
    const blank = await api(t, 'PATCH', `/api/v1/users/${owner.id}`, { key, json: { name: '  ' } });
    expect(blank.status).toBe(422);
    expect(await blank.json()).toMatchObject({ code: 'invalid', field: 'name' });
    const strip = (s: Record<string, unknown[]>) => ({ ...s, api_keys: undefined, api_rate_counters: undefined });
    expect(strip(await snapshot(t.db))).toEqual(strip(before));
  });

  it('refuses a profile without a free seat, with needed and free', async () => {
    const t = await makeApp({ SEATS: 'designer:1,explorer:10,reader:10' });
    await withSpace(t); // the owner holds the one designer seat
    const ada = await addUser(t, { email: 'ada@example.com', profile: 'reader' });
    const { key } = await makeKey(t, ['users:write']);
    const res = await api(t, 'PATCH', `/api/v1/users/${ada.id}`, { key, json: { profile: 'designer' } });
    expect(res.status).toBe(409);
    expect(await res.json()).toMatchObject({ code: 'not_enough_seats', field: 'profile', profile: 'designer', needed: 1, free: 0 });
  });

  it('deletes a member but never the owner', async () => {
    const t = await makeApp();
    const owner = await withSpace(t);
    const ada = await addUser(t, { email: 'ada@example.com' });
    const { key } = await makeKey(t, ['users:write', 'users:read']);
    expect((await api(t, 'DELETE', `/api/v1/users/${ada.id}`, { key })).status).toBe(204);
    expect((await api(t, 'GET', `/api/v1/users/${ada.id}`, { key })).status).toBe(404);
    const res = await api(t, 'DELETE', `/api/v1/users/${owner.id}`, { key });
    expect(res.status).toBe(409);
    expect(await res.json()).toMatchObject({ code: 'owner_stays_admin' });
  });
});
