// Creating the space and its owner: once, on an empty database.
import { insertAuditEvent } from '../db/queries/audit.js';
import { addMember, grantPermissions, insertGroup } from '../db/queries/groups.js';
import { findSpace, insertSpace } from '../db/queries/space.js';
import { insertUser } from '../db/queries/users.js';
import type { Actor, ServiceDeps } from './deps.js';
import type { SetupInput } from './inputs.js';

export const SPACE_ADMINISTRATORS = 'space_administrators';

export type SetupResult = { ok: true; userId: number } | { ok: false; code: 'already_set_up' };

export async function isSetUp(deps: Pick<ServiceDeps, 'db'>): Promise<boolean> {
  return (await findSpace(deps.db)) !== null;
}

export async function createSpaceWithOwner(deps: ServiceDeps, input: SetupInput, actor: Actor): Promise<SetupResult> {
  // Hash before the transaction: the write lock is not held during the slow part.
  const passwordHash = await deps.hasher.hash(input.password);
  return deps.db.transaction().execute(async (trx): Promise<SetupResult> => {
    if (await findSpace(trx)) return { ok: false, code: 'already_set_up' };
    const now = deps.now();
    const userId = await insertUser(trx, {
      email: input.email,
      displayName: input.displayName,
      passwordHash,
      profile: 'designer',
      createdAt: now,
    });
    const adminsId = await insertGroup(trx, {
      name: SPACE_ADMINISTRATORS,
      description: 'Administrators of the space: every panel and right in the Launchpad.',
      origin: 'space',
      createdAt: now,
    });
    await grantPermissions(trx, adminsId, ['space_admin']);
    await addMember(trx, adminsId, userId, now);
    await insertSpace(trx, { name: input.spaceName, ownerId: userId, createdAt: now });
    await insertAuditEvent(trx, {
      at: now,
      actorId: actor.id ?? userId,
      actorLabel: actor.id === null ? `${input.email} (${actor.label})` : actor.label,
      action: 'space.created',
      targetType: 'space',
      targetLabel: input.spaceName,
      details: { owner: input.email },
    });
    return { ok: true, userId };
  });
}
