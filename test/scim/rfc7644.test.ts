// RFC 7644's example requests, through the routes. Launchpad's userName is the member's email address, so
// the examples' "bjensen" is written "bjensen@example.com"; everything else is as the RFC shows it.
import { describe, expect, it } from 'vitest';
import { GROUP, PATCH, scimSpace, USER } from './support.js';

const ERROR = 'urn:ietf:params:scim:api:messages:2.0:Error';

async function withPeople() {
  const s = await scimSpace();
  const ids: Record<string, string> = {};
  for (const [email, name] of [
    ['bjensen@example.com', 'Babs Jensen'],
    ['jsmith@example.com', 'James Smith'],
    ['jane.doe@example.org', 'Jane Doe'],
  ] as const) {
    const r = await s.call('POST', '/Users', { schemas: [USER], userName: email, externalId: `ext-${email}`, name: { formatted: name } });
    expect(r.status).toBe(201);
    ids[email] = r.body.id;
  }
  return { ...s, ids };
}

const q = (filter: string) => `/Users?filter=${encodeURIComponent(filter)}`;
const emailsOf = (body: { Resources: Array<{ userName: string }> }) => body.Resources.map((r) => r.userName).sort();

describe('RFC 7644 §3.3: creating a resource', () => {
  it('answers 201 with the resource, its meta, Location and ETag', async () => {
    const { call } = await scimSpace();
    const r = await call('POST', '/Users', { schemas: [USER], userName: 'bjensen@example.com', externalId: 'bjensen', name: { formatted: 'Ms. Barbara J Jensen III', familyName: 'Jensen', givenName: 'Barbara' } });
    expect(r.status).toBe(201);
    expect(r.headers.get('content-type')).toContain('application/scim+json');
    expect(r.headers.get('etag')).toBe(r.body.meta.version);
    expect(r.body).toMatchObject({ userName: 'bjensen@example.com', externalId: 'bjensen', displayName: 'Ms. Barbara J Jensen III', meta: { resourceType: 'User' } });
  });
});

describe('RFC 7644 §3.4.2.2: filtering', () => {
  it.each([
    { filter: 'userName eq "bjensen@example.com"', want: ['bjensen@example.com'] },
    { filter: 'userName sw "J"', want: ['jane.doe@example.org', 'jsmith@example.com'] },
    { filter: 'emails co "example.com"', want: ['bjensen@example.com', 'jsmith@example.com', 'owner@example.com'] },
    { filter: 'emails.value ew ".org"', want: ['jane.doe@example.org'] },
    { filter: 'externalId pr and displayName co "j"', want: ['bjensen@example.com', 'jane.doe@example.org', 'jsmith@example.com'] },
    { filter: 'userName eq "jsmith@example.com" or displayName eq "Babs Jensen"', want: ['bjensen@example.com', 'jsmith@example.com'] },
    { filter: 'active eq true and userName sw "b"', want: ['bjensen@example.com'] },
  ])('$filter', async ({ filter, want }) => {
    const { call } = await withPeople();
    const r = await call('GET', q(filter));
    expect(r.status).toBe(200);
    expect(emailsOf(r.body)).toEqual(want);
    expect(r.body.totalResults).toBe(want.length);
  });

  it('answers a filter it cannot read, or on an attribute it does not keep, with 400 invalidFilter', async () => {
    const { call } = await withPeople();
    for (const filter of ['title pr', 'userName eq', 'userName zz "x"']) {
      const r = await call('GET', q(filter));
      expect(r.status, filter).toBe(400);
      expect(r.body).toMatchObject({ schemas: [ERROR], status: '400', scimType: 'invalidFilter' });
    }
  });
});

describe('RFC 7644 §3.4.2.4 and §3.4.2.5: paging and attributes', () => {
  it('pages with startIndex and count, and returns only the attributes asked for', async () => {
    const { call } = await withPeople();
    const page = await call('GET', '/Users?startIndex=2&count=2&attributes=userName');
    expect(page.body).toMatchObject({ totalResults: 4, startIndex: 2, itemsPerPage: 2 });
    expect(Object.keys(page.body.Resources[0]).sort()).toEqual(['id', 'schemas', 'userName']);
    const total = await call('GET', '/Users?count=0');
    expect(total.body).toMatchObject({ totalResults: 4, itemsPerPage: 0, Resources: [] });
  });
});

describe('RFC 7644 §3.5.2: modifying group members with PATCH', () => {
  it('adds members (§3.5.2.1), removes one by a value filter (§3.5.2.2), and replaces them all (§3.5.2.3)', async () => {
    const { call, ids } = await withPeople();
    const g = await call('POST', '/Groups', { schemas: [GROUP], displayName: 'Tour Guides' });
    const gid = g.body.id;
    const members = async () => ((await call('GET', `/Groups/${gid}`)).body.members ?? []).map((m: { value: string }) => m.value).sort();

    await call('PATCH', `/Groups/${gid}`, {
      schemas: [PATCH],
      Operations: [{ op: 'add', path: 'members', value: [{ display: 'Babs Jensen', $ref: `https://example.com/v2/Users/${ids['bjensen@example.com']}`, value: ids['bjensen@example.com'] }, { value: ids['jsmith@example.com'] }] }],
    });
    expect(await members()).toEqual([ids['bjensen@example.com'], ids['jsmith@example.com']].sort());

    await call('PATCH', `/Groups/${gid}`, { schemas: [PATCH], Operations: [{ op: 'remove', path: `members[value eq "${ids['bjensen@example.com']}"]` }] });
    expect(await members()).toEqual([ids['jsmith@example.com']]);

    await call('PATCH', `/Groups/${gid}`, {
      schemas: [PATCH],
      Operations: [
        { op: 'remove', path: 'members' },
        { op: 'add', path: 'members', value: [{ value: ids['jane.doe@example.org'] }] },
      ],
    });
    expect(await members()).toEqual([ids['jane.doe@example.org']]);

    await call('PATCH', `/Groups/${gid}`, { schemas: [PATCH], Operations: [{ op: 'replace', path: 'members', value: [{ value: ids['bjensen@example.com'] }] }] });
    expect(await members()).toEqual([ids['bjensen@example.com']]);
  });

  it('answers a user id that does not exist with an error, and a PATCH without a path on remove with noTarget', async () => {
    const { call } = await withPeople();
    const g = await call('POST', '/Groups', { schemas: [GROUP], displayName: 'Tour Guides' });
    const unknown = await call('PATCH', `/Groups/${g.body.id}`, { schemas: [PATCH], Operations: [{ op: 'add', path: 'members', value: [{ value: '999999' }] }] });
    expect(unknown.status).toBe(400);
    expect(unknown.body).toMatchObject({ schemas: [ERROR], scimType: 'invalidValue' });
    const noPath = await call('PATCH', `/Groups/${g.body.id}`, { schemas: [PATCH], Operations: [{ op: 'remove' }] });
    expect(noPath.body).toMatchObject({ status: '400', scimType: 'noTarget' });
  });
});

describe('RFC 7644 §3.6 and §4: deleting and discovery', () => {
  it('deletes with 204, then answers 404; the discovery documents list Users and Groups', async () => {
    const { call, ids } = await withPeople();
    expect((await call('DELETE', `/Users/${ids['jsmith@example.com']}`)).status).toBe(204);
    expect((await call('GET', `/Users/${ids['jsmith@example.com']}`)).body).toMatchObject({ schemas: [ERROR], status: '404' });
    const types = await call('GET', '/ResourceTypes');
    expect(types.body.Resources.map((r: { id: string }) => r.id).sort()).toEqual(['Group', 'User']);
    const schemas = await call('GET', '/Schemas');
    expect(schemas.body.Resources.map((r: { id: string }) => r.id)).toContain(USER);
  });
});
