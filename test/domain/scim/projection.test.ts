// attributes and excludedAttributes (RFC 7644 §3.4.2.5): what a response carries.
import { describe, expect, it } from 'vitest';
import { toScimGroup } from '../../../src/domain/scim/group.js';
import { parseAttributeList, project } from '../../../src/domain/scim/projection.js';
import { GROUP_SCHEMA, USER_SCHEMA } from '../../../src/domain/scim/urns.js';
import { toScimUser } from '../../../src/domain/scim/user.js';

const CTX = { baseUrl: 'https://launchpad.example.com/scim/v2' };
const T0 = Date.UTC(2026, 11, 1, 9, 0, 0);
const USER = toScimUser(
  { id: 42, email: 'bjensen@example.com', displayName: 'Babs Jensen', profile: 'explorer', externalId: 'ext-1', deactivatedAt: null, createdAt: T0, lastModifiedAt: T0 },
  CTX,
);
const GROUP = toScimGroup({ id: 7, name: 'Sales', externalId: null, createdAt: T0, lastModifiedAt: T0, members: [{ id: 42, displayName: 'Babs' }] }, CTX);
const SCHEMAS = USER.schemas;

describe('parseAttributeList', () => {
  it('splits on commas and trims; nothing is undefined', () => {
    expect(parseAttributeList(' userName, emails.value ,')).toEqual(['userName', 'emails.value']);
    expect(parseAttributeList('')).toBeUndefined();
    expect(parseAttributeList(undefined)).toBeUndefined();
  });
});

describe('project', () => {
  it('attributes: only those named, plus schemas and id', () => {
    expect(project(USER, { attributes: ['userName', 'ACTIVE'] }, USER_SCHEMA)).toEqual({ schemas: SCHEMAS, id: '42', userName: 'bjensen@example.com', active: true });
  });

  it('attributes: sub-attributes of multi-valued and complex attributes, and URN-prefixed names', () => {
    expect(
      project(USER, { attributes: ['emails.value', 'emails.type', 'meta.location', 'urn:ietf:params:scim:schemas:core:2.0:User:displayName'] }, USER_SCHEMA),
    ).toEqual({
      schemas: SCHEMAS,
      id: '42',
      emails: [{ value: 'bjensen@example.com', type: 'work' }],
      meta: { location: 'https://launchpad.example.com/scim/v2/Users/42' },
      displayName: 'Babs Jensen',
    });
  });

  it("attributes: the extension's attribute, or the extension whole", () => {
    const ext = 'urn:ietf:params:scim:schemas:extension:launchpad:2.0:User';
    expect(project(USER, { attributes: [`${ext}:profile`] }, USER_SCHEMA)).toEqual({ schemas: SCHEMAS, id: '42', [ext]: { profile: 'explorer' } });
    expect(project(USER, { attributes: [ext] }, USER_SCHEMA)).toEqual({ schemas: SCHEMAS, id: '42', [ext]: { profile: 'explorer' } });
  });

  it('excludedAttributes: Entra reads groups without members', () => {
    const { members: _m, ...rest } = GROUP;
    expect(project(GROUP, { excludedAttributes: ['members'] }, GROUP_SCHEMA)).toEqual(rest);
  });

  it('excludedAttributes: sub-attributes go, id and schemas never do, the resource itself is untouched', () => {
    const out = project(USER, { excludedAttributes: ['emails.primary', 'id', 'schemas', 'meta'] }, USER_SCHEMA);
    expect(out.emails).toEqual([{ value: 'bjensen@example.com', type: 'work' }]);
    expect(out.id).toBe('42');
    expect(out.schemas).toEqual(SCHEMAS);
    expect('meta' in out).toBe(false);
    expect(USER.emails[0]!.primary).toBe(true);
  });

  it('unknown attributes are ignored', () => {
    expect(project(USER, { attributes: ['nickName'] }, USER_SCHEMA)).toEqual({ schemas: SCHEMAS, id: '42' });
    expect(project(USER, { excludedAttributes: ['nickName'] }, USER_SCHEMA)).toEqual(USER);
  });
});
