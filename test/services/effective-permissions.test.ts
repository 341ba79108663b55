// A user's permissions are the union of their groups', with what those imply; effectivePermissions() says
// which groups grant each one, for the Edit User page.
import { describe, expect, it } from 'vitest';
import type { Permission } from '../../src/domain/permissions.js';
import { effectivePermissions, loadCurrentUser } from '../../src/services/principal.js';
import { SPACE_ADMINISTRATORS } from '../../src/services/setup.js';
import { addUser, makeApp, type TestApp } from '../support/app.js';
import { spaceWithOwner } from '../support/invitations.js';

type Groups = Array<{ name: string; permissions?: string[] }>;

async function userIn(t: TestApp, groups: Groups) {
  await spaceWithOwner(t);
  return addUser(t, { email: 'ada@example.com', profile: 'designer', groups });
}

describe('effectivePermissions', () => {
  it.each<{ what: string; groups: Groups; expected: Array<{ permission: string; groups: string[] }> }>([
    { what: 'no group', groups: [], expected: [] },
    { what: 'a group without permissions', groups: [{ name: 'Readers' }], expected: [] },
    {
      what: 'space_administrators: Space Admin, and Manage code envs through it',
      groups: [{ name: SPACE_ADMINISTRATORS }],
      expected: [
        { permission: 'space_admin', groups: ['space_administrators'] },
        { permission: 'manage_code_envs', groups: ['space_administrators (through Space Admin)'] },
      ],
    },
    {
      what: 'Manage code envs granted twice, directly and through Space Admin',
      groups: [{ name: SPACE_ADMINISTRATORS }, { name: 'Env-managers', permissions: ['manage_code_envs'] }],
      expected: [
        { permission: 'space_admin', groups: ['space_administrators'] },
        { permission: 'manage_code_envs', groups: ['Env-managers', 'space_administrators (through Space Admin)'] },
      ],
    },
    {
      what: 'Manage all code envs implies Create code envs; Manage all clusters implies Create clusters',
      groups: [
        { name: 'Ops', permissions: ['manage_all_code_envs', 'manage_all_clusters'] },
        { name: 'Builders', permissions: ['create_code_envs'] },
      ],
      expected: [
        { permission: 'create_code_envs', groups: ['Builders', 'Ops (through Manage all code envs)'] },
        { permission: 'manage_all_code_envs', groups: ['Ops'] },
        { permission: 'create_clusters', groups: ['Ops (through Manage all clusters)'] },
        { permission: 'manage_all_clusters', groups: ['Ops'] },
      ],
    },
    {
      what: 'two groups granting the same permission',
      groups: [
        { name: 'Zeta', permissions: ['develop_plugins'] },
        { name: 'Alpha', permissions: ['develop_plugins'] },
      ],
      expected: [{ permission: 'develop_plugins', groups: ['Alpha', 'Zeta'] }],
    },
    {
      what: 'a name in the database that is no permission grants nothing',
      groups: [{ name: 'Legacy', permissions: ['root', 'edit_lib_folders'] }],
      expected: [{ permission: 'edit_lib_folders', groups: ['Legacy'] }],
    },
  ])('$what', async ({ groups, expected }) => {
    const t = await makeApp();
    const ada = await userIn(t, groups);
    expect(await effectivePermissions(t.db, ada.id)).toEqual(expected);
  });

  it('Administrator lists every instance permission, each from the group through Administrator, in the panel order', async () => {
    const t = await makeApp();
    const ada = await userIn(t, [{ name: 'Instance-admins', permissions: ['instance_admin'] }]);
    const effective = await effectivePermissions(t.db, ada.id);
    expect(effective[0]).toEqual({ permission: 'instance_admin', groups: ['Instance-admins'] });
    expect(effective).toHaveLength(19);
    for (const e of effective.slice(1)) expect(e.groups, e.permission).toEqual(['Instance-admins (through Administrator)']);
    expect(effective.map((e) => e.permission)).toContain('manage_user_defined_meanings');
    expect(effective.map((e) => e.permission)).not.toContain('space_admin');
  });

  it('agrees with the permissions loaded for every request', async () => {
    const t = await makeApp();
    const ada = await userIn(t, [
      { name: 'Ops', permissions: ['manage_all_code_envs'] },
      { name: 'Env-managers', permissions: ['manage_code_envs'] },
    ]);
    const user = (await loadCurrentUser(t.db, ada.id))!;
    expect([...user.permissions].sort()).toEqual((await effectivePermissions(t.db, ada.id)).map((e) => e.permission).sort());
  });

  it("changes with the user's groups, with nothing cached", async () => {
    const t = await makeApp();
    const ada = await userIn(t, [{ name: 'Env-managers', permissions: ['manage_code_envs'] }]);
    expect((await loadCurrentUser(t.db, ada.id))!.permissions.has('manage_code_envs')).toBe(true);
    await t.db.deleteFrom('group_permissions').where('permission', '=', 'manage_code_envs').execute();
    expect((await loadCurrentUser(t.db, ada.id))!.permissions.has('manage_code_envs')).toBe(false);
    expect(await effectivePermissions(t.db, ada.id)).toEqual([]);
  });
});

describe('loadCurrentUser', () => {
  it.each<{ what: string; groups: Groups; has: Permission[]; hasNot: Permission[] }>([
    { what: 'a plain reader', groups: [], has: [], hasNot: ['space_admin', 'manage_code_envs'] },
    { what: 'a code envs manager', groups: [{ name: 'Env-managers', permissions: ['manage_code_envs'] }], has: ['manage_code_envs'], hasNot: ['space_admin'] },
    { what: 'a space admin', groups: [{ name: SPACE_ADMINISTRATORS }], has: ['space_admin', 'manage_code_envs'], hasNot: ['instance_admin'] },
    {
      what: 'the union of two groups',
      groups: [
        { name: 'A', permissions: ['create_projects'] },
        { name: 'B', permissions: ['manage_all_clusters'] },
      ],
      has: ['create_projects', 'manage_all_clusters', 'create_clusters'],
      hasNot: ['manage_code_envs', 'create_code_envs'],
    },
  ])('$what: has $has, not $hasNot', async ({ groups, has, hasNot }) => {
    const t = await makeApp();
    const ada = await userIn(t, groups);
    const user = (await loadCurrentUser(t.db, ada.id))!;
    for (const p of has) expect(user.permissions.has(p), p).toBe(true);
    for (const p of hasNot) expect(user.permissions.has(p), p).toBe(false);
    expect(user.isOwner).toBe(false);
  });
});

describe('loadCurrentUser: who the shell shows', () => {
  it('lists each group once, by name, however many permissions it grants, with the space and its owner', async () => {
    const t = await makeApp();
    const { owner } = await spaceWithOwner(t);
    const ada = await addUser(t, {
      email: 'ada@example.com',
      profile: 'designer',
      groups: [{ name: 'zeta-ops', permissions: ['manage_all_code_envs', 'manage_all_clusters', 'create_projects'] }, { name: 'Alpha' }],
    });
    const user = (await loadCurrentUser(t.db, ada.id))!;
    expect(user.groups.map((g) => g.name)).toEqual(['Alpha', 'zeta-ops']);
    expect(user.permissions.has('create_clusters')).toBe(true);
    expect(user.isOwner).toBe(false);
    const space = await t.db.selectFrom('space').select('name').executeTakeFirstOrThrow();
    expect(user.spaceName).toBe(space.name);
    expect((await loadCurrentUser(t.db, owner.id))!.isOwner).toBe(true);
  });

  it('is null for a deactivated member and for an unknown id', async () => {
    const t = await makeApp();
    await spaceWithOwner(t);
    const ada = await addUser(t, { email: 'ada@example.com', profile: 'reader', groups: [] });
    await t.db.updateTable('users').set({ deactivated_at: 1 }).where('id', '=', ada.id).execute();
    expect(await loadCurrentUser(t.db, ada.id)).toBeNull();
    expect(await loadCurrentUser(t.db, 999_999)).toBeNull();
  });
});
