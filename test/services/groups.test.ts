// The Groups tab's use cases on a real SQLite: names, permissions, members, deletion, audit, and the
// protections of space_administrators.
import { describe, expect, it } from 'vitest';
import { listAuditEvents } from '../../src/db/queries/audit.js';
import { findGroup, findGroupByName } from '../../src/db/queries/groups.js';
import { activateExtension, deactivateExtension } from '../../src/services/extensions.js';
import { addGroupMember, createGroup, deleteGroup, removeGroupMember, updateGroup, type GroupInput } from '../../src/services/groups.js';
import type { CurrentUser } from '../../src/services/principal.js';
import { SPACE_ADMINISTRATORS } from '../../src/services/setup.js';
import { addUser, makeApp, type TestApp } from '../support/app.js';
import { snapshot } from '../support/db-snapshot.js';
import { actor, addAdmin, adminsGroupId, groupIdsOf, makeGroup, spaceWithOwner } from '../support/invitations.js';

const input = (name: string, permissions: string[] = [], description = ''): GroupInput => ({ name, description, permissions });

async function groupRow(t: TestApp, id: number) {
  const g = await findGroup(t.db, id);
  if (!g) throw new Error(`no group ${id}`);
  return { ...g, permissions: [...g.permissions].sort() };
}

const eventsOf = (t: TestApp, action: string) => listAuditEvents(t.db, { action, limit: 20 });

describe('createGroup', () => {
  it('creates a group made by an admin, with its permissions, and audits it', async () => {
    const t = await makeApp();
    const { admin } = await spaceWithOwner(t);
    const r = await createGroup(t.deps, admin, input('Analysts', ['manage_code_envs', 'create_projects'], 'The analysts'));
    if (!r.ok) throw new Error(r.code);
    expect(await groupRow(t, r.id)).toMatchObject({
      name: 'Analysts',
      description: 'The analysts',
      origin: 'admin',
      memberCount: 0,
      permissions: ['create_projects', 'manage_code_envs'],
    });
    const events = await eventsOf(t, 'group.created');
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      actorId: admin.id,
      actorLabel: admin.email,
      targetType: 'group',
      targetId: String(r.id),
      targetLabel: 'Analysts',
      details: { permissions: ['manage_code_envs', 'create_projects'] },
    });
  });

  it.each([
    { name: '', message: 'Enter a name.' },
    { name: 'x'.repeat(201), message: 'Use at most 200 characters.' },
    { name: ' analysts', message: 'Remove the spaces at the start and the end.' },
    { name: 'a;b', message: 'Use letters, digits, spaces and punctuation, without ";", tabs or line breaks.' },
  ])('refuses the name $name with "$message", writing nothing', async ({ name, message }) => {
    const t = await makeApp();
    const { admin } = await spaceWithOwner(t);
    const before = await snapshot(t.db);
    expect(await createGroup(t.deps, admin, input(name))).toEqual({ ok: false, code: 'invalid_name', message });
    expect(await snapshot(t.db)).toEqual(before);
  });

  it.each(['analysts', 'ANALYSTS', 'Analysts', 'aNaLySts', 'SPACE_ADMINISTRATORS', 'Space_Administrators'])(
    'refuses %s: names are unique without case',
    async (name) => {
      const t = await makeApp();
      const { admin } = await spaceWithOwner(t);
      await makeGroup(t, 'Analysts');
      const before = await snapshot(t.db);
      expect(await createGroup(t.deps, admin, input(name))).toEqual({ ok: false, code: 'name_taken' });
      expect(await snapshot(t.db)).toEqual(before);
    },
  );

  it('refuses a permission that does not exist', async () => {
    const t = await makeApp();
    const { admin } = await spaceWithOwner(t);
    const before = await snapshot(t.db);
    expect(await createGroup(t.deps, admin, input('Analysts', ['space_admin', 'root']))).toEqual({ ok: false, code: 'unknown_permission' });
    expect(await snapshot(t.db)).toEqual(before);
  });
});

describe('updateGroup', () => {
  it('renames, changes the description and the permissions, and audits what changed', async () => {
    const t = await makeApp();
    const { admin } = await spaceWithOwner(t);
    const id = await makeGroup(t, 'Analysts', ['create_projects', 'develop_plugins']);
    const r = await updateGroup(t.deps, admin, id, input('Data-Analysts', ['develop_plugins', 'manage_code_envs'], 'New words'));
    expect(r).toEqual({ ok: true });
    expect(await groupRow(t, id)).toMatchObject({ name: 'Data-Analysts', description: 'New words', permissions: ['develop_plugins', 'manage_code_envs'] });
    expect(await findGroupByName(t.db, 'analysts')).toBeNull();
    const [event] = await eventsOf(t, 'group.updated');
    expect(event).toMatchObject({
      actorId: admin.id,
      targetId: String(id),
      targetLabel: 'Data-Analysts',
      details: { renamed: 'Analysts → Data-Analysts', granted: ['manage_code_envs'], withdrawn: ['create_projects'] },
    });
  });

  it('may change only the case of its own name', async () => {
    const t = await makeApp();
    const { admin } = await spaceWithOwner(t);
    const id = await makeGroup(t, 'analysts');
    expect(await updateGroup(t.deps, admin, id, input('Analysts'))).toEqual({ ok: true });
    expect((await groupRow(t, id)).name).toBe('Analysts');
  });

  it.each(['marketing', 'MARKETING', 'space_administrators', 'SPACE_administrators'])('refuses to take the name %s of another group', async (name) => {
    const t = await makeApp();
    const { admin } = await spaceWithOwner(t);
    const id = await makeGroup(t, 'Analysts', ['create_projects']);
    await makeGroup(t, 'Marketing');
    const before = await snapshot(t.db);
    expect(await updateGroup(t.deps, admin, id, input(name, []))).toEqual({ ok: false, code: 'name_taken' });
    expect(await snapshot(t.db)).toEqual(before);
  });

  it.each([
    { name: '', message: 'Enter a name.' },
    { name: 'with;semicolon', message: 'Use letters, digits, spaces and punctuation, without ";", tabs or line breaks.' },
  ])('refuses the invalid name "$name", changing nothing', async ({ name, message }) => {
    const t = await makeApp();
    const { admin } = await spaceWithOwner(t);
    const id = await makeGroup(t, 'Analysts', ['create_projects']);
    const before = await snapshot(t.db);
    expect(await updateGroup(t.deps, admin, id, input(name, []))).toEqual({ ok: false, code: 'invalid_name', message });
    expect(await snapshot(t.db)).toEqual(before);
  });

  it('answers not_found for a group that does not exist', async () => {
    const t = await makeApp();
    const { admin } = await spaceWithOwner(t);
    expect(await updateGroup(t.deps, admin, 999, input('Ghosts'))).toEqual({ ok: false, code: 'not_found' });
  });
});

describe('deleteGroup', () => {
  it('deletes the group with its memberships and permissions, keeps the users, and audits it', async () => {
    const t = await makeApp();
    const { admin } = await spaceWithOwner(t);
    const ada = await addUser(t, { email: 'ada@example.com', groups: [{ name: 'Analysts', permissions: ['manage_code_envs'] }] });
    const id = (await findGroupByName(t.db, 'Analysts'))!.id;
    expect(await deleteGroup(t.deps, admin, id)).toEqual({ ok: true });
    expect(await findGroup(t.db, id)).toBeNull();
    expect(await groupIdsOf(t, ada.id)).toEqual([]);
    expect((await actor(t, ada.id)).permissions.size).toBe(0);
    expect(await t.db.selectFrom('group_permissions').select('permission').where('group_id', '=', id).execute()).toEqual([]);
    const [event] = await eventsOf(t, 'group.deleted');
    expect(event).toMatchObject({ actorId: admin.id, targetId: String(id), targetLabel: 'Analysts', details: { members: 1 } });
  });

  it('answers not_found for a group that does not exist', async () => {
    const t = await makeApp();
    const { admin } = await spaceWithOwner(t);
    expect(await deleteGroup(t.deps, admin, 999)).toEqual({ ok: false, code: 'not_found' });
  });

  it("refuses to delete the group of an active extension; once it is deactivated, the group can go", async () => {
    const t = await makeApp();
    const { admin } = await spaceWithOwner(t);
    const on = await activateExtension(t.deps, admin, 'api_deployer');
    if (!on.ok) throw new Error(on.code);
    const id = (await findGroupByName(t.db, 'deployer'))!.id;
    const before = await snapshot(t.db);
    expect(await deleteGroup(t.deps, admin, id)).toEqual({ ok: false, code: 'extension_active' });
    expect(await snapshot(t.db)).toEqual(before);
    await deactivateExtension(t.deps, admin, 'api_deployer');
    expect(await deleteGroup(t.deps, admin, id)).toEqual({ ok: true });
    expect(await findGroupByName(t.db, 'deployer')).toBeNull();
  });
});

describe('members', () => {
  it('adds a user once and removes them, auditing each change', async () => {
    const t = await makeApp();
    const { admin } = await spaceWithOwner(t);
    const ada = await addUser(t, { email: 'ada@example.com' });
    const id = await makeGroup(t, 'Analysts');
    expect(await addGroupMember(t.deps, admin, id, ada.id)).toEqual({ ok: true });
    expect(await addGroupMember(t.deps, admin, id, ada.id)).toEqual({ ok: true }); // already there: nothing new
    expect(await groupIdsOf(t, ada.id)).toEqual([id]);
    expect(await eventsOf(t, 'group.member_added')).toMatchObject([{ targetId: String(id), details: { user: 'ada@example.com' } }]);

    expect(await removeGroupMember(t.deps, admin, id, ada.id)).toEqual({ ok: true });
    expect(await removeGroupMember(t.deps, admin, id, ada.id)).toEqual({ ok: true }); // not there any more: nothing to do
    expect(await groupIdsOf(t, ada.id)).toEqual([]);
    expect(await eventsOf(t, 'group.member_removed')).toMatchObject([{ targetId: String(id), details: { user: 'ada@example.com' } }]);
  });

  it.each([
    { what: 'a user who does not exist', group: 'existing', userId: 999, code: 'user_not_found' },
    { what: 'a group that does not exist', group: 'missing', userId: 'ada', code: 'not_found' },
  ] as const)('adding $what answers $code', async ({ group, userId, code }) => {
    const t = await makeApp();
    const { admin } = await spaceWithOwner(t);
    const ada = await addUser(t, { email: 'ada@example.com' });
    const id = group === 'existing' ? await makeGroup(t, 'Analysts') : 999;
    const before = await snapshot(t.db);
    expect(await addGroupMember(t.deps, admin, id, userId === 'ada' ? ada.id : userId)).toEqual({ ok: false, code });
    expect(await snapshot(t.db)).toEqual(before);
  });
});

describe('space_administrators', () => {
  it('cannot be renamed (any spelling), and nothing changes', async () => {
    const t = await makeApp();
    const { admin } = await spaceWithOwner(t);
    const id = await adminsGroupId(t);
    const before = await snapshot(t.db);
    for (const name of ['admins', 'Space_Administrators', 'SPACE_ADMINISTRATORS']) {
      expect(await updateGroup(t.deps, admin, id, input(name, ['space_admin'])), name).toEqual({ ok: false, code: 'protected_name' });
    }
    expect(await snapshot(t.db)).toEqual(before);
  });

  it('keeps Space Admin: a save without it is refused, and nothing changes', async () => {
    const t = await makeApp();
    const { admin } = await spaceWithOwner(t);
    const id = await adminsGroupId(t);
    const before = await snapshot(t.db);
    for (const permissions of [[], ['manage_code_envs'], ['instance_admin', 'manage_code_envs']]) {
      expect(await updateGroup(t.deps, admin, id, input(SPACE_ADMINISTRATORS, permissions)), permissions.join()).toEqual({
        ok: false,
        code: 'admins_keep_space_admin',
      });
    }
    expect(await snapshot(t.db)).toEqual(before);
    expect((await groupRow(t, id)).permissions).toEqual(['space_admin']);
  });

  it('may get more permissions and a new description, as long as it keeps Space Admin', async () => {
    const t = await makeApp();
    const { admin } = await spaceWithOwner(t);
    const id = await adminsGroupId(t);
    expect(await updateGroup(t.deps, admin, id, input(SPACE_ADMINISTRATORS, ['space_admin', 'instance_admin'], 'The admins'))).toEqual({ ok: true });
    expect(await groupRow(t, id)).toMatchObject({ name: SPACE_ADMINISTRATORS, description: 'The admins', permissions: ['instance_admin', 'space_admin'] });
  });

  it('cannot be deleted, and nothing changes', async () => {
    const t = await makeApp();
    const { admin } = await spaceWithOwner(t);
    const id = await adminsGroupId(t);
    const before = await snapshot(t.db);
    expect(await deleteGroup(t.deps, admin, id)).toEqual({ ok: false, code: 'protected_group' });
    expect(await snapshot(t.db)).toEqual(before);
  });

  it('keeps the owner, whoever asks; another admin can be removed', async () => {
    const t = await makeApp();
    const { owner, admin: ownerActor } = await spaceWithOwner(t);
    const second = await addAdmin(t);
    const secondActor = await actor(t, second.id);
    const id = await adminsGroupId(t);
    const before = await snapshot(t.db);
    for (const by of [ownerActor, secondActor]) {
      expect(await removeGroupMember(t.deps, by, id, owner.id)).toEqual({ ok: false, code: 'owner_stays_admin' });
    }
    expect(await snapshot(t.db)).toEqual(before);
    expect(await removeGroupMember(t.deps, ownerActor, id, second.id)).toEqual({ ok: true });
    expect(await groupIdsOf(t, second.id)).toEqual([]);
    expect(await groupIdsOf(t, owner.id)).toEqual([id]);
  });
});

describe('extension groups', () => {
  it('cannot be renamed', async () => {
    const t = await makeApp();
    const { admin } = await spaceWithOwner(t);
    await activateExtension(t.deps, admin, 'code_studios');
    const id = (await findGroupByName(t.db, 'code-studios-designers'))!.id;
    const before = await snapshot(t.db);
    expect(await updateGroup(t.deps, admin, id, input('studios', []))).toEqual({ ok: false, code: 'protected_name' });
    expect(await snapshot(t.db)).toEqual(before);
  });
});

describe('only space admins manage groups', () => {
  async function nonAdmins(t: TestApp) {
    const reader = await addUser(t, { email: 'reader@example.com', profile: 'reader' });
    const envs = await addUser(t, { email: 'envs@example.com', profile: 'designer', groups: [{ name: 'Env-managers', permissions: ['manage_code_envs'] }] });
    return [
      { who: 'a reader', user: await actor(t, reader.id) },
      { who: 'a member of a manage-code-envs group', user: await actor(t, envs.id) },
    ];
  }

  it.each([
    { op: 'createGroup', run: (t: TestApp, u: CurrentUser, ids: Ids) => createGroup(t.deps, u, input('Mine', ['space_admin'])) },
    { op: 'updateGroup', run: (t: TestApp, u: CurrentUser, ids: Ids) => updateGroup(t.deps, u, ids.group, input('Analysts', ['space_admin'])) },
    { op: 'deleteGroup', run: (t: TestApp, u: CurrentUser, ids: Ids) => deleteGroup(t.deps, u, ids.group) },
    { op: 'addGroupMember', run: (t: TestApp, u: CurrentUser, ids: Ids) => addGroupMember(t.deps, u, ids.admins, u.id) },
    { op: 'removeGroupMember', run: (t: TestApp, u: CurrentUser, ids: Ids) => removeGroupMember(t.deps, u, ids.admins, ids.second) },
  ])('$op is forbidden to a reader and to a code envs manager, changing nothing', async ({ run }) => {
    const t = await makeApp();
    await spaceWithOwner(t);
    const second = await addAdmin(t);
    const ids: Ids = { group: await makeGroup(t, 'Analysts', ['create_projects']), admins: await adminsGroupId(t), second: second.id };
    for (const { who, user } of await nonAdmins(t)) {
      const before = await snapshot(t.db);
      expect(await run(t, user, ids), who).toEqual({ ok: false, code: 'forbidden' });
      expect(await snapshot(t.db), who).toEqual(before);
    }
  });
});

interface Ids {
  group: number;
  admins: number;
  second: number;
}
