import type { Executor } from '../connect.js';

export interface ExtensionState {
  key: string;
  active: boolean;
  groupId: number | null;
  changedAt: number;
}

export async function listExtensionStates(db: Executor): Promise<ExtensionState[]> {
  const rows = await db.selectFrom('extensions').selectAll().execute();
  return rows.map((r) => ({ key: r.key, active: r.active === 1, groupId: r.group_id, changedAt: r.changed_at }));
}

export async function saveExtensionState(db: Executor, s: { key: string; active: boolean; groupId: number | null; at: number }) {
  await db
    .insertInto('extensions')
    .values({ key: s.key, active: s.active ? 1 : 0, group_id: s.groupId, changed_at: s.at })
    .onConflict((oc) => oc.column('key').doUpdateSet({ active: s.active ? 1 : 0, group_id: s.groupId, changed_at: s.at }))
    .execute();
}

/** The groups designers join automatically: those of the active extensions. */
export async function activeExtensionGroupIds(db: Executor): Promise<number[]> {
  const rows = await db
    .selectFrom('extensions')
    .select('group_id')
    .where('active', '=', 1)
    .where('group_id', 'is not', null)
    .execute();
  return rows.map((r) => r.group_id!);
}
