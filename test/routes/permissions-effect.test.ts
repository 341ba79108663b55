// Permissions take effect at the user's next request: every panel checks can() on the server on every
// request, the navigation shows only what the user may open, and no sign-out is needed. The Edit User page
// shows each effective permission with the groups granting it.
import { describe, expect, it } from 'vitest';
import { findGroupByName } from '../../src/db/queries/groups.js';
import { SPACE_ADMINISTRATORS } from '../../src/services/setup.js';
import { addUser, get, makeApp, post, withSpace, type TestApp, type TestUser } from '../support/app.js';
import { adminsGroupId, addAdmin, textOf } from '../support/invitations.js';

/** The links of the side navigation (the panels the user is shown). */
function navLinks(html: string): string[] {
  const nav = /<nav class="sidenav"[^>]*>([\s\S]*?)<\/nav>/.exec(html);
  if (!nav) throw new Error('no navigation on this page');
  return [...nav[1]!.matchAll(/<a href="([^"]+)"/g)].map((m) => m[1]!);
}

const ADMIN_PANELS = ['/users', '/groups', '/extensions', '/audit'];

async function navOf(t: TestApp, cookie: string): Promise<string[]> {
  const res = await get(t, '/', { cookie });
  expect(res.status, 'the overview opens: still signed in').toBe(200);
  return navLinks(await res.text());
}

/** The space, and Ada, a designer in "Env-managers" (Manage code envs). */
async function spaceWithEnvManager(t: TestApp) {
  const owner = await withSpace(t);
  const ada = await addUser(t, { email: 'ada@example.com', name: 'Ada', profile: 'designer', groups: [{ name: 'Env-managers', permissions: ['manage_code_envs'] }] });
  const group = (await findGroupByName(t.db, 'Env-managers'))!.id;
  return { owner, ada, group };
}

async function sessionsOf(t: TestApp, user: TestUser): Promise<number> {
  return (await t.db.selectFrom('sessions').select('id').where('user_id', '=', user.id).execute()).length;
}

describe('who sees and opens which panel', () => {
  it('a plain reader sees no link to an admin panel and gets the 403 page on each', async () => {
    const t = await makeApp();
    await withSpace(t);
    const rita = await addUser(t, { email: 'rita@example.com', profile: 'reader' });
    expect(await navOf(t, rita.cookie)).toEqual(['/', '/account']);
    for (const path of [...ADMIN_PANELS, '/code-envs']) {
      const res = await get(t, path, { cookie: rita.cookie });
      expect(res.status, path).toBe(403);
      const html = await res.text();
      expect(html).toContain('You do not have access to this page');
      expect(navLinks(html), `the 403 page of ${path} shows no admin link either`).toEqual(['/', '/account']);
    }
  });

  it('a plain member of a manage-code-envs group reaches Code Envs and nothing else', async () => {
    const t = await makeApp();
    const { ada } = await spaceWithEnvManager(t);
    const links = await navOf(t, ada.cookie);
    expect(links).toContain('/code-envs');
    for (const path of ADMIN_PANELS) expect(links, path).not.toContain(path);
    expect((await get(t, '/code-envs', { cookie: ada.cookie })).status).toBe(200);
    for (const path of ADMIN_PANELS) expect((await get(t, path, { cookie: ada.cookie })).status, path).toBe(403);
  });

  it('a space admin (not the owner) sees every panel, Code Envs included through Space Admin', async () => {
    const t = await makeApp();
    await withSpace(t);
    const adam = await addAdmin(t);
    const links = await navOf(t, adam.cookie);
    for (const path of ['/users', '/code-envs', '/extensions', '/audit']) expect(links, path).toContain(path);
    for (const path of [...ADMIN_PANELS, '/code-envs']) expect((await get(t, path, { cookie: adam.cookie })).status, path).toBe(200);
  });
});

describe('a change to a group applies at the next request, with the same session', () => {
  it.each<{ what: string; change: (t: TestApp, c: { owner: TestUser; ada: TestUser; group: number }) => Response | Promise<Response> }>([
    {
      what: 'the permission is withdrawn from the group (Edit Group)',
      change: (t, { owner, group }) => post(t, `/groups/${group}`, { name: 'Env-managers', description: '', permissions: ['create_projects'] }, { cookie: owner.cookie }),
    },
    { what: 'the group is deleted', change: (t, { owner, group }) => post(t, `/groups/${group}/delete`, {}, { cookie: owner.cookie }) },
    {
      what: 'the user is removed from the group (Members, htmx)',
      change: (t, { owner, ada, group }) => post(t, `/groups/${group}/members/${ada.id}/remove`, {}, { cookie: owner.cookie, htmx: true }),
    },
    {
      what: 'the user leaves the group (Edit User)',
      change: (t, { owner, ada }) => post(t, `/users/${ada.id}`, { displayName: 'Ada', profile: 'designer', back: '/users' }, { cookie: owner.cookie }),
    },
  ])('$what: Code Envs is gone from the navigation and answers 403', async ({ change }) => {
    const t = await makeApp();
    const c = await spaceWithEnvManager(t);
    expect(await navOf(t, c.ada.cookie)).toContain('/code-envs');
    expect((await get(t, '/code-envs', { cookie: c.ada.cookie })).status).toBe(200);

    const res = await change(t, c);
    expect(res.status, 'the change was accepted').toBeLessThan(400);

    const next = await get(t, '/code-envs', { cookie: c.ada.cookie });
    expect(next.status).toBe(403);
    expect(navLinks(await next.text())).not.toContain('/code-envs');
    expect(await navOf(t, c.ada.cookie)).not.toContain('/code-envs');
    expect(await sessionsOf(t, c.ada), 'no sign-out was needed').toBe(1);
  });

  it('a permission granted to a group applies at the next request too', async () => {
    const t = await makeApp();
    const owner = await withSpace(t);
    const rita = await addUser(t, { email: 'rita@example.com', profile: 'reader', groups: [{ name: 'Readers' }] });
    const group = (await findGroupByName(t.db, 'Readers'))!.id;
    expect((await get(t, '/code-envs', { cookie: rita.cookie })).status).toBe(403);
    expect((await post(t, `/groups/${group}`, { name: 'Readers', permissions: ['manage_code_envs'] }, { cookie: owner.cookie })).status).toBe(303);
    expect((await get(t, '/code-envs', { cookie: rita.cookie })).status).toBe(200);
    expect(await navOf(t, rita.cookie)).toContain('/code-envs');
  });

  it('a user added to a group through Members has its permissions at the next request', async () => {
    const t = await makeApp();
    const owner = await withSpace(t);
    const rita = await addUser(t, { email: 'rita@example.com', profile: 'reader' });
    const admins = await adminsGroupId(t);
    expect((await get(t, '/groups', { cookie: rita.cookie })).status).toBe(403);
    expect((await post(t, `/groups/${admins}/members`, { userId: String(rita.id) }, { cookie: owner.cookie })).status).toBe(303);
    expect((await get(t, '/groups', { cookie: rita.cookie })).status).toBe(200);
    for (const path of ['/users', '/code-envs', '/extensions', '/audit']) expect(await navOf(t, rita.cookie), path).toContain(path);
  });

  it('a space admin removed from space_administrators loses every admin panel at the next request', async () => {
    const t = await makeApp();
    const owner = await withSpace(t);
    const adam = await addAdmin(t);
    expect((await get(t, '/groups', { cookie: adam.cookie })).status).toBe(200);
    expect((await post(t, `/groups/${await adminsGroupId(t)}/members/${adam.id}/remove`, {}, { cookie: owner.cookie })).status).toBe(303);
    for (const path of [...ADMIN_PANELS, '/code-envs']) expect((await get(t, path, { cookie: adam.cookie })).status, path).toBe(403);
    expect(await navOf(t, adam.cookie)).toEqual(['/', '/account']);
    // A form posted from a page opened before the change is refused as well.
    expect((await post(t, '/groups', { name: 'Sneaky', permissions: ['space_admin'] }, { cookie: adam.cookie })).status).toBe(403);
    expect(await findGroupByName(t.db, 'Sneaky')).toBeNull();
  });
});

describe('effective permissions on Edit User', () => {
  /** The "Effective permissions" section of the page, one line per permission. */
  async function effectiveSection(t: TestApp, cookie: string, userId: number): Promise<string[] | string> {
    const res = await get(t, `/users/${userId}/edit`, { cookie });
    expect(res.status).toBe(200);
    const html = await res.text();
    const section = /<section id="effective-permissions"[^>]*>([\s\S]*?)<\/section>/.exec(html);
    if (!section) throw new Error('no effective permissions section');
    expect(section[1]).toContain('Effective permissions');
    const items = [...section[1]!.matchAll(/<li>([\s\S]*?)<\/li>/g)].map((m) => textOf(m[1]!));
    return items.length ? items : textOf(section[1]!.replace(/<h3[\s\S]*?<\/h3>/, ''));
  }

  it.each<{ what: string; groups: Array<{ name: string; permissions?: string[] }>; shown: string[] | string }>([
    { what: 'no groups', groups: [], shown: "No permissions: this user's groups grant none." },
    { what: 'a group without permissions', groups: [{ name: 'Readers' }], shown: "No permissions: this user's groups grant none." },
    {
      what: 'space_administrators',
      groups: [{ name: SPACE_ADMINISTRATORS }],
      shown: ['Space Admin from space_administrators', 'Manage code envs from space_administrators (through Space Admin)'],
    },
    {
      what: 'space_administrators and a manage-code-envs group',
      groups: [{ name: SPACE_ADMINISTRATORS }, { name: 'Env-managers', permissions: ['manage_code_envs'] }],
      shown: ['Space Admin from space_administrators', 'Manage code envs from Env-managers, space_administrators (through Space Admin)'],
    },
    {
      what: 'Manage all code envs and Manage all clusters',
      groups: [{ name: 'Ops', permissions: ['manage_all_clusters', 'manage_all_code_envs'] }],
      shown: [
        'Create code envs from Ops (through Manage all code envs)',
        'Manage all code envs from Ops',
        'Create clusters from Ops (through Manage all clusters)',
        'Manage all clusters from Ops',
      ],
    },
  ])('$what', async ({ groups, shown }) => {
    const t = await makeApp();
    const owner = await withSpace(t);
    const ada = await addUser(t, { email: 'ada@example.com', groups });
    expect(await effectiveSection(t, owner.cookie, ada.id)).toEqual(shown);
  });

  it('Administrator lists every instance permission, each through Administrator', async () => {
    const t = await makeApp();
    const owner = await withSpace(t);
    const ada = await addUser(t, { email: 'ada@example.com', groups: [{ name: 'Instance-admins', permissions: ['instance_admin'] }] });
    const shown = (await effectiveSection(t, owner.cookie, ada.id)) as string[];
    expect(shown).toHaveLength(19);
    expect(shown[0]).toBe('Administrator from Instance-admins');
    expect(shown).toContain('Create published projects from Instance-admins (through Administrator)');
    expect(shown).toContain('Manage user-defined meanings from Instance-admins (through Administrator)');
  });

  it("the owner's page shows Space Admin and Manage code envs from space_administrators", async () => {
    const t = await makeApp();
    const owner = await withSpace(t);
    expect(await effectiveSection(t, owner.cookie, owner.id)).toEqual([
      'Space Admin from space_administrators',
      'Manage code envs from space_administrators (through Space Admin)',
    ]);
  });

  it("follows the user's groups: after the group is deleted, the section is empty", async () => {
    const t = await makeApp();
    const { owner, ada, group } = await spaceWithEnvManager(t);
    expect(await effectiveSection(t, owner.cookie, ada.id)).toEqual(['Manage code envs from Env-managers']);
    await post(t, `/groups/${group}/delete`, {}, { cookie: owner.cookie });
    expect(await effectiveSection(t, owner.cookie, ada.id)).toBe("No permissions: this user's groups grant none.");
  });
});
