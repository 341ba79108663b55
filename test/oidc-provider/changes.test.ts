// Changes reach instances quickly and safely: groups and profile show at the next refresh and at userinfo;
// a deactivated or deleted member, or a disabled instance, makes the tokens fail at their next use.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as oidc from 'openid-client';
import { findGroupByName } from '../../src/db/queries/groups.js';
import { deleteUser } from '../../src/services/delete-user.js';
import { editUser } from '../../src/services/edit-user.js';
import { deleteInstance, disableInstance } from '../../src/services/instances.js';
import { loadCurrentUser } from '../../src/services/principal.js';
import { addUser, withSpace, type TestUser } from '../support/app.js';
import { registerInstance, relyingParty, signIn, startLaunchpad, type Instance, type RunningLaunchpad } from './support.js';

let lp: RunningLaunchpad;
let owner: TestUser;
let member: TestUser;
let instance: Instance;
let rp: oidc.Configuration;

beforeEach(async () => {
  lp = await startLaunchpad();
  owner = await withSpace(lp.t);
  member = await addUser(lp.t, { email: 'dana@example.com', name: 'Dana', profile: 'explorer', groups: [{ name: 'Analysts', permissions: ['create_projects'] }] });
  await addUser(lp.t, { email: 'other@example.com', groups: [{ name: 'Plugin devs', permissions: ['develop_plugins'] }] });
  instance = await registerInstance(lp.t);
  rp = await relyingParty(lp, instance);
});
afterEach(() => lp.close());

const asOwner = async () => (await loadCurrentUser(lp.t.db, owner.id))!;
/** Until the deactivate use case lands, the column it sets (migration 0011). */
const deactivate = (userId: number) => lp.t.db.updateTable('users').set({ deactivated_at: lp.t.deps.now() }).where('id', '=', userId).execute();
const refreshError = (refreshToken: string) =>
  oidc.refreshTokenGrant(rp, refreshToken).then(
    () => null,
    (err: unknown) => (err instanceof oidc.ResponseBodyError ? err.error : String(err)),
  );

describe('a change of the member', () => {
  it('shows at the next refresh and at userinfo: other groups, another profile', async () => {
    const first = await signIn(rp, member.cookie);
    expect(first.claims()).toMatchObject({ profile: 'explorer', groups: ['Analysts'], instance_permissions: ['create_projects'] });

    const pluginDevs = (await findGroupByName(lp.t.db, 'Plugin devs'))!;
    const edited = await editUser(lp.t.deps, await asOwner(), member.id, { displayName: 'Dana', profile: 'designer', groupIds: [pluginDevs.id] });
    expect(edited.ok).toBe(true);

    const refreshed = await oidc.refreshTokenGrant(rp, first.refresh_token!);
    expect(refreshed.claims()).toMatchObject({ profile: 'designer', groups: ['Plugin devs'], instance_permissions: ['develop_plugins'] });
    const userinfo = await oidc.fetchUserInfo(rp, refreshed.access_token, String(member.id));
    expect(userinfo).toMatchObject({ profile: 'designer', groups: ['Plugin devs'] });
  });

  it('once deactivated, makes the refresh fail and userinfo refuse the access token', async () => {
    const tokens = await signIn(rp, member.cookie);
    await deactivate(member.id);
    expect(await refreshError(tokens.refresh_token!)).toBe('invalid_grant');
    await expect(oidc.fetchUserInfo(rp, tokens.access_token, String(member.id))).rejects.toThrow();
  });

  it('once deleted, makes the refresh fail', async () => {
    const tokens = await signIn(rp, member.cookie);
    expect((await deleteUser(lp.t.deps, await asOwner(), member.id)).ok).toBe(true);
    expect(await refreshError(tokens.refresh_token!)).toBe('invalid_grant');
  });
});

describe('a change of the instance', () => {
  it('disabled: its refresh and access tokens stop working, and nobody can sign in to it', async () => {
    const tokens = await signIn(rp, member.cookie);
    expect((await disableInstance(lp.t.deps, { kind: 'command_line' }, instance.clientId)).ok).toBe(true);
    expect(await refreshError(tokens.refresh_token!)).toBe('invalid_client');
    await expect(oidc.fetchUserInfo(rp, tokens.access_token, String(member.id))).rejects.toThrow();
    await expect(signIn(rp, member.cookie)).rejects.toThrow(/no redirect back to the instance \(400\)/);
  });

  it('deleted: the same', async () => {
    const tokens = await signIn(rp, member.cookie);
    expect((await deleteInstance(lp.t.deps, { kind: 'command_line' }, instance.clientId)).ok).toBe(true);
    expect(await refreshError(tokens.refresh_token!)).toBe('invalid_client');
  });

  it('with a wrong secret, cannot exchange a code', async () => {
    const impostor = await relyingParty(lp, { clientId: instance.clientId, clientSecret: `${instance.clientSecret}x` });
    await expect(signIn(impostor, member.cookie)).rejects.toMatchObject({ error: 'invalid_client' });
  });
});
