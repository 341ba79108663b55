// Every refusal has one status and scimType; the body is RFC 7644 §3.12's.
import { describe, expect, it } from 'vitest';
import { scimErrorBody, scimStatus, type ScimErrorCode } from '../../../src/domain/scim/errors.js';
import { etagMatches, weakEtag } from '../../../src/domain/scim/meta.js';

describe('scimStatus', () => {
  it.each<[ScimErrorCode, number, string | undefined]>([
    ['invalid_filter', 400, 'invalidFilter'],
    ['too_many', 400, 'tooMany'],
    ['uniqueness', 409, 'uniqueness'],
    ['mutability', 400, 'mutability'],
    ['invalid_syntax', 400, 'invalidSyntax'],
    ['invalid_path', 400, 'invalidPath'],
    ['no_target', 400, 'noTarget'],
    ['invalid_value', 400, 'invalidValue'],
    ['not_found', 404, undefined],
    ['version_mismatch', 412, undefined],
  ])('%s → %i %s', (code, status, scimType) => {
    expect(scimStatus(code)).toEqual(scimType ? { status, scimType } : { status });
  });
});

describe('scimErrorBody', () => {
  it('has the Error schema, the status as a string, the scimType and the detail', () => {
    expect(scimErrorBody({ code: 'uniqueness', detail: 'userName is taken.' })).toEqual({
      schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
      status: '409',
      scimType: 'uniqueness',
      detail: 'userName is taken.',
    });
  });

  it('has no scimType where RFC 7644 gives none', () => {
    expect(scimErrorBody({ code: 'not_found', detail: 'No such user.' })).toEqual({
      schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
      status: '404',
      detail: 'No such user.',
    });
  });
});

describe('weak ETags', () => {
  it('do not depend on key order, and change with content', () => {
    expect(weakEtag({ a: 1, b: [1, { c: 2, d: 3 }] })).toBe(weakEtag({ b: [1, { d: 3, c: 2 }], a: 1 }));
    expect(weakEtag({ a: 1 })).not.toBe(weakEtag({ a: 2 }));
  });

  it('match If-Match lists, weak or strong, and *', () => {
    const v = weakEtag({ a: 1 });
    expect(etagMatches(v, v)).toBe(true);
    expect(etagMatches(`W/"other", ${v.slice(2)}`, v)).toBe(true);
    expect(etagMatches('*', v)).toBe(true);
    expect(etagMatches('W/"other"', v)).toBe(false);
  });
});
