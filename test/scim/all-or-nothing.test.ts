// A SCIM request is one use case in ONE transaction: when a later operation of a PATCH (or a later part of a
// PUT or POST) is refused by the space's rules, what the earlier ones changed is rolled back, audit events
// included. Only the key's own bookkeeping (its last use, its rate counter) is written.
import { describe, expect, it } from 'vitest';
import { snapshot } from '../support/db-snapshot.js';
import { EXT, GROUP, PATCH, scimSpace, userBody, type ScimTest } from './support.js';

/** Every table but the key's bookkeeping, which each authenticated request updates. */
async function space(s: ScimTest) {
  const { api_keys: _keys, api_rate_counters: _counters, ...rest } = await snapshot(s.t.db);
  return rest;
}

const patch = (...Operations: unknown[]) => ({ schemas: [PATCH], Operations });

async function groupNamed(s: ScimTest, name: string): Promise<string> {
  const found = await s.call('GET', `/Groups?filter=${encodeURIComponent(`displayName eq "${name}"`)}`);
  return found.body.Resources[0].id as string;
}

describe('a User PATCH refused part-way', () => {
  it('keeps the new name unapplied when deactivating the owner is refused', async () => {
    const s = await scimSpace();
    const before = await space(s);
    const res = await s.call(
      'PATCH',
      `/Users/${s.owner.id}`,
      patch({ op: 'replace', path: 'displayName', value: 'Renamed Owner' }, { op: 'replace', path: 'active', value: false }),
    );
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ scimType: 'mutability' });
    expect(await space(s)).toEqual(before);
  });

  it('keeps the new name unapplied when the reactivation finds no free seat of the profile', async () => {
    const s = await scimSpace({ SEATS: 'designer:5,explorer:5,reader:1' });
    const ada = (await s.call('POST', '/Users', userBody('ada@idp.example', { [EXT]: { profile: 'reader' } }))).body.id as string;
    expect((await s.call('PATCH', `/Users/${ada}`, patch({ op: 'replace', path: 'active', value: false }))).status).toBe(200);
    expect((await s.call('POST', '/Users', userBody('bob@idp.example', { [EXT]: { profile: 'reader' } }))).status).toBe(201);

    const before = await space(s);
    const res = await s.call(
      'PATCH',
      `/Users/${ada}`,
      patch({ op: 'replace', path: 'displayName', value: 'Ada Lovelace' }, { op: 'replace', path: 'active', value: true }),
    );
    expect(res.status).toBe(400);
    expect(res.body.detail).toMatch(/reader/i);
    expect(await space(s)).toEqual(before);
    expect((await s.call('GET', `/Users/${ada}`)).body).toMatchObject({ displayName: 'ada Tester', active: false });
  });

  it('keeps the member deactivated when the profile of the second operation has no free seat', async () => {
    const s = await scimSpace({ SEATS: 'designer:5,explorer:1,reader:5' });
    const ada = (await s.call('POST', '/Users', userBody('ada@idp.example', { [EXT]: { profile: 'reader' }, active: false }))).body.id as string;
    expect((await s.call('POST', '/Users', userBody('bob@idp.example', { [EXT]: { profile: 'explorer' } }))).status).toBe(201);

    const before = await space(s);
    const res = await s.call(
      'PATCH',
      `/Users/${ada}`,
      patch({ op: 'replace', path: 'active', value: true }, { op: 'replace', path: `${EXT}:profile`, value: 'explorer' }),
    );
    expect(res.status).toBe(400);
    expect(res.body.detail).toMatch(/explorer/i);
    expect(await space(s)).toEqual(before);
    expect((await s.call('GET', `/Users/${ada}`)).body).toMatchObject({ active: false, [EXT]: { profile: 'reader' } });
  });
});

describe('a User PUT refused part-way', () => {
  it('keeps the owner’s name when the same PUT would deactivate them', async () => {
    const s = await scimSpace();
    const owner = (await s.call('GET', `/Users/${s.owner.id}`)).body;
    const before = await space(s);
    const res = await s.call('PUT', `/Users/${s.owner.id}`, userBody(owner.userName, { displayName: 'Renamed Owner', active: false }));
    expect(res.status).toBe(400);
    expect(await space(s)).toEqual(before);
  });
});

describe('a Group PATCH refused part-way', () => {
  it('does not add the first operation’s member when the second removes the owner from space_administrators', async () => {
    const s = await scimSpace();
    const ada = (await s.call('POST', '/Users', userBody('ada@idp.example'))).body.id as string;
    const admins = await groupNamed(s, 'space_administrators');
    const before = await space(s);
    const res = await s.call(
      'PATCH',
      `/Groups/${admins}`,
      patch({ op: 'add', path: 'members', value: [{ value: ada }] }, { op: 'remove', path: `members[value eq "${s.owner.id}"]` }),
    );
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ scimType: 'mutability' });
    expect(await space(s)).toEqual(before);
    const members = (await s.call('GET', `/Groups/${admins}`)).body.members.map((m: { value: string }) => m.value);
    expect(members).toEqual([String(s.owner.id)]);
  });

  it('does not rename the group when a later operation names someone who is not a user', async () => {
    const s = await scimSpace();
    const group = (await s.call('POST', '/Groups', { schemas: [GROUP], displayName: 'Sales EMEA' })).body.id as string;
    const before = await space(s);
    const res = await s.call(
      'PATCH',
      `/Groups/${group}`,
      patch({ op: 'replace', path: 'displayName', value: 'Sales (EMEA)' }, { op: 'add', path: 'members', value: [{ value: '999999' }] }),
    );
    expect(res.status).toBe(400);
    expect(await space(s)).toEqual(before);
    expect((await s.call('GET', `/Groups/${group}`)).body.displayName).toBe('Sales EMEA');
  });
});

describe('a Group POST or PUT refused part-way', () => {
  it('creates no group when one of its members is not a user', async () => {
    const s = await scimSpace();
    const ada = (await s.call('POST', '/Users', userBody('ada@idp.example'))).body.id as string;
    const before = await space(s);
    const res = await s.call('POST', '/Groups', { schemas: [GROUP], displayName: 'Ghosts', members: [{ value: ada }, { value: '999999' }] });
    expect(res.status).toBe(400);
    expect(await space(s)).toEqual(before);
  });

  it('keeps the name and the members when the new list leaves out the owner of space_administrators', async () => {
    const s = await scimSpace();
    const ada = (await s.call('POST', '/Users', userBody('ada@idp.example'))).body.id as string;
    const admins = await groupNamed(s, 'space_administrators');
    const before = await space(s);
    const res = await s.call('PUT', `/Groups/${admins}`, { schemas: [GROUP], displayName: 'space_administrators', members: [{ value: ada }] });
    expect(res.status).toBe(400);
    expect(await space(s)).toEqual(before);
  });
});
