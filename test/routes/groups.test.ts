// The Groups tab through HTTP: the list, Create group, Edit Group (with implied permissions and the
// protections of space_administrators), Delete group, and Members with and without htmx.
import { describe, expect, it } from 'vitest';
import { listAuditEvents } from '../../src/db/queries/audit.js';
import { addMember, findGroup, findGroupByName, insertGroup } from '../../src/db/queries/groups.js';
import { PERMISSION_LABELS, type Permission } from '../../src/domain/permissions.js';
import { activateExtension } from '../../src/services/extensions.js';
import { SPACE_ADMINISTRATORS } from '../../src/services/setup.js';
import { field } from '../support/html.js';
import { endpointsOf, fillPath } from '../support/routes.js';
import { addUser, get, makeApp, post, withSpace, type TestApp } from '../support/app.js';
import { snapshot } from '../support/db-snapshot.js';
import { actor, addAdmin, adminsGroupId, groupIdsOf, makeGroup, textOf } from '../support/invitations.js';

const CHARACTERS = 'Use letters, digits, spaces and punctuation, without ";", tabs or line breaks.';

/** A permission checkbox of the Edit Group form: whether it is ticked, locked, and what its label says. */
function permissionBox(html: string, permission: Permission) {
  const re = new RegExp(`<label class="check"><input type="checkbox" name="permissions" value="${permission}"([^>]*)/?>([\\s\\S]*?)</label>`);
  const m = re.exec(html);
  if (!m) throw new Error(`no checkbox for ${permission}`);
  return { checked: /\schecked(=|\s|\/|$)/.test(m[1]!), disabled: /\sdisabled(=|\s|\/|$)/.test(m[1]!), label: textOf(m[2]!) };
}

/** The message the form shows above the permission checkboxes. */
const permissionsError = (html: string) => /<legend>Launchpad permissions<\/legend><p class="error">([^<]*)<\/p>/.exec(html)?.[1] ?? null;
const alertError = (html: string) => /<div class="alert alert-error" role="alert">([^<]*)<\/div>/.exec(html)?.[1] ?? null;

async function permissionsOf(t: TestApp, id: number): Promise<string[]> {
  return [...((await findGroup(t.db, id))?.permissions ?? [])].sort();
}

const auditActions = async (t: TestApp) => (await listAuditEvents(t.db, { limit: 100 })).map((e) => e.action);

describe('the Groups page', () => {
  it('lists each group with its description, member count, permissions and origin, and a menu per row', async () => {
    const t = await makeApp();
    const owner = await withSpace(t);
    await addUser(t, { email: 'ada@example.com', groups: [{ name: 'Analysts', permissions: ['manage_code_envs', 'create_projects'] }] });
    await addUser(t, { email: 'bob@example.com', groups: [{ name: 'Analysts' }] });
    await activateExtension(t.deps, await actor(t, owner.id), 'api_deployer');
    const analysts = (await findGroupByName(t.db, 'Analysts'))!.id;
    const admins = await adminsGroupId(t);

    const res = await get(t, '/groups', { cookie: owner.cookie });
    expect(res.status).toBe(200);
    const html = await res.text();
    const row = (id: number) => textOf(new RegExp(`<tr id="group-${id}">([\\s\\S]*?)</tr>`).exec(html)![1]!);
    expect(row(analysts)).toMatch(/^Analysts — 2 Manage code envs Create projects Created by an admin/);
    // "+1 more" opens (a disclosure, without JS too) on the permission Space Admin implies.
    expect(row(admins)).toMatch(/^space_administrators Administrators of the space.* 1 Space Admin \+1 more Manage code envs \(implied\) Created with the space/);
    expect(html).toMatch(/<details class="more-permissions small"><summary>\+1 more<\/summary>/);
    const deployer = (await findGroupByName(t.db, 'deployer'))!.id;
    expect(row(deployer)).toMatch(/^deployer .* 1 Create published API services Created by an extension/);
    expect(html).toContain('href="/groups/new"');
    // Each row carries only the link to its actions: the menu is fetched when it opens.
    for (const id of [analysts, admins, deployer]) expect(html).toContain(`<a href="/groups/${id}/actions" aria-label="Actions for `);
    expect(html).not.toContain('class="menu-items"');
  });
});

describe('the "…" menu of a group', () => {
  async function groups() {
    const t = await makeApp();
    const owner = await withSpace(t);
    await addUser(t, { email: 'ada@example.com', groups: [{ name: 'Analysts' }] });
    return { t, owner, analysts: (await findGroupByName(t.db, 'Analysts'))!.id, admins: await adminsGroupId(t) };
  }
  const menuOf = async (t: TestApp, cookie: string, id: number) => (await get(t, `/groups/${id}/actions`, { cookie, headers: { 'hx-request': 'true' } })).text();

  it('with htmx: the open menu, each item a dialog link that works without JavaScript too', async () => {
    const { t, owner, analysts } = await groups();
    const menu = await menuOf(t, owner.cookie, analysts);
    expect(menu).toMatch(/^<details class="menu" open="">/);
    expect(menu).toContain('aria-label="Actions for Analysts"');
    for (const item of ['edit', 'members', 'delete']) expect(menu).toContain(`href="/groups/${analysts}/${item}" hx-get="/groups/${analysts}/${item}"`);
    expect(menu).not.toContain('<html');
  });

  it('space_administrators has no Delete group', async () => {
    const { t, owner, admins } = await groups();
    const menu = await menuOf(t, owner.cookie, admins);
    expect(menu).toContain(`href="/groups/${admins}/edit"`);
    expect(menu).not.toContain(`href="/groups/${admins}/delete"`);
  });

  it('without JavaScript: a page with the same items and a way back to Groups', async () => {
    const { t, owner, analysts } = await groups();
    const res = await get(t, `/groups/${analysts}/actions`, { cookie: owner.cookie });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<html');
    expect(textOf(html)).toContain('Actions for Analysts');
    expect(html).toContain(`href="/groups/${analysts}/members"`);
    expect(html).toContain('href="/groups"');
  });

  it('a group that is gone: 404', async () => {
    const { t, owner } = await groups();
    expect((await get(t, '/groups/999/actions', { cookie: owner.cookie })).status).toBe(404);
  });
});

describe('the Groups page, with many groups', () => {
  const rowNames = (html: string) => [...html.matchAll(/<tr id="group-\d+"><td><strong>([^<]*)<\/strong>/g)].map((m) => m[1]);

  it('shows 50 groups a page, by name, with the count and links to the other pages', async () => {
    const t = await makeApp();
    const owner = await withSpace(t);
    for (let i = 1; i <= 119; i++) await makeGroup(t, `team-${String(i).padStart(3, '0')}`);
    const first = await (await get(t, '/groups', { cookie: owner.cookie })).text();
    // 120 groups: space_administrators comes with the space.
    expect(rowNames(first)).toHaveLength(50);
    expect(rowNames(first)[0]).toBe('space_administrators');
    expect(rowNames(first)[1]).toBe('team-001');
    expect(textOf(first)).toContain('1–50 of 120');
    expect(first).toContain('href="/groups?page=2"');
    expect(first).not.toContain('Previous');

    const last = await (await get(t, '/groups?page=3', { cookie: owner.cookie })).text();
    expect(rowNames(last)).toEqual(Array.from({ length: 20 }, (_, i) => `team-${String(100 + i).padStart(3, '0')}`));
    expect(textOf(last)).toContain('101–120 of 120');
    expect(textOf(last)).toContain('Page 3 of 3');
    expect(last).toContain('href="/groups?page=2"');
    expect(last).not.toContain('Next »');

    const garbage = await (await get(t, '/groups?page=abc', { cookie: owner.cookie })).text();
    expect(rowNames(garbage)).toEqual(rowNames(first));
  });

  it('finds groups by a part of their name, without case, and keeps the search in the page links', async () => {
    const t = await makeApp();
    const owner = await withSpace(t);
    for (let i = 1; i <= 60; i++) await makeGroup(t, `sales-${i}`);
    await makeGroup(t, 'Data_Science');
    const html = await (await get(t, '/groups?q=SALES', { cookie: owner.cookie })).text();
    expect(rowNames(html)).toHaveLength(50);
    expect(rowNames(html).every((n) => n!.startsWith('sales-'))).toBe(true);
    expect(textOf(html)).toContain('1–50 of 60');
    expect(html).toContain('href="/groups?q=SALES&amp;page=2"');
    expect(field(html, 'q').value).toBe('SALES');

    expect(rowNames(await (await get(t, '/groups?q=a_s', { cookie: owner.cookie })).text())).toEqual(['Data_Science']);
    expect(rowNames(await (await get(t, '/groups?q=a%25', { cookie: owner.cookie })).text()), '% is not a wildcard').toEqual([]);
    const none = await (await get(t, '/groups?q=nothing', { cookie: owner.cookie })).text();
    expect(textOf(none)).toContain('No group name contains “nothing”.');
  });
});

describe('Create group', () => {
  it('creates the group and goes back to the list with a notice; the audit log has it', async () => {
    const t = await makeApp();
    const owner = await withSpace(t);
    expect((await get(t, '/groups/new', { cookie: owner.cookie })).status).toBe(200);
    const res = await post(
      t,
      '/groups',
      { name: '  Analysts  ', description: 'People who analyse', permissions: ['manage_code_envs', 'create_projects'] },
      { cookie: owner.cookie },
    );
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/groups?notice=created');
    const g = (await findGroupByName(t.db, 'Analysts'))!;
    expect(g.name).toBe('Analysts');
    expect(await permissionsOf(t, g.id)).toEqual(['create_projects', 'manage_code_envs']);
    expect(await auditActions(t)).toContain('group.created');
    const page = await (await get(t, '/groups?notice=created', { cookie: owner.cookie })).text();
    expect(page).toContain('The group has been created.');
    expect(page).toContain('<strong>Analysts</strong>');
  });

  it('with htmx, answers HX-Redirect to the list', async () => {
    const t = await makeApp();
    const owner = await withSpace(t);
    const res = await post(t, '/groups', { name: 'Analysts' }, { cookie: owner.cookie, htmx: true });
    expect(res.status).toBe(200);
    expect(res.headers.get('hx-redirect')).toBe('/groups?notice=created');
  });

  it.each([
    { name: '', message: 'Enter a name.' },
    { name: '   ', message: 'Enter a name.' },
    { name: 'x'.repeat(201), message: 'Use at most 200 characters.' },
    { name: 'a;b', message: CHARACTERS },
    { name: 'two\nlines', message: CHARACTERS },
    { name: 'analysts', message: 'Another group already has this name (names are compared without case).' },
    { name: 'ANALYSTS', message: 'Another group already has this name (names are compared without case).' },
    { name: 'Space_Administrators', message: 'Another group already has this name (names are compared without case).' },
  ])('refuses the name "$name" with 422 and "$message" next to the field, writing nothing', async ({ name, message }) => {
    const t = await makeApp();
    const owner = await withSpace(t);
    await makeGroup(t, 'Analysts');
    const before = await snapshot(t.db);
    for (const htmx of [false, true]) {
      const res = await post(t, '/groups', { name, permissions: 'create_projects' }, { cookie: owner.cookie, htmx });
      expect(res.status).toBe(422);
      const html = await res.text();
      const f = field(html, 'name');
      expect(f.error).toBe(message);
      expect(f.invalid).toBe(true);
      expect(f.value).toBe(name.trim());
      expect(permissionBox(html, 'create_projects').checked, 'the ticked permissions are kept').toBe(true);
    }
    expect(await snapshot(t.db)).toEqual(before);
  });
});

describe('Edit Group', () => {
  it('saves the name, description and permissions; members have them at their next request', async () => {
    const t = await makeApp();
    const owner = await withSpace(t);
    const ada = await addUser(t, { email: 'ada@example.com', groups: [{ name: 'Analysts', permissions: ['create_projects'] }] });
    const id = (await findGroupByName(t.db, 'Analysts'))!.id;
    const res = await post(t, `/groups/${id}`, { name: 'Data-Analysts', description: 'Renamed', permissions: ['manage_code_envs'] }, { cookie: owner.cookie });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/groups?notice=saved');
    expect(await findGroup(t.db, id)).toMatchObject({ name: 'Data-Analysts', description: 'Renamed', permissions: ['manage_code_envs'] });
    const [event] = await listAuditEvents(t.db, { action: 'group.updated', limit: 1 });
    expect(event).toMatchObject({ targetId: String(id), details: { renamed: 'Analysts → Data-Analysts', granted: ['manage_code_envs'], withdrawn: ['create_projects'] } });
    expect((await get(t, '/code-envs', { cookie: ada.cookie })).status).toBe(200);
  });

  it('refuses to take the name of another group (without case), changing nothing', async () => {
    const t = await makeApp();
    const owner = await withSpace(t);
    const id = await makeGroup(t, 'Analysts', ['create_projects']);
    await makeGroup(t, 'Marketing');
    const before = await snapshot(t.db);
    const res = await post(t, `/groups/${id}`, { name: 'MARKETING', permissions: [] }, { cookie: owner.cookie });
    expect(res.status).toBe(422);
    expect(field(await res.text(), 'name').error).toBe('Another group already has this name (names are compared without case).');
    expect(await snapshot(t.db)).toEqual(before);
  });

  it('answers 404 for a group that does not exist', async () => {
    const t = await makeApp();
    const owner = await withSpace(t);
    expect((await get(t, '/groups/999/edit', { cookie: owner.cookie })).status).toBe(404);
    expect((await post(t, '/groups/999', { name: 'Ghosts' }, { cookie: owner.cookie })).status).toBe(404);
  });

  describe('implied permissions are shown ticked and locked', () => {
    it.each<{ granted: Permission[]; implied: Permission[]; from: string; notImplied: Permission[] }>([
      {
        granted: ['instance_admin'],
        implied: [
          'create_projects',
          'create_projects_using_macros',
          'create_projects_using_templates',
          'write_root_project_folder',
          'create_workspaces',
          'share_to_workspaces',
          'write_isolated_code',
          'write_unisolated_code',
          'create_active_web_content',
          'create_code_envs',
          'manage_all_code_envs',
          'create_clusters',
          'manage_all_clusters',
          'develop_plugins',
          'edit_lib_folders',
          'create_published_api_services',
          'create_published_projects',
          'manage_user_defined_meanings',
        ],
        from: 'Administrator',
        notImplied: ['space_admin', 'manage_code_envs'],
      },
      { granted: ['manage_all_code_envs'], implied: ['create_code_envs'], from: 'Manage all code envs', notImplied: ['create_clusters', 'instance_admin', 'manage_code_envs'] },
      { granted: ['manage_all_clusters'], implied: ['create_clusters'], from: 'Manage all clusters', notImplied: ['create_code_envs', 'instance_admin'] },
      { granted: ['space_admin'], implied: ['manage_code_envs'], from: 'Space Admin', notImplied: ['instance_admin', 'create_code_envs'] },
    ])('$granted implies $implied', async ({ granted, implied, from, notImplied }) => {
      const t = await makeApp();
      const owner = await withSpace(t);
      const id = await makeGroup(t, 'Ops', granted);
      const res = await get(t, `/groups/${id}/edit`, { cookie: owner.cookie });
      expect(res.status).toBe(200);
      const html = await res.text();
      for (const p of granted) expect(permissionBox(html, p), p).toMatchObject({ checked: true, disabled: false });
      for (const p of implied) {
        const box = permissionBox(html, p);
        expect(box, p).toMatchObject({ checked: true, disabled: true });
        expect(box.label, p).toContain(`${PERMISSION_LABELS[p]} (implied by ${from})`);
      }
      for (const p of notImplied) expect(permissionBox(html, p), p).toMatchObject({ checked: false, disabled: false });
    });

    it('a group without permissions has every box unticked and free', async () => {
      const t = await makeApp();
      const owner = await withSpace(t);
      const id = await makeGroup(t, 'Plain');
      const html = await (await get(t, `/groups/${id}/edit`, { cookie: owner.cookie })).text();
      for (const p of Object.keys(PERMISSION_LABELS) as Permission[]) expect(permissionBox(html, p), p).toEqual({ checked: false, disabled: false, label: expect.any(String) });
      expect(html).toContain('<legend>Launchpad permissions</legend>');
      expect(html).toContain('<legend>Instance permissions</legend>');
    });
  });
});

describe('space_administrators', () => {
  it('its edit page says that its members see every project on every instance and the Deployer, and locks its name and Space Admin', async () => {
    const t = await makeApp();
    const owner = await withSpace(t);
    const html = await (await get(t, `/groups/${await adminsGroupId(t)}/edit`, { cookie: owner.cookie })).text();
    expect(textOf(html)).toContain('Members of space_administrators can see and access all projects on every instance and the Deployer.');
    expect(html).toMatch(/<input id="f-name" name="name" type="text" value="space_administrators"[^>]*\sreadonly/);
    expect(permissionBox(html, 'space_admin')).toMatchObject({ checked: true, disabled: true });
    expect(html, 'a disabled box is not sent: a hidden field keeps Space Admin').toContain('<input type="hidden" name="permissions" value="space_admin"/>');
    expect(permissionBox(html, 'manage_code_envs')).toMatchObject({ checked: true, disabled: true });
  });

  it('another group\'s edit page does not say so', async () => {
    const t = await makeApp();
    const owner = await withSpace(t);
    const id = await makeGroup(t, 'Analysts', ['space_admin']);
    const html = await (await get(t, `/groups/${id}/edit`, { cookie: owner.cookie })).text();
    expect(html).not.toContain('see and access all projects');
    expect(permissionBox(html, 'space_admin')).toMatchObject({ checked: true, disabled: false });
  });

  it('saving its own form as shown works (Space Admin comes with it)', async () => {
    const t = await makeApp();
    const owner = await withSpace(t);
    const id = await adminsGroupId(t);
    const res = await post(t, `/groups/${id}`, { name: SPACE_ADMINISTRATORS, description: 'Admins', permissions: ['space_admin', 'instance_admin'] }, { cookie: owner.cookie });
    expect(res.status).toBe(303);
    expect(await permissionsOf(t, id)).toEqual(['instance_admin', 'space_admin']);
  });

  it.each<{ what: string; form: Record<string, string | string[]>; where: 'name' | 'permissions'; message: string }>([
    { what: 'without Space Admin', form: { name: SPACE_ADMINISTRATORS, permissions: ['manage_code_envs'] }, where: 'permissions', message: 'space_administrators always holds Space Admin.' },
    { what: 'with no permission at all', form: { name: SPACE_ADMINISTRATORS }, where: 'permissions', message: 'space_administrators always holds Space Admin.' },
    { what: 'renamed', form: { name: 'admins', permissions: ['space_admin'] }, where: 'name', message: 'This group was created with the space or by an extension: its name cannot change.' },
    { what: 'renamed by case', form: { name: 'Space_Administrators', permissions: ['space_admin'] }, where: 'name', message: 'This group was created with the space or by an extension: its name cannot change.' },
  ])('a save $what is refused with 422 and the message, changing nothing', async ({ form, where, message }) => {
    const t = await makeApp();
    const owner = await withSpace(t);
    const id = await adminsGroupId(t);
    const before = await snapshot(t.db);
    for (const htmx of [false, true]) {
      const res = await post(t, `/groups/${id}`, form, { cookie: owner.cookie, htmx });
      expect(res.status).toBe(422);
      const html = await res.text();
      if (where === 'name') expect(field(html, 'name').error).toBe(message);
      else expect(permissionsError(html)).toBe(message);
    }
    expect(await snapshot(t.db)).toEqual(before);
    expect((await get(t, '/users', { cookie: owner.cookie })).status, 'the owner is still a space admin').toBe(200);
  });

  it('cannot be deleted: 409 with the message, nothing changed', async () => {
    const t = await makeApp();
    const owner = await withSpace(t);
    const id = await adminsGroupId(t);
    const before = await snapshot(t.db);
    const res = await post(t, `/groups/${id}/delete`, {}, { cookie: owner.cookie });
    expect(res.status).toBe(409);
    expect(alertError(await res.text())).toBe('space_administrators comes with the space and cannot be deleted.');
    expect(await snapshot(t.db)).toEqual(before);
  });

  it('keeps the owner: removing them answers 409, as a page and as an htmx row, and changes nothing', async () => {
    const t = await makeApp();
    const owner = await withSpace(t);
    const id = await adminsGroupId(t);
    const before = await snapshot(t.db);

    const plain = await post(t, `/groups/${id}/members/${owner.id}/remove`, {}, { cookie: owner.cookie });
    expect(plain.status).toBe(409);
    expect(alertError(await plain.text())).toBe('The space owner cannot be deleted or removed from space_administrators. Transfer the ownership first.');

    const htmx = await post(t, `/groups/${id}/members/${owner.id}/remove`, {}, { cookie: owner.cookie, htmx: true });
    expect(htmx.status).toBe(409);
    const row = await htmx.text();
    expect(row).toMatch(new RegExp(`^<tr id="member-${owner.id}">`));
    expect(textOf(row)).toContain('Space owner');
    expect(row).not.toContain('/remove');

    expect(await snapshot(t.db)).toEqual(before);
  });

  it('on its Members page, the owner has no Remove button; another admin has one and can be removed', async () => {
    const t = await makeApp();
    const owner = await withSpace(t);
    const second = await addAdmin(t);
    const id = await adminsGroupId(t);
    const html = await (await get(t, `/groups/${id}/members`, { cookie: owner.cookie })).text();
    expect(html).not.toContain(`/groups/${id}/members/${owner.id}/remove`);
    expect(html).toContain(`/groups/${id}/members/${second.id}/remove`);
    expect((await post(t, `/groups/${id}/members/${second.id}/remove`, {}, { cookie: owner.cookie })).status).toBe(303);
    expect(await groupIdsOf(t, second.id)).toEqual([]);
  });
});

describe('Delete group', () => {
  it('asks for confirmation, saying the members lose its permissions; deleting removes it and audits it', async () => {
    const t = await makeApp();
    const owner = await withSpace(t);
    const ada = await addUser(t, { email: 'ada@example.com', groups: [{ name: 'Analysts', permissions: ['manage_code_envs'] }] });
    const id = (await findGroupByName(t.db, 'Analysts'))!.id;
    const confirm = await get(t, `/groups/${id}/delete`, { cookie: owner.cookie });
    expect(confirm.status).toBe(200);
    expect(textOf(await confirm.text())).toContain('Delete the group Analysts? Its 1 member loses its permissions at their next request.');
    const res = await post(t, `/groups/${id}/delete`, {}, { cookie: owner.cookie });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/groups?notice=deleted');
    expect(await findGroup(t.db, id)).toBeNull();
    expect(await t.db.selectFrom('users').select('id').where('id', '=', ada.id).execute()).toHaveLength(1);
    expect(await auditActions(t)).toContain('group.deleted');
    expect(await (await get(t, '/groups?notice=deleted', { cookie: owner.cookie })).text()).toContain('The group has been deleted.');
  });

  it.each([
    { members: 0, words: 'Delete the group Analysts? It has no members. Users are not deleted.' },
    { members: 2, words: 'Delete the group Analysts? Its 2 members lose its permissions at their next request.' },
  ])('with $members members, the confirmation agrees in number', async ({ members, words }) => {
    const t = await makeApp();
    const owner = await withSpace(t);
    const id = await insertGroup(t.db, { name: 'Analysts', description: '', origin: 'admin', createdAt: t.deps.now() });
    for (let i = 0; i < members; i++) await addUser(t, { email: `m${i}@example.com`, groups: [{ name: 'Analysts' }] });
    expect(textOf(await (await get(t, `/groups/${id}/delete`, { cookie: owner.cookie })).text())).toContain(words);
  });

  it("refuses the group of an active extension with 409 and the message, changing nothing", async () => {
    const t = await makeApp();
    const owner = await withSpace(t);
    await activateExtension(t.deps, await actor(t, owner.id), 'code_studios');
    const id = (await findGroupByName(t.db, 'code-studios-designers'))!.id;
    const before = await snapshot(t.db);
    const res = await post(t, `/groups/${id}/delete`, {}, { cookie: owner.cookie });
    expect(res.status).toBe(409);
    expect(alertError(await res.text())).toBe('This group belongs to an active extension. Deactivate the extension first.');
    expect(await snapshot(t.db)).toEqual(before);
  });

  it('answers 404 for a group that does not exist', async () => {
    const t = await makeApp();
    const owner = await withSpace(t);
    expect((await post(t, '/groups/999/delete', {}, { cookie: owner.cookie })).status).toBe(404);
  });
});

describe('Members', () => {
  /** A group "Analysts" with Ada in it, and people outside it. */
  async function groupWithPeople(t: TestApp) {
    const owner = await withSpace(t);
    const ada = await addUser(t, { email: 'ada@example.com', name: 'Ada Lovelace', groups: [{ name: 'Analysts' }] });
    const adam = await addUser(t, { email: 'adam@example.com', name: 'Adam Smith' });
    const bea = await addUser(t, { email: 'bea@adastra.io', name: 'Beatrice Jones' });
    const carl = await addUser(t, { email: 'carl@example.com', name: 'Carl Weber' });
    const id = (await findGroupByName(t.db, 'Analysts'))!.id;
    return { owner, ada, adam, bea, carl, id };
  }

  const candidates = (html: string) => [...html.matchAll(/<li class="candidate">([\s\S]*?)<\/li>/g)].map((m) => /<strong>([^<]*)<\/strong>/.exec(m[1]!)![1]);

  it('shows 50 members a page, by name, counting them all', async () => {
    const t = await makeApp();
    const owner = await withSpace(t);
    const id = await makeGroup(t, 'Crowd');
    for (let i = 1; i <= 75; i++) {
      const u = await addUser(t, { email: `p${i}@example.com`, name: `Person ${String(i).padStart(2, '0')}` });
      await addMember(t.db, id, u.id, t.deps.now());
    }
    const names = (html: string) => [...html.matchAll(/<tr id="member-\d+"><td><strong>([^<]*)<\/strong>/g)].map((m) => m[1]);
    const first = await (await get(t, `/groups/${id}/members`, { cookie: owner.cookie })).text();
    expect(names(first)).toEqual(Array.from({ length: 50 }, (_, i) => `Person ${String(i + 1).padStart(2, '0')}`));
    expect(textOf(first)).toContain('1–50 of 75');
    expect(first).toContain(`href="/groups/${id}/members?page=2"`);
    const second = await (await get(t, `/groups/${id}/members?page=2`, { cookie: owner.cookie })).text();
    expect(names(second)).toEqual(Array.from({ length: 25 }, (_, i) => `Person ${String(i + 51)}`));
    expect(textOf(second)).toContain('51–75 of 75');
  });

  it('lists the members, each with a Remove button', async () => {
    const t = await makeApp();
    const { owner, ada, id } = await groupWithPeople(t);
    const res = await get(t, `/groups/${id}/members`, { cookie: owner.cookie });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(textOf(html)).toContain('Ada Lovelace ada@example.com');
    expect(html).toContain(`action="/groups/${id}/members/${ada.id}/remove"`);
    expect(html).toContain(`hx-post="/groups/${id}/members/${ada.id}/remove"`);
    expect(candidates(html)).toEqual([]);
  });

  it.each([
    { q: 'ada', found: ['Adam Smith', 'Beatrice Jones'], why: 'name or email; not Ada, already a member' },
    { q: 'ADA', found: ['Adam Smith', 'Beatrice Jones'], why: 'without case' },
    { q: 'smith', found: ['Adam Smith'], why: 'by last name' },
    { q: 'adastra.io', found: ['Beatrice Jones'], why: 'by email' },
    { q: 'carl@example.com', found: ['Carl Weber'], why: 'by the whole address' },
    { q: 'lovelace', found: [], why: 'members are not candidates' },
    { q: 'nobody', found: [], why: 'no match' },
    { q: '%', found: [], why: 'a % is a character, not a wildcard' },
    { q: '_', found: [], why: 'a _ is a character, not a wildcard' },
  ])('searching "$q" finds $found ($why)', async ({ q, found }) => {
    const t = await makeApp();
    const { owner, id } = await groupWithPeople(t);
    const res = await get(t, `/groups/${id}/members?q=${encodeURIComponent(q)}`, { cookie: owner.cookie });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(candidates(html).sort()).toEqual(found);
    if (found.length === 0) expect(textOf(html)).toContain(`Nobody outside the group matches “${q}”.`);
  });

  // Regression test: this once failed (see the commit that fixed it).
  it('searching a name with an accented capital, typed as shown, finds it', async () => {
    const t = await makeApp();
    const { owner, id } = await groupWithPeople(t);
    await addUser(t, { email: 'elodie@example.com', name: 'Élodie Martin' });
    const html = await (await get(t, `/groups/${id}/members?q=${encodeURIComponent('Élodie')}`, { cookie: owner.cookie })).text();
    expect(candidates(html)).toEqual(['Élodie Martin']);
  });

  it('adds a user with a plain form: 303 back to the members with a notice and the search kept', async () => {
    const t = await makeApp();
    const { owner, adam, id } = await groupWithPeople(t);
    const res = await post(t, `/groups/${id}/members`, { userId: String(adam.id), q: 'ada' }, { cookie: owner.cookie });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/groups/${id}/members?notice=added&q=ada`);
    expect(await groupIdsOf(t, adam.id)).toEqual([id]);
    const html = await (await get(t, res.headers.get('location')!, { cookie: owner.cookie })).text();
    expect(html).toContain('The user has been added to the group.');
    expect(html).toContain(`/groups/${id}/members/${adam.id}/remove`);
    expect(candidates(html)).toEqual(['Beatrice Jones']);
    const [event] = await listAuditEvents(t.db, { action: 'group.member_added', limit: 1 });
    expect(event).toMatchObject({ targetId: String(id), details: { user: 'adam@example.com' } });
  });

  it('adds a user with htmx: 200 with HX-Redirect to the members', async () => {
    const t = await makeApp();
    const { owner, adam, id } = await groupWithPeople(t);
    const res = await post(t, `/groups/${id}/members`, { userId: String(adam.id) }, { cookie: owner.cookie, htmx: true });
    expect(res.status).toBe(200);
    expect(res.headers.get('hx-redirect')).toBe(`/groups/${id}/members?notice=added`);
    expect(await groupIdsOf(t, adam.id)).toEqual([id]);
  });

  it.each(['999', '', 'abc'])('adding the user "%s" who does not exist answers 409 with the message, changing nothing', async (userId) => {
    const t = await makeApp();
    const { owner, id } = await groupWithPeople(t);
    const before = await snapshot(t.db);
    const res = await post(t, `/groups/${id}/members`, { userId }, { cookie: owner.cookie });
    expect(res.status).toBe(409);
    expect(alertError(await res.text())).toBe('This user no longer exists.');
    expect(await snapshot(t.db)).toEqual(before);
  });

  it('removes a member with htmx: the row goes away and the page around it is refreshed out of band', async () => {
    const t = await makeApp();
    const { owner, ada, id } = await groupWithPeople(t);
    const res = await post(t, `/groups/${id}/members/${ada.id}/remove`, {}, { cookie: owner.cookie, htmx: true });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toMatch(/^<hx-partial hx-target="#main" hx-swap="innerHTML">[\s\S]*<\/hx-partial>$/); // nothing else: the row's own swap empties it
    expect(textOf(html)).toContain('No members');
    expect(await groupIdsOf(t, ada.id)).toEqual([]);
    const [event] = await listAuditEvents(t.db, { action: 'group.member_removed', limit: 1 });
    expect(event).toMatchObject({ targetId: String(id), details: { user: 'ada@example.com' } });
  });

  it('removes a member with a plain form: 303 back to the members with a notice', async () => {
    const t = await makeApp();
    const { owner, ada, id } = await groupWithPeople(t);
    const res = await post(t, `/groups/${id}/members/${ada.id}/remove`, {}, { cookie: owner.cookie });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/groups/${id}/members?notice=removed`);
    expect(await groupIdsOf(t, ada.id)).toEqual([]);
    const html = await (await get(t, res.headers.get('location')!, { cookie: owner.cookie })).text();
    expect(html).toContain('The user has been removed from the group.');
    expect(html).toContain('No members yet.');
  });

  it('answers 404 for a group that does not exist', async () => {
    const t = await makeApp();
    const { owner, ada } = await groupWithPeople(t);
    expect((await get(t, '/groups/999/members', { cookie: owner.cookie })).status).toBe(404);
    expect((await post(t, '/groups/999/members', { userId: String(ada.id) }, { cookie: owner.cookie })).status).toBe(404);
    expect((await post(t, `/groups/999/members/${ada.id}/remove`, {}, { cookie: owner.cookie, htmx: true })).status).toBe(404);
  });
});

/** Every route of the tab, from the router's own list: a new one is covered without a change here. */
const groupEndpoints = endpointsOf((await makeApp()).app).filter((e) => e.path === '/groups' || e.path.startsWith('/groups/'));

describe('only space admins reach the Groups tab', () => {
  it('covers the routes of the tab', () => {
    expect(groupEndpoints.map((e) => e.key)).toEqual(
      expect.arrayContaining(['GET /groups', 'POST /groups', 'POST /groups/:id{[0-9]+}', 'POST /groups/:id{[0-9]+}/delete', 'POST /groups/:id{[0-9]+}/members/:userId{[0-9]+}/remove']),
    );
  });

  it.each(groupEndpoints.flatMap((e) => (['reader', 'code envs manager'] as const).map((who) => ({ e, who, key: e.key }))))(
    '$who gets 403 on $key, and nothing changes',
    async ({ e, who }) => {
      const t = await makeApp();
      await withSpace(t);
      const member = await addUser(t, { email: 'ada@example.com', groups: [{ name: 'Analysts', permissions: ['create_projects'] }] });
      const reader = await addUser(t, { email: 'rita@example.com', profile: 'reader' });
      const envs = await addUser(t, { email: 'envs@example.com', profile: 'designer', groups: [{ name: 'Env-managers', permissions: ['manage_code_envs'] }] });
      const id = (await findGroupByName(t.db, 'Analysts'))!.id;
      const cookie = who === 'reader' ? reader.cookie : envs.cookie;
      const url = fillPath(e.path, (name) => (name === 'userId' ? String(member.id) : String(id)));
      // A form that would do something if it were let through: grant Space Admin, add oneself, and so on.
      const form = { name: 'Takeover', permissions: ['space_admin'], userId: String(who === 'reader' ? reader.id : envs.id) };
      const before = await snapshot(t.db);
      for (const htmx of [false, true]) {
        const res = e.method === 'GET' ? await get(t, url, { cookie, htmx }) : await post(t, url, form, { cookie, htmx });
        expect(res.status, `${e.method} ${url}`).toBe(403);
        expect(await res.text()).toContain('You do not have access to this page');
      }
      expect(await snapshot(t.db)).toEqual(before);
    },
  );
});
