// One request per turn of the event loop, on SQLite.
//
// Node accepts at most one new connection per turn of its event loop (strace of a busy server: one
// accept4 per epoll_wait, never a second one that would have found the queue empty). On SQLite a
// request's queries are synchronous, so one turn ran every request that had arrived on the open
// connections, one after the other: with 32 open connections and 2.8 ms per Users page, a turn lasted
// about 90 ms, and a 33rd client opening a connection waited one turn for its accept, then its first
// request joined the next turn... When wrk opened its 32 connections against a busy server, the k-th
// was accepted only after k turns of growing length: the last one's first page came after about
// 1.5 s, which alone made the benchmark's p99 (a plain Hono app with a 2.8 ms handler showed the same).
//
// Here the requests that arrived wait in order, and each turn lets in only as many as fit in about
// TURN_BUDGET_MS, judged by how long the last turns took per request. New connections are then accepted
// every few milliseconds, while a turn still holds enough requests that the loop's own cost per turn
// (about 0.1 ms, measured as a 10-20% loss on the 0.6 ms Code Envs page with one request per turn) stays
// small. On PostgreSQL the requests already give the loop back at every query.
import type { MiddlewareHandler } from 'hono';

// Taken when this module loads: a test that fakes timers later does not stop the queue.
const nextTurn: typeof setImmediate = setImmediate;

/** How long one turn's requests may take together, about. */
export const TURN_BUDGET_MS = 8;
const MAX_PER_TURN = 64;

export function takeTurns(budgetMs = TURN_BUDGET_MS): MiddlewareHandler {
  const waiting: Array<() => void> = [];
  let turnScheduled = false;
  /** Milliseconds per request, averaged over the last turns; 0 until measured (then one request a turn). */
  let perRequestMs = 0;
  let lastTurn: { startedAt: number; admitted: number } | null = null;

  const runTurn = () => {
    const now = performance.now();
    // The previous turn's requests ran to their end (or to their first real wait) between then and now.
    if (lastTurn) {
      const measured = (now - lastTurn.startedAt) / lastTurn.admitted;
      perRequestMs = perRequestMs === 0 ? measured : perRequestMs * 0.8 + measured * 0.2;
      lastTurn = null;
    }
    if (waiting.length === 0) {
      turnScheduled = false;
      return;
    }
    const fit = perRequestMs > 0 ? Math.floor(budgetMs / perRequestMs) : 1;
    const admitted = Math.min(waiting.length, Math.max(1, Math.min(MAX_PER_TURN, fit)));
    for (const letIn of waiting.splice(0, admitted)) letIn();
    lastTurn = { startedAt: now, admitted };
    // Always one more turn: it measures this one, and lets in who arrived meanwhile.
    nextTurn(runTurn);
  };

  return async (_c, next) => {
    await new Promise<void>((resolve) => {
      waiting.push(resolve);
      if (!turnScheduled) {
        turnScheduled = true;
        nextTurn(runTurn);
      }
    });
    await next();
  };
}
