import { describe, expect, it } from 'vitest';
import { listAuditEvents } from '../../src/db/queries/audit.js';
import { findInvitation, invitationGroupIds } from '../../src/db/queries/invitations.js';
import { LINK_PLACEHOLDER } from '../../src/auth/link-secrets.js';
import { inviteUsers } from '../../src/services/invite-users.js';
import { seatUsage } from '../../src/services/seats.js';
import { addUser, makeApp } from '../support/app.js';
import { actor, counts, DAY, inviteOne, makeGroup, spaceWithOwner } from '../support/invitations.js';

/** A space with one member (bob) and one pending invitation (carol), both readers. */
async function spaceWithMemberAndInvitation(env: Record<string, string> = {}) {
  const t = await makeApp(env);
  const { owner, admin } = await spaceWithOwner(t);
  await addUser(t, { email: 'bob@example.com', profile: 'reader' });
  const carol = await inviteOne(t, admin, 'carol@example.com');
  return { t, owner, admin, carol };
}

const MIXED_VALID = ['new1@example.com', 'New2 <new2@example.com>', 'NEW1@example.com', 'BOB@example.com', 'Carol@Example.com'];

describe('inviteUsers: a malformed address refuses the whole submission', () => {
  it.each([
    { what: 'one bad address among good ones', list: [...MIXED_VALID, 'not-an-address'].join(', '), bad: ['not-an-address'] },
    { what: 'a bad Name <email>', list: [...MIXED_VALID, 'Eve <eve@nowhere>'].join('\n'), bad: ['Eve <eve@nowhere>'] },
    { what: 'several bad addresses', list: ['oops', ...MIXED_VALID, '@example.com'].join('; '), bad: ['oops', '@example.com'] },
  ])('$what: names each, writes nothing', async ({ list, bad }) => {
    const { t, admin } = await spaceWithMemberAndInvitation();
    const groupId = await makeGroup(t, 'Analysts');
    const before = await counts(t);
    const r = await inviteUsers(t.deps, admin, { emails: list, profile: 'reader', groupIds: [groupId] });
    expect(r).toEqual({ ok: false, code: 'malformed', malformed: bad });
    expect(await counts(t)).toEqual(before);
  });
});

describe('inviteUsers: a mixed list without malformed addresses', () => {
  it('gives each distinct address its outcome, in the order typed', async () => {
    const { t, admin, carol } = await spaceWithMemberAndInvitation();
    const r = await inviteUsers(t.deps, admin, { emails: MIXED_VALID.join(', '), profile: 'explorer', groupIds: [] });
    if (!r.ok) throw new Error(JSON.stringify(r));
    expect(r.outcomes.map(({ email, result }) => ({ email, result }))).toEqual([
      { email: 'new1@example.com', result: 'invited' },
      { email: 'new2@example.com', result: 'invited' },
      { email: 'BOB@example.com', result: 'already_member' },
      { email: 'Carol@Example.com', result: 'already_invited' },
    ]);
    expect(r.duplicates).toEqual(['new1@example.com']);
    expect(r.outcomes[3]).toMatchObject({ invitationId: carol.id });
  });

  it('writes one invitation, one audit event and one outbox email per new invitation, and nothing for the others', async () => {
    const { t, admin, carol } = await spaceWithMemberAndInvitation();
    const before = await counts(t);
    const r = await inviteUsers(t.deps, admin, { emails: MIXED_VALID.join('\n'), profile: 'explorer', groupIds: [] });
    if (!r.ok) throw new Error(JSON.stringify(r));
    const after = await counts(t);
    expect(after.invitations - before.invitations).toBe(2);
    expect(after.auditEvents - before.auditEvents).toBe(2);
    expect(after.outbox - before.outbox).toBe(2);
    expect(after.users).toBe(before.users);

    const invitedIds = r.outcomes.flatMap((o) => (o.result === 'invited' ? [o.invitationId] : []));
    const events = await listAuditEvents(t.db, { action: 'invitation.created', limit: 10 });
    expect(events.map((e) => e.targetId).sort()).toEqual([String(carol.id), ...invitedIds.map(String)].sort());
    for (const id of invitedIds) {
      const inv = (await findInvitation(t.db, id))!;
      expect(inv).toMatchObject({ status: 'pending', profile: 'explorer', invitedBy: admin.id });
      const mail = await t.db.selectFrom('outbox').selectAll().where('id', '=', inv.outboxId!).executeTakeFirstOrThrow();
      expect(mail).toMatchObject({ kind: 'invitation', to_address: inv.email, status: 'queued', link_ref: `invitation:${inv.publicId}` });
    }
    // The pending invitation was not sent again.
    expect((await findInvitation(t.db, carol.id))!.outboxId).toBe(carol.outboxId);
  });

  it('stores the address as typed (trimmed), keyed in lower case', async () => {
    const t = await makeApp();
    const { admin } = await spaceWithOwner(t);
    const r = await inviteUsers(t.deps, admin, { emails: '   Grace.Hopper@Navy.MIL  ', profile: 'reader', groupIds: [] });
    if (!r.ok || r.outcomes[0]!.result !== 'invited') throw new Error(JSON.stringify(r));
    const inv = (await findInvitation(t.db, r.outcomes[0]!.invitationId))!;
    expect([inv.email, inv.emailKey]).toEqual(['Grace.Hopper@Navy.MIL', 'grace.hopper@navy.mil']);
  });

  it('attaches the chosen groups to every new invitation (each once)', async () => {
    const t = await makeApp();
    const { admin } = await spaceWithOwner(t);
    const a = await makeGroup(t, 'Analysts');
    const b = await makeGroup(t, 'Marketing');
    await makeGroup(t, 'Not chosen');
    const r = await inviteUsers(t.deps, admin, { emails: 'x@example.com y@example.com', profile: 'reader', groupIds: [a, b, a] });
    if (!r.ok) throw new Error(JSON.stringify(r));
    for (const o of r.outcomes) {
      if (o.result !== 'invited') throw new Error(o.result);
      expect((await invitationGroupIds(t.db, o.invitationId)).sort()).toEqual([a, b].sort());
    }
  });

  it('attaches no group when none is chosen', async () => {
    const t = await makeApp();
    const { admin } = await spaceWithOwner(t);
    await makeGroup(t, 'Analysts');
    const inv = await inviteOne(t, admin, 'x@example.com');
    expect(await invitationGroupIds(t.db, inv.id)).toEqual([]);
  });

  it('refuses a group that does not exist, writing nothing', async () => {
    const t = await makeApp();
    const { admin } = await spaceWithOwner(t);
    const before = await counts(t);
    const r = await inviteUsers(t.deps, admin, { emails: 'x@example.com', profile: 'reader', groupIds: [9999] });
    expect(r).toEqual({ ok: false, code: 'unknown_group' });
    expect(await counts(t)).toEqual(before);
  });

  it('says so when nothing was typed', async () => {
    const t = await makeApp();
    const { admin } = await spaceWithOwner(t);
    expect(await inviteUsers(t.deps, admin, { emails: ' ,\n ', profile: 'reader', groupIds: [] })).toEqual({ ok: false, code: 'empty' });
  });

  it('invites an address again once its earlier invitation was revoked', async () => {
    const t = await makeApp();
    const { admin } = await spaceWithOwner(t);
    const first = await inviteOne(t, admin, 'x@example.com');
    await t.db.updateTable('invitations').set({ status: 'revoked', revoked_at: t.deps.now() }).where('id', '=', first.id).execute();
    const again = await inviteOne(t, admin, 'X@example.com');
    expect(again.id).not.toBe(first.id);
  });

  it('queues an email whose body holds a placeholder for the link, never a token', async () => {
    const t = await makeApp();
    const { admin } = await spaceWithOwner(t);
    const inv = await inviteOne(t, admin, 'x@example.com', { profile: 'designer' });
    const mail = await t.db.selectFrom('outbox').selectAll().where('id', '=', inv.outboxId!).executeTakeFirstOrThrow();
    expect(mail.text).toContain(LINK_PLACEHOLDER);
    expect(mail.html).toContain(LINK_PLACEHOLDER);
    expect(mail.text).not.toMatch(/\/invite\//);
    // The email names the space, who invited them, the profile and the expiry.
    expect(mail.subject).toBe('Olivia Owner invited you to Acme Analytics');
    expect(mail.text).toContain('Acme Analytics');
    expect(mail.text).toContain('as a designer');
    expect(mail.text).toContain('3 December 2026');
  });
});

describe('inviteUsers: seats', () => {
  it('refuses a batch that needs more seats than are free, writing nothing', async () => {
    const t = await makeApp({ SEATS: 'designer:2,explorer:10,reader:50' });
    const owner = await addUser(t, { email: 'someone@example.com', profile: 'reader', groups: [{ name: 'space_administrators', permissions: ['space_admin'] }] });
    const admin = await actor(t, owner.id);
    const before = await counts(t);
    const r = await inviteUsers(t.deps, admin, { emails: 'd1@example.com d2@example.com d3@example.com', profile: 'designer', groupIds: [] });
    expect(r).toEqual({ ok: false, code: 'not_enough_seats', profile: 'designer', needed: 3, free: 2 });
    expect(await counts(t)).toEqual(before);
  });

  it('lets a batch that fits exactly through', async () => {
    const t = await makeApp({ SEATS: 'designer:2,explorer:10,reader:50' });
    const u = await addUser(t, { email: 'someone@example.com', profile: 'reader', groups: [{ name: 'admins', permissions: ['space_admin'] }] });
    const r = await inviteUsers(t.deps, await actor(t, u.id), { emails: 'd1@example.com d2@example.com', profile: 'designer', groupIds: [] });
    expect(r.ok).toBe(true);
    expect((await seatUsage(t.db, t.config.seats, t.deps.now())).designer).toMatchObject({ used: 0, reserved: 2 });
  });

  it.each([
    { what: 'members', setup: 'members' as const },
    { what: 'pending invitations', setup: 'pending' as const },
  ])('counts $what against the seats', async ({ setup }) => {
    const t = await makeApp({ SEATS: 'designer:5,explorer:3,reader:50' });
    const { admin } = await spaceWithOwner(t);
    for (const i of [1, 2]) {
      if (setup === 'members') await addUser(t, { email: `e${i}@example.com`, profile: 'explorer' });
      else await inviteOne(t, admin, `e${i}@example.com`, { profile: 'explorer' });
    }
    const r = await inviteUsers(t.deps, admin, { emails: 'x@example.com y@example.com', profile: 'explorer', groupIds: [] });
    expect(r).toEqual({ ok: false, code: 'not_enough_seats', profile: 'explorer', needed: 2, free: 1 });
  });

  it('does not count an expired invitation against the seats', async () => {
    const t = await makeApp({ SEATS: 'designer:5,explorer:1,reader:50', INVITE_TTL: '1d' });
    const { admin } = await spaceWithOwner(t);
    await inviteOne(t, admin, 'old@example.com', { profile: 'explorer' });
    expect((await inviteUsers(t.deps, admin, { emails: 'x@example.com', profile: 'explorer', groupIds: [] })).ok).toBe(false);
    t.clock.advance(DAY + 1);
    expect((await inviteUsers(t.deps, admin, { emails: 'x@example.com', profile: 'explorer', groupIds: [] })).ok).toBe(true);
  });

  it('needs no seat for addresses that are already members or invited', async () => {
    const t = await makeApp({ SEATS: 'designer:5,explorer:1,reader:50' });
    const { admin } = await spaceWithOwner(t);
    await inviteOne(t, admin, 'pending@example.com', { profile: 'explorer' });
    await addUser(t, { email: 'member@example.com', profile: 'reader' });
    const r = await inviteUsers(t.deps, admin, { emails: 'pending@example.com, member@example.com', profile: 'explorer', groupIds: [] });
    expect(r.ok).toBe(true);
  });

  it('counts seats per profile: a full profile does not block another', async () => {
    const t = await makeApp({ SEATS: 'designer:1,explorer:10,reader:0' });
    const { admin } = await spaceWithOwner(t); // the owner is a designer
    expect(await inviteUsers(t.deps, admin, { emails: 'r@example.com', profile: 'reader', groupIds: [] })).toMatchObject({ code: 'not_enough_seats', free: 0 });
    expect(await inviteUsers(t.deps, admin, { emails: 'd@example.com', profile: 'designer', groupIds: [] })).toMatchObject({ code: 'not_enough_seats', free: 0 });
    expect((await inviteUsers(t.deps, admin, { emails: 'e@example.com', profile: 'explorer', groupIds: [] })).ok).toBe(true);
  });

  it('has no limit for an unlimited profile', async () => {
    const t = await makeApp({ SEATS: 'designer:1,explorer:1,reader:unlimited' });
    const { admin } = await spaceWithOwner(t);
    const list = Array.from({ length: 300 }, (_, i) => `r${i}@example.com`).join('\n');
    const r = await inviteUsers(t.deps, admin, { emails: list, profile: 'reader', groupIds: [] });
    expect(r.ok && r.outcomes.filter((o) => o.result === 'invited').length).toBe(300);
  });

  it('50 concurrent invitations for the last seat give exactly one', async () => {
    const t = await makeApp({ SEATS: 'designer:5,explorer:3,reader:50' });
    const { admin } = await spaceWithOwner(t);
    await addUser(t, { email: 'e1@example.com', profile: 'explorer' });
    await inviteOne(t, admin, 'e2@example.com', { profile: 'explorer' });
    const before = await counts(t);
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => inviteUsers(t.deps, admin, { emails: `racer${i}@example.com`, profile: 'explorer', groupIds: [] })),
    );
    const won = results.filter((r) => r.ok);
    expect(won).toHaveLength(1);
    for (const r of results.filter((r) => !r.ok)) expect(r).toEqual({ ok: false, code: 'not_enough_seats', profile: 'explorer', needed: 1, free: 0 });
    const after = await counts(t);
    expect(after.invitations - before.invitations).toBe(1);
    expect(after.outbox - before.outbox).toBe(1);
    expect(after.auditEvents - before.auditEvents).toBe(1);
    expect((await seatUsage(t.db, t.config.seats, t.deps.now())).explorer).toMatchObject({ total: 3, used: 1, reserved: 2 });
  });

  it('50 concurrent invitations of the same address give exactly one pending invitation', async () => {
    const t = await makeApp();
    const { admin } = await spaceWithOwner(t);
    const results = await Promise.all(
      Array.from({ length: 50 }, () => inviteUsers(t.deps, admin, { emails: 'same@example.com', profile: 'reader', groupIds: [] })),
    );
    const outcomes = results.map((r) => (r.ok ? r.outcomes[0]!.result : r.code));
    expect(outcomes.filter((o) => o === 'invited')).toHaveLength(1);
    expect(outcomes.filter((o) => o === 'already_invited')).toHaveLength(49);
    expect((await counts(t)).invitations).toBe(1);
  });
});

describe('inviteUsers: size and permission', () => {
  it('refuses more than 1,000 distinct addresses, writing nothing', async () => {
    const t = await makeApp({ SEATS: 'designer:5,explorer:10,reader:unlimited' });
    const { admin } = await spaceWithOwner(t);
    const before = await counts(t);
    const list = Array.from({ length: 1001 }, (_, i) => `user${i}@example.com`).join('\n');
    const r = await inviteUsers(t.deps, admin, { emails: list, profile: 'reader', groupIds: [] });
    expect(r).toEqual({ ok: false, code: 'too_many', count: 1001, max: 1000 });
    expect(await counts(t)).toEqual(before);
  });

  it('accepts exactly 1,000 addresses, duplicates not counted', async () => {
    const t = await makeApp({ SEATS: 'designer:5,explorer:10,reader:unlimited' });
    const { admin } = await spaceWithOwner(t);
    const list = Array.from({ length: 1000 }, (_, i) => `user${i}@example.com`);
    const r = await inviteUsers(t.deps, admin, { emails: [...list, 'USER1@example.com', 'user2@EXAMPLE.com'].join(','), profile: 'reader', groupIds: [] });
    if (!r.ok) throw new Error(JSON.stringify(r));
    expect(r.outcomes).toHaveLength(1000);
    expect((await counts(t)).invitations).toBe(1000);
  });

  it.each([
    { who: 'a plain reader', groups: [] },
    { who: 'a member of a manage_code_envs group', groups: [{ name: 'Code env managers', permissions: ['manage_code_envs'] }] },
    { who: 'a member of a group with every instance permission', groups: [{ name: 'Instance admins', permissions: ['instance_admin'] }] },
  ])('refuses $who, writing nothing', async ({ groups }) => {
    const t = await makeApp();
    await spaceWithOwner(t);
    const u = await addUser(t, { email: 'plain@example.com', profile: 'designer', groups });
    const before = await counts(t);
    const r = await inviteUsers(t.deps, await actor(t, u.id), { emails: 'x@example.com', profile: 'reader', groupIds: [] });
    expect(r).toEqual({ ok: false, code: 'forbidden' });
    expect(await counts(t)).toEqual(before);
  });

  it('lets a space admin who is not the owner invite', async () => {
    const t = await makeApp();
    await spaceWithOwner(t);
    const u = await addUser(t, { email: 'admin@example.com', groups: [{ name: 'space_administrators' }] });
    const inv = await inviteOne(t, await actor(t, u.id), 'x@example.com');
    expect(inv.invitedBy).toBe(u.id);
  });
});

describe('inviteUsers: notifying the mail worker', () => {
  it('wakes the worker after a commit that queued mail, and not otherwise', async () => {
    const t = await makeApp();
    const { admin } = await spaceWithOwner(t);
    let kicks = 0;
    t.deps.notifyOutbox = () => void kicks++;
    await inviteUsers(t.deps, admin, { emails: 'x@example.com', profile: 'reader', groupIds: [] });
    expect(kicks).toBe(1);
    await inviteUsers(t.deps, admin, { emails: 'x@example.com', profile: 'reader', groupIds: [] }); // already invited
    await inviteUsers(t.deps, admin, { emails: 'nope', profile: 'reader', groupIds: [] });
    expect(kicks).toBe(1);
  });
});
