import type { Executor } from '../connect.js';
import { GENERIC_PLAN } from '../pg-prepared.js';

export interface Space {
  name: string;
  ownerId: number;
  createdAt: number;
}

export async function findSpace(db: Executor): Promise<Space | null> {
  const r = await db.selectFrom('space').selectAll().where('id', '=', 1).modifyEnd(GENERIC_PLAN).executeTakeFirst();
  return r ? { name: r.name, ownerId: r.owner_id, createdAt: r.created_at } : null;
}

export async function insertSpace(db: Executor, s: Space): Promise<void> {
  await db.insertInto('space').values({ id: 1, name: s.name, owner_id: s.ownerId, created_at: s.createdAt }).execute();
}

export async function setSpaceOwner(db: Executor, ownerId: number): Promise<void> {
  await db.updateTable('space').set({ owner_id: ownerId }).where('id', '=', 1).execute();
}
