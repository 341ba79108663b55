// The row actions on a pending invitation: Copy invite link, Resend invitation, Revoke invitation.
import { describe, expect, it } from 'vitest';
import { listAuditEvents } from '../../src/db/queries/audit.js';
import { findInvitation } from '../../src/db/queries/invitations.js';
import { findUserById } from '../../src/db/queries/users.js';
import { acceptInvitation, checkInvitationToken } from '../../src/services/accept-invitation.js';
import { resendInvitation, revealInvitationLink, revokeInvitation } from '../../src/services/invitation-actions.js';
import { seatUsage } from '../../src/services/seats.js';
import { addUser, makeApp } from '../support/app.js';
import { counts, DAY, emailedLink, inviteOne, spaceWithOwner, tokenOf } from '../support/invitations.js';
import { FORM, invited } from '../support/invitations.js';


describe('Copy invite link', () => {
  it('is the very link the email carried, and that link still works afterwards', async () => {
    const { t, admin, invitation, link, token } = await invited();
    const revealed = await revealInvitationLink(t.deps, admin, invitation.id);
    if (!revealed.ok) throw new Error(revealed.code);
    expect(revealed.link).toBe(link);
    expect((await revealInvitationLink(t.deps, admin, invitation.id)).ok && revealed.link).toBe(link); // again: the same
    expect((await acceptInvitation(t.deps, token, FORM)).ok).toBe(true);
  });

  it('works when copied before the email was sent', async () => {
    const t = await makeApp();
    const { admin } = await spaceWithOwner(t);
    const invitation = await inviteOne(t, admin, 'x@example.com');
    const revealed = await revealInvitationLink(t.deps, admin, invitation.id);
    if (!revealed.ok) throw new Error(revealed.code);
    expect(await emailedLink(t, 'x@example.com')).toBe(revealed.link);
    expect((await acceptInvitation(t.deps, tokenOf(revealed.link), FORM)).ok).toBe(true);
  });

  it('is built from PUBLIC_URL', async () => {
    const t = await makeApp({ PUBLIC_URL: 'https://launchpad.example.org/' });
    const { admin } = await spaceWithOwner(t);
    const invitation = await inviteOne(t, admin, 'x@example.com');
    const revealed = await revealInvitationLink(t.deps, admin, invitation.id);
    expect(revealed.ok && revealed.link).toMatch(/^https:\/\/launchpad\.example\.org\/invite\/[a-z0-9]+\.[a-z0-9]+$/);
  });

  it('is recorded in the audit log', async () => {
    const { t, admin, invitation } = await invited();
    await revealInvitationLink(t.deps, admin, invitation.id);
    expect(await listAuditEvents(t.db, { action: 'invitation.link_copied', limit: 5 })).toMatchObject([{ actorId: admin.id, targetId: String(invitation.id) }]);
  });

  it.each(['accepted', 'revoked'] as const)('is refused for an invitation that was %s', async (status) => {
    const { t, admin, invitation, token } = await invited();
    if (status === 'accepted') await acceptInvitation(t.deps, token, FORM);
    else await revokeInvitation(t.deps, admin, invitation.id);
    expect(await revealInvitationLink(t.deps, admin, invitation.id)).toEqual({ ok: false, code: 'not_pending' });
  });
});

describe('Resend invitation', () => {
  it('renews an expired invitation: the same link works again, with the expiry moved', async () => {
    const { t, admin, invitation, token, link } = await invited({ INVITE_TTL: '1d' });
    t.clock.advance(3 * DAY);
    expect(await acceptInvitation(t.deps, token, FORM)).toMatchObject({ code: 'expired' });
    const r = await resendInvitation(t.deps, admin, invitation.id);
    expect(r.ok).toBe(true);
    const renewed = (await findInvitation(t.db, invitation.id))!;
    expect(renewed.expiresAt).toBe(t.deps.now() + DAY);
    expect(renewed.lastSentAt).toBe(t.deps.now());
    expect(await emailedLink(t, 'Nina@Example.com')).toBe(link);
    expect(t.mailer.sent.filter((m) => m.to === 'Nina@Example.com')).toHaveLength(2);
    expect((await acceptInvitation(t.deps, token, FORM)).ok).toBe(true);
  });

  it('renews a pending invitation that has not expired yet', async () => {
    const { t, admin, invitation } = await invited({ INVITE_TTL: '2d' });
    t.clock.advance(DAY);
    await resendInvitation(t.deps, admin, invitation.id);
    expect((await findInvitation(t.db, invitation.id))!.expiresAt).toBe(invitation.expiresAt + DAY);
  });

  it('needs the seat back for an expired invitation', async () => {
    const { t, admin, invitation } = await invited({ SEATS: 'designer:5,explorer:1,reader:50', INVITE_TTL: '1d' });
    t.clock.advance(2 * DAY); // the expired invitation no longer holds the explorer seat...
    await addUser(t, { email: 'e@example.com', profile: 'explorer' }); // ...and someone took it
    const before = await counts(t);
    expect(await resendInvitation(t.deps, admin, invitation.id)).toEqual({ ok: false, code: 'not_enough_seats', profile: 'explorer', needed: 1, free: 0 });
    expect(await counts(t)).toEqual(before);
  });

  it('writes an audit event and queues one more email', async () => {
    const { t, admin, invitation } = await invited();
    const before = await counts(t);
    await resendInvitation(t.deps, admin, invitation.id);
    const after = await counts(t);
    expect([after.outbox - before.outbox, after.auditEvents - before.auditEvents]).toEqual([1, 1]);
    expect(await listAuditEvents(t.db, { action: 'invitation.resent', limit: 5 })).toMatchObject([{ targetId: String(invitation.id) }]);
  });

  it.each(['accepted', 'revoked'] as const)('is refused for an invitation that was %s', async (status) => {
    const { t, admin, invitation, token } = await invited();
    if (status === 'accepted') await acceptInvitation(t.deps, token, FORM);
    else await revokeInvitation(t.deps, admin, invitation.id);
    const before = await counts(t);
    expect(await resendInvitation(t.deps, admin, invitation.id)).toEqual({ ok: false, code: 'not_pending' });
    expect(await counts(t)).toEqual(before);
  });
});

describe('Revoke invitation', () => {
  it('makes the link fail at once and frees the reserved seat', async () => {
    const { t, admin, invitation, token } = await invited();
    const before = (await seatUsage(t.db, t.config.seats, t.deps.now())).explorer;
    expect((await checkInvitationToken(t.deps, t.db, token)).ok).toBe(true);
    const r = await revokeInvitation(t.deps, admin, invitation.id);
    expect(r.ok).toBe(true);
    expect(await checkInvitationToken(t.deps, t.db, token)).toMatchObject({ ok: false, code: 'revoked' });
    expect((await seatUsage(t.db, t.config.seats, t.deps.now())).explorer.reserved).toBe(before.reserved - 1);
    expect(await listAuditEvents(t.db, { action: 'invitation.revoked', limit: 5 })).toHaveLength(1);
  });

  it('stops an email still in the outbox from going out with a dead link', async () => {
    const t = await makeApp();
    const { admin } = await spaceWithOwner(t);
    const invitation = await inviteOne(t, admin, 'x@example.com');
    await revokeInvitation(t.deps, admin, invitation.id);
    await t.worker.runOnce();
    expect(t.mailer.sent.filter((m) => m.to === 'x@example.com')).toEqual([]);
    const mail = await t.db.selectFrom('outbox').select(['status', 'last_error']).where('id', '=', invitation.outboxId!).executeTakeFirstOrThrow();
    expect(mail.status).toBe('failed');
  });

  it('refuses an invitation already accepted, and leaves the member alone', async () => {
    const { t, admin, invitation, token } = await invited();
    const accepted = await acceptInvitation(t.deps, token, FORM);
    expect(await revokeInvitation(t.deps, admin, invitation.id)).toEqual({ ok: false, code: 'not_pending' });
    expect((await findInvitation(t.db, invitation.id))!.status).toBe('accepted');
    expect(accepted.ok && (await findUserById(t.db, accepted.userId))).toBeTruthy();
  });
});
