// The Users tab's rows (issue 11 items 4, 7; issue 12's light rows): the status cell's words, what the
// email badge says, the "…" menu fetched on open or shown as a page, and the group filter as a field.
import { describe, expect, it } from 'vitest';
import { get, post } from '../support/app.js';
import { DAY, makeGroup, textOf } from '../support/invitations.js';
import { isPage, listed, menuOf, panel, rowOf } from '../support/users-panel.js';

describe('the status cell and Last sign-in', () => {
  it('an invitation reads "Invited · expires <day>", and its Last sign-in cell stays empty', async () => {
    const { t, owner, key } = await panel({ INVITE_TTL: '12d' });
    const row = rowOf(await (await get(t, '/users', { cookie: owner.cookie })).text(), key.carol);
    const cells = [...row.matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((m) => textOf(m[1]!));
    expect(cells[4]).toBe('Invited · expires 8 Dec email queued');
    expect(cells[5]).toBe('');
  });

  it('an expired invitation reads "Expired · <day>"; a member keeps Last sign-in', async () => {
    const { t, owner, key } = await panel({ INVITE_TTL: '1d' });
    t.clock.advance(2 * DAY);
    const html = await (await get(t, '/users', { cookie: owner.cookie })).text();
    expect(textOf(rowOf(html, key.carol))).toContain('Expired · 27 Nov');
    expect(textOf(rowOf(html, key.carol))).not.toContain('Invited');
    expect(textOf(rowOf(html, key.ada))).toContain('Active Never');
  });
});

describe('what the email badge and the invite result say', () => {
  it('without RESEND_API_KEY: "written to the server log (no RESEND_API_KEY)", never "sent"', async () => {
    const { t, owner, key } = await panel();
    await t.worker.runOnce();
    const row = textOf(rowOf(await (await get(t, '/users', { cookie: owner.cookie })).text(), key.carol));
    expect(row).toContain('email written to the server log (no RESEND_API_KEY)');
    expect(row).not.toContain('email sent');
    const result = textOf(await (await post(t, '/users/invite', { emails: 'new@example.com', profile: 'reader' }, { cookie: owner.cookie, htmx: true })).text());
    expect(result).toContain('Invited: the email was written to the server log (no RESEND_API_KEY).');
    expect(result).not.toContain('on its way');
  });

  it('with RESEND_API_KEY: "email sent", and the result says the email is on its way', async () => {
    const { t, owner, key } = await panel({ RESEND_API_KEY: 're_test_key' });
    await t.worker.runOnce();
    const row = textOf(rowOf(await (await get(t, '/users', { cookie: owner.cookie })).text(), key.carol));
    expect(row).toContain('email sent');
    const result = textOf(await (await post(t, '/users/invite', { emails: 'new@example.com', profile: 'reader' }, { cookie: owner.cookie, htmx: true })).text());
    expect(result).toContain('1 invitation sent.');
    expect(result).toContain('Invited: the email is on its way.');
  });
});

describe('the "…" menu of a row', () => {
  it('the row carries only a link to its actions, which keeps the list filters as `back`', async () => {
    const { t, owner, key, bob } = await panel();
    const row = rowOf(await (await get(t, '/users?profile=reader', { cookie: owner.cookie })).text(), key.bob);
    expect(row).toContain(`<a href="/users/${bob.id}/actions?back=%2Fusers%3Fprofile%3Dreader" aria-label="Actions for Bob Builder">`);
    expect(row).not.toContain('<form');
  });

  it('with htmx: the open menu, each item a real link or form that returns to the list', async () => {
    const { t, owner, key, bob, carol } = await panel();
    const menu = await menuOf(t, owner.cookie, key.bob);
    expect(isPage(menu)).toBe(false);
    expect(menu).toMatch(/^<details class="menu" open="">/);
    expect(menu).toContain(`href="/users/${bob.id}/edit"`);
    expect(menu).toContain(`href="/users/${bob.id}/delete"`);
    const invitation = await menuOf(t, owner.cookie, key.carol);
    expect(invitation).toContain(`<form method="post" action="/invitations/${carol.id}/resend"`);
    expect(invitation).toContain(`<form method="post" action="/invitations/${carol.id}/link"`);
    expect(invitation).toContain(`href="/invitations/${carol.id}/revoke"`);
  });

  it('without JavaScript: a page with the same items, and the filters carried to each', async () => {
    const { t, owner, bob } = await panel();
    const res = await get(t, `/users/${bob.id}/actions?back=${encodeURIComponent('/users?profile=reader')}`, { cookie: owner.cookie });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(isPage(html)).toBe(true);
    expect(textOf(html)).toContain('Actions for Bob Builder');
    expect(html).toContain(`href="/users/${bob.id}/edit?back=%2Fusers%3Fprofile%3Dreader"`);
    expect(html).toContain(`href="/users/${bob.id}/delete?back=%2Fusers%3Fprofile%3Dreader"`);
  });

  it('a row that left the list: 404', async () => {
    const { t, owner } = await panel();
    expect((await get(t, '/users/999/actions', { cookie: owner.cookie })).status).toBe(404);
  });
});

describe('the group filter: a field, not a list of every group', () => {
  it('offers no <select> of groups; a group name filters by that group, case-insensitively', async () => {
    const { t, owner, key } = await panel();
    const html = await (await get(t, '/users', { cookie: owner.cookie })).text();
    expect(html).not.toContain('<select id="f-group"');
    expect(html).toContain('name="group_name"');
    expect(await listed(t, owner.cookie, '?group_name=analysts')).toEqual([key.ada, key.carol]);
  });

  it('the group id from a link still works, and the field shows its name', async () => {
    const { t, owner, key, analysts } = await panel();
    const res = await get(t, `/users?group=${analysts}`, { cookie: owner.cookie });
    const html = await res.text();
    expect(html).toContain('name="group_name" value="Analysts"');
    expect(await listed(t, owner.cookie, `?group=${analysts}`)).toEqual([key.ada, key.carol]);
  });

  it('part of a name that matches one group filters by it; several: nobody listed, the groups offered as links', async () => {
    const { t, owner, key } = await panel();
    expect(await listed(t, owner.cookie, '?group_name=naly')).toEqual([key.ada, key.carol]);
    const a = await makeGroup(t, 'Analytics Leads');
    const html = await (await get(t, '/users?group_name=anal', { cookie: owner.cookie })).text();
    expect(await listed(t, owner.cookie, '?group_name=anal')).toEqual([]);
    expect(textOf(html)).toContain('No group has exactly that name. Pick one: Analysts Analytics Leads');
    expect(html).toContain(`href="/users?group=${a}"`);
    expect(textOf(await (await get(t, '/users?group_name=zzz', { cookie: owner.cookie })).text())).toContain('No group\'s name contains “zzz”.');
  });

  it('with htmx, suggestions come as the datalist options', async () => {
    const { t, owner } = await panel();
    await makeGroup(t, 'Analytics Leads');
    const res = await get(t, '/users/group-options?group_name=ANAL', { cookie: owner.cookie, htmx: true });
    expect(await res.text()).toBe('<option value="Analysts"></option><option value="Analytics Leads"></option>');
  });
});
