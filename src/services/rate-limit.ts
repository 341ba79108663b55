// Rate limits, counted in the database so that every process shares them and a restart does not clear
// them (table throttle_counters). Two kinds:
// - `consume`: a plain count of attempts per key in a fixed window (password-reset requests, invitation
//   acceptance);
// - the sign-in throttle: failures per (account, client address) and per client address are capped;
//   failures per account across all addresses only slow that account down, and never for an address
//   with no recent failure of its own, so nobody can lock the owner out from elsewhere.
import type { Db, Executor } from '../db/connect.js';
import { deleteAuditEvent, insertSignInFailureEvent, updateSignInFailureEvent } from '../db/queries/sign-in-failures.js';
import {
  bumpCounter,
  claimCounterAuditEvent,
  counterAuditEvent,
  deleteCounter,
  purgeExpiredCounters,
  readCounters,
  unbumpCounter,
} from '../db/queries/throttle.js';

export interface RateRule {
  limit: number;
  windowMs: number;
}

export type RateDecision = { allowed: true } | { allowed: false; retryAfterMs: number };

export const RATE_RULES = {
  /** Wrong passwords for one account from one client address; then that pair waits for the window to end. */
  signInPerPair: { limit: 10, windowMs: 15 * 60_000 },
  /** Wrong passwords from one client address, whatever the accounts (password spraying). */
  signInPerAddress: { limit: 50, windowMs: 15 * 60_000 },
  resetPerAccount: { limit: 5, windowMs: 60 * 60_000 },
  resetPerAddress: { limit: 20, windowMs: 60 * 60_000 },
  acceptPerInvitation: { limit: 10, windowMs: 15 * 60_000 },
  acceptPerAddress: { limit: 50, windowMs: 15 * 60_000 },
} satisfies Record<string, RateRule>;

/**
 * Failures of one account from all addresses. From the 10th on, an address that has failed on this
 * account itself waits 1 s, 2 s, 4 s … (at most 5 minutes) after the account's latest failure. The
 * count falls back to nothing after 15 quiet minutes.
 */
export const ACCOUNT_SLOWDOWN = { after: 10, firstDelayMs: 1000, maxDelayMs: 5 * 60_000, quietMs: 15 * 60_000 };

export function accountDelayMs(failures: number): number {
  if (failures < ACCOUNT_SLOWDOWN.after) return 0;
  const doublings = Math.min(failures - ACCOUNT_SLOWDOWN.after, 30);
  return Math.min(ACCOUNT_SLOWDOWN.firstDelayMs * 2 ** doublings, ACCOUNT_SLOWDOWN.maxDelayMs);
}

export interface RateLimiter {
  /** Counts one attempt under every key; refused when any key is over its limit. */
  consume(db: Executor, checks: ReadonlyArray<[key: string, rule: RateRule]>): Promise<RateDecision>;
  /**
   * Before checking a password: refuses, or counts the attempt as a failure up front (so that a burst
   * of parallel guesses cannot all pass the check before any is counted).
   */
  beginSignIn(db: Db, who: SignInAttempt): Promise<RateDecision>;
  /** The password was wrong: the window's audit event gets the new count. */
  signInFailed(db: Db, who: SignInAttempt, email: string): Promise<void>;
  /** The password was right: the up-front count is taken back, and this pair starts afresh. */
  signInSucceeded(db: Executor, who: SignInAttempt): Promise<void>;
}

export interface SignInAttempt {
  /** The account's key (its normalised email). */
  account: string;
  address: string;
}

/** Keys are bounded: a 256 KB "email" must not become a 256 KB primary key. */
const MAX_PART = 320;
const part = (s: string) => s.slice(0, MAX_PART);
const keysOf = (who: SignInAttempt) => ({
  pair: `signin:pair:${part(who.account)}|${part(who.address)}`,
  address: `signin:ip:${part(who.address)}`,
  account: `signin:account:${part(who.account)}`,
});

const refuse = (retryAfterMs: number): RateDecision => ({ allowed: false, retryAfterMs: Math.max(1000, retryAfterMs) });

/** The clock is passed in; every call takes the database handle first (the caller owns it). */
export function createRateLimiter(now: () => number): RateLimiter {
  return {
    async consume(db, checks) {
      const at = now();
      let wait = 0;
      for (const [key, rule] of checks) {
        const counter = await bumpCounter(db, part(key), at, rule.windowMs, 'fixed');
        if (counter.count > rule.limit) wait = Math.max(wait, counter.expiresAt - at);
      }
      return wait > 0 ? refuse(wait) : { allowed: true };
    },

    async beginSignIn(db, who) {
      const at = now();
      const keys = keysOf(who);
      const live = await readCounters(db, [keys.pair, keys.address, keys.account], at);
      const pair = live.get(keys.pair);
      const account = live.get(keys.account);
      if (pair && pair.count >= RATE_RULES.signInPerPair.limit) return refuse(pair.expiresAt - at);
      const address = live.get(keys.address);
      if (address && address.count >= RATE_RULES.signInPerAddress.limit) return refuse(address.expiresAt - at);
      // The slowdown applies only to an address that has itself failed on this account lately.
      if (pair && account) {
        const until = account.lastAt + accountDelayMs(account.count);
        if (at < until) return refuse(until - at);
      }
      // Counted up front, then checked again: parallel attempts past the limit are refused here.
      const p = await bumpCounter(db, keys.pair, at, RATE_RULES.signInPerPair.windowMs, 'fixed');
      if (p.count > RATE_RULES.signInPerPair.limit) return refuse(p.expiresAt - at);
      const a = await bumpCounter(db, keys.address, at, RATE_RULES.signInPerAddress.windowMs, 'fixed');
      if (a.count > RATE_RULES.signInPerAddress.limit) return refuse(a.expiresAt - at);
      await bumpCounter(db, keys.account, at, ACCOUNT_SLOWDOWN.quietMs, 'sliding');
      return { allowed: true };
    },

    async signInFailed(db, who, email) {
      const at = now();
      const keys = keysOf(who);
      await db.transaction().execute(async (trx) => {
        const live = (await readCounters(trx, [keys.pair], at)).get(keys.pair);
        const event = { at, email: part(email), address: part(who.address), failures: live?.count ?? 1 };
        const existing = await counterAuditEvent(trx, keys.pair);
        if (existing !== null) return updateSignInFailureEvent(trx, existing, event);
        const id = await insertSignInFailureEvent(trx, event);
        if (await claimCounterAuditEvent(trx, keys.pair, id)) return;
        // Another process opened this window's event first: count into that one.
        await deleteAuditEvent(trx, id);
        const winner = await counterAuditEvent(trx, keys.pair);
        if (winner !== null) await updateSignInFailureEvent(trx, winner, event);
      });
      await purgeExpiredCounters(db, at);
    },

    async signInSucceeded(db, who) {
      const keys = keysOf(who);
      await deleteCounter(db, keys.pair);
      await unbumpCounter(db, keys.address);
      await unbumpCounter(db, keys.account);
    },
  };
}
