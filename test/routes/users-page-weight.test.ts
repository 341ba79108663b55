// Issue 12: the Users page stays light. 50 rows (40 members, 10 invitations, each in a few groups) in a
// space of 500 groups must come to at most 30 KB of HTML, and still carry every action.
import { describe, expect, it } from 'vitest';
import { addMember } from '../../src/db/queries/groups.js';
import { insertUser } from '../../src/db/queries/users.js';
import { get, makeApp, withSpace } from '../support/app.js';
import { actor, inviteOne, makeGroup } from '../support/invitations.js';

async function fiftyRows() {
  const t = await makeApp({ SEATS: 'designer:100,explorer:100,reader:unlimited' });
  const owner = await withSpace(t);
  const groups: number[] = [];
  for (let i = 0; i < 500; i++) groups.push(await makeGroup(t, `Team ${String(i).padStart(3, '0')} analytics`));
  for (let i = 0; i < 40; i++) {
    const id = await insertUser(t.db, {
      email: `person.${i}@example.com`,
      displayName: `Person Number ${i}`,
      passwordHash: 'x',
      profile: i % 3 === 0 ? 'designer' : i % 3 === 1 ? 'explorer' : 'reader',
      createdAt: t.deps.now(),
    });
    for (const g of [groups[i]!, groups[i + 100]!]) await addMember(t.db, g, id, t.deps.now());
  }
  const by = await actor(t, owner.id);
  for (let i = 0; i < 10; i++) await inviteOne(t, by, `guest.${i}@example.com`, { groupIds: [groups[i]!, groups[i + 200]!] });
  return { t, owner };
}

describe('GET /users: page weight', () => {
  it('is at most 30 KB of HTML with 50 rows and 500 groups', async () => {
    const { t, owner } = await fiftyRows();
    const html = await (await get(t, '/users', { cookie: owner.cookie })).text();
    expect(html.match(/<tr id="row-/g)).toHaveLength(50);
    const bytes = Buffer.byteLength(html);
    console.log(`Users page, 50 rows: ${bytes} bytes`);
    if (process.env.DUMP_PAGE) (await import("node:fs")).writeFileSync(process.env.DUMP_PAGE, html);
    expect(bytes).toBeLessThanOrEqual(30 * 1024);
  });
});
