// Edit User as a use case: name, profile (seat rules) and groups in one transaction, with one audit event.
import { describe, expect, it } from 'vitest';
import { listAuditEvents } from '../../src/db/queries/audit.js';
import { findUserById } from '../../src/db/queries/users.js';
import { editUser } from '../../src/services/edit-user.js';
import { addUser, makeApp } from '../support/app.js';
import { snapshot } from '../support/db-snapshot.js';
import { actor, addAdmin, groupIdsOf, makeGroup, spaceWithOwner } from '../support/invitations.js';

async function setup(env: Record<string, string> = {}) {
  const t = await makeApp(env);
  const { admin } = await spaceWithOwner(t);
  const analysts = await makeGroup(t, 'analysts');
  const marketing = await makeGroup(t, 'marketing');
  const ada = await addUser(t, { email: 'ada@example.com', name: 'Ada', profile: 'reader' });
  return { t, admin, analysts, marketing, ada };
}

describe('editUser', () => {
  it('changes the name, profile and groups together and records one event naming each change', async () => {
    const { t, admin, analysts, marketing, ada } = await setup();
    const r = await editUser(t.deps, admin, ada.id, { displayName: 'Ada L.', profile: 'explorer', groupIds: [analysts, marketing] });
    expect(r).toEqual({ ok: true });
    expect(await findUserById(t.db, ada.id)).toMatchObject({ displayName: 'Ada L.', profile: 'explorer' });
    expect(await groupIdsOf(t, ada.id)).toEqual([analysts, marketing].sort((a, b) => a - b));
    const [event] = await listAuditEvents(t.db, { action: 'user.updated', limit: 5 });
    expect(event).toMatchObject({ actorLabel: 'owner@example.com', targetLabel: 'ada@example.com' });
    expect(event!.details).toEqual({ name: 'Ada → Ada L.', profile: 'reader → explorer', joined: ['analysts', 'marketing'] });
  });

  it('saved as it was: nothing is recorded', async () => {
    const { t, admin, ada } = await setup();
    expect(await editUser(t.deps, admin, ada.id, { displayName: 'Ada', profile: 'reader', groupIds: [] })).toEqual({ ok: true });
    expect(await listAuditEvents(t.db, { action: 'user.updated', limit: 5 })).toEqual([]);
  });

  it.each([
    { what: 'a user who does not exist', id: 9999, input: { groupIds: [] }, code: 'not_found' },
    { what: 'a group that does not exist', id: null, input: { groupIds: [9999] }, code: 'unknown_group' },
  ])('refuses $what with $code, changing nothing', async ({ id, input, code }) => {
    const { t, admin, ada } = await setup();
    const before = await snapshot(t.db);
    const r = await editUser(t.deps, admin, id ?? ada.id, { displayName: 'X', profile: 'reader', ...input });
    expect(r).toEqual({ ok: false, code });
    expect(await snapshot(t.db)).toEqual(before);
  });

  it('a new profile needs a free seat of it: not_enough_seats with the numbers, nothing changed', async () => {
    const { t, admin, ada } = await setup({ SEATS: 'designer:1,explorer:10,reader:50' });
    const before = await snapshot(t.db);
    const r = await editUser(t.deps, admin, ada.id, { displayName: 'Ada', profile: 'designer', groupIds: [] });
    expect(r).toEqual({ ok: false, code: 'not_enough_seats', profile: 'designer', needed: 1, free: 0 });
    expect(await snapshot(t.db)).toEqual(before);
  });

  it('is refused to someone without Space Admin, whatever the UI shows', async () => {
    const { t, ada } = await setup();
    const reader = await addUser(t, { email: 'reader@example.com' });
    const r = await editUser(t.deps, await actor(t, reader.id), ada.id, { displayName: 'Hacked', profile: 'reader', groupIds: [] });
    expect(r).toEqual({ ok: false, code: 'forbidden' });
    expect((await findUserById(t.db, ada.id))!.displayName).toBe('Ada');
  });

  it('a second space admin may edit too', async () => {
    const { t, ada } = await setup();
    const second = await addAdmin(t);
    expect(await editUser(t.deps, await actor(t, second.id), ada.id, { displayName: 'Ada B.', profile: 'reader', groupIds: [] })).toEqual({ ok: true });
  });
});
