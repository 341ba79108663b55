// The Overview's "You" card: the profile as a badge, and ownership as a fact beside it, never as a profile.
import { describe, expect, it } from 'vitest';
import { addUser, get, makeApp, withSpace } from '../support/app.js';
import { textOf } from '../support/invitations.js';

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
