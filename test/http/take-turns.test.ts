// On SQLite the requests that arrived together take turns of the event loop, a few at a time, so that
// the loop (and Node's accept of a new connection) comes round every few milliseconds.
import { Hono } from 'hono';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { takeTurns } from '../../src/http/take-turns.js';

/** Counts the turns of the event loop while `run` runs. */
async function countingTurns<T>(run: (turn: () => number) => Promise<T>): Promise<T> {
  let turns = 0;
  let counting = true;
  const tick = () => {
    turns++;
    if (counting) setImmediate(tick);
  };
  setImmediate(tick);
  try {
    return await run(() => turns);
  } finally {
    counting = false;
  }
}

/** A handler that holds the thread for `ms`, as a page does on SQLite. */
function busyApp(budgetMs: number, ms: number, seen: Array<{ id: number; turn: number }>, turn: () => number) {
  const app = new Hono();
  app.use(takeTurns(budgetMs));
  app.get('/:id', (c) => {
    seen.push({ id: Number(c.req.param('id')), turn: turn() });
    const until = performance.now() + ms;
    while (performance.now() < until);
    return c.text(c.req.param('id'));
  });
  return app;
}

const mostInOneTurn = (seen: Array<{ turn: number }>) => {
  const perTurn = new Map<number, number>();
  for (const s of seen) perTurn.set(s.turn, (perTurn.get(s.turn) ?? 0) + 1);
  return Math.max(...perTurn.values());
};

describe('takeTurns', () => {
  afterEach(() => vi.useRealTimers());

  it('answers every request, in the order they arrived', async () => {
    const seen: Array<{ id: number; turn: number }> = [];
    const bodies = await countingTurns((turn) => {
      const app = busyApp(8, 1, seen, turn);
      return Promise.all(Array.from({ length: 30 }, (_, i) => Promise.resolve(app.request(`/${i}`)).then((r) => r.text())));
    });
    expect(bodies).toEqual(Array.from({ length: 30 }, (_, i) => String(i)));
    expect(seen.map((s) => s.id)).toEqual(Array.from({ length: 30 }, (_, i) => i));
  });

  it('lets into one turn only as many as fit its budget, so the loop comes round between them', async () => {
    const seen: Array<{ id: number; turn: number }> = [];
    await countingTurns((turn) => {
      const app = busyApp(8, 3, seen, turn); // about two 3 ms requests fit in 8 ms
      return Promise.all(Array.from({ length: 20 }, (_, i) => app.request(`/${i}`)));
    });
    // Without the turns, all 20 would run in the one turn in which they arrived.
    expect(mostInOneTurn(seen)).toBeLessThanOrEqual(3);
    expect(new Set(seen.map((s) => s.turn)).size).toBeGreaterThanOrEqual(7);
  });

  it('lets many quick requests into one turn', async () => {
    const seen: Array<{ id: number; turn: number }> = [];
    await countingTurns((turn) => {
      const app = busyApp(8, 0.05, seen, turn);
      return Promise.all(Array.from({ length: 200 }, (_, i) => app.request(`/${i}`)));
    });
    // The first turn, before anything is measured, lets one in; then they come many at a time.
    expect(mostInOneTurn(seen)).toBeGreaterThan(10);
  });

  it('keeps going when a test fakes the timers after the module loaded', async () => {
    const app = new Hono();
    app.use(takeTurns());
    app.get('/', (c) => c.text('ok'));
    vi.useFakeTimers();
    const res = await app.request('/');
    expect(await res.text()).toBe('ok');
  });
});
