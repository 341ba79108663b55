// "Edit invitation" from a pending invitation's "…" menu: its profile and groups change, the seats are
// checked again, the link already emailed keeps working (and gives what the edit says). JS on and off.
import { describe, expect, it } from 'vitest';
import { insertGroup } from '../../src/db/queries/groups.js';
import { listAuditEvents } from '../../src/db/queries/audit.js';
import { get, makeApp, post } from '../support/app.js';
import { snapshot } from '../support/db-snapshot.js';
import { emailedLink, inviteOne, pathOf, spaceWithOwner, textOf } from '../support/invitations.js';

async function setUp(seats = 'designer:5,explorer:10,reader:50') {
  const t = await makeApp({ SEATS: seats });
  const { owner, admin } = await spaceWithOwner(t);
  const analysts = await insertGroup(t.db, { name: 'analysts', description: '', origin: 'admin', createdAt: t.deps.now() });
  const invitation = await inviteOne(t, admin, 'carol@example.com', { profile: 'reader' });
  const link = await emailedLink(t, 'carol@example.com');
  return { t, owner, analysts, invitation, link };
}

describe('Edit invitation', () => {
  it('is in the "…" menu of a pending invitation', async () => {
    const { t, owner, invitation } = await setUp();
    // The row's "…" menu is fetched on open (a page of its own without JS).
    expect(await (await get(t, `/invitations/${invitation.id}/actions`, { cookie: owner.cookie })).text()).toContain(`href="/invitations/${invitation.id}/edit`);
  });

  it('without JS: a page, then a redirect to the list with a notice; the emailed link still works and gives the new profile and groups', async () => {
    const { t, owner, analysts, invitation, link } = await setUp();
    const page = await get(t, `/invitations/${invitation.id}/edit`, { cookie: owner.cookie });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<option value="reader" selected');
    const res = await post(t, `/invitations/${invitation.id}/edit`, { profile: 'explorer', groups: [String(analysts)], back: '/users' }, { cookie: owner.cookie });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/users?notice=invitation_saved');
    const after = await t.db.selectFrom('invitations').select(['public_id', 'secret_hash', 'profile']).where('id', '=', invitation.id).executeTakeFirstOrThrow();
    expect(after.public_id).toBe(invitation.publicId);
    expect(Buffer.from(after.secret_hash).equals(Buffer.from(invitation.secretHash))).toBe(true);
    const accepted = await post(t, pathOf(link), { displayName: 'Carol', password: 'a long enough password' });
    expect(accepted.status).toBe(303);
    const carol = await t.db.selectFrom('users').select(['id', 'profile']).where('email', '=', 'carol@example.com').executeTakeFirstOrThrow();
    expect(carol.profile).toBe('explorer');
    const groups = await t.db.selectFrom('group_members').select('group_id').where('user_id', '=', carol.id).execute();
    expect(groups.map((g) => g.group_id)).toEqual([analysts]);
  });

  it('with JS: a dialog, then the row swapped in place with the seats refreshed', async () => {
    const { t, owner, invitation } = await setUp();
    const dialog = await (await get(t, `/invitations/${invitation.id}/edit`, { cookie: owner.cookie, htmx: true })).text();
    expect(dialog).toContain('<dialog');
    expect(dialog).toContain(`hx-post="/invitations/${invitation.id}/edit"`);
    const res = await post(t, `/invitations/${invitation.id}/edit`, { profile: 'designer' }, { cookie: owner.cookie, htmx: true });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain(`hx-target="#row-invitation-${invitation.id}"`);
    expect(html).toContain('hx-target="#seats"');
  });

  it('checks the seats again under the lock, and keeps what was chosen with the message next to the profile', async () => {
    const { t, owner, invitation } = await setUp('designer:1,explorer:10,reader:50');
    const before = await snapshot(t.db);
    const res = await post(t, `/invitations/${invitation.id}/edit`, { profile: 'designer' }, { cookie: owner.cookie });
    expect(res.status).toBe(409);
    const html = await res.text();
    expect(html).toContain('<option value="designer" selected');
    expect(textOf(html)).toContain('1 designer seat needed, 0 free.');
    expect(await snapshot(t.db)).toEqual(before);
  });

  it('is audited with what changed, and refuses an invitation that is no longer pending', async () => {
    const { t, owner, analysts, invitation } = await setUp();
    await post(t, `/invitations/${invitation.id}/edit`, { profile: 'explorer', groups: [String(analysts)] }, { cookie: owner.cookie });
    expect(await listAuditEvents(t.db, { action: 'invitation.updated', limit: 5 })).toMatchObject([
      { targetId: String(invitation.id), details: { profile: 'reader → explorer', added: ['analysts'] } },
    ]);
    await post(t, `/invitations/${invitation.id}/revoke`, {}, { cookie: owner.cookie });
    expect((await get(t, `/invitations/${invitation.id}/edit`, { cookie: owner.cookie })).status).toBe(404);
  });
});
