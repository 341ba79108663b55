// API keys and their rate counters. Times are epoch ms; numbers are read through Number() so a driver
// that returns bigint columns as strings (PostgreSQL's) gives the same values.
import type { Executor } from '../connect.js';

export interface ApiKeyRecord {
  id: string;
  name: string;
  scopes: string[];
  secretHash: string;
  createdAt: number;
  createdBy: number | null;
  createdByLabel: string;
  expiresAt: number | null;
  lastUsedAt: number | null;
  lastUsedAddress: string | null;
  revokedAt: number | null;
}

const num = (v: number | string | null): number | null => (v === null ? null : Number(v));

type Row = {
  id: string;
  name: string;
  scopes: string;
  secret_hash: string;
  created_at: number;
  created_by: number | null;
  created_by_label: string;
  expires_at: number | null;
  last_used_at: number | null;
  last_used_address: string | null;
  revoked_at: number | null;
};

function toRecord(r: Row): ApiKeyRecord {
  return {
    id: r.id,
    name: r.name,
    scopes: r.scopes.split(' ').filter(Boolean),
    secretHash: r.secret_hash,
    createdAt: Number(r.created_at),
    createdBy: num(r.created_by),
    createdByLabel: r.created_by_label,
    expiresAt: num(r.expires_at),
    lastUsedAt: num(r.last_used_at),
    lastUsedAddress: r.last_used_address,
    revokedAt: num(r.revoked_at),
  };
}

export async function insertApiKey(
  db: Executor,
  k: Pick<ApiKeyRecord, 'id' | 'name' | 'scopes' | 'secretHash' | 'createdAt' | 'createdBy' | 'createdByLabel' | 'expiresAt'>,
): Promise<void> {
  await db
    .insertInto('api_keys')
    .values({
      id: k.id,
      name: k.name,
      scopes: k.scopes.join(' '),
      secret_hash: k.secretHash,
      created_at: k.createdAt,
      created_by: k.createdBy,
      created_by_label: k.createdByLabel,
      expires_at: k.expiresAt,
    })
    .execute();
}

export async function findApiKey(db: Executor, id: string): Promise<ApiKeyRecord | null> {
  const row = await db.selectFrom('api_keys').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toRecord(row) : null;
}

/** Every key, newest first; revoked ones included (the panel shows them as revoked). */
export async function listApiKeyRecords(db: Executor): Promise<ApiKeyRecord[]> {
  const rows = await db.selectFrom('api_keys').selectAll().orderBy('created_at', 'desc').orderBy('id').execute();
  return rows.map(toRecord);
}

/** Marks a key revoked; false when it was unknown or already revoked. */
export async function markApiKeyRevoked(db: Executor, id: string, at: number): Promise<boolean> {
  const r = await db.updateTable('api_keys').set({ revoked_at: at }).where('id', '=', id).where('revoked_at', 'is', null).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function touchApiKey(db: Executor, id: string, at: number, address: string): Promise<void> {
  await db.updateTable('api_keys').set({ last_used_at: at, last_used_address: address }).where('id', '=', id).execute();
}

/** Counts one request of a key in its window and returns the window's count (one atomic upsert). */
export async function countApiRequest(db: Executor, keyId: string, windowStart: number): Promise<number> {
  const row = await db
    .insertInto('api_rate_counters')
    .values({ key_id: keyId, window_start: windowStart, hits: 1 })
    .onConflict((oc) => oc.columns(['key_id', 'window_start']).doUpdateSet((eb) => ({ hits: eb('api_rate_counters.hits', '+', 1) })))
    .returning('hits')
    .executeTakeFirstOrThrow();
  return Number(row.hits);
}

/** Drops a key's counters of windows before `windowStart`. */
export async function deleteOldApiCounters(db: Executor, keyId: string, windowStart: number): Promise<void> {
  await db.deleteFrom('api_rate_counters').where('key_id', '=', keyId).where('window_start', '<', windowStart).execute();
}
