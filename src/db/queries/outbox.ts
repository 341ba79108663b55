import type { OutboxRow } from '../schema.js';
import { engineOf, type Executor } from '../connect.js';

export interface OutgoingMessage {
  kind: string;
  refId?: string | number;
  to: string;
  subject: string;
  html: string;
  text: string;
  /** For a message whose body holds LINK_PLACEHOLDER: which link to derive at send time. */
  linkRef?: string;
}

/** Queues a message inside the caller's transaction; the worker sends it after commit. */
export async function enqueueMessage(db: Executor, m: OutgoingMessage, now: number): Promise<number> {
  return (await enqueueMessages(db, [m], now))[0]!;
}

/** Queues several messages; answers their outbox ids in the order given. */
export async function enqueueMessages(db: Executor, messages: OutgoingMessage[], now: number): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < messages.length; i += 250) {
    const chunk = messages.slice(i, i + 250);
    const rows = await db
      .insertInto('outbox')
      .values(
        chunk.map((m) => ({
          kind: m.kind,
          ref_id: m.refId === undefined ? null : String(m.refId),
          to_address: m.to,
          subject: m.subject,
          html: m.html,
          text: m.text,
          status: 'queued' as const,
          next_attempt_at: now,
          created_at: now,
          link_ref: m.linkRef ?? null,
        })),
      )
      .returning('id')
      .execute();
    // One statement inserts its rows in order, so their integer keys ascend in the order given.
    ids.push(...rows.map((r) => r.id).sort((x, y) => x - y));
  }
  return ids;
}

export async function dueMessages(db: Executor, now: number, limit: number): Promise<OutboxRow[]> {
  return db
    .selectFrom('outbox')
    .selectAll()
    .where('status', '=', 'queued')
    .where('next_attempt_at', '<=', now)
    .orderBy('next_attempt_at')
    .limit(limit)
    .execute();
}

/**
 * Picks the next due message and claims it in one statement, until `leaseUntil`; null when none is due.
 * Several workers (one per process) never get the same row: on PostgreSQL the pick is
 * `FOR UPDATE SKIP LOCKED`, so a worker passes over a row another is claiming instead of waiting for it;
 * on SQLite the statement runs under the database's write lock. A claim whose worker died is released
 * once its lease has run out (releaseStaleClaims) and sent again; the provider's idempotency key, made
 * from the row id, still guards against a second delivery.
 */
export async function claimNextMessage(db: Executor, now: number, leaseUntil: number): Promise<OutboxRow | null> {
  const pg = engineOf(db) === 'postgres';
  const row = await db
    .updateTable('outbox')
    .set((eb) => ({ status: 'sending', attempts: eb('attempts', '+', 1), next_attempt_at: leaseUntil }))
    .where('id', '=', (eb) =>
      eb
        .selectFrom('outbox')
        .select('id')
        .where('status', '=', 'queued')
        .where('next_attempt_at', '<=', now)
        .orderBy('next_attempt_at')
        .orderBy('id')
        .limit(1)
        .$if(pg, (qb) => qb.forUpdate().skipLocked()),
    )
    .where('status', '=', 'queued')
    .returningAll()
    .executeTakeFirst();
  return row ?? null;
}

/** Claims a message for sending; false when another worker got it first. */
export async function claimMessage(db: Executor, id: number, leaseUntil: number): Promise<boolean> {
  const r = await db
    .updateTable('outbox')
    .set((eb) => ({ status: 'sending', attempts: eb('attempts', '+', 1), next_attempt_at: leaseUntil }))
    .where('id', '=', id)
    .where('status', '=', 'queued')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function markSent(db: Executor, id: number, providerId: string, at: number): Promise<void> {
  await db
    .updateTable('outbox')
    .set({ status: 'sent', provider_id: providerId, sent_at: at, last_error: null })
    .where('id', '=', id)
    .execute();
}

export async function markRetry(db: Executor, id: number, error: string, nextAttemptAt: number): Promise<void> {
  await db
    .updateTable('outbox')
    .set({ status: 'queued', last_error: error, next_attempt_at: nextAttemptAt })
    .where('id', '=', id)
    .execute();
}

export async function markFailed(db: Executor, id: number, error: string): Promise<void> {
  await db.updateTable('outbox').set({ status: 'failed', last_error: error }).where('id', '=', id).execute();
}

/** Messages left in `sending` by a process that died: back to the queue once their lease ran out. */
export async function releaseStaleClaims(db: Executor, now: number): Promise<void> {
  await db
    .updateTable('outbox')
    .set({ status: 'queued' })
    .where('status', '=', 'sending')
    .where('next_attempt_at', '<=', now)
    .execute();
}

export async function findMessage(db: Executor, id: number): Promise<OutboxRow | null> {
  return (await db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirst()) ?? null;
}
