// Delete user as a use case: sessions end, memberships go, the seat is freed, one audit event.
import { describe, expect, it } from 'vitest';
import { validateSessionToken } from '../../src/auth/session.js';
import { listAuditEvents } from '../../src/db/queries/audit.js';
import { findUserById } from '../../src/db/queries/users.js';
import { deleteUser } from '../../src/services/delete-user.js';
import { seatUsage } from '../../src/services/seats.js';
import { addUser, makeApp } from '../support/app.js';
import { snapshot } from '../support/db-snapshot.js';
import { actor, addAdmin, groupIdsOf, spaceWithOwner } from '../support/invitations.js';

async function setup() {
  const t = await makeApp();
  const { admin } = await spaceWithOwner(t);
  const ada = await addUser(t, { email: 'ada@example.com', profile: 'explorer', groups: [{ name: 'analysts' }] });
  return { t, admin, ada };
}

describe('deleteUser', () => {
  it('ends their sessions, removes their memberships, frees their seat and records it', async () => {
    const { t, admin, ada } = await setup();
    const usedBefore = (await seatUsage(t.db, t.config.seats, t.deps.now())).explorer.used;
    expect(await deleteUser(t.deps, admin, ada.id)).toEqual({ ok: true });
    expect(await findUserById(t.db, ada.id)).toBeNull();
    expect(await groupIdsOf(t, ada.id)).toEqual([]);
    expect(await validateSessionToken(t.db, ada.cookie.split('=')[1]!, t.deps.now())).toBeNull();
    expect((await seatUsage(t.db, t.config.seats, t.deps.now())).explorer.used).toBe(usedBefore - 1);
    const [event] = await listAuditEvents(t.db, { action: 'user.deleted', limit: 5 });
    expect(event).toMatchObject({ actorLabel: 'owner@example.com', targetType: 'user', targetLabel: 'ada@example.com' });
    expect(event!.details).toEqual({ profile: 'explorer', endedSessions: 1 });
  });

  it("refuses one's own account (own_account) and an unknown user (not_found), changing nothing", async () => {
    const { t } = await setup();
    const second = await addAdmin(t);
    const before = await snapshot(t.db);
    const as = await actor(t, second.id);
    expect(await deleteUser(t.deps, as, second.id)).toEqual({ ok: false, code: 'own_account' });
    expect(await deleteUser(t.deps, as, 9999)).toEqual({ ok: false, code: 'not_found' });
    expect(await snapshot(t.db)).toEqual(before);
  });

  it('is refused to someone without Space Admin', async () => {
    const { t, ada } = await setup();
    const reader = await addUser(t, { email: 'reader@example.com' });
    expect(await deleteUser(t.deps, await actor(t, reader.id), ada.id)).toEqual({ ok: false, code: 'forbidden' });
    expect(await findUserById(t.db, ada.id)).not.toBeNull();
  });
});
