// Accepting an invitation from its link, through app.request().
import { describe, expect, it } from 'vitest';
import { addUser, cookieFrom, get, post } from '../support/app.js';
import { snapshot } from '../support/db-snapshot.js';
import { field } from '../support/html.js';
import { actor, adminsGroupId, DAY, emailedLink, groupIdsOf, inviteOne, pathOf, textOf } from '../support/invitations.js';
import { panel } from '../support/users-panel.js';

describe('accepting an invitation from its link', () => {
  async function invitedNina(env: Record<string, string> = {}) {
    const p = await panel(env);
    await inviteOne(p.t, await actor(p.t, p.owner.id), 'Nina@Example.com', { profile: 'explorer', groupIds: [p.analysts] });
    const link = await emailedLink(p.t, 'Nina@Example.com');
    return { ...p, link, path: pathOf(link) };
  }

  it.each([
    '/invite/nonsense',
    '/invite/abcdefghij.0123456789abcdef0123',
    '/invite/' + 'a'.repeat(26) + '.' + 'b'.repeat(40),
  ])('GET %s: 410, says the link is not valid', async (path) => {
    const { t } = await panel();
    const res = await get(t, path);
    expect(res.status).toBe(410);
    const html = await res.text();
    expect(textOf(html)).toContain('This invitation link is not valid');
    expect(html).not.toContain('<form method="post"');
  });

  it('GET: shows the space and the invited address, not editable, and asks for a name and a password', async () => {
    const { t, path } = await invitedNina();
    const res = await get(t, path);
    expect(res.status).toBe(200);
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    const html = await res.text();
    expect(textOf(html)).toContain('Join Acme Analytics');
    expect(textOf(html)).toContain('Olivia Owner invited you as an explorer');
    expect(field(html, 'email').value).toBe('Nina@Example.com');
    const emailInput = /<input[^>]*name="email"[^>]*>/.exec(html)![0];
    expect(emailInput).toMatch(/\sreadonly/);
    expect(field(html, 'displayName').value).toBe('');
    expect(html).toMatch(/<input[^>]*name="password"[^>]*type="password"/);
  });

  it.each([
    { what: 'a short password', form: { displayName: 'Nina New', password: 'short' }, field: 'password', message: 'Use at least 8 characters.' },
    { what: 'no name', form: { displayName: '  ', password: 'a long enough password' }, field: 'displayName', message: 'Enter a name.' },
  ])('POST with $what: 422, the typed name kept, the message next to the field, nothing written', async ({ form, field: name, message }) => {
    const { t, path } = await invitedNina();
    const before = await snapshot(t.db);
    const res = await post(t, path, form);
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(field(html, 'displayName').value).toBe(form.displayName);
    expect(field(html, name).error).toBe(message);
    expect(field(html, 'password').value).toBe('');
    expect(cookieFrom(res)).toBeNull();
    expect(await snapshot(t.db)).toEqual(before);
  });

  it("POST: creates the user with the invitation's address, profile and groups, whatever the form says, and signs them in", async () => {
    const { t, path, analysts } = await invitedNina();
    const admins = await adminsGroupId(t);
    const res = await post(t, path, {
      displayName: 'Nina New',
      password: 'a long enough password',
      email: 'other@example.com',
      profile: 'designer',
      groups: [String(admins)],
    });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/');
    const cookie = cookieFrom(res)!;
    expect(cookie).toBeTruthy();
    const user = await t.db.selectFrom('users').selectAll().where('email_key', '=', 'nina@example.com').executeTakeFirstOrThrow();
    expect(user).toMatchObject({ email: 'Nina@Example.com', display_name: 'Nina New', profile: 'explorer' });
    expect(await groupIdsOf(t, user.id)).toEqual([analysts]);
    expect(await t.db.selectFrom('users').select('id').where('email_key', '=', 'other@example.com').execute()).toEqual([]);
    const home = await get(t, '/', { cookie });
    expect(home.status).toBe(200);
    expect(await home.text()).toContain('Nina New');
  });

  it('POST a second time: 410, the link was used', async () => {
    const { t, path } = await invitedNina();
    await post(t, path, { displayName: 'Nina New', password: 'a long enough password' });
    const again = await post(t, path, { displayName: 'Someone', password: 'another long password' });
    expect(again.status).toBe(410);
    const text = textOf(await again.text());
    expect(text).toContain('This invitation has already been used');
    expect(text).toContain('ask Olivia Owner or another space administrator for help'); // the name as written
    expect(await t.db.selectFrom('users').select('id').where('email_key', '=', 'nina@example.com').execute()).toHaveLength(1);
  });

  it('an expired link: 410 on GET and POST, naming whom to ask', async () => {
    const { t, path } = await invitedNina({ INVITE_TTL: '1d' });
    t.clock.advance(DAY);
    for (const res of [await get(t, path), await post(t, path, { displayName: 'Nina', password: 'a long enough password' })]) {
      expect(res.status).toBe(410);
      expect(textOf(await res.text())).toContain('This invitation has expired Ask Olivia Owner or another space administrator to send you a new one.');
    }
  });

  it('no seat free any more: 409, says so, the invitation stays pending and works later', async () => {
    const { t, path } = await invitedNina({ SEATS: 'designer:5,explorer:2,reader:50' });
    const squatter = await addUser(t, { email: 'squatter@example.com', profile: 'explorer' });
    const res = await post(t, path, { displayName: 'Nina', password: 'a long enough password' });
    expect(res.status).toBe(409);
    expect(textOf(await res.text())).toContain('No seat is free right now');
    expect(cookieFrom(res)).toBeNull();
    expect((await t.db.selectFrom('invitations').select('status').where('email_key', '=', 'nina@example.com').executeTakeFirstOrThrow()).status).toBe('pending');
    await t.db.deleteFrom('users').where('id', '=', squatter.id).execute();
    expect((await post(t, path, { displayName: 'Nina', password: 'a long enough password' })).status).toBe(303);
  });

  it('an address that has an account meanwhile: 410, without saying whose account exists', async () => {
    const { t, path } = await invitedNina();
    await addUser(t, { email: 'nina@example.com' });
    const res = await post(t, path, { displayName: 'Nina', password: 'a long enough password' });
    expect(res.status).toBe(410);
    const text = textOf(await res.text());
    expect(text).toContain('This invitation can no longer be used');
    expect(text).not.toMatch(/account|exists|nina@example\.com/i);
  });
});
