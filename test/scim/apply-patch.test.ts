// PATCH as RFC 7644 §3.5.2 writes it and as Entra ID and Okta send it (their published request bodies;
// ids are Launchpad's, which are integers).
import { describe, expect, it } from 'vitest';
import { toScimGroup } from '../../src/domain/scim/group.js';
import { readScimUser, toScimUser } from '../../src/domain/scim/user.js';
import { applyGroupPatch, applyUserPatch, membersDiff } from '../../src/scim/apply-patch.js';

const CTX = { baseUrl: 'https://launchpad.example.com/scim/v2' };
const T0 = Date.UTC(2026, 11, 1, 9, 0, 0);
const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const EXT = 'urn:ietf:params:scim:schemas:extension:launchpad:2.0:User';

const user = () =>
  toScimUser(
    { id: 42, email: 'bjensen@example.com', displayName: 'Babs Jensen', profile: 'explorer', externalId: 'ext-1', deactivatedAt: null, createdAt: T0, lastModifiedAt: T0 },
    CTX,
  );
const group = () => toScimGroup({ id: 7, name: 'Test SCIMv2', externalId: null, createdAt: T0, lastModifiedAt: T0 }, CTX);
const body = (...Operations: unknown[]) => ({ schemas: [PATCH_OP], Operations });

/** Patches the user and reads the result as PUT would: what the use case will store. */
function desired(...ops: unknown[]) {
  const patched = applyUserPatch(user(), body(...ops));
  if (!patched.ok) throw new Error(`${patched.problem.code}: ${patched.problem.detail}`);
  const input = readScimUser(patched.value);
  if (!input.ok) throw new Error(`${input.problem.code}: ${input.problem.detail}`);
  return input.value;
}

const BARBARA = { email: 'bjensen@example.com', displayName: 'Babs Jensen', externalId: 'ext-1', active: true, profile: 'explorer' };

describe('User PATCH', () => {
  it('Entra: "Replace" with a path deactivates', () => {
    expect(desired({ op: 'Replace', path: 'active', value: false })).toEqual({ ...BARBARA, active: false });
  });

  it('Entra: a path-less value object with "active": "False" deactivates, and "True" reactivates', () => {
    expect(desired({ op: 'Replace', value: { active: 'False' } })).toEqual({ ...BARBARA, active: false });
    expect(desired({ op: 'Replace', value: { active: 'False' } }, { op: 'Replace', value: { active: 'True' } })).toEqual(BARBARA);
  });

  it('Entra: a path-less value object sets several attributes, dotted and URN-prefixed keys included', () => {
    const d = desired({ op: 'replace', value: { displayName: 'Bjfe', 'name.givenName': 'Kkom', [`${EXT}:profile`]: 'designer' } });
    expect(d).toEqual({ ...BARBARA, displayName: 'Bjfe', profile: 'designer' });
  });

  it('Entra: replacing userName changes the address', () => {
    expect(desired({ op: 'Replace', path: 'userName', value: 'babs@example.org' })).toEqual({ ...BARBARA, email: 'babs@example.org' });
  });

  it("Entra: the multi-valued update (emails[type eq \"work\"].value, name.familyName) patches, and userName stays the address", () => {
    const ops = [
      { op: 'Replace', path: 'emails[type eq "work"].value', value: 'updatedEmail@microsoft.com' },
      { op: 'Replace', path: 'name.familyName', value: 'updatedFamilyName' },
    ];
    const patched = applyUserPatch(user(), body(...ops));
    expect(patched.ok && patched.value.emails).toEqual([{ value: 'updatedEmail@microsoft.com', type: 'work', primary: true }]);
    expect(desired(...ops)).toEqual(BARBARA);
  });

  it('Okta: deactivation is a path-less replace of active', () => {
    expect(desired({ op: 'replace', value: { active: false } })).toEqual({ ...BARBARA, active: false });
  });

  it('the profile by its full path, and removed (then a new user would get the default)', () => {
    expect(desired({ op: 'replace', path: `${EXT}:profile`, value: 'reader' }).profile).toBe('reader');
    expect(desired({ op: 'remove', path: `${EXT}:profile` }).profile).toBe(null);
  });

  it('attribute names in any case change the attribute, never add a second one', () => {
    const patched = applyUserPatch(user(), body({ op: 'replace', path: 'DisplayName', value: 'Q' }, { op: 'replace', value: { ACTIVE: false } }));
    expect(patched.ok && patched.value).toMatchObject({ displayName: 'Q', active: false });
    expect(patched.ok && Object.keys(patched.value)).not.toContain('DisplayName');
  });

  it("Entra: its default mappings' other attributes (enterprise extension, title) are accepted and not kept", () => {
    const d = desired(
      { op: 'Add', path: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber', value: '701984' },
      { op: 'Add', path: 'title', value: 'Tour Guide' },
      { op: 'Replace', value: { 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department': 'Tour Operations' } },
    );
    expect(d).toEqual(BARBARA);
  });

  it('RFC 7644 §3.5.2.1: a path-less add of attributes we do not keep leaves the member unchanged', () => {
    expect(desired({ op: 'add', value: { emails: [{ value: 'babs@jensen.org', type: 'home' }], nickname: 'Babs' } })).toEqual(BARBARA);
  });

  it('RFC 7644 §3.5.2.2: removing externalId clears it', () => {
    expect(desired({ op: 'remove', path: 'externalId' }).externalId).toBe(null);
  });

  it('leaves the resource it was given untouched', () => {
    const before = user();
    const copy = structuredClone(before);
    applyUserPatch(before, body({ op: 'replace', path: 'displayName', value: 'Other' }));
    expect(before).toEqual(copy);
  });

  it.each([
    [body({ op: 'replace', path: 'id', value: '43' }), 'mutability', /id/],
    [body({ op: 'replace', path: 'meta.created', value: '2020-01-01T00:00:00Z' }), 'mutability', /meta/],
    [body({ op: 'add', path: 'groups', value: [{ value: '1' }] }), 'mutability', /groups/],
    [body({ op: 'remove' }), 'no_target', /remove needs a path/],
    [body({ op: 'Frob', path: 'displayName', value: 'x' }), 'invalid_syntax', /add, replace or remove/],
    [body({ op: 'add', path: 'displayName' }), 'invalid_value', /needs a value/],
    [body({ op: 'replace', value: 'x' }), 'invalid_value', /must be an object/],
    [body(), 'invalid_syntax', /non-empty/],
    [{ Operations: [{ op: 'replace', path: 'active', value: false }] }, 'invalid_syntax', /schemas must include/],
  ])('refuses %j as %s', (request, code, detail) => {
    const r = applyUserPatch(user(), request);
    expect(r.ok ? null : r.problem).toEqual({ code, detail: expect.stringMatching(detail) });
  });
});

describe('Group PATCH', () => {
  function patchGroup(...ops: unknown[]) {
    const r = applyGroupPatch(group(), body(...ops));
    if (!r.ok) throw new Error(`${r.problem.code}: ${r.problem.detail}`);
    return r.value;
  }

  it('Okta: add members', () => {
    const r = patchGroup({ op: 'add', path: 'members', value: [{ value: '23', display: 'test.user@okta.local' }] });
    expect(r.members).toEqual({ kind: 'delta', added: [23], removed: [] });
    expect(r.group.displayName).toBe('Test SCIMv2');
  });

  it('Okta: remove a member by a members[value eq "..."] path', () => {
    expect(patchGroup({ op: 'remove', path: 'members[value eq "89"]' }).members).toEqual({ kind: 'delta', added: [], removed: [89] });
  });

  it('Okta: rename by a path-less replace that repeats the id', () => {
    const r = patchGroup({ op: 'replace', value: { id: '7', displayName: 'Test SCIMv1' } });
    expect(r.group.displayName).toBe('Test SCIMv1');
    expect(r.members).toEqual({ kind: 'delta', added: [], removed: [] });
  });

  it('Entra: "Add" and "Remove" members with the ids in the value', () => {
    const r = patchGroup(
      { op: 'Add', path: 'members', value: [{ $ref: null, value: '11' }, { $ref: null, value: '12' }] },
      { op: 'Remove', path: 'members', value: [{ $ref: null, value: '13' }] },
    );
    expect(r.members).toEqual({ kind: 'delta', added: [11, 12], removed: [13] });
  });

  it('member paths in any case; the compared value kept as sent', () => {
    expect(patchGroup({ op: 'Remove', path: 'Members[Value eq "12"]' }).members).toEqual({ kind: 'delta', added: [], removed: [12] });
  });

  it('Entra: "Replace" of displayName', () => {
    expect(patchGroup({ op: 'Replace', path: 'displayName', value: 'Sales EMEA (2027)' }).group.displayName).toBe('Sales EMEA (2027)');
  });

  it('RFC 7644 §3.5.2.2: remove several members with or, then add one back (operations apply in order)', () => {
    const r = patchGroup({ op: 'remove', path: 'members[value eq "1" or value eq "2"]' }, { op: 'add', path: 'members', value: [{ value: '2' }] });
    expect(r.members).toEqual({ kind: 'delta', added: [2], removed: [1] });
  });

  it('RFC 7644 §3.5.2.2: remove all members, then add one: the exact list', () => {
    const r = patchGroup({ op: 'remove', path: 'members' }, { op: 'add', path: 'members', value: [{ display: 'James Smith', value: '8' }] });
    expect(r.members).toEqual({ kind: 'replace', memberIds: [8] });
  });

  it('RFC 7644 §3.5.2.3: replace members, with a path or in a path-less value', () => {
    expect(patchGroup({ op: 'replace', path: 'members', value: [{ value: '4' }, { value: '5' }] }).members).toEqual({ kind: 'replace', memberIds: [4, 5] });
    const r = patchGroup({ op: 'replace', value: { members: [{ value: '6' }], displayName: 'G2' } });
    expect(r.members).toEqual({ kind: 'replace', memberIds: [6] });
    expect(r.group.displayName).toBe('G2');
  });

  it('the members diff against the current members: only real changes, many at once', () => {
    expect(membersDiff([1, 2, 3], { kind: 'delta', added: [3, 4], removed: [1, 9] })).toEqual({ added: [4], removed: [1] });
    expect(membersDiff([1, 2, 3], { kind: 'replace', memberIds: [2, 5] })).toEqual({ added: [5], removed: [1, 3] });
  });

  it.each([
    [{ op: 'add', path: 'members[value eq "1"]', value: [{ value: '1' }] }, 'invalid_path', /only for remove/],
    [{ op: 'remove', path: 'members[display eq "x"]' }, 'invalid_path', /value eq/],
    [{ op: 'remove', path: 'members[value eq "abc"]' }, 'invalid_path', /value eq/],
    [{ op: 'replace', path: 'members.display', value: 'x' }, 'invalid_path', /whole/],
    [{ op: 'add', path: 'members', value: [{ value: 'not-a-user' }] }, 'invalid_value', /Operation 1: .*not a user id/],
    [{ op: 'add', path: 'members', value: [{ value: '3', type: 'Group' }] }, 'invalid_value', /cannot contain groups/],
    [{ op: 'replace', value: { id: '8' } }, 'mutability', /id/],
  ])('refuses %j as %s', (op, code, detail) => {
    const r = applyGroupPatch(group(), body(op));
    expect(r.ok ? null : r.problem).toEqual({ code, detail: expect.stringMatching(detail) });
  });
});
