// Edit Group and Members are dialogs with htmx, as Create group and Delete group are, and pages without
// JavaScript. Inside the Members dialog, a search and an Add swap the dialog's panel in place.
import { describe, expect, it } from 'vitest';
import { findGroupByName } from '../../src/db/queries/groups.js';
import { addUser, get, makeApp, post, withSpace } from '../support/app.js';
import { groupIdsOf, textOf } from '../support/invitations.js';

async function space() {
  const t = await makeApp();
  const owner = await withSpace(t);
  const ada = await addUser(t, { email: 'ada@example.com', name: 'Ada Lovelace', groups: [{ name: 'Analysts' }] });
  const bob = await addUser(t, { email: 'bob@example.com', name: 'Bob Builder' });
  const analysts = (await findGroupByName(t.db, 'Analysts'))!.id;
  return { t, owner, ada, bob, analysts };
}

const panelTarget = { 'hx-target': 'div#members-panel' };

describe('the Groups tab opens Edit Group and Members as dialogs', () => {
  it('links both from each row’s menu with hx-get into #modal-root, keeping the plain href', async () => {
    const { t, owner, analysts } = await space();
    const html = await (await get(t, `/groups/${analysts}/actions`, { cookie: owner.cookie, headers: { 'hx-request': 'true' } })).text();
    for (const path of [`/groups/${analysts}/edit`, `/groups/${analysts}/members`]) {
      const link = new RegExp(`<a[^>]*href="${path}"[^>]*>`).exec(html)![0];
      expect(link).toContain(`hx-get="${path}"`);
      expect(link).toContain('hx-target="#modal-root"');
    }
  });

  it.each([
    { what: 'Edit Group', path: (id: number) => `/groups/${id}/edit`, title: 'Edit Group Analysts' },
    { what: 'Members', path: (id: number) => `/groups/${id}/members`, title: 'Members of Analysts' },
  ])('$what: a <dialog> for htmx, a full page without it', async ({ path, title }) => {
    const { t, owner, analysts } = await space();
    const dialog = await (await get(t, path(analysts), { cookie: owner.cookie, htmx: true })).text();
    expect(dialog).toMatch(/^<dialog data-modal/);
    expect(dialog).toContain(`<h2 id="dialog-title">${title}</h2>`);
    expect(dialog).not.toMatch(/<html/i);
    const page = await (await get(t, path(analysts), { cookie: owner.cookie })).text();
    expect(page).toMatch(/<html/i);
    expect(textOf(page)).toContain(title);
  });
});

describe('inside the Members dialog', () => {
  it('the search and the Add buttons swap the dialog’s panel', async () => {
    const { t, owner, analysts } = await space();
    const res = await get(t, `/groups/${analysts}/members?q=bob`, { cookie: owner.cookie, htmx: true, headers: panelTarget });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toMatch(/^<div id="members-panel"/);
    expect(html).toContain(`hx-get="/groups/${analysts}/members"`);
    const add = /<form[^>]*action="\/groups\/\d+\/members"[^>]*>/.exec(html.slice(html.indexOf('candidates')))![0];
    expect(add).toContain('hx-post=');
    expect(add).toContain('hx-target="#members-panel"');
  });

  it('adding someone answers the panel with them listed and the notice, not a redirect', async () => {
    const { t, owner, bob, analysts } = await space();
    const res = await post(t, `/groups/${analysts}/members`, { userId: String(bob.id), q: 'bob' }, { cookie: owner.cookie, htmx: true, headers: panelTarget });
    expect(res.status).toBe(200);
    expect(res.headers.get('hx-redirect')).toBeNull();
    const text = textOf(await res.text());
    expect(text).toContain('The user has been added to the group.');
    expect(text).toContain('Bob Builder bob@example.com');
    expect(await groupIdsOf(t, bob.id)).toEqual([analysts]);
  });

  it('without JavaScript, adding still redirects to the Members page', async () => {
    const { t, owner, bob, analysts } = await space();
    const res = await post(t, `/groups/${analysts}/members`, { userId: String(bob.id), q: '' }, { cookie: owner.cookie });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/groups/${analysts}/members?notice=added`);
  });
});
