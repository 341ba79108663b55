// /api/v1/groups: the Groups tab's use cases; the default group's protections and all-or-nothing member lists.
import { describe, expect, it } from 'vitest';
import { addUser, makeApp, withSpace } from '../support/app.js';
import { api, makeKey } from './support.js';

async function space() {
  const t = await makeApp();
  const owner = await withSpace(t);
  const ada = await addUser(t, { email: 'ada@example.com' });
  const bob = await addUser(t, { email: 'bob@example.com' });
  const { key } = await makeKey(t, ['groups:read', 'groups:write']);
  const admins = ((await (await api(t, 'GET', '/api/v1/groups?search=space_administrators', { key })).json()) as { groups: Array<{ id: number }> }).groups[0]!;
  return { t, key, owner, ada, bob, adminsId: admins.id };
}

describe('groups', () => {
  it('creates, renames and deletes a group; a taken name is refused on its field', async () => {
    const { t, key } = await space();
    const created = await api(t, 'POST', '/api/v1/groups', { key, json: { name: 'analysts', description: 'BI', permissions: ['create_projects'] } });
    expect(created.status).toBe(201);
    const g = (await created.json()) as { id: number };
    expect(g).toMatchObject({ name: 'analysts', description: 'BI', permissions: ['create_projects'], memberCount: 0, origin: 'admin' });
    const taken = await api(t, 'POST', '/api/v1/groups', { key, json: { name: 'Analysts' } });
    expect(taken.status).toBe(422);
    expect(await taken.json()).toMatchObject({ code: 'name_taken', field: 'name' });
    const renamed = await api(t, 'PATCH', `/api/v1/groups/${g.id}`, { key, json: { name: 'bi' } });
    expect(await renamed.json()).toMatchObject({ name: 'bi', description: 'BI', permissions: ['create_projects'] });
    expect((await api(t, 'DELETE', `/api/v1/groups/${g.id}`, { key })).status).toBe(204);
    expect((await api(t, 'GET', `/api/v1/groups/${g.id}`, { key })).status).toBe(404);
  });

  it('keeps the space administrators: its name, Space Admin, and the group itself', async () => {
    const { t, key, adminsId } = await space();
    expect(await (await api(t, 'PATCH', `/api/v1/groups/${adminsId}`, { key, json: { name: 'admins' } })).json()).toMatchObject({ code: 'protected_name' });
    expect(await (await api(t, 'PATCH', `/api/v1/groups/${adminsId}`, { key, json: { permissions: ['create_projects'] } })).json()).toMatchObject({
      code: 'admins_keep_space_admin',
      field: 'permissions',
    });
    const del = await api(t, 'DELETE', `/api/v1/groups/${adminsId}`, { key });
    expect(del.status).toBe(409);
    expect(await del.json()).toMatchObject({ code: 'protected_group' });
  });

  it('adds and removes many members at once, and lists them', async () => {
    const { t, key, ada, bob } = await space();
    const { id } = (await (await api(t, 'POST', '/api/v1/groups', { key, json: { name: 'analysts' } })).json()) as { id: number };
    expect(await (await api(t, 'POST', `/api/v1/groups/${id}/members`, { key, json: { users: [ada.id, bob.id, ada.id] } })).json()).toEqual({ added: [ada.id, bob.id] });
    const list = (await (await api(t, 'GET', `/api/v1/groups/${id}/members`, { key })).json()) as { members: Array<{ email: string }>; total: number };
    expect(list.members.map((m) => m.email)).toEqual(['ada@example.com', 'bob@example.com']);
    expect(await (await api(t, 'POST', `/api/v1/groups/${id}/members/remove`, { key, json: { users: [bob.id, 999] } })).json()).toEqual({ removed: [bob.id] });
  });

  it('changes nothing when one id names nobody, or the owner would leave the space administrators', async () => {
    const { t, key, owner, ada, adminsId } = await space();
    const unknown = await api(t, 'POST', `/api/v1/groups/${adminsId}/members`, { key, json: { users: [ada.id, 999] } });
    expect(unknown.status).toBe(409);
    expect(await unknown.json()).toMatchObject({ code: 'user_not_found' });
    await api(t, 'POST', `/api/v1/groups/${adminsId}/members`, { key, json: { users: [ada.id] } });
    const owners = await api(t, 'POST', `/api/v1/groups/${adminsId}/members/remove`, { key, json: { users: [ada.id, owner.id] } });
    expect(owners.status).toBe(409);
    expect(await owners.json()).toMatchObject({ code: 'owner_stays_admin' });
    const members = (await (await api(t, 'GET', `/api/v1/groups/${adminsId}/members`, { key })).json()) as { members: Array<{ email: string }> };
    expect(members.members.map((m) => m.email)).toEqual(['ada@example.com', 'owner@example.com']);
  });
});
