// What a run measures and how long, from BENCH_* variables. The defaults are the issue's.

function num(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0) throw new Error(`${name} must be a non-negative number, not "${raw}"`);
  return value;
}

export interface BenchSettings {
  /** Seconds measured per load case. */
  duration: number;
  /** Seconds of discarded load before each measured case. */
  warmup: number;
  connections: number;
  /** The load generator's per-request time-out, in seconds. */
  timeout: number;
  /** How many times the 1,000-address invite is submitted. */
  inviteRuns: number;
  /** How many times hash and verify are timed in-process. */
  hashRuns: number;
  /** Multiplies every seeded row count (1 = the sizes); for smoke runs only. */
  scale: number;
  /** Keep the temp folder (database, server logs) instead of removing it. */
  keep: boolean;
  /** Which group the group cases use, by size rank (1 = the largest). */
  groupRank: number;
  /** The Users-tab search term. */
  search: string;
  /** The deep page of the Users tab. */
  deepPage: number;
  /** A search for a common substring (about 10% of the users match "mar"). */
  commonSearch: string;
  /** wrk when installed, else autocannon (in a child process); BENCH_GENERATOR picks one. */
  generator: string | undefined;
  /** Seconds of the one-connection runs of the Users-tab cases (their p50). */
  singleDuration: number;
  /**
   * Comparing the engines (BENCH_ENGINE=both), each page's one-connection runs alternate between SQLite
   * and PostgreSQL in this many rounds of singleRoundDuration each (BENCH_SINGLE_ROUNDS).
   */
  singleRounds: number;
  /** Requests per page, one at a time, for the Server-Timing breakdown. */
  breakdownRuns: number;
  /**
   * Which engine the Launchpad runs on (BENCH_ENGINE): sqlite, postgres, or both (the same cases on each,
   * SQLite first). Unset: both when BENCH_DATABASE_URL's server answers, else sqlite.
   */
  engine: BenchEngineChoice | undefined;
  /**
   * The PostgreSQL server (BENCH_DATABASE_URL): the run creates a database of its own there, copies the
   * seeded SQLite database into it with `launchpad copy-db`, and drops it at the end. The database named
   * in the URL is only where that CREATE and DROP are sent.
   */
  databaseUrl: string;
}

/** Seconds of one alternating round: half singleDuration, whole seconds (wrk's -d takes no fraction). */
export const singleRoundDuration = (s: BenchSettings): number => Math.max(1, Math.round(s.singleDuration / 2));

export type BenchEngineChoice = 'sqlite' | 'postgres' | 'both';

function engineChoice(): BenchEngineChoice | undefined {
  const raw = process.env.BENCH_ENGINE?.trim();
  if (!raw) return undefined;
  if (raw === 'sqlite' || raw === 'postgres' || raw === 'both') return raw;
  throw new Error(`BENCH_ENGINE must be sqlite, postgres or both, not "${raw}"`);
}

export function readSettings(): BenchSettings {
  return {
    duration: num('BENCH_DURATION', 10),
    warmup: num('BENCH_WARMUP', 2),
    connections: Math.max(1, Math.round(num('BENCH_CONNECTIONS', 32))),
    timeout: num('BENCH_TIMEOUT', 30),
    inviteRuns: Math.max(1, Math.round(num('BENCH_INVITE_RUNS', 5))),
    hashRuns: Math.max(1, Math.round(num('BENCH_HASH_RUNS', 5))),
    scale: num('BENCH_SCALE', 1) || 1,
    keep: process.env.BENCH_KEEP === '1' || process.env.BENCH_KEEP === 'true',
    groupRank: Math.max(1, Math.round(num('BENCH_GROUP_RANK', 1))),
    search: process.env.BENCH_SEARCH?.trim() || 'garcia',
    deepPage: Math.max(1, Math.round(num('BENCH_DEEP_PAGE', 1000))),
    commonSearch: process.env.BENCH_COMMON_SEARCH?.trim() || 'mar',
    generator: process.env.BENCH_GENERATOR?.trim() || undefined,
    singleDuration: num('BENCH_SINGLE_DURATION', 5),
    singleRounds: Math.max(1, Math.round(num('BENCH_SINGLE_ROUNDS', 3))),
    breakdownRuns: Math.max(1, Math.round(num('BENCH_BREAKDOWN_RUNS', 50))),
    engine: engineChoice(),
    databaseUrl: process.env.BENCH_DATABASE_URL?.trim() || 'postgres://postgres@127.0.0.1:5432/postgres',
  };
}
