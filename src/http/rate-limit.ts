// A sliding-window rate limiter held in memory (one process serves the Launchpad). Keys are strings such as
// `signin:account:<email>` or `signin:ip:<address>`.

export interface RateRule {
  limit: number;
  windowMs: number;
}

export interface RateLimiter {
  /** Whether one more attempt under `key` is allowed now; when not, how long to wait. */
  check(key: string, rule: RateRule): { allowed: true } | { allowed: false; retryAfterMs: number };
  /** Counts one attempt. */
  hit(key: string, rule: RateRule): void;
  reset(key: string): void;
}

export function createRateLimiter(now: () => number, maxKeys = 100_000): RateLimiter {
  const hits = new Map<string, number[]>();
  const recent = (key: string, rule: RateRule) => {
    const cutoff = now() - rule.windowMs;
    const list = (hits.get(key) ?? []).filter((t) => t > cutoff);
    if (list.length) hits.set(key, list);
    else hits.delete(key);
    return list;
  };
  return {
    check(key, rule) {
      const list = recent(key, rule);
      if (list.length < rule.limit) return { allowed: true };
      return { allowed: false, retryAfterMs: list[0]! + rule.windowMs - now() };
    },
    hit(key, rule) {
      const list = recent(key, rule);
      list.push(now());
      if (!hits.has(key) && hits.size >= maxKeys) {
        // Bounded memory: forget the oldest key rather than grow without limit.
        const oldest = hits.keys().next().value;
        if (oldest !== undefined) hits.delete(oldest);
      }
      hits.set(key, list);
    },
    reset(key) {
      hits.delete(key);
    },
  };
}

export const RATE_RULES = {
  signInPerAccount: { limit: 10, windowMs: 15 * 60_000 },
  signInPerAddress: { limit: 50, windowMs: 15 * 60_000 },
  resetPerAccount: { limit: 5, windowMs: 60 * 60_000 },
  resetPerAddress: { limit: 20, windowMs: 60 * 60_000 },
  acceptPerInvitation: { limit: 10, windowMs: 15 * 60_000 },
  acceptPerAddress: { limit: 50, windowMs: 15 * 60_000 },
} satisfies Record<string, RateRule>;

/** Checks every key; counts the attempt against all of them only when each allows it. */
export function consume(
  limiter: RateLimiter,
  checks: ReadonlyArray<[key: string, rule: RateRule]>,
): { allowed: true } | { allowed: false; retryAfterMs: number } {
  for (const [key, rule] of checks) {
    const r = limiter.check(key, rule);
    if (!r.allowed) return r;
  }
  for (const [key, rule] of checks) limiter.hit(key, rule);
  return { allowed: true };
}
