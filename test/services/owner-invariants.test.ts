// The space has exactly one owner; the owner cannot be deleted, removed from space_administrators, or lose
// the ownership except by transferring it. Enforced in the services, whatever the UI shows.
import { describe, expect, it } from 'vitest';
import { validateSessionToken } from '../../src/auth/session.js';
import { listAuditEvents } from '../../src/db/queries/audit.js';
import { findUserById } from '../../src/db/queries/users.js';
import { deleteUser } from '../../src/services/delete-user.js';
import { editUser } from '../../src/services/edit-user.js';
import { transferOwnership } from '../../src/services/transfer-ownership.js';
import { addUser, makeApp, PASSWORD } from '../support/app.js';
import { snapshot } from '../support/db-snapshot.js';
import { actor, addAdmin, adminsGroupId, groupIdsOf, makeGroup, ownerId, spaceWithOwner } from '../support/invitations.js';

/** The owner, a second space admin, and a plain member. */
async function space() {
  const t = await makeApp();
  const { owner } = await spaceWithOwner(t);
  const admin = await addAdmin(t);
  const member = await addUser(t, { email: 'member@example.com', name: 'Mia Member', profile: 'explorer' });
  return { t, owner, admin, member, admins: await adminsGroupId(t) };
}

describe('the owner cannot be deleted', () => {
  it('by another space admin: refused, nothing changes', async () => {
    const { t, owner, admin } = await space();
    const before = await snapshot(t.db);
    expect(await deleteUser(t.deps, await actor(t, admin.id), owner.id)).toEqual({ ok: false, code: 'owner_stays_admin' });
    expect(await snapshot(t.db)).toEqual(before);
    expect(await validateSessionToken(t.db, owner.cookie.split('=')[1]!, t.deps.now())).not.toBeNull();
  });

  it('by the owner themself: refused, nothing changes', async () => {
    const { t, owner } = await space();
    const before = await snapshot(t.db);
    const r = await deleteUser(t.deps, await actor(t, owner.id), owner.id);
    expect(r.ok).toBe(false);
    expect(await snapshot(t.db)).toEqual(before);
  });

  it('once the ownership moved, the new owner is protected and the old one is not', async () => {
    const { t, owner, admin } = await space();
    expect(await transferOwnership(t.deps, await actor(t, owner.id), admin.id, PASSWORD)).toEqual({ ok: true });
    const third = await addAdmin(t, 'third@example.com');
    const asThird = await actor(t, third.id);
    expect(await deleteUser(t.deps, asThird, admin.id)).toEqual({ ok: false, code: 'owner_stays_admin' });
    expect(await deleteUser(t.deps, asThird, owner.id)).toEqual({ ok: true });
  });

  it('a member who is not the owner can be deleted: sessions end, memberships go, the audit says so', async () => {
    const { t, owner, member } = await space();
    const g = await makeGroup(t, 'Analysts');
    await t.db.insertInto('group_members').values({ group_id: g, user_id: member.id, added_at: t.deps.now() }).execute();
    expect(await deleteUser(t.deps, await actor(t, owner.id), member.id)).toEqual({ ok: true });
    expect(await findUserById(t.db, member.id)).toBeNull();
    expect(await validateSessionToken(t.db, member.cookie.split('=')[1]!, t.deps.now())).toBeNull();
    expect(await groupIdsOf(t, member.id)).toEqual([]);
    expect(await listAuditEvents(t.db, { action: 'user.deleted', limit: 5 })).toMatchObject([{ targetId: String(member.id), details: { endedSessions: 1 } }]);
  });
});

describe('the owner cannot leave space_administrators through Edit User', () => {
  it.each([
    { what: 'no group at all', groups: (_admins: number, _other: number) => [] },
    { what: 'other groups only', groups: (_admins: number, other: number) => [other] },
  ])('with $what: refused, nothing changes', async ({ groups }) => {
    const { t, owner, admin, admins } = await space();
    const other = await makeGroup(t, 'Analysts');
    for (const by of [owner.id, admin.id]) {
      const before = await snapshot(t.db);
      const r = await editUser(t.deps, await actor(t, by), owner.id, { displayName: 'Olivia Owner', profile: 'designer', groupIds: groups(admins, other) });
      expect(r).toEqual({ ok: false, code: 'owner_stays_admin' });
      expect(await snapshot(t.db)).toEqual(before);
    }
    expect(await groupIdsOf(t, owner.id)).toEqual([admins]);
  });

  it('other edits of the owner are fine, while they stay in space_administrators', async () => {
    const { t, owner, admin, admins } = await space();
    const other = await makeGroup(t, 'Analysts');
    const r = await editUser(t.deps, await actor(t, admin.id), owner.id, { displayName: 'Olivia O.', profile: 'designer', groupIds: [admins, other] });
    expect(r).toEqual({ ok: true });
    expect(await groupIdsOf(t, owner.id)).toEqual([admins, other].sort((a, b) => a - b));
    expect((await findUserById(t.db, owner.id))!.displayName).toBe('Olivia O.');
  });

  it('another admin can be taken out of space_administrators', async () => {
    const { t, owner, admin } = await space();
    expect(await editUser(t.deps, await actor(t, owner.id), admin.id, { displayName: 'Adam Admin', profile: 'explorer', groupIds: [] })).toEqual({ ok: true });
    expect((await actor(t, admin.id)).permissions.has('space_admin')).toBe(false);
  });
});

describe('Transfer Space Ownership', () => {
  it('moves the ownership; the new owner joins space_administrators, the old owner stays in it', async () => {
    const { t, owner, member, admins } = await space();
    expect(await groupIdsOf(t, member.id)).toEqual([]);
    expect(await transferOwnership(t.deps, await actor(t, owner.id), member.id, PASSWORD)).toEqual({ ok: true });
    expect(await ownerId(t)).toBe(member.id);
    expect(await groupIdsOf(t, member.id)).toEqual([admins]);
    expect(await groupIdsOf(t, owner.id)).toEqual([admins]);
    const [before, after] = [await actor(t, owner.id), await actor(t, member.id)];
    expect([before.isOwner, before.permissions.has('space_admin')]).toEqual([false, true]);
    expect([after.isOwner, after.permissions.has('space_admin')]).toEqual([true, true]);
    expect(await listAuditEvents(t.db, { action: 'space.ownership_transferred', limit: 5 })).toMatchObject([
      { actorId: owner.id, targetId: String(member.id), details: { from: 'owner@example.com', to: 'member@example.com' } },
    ]);
  });

  it('to someone already in space_administrators keeps one membership', async () => {
    const { t, owner, admin, admins } = await space();
    await transferOwnership(t.deps, await actor(t, owner.id), admin.id, PASSWORD);
    expect(await groupIdsOf(t, admin.id)).toEqual([admins]);
  });

  it.each([
    { what: 'a wrong password', password: 'not the password' },
    { what: 'an empty password', password: '' },
    { what: 'the password with a trailing space', password: `${PASSWORD} ` },
    { what: "the new owner's password", password: 'the other password' },
  ])('is refused with $what, nothing changes', async ({ password }) => {
    const { t, owner, member } = await space();
    await t.db
      .updateTable('users')
      .set({ password_hash: await t.deps.hasher.hash('the other password') })
      .where('id', '=', member.id)
      .execute();
    const before = await snapshot(t.db);
    expect(await transferOwnership(t.deps, await actor(t, owner.id), member.id, password)).toEqual({ ok: false, code: 'wrong_password' });
    expect(await snapshot(t.db)).toEqual(before);
  });

  it.each([
    { who: 'another space admin', as: 'admin' as const },
    { who: 'a plain member', as: 'member' as const },
  ])('is refused for $who, even with their own right password, nothing changes', async ({ as }) => {
    const ctx = await space();
    const { t } = ctx;
    const by = ctx[as];
    const target = as === 'admin' ? ctx.member : ctx.admin;
    const before = await snapshot(t.db);
    for (const to of [target.id, by.id]) {
      expect(await transferOwnership(t.deps, await actor(t, by.id), to, PASSWORD)).toEqual({ ok: false, code: 'not_owner' });
    }
    expect(await snapshot(t.db)).toEqual(before);
    expect(await ownerId(t)).toBe(ctx.owner.id);
  });

  it('is refused to oneself and to someone who does not exist', async () => {
    const { t, owner } = await space();
    const asOwner = await actor(t, owner.id);
    const before = await snapshot(t.db);
    expect(await transferOwnership(t.deps, asOwner, owner.id, PASSWORD)).toEqual({ ok: false, code: 'already_owner' });
    expect(await transferOwnership(t.deps, asOwner, 9999, PASSWORD)).toEqual({ ok: false, code: 'not_found' });
    expect(await snapshot(t.db)).toEqual(before);
  });

  it('cannot be done twice with a stale view of who the owner is', async () => {
    const { t, owner, admin, member } = await space();
    const stale = await actor(t, owner.id); // loaded while still the owner
    expect(await transferOwnership(t.deps, stale, admin.id, PASSWORD)).toEqual({ ok: true });
    expect(await transferOwnership(t.deps, stale, member.id, PASSWORD)).toEqual({ ok: false, code: 'not_owner' });
    expect(await ownerId(t)).toBe(admin.id);
  });

  it('two concurrent transfers leave exactly one owner: one wins, the other is refused', async () => {
    const { t, owner, admin, member, admins } = await space();
    const asOwner = await actor(t, owner.id);
    const results = await Promise.all([
      transferOwnership(t.deps, asOwner, admin.id, PASSWORD),
      transferOwnership(t.deps, asOwner, member.id, PASSWORD),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok)).toEqual([{ ok: false, code: 'not_owner' }]);
    const winner = results[0]!.ok ? admin.id : member.id;
    expect(await ownerId(t)).toBe(winner);
    expect(await t.db.selectFrom('space').selectAll().execute()).toHaveLength(1);
    expect(await listAuditEvents(t.db, { action: 'space.ownership_transferred', limit: 5 })).toHaveLength(1);
    // The loser's target was not made an admin by the refused transfer.
    if (winner === admin.id) expect(await groupIdsOf(t, member.id)).toEqual([]);
    expect(await groupIdsOf(t, owner.id)).toEqual([admins]);
  });
});
