// Sessions: My account lists one's own (browser from the User-Agent stored at sign-in, address, last seen)
// and ends the others; in Edit User a Space Admin sends a password reset email or signs a member out
// everywhere. All plain forms: the same with JavaScript on or off.
import { describe, expect, it } from 'vitest';
import { listAuditEvents } from '../../src/db/queries/audit.js';
import { describeUserAgent } from '../../src/services/sessions.js';
import { addUser, cookieFrom, get, makeApp, PASSWORD, post, type TestApp } from '../support/app.js';
import { spaceWithOwner, textOf } from '../support/invitations.js';

const FIREFOX = 'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0';
const SAFARI = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';

async function signInAs(t: TestApp, email: string, userAgent: string): Promise<string> {
  const res = await post(t, '/login', { email, password: PASSWORD }, { headers: { 'user-agent': userAgent } });
  expect(res.status).toBe(303);
  return cookieFrom(res)!;
}

const sessionsOf = (t: TestApp, userId: number) => t.db.selectFrom('sessions').select(['id', 'user_agent']).where('user_id', '=', userId).execute();

describe('a browser, as My account names it', () => {
  it.each([
    [FIREFOX, 'Firefox 133 on Linux'],
    [SAFARI, 'Safari 17 on iOS'],
    [null, 'Unknown browser'],
    ['', 'Unknown browser'],
  ])('%s → %s', (ua, label) => expect(describeUserAgent(ua)).toBe(label));
});

describe('My account: sessions', () => {
  it("stores the browser at sign-in and lists one's sessions, this one first", async () => {
    const t = await makeApp();
    await spaceWithOwner(t);
    const ada = await addUser(t, { email: 'ada@example.com' });
    const laptop = await signInAs(t, 'ada@example.com', FIREFOX);
    t.clock.advance(60_000);
    await signInAs(t, 'ada@example.com', SAFARI);
    expect((await sessionsOf(t, ada.id)).map((s) => s.user_agent).filter(Boolean).sort()).toEqual([FIREFOX, SAFARI]);
    const html = await (await get(t, '/account', { cookie: laptop })).text();
    const text = textOf(html);
    expect(text).toContain('Firefox 133 on Linux');
    expect(text).toContain('Safari 17 on iOS');
    expect(html.indexOf('data-session="current"')).toBeLessThan(html.indexOf('data-session="other"'));
  });

  it('ends another session (audited), but never the current one through that form', async () => {
    const t = await makeApp();
    await spaceWithOwner(t);
    const ada = await addUser(t, { email: 'ada@example.com' });
    const laptop = await signInAs(t, 'ada@example.com', FIREFOX);
    const phone = await signInAs(t, 'ada@example.com', SAFARI);
    const phoneId = phone.split('=')[1]!.split('.')[0]!;
    const laptopId = laptop.split('=')[1]!.split('.')[0]!;
    const res = await post(t, `/account/sessions/${phoneId}/end`, {}, { cookie: laptop });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/account?notice=session_ended');
    expect((await get(t, '/account', { cookie: phone })).status, 'the phone is signed out').toBe(303);
    await post(t, `/account/sessions/${laptopId}/end`, {}, { cookie: laptop });
    expect((await get(t, '/account', { cookie: laptop })).status).toBe(200);
    expect(await listAuditEvents(t.db, { action: 'session.ended', limit: 5 })).toMatchObject([{ actorId: ada.id, details: { endedSessions: 1 } }]);
  });

  it("cannot end someone else's session", async () => {
    const t = await makeApp();
    await spaceWithOwner(t);
    const bob = await addUser(t, { email: 'bob@example.com' });
    await addUser(t, { email: 'ada@example.com' });
    const ada = await signInAs(t, 'ada@example.com', FIREFOX);
    const bobs = await sessionsOf(t, bob.id);
    await post(t, `/account/sessions/${bobs[0]!.id}/end`, {}, { cookie: ada });
    expect(await sessionsOf(t, bob.id)).toHaveLength(bobs.length);
  });

  it('"Sign out everywhere else" keeps only this browser', async () => {
    const t = await makeApp();
    await spaceWithOwner(t);
    const ada = await addUser(t, { email: 'ada@example.com' });
    const laptop = await signInAs(t, 'ada@example.com', FIREFOX);
    await signInAs(t, 'ada@example.com', SAFARI);
    await post(t, '/account/sessions/end-others', {}, { cookie: laptop });
    expect(await sessionsOf(t, ada.id)).toHaveLength(1);
    expect((await get(t, '/account', { cookie: laptop })).status).toBe(200);
  });
});

describe('Edit User: security actions', () => {
  it('offers both actions in Edit User', async () => {
    const t = await makeApp();
    const { owner } = await spaceWithOwner(t);
    const bob = await addUser(t, { email: 'bob@example.com' });
    for (const htmx of [false, true]) {
      const html = await (await get(t, `/users/${bob.id}/edit`, { cookie: owner.cookie, htmx })).text();
      expect(html).toContain(`action="/users/${bob.id}/password-reset"`);
      expect(html).toContain(`action="/users/${bob.id}/sign-out"`);
    }
  });

  it('"Sign out everywhere" ends every session of the member, audited', async () => {
    const t = await makeApp();
    const { owner } = await spaceWithOwner(t);
    const bob = await addUser(t, { email: 'bob@example.com' });
    await signInAs(t, 'bob@example.com', FIREFOX);
    const res = await post(t, `/users/${bob.id}/sign-out`, { back: '/users?q=bob' }, { cookie: owner.cookie });
    expect(res.headers.get('location')).toBe('/users?q=bob&notice=signed_out');
    expect(await sessionsOf(t, bob.id)).toEqual([]);
    expect((await get(t, '/', { cookie: bob.cookie })).status).toBe(303);
    expect(await listAuditEvents(t.db, { action: 'user.signed_out_everywhere', limit: 5 })).toMatchObject([{ actorId: owner.id, targetId: String(bob.id), details: { endedSessions: 2 } }]);
  });

  it('"Send a password reset email" queues the email (sent after commit), audited', async () => {
    const t = await makeApp();
    const { owner } = await spaceWithOwner(t);
    const bob = await addUser(t, { email: 'bob@example.com' });
    const res = await post(t, `/users/${bob.id}/password-reset`, {}, { cookie: owner.cookie });
    expect(res.headers.get('location')).toBe('/users?notice=reset_sent');
    await t.worker.runOnce();
    const mail = t.mailer.sent.find((m) => m.to === 'bob@example.com');
    expect(mail?.text).toMatch(/\/reset-password\/[a-z0-9]+\./);
    expect(await listAuditEvents(t.db, { action: 'password.reset_sent', limit: 5 })).toMatchObject([{ actorId: owner.id, targetId: String(bob.id) }]);
  });
});
