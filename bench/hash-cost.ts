// The password hash on its own, in this process: the app's hasher, hash and verify timed a few times.
import { createPasswordHasher, HASH_CONCURRENCY, scryptMemoryBytes } from '../src/auth/password.js';
import { median } from './invite-timing.js';

export interface HashCost {
  params: string;
  hashMs: number[];
  verifyMs: number[];
  hashMedianMs: number;
  verifyMedianMs: number;
  /** scrypt's working memory per call: 128 · N · r bytes. */
  memoryMiB: number;
  threadpool: number;
  /** How many hashes the app runs at once (its gate: one per core but one, at least one, at most the thread pool's four). */
  concurrency: number;
}

export async function measureHashCost(runs: number): Promise<HashCost> {
  const hasher = createPasswordHasher();
  const hashMs: number[] = [];
  const verifyMs: number[] = [];
  let stored = '';
  for (let i = 0; i < runs; i++) {
    let t0 = performance.now();
    stored = await hasher.hash(`bench password ${i}`);
    hashMs.push(performance.now() - t0);
    t0 = performance.now();
    if (!(await hasher.verify(stored, `bench password ${i}`))) throw new Error('the hasher did not verify its own hash');
    verifyMs.push(performance.now() - t0);
  }
  const { N, r, p } = hasher.params;
  return {
    params: `scrypt N=2^${Math.log2(N)}, r=${r}, p=${p}`,
    hashMs,
    verifyMs,
    hashMedianMs: median(hashMs),
    verifyMedianMs: median(verifyMs),
    memoryMiB: scryptMemoryBytes(hasher.params) / 2 ** 20,
    threadpool: Number(process.env.UV_THREADPOOL_SIZE) || 4,
    concurrency: HASH_CONCURRENCY,
  };
}
