// Paging and the ListResponse (RFC 7644 §3.4.2.4).
import { describe, expect, it } from 'vitest';
import { listResponse, pageWindow, readPage } from '../../../src/domain/scim/list.js';

describe('readPage', () => {
  it.each([
    [{}, { startIndex: 1, count: 100 }],
    [{ startIndex: '1', count: '100' }, { startIndex: 1, count: 100 }], // Okta's first request
    [{ startIndex: '0', count: '-5' }, { startIndex: 1, count: 0 }],
    [{ startIndex: '401', count: '5000' }, { startIndex: 401, count: 200 }],
  ])('%j → %j', (q, page) => {
    expect(readPage(q)).toEqual({ ok: true, value: page });
  });

  it('refuses what is not a number', () => {
    expect(readPage({ count: 'ten' })).toEqual({ ok: false, problem: { code: 'invalid_value', detail: 'count must be a whole number.' } });
    expect(readPage({ startIndex: '1.5' }).ok).toBe(false);
  });

  it('maps to an SQL window', () => {
    expect(pageWindow({ startIndex: 101, count: 50 })).toEqual({ offset: 100, limit: 50 });
  });
});

describe('listResponse', () => {
  it('carries totalResults, startIndex and itemsPerPage, and Resources', () => {
    expect(listResponse([{ id: '1' }], 3, { startIndex: 2, count: 1 })).toEqual({
      schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'],
      totalResults: 3,
      startIndex: 2,
      itemsPerPage: 1,
      Resources: [{ id: '1' }],
    });
  });

  it('is an empty list when nothing matches (what Okta and Entra expect before creating)', () => {
    expect(listResponse([], 0, { startIndex: 1, count: 100 })).toMatchObject({ totalResults: 0, itemsPerPage: 0, Resources: [] });
  });
});
