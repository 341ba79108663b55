// POST /api/v1/users/bulk: the Users tab's bulk actions with an API key, on the same use cases: a dry run
// answers the counts, applying writes them in one transaction, refusals are problem+json from the one table.
import { describe, expect, it } from 'vitest';
import { listAuditEvents } from '../../src/db/queries/audit.js';
import { findUserById } from '../../src/db/queries/users.js';
import { addUser, makeApp, withSpace } from '../support/app.js';
import { api, makeKey } from './support.js';

/** The tables a bulk action writes (an API request itself also records the key's use and rate). */
async function written(t: Awaited<ReturnType<typeof space>>['t']) {
  return {
    users: await t.db.selectFrom('users').selectAll().orderBy('id').execute(),
    audit: await t.db.selectFrom('audit_events').select('id').execute(),
  };
}

async function space(env: Record<string, string> = {}) {
  const t = await makeApp(env);
  const owner = await withSpace(t);
  const readers = [];
  for (const name of ['ada', 'bob', 'cyd']) readers.push(await addUser(t, { email: `${name}@example.com`, profile: 'reader' }));
  const { key } = await makeKey(t, ['users:write'], { name: 'Provisioning' });
  return { t, owner, readers, key };
}

describe('POST /api/v1/users/bulk', () => {
  it('answers the counts on a dry run and writes nothing, then applies with one audit event per change', async () => {
    const { t, owner, readers, key } = await space();
    const json = { action: 'profile', profile: 'explorer', ids: { users: [owner.id, ...readers.map((r) => r.id)] } };
    const before = await written(t);
    const dry = await api(t, 'POST', '/api/v1/users/bulk', { key, json: { ...json, dry_run: true } });
    expect(dry.status).toBe(200);
    expect(await dry.json()).toEqual({ dryRun: true, applied: { users: 4, invitations: 0 }, skipped: [], refused: [], summary: '4 members to Explorer' });
    expect(await written(t)).toEqual(before);
    const res = await api(t, 'POST', '/api/v1/users/bulk', { key, json: { ...json, expect: { applied: 4, refused: 0 } } });
    expect(res.status).toBe(200);
    expect((await findUserById(t.db, readers[0]!.id))!.profile).toBe('explorer');
    const events = (await listAuditEvents(t.db, { action: 'user.updated', limit: 10 })).filter((e) => e.details.bulk);
    expect(events).toHaveLength(4);
    expect(events[0]!.actorLabel).toMatch(/^API key “Provisioning”/);
  });

  it('refuses the owner by the error table’s code and deletes the others; a key is nobody’s own account', async () => {
    const { t, owner, readers, key } = await space();
    const res = await api(t, 'POST', '/api/v1/users/bulk', { key, json: { action: 'delete', filter: { status: 'active' } } });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ applied: { users: 3 }, refused: [{ count: 1, reason: 'owner_stays_admin', words: 'the space owner' }] });
    expect(await findUserById(t.db, owner.id)).not.toBeNull();
    expect(await findUserById(t.db, readers[2]!.id)).toBeNull();
  });

  it('answers problem+json when the seats do not suffice for the batch, and writes nothing', async () => {
    const { t, readers, key } = await space({ SEATS: 'designer:5,explorer:2,reader:50' });
    const before = await written(t);
    const res = await api(t, 'POST', '/api/v1/users/bulk', { key, json: { action: 'profile', profile: 'explorer', ids: { users: readers.map((r) => r.id) } } });
    expect(res.status).toBe(409);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(await res.json()).toMatchObject({ code: 'not_enough_seats', profile: 'explorer', needed: 3, free: 2 });
    expect(await written(t)).toEqual(before);
  });

  it('answers 409 bulk_plan_changed when the counts differ from the accepted dry run', async () => {
    const { t, readers, key } = await space();
    const res = await api(t, 'POST', '/api/v1/users/bulk', { key, json: { action: 'deactivate', ids: { users: readers.map((r) => r.id) }, expect: { applied: 2, refused: 0 } } });
    expect(res.status).toBe(409);
    expect(await res.json()).toMatchObject({ code: 'bulk_plan_changed' });
    expect((await findUserById(t.db, readers[0]!.id))!.deactivatedAt).toBeNull();
  });

  it.each([
    { what: 'neither ids nor filter', json: { action: 'revoke' }, field: 'ids' },
    { what: 'a profile change without the profile', json: { action: 'profile', ids: { users: [1] } }, field: 'profile' },
    { what: 'an unknown action', json: { action: 'promote', ids: { users: [1] } }, field: 'action' },
  ])('refuses $what with 422 and the field', async ({ json, field }) => {
    const { t, key } = await space();
    const res = await api(t, 'POST', '/api/v1/users/bulk', { key, json });
    expect(res.status).toBe(422);
    expect(await res.json()).toMatchObject({ code: 'invalid', field });
  });
});
