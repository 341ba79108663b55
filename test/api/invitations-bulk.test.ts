// POST /api/v1/invitations: the Invite a User form's use case for up to 1,000 addresses, per-item
// outcomes, atomic or not, seats for the whole batch, and Idempotency-Key retries that invite nobody twice.
import { describe, expect, it } from 'vitest';
import { listAuditEvents } from '../../src/db/queries/audit.js';
import { addUser, makeApp, withSpace, type TestApp } from '../support/app.js';
import { api, makeKey } from './support.js';

type Answer = { items: Array<{ input: string; result: string; invitationId?: number; reason?: string }>; invited: number; duplicates: string[] };

const invitationCount = async (t: TestApp) => Number((await t.db.selectFrom('invitations').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

async function space(env: Record<string, string> = {}) {
  const t = await makeApp(env);
  await withSpace(t);
  const { key, id } = await makeKey(t, ['invitations:write', 'users:read'], { name: 'Onboarding' });
  return { t, key, keyId: id };
}

describe('bulk create', () => {
  it('answers per item: invited, already_member, already_invited; reads Name <email>; names the key as the inviter', async () => {
    const { t, key, keyId } = await space();
    await addUser(t, { email: 'member@example.com' });
    await api(t, 'POST', '/api/v1/invitations', { key, json: { addresses: ['pending@example.com'], profile: 'reader' } });
    const res = await api(t, 'POST', '/api/v1/invitations', {
      key,
      json: { addresses: ['Ada Lovelace <ada@example.com>', 'member@example.com', 'pending@example.com', 'ADA@example.com'], profile: 'reader' },
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as Answer;
    expect(body.items.map((i) => [i.input, i.result])).toEqual([
      ['ada@example.com', 'invited'],
      ['member@example.com', 'already_member'],
      ['pending@example.com', 'already_invited'],
    ]);
    expect(body.invited).toBe(1);
    expect(body.duplicates).toEqual(['ada@example.com']);
    const ada = await api(t, 'GET', `/api/v1/invitations/${body.items[0]!.invitationId}`, { key });
    expect(await ada.json()).toMatchObject({ email: 'ada@example.com', name: 'Ada Lovelace', invitedBy: `API key “Onboarding” (${keyId})`, status: 'pending' });
  });

  it('atomic (the default): one malformed item refuses the batch, naming it, and invites nobody', async () => {
    const { t, key } = await space();
    const res = await api(t, 'POST', '/api/v1/invitations', { key, json: { addresses: ['good@example.com', 'not an address', 'Bob <bob@>'], profile: 'reader' } });
    expect(res.status).toBe(422);
    expect(await res.json()).toMatchObject({ code: 'malformed', field: 'emails', malformed: ['not', 'an', 'address', 'Bob <bob@>'] });
    expect(await invitationCount(t)).toBe(0);
  });

  it('atomic: false invites the good ones and reports the rest with the reason', async () => {
    const { t, key } = await space();
    const longName = `${'N'.repeat(101)} <long@example.com>`;
    const res = await api(t, 'POST', '/api/v1/invitations', { key, json: { addresses: ['good@example.com', 'Bob <bob@>', longName], profile: 'reader', atomic: false } });
    expect(res.status).toBe(200);
    const body = (await res.json()) as Answer;
    expect(body.items.map((i) => [i.input, i.result, i.reason])).toEqual([
      ['good@example.com', 'invited', undefined],
      ['Bob <bob@>', 'malformed', 'not an email address'],
      ['long@example.com', 'malformed', 'the name is longer than 100 characters'],
    ]);
    expect(await invitationCount(t)).toBe(1);
  });

  it('refuses the whole batch when the profile lacks seats, with needed and free', async () => {
    const { t, key } = await space({ SEATS: 'designer:3,explorer:10,reader:10' });
    const res = await api(t, 'POST', '/api/v1/invitations', { key, json: { addresses: ['a@example.com', 'b@example.com', 'c@example.com'], profile: 'designer' } });
    expect(res.status).toBe(409);
    expect(await res.json()).toMatchObject({ code: 'not_enough_seats', profile: 'designer', needed: 3, free: 2 });
    expect(await invitationCount(t)).toBe(0);
  });

  it('takes 1,000 addresses and refuses 1,001 before reading them', async () => {
    const { t, key } = await space({ SEATS: 'designer:5,explorer:10,reader:unlimited' });
    const addresses = (n: number) => Array.from({ length: n }, (_, i) => `p${i}@example.com`);
    const many = await api(t, 'POST', '/api/v1/invitations', { key, json: { addresses: addresses(1000), profile: 'reader' } });
    expect(many.status).toBe(200);
    expect(((await many.json()) as Answer).invited).toBe(1000);
    const over = await api(t, 'POST', '/api/v1/invitations', { key, json: { addresses: addresses(1001), profile: 'reader' } });
    expect(over.status).toBe(422);
    expect(await over.json()).toMatchObject({ code: 'invalid', field: 'addresses' });
  });

  it('refuses an unknown group', async () => {
    const { t, key } = await space();
    const res = await api(t, 'POST', '/api/v1/invitations', { key, json: { addresses: ['a@example.com'], profile: 'reader', groups: [999] } });
    expect(res.status).toBe(422);
    expect(await res.json()).toMatchObject({ code: 'unknown_group', field: 'groups' });
  });
});

describe('Idempotency-Key', () => {
  const body = { addresses: ['a@example.com', 'b@example.com'], profile: 'reader' };

  it('a retry answers the first answer again and invites nobody twice', async () => {
    const { t, key } = await space();
    const headers = { 'idempotency-key': 'b9c1f4e2-retry-1' };
    const first = await api(t, 'POST', '/api/v1/invitations', { key, json: body, headers });
    const firstBody = await first.text();
    t.clock.advance(60_000);
    const retry = await api(t, 'POST', '/api/v1/invitations', { key, json: body, headers });
    expect(retry.status).toBe(first.status);
    expect(await retry.text()).toBe(firstBody);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(await invitationCount(t)).toBe(2);
    expect(await listAuditEvents(t.db, { action: 'invitation.created', limit: 10 })).toHaveLength(2);
    // Without the key, the same request is a new one: both already invited.
    const plain = (await (await api(t, 'POST', '/api/v1/invitations', { key, json: body })).json()) as Answer;
    expect(plain.items.map((i) => i.result)).toEqual(['already_invited', 'already_invited']);
  });

  it('replays a refusal too, and refuses the key reused for another request', async () => {
    const { t, key } = await space({ SEATS: 'designer:1,explorer:10,reader:10' });
    const headers = { 'idempotency-key': 'k-2' };
    const refused = await api(t, 'POST', '/api/v1/invitations', { key, json: { ...body, profile: 'designer' }, headers });
    expect(refused.status).toBe(409);
    const again = await api(t, 'POST', '/api/v1/invitations', { key, json: { ...body, profile: 'designer' }, headers });
    expect(again.status).toBe(409);
    expect(again.headers.get('content-type')).toBe('application/problem+json');
    const other = await api(t, 'POST', '/api/v1/invitations', { key, json: body, headers });
    expect(other.status).toBe(422);
    expect(await other.json()).toMatchObject({ code: 'idempotency_key_reused', field: 'Idempotency-Key' });
    expect(await invitationCount(t)).toBe(0);
  });

  it('belongs to one API key: another key with the same Idempotency-Key is a request of its own', async () => {
    const { t, key } = await space();
    const { key: other } = await makeKey(t, ['invitations:write']);
    const headers = { 'idempotency-key': 'shared' };
    await api(t, 'POST', '/api/v1/invitations', { key, json: body, headers });
    const res = await api(t, 'POST', '/api/v1/invitations', { key: other, json: body, headers });
    expect(res.headers.get('idempotent-replayed')).toBeNull();
    expect(((await res.json()) as Answer).items.map((i) => i.result)).toEqual(['already_invited', 'already_invited']);
  });
});
