// The Overview panel's read model, and the health check.
import { findSpace } from '../db/queries/space.js';
import { can } from '../domain/permissions.js';
import type { Profile, SeatUsage } from '../domain/profiles.js';
import { DEFAULT_SPACE_NAME } from '../domain/space.js';
import type { Actor } from './actor.js';
import type { ServiceDeps } from './deps.js';
import { seatUsage } from './seats.js';

/** Single sign-on as admins need to see it: the provider and the redirect URI to register there. */
export interface SsoSettings {
  name: string;
  issuer: string;
  redirectUri: string;
  oidcOnly: boolean;
}

export interface OverviewModel {
  spaceName: string;
  usage: Record<Profile, SeatUsage> | null;
  sso: SsoSettings | null;
}

/** The space's name, and the seats and the sign-in settings for those who administer it. */
export async function overview(deps: ServiceDeps, actor: Actor): Promise<OverviewModel> {
  const [spaceName, usage] = await Promise.all([
    // A signed-in user comes with the space's name, read with the rest of them once per request.
    actor.kind === 'user' ? actor.spaceName : findSpace(deps.db).then((space) => space?.name ?? DEFAULT_SPACE_NAME),
    can(actor, 'space_admin') ? seatUsage(deps.db, deps.config.seats, deps.now()) : Promise.resolve(null),
  ]);
  const { oidc, oidcOnly } = deps.config;
  const sso = oidc && can(actor, 'space_admin') ? { name: oidc.name, issuer: oidc.issuer.href, redirectUri: oidc.redirectUri.href, oidcOnly } : null;
  return { spaceName, usage, sso };
}

/** Whether the database answers. */
export async function databaseAnswers(deps: Pick<ServiceDeps, 'db'>): Promise<boolean> {
  try {
    await findSpace(deps.db);
    return true;
  } catch {
    return false;
  }
}
