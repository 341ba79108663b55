// Members as SCIM Users, and User bodies from RFC 7643, Okta's and Entra's guides as what Launchpad keeps.
import { describe, expect, it } from 'vitest';
import { readScimUser, toScimUser, type ScimUserRecord } from '../../../src/domain/scim/user.js';

const CTX = { baseUrl: 'https://launchpad.example.com/scim/v2' };
const T0 = Date.UTC(2026, 11, 1, 9, 0, 0);
const T1 = Date.UTC(2026, 11, 3, 17, 30, 0);
const BARBARA: ScimUserRecord = {
  id: 42,
  email: 'bjensen@example.com',
  displayName: 'Babs Jensen',
  profile: 'explorer',
  externalId: 'bjensen',
  deactivatedAt: null,
  createdAt: T0,
  lastModifiedAt: T1,
};

describe('toScimUser', () => {
  it('shows the member with the core schema, the Launchpad extension and meta', () => {
    expect(toScimUser(BARBARA, CTX)).toEqual({
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User', 'urn:ietf:params:scim:schemas:extension:launchpad:2.0:User'],
      id: '42',
      externalId: 'bjensen',
      userName: 'bjensen@example.com',
      displayName: 'Babs Jensen',
      emails: [{ value: 'bjensen@example.com', type: 'work', primary: true }],
      active: true,
      'urn:ietf:params:scim:schemas:extension:launchpad:2.0:User': { profile: 'explorer' },
      meta: {
        resourceType: 'User',
        created: '2026-12-01T09:00:00.000Z',
        lastModified: '2026-12-03T17:30:00.000Z',
        location: 'https://launchpad.example.com/scim/v2/Users/42',
        version: expect.stringMatching(/^W\/"[0-9a-z]+"$/),
      },
    });
  });

  it('is inactive once deactivated, and leaves externalId out when there is none', () => {
    const u = toScimUser({ ...BARBARA, deactivatedAt: T1, externalId: null }, CTX);
    expect(u.active).toBe(false);
    expect('externalId' in u).toBe(false);
  });

  it('has a version that changes with what a client can read, and only then', () => {
    const v = toScimUser(BARBARA, CTX).meta.version;
    expect(toScimUser({ ...BARBARA }, CTX).meta.version).toBe(v);
    expect(toScimUser({ ...BARBARA, profile: 'reader' }, CTX).meta.version).not.toBe(v);
    expect(toScimUser({ ...BARBARA, deactivatedAt: T1 }, CTX).meta.version).not.toBe(v);
  });
});

describe('readScimUser', () => {
  it("reads Okta's create-user request (its password and groups are ignored)", () => {
    const okta = {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
      userName: 'test.user@okta.local',
      name: { givenName: 'Test', familyName: 'User' },
      emails: [{ primary: true, value: 'test.user@okta.local', type: 'work' }],
      displayName: 'Test User',
      locale: 'en-US',
      externalId: '00ujl29u0le5T6Aj10h7',
      groups: [],
      password: '1mz050nq',
      active: true,
    };
    expect(readScimUser(okta)).toEqual({
      ok: true,
      value: { email: 'test.user@okta.local', displayName: 'Test User', externalId: '00ujl29u0le5T6Aj10h7', active: true, profile: null },
    });
  });

  it("reads Okta's PUT (the whole user, with id and meta, which are read-only and ignored)", () => {
    const put = {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
      id: '23a35c27-23d3-4c03-b4c5-6443c09e7173',
      userName: 'test.user@okta.local',
      name: { givenName: 'Another', middleName: 'Test', familyName: 'User' },
      active: true,
      emails: [{ primary: true, value: 'test.user@okta.local', type: 'work', display: 'test.user@okta.local' }],
      groups: [],
      meta: { resourceType: 'User' },
    };
    expect(readScimUser(put)).toEqual({
      ok: true,
      value: { email: 'test.user@okta.local', displayName: 'Another User', externalId: null, active: true, profile: null },
    });
  });

  it("reads Entra's create-user request when userName is the address (the default UPN mapping)", () => {
    const entra = {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User', 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User'],
      externalId: '0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef',
      userName: 'Test_User_ab6490ee-1e48-479e-a20b-2d77186b5dd1@testuser.com',
      active: true,
      emails: [{ primary: true, type: 'work', value: 'Test_User_fd0ea19b-0777-472c-9f96-4f70d2226f2e@testuser.com' }],
      meta: { resourceType: 'User' },
      name: { formatted: 'givenName familyName', familyName: 'familyName', givenName: 'givenName' },
      roles: [],
    };
    expect(readScimUser(entra)).toEqual({
      ok: true,
      value: {
        email: 'Test_User_ab6490ee-1e48-479e-a20b-2d77186b5dd1@testuser.com',
        displayName: 'givenName familyName',
        externalId: '0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef',
        active: true,
        profile: null,
      },
    });
  });

  it("refuses Entra's sample userName, which is not an address: a member is their address", () => {
    const r = readScimUser({ schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: 'Test_User_ab6490ee-1e48-479e-a20b-2d77186b5dd1' });
    expect(r).toEqual({ ok: false, problem: { code: 'invalid_value', detail: expect.stringContaining("userName must be the member's email address") } });
  });

  it('takes the profile from the extension, in any case', () => {
    const r = readScimUser({
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User', 'urn:ietf:params:scim:schemas:extension:launchpad:2.0:User'],
      userName: 'a@example.com',
      'urn:ietf:params:scim:schemas:extension:launchpad:2.0:User': { Profile: 'Designer' },
    });
    expect(r.ok && r.value.profile).toBe('designer');
  });

  it.each([
    ['"False"', 'False', false],
    ['"true"', 'true', true],
    ['false', false, false],
    ['absent', undefined, true],
  ])('takes active %s as %s', (_label, active, expected) => {
    const r = readScimUser({ schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: 'a@example.com', active });
    expect(r.ok && r.value.active).toBe(expected);
  });

  it.each([
    [[], { userName: 'a@example.com' }, 'invalid_syntax', /schemas must include/],
    [['urn:ietf:params:scim:schemas:core:2.0:User'], {}, 'invalid_value', /userName is required/],
    [['urn:ietf:params:scim:schemas:core:2.0:User'], { userName: 'a@example.com', active: 'no' }, 'invalid_value', /active/],
    [['urn:ietf:params:scim:schemas:core:2.0:User'], { userName: 'a@example.com', externalId: 7 }, 'invalid_value', /externalId/],
    [
      ['urn:ietf:params:scim:schemas:core:2.0:User'],
      { userName: 'a@example.com', 'urn:ietf:params:scim:schemas:extension:launchpad:2.0:User': { profile: 'admin' } },
      'invalid_value',
      /designer, explorer or reader/,
    ],
  ])('refuses %j %j as %s', (schemas, rest, code, detail) => {
    const r = readScimUser({ schemas, ...rest });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.problem.code).toBe(code);
      expect(r.problem.detail).toMatch(detail);
    }
  });

  it('refuses what is not an object', () => {
    expect(readScimUser([1]).ok).toBe(false);
    expect(readScimUser('x').ok).toBe(false);
  });
});
