// A PatchOp request in one spelling: ops and attribute names in any case, values as sent.
import { describe, expect, it } from 'vitest';
import { canonicalPath, readPatchRequest } from '../../../src/domain/scim/patch-request.js';

const EXT = 'urn:ietf:params:scim:schemas:extension:launchpad:2.0:User';

describe('canonicalPath', () => {
  it.each([
    ['USERNAME', 'User', 'userName'],
    ['urn:ietf:params:scim:schemas:core:2.0:User:Active', 'User', 'active'],
    ['Emails[Type eq "Work Value"].VALUE', 'User', 'emails[type eq "Work Value"].value'],
    ['name.GIVENNAME', 'User', 'name.givenName'],
    [`${EXT.toUpperCase()}:Profile`, 'User', `${EXT}:profile`],
    ['DisplayName', 'Group', 'displayName'],
    ['members[VALUE eq "ABC"]', 'Group', 'members[value eq "ABC"]'],
    ['nickName', 'User', 'nickName'],
  ] as const)('%s (%s) → %s', (path, type, expected) => {
    expect(canonicalPath(path, type)).toBe(expected);
  });
});

describe('readPatchRequest', () => {
  it("lower-cases Entra's ops and puts path-less keys in our spelling, leaving values alone", () => {
    const r = readPatchRequest(
      {
        schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
        Operations: [
          { op: 'Replace', value: { Active: 'False', [EXT]: { Profile: 'reader' } } },
          { op: 'Remove', path: 'externalId' },
        ],
      },
      'User',
    );
    expect(r).toEqual({
      ok: true,
      value: [
        { op: 'replace', value: { active: 'False', [EXT]: { profile: 'reader' } } },
        { op: 'remove', path: 'externalId' },
      ],
    });
  });

  it('refuses more operations than any IdP sends', () => {
    const many = Array.from({ length: 1001 }, () => ({ op: 'add', path: 'members', value: [{ value: '1' }] }));
    const r = readPatchRequest({ schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: many }, 'Group');
    expect(r.ok ? null : r.problem.code).toBe('too_many');
  });
});
