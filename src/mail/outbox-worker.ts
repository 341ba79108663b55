// Sends what the use cases queued, after their transaction committed. Each message is claimed, sent with a
// time-out, and recorded as sent (with the provider's id) or retried with back-off, then failed with a reason.
// The outbox row's id is the idempotency key, so a retry after a lost answer is not delivered twice.
import type { Db } from '../db/connect.js';
import { claimNextMessage, markFailed, markRetry, markSent, releaseStaleClaims } from '../db/queries/outbox.js';
import { LINK_PLACEHOLDER } from '../auth/link-secrets.js';
import type { OutboxRow } from '../db/schema.js';
import { MailError, type Mailer } from './mailer.js';

export interface OutboxWorkerOptions {
  db: Db;
  mailer: Mailer;
  from: string;
  now: () => number;
  timeoutMs?: number;
  maxAttempts?: number;
  pollMs?: number;
  log?: (line: string) => void;
  /** Derives the secret link of a message (outbox rows never hold one); null when it is no longer valid. */
  resolveLink?: (ref: string) => Promise<string | null>;
}

export interface OutboxWorker {
  /** Sends everything due now; resolves with how many messages it handled. */
  runOnce(): Promise<number>;
  /** Asks for a run soon (after a commit that queued mail). */
  kick(): void;
  start(): void;
  /** Stops polling and waits for the run in progress. */
  stop(): Promise<void>;
}

/** 30 s, 1 min, 2 min… capped at 1 hour. */
export function backoffMs(attempt: number): number {
  return Math.min(30_000 * 2 ** Math.max(0, attempt - 1), 3_600_000);
}

export function createOutboxWorker(o: OutboxWorkerOptions): OutboxWorker {
  const timeoutMs = o.timeoutMs ?? 15_000;
  const maxAttempts = o.maxAttempts ?? 8;
  const log = o.log ?? ((l: string) => console.error(l));
  let running: Promise<number> | null = null;
  let again = false;
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;

  async function sendOne(m: OutboxRow, attempt: number) {
    const { id, to_address: to, subject } = m;
    let { html, text } = m;
    if (m.link_ref) {
      const link = o.resolveLink ? await o.resolveLink(m.link_ref) : null;
      if (!link) {
        await markFailed(o.db, id, 'the link in this email is no longer valid');
        return;
      }
      html = html.split(LINK_PLACEHOLDER).join(link);
      text = text.split(LINK_PLACEHOLDER).join(link);
    }
    try {
      const { id: providerId } = await o.mailer.send(
        { from: o.from, to, subject, html, text },
        { idempotencyKey: `launchpad-outbox-${id}`, signal: AbortSignal.timeout(timeoutMs) },
      );
      await markSent(o.db, id, providerId, o.now());
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      const retryable = !(err instanceof MailError) || err.retryable;
      if (retryable && attempt < maxAttempts) {
        await markRetry(o.db, id, reason, o.now() + backoffMs(attempt));
      } else {
        await markFailed(o.db, id, reason);
        log(`[mail] message ${id} to ${to} failed: ${reason}`);
      }
    }
  }

  async function drain(): Promise<number> {
    let handled = 0;
    await releaseStaleClaims(o.db, o.now());
    while (!stopped) {
      // The lease outlives the time-out: a process that dies mid-send gives the message back later.
      const m = await claimNextMessage(o.db, o.now(), o.now() + timeoutMs + 60_000);
      if (!m) break;
      await sendOne(m, m.attempts); // the claim counted this attempt
      handled++;
    }
    return handled;
  }

  function runOnce(): Promise<number> {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      let total = 0;
      do {
        again = false;
        total += await drain();
      } while (again && !stopped);
      return total;
    })().finally(() => {
      running = null;
    });
    return running;
  }

  const safeRun = () => {
    runOnce().catch((err) => log(`[mail] outbox run failed: ${err instanceof Error ? err.message : String(err)}`));
  };

  return {
    runOnce,
    kick() {
      if (!stopped) setImmediate(safeRun);
    },
    start() {
      stopped = false;
      safeRun();
      timer = setInterval(safeRun, o.pollMs ?? 5_000);
      timer.unref();
    },
    async stop() {
      stopped = true;
      if (timer) clearInterval(timer);
      timer = null;
      await running?.catch(() => 0);
    },
  };
}
