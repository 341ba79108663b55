// The API's idempotency keys (migration 0060). Each function takes the db or a transaction first.
import type { Executor } from '../connect.js';

export interface IdempotencyRecord {
  requestHash: string;
  createdAt: number;
  status: number | null;
  body: string | null;
}

/** Claims the key for a first request; false when a row for it exists already (the primary key decides). */
export async function insertIdempotencyClaim(db: Executor, keyId: string, idempotencyKey: string, requestHash: string, now: number): Promise<boolean> {
  const r = await db
    .insertInto('api_idempotency')
    .values({ key_id: keyId, idempotency_key: idempotencyKey, request_hash: requestHash, created_at: now, status: null, body: null })
    .onConflict((oc) => oc.columns(['key_id', 'idempotency_key']).doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) === 1;
}

export async function findIdempotencyRecord(db: Executor, keyId: string, idempotencyKey: string): Promise<IdempotencyRecord | null> {
  const r = await db
    .selectFrom('api_idempotency')
    .select(['request_hash', 'created_at', 'status', 'body'])
    .where('key_id', '=', keyId)
    .where('idempotency_key', '=', idempotencyKey)
    .executeTakeFirst();
  return r ? { requestHash: r.request_hash, createdAt: r.created_at, status: r.status, body: r.body } : null;
}

export async function saveIdempotentAnswer(db: Executor, keyId: string, idempotencyKey: string, status: number, body: string): Promise<void> {
  await db.updateTable('api_idempotency').set({ status, body }).where('key_id', '=', keyId).where('idempotency_key', '=', idempotencyKey).execute();
}

export async function deleteIdempotencyRecord(db: Executor, keyId: string, idempotencyKey: string): Promise<void> {
  await db.deleteFrom('api_idempotency').where('key_id', '=', keyId).where('idempotency_key', '=', idempotencyKey).execute();
}

/** Forgets a key's records older than `before`, and a stale claim, so the same Idempotency-Key may start afresh. */
export async function deleteIdempotencyRecordsBefore(db: Executor, keyId: string, before: number): Promise<void> {
  await db.deleteFrom('api_idempotency').where('key_id', '=', keyId).where('created_at', '<', before).execute();
}
