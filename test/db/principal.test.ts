// What every request loads about its member, in one statement: the same as reading the member, their
// groups, the groups' grants and the space one at a time.
import { describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/connect.js';
import { addMember, groupsOfUser, insertGroup, permissionGrantsOfUser, setGroupPermissions } from '../../src/db/queries/groups.js';
import { findSessionWithGrants, findUserWithGrants } from '../../src/db/queries/principal.js';
import { findSession, insertSession } from '../../src/db/queries/sessions.js';
import { findSpace, insertSpace } from '../../src/db/queries/space.js';
import { deleteUser, findUserById, insertUser } from '../../src/db/queries/users.js';
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

describe('findSessionWithGrants', () => {
  it('reads the session as findSession does, and its member as findUserWithGrants does, in one statement', async () => {
    const db = await openTestDb();
    const member = await insertUser(db, { email: 'm@example.com', displayName: 'M', passwordHash: 'x', profile: 'designer', createdAt: NOW });
    const admins = await insertGroup(db, { name: 'space_administrators', description: '', origin: 'space', createdAt: NOW });
    await setGroupPermissions(db, admins, ['space_admin']);
    await addMember(db, admins, member, NOW);
    await insertSpace(db, { name: 'Northwind', ownerId: member, createdAt: NOW });
    const record = { id: 'sessionid0000000000000000', secretHash: new Uint8Array([1, 2, 3]), userId: member, createdAt: NOW, lastVerifiedAt: NOW + 5 };
    await insertSession(db, record);

    const found = await findSessionWithGrants(db, record.id);
    expect(found).toEqual({ session: await findSession(db, record.id), grants: await findUserWithGrants(db, member) });
    expect(found!.session).toEqual(record);
    expect(found!.grants.grants).toEqual([{ permission: 'space_admin', groupName: 'space_administrators' }]);
  });

  it('finds nothing for an unknown id, nor once the member is deleted (their sessions go with them)', async () => {
    const db = await openTestDb();
    const member = await insertUser(db, { email: 'gone@example.com', displayName: 'Gone', passwordHash: 'x', profile: 'reader', createdAt: NOW });
    await insertSession(db, { id: 'sessionid1111111111111111', secretHash: new Uint8Array([9]), userId: member, createdAt: NOW, lastVerifiedAt: NOW });
    expect(await findSessionWithGrants(db, 'sessionid2222222222222222')).toBeNull();
    expect(await findSessionWithGrants(db, 'sessionid1111111111111111')).not.toBeNull();
    await deleteUser(db, member);
    expect(await findSessionWithGrants(db, 'sessionid1111111111111111')).toBeNull();
  });
});
