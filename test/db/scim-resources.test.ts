// SCIM reads on a migrated database: pages by filter with their totals, groups with or without members,
// and the lookup Okta and Entra make before creating a user, as the ListResponse they receive.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../src/db/connect.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { addMember, insertGroup } from '../../src/db/queries/groups.js';
import { findScimGroup, findScimUser, listScimGroups, listScimUsers } from '../../src/db/queries/scim-resources.js';
import { insertUser } from '../../src/db/queries/users.js';
import { listResponse, pageWindow, readPage } from '../../src/domain/scim/list.js';
import { project } from '../../src/domain/scim/projection.js';
import { USER_SCHEMA } from '../../src/domain/scim/urns.js';
import { toScimUser } from '../../src/domain/scim/user.js';
import { parseUserFilter } from '../../src/scim/parse-filter.js';

const NOW = Date.UTC(2026, 11, 4, 12, 0, 0);
const CTX = { baseUrl: 'https://launchpad.example.com/scim/v2' };
let db: Db;
let ids: number[];
let groupId: number;

beforeAll(async () => {
  db = openDatabase(':memory:');
  await migrateToLatest(db);
  ids = [];
  for (let i = 1; i <= 12; i++) {
    ids.push(await insertUser(db, { email: `user${i}@okta.local`, displayName: `User ${i}`, passwordHash: 'x', profile: 'reader', createdAt: NOW }));
  }
  await db.updateTable('users').set({ deactivated_at: NOW + 5, external_id: '00ujl29u0le5T6Aj10h7' }).where('id', '=', ids[2]!).execute();
  groupId = await insertGroup(db, { name: 'Test SCIMv2', description: '', origin: 'admin', createdAt: NOW });
  await insertGroup(db, { name: 'Empty', description: '', origin: 'admin', createdAt: NOW });
  for (const id of [ids[0]!, ids[1]!]) await addMember(db, groupId, id, NOW);
});

afterAll(async () => {
  await db.destroy();
});

describe('listScimUsers', () => {
  it("answers Okta's lookup (filter=userName eq ..., startIndex=1, count=100) with one resource", async () => {
    const filter = parseUserFilter('userName eq "USER3@okta.local"');
    const page = readPage({ startIndex: '1', count: '100' });
    if (!filter.ok || !page.ok) throw new Error('setup');
    const { total, records } = await listScimUsers(db, filter.value, pageWindow(page.value));
    const body = listResponse(records.map((r) => toScimUser(r, CTX)), total, page.value);
    expect(body).toMatchObject({ totalResults: 1, startIndex: 1, itemsPerPage: 1 });
    expect(body.Resources[0]).toMatchObject({
      id: String(ids[2]),
      userName: 'user3@okta.local',
      active: false,
      externalId: '00ujl29u0le5T6Aj10h7',
      meta: { lastModified: new Date(NOW + 5).toISOString() },
    });
  });

  it('answers an unknown userName with an empty list (then the IdP creates the user)', async () => {
    const filter = parseUserFilter('userName eq "new.person@okta.local"');
    if (!filter.ok) throw new Error('setup');
    expect(await listScimUsers(db, filter.value, { offset: 0, limit: 100 })).toEqual({ total: 0, records: [] });
  });

  it('pages in id order, the total counting every match', async () => {
    const filter = parseUserFilter('active eq true');
    if (!filter.ok) throw new Error('setup');
    const { total, records } = await listScimUsers(db, filter.value, { offset: 5, limit: 5 });
    expect(total).toBe(11);
    expect(records.map((r) => r.id)).toEqual([ids[6], ids[7], ids[8], ids[9], ids[10]]);
  });

  it('with count=0 returns the total only; without a filter, everyone', async () => {
    expect(await listScimUsers(db, null, { offset: 0, limit: 0 })).toEqual({ total: 12, records: [] });
  });

  it('reads the attributes a client asked for', async () => {
    const record = await findScimUser(db, ids[0]!);
    expect(project(toScimUser(record!, CTX), { attributes: ['userName'] }, USER_SCHEMA)).toEqual({
      schemas: expect.any(Array),
      id: String(ids[0]),
      userName: 'user1@okta.local',
    });
    expect(await findScimUser(db, 999_999)).toBeNull();
  });
});

describe('listScimGroups and findScimGroup', () => {
  it('read members only when asked (Entra excludes them)', async () => {
    const withMembers = await findScimGroup(db, groupId, { members: true });
    expect(withMembers?.members).toEqual([
      { id: ids[0], displayName: 'User 1' },
      { id: ids[1], displayName: 'User 2' },
    ]);
    const without = await findScimGroup(db, groupId, { members: false });
    expect(without && 'members' in without).toBe(false);
  });

  it('list a page of groups with each one its own members', async () => {
    const { total, records } = await listScimGroups(db, null, { offset: 0, limit: 10 }, { members: true });
    expect(total).toBe(2);
    expect(records.map((r) => [r.name, r.members?.length])).toEqual([
      ['Test SCIMv2', 2],
      ['Empty', 0],
    ]);
  });
});
