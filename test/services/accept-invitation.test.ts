import { describe, expect, it } from 'vitest';
import { validateSessionToken } from '../../src/auth/session.js';
import { sha256 } from '../../src/auth/tokens.js';
import { createLinkSecrets } from '../../src/auth/link-secrets.js';
import { listAuditEvents } from '../../src/db/queries/audit.js';
import { saveExtensionState } from '../../src/db/queries/extensions.js';
import { findInvitation } from '../../src/db/queries/invitations.js';
import { findUserById } from '../../src/db/queries/users.js';
import { acceptInvitation, checkInvitationToken } from '../../src/services/accept-invitation.js';
import { editUser } from '../../src/services/edit-user.js';
import { inviteUsers } from '../../src/services/invite-users.js';
import { resendInvitation, revealInvitationLink, revokeInvitation } from '../../src/services/invitation-actions.js';
import { invitationLink } from '../../src/services/links.js';
import { seatUsage } from '../../src/services/seats.js';
import { addUser, makeApp, type TestApp } from '../support/app.js';
import { snapshot } from '../support/db-snapshot.js';
import { counts, DAY, emailedLink, groupIdsOf, inviteOne, makeGroup, spaceWithOwner, tokenOf } from '../support/invitations.js';
import { FORM, invited } from '../support/invitations.js';

const usersWithEmail = async (t: TestApp, key: string) =>
  t.db.selectFrom('users').select('id').where('email_key', '=', key).execute();

describe('acceptInvitation', () => {
  it("creates the user with the invitation's address, profile and groups, and starts a session", async () => {
    const { t, groups, token } = await invited();
    const r = await acceptInvitation(t.deps, token, FORM);
    if (!r.ok) throw new Error(r.code);
    const user = (await findUserById(t.db, r.userId))!;
    expect(user).toMatchObject({ email: 'Nina@Example.com', displayName: 'Nina New', profile: 'explorer' });
    expect(await groupIdsOf(t, r.userId)).toEqual([...groups].sort((a, b) => a - b));
    const session = await validateSessionToken(t.db, r.sessionToken, t.deps.now());
    expect(session?.userId).toBe(r.userId);
    const stored = (await t.db.selectFrom('users').select('password_hash').where('id', '=', r.userId).executeTakeFirstOrThrow()).password_hash;
    expect(await t.deps.hasher.verify(stored, FORM.password)).toBe(true);
  });

  it('marks the invitation accepted, by this user, and writes an audit event', async () => {
    const { t, invitation, token } = await invited();
    const r = await acceptInvitation(t.deps, token, FORM);
    if (!r.ok) throw new Error(r.code);
    const row = await t.db.selectFrom('invitations').selectAll().where('id', '=', invitation.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'accepted', accepted_user_id: r.userId, accepted_at: t.deps.now() });
    const events = await listAuditEvents(t.db, { action: 'invitation.accepted', limit: 5 });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actorId: r.userId, targetId: String(r.userId), details: { profile: 'explorer' } });
  });

  it('turns the reserved seat into a used one', async () => {
    const { t, token } = await invited();
    const before = (await seatUsage(t.db, t.config.seats, t.deps.now())).explorer;
    await acceptInvitation(t.deps, token, FORM);
    const after = (await seatUsage(t.db, t.config.seats, t.deps.now())).explorer;
    expect([after.used - before.used, after.reserved - before.reserved]).toEqual([1, -1]);
  });

  it('adds a designer to the groups of the active extensions too', async () => {
    const t = await makeApp();
    const { admin } = await spaceWithOwner(t);
    const extGroup = await makeGroup(t, 'ext-geo');
    await saveExtensionState(t.db, { key: 'geo', active: true, groupId: extGroup, at: t.deps.now() });
    await inviteOne(t, admin, 'd@example.com', { profile: 'designer' });
    const r = await acceptInvitation(t.deps, tokenOf(await emailedLink(t, 'd@example.com')), FORM);
    if (!r.ok) throw new Error(r.code);
    expect(await groupIdsOf(t, r.userId)).toEqual([extGroup]);
  });
});

describe('acceptInvitation: links that cannot be used', () => {
  it.each([
    { what: 'one moment before the expiry', after: (ttl: number) => ttl - 1, ok: true },
    { what: 'at the expiry', after: (ttl: number) => ttl, ok: false },
    { what: 'a day after the expiry', after: (ttl: number) => ttl + DAY, ok: false },
  ])('INVITE_TTL: $what', async ({ after, ok }) => {
    const { t, token } = await invited({ INVITE_TTL: '2d' });
    t.clock.advance(after(2 * DAY));
    const r = await acceptInvitation(t.deps, token, FORM);
    if (ok) expect(r.ok).toBe(true);
    else {
      expect(r).toEqual({ ok: false, code: 'expired', invitedBy: 'Olivia Owner' });
      expect((await counts(t)).users).toBe(1);
    }
  });

  it('is revoked', async () => {
    const { t, admin, invitation, token } = await invited();
    await revokeInvitation(t.deps, admin, invitation.id);
    expect(await acceptInvitation(t.deps, token, FORM)).toMatchObject({ ok: false, code: 'revoked' });
    expect(await usersWithEmail(t, 'nina@example.com')).toEqual([]);
  });

  it('was used already: works once', async () => {
    const { t, token } = await invited();
    expect((await acceptInvitation(t.deps, token, FORM)).ok).toBe(true);
    const before = await snapshot(t.db);
    expect(await acceptInvitation(t.deps, token, { displayName: 'Someone Else', password: 'another password' })).toMatchObject({ ok: false, code: 'used' });
    expect(await snapshot(t.db)).toEqual(before);
  });

  it('20 parallel accepts of the same link create exactly one user', async () => {
    const { t, token, invitation } = await invited();
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => acceptInvitation(t.deps, token, { displayName: `Nina ${i}`, password: `password number ${i}` })),
    );
    const winners = results.filter((r) => r.ok);
    expect(winners).toHaveLength(1);
    for (const r of results.filter((r) => !r.ok)) expect(r).toMatchObject({ ok: false, code: 'used' });
    expect(await usersWithEmail(t, 'nina@example.com')).toHaveLength(1);
    const sessions = await t.db.selectFrom('sessions').select('user_id').where('user_id', '=', winners[0]!.ok ? winners[0]!.userId : -1).execute();
    expect(sessions).toHaveLength(1);
    expect((await findInvitation(t.db, invitation.id))!.status).toBe('accepted');
    expect(await listAuditEvents(t.db, { action: 'invitation.accepted', limit: 50 })).toHaveLength(1);
  });

  it.each([
    { what: 'a wrong secret', token: (tok: string) => `${tok.split('.')[0]}.${'0'.repeat(40)}` },
    { what: 'an unknown id', token: (tok: string) => `zzzzzzzzzzzzzzzzzzzzzzzzzz.${tok.split('.')[1]}` },
    { what: 'no secret', token: (tok: string) => tok.split('.')[0]! },
    { what: 'a truncated secret', token: (tok: string) => tok.slice(0, -1) },
    { what: 'an upper-cased token', token: (tok: string) => tok.toUpperCase() },
    { what: 'garbage', token: () => '../../etc/passwd' },
  ])('is not valid: $what', async ({ token: mangle }) => {
    const { t, token } = await invited();
    const before = await snapshot(t.db);
    expect(await acceptInvitation(t.deps, mangle(token), FORM)).toEqual({ ok: false, code: 'invalid_link' });
    expect(await snapshot(t.db)).toEqual(before);
  });

  it('is not valid when signed with another server secret', async () => {
    const { t, invitation } = await invited();
    const forged = invitationLink(t.config.publicUrl, createLinkSecrets('another-server-secret-of-32-characters!!'), invitation.publicId);
    expect(await acceptInvitation(t.deps, tokenOf(forged), FORM)).toEqual({ ok: false, code: 'invalid_link' });
  });

  it('cannot be used once an account with the invited address exists, and creates no second one', async () => {
    const { t, token } = await invited();
    await addUser(t, { email: 'nina@example.com' });
    expect(await acceptInvitation(t.deps, token, FORM)).toMatchObject({ ok: false, code: 'unavailable' });
    expect(await usersWithEmail(t, 'nina@example.com')).toHaveLength(1);
  });
});

describe('acceptInvitation: no seat free any more', () => {
  /** Readers: 1 seat, held by Nina's invitation; then a reader is added behind its back. */
  async function seatTaken() {
    const ctx = await invited({ SEATS: 'designer:5,explorer:10,reader:1' }, 'reader');
    const squatter = await addUser(ctx.t, { email: 'squatter@example.com', profile: 'reader' });
    return { ...ctx, squatter };
  }

  it("says no_seat, creates nobody and leaves the invitation pending", async () => {
    const { t, token, invitation } = await seatTaken();
    const before = await counts(t);
    expect(await acceptInvitation(t.deps, token, FORM)).toEqual({ ok: false, code: 'no_seat', invitedBy: 'Olivia Owner' });
    expect(await counts(t)).toEqual(before);
    expect((await findInvitation(t.db, invitation.id))!.status).toBe('pending');
    expect((await checkInvitationToken(t.deps, t.db, token)).ok).toBe(true);
  });

  it('works with the same link once a seat is free again', async () => {
    const { t, token, squatter } = await seatTaken();
    expect((await acceptInvitation(t.deps, token, FORM)).ok).toBe(false);
    await t.db.deleteFrom('users').where('id', '=', squatter.id).execute();
    expect((await acceptInvitation(t.deps, token, FORM)).ok).toBe(true);
  });

  it('keeps the seat a pending invitation holds, whatever runs at the same time (an invitation, a profile change)', async () => {
    const t = await makeApp({ SEATS: 'designer:5,explorer:10,reader:2' });
    const { admin } = await spaceWithOwner(t);
    await addUser(t, { email: 'reader@example.com', profile: 'reader' });
    const explorer = await addUser(t, { email: 'explorer@example.com', name: 'Ed', profile: 'explorer' });
    await inviteOne(t, admin, 'nina@example.com');
    const token = tokenOf(await emailedLink(t, 'nina@example.com'));
    const [accepted, invited, edited] = await Promise.all([
      acceptInvitation(t.deps, token, FORM),
      inviteUsers(t.deps, admin, { emails: 'late@example.com', profile: 'reader', groupIds: [] }),
      editUser(t.deps, admin, explorer.id, { displayName: 'Ed', profile: 'reader', groupIds: [] }),
    ]);
    expect(accepted.ok).toBe(true);
    expect(invited).toMatchObject({ ok: false, code: 'not_enough_seats' });
    expect(edited).toMatchObject({ ok: false, code: 'not_enough_seats' });
    expect((await seatUsage(t.db, t.config.seats, t.deps.now())).reader).toMatchObject({ used: 2, reserved: 0 });
  });

  it('lets two invitees who each hold a seat accept at the same time', async () => {
    const t = await makeApp({ SEATS: 'designer:5,explorer:10,reader:2' });
    const { admin } = await spaceWithOwner(t);
    await inviteOne(t, admin, 'a@example.com');
    await inviteOne(t, admin, 'b@example.com');
    const tokens = [tokenOf(await emailedLink(t, 'a@example.com')), tokenOf(await emailedLink(t, 'b@example.com'))];
    const results = await Promise.all(tokens.map((tok) => acceptInvitation(t.deps, tok, FORM)));
    expect(results.map((r) => r.ok)).toEqual([true, true]);
    expect((await seatUsage(t.db, t.config.seats, t.deps.now())).reader).toMatchObject({ used: 2, reserved: 0 });
  });
});

describe('the invitation email', () => {
  it('carries the link PUBLIC_URL/invite/<token> in its HTML and its text, naming the space, the inviter, the profile and the expiry', async () => {
    const t = await makeApp({ PUBLIC_URL: 'https://launchpad.example.org' });
    const { admin } = await spaceWithOwner(t);
    const invitation = await inviteOne(t, admin, 'x@example.com', { profile: 'designer' });
    const link = await emailedLink(t, 'x@example.com');
    expect(link).toMatch(/^https:\/\/launchpad\.example\.org\/invite\/[a-z0-9]+\.[a-f0-9]{40}$/);
    expect(tokenOf(link).split('.')[0]).toBe(invitation.publicId);
    const mail = t.mailer.sent.find((m) => m.to === 'x@example.com')!;
    expect(mail.html).toContain(`href="${link}"`);
    for (const body of [mail.text, mail.html]) {
      expect(body).toContain('Olivia Owner');
      expect(body).toContain('Acme Analytics');
      expect(body).toContain('designer');
      expect(body).toContain('3 December 2026');
      expect(body).not.toContain('{{');
    }
  });
});

describe('the token is never stored', () => {
  it('appears in no table, before or after the email was sent, nor after a copy or a resend', async () => {
    const t = await makeApp();
    const { admin } = await spaceWithOwner(t);
    const invitation = await inviteOne(t, admin, 'x@example.com');
    const check = async (secret: string) => {
      const dump = JSON.stringify(await snapshot(t.db));
      expect(dump).not.toContain(secret);
      expect(dump).not.toContain(`invite/${invitation.publicId}.`);
    };
    const link = await emailedLink(t, 'x@example.com');
    const secret = tokenOf(link).split('.')[1]!;
    expect(secret.length).toBeGreaterThanOrEqual(32); // 128+ bits as hex
    await check(secret);
    await revealInvitationLink(t.deps, admin, invitation.id);
    await resendInvitation(t.deps, admin, invitation.id);
    await t.worker.runOnce();
    await check(secret);
    const outbox = await t.db.selectFrom('outbox').select(['html', 'text']).where('kind', '=', 'invitation').execute();
    expect(outbox).toHaveLength(2);
    for (const m of outbox) {
      expect(m.html).not.toContain('invite/');
      expect(m.text).not.toContain('invite/');
    }
  });

  it('is kept only as its SHA-256 hash', async () => {
    const { t, invitation, token } = await invited();
    const secret = token.split('.')[1]!;
    expect(Buffer.from(invitation.secretHash).equals(Buffer.from(sha256(secret)))).toBe(true);
  });

  it('differs from one invitation to the next', async () => {
    const t = await makeApp();
    const { admin } = await spaceWithOwner(t);
    await inviteOne(t, admin, 'a@example.com');
    await inviteOne(t, admin, 'b@example.com');
    const [a, b] = [tokenOf(await emailedLink(t, 'a@example.com')), tokenOf(await emailedLink(t, 'b@example.com'))];
    expect(a.split('.')[0]).not.toBe(b.split('.')[0]);
    expect(a.split('.')[1]).not.toBe(b.split('.')[1]);
  });
});
