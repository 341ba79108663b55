// An invitation acts later on its inviter's behalf. When the inviter is no longer a space admin (removed from
// space_administrators, or deleted), their pending invitations no longer give a profile and groups: the
// link and single sign-on refuse them, the Users list says why, and another admin can send them again.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeMember } from '../../src/db/queries/groups.js';
import { findInvitation } from '../../src/db/queries/invitations.js';
import { findUserByEmail } from '../../src/db/queries/users.js';
import { deleteUser } from '../../src/services/delete-user.js';
import { get, makeApp, post, type TestApp } from '../support/app.js';
import { snapshot } from '../support/db-snapshot.js';
import { actor, addAdmin, adminsGroupId, emailedLink, inviteOne, pathOf, spaceWithOwner, textOf } from '../support/invitations.js';
import { startProvider, type TestProvider } from '../support/oidc-provider.js';
import { signInWithProvider } from '../support/sso-flow.js';
import { rowOf } from '../support/users-panel.js';

let op: TestProvider;
beforeAll(async () => {
  op = await startProvider('http://localhost:3000/login/oidc/callback');
});
afterAll(() => op.close());

const ACCEPT = { displayName: 'Second Me', password: 'a long enough password' };

/** Adam, a space admin, invites another address of his own into space_administrators. */
async function adamInvitesHimself(t: TestApp) {
  const { owner } = await spaceWithOwner(t);
  const adam = await addAdmin(t, 'adam@example.com');
  const admins = await adminsGroupId(t);
  const invitation = await inviteOne(t, await actor(t, adam.id), 'adam.alt@example.com', { profile: 'designer', groupIds: [admins] });
  const path = pathOf(await emailedLink(t, 'adam.alt@example.com'));
  return { owner, adam, admins, invitation, path };
}

const demotions = [
  { how: 'removed from space_administrators', demote: async (t: TestApp, adamId: number) => void (await removeMember(t.db, await adminsGroupId(t), adamId)) },
  {
    how: 'deleted',
    demote: async (t: TestApp, adamId: number) => {
      const owner = (await t.db.selectFrom('space').select('owner_id').executeTakeFirstOrThrow()).owner_id;
      expect((await deleteUser(t.deps, await actor(t, owner), adamId)).ok).toBe(true);
    },
  },
];

describe('a pending invitation whose inviter is no longer a space admin', () => {
  it.each(demotions)('cannot be accepted from its link once the inviter was $how: 403, nothing written', async ({ demote }) => {
    const t = await makeApp();
    const { adam, invitation, path } = await adamInvitesHimself(t);
    await demote(t, adam.id);

    const page = await get(t, path);
    expect(page.status).toBe(403);
    const text = textOf(await page.text());
    expect(text).toContain('This invitation needs another administrator');
    expect(text).toContain('Adam Admin is no longer a space administrator');
    expect(text).toContain('Ask another space administrator to send it to you again.');

    const before = await snapshot(t.db);
    const res = await post(t, path, ACCEPT);
    expect(res.status).toBe(403);
    expect(res.headers.get('set-cookie')).toBeNull();
    expect(await findUserByEmail(t.db, 'adam.alt@example.com')).toBeNull();
    expect((await findInvitation(t.db, invitation.id))!.status).toBe('pending');
    expect(await snapshot(t.db)).toEqual(before);
  });

  it('is accepted as before while the inviter is still a space admin', async () => {
    const t = await makeApp();
    const { path } = await adamInvitesHimself(t);
    expect((await post(t, path, ACCEPT)).status).toBe(303);
    expect(await findUserByEmail(t.db, 'adam.alt@example.com')).not.toBeNull();
  });

  it('cannot be accepted through single sign-on either', async () => {
    op.setIdTokenTtl(300);
    const t = await makeApp({ OIDC_ISSUER: op.issuer, OIDC_CLIENT_ID: op.clientId, OIDC_CLIENT_SECRET: op.clientSecret });
    t.clock.now = Date.now(); // the provider stamps its tokens with the real time
    const { adam, invitation } = await adamInvitesHimself(t);
    await removeMember(t.db, await adminsGroupId(t), adam.id);
    op.signInAs({ sub: 'adam-alt', email: 'adam.alt@example.com', emailVerified: true, name: 'Second Me' });

    const { res, jar } = await signInWithProvider(t);

    expect(res.status).toBe(403);
    expect(textOf(await res.text())).toContain('Ask another space administrator to send it to you again.');
    expect(jar.get('launchpad_session')).toBeUndefined();
    expect(await findUserByEmail(t.db, 'adam.alt@example.com')).toBeNull();
    expect((await findInvitation(t.db, invitation.id))!.status).toBe('pending');
  });

  it('is marked "inviter no longer an admin" in the Users list, and only that one', async () => {
    const t = await makeApp();
    const { owner, adam, invitation } = await adamInvitesHimself(t);
    const other = await inviteOne(t, await actor(t, owner.id), 'nina@example.com');
    const list = async () => (await get(t, '/users', { cookie: owner.cookie })).text();
    expect(rowOf(await list(), `invitation-${invitation.id}`)).not.toContain('inviter no longer an admin');

    await removeMember(t.db, await adminsGroupId(t), adam.id);

    const html = await list();
    expect(textOf(rowOf(html, `invitation-${invitation.id}`))).toContain('inviter no longer an admin');
    expect(rowOf(html, `invitation-${other.id}`)).not.toContain('inviter no longer an admin');
  });

  it('works again once another admin sends it again: they stand behind it from then on', async () => {
    const t = await makeApp();
    const { owner, adam, invitation, path } = await adamInvitesHimself(t);
    await removeMember(t.db, await adminsGroupId(t), adam.id);

    const resent = await post(t, `/invitations/${invitation.id}/resend`, { back: '/users' }, { cookie: owner.cookie });
    expect(resent.status).toBe(303);
    expect((await findInvitation(t.db, invitation.id))!.invitedByLabel).toBe('Olivia Owner');
    expect(rowOf(await (await get(t, '/users', { cookie: owner.cookie })).text(), `invitation-${invitation.id}`)).not.toContain('inviter no longer an admin');

    const res = await post(t, pathOf(await emailedLink(t, 'adam.alt@example.com')), ACCEPT);
    expect(res.status).toBe(303);
    expect(path).toBe(pathOf(await emailedLink(t, 'adam.alt@example.com'))); // the same link, now usable
  });
});
