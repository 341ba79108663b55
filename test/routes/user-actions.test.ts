// A member's row actions through app.request(): the dialogs, Edit User, Delete user, Transfer Space Ownership.
import { describe, expect, it } from 'vitest';
import { listAuditEvents } from '../../src/db/queries/audit.js';
import { findInvitation } from '../../src/db/queries/invitations.js';
import { findUserById } from '../../src/db/queries/users.js';
import { SPACE_ADMINISTRATORS } from '../../src/services/setup.js';
import { addUser, get, PASSWORD, post } from '../support/app.js';
import { snapshot } from '../support/db-snapshot.js';
import { field, unescapeHtml } from '../support/html.js';
import { actor, adminsGroupId, groupIdsOf, inviteOne, ownerId, textOf } from '../support/invitations.js';
import { isPage, menuOf, panel, rowOf } from '../support/users-panel.js';

describe('row actions: the dialogs (GET)', () => {
  it.each([
    { path: (p: Paths) => `/users/${p.ada}/edit`, title: 'Edit User' },
    { path: (p: Paths) => `/users/${p.ada}/delete`, title: 'Delete user' },
    { path: (p: Paths) => `/users/${p.ada}/transfer`, title: 'Transfer Space Ownership' },
    { path: (p: Paths) => `/invitations/${p.carol}/revoke`, title: 'Revoke invitation' },
  ])('$title: a <dialog> for htmx, a page without it', async ({ path, title }) => {
    const { t, owner, ada, carol } = await panel();
    const url = path({ ada: ada.id, carol: carol.id });
    const dialog = await get(t, url, { cookie: owner.cookie, htmx: true });
    expect(dialog.status).toBe(200);
    const d = await dialog.text();
    expect(d).toMatch(/^<dialog/);
    expect(d).toContain(`<h2 id="dialog-title">${title}</h2>`);
    expect(isPage(d)).toBe(false);
    const page = await get(t, url, { cookie: owner.cookie });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(isPage(html)).toBe(true);
    expect(html).toContain(`<h1>${title}</h1>`);
  });

  it('a dialog for someone who does not exist is a 404', async () => {
    const { t, owner } = await panel();
    expect((await get(t, '/users/9999/edit', { cookie: owner.cookie })).status).toBe(404);
    expect((await get(t, '/invitations/9999/revoke', { cookie: owner.cookie })).status).toBe(404);
  });
});

type Paths = { ada: number; carol: number };

describe('Edit User (POST /users/:id)', () => {
  const form = (analysts: number, back = '/users') => ({ displayName: 'Bobby B.', profile: 'explorer', groups: [String(analysts)], back });

  it('with htmx: the row and the seats come back as fragments, the dialog closes', async () => {
    const { t, owner, bob, analysts } = await panel();
    const res = await post(t, `/users/${bob.id}`, form(analysts), { cookie: owner.cookie, htmx: true });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(isPage(html)).toBe(false);
    expect(html).toContain(`<hx-partial hx-target="#row-user-${bob.id}" hx-swap="outerHTML">`);
    expect(textOf(rowOf(html, `user-${bob.id}`))).toContain('Bobby B. bob@example.com Explorer Analysts Active');
    expect(html).toContain('<hx-partial hx-target="#seats" hx-swap="outerHTML">');
    expect(textOf(/<section id="seats"[\s\S]*?<\/section>/.exec(html)![0])).toContain('Explorer 2 members · 0 invited · 8 free of 10');
    expect(html).toContain('<hx-partial hx-target="#modal-root" hx-swap="innerHTML"></hx-partial>');
  });

  it('without htmx: 303 back to the list with a notice; the change and its audit event are written', async () => {
    const { t, owner, bob, analysts } = await panel();
    const res = await post(t, `/users/${bob.id}`, form(analysts), { cookie: owner.cookie });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/users?notice=user_saved');
    expect(await findUserById(t.db, bob.id)).toMatchObject({ displayName: 'Bobby B.', profile: 'explorer' });
    expect(await groupIdsOf(t, bob.id)).toEqual([analysts]);
    const [event] = await listAuditEvents(t.db, { action: 'user.updated', limit: 5 });
    expect(event).toMatchObject({ actorId: owner.id, targetId: String(bob.id), details: { profile: 'reader → explorer', joined: ['Analysts'] } });
    const page = await (await get(t, res.headers.get('location')!, { cookie: owner.cookie })).text();
    expect(textOf(page)).toContain('The user has been saved.');
  });

  it.each([
    { back: '/users?q=bob&page=1', location: '/users?q=bob&page=1&notice=user_saved' },
    { back: 'https://evil.example/users', location: '/users?notice=user_saved' },
    { back: '//evil.example/users', location: '/users?notice=user_saved' },
    { back: '/account', location: '/users?notice=user_saved' },
  ])('returns to the list it came from, and only to the list (back=$back)', async ({ back, location }) => {
    const { t, owner, bob, analysts } = await panel();
    const res = await post(t, `/users/${bob.id}`, form(analysts, back), { cookie: owner.cookie });
    expect(res.headers.get('location')).toBe(location);
  });

  it.each([false, true])('an invalid name: 422, the message next to the field, nothing changed (htmx: %s)', async (htmx) => {
    const { t, owner, bob } = await panel();
    const before = await snapshot(t.db);
    const res = await post(t, `/users/${bob.id}`, { displayName: '   ', profile: 'reader' }, { cookie: owner.cookie, htmx });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(isPage(html)).toBe(!htmx);
    expect(field(html, 'displayName').error).toBe('Enter a name.');
    expect(await snapshot(t.db)).toEqual(before);
  });

  it.each([false, true])('a profile change that needs a seat when none is free: 409, the message next to the profile (htmx: %s)', async (htmx) => {
    const { t, owner, bob } = await panel({ SEATS: 'designer:1,explorer:10,reader:50' });
    const before = await snapshot(t.db);
    const res = await post(t, `/users/${bob.id}`, { displayName: 'Bob Builder', profile: 'designer' }, { cookie: owner.cookie, htmx });
    expect(res.status).toBe(409);
    const html = await res.text();
    expect(isPage(html)).toBe(!htmx);
    const select = /<select[^>]*name="profile"[^>]*>/.exec(html)![0];
    const describedBy = /aria-describedby="([^"]+)"/.exec(select)![1]!;
    const message = new RegExp(`<p class="error" id="${describedBy}">([\\s\\S]*?)</p>`).exec(html)![1]!;
    expect(unescapeHtml(message)).toMatch(/^1 designer seat needed, 0 free\./);
    expect(html).toMatch(/<option value="designer" selected/); // the choice is kept
    expect(await snapshot(t.db)).toEqual(before);
  });

  it('the owner cannot be taken out of space_administrators, even by a crafted form: 409, nothing changed', async () => {
    const { t, owner, analysts } = await panel();
    const before = await snapshot(t.db);
    const res = await post(t, `/users/${owner.id}`, { displayName: 'Olivia Owner', profile: 'designer', groups: String(analysts) }, { cookie: owner.cookie });
    expect(res.status).toBe(409);
    expect(textOf(await res.text())).toContain('The space owner cannot be deleted or removed from space_administrators.');
    expect(await snapshot(t.db)).toEqual(before);
  });

  it('the edit form locks the owner in space_administrators', async () => {
    const { t, owner } = await panel();
    const admins = await adminsGroupId(t);
    const html = await (await get(t, `/users/${owner.id}/edit`, { cookie: owner.cookie, htmx: true })).text();
    expect(html).toMatch(new RegExp(`name="groups" value="${admins}" checked="" disabled=""`));
    expect(html).toContain(`<input type="hidden" name="groups" value="${admins}"/>`);
  });
});

describe('Delete user (POST /users/:id/delete)', () => {
  it('with htmx: the row is removed, the seats refreshed, the dialog closed', async () => {
    const { t, owner, bob } = await panel();
    const res = await post(t, `/users/${bob.id}/delete`, { back: '/users' }, { cookie: owner.cookie, htmx: true });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(isPage(html)).toBe(false);
    expect(html).toContain(`<hx-partial hx-target="#row-user-${bob.id}" hx-swap="delete"></hx-partial>`);
    expect(textOf(/<section id="seats"[\s\S]*?<\/section>/.exec(html)![0])).toContain('Reader 0 members · 1 invited · 49 free of 50');
    expect(await findUserById(t.db, bob.id)).toBeNull();
  });

  it('without htmx: 303 back with a notice; sessions ended; an audit event written', async () => {
    const { t, owner, bob } = await panel();
    const res = await post(t, `/users/${bob.id}/delete`, { back: '/users?profile=reader' }, { cookie: owner.cookie });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/users?profile=reader&notice=user_deleted');
    expect(await findUserById(t.db, bob.id)).toBeNull();
    expect((await get(t, '/account', { cookie: bob.cookie })).status).toBe(303); // signed out
    expect(await listAuditEvents(t.db, { action: 'user.deleted', limit: 5 })).toMatchObject([{ targetId: String(bob.id) }]);
  });

  it('a member who invited people and joined by an invitation can be deleted; the invitations keep their history', async () => {
    const { t, owner, ada, carol } = await panel();
    const admins = await adminsGroupId(t);
    await t.db.insertInto('group_members').values({ group_id: admins, user_id: ada.id, added_at: t.deps.now() }).execute();
    const sent = await inviteOne(t, await actor(t, ada.id), 'dan@example.com');
    await t.db.updateTable('invitations').set({ status: 'accepted', accepted_user_id: ada.id }).where('id', '=', carol.id).execute();
    const res = await post(t, `/users/${ada.id}/delete`, { back: '/users' }, { cookie: owner.cookie });
    expect(res.status).toBe(303);
    expect(await findUserById(t.db, ada.id)).toBeNull();
    expect(await findInvitation(t.db, sent.id)).toMatchObject({ status: 'pending', invitedBy: null, invitedByLabel: 'Ada Lovelace' });
    expect((await findInvitation(t.db, carol.id))!.status).toBe('accepted');
  });

  it.each([false, true])('the owner cannot be deleted: 409 with the reason, nothing changed (htmx: %s)', async (htmx) => {
    const { t, owner } = await panel();
    const admin = await addUser(t, { email: 'admin@example.com', profile: 'explorer', groups: [{ name: SPACE_ADMINISTRATORS }] });
    const before = await snapshot(t.db);
    const res = await post(t, `/users/${owner.id}/delete`, { back: '/users' }, { cookie: admin.cookie, htmx });
    expect(res.status).toBe(409);
    const html = await res.text();
    expect(isPage(html)).toBe(!htmx);
    expect(textOf(html)).toContain('The space owner cannot be deleted or removed from space_administrators. Transfer the ownership first.');
    expect(await snapshot(t.db)).toEqual(before);
  });

  it('offers no "Delete user" for the owner\'s row', async () => {
    const { t, owner, key } = await panel();
    const admin = await addUser(t, { email: 'admin@example.com', profile: 'explorer', groups: [{ name: SPACE_ADMINISTRATORS }] });
    const html = await (await get(t, '/users', { cookie: admin.cookie })).text();
    expect(rowOf(html, key.owner)).toContain(`href="/${key.owner.replace('user-', 'users/')}/actions"`);
    expect(await menuOf(t, admin.cookie, key.owner)).not.toContain('Delete user');
    expect(await menuOf(t, admin.cookie, key.bob)).toContain('Delete user');
  });
});

describe('Transfer Space Ownership (POST /users/:id/transfer)', () => {
  it('with htmx: the page is reloaded (HX-Redirect) with a notice', async () => {
    const { t, owner, ada } = await panel();
    const res = await post(t, `/users/${ada.id}/transfer`, { password: PASSWORD, back: '/users' }, { cookie: owner.cookie, htmx: true });
    expect(res.status).toBe(200);
    expect(res.headers.get('hx-redirect')).toBe('/users?notice=ownership_transferred');
    expect(isPage(await res.text())).toBe(false);
    expect(await ownerId(t)).toBe(ada.id);
  });

  it('without htmx: 303 back with a notice; the new owner is a space admin; an audit event written', async () => {
    const { t, owner, ada } = await panel();
    const res = await post(t, `/users/${ada.id}/transfer`, { password: PASSWORD, back: '/users' }, { cookie: owner.cookie });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/users?notice=ownership_transferred');
    expect(await ownerId(t)).toBe(ada.id);
    expect(await groupIdsOf(t, ada.id)).toContain(await adminsGroupId(t));
    expect(await listAuditEvents(t.db, { action: 'space.ownership_transferred', limit: 5 })).toHaveLength(1);
    // The old owner still opens the Users tab; the new one too.
    expect((await get(t, '/users', { cookie: owner.cookie })).status).toBe(200);
    expect((await get(t, '/users', { cookie: ada.cookie })).status).toBe(200);
  });

  it.each([false, true])('a wrong password: 422, the message next to the password, nothing changed (htmx: %s)', async (htmx) => {
    const { t, owner, ada } = await panel();
    const before = await snapshot(t.db);
    const res = await post(t, `/users/${ada.id}/transfer`, { password: 'not my password' }, { cookie: owner.cookie, htmx });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(isPage(html)).toBe(!htmx);
    expect(field(html, 'password')).toMatchObject({ error: 'This is not your password.', value: '' });
    expect(await snapshot(t.db)).toEqual(before);
  });

  it('a space admin who is not the owner gets 403 on the dialog and the action, nothing changed', async () => {
    const { t, ada } = await panel();
    const admin = await addUser(t, { email: 'admin@example.com', profile: 'explorer', groups: [{ name: SPACE_ADMINISTRATORS }] });
    const before = await snapshot(t.db);
    expect((await get(t, `/users/${ada.id}/transfer`, { cookie: admin.cookie })).status).toBe(403);
    expect((await post(t, `/users/${ada.id}/transfer`, { password: PASSWORD }, { cookie: admin.cookie })).status).toBe(403);
    expect((await post(t, `/users/${admin.id}/transfer`, { password: PASSWORD }, { cookie: admin.cookie, htmx: true })).status).toBe(403);
    expect(await snapshot(t.db)).toEqual(before);
  });

  it('offers "Transfer Space Ownership" to the owner only', async () => {
    const { t, owner, key } = await panel();
    const admin = await addUser(t, { email: 'admin@example.com', profile: 'explorer', groups: [{ name: SPACE_ADMINISTRATORS }] });
    expect(await menuOf(t, owner.cookie, key.ada)).toContain('Transfer Space Ownership');
    for (const k of [key.ada, key.bob, key.owner]) expect(await menuOf(t, admin.cookie, k)).not.toContain('Transfer Space Ownership');
  });
});
