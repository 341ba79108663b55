// The filter parameter: what is resolved to conditions, and what is refused as invalidFilter.
import { describe, expect, it } from 'vitest';
import { scimErrorBody } from '../../src/domain/scim/errors.js';
import { parseGroupFilter, parseUserFilter } from '../../src/scim/parse-filter.js';

describe('User filters', () => {
  it('resolve attribute names in any case, with or without the schema URN', () => {
    for (const f of ['userName eq "a@b.co"', 'USERNAME eq "a@b.co"', 'urn:ietf:params:scim:schemas:core:2.0:User:userName eq "a@b.co"']) {
      expect(parseUserFilter(f)).toEqual({ ok: true, value: { kind: 'text', attribute: 'userName', op: 'eq', value: 'a@b.co' } });
    }
  });

  it('keep RFC 7644 precedence: and binds tighter than or', () => {
    const r = parseUserFilter('userName eq "a" or displayName eq "b" and active eq true');
    expect(r).toEqual({
      ok: true,
      value: {
        kind: 'or',
        conditions: [
          { kind: 'text', attribute: 'userName', op: 'eq', value: 'a' },
          { kind: 'and', conditions: [{ kind: 'text', attribute: 'displayName', op: 'eq', value: 'b' }, { kind: 'active', value: true }] },
        ],
      },
    });
  });

  it('turn active ne into its opposite, and take "False" as false', () => {
    expect(parseUserFilter('active ne "False"')).toEqual({ ok: true, value: { kind: 'active', value: true } });
  });

  it.each([
    ['title pr', /title/], // RFC 7644's example, on an attribute we do not keep
    ['meta.lastModified gt "2011-05-13T04:42:34Z"', /meta\.lastModified/],
    ['userName gt "a"', /not gt/],
    ['active co "t"', /active supports/],
    ['active eq "yes"', /true or false/],
    ['userName eq 12', /string/],
    ['externalId eq null', /string/],
    ['emails[type eq "work"].display eq "x"', /emails\.display|display/],
    ['emails[foo eq "x"]', /no sub-attribute "foo"/],
    ['members[value eq "1"]', /members/],
    ['userName eq', /could not be read/],
    ['userName eq "unterminated', /could not be read/],
    ['(userName eq "a"', /could not be read/],
  ])('%s is invalidFilter', (filter, detail) => {
    const r = parseUserFilter(filter);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problem.code).toBe('invalid_filter');
    expect(r.problem.detail).toMatch(detail);
    expect(scimErrorBody(r.problem)).toMatchObject({ status: '400', scimType: 'invalidFilter' });
  });

  it('refuses filters too long or too deep to be sensible', () => {
    const long = parseUserFilter(`userName eq "${'a'.repeat(3000)}"`);
    expect(long.ok || long.problem.detail).toMatch(/longer than/);
    const wide = parseUserFilter(Array.from({ length: 80 }, (_, i) => `userName eq "u${i}"`).join(' or '));
    expect(wide.ok || wide.problem.detail).toMatch(/more than 64 conditions/);
  });
});

describe('Group filters', () => {
  it('take displayName and externalId', () => {
    expect(parseGroupFilter('displayName eq "Test SCIMv2"')).toEqual({
      ok: true,
      value: { kind: 'text', attribute: 'displayName', op: 'eq', value: 'Test SCIMv2' },
    });
    expect(parseGroupFilter('externalId pr').ok).toBe(true);
  });

  it.each(['userName eq "a"', 'active eq true', 'members[value eq "1"]', 'emails co "x"'])('refuse %s', (filter) => {
    const r = parseGroupFilter(filter);
    expect(r.ok ? null : r.problem.code).toBe('invalid_filter');
  });
});
