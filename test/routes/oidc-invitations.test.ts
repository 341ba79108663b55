// Single sign-on for someone who was invited: the invitation is accepted through the provider, with the
// accept page's rules (its profile and groups, the seat checked again), and never without one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findInvitation } from '../../src/db/queries/invitations.js';
import { findUserByEmail } from '../../src/db/queries/users.js';
import { insertGroup } from '../../src/db/queries/groups.js';
import { addUser, get, makeApp, post, type TestApp } from '../support/app.js';
import { inviteOne, spaceWithOwner } from '../support/invitations.js';
import { startProvider, type TestProvider } from '../support/oidc-provider.js';
import { signInWithProvider } from '../support/sso-flow.js';

let op: TestProvider;

beforeAll(async () => {
  op = await startProvider('http://localhost:3000/login/oidc/callback');
});
afterAll(() => op.close());

async function ssoApp(env: Record<string, string> = {}): Promise<TestApp> {
  op.setIdTokenTtl(300);
  const t = await makeApp({ OIDC_ISSUER: op.issuer, OIDC_CLIENT_ID: op.clientId, OIDC_CLIENT_SECRET: op.clientSecret, ...env });
  t.clock.now = Date.now(); // the provider stamps its tokens with the real time
  return t;
}

const lastAudit = (t: TestApp, action: string) =>
  t.db.selectFrom('audit_events').select(['actor_label', 'details']).where('action', '=', action).orderBy('id', 'desc').executeTakeFirst();

describe('an invitation accepted through single sign-on', () => {
  it('makes the invitee a member with the invitation’s profile and groups, and signs them in', async () => {
    const t = await ssoApp();
    const { admin } = await spaceWithOwner(t);
    const groupId = await insertGroup(t.db, { name: 'analysts', description: '', origin: 'admin', createdAt: t.deps.now() });
    const invitation = await inviteOne(t, admin, 'ivy@example.com', { profile: 'explorer', groupIds: [groupId] });
    op.signInAs({ sub: 'ivy-1', email: 'ivy@example.com', emailVerified: true, name: 'Ivy Ingram' });

    const { res, jar } = await signInWithProvider(t);

    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/');
    const user = await findUserByEmail(t.db, 'ivy@example.com');
    expect(user).toMatchObject({ displayName: 'Ivy Ingram', profile: 'explorer' });
    const member = await t.db.selectFrom('group_members').select('user_id').where('group_id', '=', groupId).execute();
    expect(member.map((m) => m.user_id)).toEqual([user!.id]);
    expect((await findInvitation(t.db, invitation.id))!.status).toBe('accepted');
    expect(JSON.parse((await lastAudit(t, 'invitation.accepted'))!.details)).toMatchObject({ profile: 'explorer', via: 'sso' });
    expect(JSON.parse((await lastAudit(t, 'sso.signed_in'))!.details)).toMatchObject({ joined: true });
    const home = await get(t, '/', { cookie: `launchpad_session=${jar.get('launchpad_session')}` });
    expect(home.status).toBe(200);
  });

  it('is refused when the profile’s seats filled up since the invitation, and nothing is written', async () => {
    const t = await ssoApp({ SEATS: 'designer:5,explorer:10,reader:1' });
    const { admin } = await spaceWithOwner(t);
    const invitation = await inviteOne(t, admin, 'ivy@example.com', { profile: 'reader' });
    await addUser(t, { email: 'late@example.com', profile: 'reader' }); // takes the last reader seat
    op.signInAs({ sub: 'ivy-1', email: 'ivy@example.com', emailVerified: true });

    const { res, jar } = await signInWithProvider(t);

    expect(res.status).toBe(409);
    expect(await res.text()).toContain('No seat is free for your profile');
    expect(jar.get('launchpad_session')).toBeUndefined();
    expect(await findUserByEmail(t.db, 'ivy@example.com')).toBeNull();
    expect((await findInvitation(t.db, invitation.id))!.status).toBe('pending');
    expect(JSON.parse((await lastAudit(t, 'sso.refused'))!.details).reason).toBe('no_seat');
  });

  it('is refused once the invitation has expired: the person is not a member', async () => {
    const t = await ssoApp({ INVITE_TTL: '1h' });
    const { admin } = await spaceWithOwner(t);
    await inviteOne(t, admin, 'ivy@example.com');
    t.clock.advance(2 * 3_600_000);
    op.signInAs({ sub: 'ivy-1', email: 'ivy@example.com', emailVerified: true });
    op.setIdTokenTtl(3 * 3_600); // the token is fresh: only the invitation is stale

    const { res } = await signInWithProvider(t);

    expect(res.status).toBe(403);
    expect(await res.text()).toContain('You are not a member of this space');
    expect(await findUserByEmail(t.db, 'ivy@example.com')).toBeNull();
  });
});

describe('a provider that cannot be reached', () => {
  it('gets a page saying so, not a crash, and the refusal is audited', async () => {
    const t = await makeApp({ OIDC_ISSUER: 'http://127.0.0.1:9', OIDC_CLIENT_ID: 'launchpad', OIDC_CLIENT_SECRET: 'secret' });
    await spaceWithOwner(t);
    const res = await post(t, '/login/oidc', {});
    expect(res.status).toBe(502);
    expect(await res.text()).toContain('The identity provider cannot be reached');
    expect(JSON.parse((await lastAudit(t, 'sso.refused'))!.details).reason).toBe('provider_unreachable');
  });
});
