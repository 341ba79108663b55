// Deactivate and reactivate a member: sessions end, sign-in is refused (as a wrong password is), the seat
// is freed and taken again under the seat rule; profile, groups and history stay; never the owner.
import { describe, expect, it } from 'vitest';
import { validateSessionToken } from '../../src/auth/session.js';
import { listAuditEvents } from '../../src/db/queries/audit.js';
import { findUserById } from '../../src/db/queries/users.js';
import { deactivateUser, reactivateUser } from '../../src/services/deactivation.js';
import { requestPasswordReset } from '../../src/services/password-reset.js';
import { loadCurrentUser } from '../../src/services/principal.js';
import { seatUsage } from '../../src/services/seats.js';
import { signIn } from '../../src/services/sign-in.js';
import { addUser, makeApp, PASSWORD } from '../support/app.js';
import { snapshot } from '../support/db-snapshot.js';
import { actor, addAdmin, groupIdsOf, inviteOne, spaceWithOwner } from '../support/invitations.js';

async function setup() {
  const t = await makeApp({ SEATS: 'designer:5,explorer:1,reader:50' });
  const { owner, admin } = await spaceWithOwner(t);
  const ada = await addUser(t, { email: 'ada@example.com', profile: 'explorer', groups: [{ name: 'analysts' }] });
  return { t, owner, admin, ada };
}

const explorerSeats = async (t: Awaited<ReturnType<typeof setup>>['t']) => (await seatUsage(t.db, t.config.seats, t.deps.now())).explorer;

describe('deactivateUser', () => {
  it('ends their sessions, frees their seat, keeps profile and groups, and records it', async () => {
    const { t, admin, ada } = await setup();
    const groups = await groupIdsOf(t, ada.id);
    expect((await explorerSeats(t)).used).toBe(1);
    expect(await deactivateUser(t.deps, admin, ada.id)).toEqual({ ok: true, changed: true });
    expect(await validateSessionToken(t.db, ada.cookie.split('=')[1]!, t.deps.now())).toBeNull();
    expect((await explorerSeats(t)).used).toBe(0);
    const user = await findUserById(t.db, ada.id);
    expect(user).toMatchObject({ profile: 'explorer', deactivatedAt: t.deps.now() });
    expect(await groupIdsOf(t, ada.id)).toEqual(groups);
    expect(await loadCurrentUser(t.db, ada.id)).toBeNull();
    const [event] = await listAuditEvents(t.db, { action: 'user.deactivated', limit: 5 });
    expect(event).toMatchObject({ actorLabel: 'owner@example.com', targetType: 'user', targetLabel: 'ada@example.com' });
    expect(event!.details).toEqual({ profile: 'explorer', endedSessions: 1 });
  });

  it('refuses their password sign-in with the answer a wrong password gets, and sends them no reset link', async () => {
    const { t, admin, ada } = await setup();
    await deactivateUser(t.deps, admin, ada.id);
    expect(await signIn(t.deps, ada.email, PASSWORD)).toEqual({ ok: false, code: 'invalid_credentials' });
    const before = await snapshot(t.db);
    await requestPasswordReset(t.deps, ada.email);
    expect(await snapshot(t.db)).toEqual(before);
  });

  it('is idempotent: deactivating twice changes nothing the second time', async () => {
    const { t, admin, ada } = await setup();
    await deactivateUser(t.deps, admin, ada.id);
    const before = await snapshot(t.db);
    expect(await deactivateUser(t.deps, admin, ada.id)).toEqual({ ok: true, changed: false });
    expect(await snapshot(t.db)).toEqual(before);
  });

  it.each([
    { what: 'the owner', code: 'owner_stays_active' },
    { what: 'oneself', code: 'own_account_active' },
    { what: 'an unknown user', code: 'not_found' },
  ])('refuses $what ($code), changing nothing', async ({ what, code }) => {
    const { t, owner } = await setup();
    const second = await addAdmin(t);
    const as = await actor(t, second.id);
    const target = what === 'the owner' ? owner.id : what === 'oneself' ? second.id : 9999;
    const before = await snapshot(t.db);
    expect(await deactivateUser(t.deps, as, target)).toEqual({ ok: false, code });
    expect(await snapshot(t.db)).toEqual(before);
  });

  it('is refused to someone without Space Admin', async () => {
    const { t, ada } = await setup();
    const reader = await addUser(t, { email: 'reader@example.com' });
    expect(await deactivateUser(t.deps, await actor(t, reader.id), ada.id)).toEqual({ ok: false, code: 'forbidden' });
    expect((await findUserById(t.db, ada.id))!.deactivatedAt).toBeNull();
  });
});

describe('reactivateUser', () => {
  it('takes a seat again, and they can sign in', async () => {
    const { t, admin, ada } = await setup();
    await deactivateUser(t.deps, admin, ada.id);
    expect(await reactivateUser(t.deps, admin, ada.id)).toEqual({ ok: true, changed: true });
    expect((await explorerSeats(t)).used).toBe(1);
    expect((await signIn(t.deps, ada.email, PASSWORD)).ok).toBe(true);
    expect(await listAuditEvents(t.db, { action: 'user.reactivated', limit: 5 })).toHaveLength(1);
  });

  it('is refused when their seat was given away meanwhile (not_enough_seats names the profile)', async () => {
    const { t, admin, ada } = await setup();
    await deactivateUser(t.deps, admin, ada.id);
    await addUser(t, { email: 'bea@example.com', profile: 'explorer' }); // the one explorer seat
    const before = await snapshot(t.db);
    expect(await reactivateUser(t.deps, admin, ada.id)).toEqual({ ok: false, code: 'not_enough_seats', profile: 'explorer', needed: 1, free: 0 });
    expect(await snapshot(t.db)).toEqual(before);
  });

  it('counts a pending invitation as holding its seat', async () => {
    const { t, admin, ada } = await setup();
    await deactivateUser(t.deps, admin, ada.id);
    await inviteOne(t, admin, 'cleo@example.com', { profile: 'explorer' });
    expect(await reactivateUser(t.deps, admin, ada.id)).toMatchObject({ ok: false, code: 'not_enough_seats' });
  });
});
