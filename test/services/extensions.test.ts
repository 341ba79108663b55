// Extensions: activating creates the extension's group and adds every designer; while it is active, whoever
// becomes a designer (accepting a designer invitation, or a profile change) joins; deactivating keeps the group.
import { describe, expect, it } from 'vitest';
import { listAuditEvents } from '../../src/db/queries/audit.js';
import { findGroup, findGroupByName } from '../../src/db/queries/groups.js';
import { EXTENSIONS, type ExtensionKey } from '../../src/domain/extensions.js';
import type { Permission } from '../../src/domain/permissions.js';
import type { Profile } from '../../src/domain/profiles.js';
import { acceptInvitation } from '../../src/services/accept-invitation.js';
import { editUser } from '../../src/services/edit-user.js';
import { activateExtension, deactivateExtension } from '../../src/services/extensions.js';
import { revealInvitationLink } from '../../src/services/invitation-actions.js';
import { inviteUsers } from '../../src/services/invite-users.js';
import type { CurrentUser } from '../../src/services/principal.js';
import { addUser, makeApp, type TestApp } from '../support/app.js';
import { snapshot } from '../support/db-snapshot.js';
import { actor, groupIdsOf, makeGroup, spaceWithOwner, tokenOf } from '../support/invitations.js';

const EXTENSION_CASES = [
  { key: 'code_studios', group: 'code-studios-designers', permissions: [] },
  { key: 'api_deployer', group: 'deployer', permissions: ['create_published_api_services'] },
  { key: 'automation_node', group: 'project-deployer', permissions: ['create_published_projects'] },
] satisfies Array<{ key: ExtensionKey; group: string; permissions: Permission[] }>;

async function groupNamed(t: TestApp, name: string) {
  const ref = await findGroupByName(t.db, name);
  return ref ? findGroup(t.db, ref.id) : null;
}

async function memberEmails(t: TestApp, groupName: string): Promise<string[]> {
  const rows = await t.db
    .selectFrom('group_members')
    .innerJoin('groups', 'groups.id', 'group_members.group_id')
    .innerJoin('users', 'users.id', 'group_members.user_id')
    .select('users.email')
    .where('groups.name', '=', groupName)
    .orderBy('users.email')
    .execute();
  return rows.map((r) => r.email);
}

/** The owner (a designer), two more designers, an explorer and a reader. */
async function spaceWithPeople(t: TestApp) {
  const { owner, admin } = await spaceWithOwner(t);
  await addUser(t, { email: 'dana@example.com', profile: 'designer' });
  await addUser(t, { email: 'dev@example.com', profile: 'designer' });
  const explorer = await addUser(t, { email: 'eve@example.com', profile: 'explorer' });
  const reader = await addUser(t, { email: 'rita@example.com', profile: 'reader' });
  return { owner, admin, explorer, reader };
}
const DESIGNERS = ['dana@example.com', 'dev@example.com', 'owner@example.com'];

async function activate(t: TestApp, admin: CurrentUser, key: ExtensionKey) {
  const r = await activateExtension(t.deps, admin, key);
  if (!r.ok) throw new Error(`could not activate ${key}: ${r.code}`);
  return r;
}

/** Invites `email` with `profile` and accepts through the copied link, as the invited person would. */
async function inviteAndAccept(t: TestApp, admin: CurrentUser, email: string, profile: Profile): Promise<number> {
  const invited = await inviteUsers(t.deps, admin, { emails: email, profile, groupIds: [] });
  if (!invited.ok) throw new Error(`invite: ${invited.code}`);
  const outcome = invited.outcomes[0]!;
  if (outcome.result !== 'invited') throw new Error(`invite: ${outcome.result}`);
  const link = await revealInvitationLink(t.deps, admin, outcome.invitationId);
  if (!link.ok) throw new Error(`link: ${link.code}`);
  const accepted = await acceptInvitation(t.deps, tokenOf(link.link), { displayName: 'New Person', password: 'a long enough password' });
  if (!accepted.ok) throw new Error(`accept: ${accepted.code}`);
  return accepted.userId;
}

describe('activateExtension', () => {
  it.each(EXTENSION_CASES)('$key creates $group with $permissions and adds every existing designer, only them', async ({ key, group, permissions }) => {
    const t = await makeApp();
    const { admin } = await spaceWithPeople(t);
    expect(await groupNamed(t, group)).toBeNull();
    const r = await activate(t, admin, key);
    expect(r).toEqual({ ok: true, groupName: group, designersAdded: 3 });
    const g = (await groupNamed(t, group))!;
    expect(g).toMatchObject({ name: group, origin: 'extension', description: EXTENSIONS[key].groupDescription, memberCount: 3 });
    expect([...g.permissions].sort()).toEqual([...permissions]);
    expect(await memberEmails(t, group)).toEqual(DESIGNERS);
  });

  it.each(EXTENSION_CASES)('$key: the designers hold the permissions of $group at once', async ({ key, permissions }) => {
    const t = await makeApp();
    const { admin, explorer } = await spaceWithPeople(t);
    const dana = (await t.db.selectFrom('users').select('id').where('email', '=', 'dana@example.com').executeTakeFirstOrThrow()).id;
    await activate(t, admin, key);
    for (const p of permissions) {
      expect((await actor(t, dana)).permissions.has(p), `designer has ${p}`).toBe(true);
      expect((await actor(t, explorer.id)).permissions.has(p), `explorer has ${p}`).toBe(false);
    }
  });

  it('writes an audit event naming the group and how many designers joined', async () => {
    const t = await makeApp();
    const { admin } = await spaceWithPeople(t);
    await activate(t, admin, 'api_deployer');
    const events = await listAuditEvents(t.db, { action: 'extension.activated', limit: 5 });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      actorId: admin.id,
      actorLabel: admin.email,
      targetType: 'extension',
      targetId: 'api_deployer',
      targetLabel: 'API Deployer',
      details: { group: 'deployer', designersAdded: 3 },
    });
  });

  it('uses the group when it already exists, keeping its members and adding the designers', async () => {
    const t = await makeApp();
    const { admin, reader } = await spaceWithPeople(t);
    const existing = await makeGroup(t, 'code-studios-designers');
    await t.db.insertInto('group_members').values({ group_id: existing, user_id: reader.id, added_at: t.deps.now() }).execute();
    const r = await activate(t, admin, 'code_studios');
    expect(r.designersAdded).toBe(3);
    expect((await findGroupByName(t.db, 'code-studios-designers'))!.id).toBe(existing);
    expect(await t.db.selectFrom('groups').select('id').where('name_key', '=', 'code-studios-designers').execute()).toHaveLength(1);
    expect(await memberEmails(t, 'code-studios-designers')).toEqual([...DESIGNERS, 'rita@example.com'].sort());
  });

  it('refuses to activate an active extension, changing nothing', async () => {
    const t = await makeApp();
    const { admin } = await spaceWithPeople(t);
    await activate(t, admin, 'automation_node');
    await addUser(t, { email: 'late@example.com', profile: 'designer' }); // inserted directly: not through a use case
    const before = await snapshot(t.db);
    expect(await activateExtension(t.deps, admin, 'automation_node')).toEqual({ ok: false, code: 'already_active' });
    expect(await snapshot(t.db)).toEqual(before);
  });

  it('each extension has its own group; activating one does not activate another', async () => {
    const t = await makeApp();
    const { admin } = await spaceWithPeople(t);
    await activate(t, admin, 'code_studios');
    expect(await groupNamed(t, 'deployer')).toBeNull();
    expect(await groupNamed(t, 'project-deployer')).toBeNull();
    const later = await inviteAndAccept(t, admin, 'new@example.com', 'designer');
    expect(await groupIdsOf(t, later)).toEqual([(await findGroupByName(t.db, 'code-studios-designers'))!.id]);
  });
});

describe('while an extension is active, new designers join its group', () => {
  it.each(EXTENSION_CASES)('$key: accepting a designer invitation joins $group', async ({ key, group }) => {
    const t = await makeApp();
    const { admin } = await spaceWithPeople(t);
    await activate(t, admin, key);
    await inviteAndAccept(t, admin, 'nina@example.com', 'designer');
    expect(await memberEmails(t, group)).toEqual([...DESIGNERS, 'nina@example.com'].sort());
  });

  it.each(['explorer', 'reader'] as const)('accepting an %s invitation joins no extension group', async (profile) => {
    const t = await makeApp();
    const { admin } = await spaceWithPeople(t);
    for (const c of EXTENSION_CASES) await activate(t, admin, c.key);
    const id = await inviteAndAccept(t, admin, 'nina@example.com', profile);
    expect(await groupIdsOf(t, id)).toEqual([]);
  });

  it('a designer who accepts joins the groups of every active extension', async () => {
    const t = await makeApp();
    const { admin } = await spaceWithPeople(t);
    await activate(t, admin, 'code_studios');
    await activate(t, admin, 'automation_node');
    const id = await inviteAndAccept(t, admin, 'nina@example.com', 'designer');
    const expected = [(await findGroupByName(t.db, 'code-studios-designers'))!.id, (await findGroupByName(t.db, 'project-deployer'))!.id];
    expect(await groupIdsOf(t, id)).toEqual(expected.sort((a, b) => a - b));
    const [event] = await listAuditEvents(t.db, { action: 'invitation.accepted', limit: 1 });
    expect(event).toMatchObject({ targetId: String(id), details: { profile: 'designer', groups: 2 } });
  });

  it.each([
    { from: 'explorer', key: 'code_studios', group: 'code-studios-designers' },
    { from: 'reader', key: 'api_deployer', group: 'deployer' },
    { from: 'reader', key: 'automation_node', group: 'project-deployer' },
  ] as const)('a profile change from $from to designer joins $group, and the audit says so', async ({ from, key, group }) => {
    const t = await makeApp();
    const { admin, explorer, reader } = await spaceWithPeople(t);
    await activate(t, admin, key);
    const user = from === 'explorer' ? explorer : reader;
    const r = await editUser(t.deps, admin, user.id, { displayName: 'Promoted', profile: 'designer', groupIds: [] });
    expect(r).toEqual({ ok: true });
    expect(await memberEmails(t, group)).toEqual([...DESIGNERS, user.email].sort());
    const [event] = await listAuditEvents(t.db, { action: 'user.updated', limit: 1 });
    expect(event).toMatchObject({ targetId: String(user.id), details: { profile: `${from} → designer`, joined: [group] } });
  });

  it('a profile change to explorer joins nothing', async () => {
    const t = await makeApp();
    const { admin, reader } = await spaceWithPeople(t);
    await activate(t, admin, 'code_studios');
    expect(await editUser(t.deps, admin, reader.id, { displayName: 'rita', profile: 'explorer', groupIds: [] })).toEqual({ ok: true });
    expect(await groupIdsOf(t, reader.id)).toEqual([]);
  });

  it('the join happens with the profile change: a refused change (no seat) joins nothing', async () => {
    const t = await makeApp({ SEATS: 'designer:3,explorer:10,reader:50' });
    const { admin, reader } = await spaceWithPeople(t); // three designers: no designer seat is free
    await activate(t, admin, 'code_studios');
    const before = await snapshot(t.db);
    const r = await editUser(t.deps, admin, reader.id, { displayName: 'rita', profile: 'designer', groupIds: [] });
    expect(r).toMatchObject({ ok: false, code: 'not_enough_seats' });
    expect(await snapshot(t.db)).toEqual(before);
  });
});

describe('deactivateExtension', () => {
  it('keeps the group, its permissions and its members, and audits that the group is kept', async () => {
    const t = await makeApp();
    const { admin } = await spaceWithPeople(t);
    await activate(t, admin, 'api_deployer');
    const before = (await groupNamed(t, 'deployer'))!;
    expect(await deactivateExtension(t.deps, admin, 'api_deployer')).toEqual({ ok: true, groupName: 'deployer', designersAdded: 0 });
    expect(await groupNamed(t, 'deployer')).toEqual(before);
    expect(await memberEmails(t, 'deployer')).toEqual(DESIGNERS);
    const events = await listAuditEvents(t.db, { action: 'extension.deactivated', limit: 5 });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actorId: admin.id, targetId: 'api_deployer', targetLabel: 'API Deployer', details: { groupKept: 'deployer' } });
  });

  it('new designers no longer join: neither by invitation nor by a profile change', async () => {
    const t = await makeApp();
    const { admin, reader } = await spaceWithPeople(t);
    await activate(t, admin, 'code_studios');
    await deactivateExtension(t.deps, admin, 'code_studios');
    const nina = await inviteAndAccept(t, admin, 'nina@example.com', 'designer');
    expect(await editUser(t.deps, admin, reader.id, { displayName: 'rita', profile: 'designer', groupIds: [] })).toEqual({ ok: true });
    expect(await groupIdsOf(t, nina)).toEqual([]);
    expect(await groupIdsOf(t, reader.id)).toEqual([]);
    expect(await memberEmails(t, 'code-studios-designers')).toEqual(DESIGNERS);
  });

  it('refuses an extension that is not active, changing nothing', async () => {
    const t = await makeApp();
    const { admin } = await spaceWithPeople(t);
    const before = await snapshot(t.db);
    expect(await deactivateExtension(t.deps, admin, 'code_studios')).toEqual({ ok: false, code: 'not_active' });
    expect(await snapshot(t.db)).toEqual(before);
  });

  it('activating again reuses the kept group and adds the designers who came meanwhile', async () => {
    const t = await makeApp();
    const { admin, reader } = await spaceWithPeople(t);
    await activate(t, admin, 'automation_node');
    const id = (await findGroupByName(t.db, 'project-deployer'))!.id;
    await deactivateExtension(t.deps, admin, 'automation_node');
    await editUser(t.deps, admin, reader.id, { displayName: 'rita', profile: 'designer', groupIds: [] });
    expect(await activate(t, admin, 'automation_node')).toEqual({ ok: true, groupName: 'project-deployer', designersAdded: 1 });
    expect((await findGroupByName(t.db, 'project-deployer'))!.id).toBe(id);
    expect(await memberEmails(t, 'project-deployer')).toEqual([...DESIGNERS, 'rita@example.com'].sort());
  });
});

describe('only space admins manage extensions', () => {
  it.each([
    { op: 'activate', run: (t: TestApp, u: CurrentUser) => activateExtension(t.deps, u, 'code_studios') },
    { op: 'deactivate', run: (t: TestApp, u: CurrentUser) => deactivateExtension(t.deps, u, 'api_deployer') },
  ])('$op is forbidden to a reader and a code envs manager, changing nothing', async ({ run }) => {
    const t = await makeApp();
    const { admin } = await spaceWithPeople(t);
    await activate(t, admin, 'api_deployer');
    const reader = await addUser(t, { email: 'r2@example.com', profile: 'reader' });
    const envs = await addUser(t, { email: 'envs@example.com', profile: 'designer', groups: [{ name: 'Env-managers', permissions: ['manage_code_envs'] }] });
    for (const id of [reader.id, envs.id]) {
      const before = await snapshot(t.db);
      expect(await run(t, await actor(t, id))).toEqual({ ok: false, code: 'forbidden' });
      expect(await snapshot(t.db)).toEqual(before);
    }
  });
});
