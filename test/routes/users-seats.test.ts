// Issue 11 item 1: the seat cards say what is used, reserved and free, and the profile choices of
// Invite a User and Edit User say how many seats are free, marking a full profile.
import { describe, expect, it } from 'vitest';
import { addUser, get, makeApp, post, withSpace } from '../support/app.js';
import { actor, inviteOne, textOf } from '../support/invitations.js';

/** The case: 3 designer members and 2 pending designer invitations, out of 5 designer seats. */
async function fullDesigners() {
  const t = await makeApp({ SEATS: 'designer:5,explorer:10,reader:unlimited' });
  const owner = await withSpace(t); // a designer
  await addUser(t, { email: 'd1@example.com', name: 'Dee One', profile: 'designer' });
  await addUser(t, { email: 'd2@example.com', name: 'Dee Two', profile: 'designer' });
  const bob = await addUser(t, { email: 'bob@example.com', name: 'Bob Builder', profile: 'reader' });
  const by = await actor(t, owner.id);
  for (const e of ['i1@example.com', 'i2@example.com']) await inviteOne(t, by, e, { profile: 'designer' });
  return { t, owner, bob };
}

const seatCard = (html: string, label: string) => {
  const m = new RegExp(`<li class="seat-card[^"]*"><span class="seat-profile">${label}</span>[\\s\\S]*?</li>`).exec(html);
  if (!m) throw new Error(`no seat card ${label}`);
  return m[0];
};

const option = (html: string, name: string, value: string) => {
  const select = new RegExp(`<select id="${name}"[\\s\\S]*?</select>`).exec(html)![0];
  return new RegExp(`<option value="${value}"[^>]*>([^<]*)</option>`).exec(select)!;
};

describe('seat cards', () => {
  it('read "3 members · 2 invited · 0 free of 5", and the bar shows both parts', async () => {
    const { t, owner } = await fullDesigners();
    const html = await (await get(t, '/users', { cookie: owner.cookie })).text();
    const card = seatCard(html, 'Designer');
    expect(textOf(card)).toContain('3 members · 2 invited · 0 free of 5');
    expect(card).toContain('class="seat-card full"');
    expect(card).toContain('<rect class="seat-bar-used" width="60.0"');
    expect(card).toContain('<rect class="seat-bar-invited" x="60.0" width="40.0"');
    expect(textOf(seatCard(html, 'Explorer'))).toContain('0 members · 0 invited · 10 free of 10');
    expect(textOf(seatCard(html, 'Reader'))).toContain('1 member · 0 invited · no limit');
  });
});

describe('profile choices say what is free', () => {
  it('Invite a User: each profile with its free seats, the full one marked', async () => {
    const { t, owner } = await fullDesigners();
    const html = await (await get(t, '/users/invite', { cookie: owner.cookie, htmx: true })).text();
    const designer = option(html, 'f-profile-invite', 'designer');
    expect(designer[1]).toBe('Designer (full: no seat free)');
    expect(designer[0]).toContain('class="full"');
    expect(option(html, 'f-profile-invite', 'explorer')[1]).toBe('Explorer (10 free)');
    expect(option(html, 'f-profile-invite', 'reader')[1]).toBe('Reader (no limit)');
  });

  it('Invite a User: a full profile is still refused, and the form says so again', async () => {
    const { t, owner } = await fullDesigners();
    const res = await post(t, '/users/invite', { emails: 'new@example.com', profile: 'designer' }, { cookie: owner.cookie, htmx: true });
    expect(res.status).toBe(409);
    expect(option(await res.text(), 'f-profile-invite', 'designer')[1]).toBe('Designer (full: no seat free)');
  });

  it("Edit User: free seats of the other profiles, the member's own marked current", async () => {
    const { t, owner, bob } = await fullDesigners();
    const html = await (await get(t, `/users/${bob.id}/edit`, { cookie: owner.cookie, htmx: true })).text();
    expect(option(html, 'f-profile-edit', 'designer')[1]).toBe('Designer (full: no seat free)');
    expect(option(html, 'f-profile-edit', 'explorer')[1]).toBe('Explorer (10 free)');
    expect(option(html, 'f-profile-edit', 'reader')[1]).toBe('Reader (current)');
    const refused = await post(t, `/users/${bob.id}`, { displayName: 'Bob Builder', profile: 'designer' }, { cookie: owner.cookie, htmx: true });
    expect(refused.status).toBe(409);
  });
});
