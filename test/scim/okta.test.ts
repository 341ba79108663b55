// Okta's provisioning sequence, as its SCIM 2.0 guide documents the requests: GET by userName, POST the
// user (with a password Okta generated, which is ignored), PUT the whole user to update and to deactivate,
// groups created as "Test SCIMv2", members added and removed with PATCH, group renamed, deleted.
import { describe, expect, it } from 'vitest';
import { listGroups } from '../../src/db/queries/groups.js';
import { get } from '../support/app.js';
import { EXT, GROUP, PATCH, scimSpace, USER } from './support.js';

const oktaUser = (active: boolean, profile = 'reader') => ({
  schemas: [USER, EXT],
  userName: 'test.user@okta.local',
  name: { givenName: 'Test', familyName: 'User' },
  emails: [{ primary: true, value: 'test.user@okta.local', type: 'work' }],
  displayName: 'Test User',
  locale: 'en-US',
  externalId: '00ujl29u0le5T6Aj10h7',
  groups: [],
  password: '1mz050nq',
  active,
  [EXT]: { profile },
});

describe('the Okta sequence', () => {
  it('creates, finds, updates and deactivates by PUT, groups by PATCH, and deletes', async () => {
    const { t, owner, call } = await scimSpace();
    const filter = encodeURIComponent('userName eq "test.user@okta.local"');
    expect((await call('GET', `/Users?filter=${filter}&startIndex=1&count=100`)).body.totalResults).toBe(0);

    const created = await call('POST', '/Users', oktaUser(true));
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    expect(created.body).toMatchObject({ externalId: '00ujl29u0le5T6Aj10h7', displayName: 'Test User', active: true });
    expect((await call('GET', `/Users?filter=${filter}&startIndex=1&count=100`)).body.Resources[0].id).toBe(id);

    const profile = await call('PUT', `/Users/${id}`, oktaUser(true, 'explorer'));
    expect(profile.status).toBe(200);
    expect(profile.body[EXT]).toEqual({ profile: 'explorer' });

    const off = await call('PUT', `/Users/${id}`, oktaUser(false, 'explorer'));
    expect(off.body.active).toBe(false);
    expect((await call('GET', `/Users?filter=${encodeURIComponent('active eq false')}`)).body.Resources.map((r: { id: string }) => r.id)).toEqual([id]);
    const on = await call('PUT', `/Users/${id}`, oktaUser(true, 'explorer'));
    expect(on.body.active).toBe(true);

    // Okta's own example group name, with a space and capitals.
    const group = await call('POST', '/Groups', { schemas: [GROUP], displayName: 'Test SCIMv2', members: [] });
    expect(group.status).toBe(201);
    const gid = group.body.id as string;
    const add = await call('PATCH', `/Groups/${gid}`, {
      schemas: [PATCH],
      Operations: [{ op: 'add', path: 'members', value: [{ value: id, display: 'test.user@okta.local' }] }],
    });
    expect(add.status).toBe(204);
    // The Groups tab shows the name SCIM sends, with its member.
    const tab = await (await get(t, '/groups', { cookie: owner.cookie })).text();
    expect(tab).toContain('Test SCIMv2');
    expect((await listGroups(t.db, { search: 'Test SCIMv2', page: 1, pageSize: 10 })).groups[0]).toMatchObject({ name: 'Test SCIMv2', memberCount: 1 });

    const renamed = await call('PATCH', `/Groups/${gid}`, {
      schemas: [PATCH],
      Operations: [{ op: 'replace', value: { id: gid, displayName: 'Test SCIMv2 (renamed)' } }],
    });
    expect(renamed.status).toBe(204);
    const remove = await call('PATCH', `/Groups/${gid}`, {
      schemas: [PATCH],
      Operations: [{ op: 'remove', path: `members[value eq "${id}"]` }],
    });
    expect(remove.status).toBe(204);
    const after = await call('GET', `/Groups/${gid}`);
    expect(after.body).toMatchObject({ displayName: 'Test SCIMv2 (renamed)', members: [] });

    expect((await call('DELETE', `/Groups/${gid}`)).status).toBe(204);
    expect((await call('GET', `/Groups/${gid}`)).status).toBe(404);
    expect((await call('DELETE', `/Users/${id}`)).status).toBe(204);
  });

  it('answers a second POST of the same userName with 409 uniqueness', async () => {
    const { call } = await scimSpace();
    await call('POST', '/Users', oktaUser(true));
    const again = await call('POST', '/Users', oktaUser(true));
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ scimType: 'uniqueness' });
  });
});
