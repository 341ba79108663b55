// The "Deactivate user" / "Reactivate user" row actions, with htmx and as plain forms, and what a
// deactivated member meets at the sign-in page.
import { describe, expect, it } from 'vitest';
import { findPendingInvitationByEmail } from '../../src/db/queries/invitations.js';
import { get, post, PASSWORD } from '../support/app.js';
import { listed, panel, rowOf } from '../support/users-panel.js';

describe('Deactivate user', () => {
  it('asks first, then signs them out, shows them as deactivated, and frees the seat (htmx)', async () => {
    const { t, owner, ada, key } = await panel({ SEATS: 'designer:5,explorer:1,reader:50' });
    const dialog = await get(t, `/users/${ada.id}/deactivate`, { cookie: owner.cookie, htmx: true });
    expect(dialog.status).toBe(200);
    expect(await dialog.text()).toContain('Deactivate Ada Lovelace (ada@example.com)?');

    const res = await post(t, `/users/${ada.id}/deactivate`, { back: '/users' }, { cookie: owner.cookie, htmx: true });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(rowOf(html, key.ada)).toContain('Deactivated');
    // Its "…" menu (fetched on open) now offers the way back.
    expect(await (await get(t, `/users/${ada.id}/actions`, { cookie: owner.cookie })).text()).toContain('Reactivate user');
    expect((await get(t, '/account', { cookie: ada.cookie })).status).toBe(303);
    const signIn = await post(t, '/login', { email: 'ada@example.com', password: PASSWORD });
    expect(signIn.status).toBe(401);
    expect(await signIn.text()).toContain('The email or password is incorrect.');
  });

  it('works as a plain form, and the status filter lists deactivated and active members apart', async () => {
    const { t, owner, ada, key } = await panel();
    const res = await post(t, `/users/${ada.id}/deactivate`, { back: '/users' }, { cookie: owner.cookie });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/users?notice=user_deactivated');
    expect(await listed(t, owner.cookie, '?status=deactivated')).toEqual([key.ada]);
    expect(await listed(t, owner.cookie, '?status=active')).toEqual([key.bob, key.owner]);
    expect(await listed(t, owner.cookie)).toContain(key.ada);
  });

  it('refuses the owner with the words of the error table, in the dialog', async () => {
    const { t, owner } = await panel();
    const res = await post(t, `/users/${owner.id}/deactivate`, { back: '/users' }, { cookie: owner.cookie });
    expect(res.status).toBe(409);
    expect(await res.text()).toContain('You cannot deactivate your own account.');
  });
});

describe('Reactivate user', () => {
  it('is refused when no seat of their profile is free, and works once one is', async () => {
    const { t, owner, ada, key } = await panel({ SEATS: 'designer:5,explorer:1,reader:50' });
    await post(t, `/users/${ada.id}/deactivate`, { back: '/users' }, { cookie: owner.cookie });
    const cleo = await post(t, '/users/invite', { emails: 'cleo@example.com', profile: 'explorer' }, { cookie: owner.cookie });
    expect(cleo.status).toBeLessThan(400);
    const refused = await post(t, `/users/${ada.id}/reactivate`, { back: '/users' }, { cookie: owner.cookie });
    expect(refused.status).toBe(409);
    expect(await refused.text()).toContain('1 explorer seat needed, 0 free.');

    expect(await listed(t, owner.cookie, '?status=active')).not.toContain(key.ada);

    const invitation = await findPendingInvitationByEmail(t.db, 'cleo@example.com');
    await post(t, `/invitations/${invitation!.id}/revoke`, { back: '/users' }, { cookie: owner.cookie });
    const ok = await post(t, `/users/${ada.id}/reactivate`, { back: '/users' }, { cookie: owner.cookie, htmx: true });
    expect(ok.status).toBe(200);
    expect(rowOf(await ok.text(), key.ada)).toContain('Active');
    expect(await listed(t, owner.cookie, '?status=active')).toContain(key.ada);
  });
});
