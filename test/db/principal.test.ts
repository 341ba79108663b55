// What every request loads about its member, in one statement: the same as reading the member, their
// groups, the groups' grants and the space one at a time.
import { describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/connect.js';
import { addMember, groupsOfUser, insertGroup, permissionGrantsOfUser, setGroupPermissions } from '../../src/db/queries/groups.js';
import { findUserWithGrants } from '../../src/db/queries/principal.js';
import { findSpace, insertSpace } from '../../src/db/queries/space.js';
import { findUserById, insertUser } from '../../src/db/queries/users.js';
import { openTestDb } from '../support/db.js';

const NOW = Date.UTC(2026, 11, 4);

async function separately(db: Db, userId: number) {
  const user = await findUserById(db, userId);
  if (!user) return null;
  const grants = await permissionGrantsOfUser(db, userId);
  const byName = (a: { permission: string; groupName: string }, b: typeof a) => (a.groupName + a.permission < b.groupName + b.permission ? -1 : 1);
  return { user, groups: await groupsOfUser(db, userId), grants: grants.sort(byName), space: await findSpace(db) };
}

async function together(db: Db, userId: number) {
  const found = await findUserWithGrants(db, userId);
  const byName = (a: { permission: string; groupName: string }, b: typeof a) => (a.groupName + a.permission < b.groupName + b.permission ? -1 : 1);
  return found && { ...found, grants: [...found.grants].sort(byName) };
}

describe('findUserWithGrants', () => {
  it('reads what the member, groupsOfUser, permissionGrantsOfUser and findSpace read, before and after the space exists', async () => {
    const db = await openTestDb();
    const user = (email: string) => insertUser(db, { email, displayName: email, passwordHash: 'x', profile: 'reader', createdAt: NOW });
    const group = (name: string) => insertGroup(db, { name, description: '', origin: 'admin', createdAt: NOW });
    const alone = await user('alone@example.com');
    const member = await user('member@example.com');
    const [zeta, alpha, empty] = [await group('Zeta'), await group('alpha'), await group('Empty')];
    await setGroupPermissions(db, zeta, ['manage_code_envs', 'space_admin']);
    await setGroupPermissions(db, alpha, ['manage_code_envs']);
    for (const g of [zeta, alpha, empty]) await addMember(db, g, member, NOW);

    for (const id of [alone, member, 999]) expect(await together(db, id)).toEqual(await separately(db, id));
    expect((await together(db, member))!.space).toBeNull();

    await insertSpace(db, { name: 'Northwind', ownerId: member, createdAt: NOW });
    for (const id of [alone, member, 999]) expect(await together(db, id)).toEqual(await separately(db, id));
    expect(await together(db, member)).toMatchObject({
      groups: [{ id: alpha, name: 'alpha' }, { id: empty, name: 'Empty' }, { id: zeta, name: 'Zeta' }],
      space: { name: 'Northwind', ownerId: member },
    });
    expect((await together(db, member))!.grants).toHaveLength(3);
  });
});
