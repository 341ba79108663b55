// Issue 11 item 2: a row action that changes a count updates, out of band, every count, seat and notice
// it affects: the Users list's pager after Revoke and Delete, and a group's Members page after Remove.
import { describe, expect, it } from 'vitest';
import { findGroupByName } from '../../src/db/queries/groups.js';
import { addUser, get, makeApp, post, withSpace } from '../support/app.js';
import { textOf } from '../support/invitations.js';
import { panel } from '../support/users-panel.js';

/** The content of the out-of-band partial aimed at `target`, or null. */
function partial(html: string, target: string): string | null {
  const m = new RegExp(`<hx-partial hx-target="${target}" hx-swap="[a-zA-Z]+">([\\s\\S]*?)</hx-partial>`).exec(html);
  return m ? m[1]! : null;
}

describe('Users tab: the counts follow a row action (htmx)', () => {
  it('Revoke invitation: the pager counts one row less, with the notice', async () => {
    const { t, owner, carol } = await panel();
    expect(textOf(await (await get(t, '/users', { cookie: owner.cookie })).text())).toContain('1–4 of 4');
    const html = await (await post(t, `/invitations/${carol.id}/revoke`, { back: '/users' }, { cookie: owner.cookie, htmx: true })).text();
    expect(textOf(partial(html, '#users-pager') ?? '')).toContain('1–3 of 3');
    expect(textOf(partial(html, '#users-notice') ?? '')).toContain('The invitation has been revoked');
  });

  it('Delete user: the pager counts one row less, under the filters the list had', async () => {
    const { t, owner, bob } = await panel();
    const html = await (await post(t, `/users/${bob.id}/delete`, { back: '/users?profile=reader' }, { cookie: owner.cookie, htmx: true })).text();
    // Readers: Bob and Carol's invitation; Bob is gone.
    expect(textOf(partial(html, '#users-pager') ?? '')).toContain('1–1 of 1');
    expect(textOf(partial(html, '#users-notice') ?? '')).toContain('The user has been deleted.');
  });

  it('Edit User: the notice says it was saved, and the pager is refreshed too', async () => {
    const { t, owner, bob } = await panel();
    const html = await (
      await post(t, `/users/${bob.id}`, { displayName: 'Bob B.', profile: 'explorer', back: '/users?profile=reader' }, { cookie: owner.cookie, htmx: true })
    ).text();
    expect(textOf(partial(html, '#users-pager') ?? '')).toContain('1–1 of 1'); // Bob is no longer a reader
    expect(textOf(partial(html, '#users-notice') ?? '')).toContain('The user has been saved.');
  });
});

describe('Members → Remove (htmx): the page around the row follows', () => {
  it('the count, the "Add users" results and the notice are those after the removal', async () => {
    const t = await makeApp();
    const owner = await withSpace(t);
    const ada = await addUser(t, { email: 'ada@example.com', name: 'Ada Lovelace', groups: [{ name: 'Analysts' }] });
    await addUser(t, { email: 'bob@example.com', name: 'Bob Builder', groups: [{ name: 'Analysts' }] });
    const id = (await findGroupByName(t.db, 'Analysts'))!.id;
    // The admin searched "ada" (nobody outside matches: Ada is a member) and added someone ("added").
    const current = `http://localhost/groups/${id}/members?q=ada&notice=added`;
    const page = textOf(await (await get(t, `/groups/${id}/members?q=ada&notice=added`, { cookie: owner.cookie })).text());
    expect(page).toContain('Nobody outside the group matches “ada”.');
    expect(page).toContain('1–2 of 2');
    const res = await post(t, `/groups/${id}/members/${ada.id}/remove`, {}, { cookie: owner.cookie, htmx: true, headers: { 'hx-current-url': current } });
    expect(res.status).toBe(200);
    const main = partial(await res.text(), '#main');
    expect(main).not.toBeNull();
    const text = textOf(main!);
    expect(text).toContain('1–1 of 1');
    expect(text).not.toContain('Nobody outside the group matches');
    expect(text).toContain('Ada Lovelace'); // now a candidate to add again
    expect(text).toContain('The user has been removed from the group.');
    expect(text).not.toContain('added');
  });
});
