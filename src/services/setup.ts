// Creating the space and its owner: once, on an empty database.
import { addMember, grantPermissions, insertGroup } from '../db/queries/groups.js';
import { findSpace, insertSpace } from '../db/queries/space.js';
import { insertUser } from '../db/queries/users.js';
import { SPACE_ADMINISTRATORS, SPACE_ADMINISTRATORS_DESCRIPTION } from '../domain/space.js';
import type { Operator } from './actor.js';
import { recordAudit } from './audit.js';
import type { ServiceDeps } from './deps.js';
import type { Failure } from './errors.js';
import type { SetupInput } from './inputs.js';

/** Named in domain/space.ts; re-exported for the callers that read it here. */
export { SPACE_ADMINISTRATORS } from '../domain/space.js';

export type SetupResult = { ok: true; userId: number } | Failure<'already_set_up'>;

export async function isSetUp(deps: Pick<ServiceDeps, 'db'>): Promise<boolean> {
  return (await findSpace(deps.db)) !== null;
}

export async function createSpaceWithOwner(deps: ServiceDeps, input: SetupInput, operator: Operator): Promise<SetupResult> {
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
      description: SPACE_ADMINISTRATORS_DESCRIPTION,
      origin: 'space',
      createdAt: now,
    });
    await grantPermissions(trx, adminsId, ['space_admin']);
    await addMember(trx, adminsId, userId, now);
    await insertSpace(trx, { name: input.spaceName, ownerId: userId, createdAt: now });
    const by = { id: userId, label: `${input.email} (${operator.label})` };
    await recordAudit(trx, now, by, 'space.created', { type: 'space', label: input.spaceName }, { owner: input.email });
    return { ok: true, userId };
  });
}
