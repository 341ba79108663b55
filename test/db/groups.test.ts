// The Groups tab's reads: a page of groups by name with the count of those matching, and one group, each
// with its permissions by name (one statement each).
import { describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/connect.js';
import { addMember, findGroup, grantPermissions, insertGroup, listGroups } from '../../src/db/queries/groups.js';
import { insertUser } from '../../src/db/queries/users.js';
import { openTestDb } from '../support/db.js';

const NOW = Date.UTC(2026, 11, 4, 12, 0, 0);

/** Groups "Team 01" … "Team 12" (created out of order), and "Other"; the odd teams grant permissions. */
async function seed(db: Db) {
  const ids = new Map<string, number>();
  for (const n of [7, 3, 12, 1, 9, 5, 11, 2, 8, 4, 10, 6]) {
    const name = `Team ${String(n).padStart(2, '0')}`;
    const id = await insertGroup(db, { name, description: `The ${n}`, origin: 'admin', createdAt: NOW });
    if (n % 2 === 1) await grantPermissions(db, id, ['space_admin', 'create_projects', 'manage_code_envs'].slice(0, 1 + (n % 3)));
    ids.set(name, id);
  }
  ids.set('Other', await insertGroup(db, { name: 'Other', description: '', origin: 'space', createdAt: NOW }));
  const ada = await insertUser(db, { email: 'ada@example.com', displayName: 'Ada', passwordHash: 'x', profile: 'reader', createdAt: NOW });
  await addMember(db, ids.get('Team 05')!, ada, NOW);
  return ids;
}

const names = (r: { groups: Array<{ name: string }> }) => r.groups.map((g) => g.name);

describe('listGroups', () => {
  it('pages the groups by name, each with its member count and permissions by name, and counts them all', async () => {
    const db = await openTestDb();
    await seed(db);
    const first = await listGroups(db, { page: 1, pageSize: 5 });
    expect(first.total).toBe(13);
    expect(names(first)).toEqual(['Other', 'Team 01', 'Team 02', 'Team 03', 'Team 04']);
    expect(first.groups[1]).toMatchObject({ description: 'The 1', origin: 'admin', memberCount: 0, permissions: ['create_projects', 'space_admin'] });
    expect(first.groups[2]!.permissions).toEqual([]);
    const third = await listGroups(db, { page: 3, pageSize: 5 });
    expect(third).toMatchObject({ total: 13 });
    expect(names(third)).toEqual(['Team 10', 'Team 11', 'Team 12']);
    const five = (await listGroups(db, { search: '05', page: 1, pageSize: 5 })).groups[0];
    expect(five).toMatchObject({ name: 'Team 05', memberCount: 1, permissions: ['create_projects', 'manage_code_envs', 'space_admin'] });
  });

  it('finds groups by a part of the name in any case, and counts only those', async () => {
    const db = await openTestDb();
    await seed(db);
    const found = await listGroups(db, { search: 'TEAM 1', page: 1, pageSize: 5 });
    expect(found).toMatchObject({ total: 3 });
    expect(names(found)).toEqual(['Team 10', 'Team 11', 'Team 12']);
  });

  it('a search that matches nothing: no group, a count of 0', async () => {
    const db = await openTestDb();
    await seed(db);
    expect(await listGroups(db, { search: 'nobody', page: 1, pageSize: 5 })).toEqual({ total: 0, groups: [] });
    expect(await listGroups(db, { search: 'nobody', page: 2, pageSize: 5 })).toEqual({ total: 0, groups: [] });
  });

  it('a page past the end: no group, and still the count', async () => {
    const db = await openTestDb();
    await seed(db);
    expect(await listGroups(db, { page: 4, pageSize: 5 })).toEqual({ total: 13, groups: [] });
    expect(await listGroups(db, { search: 'team', page: 9, pageSize: 5 })).toEqual({ total: 12, groups: [] });
  });
});

describe('findGroup', () => {
  it('one group with its permissions by name, whatever order they were granted in', async () => {
    const db = await openTestDb();
    const ids = await seed(db);
    expect(await findGroup(db, ids.get('Team 05')!)).toEqual({
      id: ids.get('Team 05'),
      name: 'Team 05',
      description: 'The 5',
      origin: 'admin',
      memberCount: 1,
      permissions: ['create_projects', 'manage_code_envs', 'space_admin'],
    });
    expect(await findGroup(db, ids.get('Other')!)).toMatchObject({ name: 'Other', origin: 'space', permissions: [] });
    expect(await findGroup(db, 9999)).toBeNull();
  });
});
