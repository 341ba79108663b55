// A group's Members page, read in two statements, against a plain reference: the group's members who are
// not deactivated, by name key, then address key, then id (compared byte-wise, as both engines compare
// the keys), fifty a page. Whichever way a page is found (walking the users by name and probing the
// membership, or reading the group and sorting it), it must be exactly the reference's.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/connect.js';
import { readGroupMembersPage } from '../../src/db/queries/group-member-page.js';
import { addMember, grantPermissions, insertGroup, type GroupMember } from '../../src/db/queries/groups.js';
import { insertSpace } from '../../src/db/queries/space.js';
import { insertUser, setDeactivatedAt } from '../../src/db/queries/users.js';
import type { Profile } from '../../src/domain/profiles.js';
import { openTestDb } from '../support/db.js';

const NOW = Date.UTC(2026, 11, 4, 12, 0, 0);
const PAGE_SIZE = 50;
const PROFILES: Profile[] = ['designer', 'explorer', 'reader'];
// Few names, so many members share one (and its key); two differ only in case and accent.
const NAMES = ['Anna Smith', 'anna smith', 'Émile Dupont', 'Zoë Weiß', 'Ben Lee', 'Σοφία Nowak', 'Grace Brown'];

interface Seeded {
  ownerId: number;
  /** Most of the space: found by walking the users by name. */
  big: number;
  /** A few members: found by reading the group and sorting it. */
  small: number;
  /** Every member deactivated. */
  asleep: number;
  empty: number;
}

async function seed(db: Db): Promise<Seeded> {
  return db.transaction().execute(async (trx) => {
    const ids: number[] = [];
    for (let i = 0; i < 300; i++) {
      const email = `${i % 3 === 0 ? 'A' : 'a'}ser${(i * 37) % 300}@example.com`;
      ids.push(await insertUser(trx, { email, displayName: NAMES[i % NAMES.length]!, passwordHash: 'x', profile: PROFILES[i % 3]!, createdAt: NOW }));
    }
    await insertSpace(trx, { name: 'Space', ownerId: ids[4]!, createdAt: NOW });
    const group = (name: string) => insertGroup(trx, { name, description: `${name} people`, origin: 'admin', createdAt: NOW });
    const big = await group('Big');
    const small = await group('Small');
    const asleep = await group('Asleep');
    const empty = await group('Empty');
    await grantPermissions(trx, big, ['manage_code_envs', 'create_projects', 'space_admin']);
    for (const [n, id] of ids.entries()) if (n % 5 !== 0) await addMember(trx, big, id, NOW);
    for (const n of [4, 7, 10, 150, 299]) await addMember(trx, small, ids[n]!, NOW);
    for (const n of [3, 10, 17]) await addMember(trx, asleep, ids[n]!, NOW);
    // Every seventh member deactivated: some of Big, one of Small, all of Asleep.
    for (let n = 3; n < ids.length; n += 7) await setDeactivatedAt(trx, ids[n]!, NOW);
    return { ownerId: ids[4]!, big, small, asleep, empty };
  });
}

/** Every active member of the group, in the page's order, from plain SELECTs. */
async function reference(db: Db, groupId: number): Promise<GroupMember[]> {
  const members = new Set((await db.selectFrom('group_members').select('user_id').where('group_id', '=', groupId).execute()).map((m) => m.user_id));
  const users = await db.selectFrom('users').select(['id', 'email', 'display_name', 'profile', 'name_key', 'email_key', 'deactivated_at']).execute();
  const bytes = (a: string, b: string) => Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
  return users
    .filter((u) => members.has(u.id) && u.deactivated_at === null)
    .sort((a, b) => bytes(a.name_key, b.name_key) || bytes(a.email_key, b.email_key) || a.id - b.id)
    .map((u) => ({ id: u.id, email: u.email, displayName: u.display_name, profile: u.profile }));
}

let db: Db;
let s: Seeded;
beforeAll(async () => {
  db = await openTestDb();
  s = await seed(db);
});

describe("a group's Members page", () => {
  it.each([
    ['Big', (x: Seeded) => x.big],
    ['Small', (x: Seeded) => x.small],
  ])('%s: every page holds the next fifty active members, by name, then address, then id', async (_, groupOf) => {
    const groupId = groupOf(s);
    const all = await reference(db, groupId);
    const pages = Math.ceil(all.length / PAGE_SIZE);
    for (let page = 1; page <= pages; page++) {
      const read = await readGroupMembersPage(db, { groupId, page, pageSize: PAGE_SIZE });
      expect(read?.members).toEqual(all.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE));
      expect(read?.head.activeMembers).toBe(all.length);
    }
  });

  it('counts only the active members, and the group itself counts them all', async () => {
    const big = await readGroupMembersPage(db, { groupId: s.big, page: 1, pageSize: PAGE_SIZE });
    expect(big?.head.group.memberCount).toBe(240);
    expect(big?.head.activeMembers).toBe((await reference(db, s.big)).length);
    expect(big?.head.activeMembers).toBeLessThan(240);
    const asleep = await readGroupMembersPage(db, { groupId: s.asleep, page: 1, pageSize: PAGE_SIZE });
    expect(asleep).toMatchObject({ head: { activeMembers: 0, group: { memberCount: 3 } }, members: [] });
  });

  it('a page past the end has no member, and still the group and its count', async () => {
    const read = await readGroupMembersPage(db, { groupId: s.big, page: 40, pageSize: PAGE_SIZE });
    expect(read?.members).toEqual([]);
    expect(read?.head.activeMembers).toBe((await reference(db, s.big)).length);
  });

  it('says what the page shows of the group: its permissions by name, and who owns the space', async () => {
    const read = await readGroupMembersPage(db, { groupId: s.big, page: 1, pageSize: PAGE_SIZE });
    expect(read?.head.group).toEqual({
      id: s.big,
      name: 'Big',
      description: 'Big people',
      origin: 'admin',
      memberCount: 240,
      permissions: ['create_projects', 'manage_code_envs', 'space_admin'],
    });
    expect(read?.head.ownerId).toBe(s.ownerId);
    const empty = await readGroupMembersPage(db, { groupId: s.empty, page: 1, pageSize: PAGE_SIZE });
    expect(empty).toMatchObject({ head: { activeMembers: 0, group: { name: 'Empty', permissions: [] } }, members: [] });
  });

  it('a group that does not exist: nothing', async () => {
    expect(await readGroupMembersPage(db, { groupId: 9999, page: 1, pageSize: PAGE_SIZE })).toBeNull();
  });
});
