// The Overview panel's read model, and the health check.
import { findSpace } from '../db/queries/space.js';
import { can } from '../domain/permissions.js';
import type { Profile, SeatUsage } from '../domain/profiles.js';
import { DEFAULT_SPACE_NAME } from '../domain/space.js';
import type { Actor } from './actor.js';
import type { ServiceDeps } from './deps.js';
import { seatUsage } from './seats.js';

/** The space's name, and the seats for those who administer it. */
export async function overview(deps: ServiceDeps, actor: Actor): Promise<{ spaceName: string; usage: Record<Profile, SeatUsage> | null }> {
  const [space, usage] = await Promise.all([
    findSpace(deps.db),
    can(actor, 'space_admin') ? seatUsage(deps.db, deps.config.seats, deps.now()) : Promise.resolve(null),
  ]);
  return { spaceName: space?.name ?? DEFAULT_SPACE_NAME, usage };
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
