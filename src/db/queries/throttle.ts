// Rate-limit counters in the database, so every process sees the same counts. Portable SQL only
// (an upsert with ON CONFLICT … DO UPDATE runs on SQLite and PostgreSQL): each count is one atomic
// statement, with no read-then-write race between processes.
import { sql } from 'kysely';
import type { Executor } from '../connect.js';

export interface Counter {
  count: number;
  lastAt: number;
  expiresAt: number;
}

/** PostgreSQL returns bigint columns as strings; SQLite as numbers. */
const toCounter = (r: { count: number | string; last_at: number | string; expires_at: number | string }): Counter => ({
  count: Number(r.count),
  lastAt: Number(r.last_at),
  expiresAt: Number(r.expires_at),
});

/**
 * Adds one to `key` and returns the new count. An expired counter starts again at 1.
 * `fixed`: the window runs from the first hit (a limit that ends at a known time);
 * `sliding`: it runs from the latest hit (the count only falls back after a quiet spell).
 */
export async function bumpCounter(db: Executor, key: string, now: number, windowMs: number, kind: 'fixed' | 'sliding'): Promise<Counter> {
  const row = await db
    .insertInto('throttle_counters')
    .values({ key, count: 1, last_at: now, expires_at: now + windowMs, audit_event_id: null })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet((eb) => {
        const expired = eb('throttle_counters.expires_at', '<=', now);
        return {
          count: eb.case().when(expired).then(1).else(eb('throttle_counters.count', '+', 1)).end(),
          audit_event_id: eb.case().when(expired).then(sql<number | null>`null`).else(eb.ref('throttle_counters.audit_event_id')).end(),
          last_at: now,
          expires_at:
            kind === 'sliding' ? now + windowMs : eb.case().when(expired).then(now + windowMs).else(eb.ref('throttle_counters.expires_at')).end(),
        };
      }),
    )
    .returning(['count', 'last_at', 'expires_at'])
    .executeTakeFirstOrThrow();
  return toCounter(row);
}

/** The live counters among `keys` (expired ones are absent). */
export async function readCounters(db: Executor, keys: string[], now: number): Promise<Map<string, Counter>> {
  if (!keys.length) return new Map();
  const rows = await db
    .selectFrom('throttle_counters')
    .select(['key', 'count', 'last_at', 'expires_at'])
    .where('key', 'in', keys)
    .where('expires_at', '>', now)
    .execute();
  return new Map(rows.map((r) => [r.key, toCounter(r)]));
}

/** Takes one back (an attempt counted up front that turned out to succeed). */
export async function unbumpCounter(db: Executor, key: string): Promise<void> {
  await db.updateTable('throttle_counters').set((eb) => ({ count: eb('count', '-', 1) })).where('key', '=', key).where('count', '>', 0).execute();
}

export async function deleteCounter(db: Executor, key: string): Promise<void> {
  await db.deleteFrom('throttle_counters').where('key', '=', key).execute();
}

export async function purgeExpiredCounters(db: Executor, now: number): Promise<number> {
  const r = await db.deleteFrom('throttle_counters').where('expires_at', '<=', now).executeTakeFirst();
  return Number(r.numDeletedRows);
}

/** The audit event a counter keeps up to date, if it has one yet. */
export async function counterAuditEvent(db: Executor, key: string): Promise<number | null> {
  const row = await db.selectFrom('throttle_counters').select('audit_event_id').where('key', '=', key).executeTakeFirst();
  return row?.audit_event_id ?? null;
}

/** Links the counter to its event unless another process did first; says whether this one won. */
export async function claimCounterAuditEvent(db: Executor, key: string, eventId: number): Promise<boolean> {
  const r = await db
    .updateTable('throttle_counters')
    .set({ audit_event_id: eventId })
    .where('key', '=', key)
    .where('audit_event_id', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
