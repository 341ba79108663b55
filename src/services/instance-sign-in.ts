// What the OpenID Provider asks of the space: is this instance registered and enabled, may this member sign
// in to it, and what the member's claims say. Read on every sign-in, token refresh and userinfo call, so a
// change of profile, groups or status shows at the next one.
import { findInstance, memberIsActive } from '../db/queries/instances.js';
import { INSTANCE_PERMISSIONS, LAUNCHPAD_PERMISSIONS, can } from '../domain/permissions.js';
import type { Profile } from '../domain/profiles.js';
import type { ServiceDeps } from './deps.js';
import { loadCurrentUser } from './principal.js';

/** The claims of the `launchpad` scope. */
export interface LaunchpadClaims {
  sub: string;
  email: string;
  name: string;
  profile: Profile;
  groups: string[];
  space_admin: boolean;
  instance_permissions: string[];
  launchpad_permissions: string[];
}

/** An enabled instance as the provider needs it, secret hash included (the provider compares it). */
export interface InstanceClient {
  id: string;
  name: string;
  redirectUris: string[];
  postLogoutRedirectUri: string | null;
  secretHash: string;
  designersOnly: boolean;
}

export async function enabledInstance(deps: Pick<ServiceDeps, 'db'>, clientId: string): Promise<InstanceClient | null> {
  const i = await findInstance(deps.db, clientId);
  if (!i || i.disabledAt !== null) return null;
  return { id: i.id, name: i.name, redirectUris: i.redirectUris, postLogoutRedirectUri: i.postLogoutRedirectUri, secretHash: i.secretHash, designersOnly: i.designersOnly };
}

export type InstanceAccess =
  | { ok: true; claims: LaunchpadClaims }
  | { ok: false; code: 'no_member' | 'instance_unavailable' | 'designers_only'; profile?: Profile; instanceName?: string };

/** May member `userId` use instance `clientId` now, and with which claims. */
export async function instanceAccess(deps: Pick<ServiceDeps, 'db'>, userId: number, clientId: string): Promise<InstanceAccess> {
  if (!Number.isSafeInteger(userId) || userId <= 0) return { ok: false, code: 'no_member' };
  const [user, active, instance] = await Promise.all([loadCurrentUser(deps.db, userId), memberIsActive(deps.db, userId), enabledInstance(deps, clientId)]);
  if (!user || !active) return { ok: false, code: 'no_member' };
  if (!instance) return { ok: false, code: 'instance_unavailable' };
  if (instance.designersOnly && user.profile !== 'designer') return { ok: false, code: 'designers_only', profile: user.profile, instanceName: instance.name };
  return {
    ok: true,
    claims: {
      sub: String(user.id),
      email: user.email,
      name: user.displayName,
      profile: user.profile,
      groups: user.groups.map((g) => g.name).sort(),
      space_admin: can(user, 'space_admin'),
      instance_permissions: INSTANCE_PERMISSIONS.filter((p) => can(user, p)),
      launchpad_permissions: LAUNCHPAD_PERMISSIONS.filter((p) => can(user, p)),
    },
  };
}
