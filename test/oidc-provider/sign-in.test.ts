// An instance signs a member in through the Launchpad, with openid-client as the relying party against the
// running Launchpad, and reads the space's rules in the claims.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as oidc from 'openid-client';
import { expandPermissions, INSTANCE_PERMISSIONS, LAUNCHPAD_PERMISSIONS, PERMISSION_LABELS, PERMISSIONS } from '../../src/domain/permissions.js';
import { SPACE_ADMINISTRATORS } from '../../src/services/setup.js';
import { addUser, get, withSpace, type TestUser } from '../support/app.js';
import { unescapeHtml } from '../support/html.js';
import { registerInstance, relyingParty, signIn, startLaunchpad, type RunningLaunchpad } from './support.js';

let lp: RunningLaunchpad;
let owner: TestUser;
beforeEach(async () => {
  lp = await startLaunchpad();
  owner = await withSpace(lp.t);
});

/** What the Groups tab shows of a group: the permissions of its badges, read back from their labels. */
async function groupsTab(): Promise<Map<string, string[]>> {
  const html = unescapeHtml(await (await get(lp.t, '/groups', { cookie: owner.cookie })).text());
  const byLabel = new Map(PERMISSIONS.map((p) => [PERMISSION_LABELS[p], p]));
  const rows = new Map<string, string[]>();
  for (const [, row] of html.matchAll(/<tr id="group-\d+">([\s\S]*?)<\/tr>/g)) {
    const name = /<strong>([^<]*)<\/strong>/.exec(row!)![1]!;
    rows.set(name, [...row!.matchAll(/<span class="badge[^"]*">([^<]*)<\/span>/g)].map(([, label]) => byLabel.get(label!)!));
  }
  return rows;
}
afterEach(() => lp.close());

describe('signing a member in to an instance', () => {
  it('publishes discovery that openid-client accepts: code flow with S256 PKCE, the launchpad scope, every endpoint', async () => {
    const rp = await relyingParty(lp, await registerInstance(lp.t));
    const meta = rp.serverMetadata();
    expect(meta.issuer).toBe(lp.origin);
    expect(meta.response_types_supported).toEqual(['code']);
    expect(meta.code_challenge_methods_supported).toEqual(['S256']);
    expect(meta.scopes_supported).toContain('launchpad');
    expect(meta.grant_types_supported).toEqual(expect.arrayContaining(['authorization_code', 'refresh_token']));
    for (const endpoint of ['authorization_endpoint', 'token_endpoint', 'userinfo_endpoint', 'jwks_uri', 'end_session_endpoint', 'revocation_endpoint'] as const) {
      expect(meta[endpoint], endpoint).toMatch(new RegExp(`^${lp.origin}/oidc/`));
    }
  });

  it('gives a group member their profile, groups and the instance permissions their groups grant', async () => {
    const member = await addUser(lp.t, {
      email: 'dana@example.com',
      name: 'Dana Designer',
      profile: 'designer',
      groups: [{ name: 'Data scientists', permissions: ['create_projects', 'manage_all_code_envs'] }, { name: 'Readers club' }],
    });
    const rp = await relyingParty(lp, await registerInstance(lp.t));
    const tokens = await signIn(rp, member.cookie);

    const claims = tokens.claims()!; // the ID token, its signature, issuer, audience and nonce checked by openid-client
    expect(claims).toMatchObject({
      sub: String(member.id),
      email: 'dana@example.com',
      name: 'Dana Designer',
      profile: 'designer',
      groups: ['Data scientists', 'Readers club'],
      space_admin: false,
      // manage_all_code_envs implies create_code_envs, in the permissions' own order
      instance_permissions: ['create_projects', 'create_code_envs', 'manage_all_code_envs'],
      launchpad_permissions: [],
    });
    const userinfo = await oidc.fetchUserInfo(rp, tokens.access_token, String(member.id));
    expect(userinfo).toMatchObject({ groups: claims.groups, profile: 'designer', instance_permissions: claims.instance_permissions });
    expect(tokens.expires_in).toBeLessThanOrEqual(300);
    expect(tokens.refresh_token).toBeTruthy();
  });

  it('says what the Groups tab shows: the member’s groups, and the permissions of their badges, implications applied', async () => {
    const member = await addUser(lp.t, {
      email: 'gil@example.com',
      profile: 'designer',
      groups: [{ name: 'Builders', permissions: ['create_projects', 'manage_all_clusters'] }, { name: 'Env keepers', permissions: ['manage_code_envs', 'develop_plugins'] }],
    });
    const claims = (await signIn(await relyingParty(lp, await registerInstance(lp.t)), member.cookie)).claims()!;
    const tab = await groupsTab();
    expect(claims.groups).toEqual(['Builders', 'Env keepers']);
    for (const group of claims.groups as string[]) expect(tab.has(group), group).toBe(true);
    const shown = expandPermissions((claims.groups as string[]).flatMap((g) => tab.get(g)!));
    expect(claims.instance_permissions).toEqual(INSTANCE_PERMISSIONS.filter((p) => shown.has(p)));
    expect(claims.launchpad_permissions).toEqual(LAUNCHPAD_PERMISSIONS.filter((p) => shown.has(p)));
    expect(claims.instance_permissions).toContain('create_clusters'); // implied by Manage all clusters
  });

  it('expands Administrator into every instance permission', async () => {
    const member = await addUser(lp.t, { email: 'ada@example.com', profile: 'designer', groups: [{ name: 'Node admins', permissions: ['instance_admin'] }] });
    const tokens = await signIn(await relyingParty(lp, await registerInstance(lp.t)), member.cookie);
    expect(tokens.claims()!.instance_permissions).toEqual([...INSTANCE_PERMISSIONS]);
  });

  it('says space_admin for members of space_administrators, with the Launchpad permissions that implies', async () => {
    const admin = await addUser(lp.t, { email: 'sam@example.com', profile: 'explorer', groups: [{ name: SPACE_ADMINISTRATORS }] });
    const tokens = await signIn(await relyingParty(lp, await registerInstance(lp.t)), admin.cookie);
    expect(tokens.claims()).toMatchObject({ space_admin: true, launchpad_permissions: ['space_admin', 'manage_code_envs'], profile: 'explorer' });
  });

  it('lets a reader into an ordinary instance', async () => {
    const reader = await addUser(lp.t, { email: 'rita@example.com', profile: 'reader' });
    const tokens = await signIn(await relyingParty(lp, await registerInstance(lp.t)), reader.cookie);
    expect(tokens.claims()).toMatchObject({ profile: 'reader', groups: [], instance_permissions: [] });
  });
});
