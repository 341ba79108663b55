// Idempotency keys for the API's bulk writes: the first request sent with a given `Idempotency-Key`
// claims it; a retry with the same key and the same request gets the first answer again, word for word,
// and the use case does not run twice. The records live in the database, so every process shares them.
import { sha256 } from '../auth/tokens.js';
import {
  deleteIdempotencyRecord,
  deleteIdempotencyRecordsBefore,
  findIdempotencyRecord,
  insertIdempotencyClaim,
  saveIdempotentAnswer,
} from '../db/queries/idempotency.js';
import type { ServiceDeps } from './deps.js';

/** How long an answer is kept for retries. */
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;
/** A claim whose request never answered (the process stopped) is given up after this long. */
export const IDEMPOTENCY_CLAIM_TIMEOUT_MS = 5 * 60 * 1000;

export type IdempotencyClaim =
  | { kind: 'first' }
  | { kind: 'replay'; status: number; body: string }
  /** The key was used for a different request. */
  | { kind: 'mismatch' }
  /** The first request with this key is still running. */
  | { kind: 'in_progress' };

export const requestFingerprint = (method: string, path: string, body: string) => Buffer.from(sha256(`${method} ${path}\n${body}`)).toString('hex');

export async function claimIdempotencyKey(deps: ServiceDeps, keyId: string, idempotencyKey: string, fingerprint: string): Promise<IdempotencyClaim> {
  const now = deps.now();
  return deps.db.transaction().execute(async (trx): Promise<IdempotencyClaim> => {
    await deleteIdempotencyRecordsBefore(trx, keyId, now - IDEMPOTENCY_TTL_MS);
    const found = await findIdempotencyRecord(trx, keyId, idempotencyKey);
    if (found && found.status === null && found.createdAt < now - IDEMPOTENCY_CLAIM_TIMEOUT_MS) {
      await deleteIdempotencyRecord(trx, keyId, idempotencyKey); // abandoned: the retry becomes the first
    } else if (found) {
      if (found.requestHash !== fingerprint) return { kind: 'mismatch' };
      if (found.status === null || found.body === null) return { kind: 'in_progress' };
      return { kind: 'replay', status: found.status, body: found.body };
    }
    // The primary key settles a race between two first requests: one claims, the other is in progress.
    return (await insertIdempotencyClaim(trx, keyId, idempotencyKey, fingerprint, now)) ? { kind: 'first' } : { kind: 'in_progress' };
  });
}

/** Keeps the first request's answer for its retries. */
export async function settleIdempotencyKey(deps: ServiceDeps, keyId: string, idempotencyKey: string, status: number, body: string): Promise<void> {
  await saveIdempotentAnswer(deps.db, keyId, idempotencyKey, status, body);
}

/** Lets the key go when the first request failed unexpectedly, so a retry runs afresh. */
export async function releaseIdempotencyKey(deps: ServiceDeps, keyId: string, idempotencyKey: string): Promise<void> {
  await deleteIdempotencyRecord(deps.db, keyId, idempotencyKey);
}
