// Signed-in answers and pages that show a token carry Cache-Control: no-store.
import { describe, expect, it } from 'vitest';
import { get, makeApp, post, withSpace, type TestApp } from '../support/app.js';
import { emailedLink, inviteOne, spaceWithOwner, tokenOf } from '../support/invitations.js';

const noStore = (res: Response) => expect(res.headers.get('cache-control'), `${res.status} ${res.url}`).toMatch(/\bno-store\b/);

describe('signed-in requests', () => {
  it.each(['/', '/users', '/users?tab=groups', '/account', '/audit', '/no-such-page'])('GET %s', async (path) => {
    const t = await makeApp();
    const owner = await withSpace(t);
    noStore(await get(t, path, { cookie: owner.cookie }));
  });

  it('the Copy-invite-link dialog (page and htmx fragment), which holds a live invitation link', async () => {
    const t = await makeApp();
    const { owner, admin } = await spaceWithOwner(t);
    const invitation = await inviteOne(t, admin, 'new@example.com');
    for (const htmx of [false, true]) {
      const res = await post(t, `/invitations/${invitation.id}/link`, {}, { cookie: owner.cookie, htmx });
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('/invite/');
      noStore(res);
    }
  });

  it('the redirect after a signed-in POST', async () => {
    const t = await makeApp();
    const owner = await withSpace(t);
    noStore(await post(t, '/account/name', { displayName: 'Olivia' }, { cookie: owner.cookie }));
  });
});

describe('pages that show a token, signed out', () => {
  it('the setup page', async () => {
    const t = await makeApp();
    const res = await get(t, `/setup?token=${t.setupToken}`);
    expect(res.status).toBe(200);
    noStore(res);
  });

  it('the accept-invitation page', async () => {
    const t = await makeApp();
    const { admin } = await spaceWithOwner(t);
    await inviteOne(t, admin, 'new@example.com');
    const res = await get(t, `/invite/${encodeURIComponent(tokenOf(await emailedLink(t, 'new@example.com')))}`);
    expect(res.status).toBe(200);
    noStore(res);
  });

  it('the reset-password page', async () => {
    const t = await makeApp();
    await withSpace(t);
    await post(t, '/forgot-password', { email: 'owner@example.com' });
    await t.worker.runOnce();
    const link = /https?:\/\/\S*\/reset-password\/\S+/.exec(t.mailer.sent.pop()!.text)![0];
    const res = await get(t, new URL(link).pathname);
    expect(res.status).toBe(200);
    noStore(res);
  });
});

describe('static files keep their own caching', () => {
  it('the pinned htmx build stays immutable even for a signed-in browser', async () => {
    const t: TestApp = await makeApp();
    const owner = await withSpace(t);
    const res = await get(t, '/static/htmx-4.0.1.min.js', { cookie: owner.cookie });
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  });
});
