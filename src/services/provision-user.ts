// A user created by the identity provider (SCIM POST): no invitation. They take a seat of their profile
// (the configured default when the IdP names none) under the space lock, sign in by SSO, and, when password
// sign-in is on for them, get a "choose your password" email through the outbox (sent after commit).
import { lockSpace } from '../db/lock.js';
import { findSpace } from '../db/queries/space.js';
import { findUserByEmail, findUserById, findUserIdByExternalId, insertUser, setDeactivatedAt, setUserExternalId } from '../db/queries/users.js';
import { can } from '../domain/permissions.js';
import { checkSeats, type Profile } from '../domain/profiles.js';
import type { Actor } from './actor.js';
import { byActor, recordAudit, userTarget } from './audit.js';
import type { ServiceDeps } from './deps.js';
import type { Failure } from './errors.js';
import { joinExtensionGroupsIfDesigner } from './extension-groups.js';
import { passwordAllowedFor } from './oidc-only.js';
import { queueSetPasswordEmail } from './password-reset.js';
import { seatUsage } from './seats.js';

export interface ProvisionInput {
  email: string;
  displayName: string;
  /** Null: the configured default (SCIM_DEFAULT_PROFILE). */
  profile: Profile | null;
  externalId: string | null;
  active: boolean;
}

export type ProvisionResult = { ok: true; id: number } | Failure<'forbidden' | 'email_taken' | 'external_id_taken' | 'not_enough_seats'>;

/** Never matches a password: the account has none until its owner chooses one through the emailed link. */
const NO_PASSWORD = '!';

export async function provisionUser(deps: ServiceDeps, actor: Actor, input: ProvisionInput): Promise<ProvisionResult> {
  if (!can(actor, 'space_admin')) return { ok: false, code: 'forbidden' };
  const profile = input.profile ?? deps.config.scimDefaultProfile;
  const result = await deps.db.transaction().execute(async (trx): Promise<ProvisionResult & { emailed?: boolean }> => {
    await lockSpace(trx);
    const now = deps.now();
    if (await findUserByEmail(trx, input.email)) return { ok: false, code: 'email_taken' };
    if (input.externalId !== null && (await findUserIdByExternalId(trx, input.externalId)) !== null) return { ok: false, code: 'external_id_taken' };
    // check_seats: an active member holds a seat of their profile; a deactivated one does not.
    if (input.active) {
      const seats = checkSeats((await seatUsage(trx, deps.config.seats, now))[profile], 1);
      if (!seats.ok) return { ok: false, code: 'not_enough_seats', profile, needed: 1, free: seats.free };
    }
    const id = await insertUser(trx, { email: input.email, displayName: input.displayName, passwordHash: NO_PASSWORD, profile, createdAt: now });
    if (input.externalId !== null) await setUserExternalId(trx, id, input.externalId);
    if (!input.active) await setDeactivatedAt(trx, id, now);
    await joinExtensionGroupsIfDesigner(trx, id, profile, now);
    const user = (await findUserById(trx, id))!;
    const emailed = input.active && (await passwordAllowedFor(deps, trx, id));
    if (emailed) await queueSetPasswordEmail(deps, trx, user, (await findSpace(trx))?.name ?? 'Launchpad', now);
    await recordAudit(trx, now, byActor(actor), 'user.provisioned', userTarget(user), {
      profile,
      ...(input.externalId !== null ? { externalId: input.externalId } : {}),
      ...(input.active ? {} : { deactivated: true }),
      ...(emailed ? { emailed: 'set your password' } : {}),
    });
    return { ok: true, id, emailed };
  });
  if (result.ok && result.emailed) deps.notifyOutbox();
  return result.ok ? { ok: true, id: result.id } : result;
}
