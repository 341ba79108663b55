// Edit User's "Effective permissions" follows the group boxes: with htmx, each change asks for the fragment
// computed from the ticked groups; without JavaScript the section says it shows what is saved.
import { describe, expect, it } from 'vitest';
import { findGroupByName } from '../../src/db/queries/groups.js';
import { addUser, get, makeApp, withSpace, type TestApp } from '../support/app.js';
import { snapshot } from '../support/db-snapshot.js';
import { textOf } from '../support/invitations.js';

async function space() {
  const t = await makeApp();
  const owner = await withSpace(t);
  const ada = await addUser(t, { email: 'ada@example.com', groups: [{ name: 'Readers' }, { name: 'Env-managers', permissions: ['manage_code_envs'] }] });
  const ops = await addUser(t, { email: 'ops@example.com', groups: [{ name: 'Ops', permissions: ['manage_all_clusters'] }] });
  const id = async (name: string) => (await findGroupByName(t.db, name))!.id;
  return { t, owner, ada, ops, id };
}

const preview = (t: TestApp, cookie: string, userId: number, groupIds: number[], htmx = true) =>
  get(t, `/users/${userId}/effective-permissions?${groupIds.map((g) => `groups=${g}`).join('&')}`, { cookie, htmx });

describe('Effective permissions on Edit User', () => {
  it('is labelled "as saved" on the page, and its group boxes ask for the preview on change', async () => {
    const { t, owner, ada } = await space();
    const html = await (await get(t, `/users/${ada.id}/edit`, { cookie: owner.cookie })).text();
    const section = /<section id="effective-permissions"[\s\S]*?<\/section>/.exec(html)![0];
    expect(textOf(section)).toContain('Effective permissions (as saved)');
    const fieldset = /<fieldset[^>]*>\s*<legend>Groups<\/legend>/.exec(html)![0];
    expect(fieldset).toContain(`hx-get="/users/${ada.id}/effective-permissions"`);
    expect(fieldset).toContain('hx-trigger="change"');
    expect(fieldset).toContain('hx-target="#effective-permissions"');
  });

  it('answers htmx with the permissions of the ticked groups, unsaved, and writes nothing', async () => {
    const { t, owner, ada, id } = await space();
    const before = await snapshot(t.db);
    const res = await preview(t, owner.cookie, ada.id, [await id('Readers'), await id('Ops')]);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toMatch(/^<section id="effective-permissions"/);
    expect(textOf(html)).toContain('(with the groups ticked above, once saved)');
    expect(textOf(html)).toContain('Manage all clusters from Ops');
    expect(textOf(html)).not.toContain('Manage code envs'); // Env-managers was unticked
    expect(await snapshot(t.db)).toEqual(before);
  });

  it('says the ticked groups grant nothing when none is ticked', async () => {
    const { t, owner, ada } = await space();
    expect(textOf(await (await preview(t, owner.cookie, ada.id, [])).text())).toContain('No permissions: the ticked groups grant none.');
  });

  it("keeps space_administrators in the owner's preview, as saving would", async () => {
    const { t, owner } = await space();
    expect(textOf(await (await preview(t, owner.cookie, owner.id, [])).text())).toContain('Space Admin from space_administrators');
  });

  it('refuses a member who is not a space admin, and sends a plain browser to Edit User', async () => {
    const { t, owner, ada, ops } = await space();
    expect((await preview(t, ops.cookie, ada.id, [])).status).toBe(403);
    const plain = await preview(t, owner.cookie, ada.id, [], false);
    expect(plain.status).toBe(303);
    expect(plain.headers.get('location')).toBe(`/users/${ada.id}/edit`);
    expect((await preview(t, owner.cookie, 999, [])).status).toBe(404);
  });
});
