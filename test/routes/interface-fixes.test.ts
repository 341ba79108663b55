// Issue 11 item 13, the smaller interface fixes the server decides: sortable headers say so and show the
// order, a wrong password puts the focus on Password, and the accept page warns whom this browser is
// signed in as, with a way to sign out first that comes back to the invitation.
import { describe, expect, it } from 'vitest';
import { get, makeApp, post, sessionCookieFor, withSpace } from '../support/app.js';
import { invited, pathOf, textOf } from '../support/invitations.js';
import { panel } from '../support/users-panel.js';

const inputTag = (html: string, name: string) => new RegExp(`<input[^>]*name="${name}"[^>]*>`).exec(html)![0];

describe('sortable headers of the Users list', () => {
  it('each sortable header is marked ⇅; the current one shows its order and aria-sort', async () => {
    const { t, owner } = await panel();
    const html = await (await get(t, '/users?sort=email&dir=desc', { cookie: owner.cookie })).text();
    const headers = [...html.matchAll(/<th scope="col"[^>]*>([\s\S]*?)<\/th>/g)].map((m) => m[0]);
    const th = (label: string) => headers.find((h) => textOf(h).startsWith(label))!;
    expect(th('Email')).toContain('aria-sort="descending"');
    expect(textOf(th('Email'))).toBe('Email ▼');
    expect(th('Email')).toContain('title="Sort by email, ascending"');
    for (const label of ['Name', 'Profile', 'Last sign-in']) {
      expect(textOf(th(label))).toBe(`${label} ⇅`);
      expect(th(label)).not.toContain('aria-sort');
    }
    expect(th('Groups')).not.toContain('sort-link');
  });
});

describe('sign-in after a wrong password', () => {
  it('keeps the email and puts the focus on Password', async () => {
    const t = await makeApp();
    await withSpace(t);
    const first = await (await get(t, '/login')).text();
    expect(inputTag(first, 'email')).toContain('autofocus');
    const res = await post(t, '/login', { email: 'owner@example.com', password: 'not the password' });
    const html = await res.text();
    expect(inputTag(html, 'email')).toContain('value="owner@example.com"');
    expect(inputTag(html, 'email')).not.toContain('autofocus');
    expect(inputTag(html, 'password')).toContain('autofocus');
  });
});

describe('accepting an invitation while signed in', () => {
  it('warns "You are signed in as …" and offers to sign out first, which comes back to the invitation', async () => {
    const { t, owner, link } = await invited();
    const signedIn = await (await get(t, pathOf(link), { cookie: owner.cookie })).text();
    expect(textOf(signedIn)).toContain('You are signed in as Olivia Owner (owner@example.com). Accepting signs this browser in as Nina@Example.com instead.');
    expect(signedIn).toContain(`<input type="hidden" name="next" value="${pathOf(link)}"/>`);
    const out = await post(t, '/logout', { next: pathOf(link) }, { cookie: owner.cookie });
    expect(out.status).toBe(303);
    expect(out.headers.get('location')).toBe(pathOf(link));
    expect((await get(t, '/account', { cookie: owner.cookie })).status).toBe(303); // the session ended
    const anonymous = await (await get(t, pathOf(link))).text();
    expect(anonymous).not.toContain('You are signed in as');
    expect(anonymous).toContain('Accept the invitation');
  });

  it('sign-out goes nowhere else than an invitation or the sign-in page', async () => {
    const t = await makeApp();
    const owner = await withSpace(t);
    for (const next of ['//evil.example/x', 'https://evil.example/', '/users', '']) {
      const out = await post(t, '/logout', { next }, { cookie: await sessionCookieFor(t, owner.id) });
      expect(out.headers.get('location'), next).toBe('/login?notice=signed_out');
    }
  });
});
