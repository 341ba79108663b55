// "Deactivate user" / "Reactivate user" (and SCIM `active`). A deactivated member keeps their row, profile,
// groups and history, but cannot sign in, loses every session at once and frees their seat (the counts of
// migration 0017 move it). Reactivation takes a seat again, checked under the space lock like an invitation.
import { invalidateUserSessions } from '../auth/session.js';
import type { Trx } from '../db/connect.js';
import { findSpace } from '../db/queries/space.js';
import { findUserById, setDeactivatedAt } from '../db/queries/users.js';
import { can } from '../domain/permissions.js';
import { checkSeats } from '../domain/profiles.js';
import { deactivateRefusal } from '../domain/member-rules.js';
import { actorUserId, type Actor } from './actor.js';
import { allOrNothing } from './all-or-nothing.js';
import { byActor, recordAudit, userTarget } from './audit.js';
import type { ServiceDeps } from './deps.js';
import type { Failure } from './errors.js';
import { seatUsage } from './seats.js';

/** `changed` is false when the member already was in the asked state (SCIM repeats itself). */
export type DeactivateUserResult = { ok: true; changed: boolean } | Failure<'forbidden' | 'not_found' | 'owner_stays_active' | 'own_account_active'>;
export type ReactivateUserResult = { ok: true; changed: boolean } | Failure<'forbidden' | 'not_found' | 'not_enough_seats'>;

export async function deactivateUser(deps: ServiceDeps, actor: Actor, userId: number): Promise<DeactivateUserResult> {
  if (!can(actor, 'space_admin')) return { ok: false, code: 'forbidden' };
  return allOrNothing(deps.db, (trx) => deactivateUserWithin(trx, deps, actor, userId));
}

/** The same checks and writes inside a caller's transaction that holds the space lock (SCIM's PUT and PATCH). */
export async function deactivateUserWithin(trx: Trx, deps: ServiceDeps, actor: Actor, userId: number): Promise<DeactivateUserResult> {
  if (!can(actor, 'space_admin')) return { ok: false, code: 'forbidden' };
  const user = await findUserById(trx, userId);
  if (!user) return { ok: false, code: 'not_found' };
  const refusal = deactivateRefusal(userId, { ownerId: (await findSpace(trx))?.ownerId ?? null, actorUserId: actorUserId(actor) });
  if (refusal) return { ok: false, code: refusal };
  if (user.deactivatedAt !== null) return { ok: true, changed: false };
  const now = deps.now();
  const sessions = await invalidateUserSessions(trx, userId);
  await setDeactivatedAt(trx, userId, now);
  await recordAudit(trx, now, byActor(actor), 'user.deactivated', userTarget(user), { profile: user.profile, endedSessions: sessions });
  return { ok: true, changed: true };
}

export async function reactivateUser(deps: ServiceDeps, actor: Actor, userId: number): Promise<ReactivateUserResult> {
  if (!can(actor, 'space_admin')) return { ok: false, code: 'forbidden' };
  return allOrNothing(deps.db, (trx) => reactivateUserWithin(trx, deps, actor, userId));
}

/** The same checks and writes inside a caller's transaction that holds the space lock (SCIM's PUT and PATCH). */
export async function reactivateUserWithin(trx: Trx, deps: ServiceDeps, actor: Actor, userId: number): Promise<ReactivateUserResult> {
  if (!can(actor, 'space_admin')) return { ok: false, code: 'forbidden' };
  const user = await findUserById(trx, userId);
  if (!user) return { ok: false, code: 'not_found' };
  if (user.deactivatedAt === null) return { ok: true, changed: false };
  const now = deps.now();
  // check_seats: coming back takes a seat of their profile again.
  const seats = checkSeats((await seatUsage(trx, deps.config.seats, now))[user.profile], 1);
  if (!seats.ok) return { ok: false, code: 'not_enough_seats', profile: user.profile, needed: 1, free: seats.free };
  await setDeactivatedAt(trx, userId, null);
  await recordAudit(trx, now, byActor(actor), 'user.reactivated', userTarget(user), { profile: user.profile });
  return { ok: true, changed: true };
}
