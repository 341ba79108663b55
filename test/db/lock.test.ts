// lockSpace: the checks that need a lock hold when the requests race on several connections (on
// PostgreSQL each use case below runs on its own pooled connection; on SQLite BEGIN IMMEDIATE queues them).
import { describe, expect, it } from 'vitest';
import { acceptInvitation } from '../../src/services/accept-invitation.js';
import { inviteUsers } from '../../src/services/invite-users.js';
import { editUser } from '../../src/services/edit-user.js';
import { makeApp, addUser } from '../support/app.js';
import { actor, inviteOne, emailedLink, spaceWithOwner, tokenOf } from '../support/invitations.js';

describe('lockSpace: concurrent check-then-write', () => {
  it('50 invitations racing for the last designer seat: exactly one is written', async () => {
    const t = await makeApp({ SEATS: 'designer:2,explorer:10,reader:50' }); // the owner holds one
    const { admin } = await spaceWithOwner(t);
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => inviteUsers(t.deps, admin, { emails: `d${i}@example.com`, profile: 'designer', groupIds: [] })),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok && r.code === 'not_enough_seats')).toHaveLength(49);
    const pending = await t.db.selectFrom('invitations').select('id').where('status', '=', 'pending').where('profile', '=', 'designer').execute();
    expect(pending).toHaveLength(1);
  });

  it('20 accepts of one link at once: exactly one member', async () => {
    const t = await makeApp();
    const { admin } = await spaceWithOwner(t);
    await inviteOne(t, admin, 'new@example.com');
    const token = tokenOf(await emailedLink(t, 'new@example.com'));
    const results = await Promise.all(
      Array.from({ length: 20 }, () => acceptInvitation(t.deps, token, { displayName: 'New Person', password: 'correct horse battery' })),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    const members = await t.db.selectFrom('users').select('id').where('email_key', '=', 'new@example.com').execute();
    expect(members).toHaveLength(1);
  });

  it('profile changes racing for the last designer seat: one wins, the seat count holds', async () => {
    const t = await makeApp({ SEATS: 'designer:2,explorer:10,reader:50' });
    const { owner } = await spaceWithOwner(t);
    const readers = await Promise.all(Array.from({ length: 10 }, (_, i) => addUser(t, { email: `r${i}@example.com`, profile: 'reader' })));
    const by = await actor(t, owner.id);
    const results = await Promise.all(readers.map((r) => editUser(t.deps, by, r.id, { displayName: 'Reader', profile: 'designer', groupIds: [] })));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    const designers = await t.db.selectFrom('users').select('id').where('profile', '=', 'designer').execute();
    expect(designers).toHaveLength(2);
  });
});
