// The Overview: the space's name; the "You" card, the profile as a badge and ownership as a fact beside
// it, never as a profile; and, for admins, the seats.
import { describe, expect, it } from 'vitest';
import { addUser, get, makeApp, withSpace } from '../support/app.js';
import { actor, inviteOne, textOf } from '../support/invitations.js';

const youCard = (html: string) => /<h2>You<\/h2>[\s\S]*?<\/dl>/.exec(html)![0];
const badges = (html: string) => [...html.matchAll(/<span class="badge[^"]*">([^<]*)<\/span>/g)].map((m) => m[1]);

describe('the Overview of who you are', () => {
  it('shows the owner their profile as the one badge, and the ownership as its own fact', async () => {
    const t = await makeApp();
    const owner = await withSpace(t);
    const card = youCard(await (await get(t, '/', { cookie: owner.cookie })).text());
    const profile = /<dt>Profile<\/dt>\s*<dd>([\s\S]*?)<\/dd>/.exec(card)![1]!;
    expect(badges(profile)).toEqual(['Designer']);
    expect(textOf(card)).toContain('Ownership Space owner');
  });

  it('says nothing of ownership to a member who does not own the space', async () => {
    const t = await makeApp();
    await withSpace(t);
    const ada = await addUser(t, { email: 'ada@example.com', profile: 'explorer' });
    const card = youCard(await (await get(t, '/', { cookie: ada.cookie })).text());
    expect(badges(card)).toEqual(['Explorer']);
    expect(card).not.toContain('Space owner');
    expect(card).not.toContain('Ownership');
  });
});

describe('the Overview of the space', () => {
  const heading = (html: string) => /<h1>([^<]*)<\/h1>/.exec(html)![1];
  const seats = (html: string) => /<ul class="seat-cards"[\s\S]*?<\/ul>/.exec(html)?.[0] ?? null;

  it("shows the space's name as it is at this request", async () => {
    const t = await makeApp();
    const owner = await withSpace(t);
    expect(heading(await (await get(t, '/', { cookie: owner.cookie })).text())).toBe('Acme Analytics');
    await t.db.updateTable('space').set({ name: 'Acme Research' }).execute();
    expect(heading(await (await get(t, '/', { cookie: owner.cookie })).text())).toBe('Acme Research');
  });

  it('shows an admin the seats of each profile: an invitation holds one until it expires', async () => {
    const t = await makeApp({ SEATS: 'designer:5,explorer:10,reader:unlimited' });
    const owner = await withSpace(t); // a designer
    await addUser(t, { email: 'ex@example.com', profile: 'explorer' });
    const by = await actor(t, owner.id);
    t.clock.advance(-8 * 86_400_000); // an invitation of 8 days ago: its 7 days are over
    await inviteOne(t, by, 'gone@example.com', { profile: 'designer' });
    t.clock.advance(8 * 86_400_000);
    await inviteOne(t, by, 'soon@example.com', { profile: 'designer' });
    const html = textOf(seats(await (await get(t, '/', { cookie: owner.cookie })).text())!);
    expect(html).toContain('Designer 1 member · 1 invited · 3 free of 5');
    expect(html).toContain('Explorer 1 member · 0 invited · 9 free of 10');
    expect(html).toContain('Reader 0 members · 0 invited · no limit');
  });

  it('shows no seats to a member who does not administer the space', async () => {
    const t = await makeApp();
    await withSpace(t);
    const ada = await addUser(t, { email: 'ada@example.com' });
    const html = await (await get(t, '/', { cookie: ada.cookie })).text();
    expect(heading(html)).toBe('Acme Analytics');
    expect(seats(html)).toBeNull();
  });
});
