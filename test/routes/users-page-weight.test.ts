// Issue 12: the Users page stays light. 50 rows (40 members, 10 invitations, each in three groups, names,
// addresses and group names as long as the benchmark's) in a space of 500 groups must come to at most
// 30 KB of HTML, and still carry every action.
import { describe, expect, it } from 'vitest';
import { addMember } from '../../src/db/queries/groups.js';
import { insertUser } from '../../src/db/queries/users.js';
import { get, makeApp, withSpace } from '../support/app.js';
import { actor, inviteOne, makeGroup } from '../support/invitations.js';

async function fiftyRows() {
  const t = await makeApp({ SEATS: 'designer:100,explorer:100,reader:unlimited' });
  const owner = await withSpace(t);
  const groups: number[] = [];
  for (let i = 0; i < 500; i++) groups.push(await makeGroup(t, `data-science-emea-readers-${i + 2}`));
  for (let i = 0; i < 40; i++) {
    const id = await insertUser(t.db, {
      email: `margaret.fitzgerald${10_000 + i}@northwind.example`,
      displayName: `Margaret Fitzgerald ${i}`,
      passwordHash: 'x',
      profile: i % 3 === 0 ? 'designer' : i % 3 === 1 ? 'explorer' : 'reader',
      createdAt: t.deps.now(),
    });
    if (i % 5 !== 0) await t.db.updateTable('users').set({ last_login_at: t.deps.now() - i * 3_600_000 }).where('id', '=', id).execute();
    for (const g of [groups[i]!, groups[i + 100]!, groups[i + 300]!]) await addMember(t.db, g, id, t.deps.now());
  }
  const by = await actor(t, owner.id);
  for (let i = 0; i < 10; i++) {
    await inviteOne(t, by, `guest.visitor${10_000 + i}@northwind.example`, { groupIds: [groups[i]!, groups[i + 200]!, groups[i + 400]!] });
  }
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
