// Microsoft Entra ID's provisioning sequence, as its SCIM guide documents the requests: create, filter by
// userName, update with capitalised ops and path-less values, deactivate with "False", reactivate, group
// create, add and remove members, delete. Through the HTTP routes, with the key as actor.
import { describe, expect, it } from 'vitest';
import { listAuditEvents } from '../../src/db/queries/audit.js';
import { findUserById } from '../../src/db/queries/users.js';
import { signIn } from '../../src/services/sign-in.js';
import { seatUsage } from '../../src/services/seats.js';
import { EXT, GROUP, PATCH, scimSpace, USER, userBody } from './support.js';

describe('the Entra ID sequence', () => {
  it('provisions, updates, deactivates, reactivates, groups and deletes a user', async () => {
    const { t, call } = await scimSpace({ SEATS: 'designer:5,explorer:1,reader:50' });

    // Entra first looks the user up by userName, finds nobody, then creates them.
    const none = await call('GET', `/Users?filter=${encodeURIComponent('userName eq "Test_User_ab6490ee@testuser.com"')}`);
    expect(none.status).toBe(200);
    expect(none.body).toMatchObject({ totalResults: 0, Resources: [] });

    const created = await call('POST', '/Users', {
      ...userBody('Test_User_ab6490ee@testuser.com', { externalId: '0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef' }),
      displayName: 'Test User',
    });
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toBe(`http://localhost:3000/scim/v2/Users/${created.body.id}`);
    expect(created.body).toMatchObject({ userName: 'Test_User_ab6490ee@testuser.com', active: true, [EXT]: { profile: 'reader' } });
    const id = created.body.id as string;

    const found = await call('GET', `/Users?filter=${encodeURIComponent('userName eq "test_user_ab6490ee@testuser.com"')}`);
    expect(found.body.totalResults).toBe(1);
    expect(found.body.Resources[0].id).toBe(id);

    // Update: "Replace" with a capital, a path-less value object, the profile through the extension.
    const updated = await call('PATCH', `/Users/${id}`, {
      schemas: [PATCH],
      Operations: [
        { op: 'Replace', value: { displayName: 'Tess User', [`${EXT}:profile`]: 'explorer' } },
        { op: 'Add', path: 'externalId', value: 'ext-2' },
      ],
    });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ displayName: 'Tess User', externalId: 'ext-2', [EXT]: { profile: 'explorer' } });

    // Deactivate: "active": "False" as a string.
    const off = await call('PATCH', `/Users/${id}`, { schemas: [PATCH], Operations: [{ op: 'Replace', path: 'active', value: 'False' }] });
    expect(off.status).toBe(200);
    expect(off.body.active).toBe(false);
    expect((await seatUsage(t.db, t.config.seats, t.deps.now())).explorer.used).toBe(0);
    expect((await signIn(t.deps, 'test_user_ab6490ee@testuser.com', 'anything')).ok).toBe(false);

    // Reactivate: refused while the one explorer seat is taken, with the profile named; then accepted.
    const other = await call('POST', '/Users', userBody('other@testuser.com', { [EXT]: { profile: 'explorer' } }));
    expect(other.status).toBe(201);
    const refused = await call('PATCH', `/Users/${id}`, { schemas: [PATCH], Operations: [{ op: 'Replace', value: { active: 'True' } }] });
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], scimType: 'invalidValue' });
    expect(refused.body.detail).toContain('1 explorer seat needed, 0 free');
    expect((await call('DELETE', `/Users/${other.body.id}`)).status).toBe(204);
    const on = await call('PATCH', `/Users/${id}`, { schemas: [PATCH], Operations: [{ op: 'Replace', value: { active: 'True' } }] });
    expect(on.body.active).toBe(true);

    // Groups: create with a name as Entra sends it, add members, remove with a value list, delete.
    const group = await call('POST', '/Groups', { schemas: [GROUP], externalId: 'g-1', displayName: 'Sales & Marketing (EMEA)', members: [] });
    expect(group.status).toBe(201);
    expect(group.body.displayName).toBe('Sales & Marketing (EMEA)');
    const gid = group.body.id as string;
    const second = await call('POST', '/Users', userBody('second@testuser.com'));
    const add = await call('PATCH', `/Groups/${gid}`, {
      schemas: [PATCH],
      Operations: [{ op: 'Add', path: 'members', value: [{ value: id }, { value: second.body.id }] }],
    });
    expect(add.status).toBe(204);
    const withMembers = await call('GET', `/Groups/${gid}`);
    expect(withMembers.body.members.map((m: { value: string }) => m.value).sort()).toEqual([id, second.body.id].sort());
    const withoutMembers = await call('GET', `/Groups/${gid}?excludedAttributes=members`);
    expect(withoutMembers.body.members).toBeUndefined();
    expect(withoutMembers.body.displayName).toBe('Sales & Marketing (EMEA)');

    const remove = await call('PATCH', `/Groups/${gid}`, { schemas: [PATCH], Operations: [{ op: 'Remove', path: 'members', value: [{ value: id }] }] });
    expect(remove.status).toBe(204);
    expect((await call('GET', `/Groups/${gid}`)).body.members.map((m: { value: string }) => m.value)).toEqual([second.body.id]);

    expect((await call('DELETE', `/Users/${id}`)).status).toBe(204);
    expect(await findUserById(t.db, Number(id))).toBeNull();
    expect((await call('GET', `/Users/${id}`)).status).toBe(404);
    expect((await call('DELETE', `/Groups/${gid}`)).status).toBe(204);

    // Audited with the key as actor.
    const events = await listAuditEvents(t.db, { limit: 100 });
    const byKey = events.filter((e) => e.actorLabel.startsWith('API key “Identity provider”'));
    expect(new Set(byKey.map((e) => e.action))).toEqual(
      new Set(['user.provisioned', 'user.updated', 'user.deactivated', 'user.reactivated', 'user.deleted', 'group.created', 'group.member_added', 'group.member_removed', 'group.deleted']),
    );
  });
});

describe('the space rules through SCIM', () => {
  it('refuses deactivating or deleting the owner, and emptying space_administrators of them', async () => {
    const { owner, call } = await scimSpace();
    const off = await call('PATCH', `/Users/${owner.id}`, { schemas: [PATCH], Operations: [{ op: 'replace', path: 'active', value: false }] });
    expect(off.status).toBe(400);
    expect(off.body).toMatchObject({ scimType: 'mutability', detail: expect.stringContaining('owner cannot be deactivated') });
    const del = await call('DELETE', `/Users/${owner.id}`);
    expect(del.body).toMatchObject({ status: '400', scimType: 'mutability' });
    const admins = await call('GET', `/Groups?filter=${encodeURIComponent('displayName eq "space_administrators"')}`);
    const gid = admins.body.Resources[0].id;
    const empty = await call('PATCH', `/Groups/${gid}`, { schemas: [PATCH], Operations: [{ op: 'remove', path: 'members' }] });
    expect(empty.body).toMatchObject({ scimType: 'mutability' });
    expect((await call('DELETE', `/Groups/${gid}`)).body).toMatchObject({ scimType: 'mutability' });
  });

  it('answers a key without the scim scope with 403, and no key with 401, in the SCIM error schema', async () => {
    const { t, call } = await scimSpace();
    const { makeKey } = await import('../api/support.js');
    const { key } = await makeKey(t, ['groups:write']);
    const res = await t.app.request('/scim/v2/Users', { headers: { authorization: `Bearer ${key}` } });
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '403' });
    const anonymous = await t.app.request('/scim/v2/Users');
    expect(anonymous.status).toBe(401);
    expect((await call('GET', '/ServiceProviderConfig')).body.patch).toEqual({ supported: true });
  });

  it('sends a SCIM-created user a "choose your password" email, not an invitation', async () => {
    const { t, call } = await scimSpace();
    const created = await call('POST', '/Users', { schemas: [USER], userName: 'new@example.com' });
    expect(created.status).toBe(201);
    const outbox = await t.db.selectFrom('outbox').select(['kind', 'to_address', 'subject']).execute();
    expect(outbox).toEqual([{ kind: 'password_reset', to_address: 'new@example.com', subject: 'Your account on Acme Analytics' }]);
    expect(await t.db.selectFrom('invitations').selectAll().execute()).toEqual([]);
  });
});
