// Bulk actions on the Users tab: the plan says in counts what would happen (applied, skipped and why,
// refused with the error table's reasons), and applying does exactly that in one transaction: seats checked
// for the batch as a whole, one audit event per change, nothing written when the batch cannot go through.
import { describe, expect, it } from 'vitest';
import { validateSessionToken } from '../../src/auth/session.js';
import { listAuditEvents } from '../../src/db/queries/audit.js';
import { findInvitation } from '../../src/db/queries/invitations.js';
import { findUserById } from '../../src/db/queries/users.js';
import { BULK_MAX } from '../../src/domain/bulk.js';
import { applyBulk } from '../../src/services/bulk-apply.js';
import { planBulk, planCounts, type BulkInput } from '../../src/services/bulk-plan.js';
import { describeRefusal } from '../../src/services/errors.js';
import { inviteUsers } from '../../src/services/invite-users.js';
import { transferOwnership } from '../../src/services/transfer-ownership.js';
import { addUser, makeApp, PASSWORD, type TestApp } from '../support/app.js';
import { snapshot } from '../support/db-snapshot.js';
import { actor, adminsGroupId, DAY, groupIdsOf, inviteOne, makeGroup, spaceWithOwner } from '../support/invitations.js';

async function setup(seats = 'designer:5,explorer:10,reader:50') {
  const t = await makeApp({ SEATS: seats });
  const { owner, admin } = await spaceWithOwner(t);
  const readers = [];
  for (const name of ['ada', 'bob', 'cyd']) readers.push(await addUser(t, { email: `${name}@example.com`, profile: 'reader' }));
  const eve = await addUser(t, { email: 'eve@example.com', profile: 'explorer' });
  return { t, owner, admin, readers, eve };
}

const ids = (users: Array<{ id: number }>, invitations: Array<{ id: number }> = []) => ({ kind: 'ids' as const, users: users.map((u) => u.id), invitations: invitations.map((i) => i.id) });

async function bulkEvents(t: TestApp) {
  return (await listAuditEvents(t.db, { limit: 1000 })).filter((e) => e.details.bulk === true);
}

describe('planBulk', () => {
  it('counts the rows to change, the rows skipped with their reason, and writes nothing', async () => {
    const { t, admin, readers, eve } = await setup();
    const before = await snapshot(t.db);
    const r = await planBulk(t.deps, admin, { action: 'profile', profile: 'explorer', selection: ids([...readers, eve]) });
    expect(r.ok && r.plan).toMatchObject({
      applied: { users: 3, invitations: 0 },
      skipped: [{ reason: 'already_profile', count: 1 }],
      refused: [],
      seats: null,
      summary: '3 members to Explorer, 1 skipped: already explorer',
    });
    expect(await snapshot(t.db)).toEqual(before);
  });

  it('refuses the owner and oneself with the error table’s reasons, and skips invitations for Delete', async () => {
    const { t, owner, admin, readers } = await setup();
    const adam = await addUser(t, { email: 'adam@example.com', profile: 'explorer', groups: [{ name: 'space_administrators' }] });
    const invitation = await inviteOne(t, admin, 'nina@example.com');
    const r = await planBulk(t.deps, await actor(t, adam.id), { action: 'delete', selection: ids([owner, adam, ...readers], [invitation]) });
    expect(r.ok && r.plan).toMatchObject({
      applied: { users: 3, invitations: 0 },
      skipped: [{ reason: 'invitation_not_member', count: 1 }],
      refused: [
        { code: 'owner_stays_admin', count: 1, words: 'the space owner' },
        { code: 'own_account', count: 1, words: 'your own account' },
      ],
      summary: '3 members deleted, 1 skipped: an invitation (revoke it instead), 2 refused: 1 the space owner, 1 your own account',
    });
  });

  it('checks the seats for the batch as a whole, with the invite form’s words', async () => {
    const { t, admin, readers } = await setup('designer:5,explorer:3,reader:50');
    const r = await planBulk(t.deps, admin, { action: 'profile', profile: 'explorer', selection: ids(readers) });
    expect(r.ok && r.plan.seats).toEqual({ code: 'not_enough_seats', profile: 'explorer', needed: 3, free: 2 });
    // The words Invite a User shows for the same shortage.
    const invite = await inviteUsers(t.deps, admin, { emails: 'x@example.com, y@example.com, z@example.com', profile: 'explorer', groupIds: [] });
    expect(invite).toMatchObject({ ok: false, code: 'not_enough_seats', needed: 3, free: 2 });
    expect(describeRefusal(r.ok ? r.plan.seats! : invite as never).words).toBe(describeRefusal(invite as never).words);
  });

  it('counts no seat for deactivated members and expired invitations moved to another profile', async () => {
    const { t, admin, readers } = await setup('designer:5,explorer:1,reader:50');
    await applyBulk(t.deps, admin, { action: 'deactivate', selection: ids(readers.slice(0, 2)) });
    const r = await planBulk(t.deps, admin, { action: 'profile', profile: 'explorer', selection: ids(readers.slice(0, 2)) });
    expect(r.ok && r.plan).toMatchObject({ applied: { users: 2 }, seats: null });
  });

  it('waits for the profile or the group before counting', async () => {
    const { t, admin, readers } = await setup();
    const r = await planBulk(t.deps, admin, { action: 'add_group', selection: ids(readers) });
    expect(r.ok && r.plan).toMatchObject({ needsTarget: true, selected: 3, applied: { users: 0, invitations: 0 } });
    expect(await applyBulk(t.deps, admin, { action: 'add_group', selection: ids(readers) })).toMatchObject({ ok: false, code: 'bulk_target_missing' });
  });

  it.each([
    { what: 'an empty selection', selection: { kind: 'ids' as const, users: [], invitations: [] }, code: 'bulk_empty' },
    { what: 'more rows than one action takes', selection: { kind: 'ids' as const, users: Array.from({ length: BULK_MAX + 1 }, (_, n) => n + 1), invitations: [] }, code: 'bulk_too_many' },
  ])('refuses $what', async ({ selection, code }) => {
    const { t, admin } = await setup();
    expect(await planBulk(t.deps, admin, { action: 'revoke', selection })).toMatchObject({ ok: false, code });
  });

  it('is refused to a member who is not a space admin', async () => {
    const { t, readers } = await setup();
    const input: BulkInput = { action: 'delete', selection: ids(readers) };
    expect(await planBulk(t.deps, await actor(t, readers[0]!.id), input)).toEqual({ ok: false, code: 'forbidden' });
    expect(await applyBulk(t.deps, await actor(t, readers[0]!.id), input)).toEqual({ ok: false, code: 'forbidden' });
  });
});

describe('applyBulk', () => {
  it('changes the profile of each member and invitation, with one audit event each', async () => {
    const { t, admin, readers, eve } = await setup();
    const invitation = await inviteOne(t, admin, 'nina@example.com');
    const r = await applyBulk(t.deps, admin, { action: 'profile', profile: 'explorer', selection: ids([...readers, eve], [invitation]) });
    expect(r).toMatchObject({ ok: true, plan: { applied: { users: 3, invitations: 1 } } });
    for (const u of readers) expect((await findUserById(t.db, u.id))!.profile).toBe('explorer');
    expect((await findInvitation(t.db, invitation.id))!.profile).toBe('explorer');
    const events = await bulkEvents(t);
    expect(events.map((e) => `${e.action} ${e.targetLabel}`).sort()).toEqual([
      'invitation.updated nina@example.com',
      'user.updated ada@example.com',
      'user.updated bob@example.com',
      'user.updated cyd@example.com',
    ]);
    expect(events.find((e) => e.targetLabel === 'ada@example.com')!.details).toEqual({ profile: 'reader → explorer', bulk: true });
  });

  it('applies nothing at all when the seats do not suffice for the batch', async () => {
    const { t, admin, readers } = await setup('designer:5,explorer:3,reader:50');
    const before = await snapshot(t.db);
    const r = await applyBulk(t.deps, admin, { action: 'profile', profile: 'explorer', selection: ids(readers) });
    expect(r).toMatchObject({ ok: false, code: 'not_enough_seats', profile: 'explorer', needed: 3, free: 2 });
    expect(await snapshot(t.db)).toEqual(before);
  });

  it('leaves refused rows as they are and changes the others (the owner stays in space_administrators)', async () => {
    const { t, owner, admin, readers } = await setup();
    const admins = await adminsGroupId(t);
    await applyBulk(t.deps, admin, { action: 'add_group', groupId: admins, selection: ids(readers) });
    const r = await applyBulk(t.deps, admin, { action: 'remove_group', groupId: admins, selection: ids([owner, ...readers]) });
    expect(r).toMatchObject({ ok: true, plan: { applied: { users: 3 }, refused: [{ code: 'owner_stays_admin', count: 1 }] } });
    expect(await groupIdsOf(t, owner.id)).toContain(admins);
    for (const u of readers) expect(await groupIdsOf(t, u.id)).not.toContain(admins);
    const removed = (await bulkEvents(t)).filter((e) => e.action === 'group.member_removed');
    expect(removed.map((e) => e.details.user).sort()).toEqual(['ada@example.com', 'bob@example.com', 'cyd@example.com']);
  });

  it('writes nothing when a row is refused that the confirmed plan did not refuse (one transaction)', async () => {
    const { t, owner, admin, readers } = await setup();
    const input: BulkInput = { action: 'delete', selection: ids(readers) };
    const planned = await planBulk(t.deps, admin, input);
    const expect_ = planCounts(planned.ok ? planned.plan : (null as never));
    expect(expect_).toEqual({ applied: 3, refused: 0 });
    // Meanwhile the owner hands the space to bob, the second of the three: he can no longer be deleted.
    expect(await transferOwnership(t.deps, admin, readers[1]!.id, PASSWORD)).toEqual({ ok: true });
    void owner;
    const before = await snapshot(t.db);
    const r = await applyBulk(t.deps, admin, { ...input, expect: expect_ });
    expect(r).toMatchObject({ ok: false, code: 'bulk_plan_changed', plan: { applied: { users: 2 }, refused: [{ code: 'owner_stays_admin', count: 1 }] } });
    expect(await snapshot(t.db)).toEqual(before);
    expect(await findUserById(t.db, readers[0]!.id)).not.toBeNull();
  });

  it('resolves "all that match the filters" when it applies, not from the list that was shown', async () => {
    const { t, admin } = await setup();
    const selection = { kind: 'matching' as const, filter: { profile: 'reader' as const, status: 'active' as const } };
    const planned = await planBulk(t.deps, admin, { action: 'profile', profile: 'designer', selection });
    expect(planned.ok && planned.plan.applied.users).toBe(3);
    const late = await addUser(t, { email: 'late@example.com', profile: 'reader' });
    const r = await applyBulk(t.deps, admin, { action: 'profile', profile: 'designer', selection });
    expect(r).toMatchObject({ ok: true, plan: { applied: { users: 4 } } });
    expect((await findUserById(t.db, late.id))!.profile).toBe('designer');
    // With the counts the person confirmed, the newcomer makes it a different batch: nothing is written.
    const other = await addUser(t, { email: 'later@example.com', profile: 'reader' });
    const changed = await applyBulk(t.deps, admin, { action: 'profile', profile: 'explorer', selection, expect: { applied: 4, refused: 0 } });
    expect(changed).toMatchObject({ ok: false, code: 'bulk_plan_changed' });
    expect((await findUserById(t.db, other.id))!.profile).toBe('reader');
  });

  it('adds members and invitations to a group, skipping those already in it', async () => {
    const { t, admin, readers } = await setup();
    const analysts = await makeGroup(t, 'analysts');
    const invitation = await inviteOne(t, admin, 'nina@example.com', { groupIds: [analysts] });
    const other = await inviteOne(t, admin, 'omar@example.com');
    const r = await applyBulk(t.deps, admin, { action: 'add_group', groupId: analysts, selection: ids(readers, [invitation, other]) });
    expect(r).toMatchObject({ ok: true, plan: { applied: { users: 3, invitations: 1 }, skipped: [{ reason: 'already_in_group', count: 1 }], summary: '3 members and 1 invitation added to analysts, 1 skipped: already in analysts' } });
    for (const u of readers) expect(await groupIdsOf(t, u.id)).toContain(analysts);
    const g = await t.db.selectFrom('invitation_groups').select('group_id').where('invitation_id', '=', other.id).execute();
    expect(g.map((x) => x.group_id)).toEqual([analysts]);
    const events = await bulkEvents(t);
    expect(events.filter((e) => e.action === 'group.member_added')).toHaveLength(3);
    expect(events.find((e) => e.action === 'invitation.updated')!.details).toEqual({ added: ['analysts'], bulk: true });
  });

  it('revokes and resends invitations, skipping members; an expired one needs its seat back', async () => {
    const { t, admin, readers } = await setup('designer:5,explorer:2,reader:50');
    const a = await inviteOne(t, admin, 'nina@example.com', { profile: 'explorer' });
    t.clock.advance(8 * DAY); // expired: its seat is free again
    await addUser(t, { email: 'zoe@example.com', profile: 'explorer' }); // and taken
    const before = await snapshot(t.db);
    expect(await applyBulk(t.deps, admin, { action: 'resend', selection: ids(readers, [a]) })).toMatchObject({ ok: false, code: 'not_enough_seats', profile: 'explorer', needed: 1, free: 0 });
    expect(await snapshot(t.db)).toEqual(before);

    const b = await inviteOne(t, admin, 'omar@example.com');
    const sent = await applyBulk(t.deps, admin, { action: 'resend', selection: ids(readers, [b]) });
    expect(sent).toMatchObject({ ok: true, plan: { applied: { invitations: 1 }, skipped: [{ reason: 'not_invitation', count: 3 }] } });
    expect((await findInvitation(t.db, b.id))!.expiresAt).toBe(t.deps.now() + t.config.inviteTtlMs);
    const revoked = await applyBulk(t.deps, admin, { action: 'revoke', selection: ids([], [a, b]) });
    expect(revoked).toMatchObject({ ok: true, plan: { applied: { invitations: 2 } } });
    expect((await findInvitation(t.db, a.id))!.status).toBe('revoked');
    expect((await bulkEvents(t)).map((e) => e.action).sort()).toEqual(['invitation.resent', 'invitation.revoked', 'invitation.revoked']);
  });

  it('deactivates members (sessions ended, audited), skipping those already deactivated', async () => {
    const { t, admin, readers } = await setup();
    await applyBulk(t.deps, admin, { action: 'deactivate', selection: ids(readers.slice(0, 1)) });
    const r = await applyBulk(t.deps, admin, { action: 'deactivate', selection: ids(readers) });
    expect(r).toMatchObject({ ok: true, plan: { applied: { users: 2 }, skipped: [{ reason: 'already_deactivated', count: 1 }] } });
    expect(await validateSessionToken(t.db, readers[2]!.cookie.split('=')[1]!, t.deps.now())).toBeNull();
    const events = (await bulkEvents(t)).filter((e) => e.action === 'user.deactivated');
    expect(events).toHaveLength(3);
    expect(events[0]!.details).toEqual({ profile: 'reader', endedSessions: 1, bulk: true });
  });

  it('deletes members with their memberships; a row gone meanwhile is skipped', async () => {
    const { t, admin, readers } = await setup();
    const analysts = await makeGroup(t, 'analysts');
    await applyBulk(t.deps, admin, { action: 'add_group', groupId: analysts, selection: ids(readers) });
    await applyBulk(t.deps, admin, { action: 'delete', selection: ids(readers.slice(0, 1)) });
    const r = await applyBulk(t.deps, admin, { action: 'delete', selection: ids(readers) });
    expect(r).toMatchObject({ ok: true, plan: { applied: { users: 2 }, skipped: [{ reason: 'gone', count: 1 }] } });
    for (const u of readers) expect(await findUserById(t.db, u.id)).toBeNull();
    const members = await t.db.selectFrom('group_members').select('user_id').where('group_id', '=', analysts).execute();
    expect(members).toEqual([]);
    expect((await bulkEvents(t)).filter((e) => e.action === 'user.deleted')).toHaveLength(3);
  });
});
