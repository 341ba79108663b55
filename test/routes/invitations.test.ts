// A pending invitation's row actions through app.request(): Resend, Revoke, Copy invite link, with and without htmx.
import { describe, expect, it } from 'vitest';
import { listAuditEvents } from '../../src/db/queries/audit.js';
import { findInvitation } from '../../src/db/queries/invitations.js';
import { addUser, get, post } from '../support/app.js';
import { snapshot } from '../support/db-snapshot.js';
import { unescapeHtml } from '../support/html.js';
import { counts, DAY, emailedLink, pathOf, textOf } from '../support/invitations.js';
import { isPage, panel } from '../support/users-panel.js';

describe('Resend invitation (POST /invitations/:id/resend)', () => {
  it('with htmx: just the row comes back, with the renewed expiry', async () => {
    const { t, owner, carol } = await panel({ INVITE_TTL: '1d' });
    t.clock.advance(2 * DAY);
    const res = await post(t, `/invitations/${carol.id}/resend`, { back: '/users' }, { cookie: owner.cookie, htmx: true });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toMatch(new RegExp(`^<tr id="row-invitation-${carol.id}"`));
    expect(isPage(html)).toBe(false);
    expect(textOf(html)).toContain('Invited · expires 29 Nov email queued');
    expect((await findInvitation(t.db, carol.id))!.expiresAt).toBe(t.deps.now() + DAY);
  });

  it('without htmx: 303 back with a notice; one more email and an audit event', async () => {
    const { t, owner, carol } = await panel();
    const before = await counts(t);
    const res = await post(t, `/invitations/${carol.id}/resend`, { back: '/users?status=invited' }, { cookie: owner.cookie });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/users?status=invited&notice=invitation_resent');
    const after = await counts(t);
    expect([after.outbox - before.outbox, after.auditEvents - before.auditEvents]).toEqual([1, 1]);
  });

  it.each([false, true])('no seat to renew an expired invitation: 409, the error shown, nothing written (htmx: %s)', async (htmx) => {
    const { t, owner, carol } = await panel({ SEATS: 'designer:5,explorer:10,reader:2', INVITE_TTL: '1d' });
    t.clock.advance(2 * DAY); // carol's invitation no longer holds a reader seat...
    await addUser(t, { email: 'reader2@example.com', profile: 'reader' }); // ...and it was taken
    await get(t, '/users', { cookie: owner.cookie }); // the session's last-seen time moves on here, not below
    const before = await snapshot(t.db);
    const res = await post(t, `/invitations/${carol.id}/resend`, { back: '/users' }, { cookie: owner.cookie, htmx });
    expect(res.status).toBe(409);
    const html = await res.text();
    expect(isPage(html)).toBe(!htmx);
    if (htmx) expect(html).toMatch(new RegExp(`^<tr id="row-invitation-${carol.id}" class="row-error"`));
    expect(textOf(html)).toContain('1 reader seat needed, 0 free.');
    expect(await snapshot(t.db)).toEqual(before);
  });
});

describe('Resend invitation: an invitation no longer pending', () => {
  it('without htmx: 409, a page that says why, nothing written', async () => {
    const { t, owner, carol } = await panel();
    await t.db.updateTable('invitations').set({ status: 'revoked' }).where('id', '=', carol.id).execute();
    const before = await snapshot(t.db);
    const res = await post(t, `/invitations/${carol.id}/resend`, { back: '/users' }, { cookie: owner.cookie });
    expect(res.status).toBe(409);
    expect(textOf(await res.text())).toContain('This invitation was already accepted or revoked.');
    expect(await snapshot(t.db)).toEqual(before);
  });

  // Regression: the row query finds pending invitations only, so the error meant for the row was once answered
  // with an empty 200: the row vanished and the message was never shown.
  it('with htmx: the error is shown, not swallowed by an empty 200', async () => {
    const { t, owner, carol } = await panel();
    await t.db.updateTable('invitations').set({ status: 'revoked' }).where('id', '=', carol.id).execute();
    const res = await post(t, `/invitations/${carol.id}/resend`, { back: '/users' }, { cookie: owner.cookie, htmx: true });
    const html = await res.text();
    expect(isPage(html)).toBe(false);
    expect(textOf(html)).toContain('This invitation was already accepted or revoked.');
  });
});

describe('Revoke invitation (POST /invitations/:id/revoke)', () => {
  it('with htmx: the row is removed and the seat freed', async () => {
    const { t, owner, carol } = await panel();
    const res = await post(t, `/invitations/${carol.id}/revoke`, { back: '/users' }, { cookie: owner.cookie, htmx: true });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(isPage(html)).toBe(false);
    expect(html).toContain(`<hx-partial hx-target="#row-invitation-${carol.id}" hx-swap="delete"></hx-partial>`);
    expect(textOf(/<section id="seats"[\s\S]*?<\/section>/.exec(html)![0])).toContain('Reader 1 member · 0 invited · 49 free of 50');
    expect((await findInvitation(t.db, carol.id))!.status).toBe('revoked');
  });

  it('without htmx: 303 back with a notice; the link stops working at once', async () => {
    const { t, owner, carol } = await panel();
    const link = await emailedLink(t, 'carol@example.com');
    expect((await get(t, pathOf(link))).status).toBe(200);
    const res = await post(t, `/invitations/${carol.id}/revoke`, { back: '/users' }, { cookie: owner.cookie });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/users?notice=invitation_revoked');
    const after = await get(t, pathOf(link));
    expect(after.status).toBe(410);
    expect(textOf(await after.text())).toContain('This invitation was withdrawn');
    expect(await listAuditEvents(t.db, { action: 'invitation.revoked', limit: 5 })).toHaveLength(1);
  });

  it.each([false, true])('an invitation already revoked: 409, nothing changed (htmx: %s)', async (htmx) => {
    const { t, owner, carol } = await panel();
    await post(t, `/invitations/${carol.id}/revoke`, {}, { cookie: owner.cookie });
    const before = await snapshot(t.db);
    const res = await post(t, `/invitations/${carol.id}/revoke`, {}, { cookie: owner.cookie, htmx });
    expect(res.status).toBe(409);
    expect(textOf(await res.text())).toContain('This invitation was already accepted or revoked.');
    expect(await snapshot(t.db)).toEqual(before);
  });
});

describe('Copy invite link (POST /invitations/:id/link)', () => {
  it.each([false, true])('shows the emailed link, which still works afterwards (htmx: %s)', async (htmx) => {
    const { t, owner, carol } = await panel();
    const emailed = await emailedLink(t, 'carol@example.com');
    const res = await post(t, `/invitations/${carol.id}/link`, { back: '/users' }, { cookie: owner.cookie, htmx });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(isPage(html)).toBe(!htmx);
    if (htmx) expect(html).toMatch(/^<dialog/);
    const input = /<input id="invite-link"[^>]*>/.exec(html)![0];
    expect(unescapeHtml(/value="([^"]*)"/.exec(input)![1]!)).toBe(emailed);
    expect(input).toMatch(/\sreadonly/);
    expect(html).toContain('data-copy="#invite-link"');
    expect(await listAuditEvents(t.db, { action: 'invitation.link_copied', limit: 5 })).toHaveLength(1);
    expect((await get(t, pathOf(emailed))).status).toBe(200);
  });

  // Regression: this failure once rendered the whole shell page for htmx, swapped into #modal-root.
  it('for an invitation no longer pending, with htmx: the error as a fragment, not a whole page', async () => {
    const { t, owner, carol } = await panel();
    await t.db.updateTable('invitations').set({ status: 'revoked' }).where('id', '=', carol.id).execute();
    const res = await post(t, `/invitations/${carol.id}/link`, { back: '/users' }, { cookie: owner.cookie, htmx: true });
    expect(res.status).toBe(409);
    const html = await res.text();
    expect(textOf(html)).toContain('This invitation was already accepted or revoked.');
    expect(isPage(html)).toBe(false);
  });

  it('for an accepted invitation: 409, no link', async () => {
    const { t, owner, carol } = await panel();
    await t.db.updateTable('invitations').set({ status: 'accepted' }).where('id', '=', carol.id).execute();
    const res = await post(t, `/invitations/${carol.id}/link`, {}, { cookie: owner.cookie });
    expect(res.status).toBe(409);
    expect(await res.text()).not.toMatch(/\/invite\//);
  });
});
