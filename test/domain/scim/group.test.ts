// Groups as SCIM Groups, and Group bodies from Okta's and Entra's guides.
import { describe, expect, it } from 'vitest';
import { readScimGroup, toScimGroup, type ScimGroupRecord } from '../../../src/domain/scim/group.js';

const CTX = { baseUrl: 'https://launchpad.example.com/scim/v2' };
const T0 = Date.UTC(2026, 11, 1, 9, 0, 0);
const GROUP: ScimGroupRecord = {
  id: 7,
  name: 'Test SCIMv2',
  externalId: null,
  createdAt: T0,
  lastModifiedAt: T0,
  members: [{ id: 42, displayName: 'Babs Jensen' }],
};

describe('toScimGroup', () => {
  it('shows members with value, display, $ref and type', () => {
    expect(toScimGroup(GROUP, CTX)).toEqual({
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'],
      id: '7',
      displayName: 'Test SCIMv2',
      members: [{ value: '42', display: 'Babs Jensen', $ref: 'https://launchpad.example.com/scim/v2/Users/42', type: 'User' }],
      meta: {
        resourceType: 'Group',
        created: '2026-12-01T09:00:00.000Z',
        lastModified: '2026-12-01T09:00:00.000Z',
        location: 'https://launchpad.example.com/scim/v2/Groups/7',
        version: expect.stringMatching(/^W\//),
      },
    });
  });

  it('leaves members out when they were not loaded (excludedAttributes=members)', () => {
    const { members: _m, ...withoutMembers } = GROUP;
    expect('members' in toScimGroup(withoutMembers, CTX)).toBe(false);
  });
});

describe('readScimGroup', () => {
  it("reads Okta's create-group request, the name kept exactly", () => {
    const okta = { schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], displayName: 'Test SCIMv2', members: [] };
    expect(readScimGroup(okta)).toEqual({ ok: true, value: { displayName: 'Test SCIMv2', externalId: null, memberIds: [] } });
  });

  it("reads Entra's create-group request", () => {
    const entra = {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group', 'http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group'],
      externalId: '8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159',
      displayName: 'displayName',
      meta: { resourceType: 'Group' },
    };
    expect(readScimGroup(entra)).toEqual({
      ok: true,
      value: { displayName: 'displayName', externalId: '8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159', memberIds: [] },
    });
  });

  it('reads members as user ids, each once', () => {
    const r = readScimGroup({
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'],
      displayName: 'Sales',
      members: [{ value: '3', display: 'x' }, { value: '5', type: 'User' }, { value: '3' }],
    });
    expect(r.ok && r.value.memberIds).toEqual([3, 5]);
  });

  it.each([
    [{ displayName: '' }, /displayName is required/],
    [{ displayName: 'G', members: [{ value: 'abc' }] }, /not a user id/],
    [{ displayName: 'G', members: [{ value: '0' }] }, /not a user id/],
    [{ displayName: 'G', members: [{ value: '3', type: 'Group' }] }, /cannot contain groups/],
    [{ displayName: 'G', members: ['3'] }, /object with a value/],
  ])('refuses %j', (rest, detail) => {
    const r = readScimGroup({ schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], ...rest });
    expect(r.ok ? null : r.problem).toEqual({ code: 'invalid_value', detail: expect.stringMatching(detail) });
  });
});
