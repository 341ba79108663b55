// What the OpenID Provider persists (sessions, grants, codes, tokens, interactions), keyed by model and id.
// Expired rows are never returned; `deleteExpiredArtifacts` removes them.
import type { Executor } from '../connect.js';

export interface ArtifactInput {
  model: string;
  id: string;
  payload: string;
  grantId: string | null;
  uid: string | null;
  userCode: string | null;
  clientId: string | null;
  accountId: string | null;
  expiresAt: number | null;
}

export interface Artifact {
  payload: string;
  consumedAt: number | null;
}

export async function upsertArtifact(db: Executor, a: ArtifactInput): Promise<void> {
  const values = {
    payload: a.payload,
    grant_id: a.grantId,
    uid: a.uid,
    user_code: a.userCode,
    client_id: a.clientId,
    account_id: a.accountId,
    expires_at: a.expiresAt,
  };
  await db
    .insertInto('oidc_artifacts')
    .values({ model: a.model, id: a.id, consumed_at: null, ...values })
    .onConflict((oc) => oc.columns(['model', 'id']).doUpdateSet(values))
    .execute();
}

type Key = { column: 'id' | 'uid' | 'user_code'; value: string };

export async function findArtifact(db: Executor, model: string, key: Key, now: number): Promise<Artifact | null> {
  const row = await db
    .selectFrom('oidc_artifacts')
    .select(['payload', 'consumed_at'])
    .where('model', '=', model)
    .where(key.column, '=', key.value)
    .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', now)]))
    .executeTakeFirst();
  return row ? { payload: row.payload, consumedAt: row.consumed_at === null ? null : Number(row.consumed_at) } : null;
}

export async function consumeArtifact(db: Executor, model: string, id: string, at: number): Promise<void> {
  await db.updateTable('oidc_artifacts').set({ consumed_at: at }).where('model', '=', model).where('id', '=', id).execute();
}

export async function deleteArtifact(db: Executor, model: string, id: string): Promise<void> {
  await db.deleteFrom('oidc_artifacts').where('model', '=', model).where('id', '=', id).execute();
}

/** Every artifact of a grant, whatever its model (the provider revokes a grant as a whole). */
export async function deleteArtifactsOfGrant(db: Executor, grantId: string): Promise<void> {
  await db.deleteFrom('oidc_artifacts').where('grant_id', '=', grantId).execute();
}

/** Every token, code and grant issued to an instance: it can use none of them again. */
export async function deleteArtifactsOfClient(db: Executor, clientId: string): Promise<number> {
  const r = await db.deleteFrom('oidc_artifacts').where('client_id', '=', clientId).executeTakeFirst();
  return Number(r.numDeletedRows);
}

export async function deleteExpiredArtifacts(db: Executor, now: number): Promise<number> {
  const r = await db.deleteFrom('oidc_artifacts').where('expires_at', '<=', now).executeTakeFirst();
  return Number(r.numDeletedRows);
}
