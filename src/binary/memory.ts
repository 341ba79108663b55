// Memory settings for the single binary, applied by memory-settings.ts, which main.ts imports first:
// they run before any other code of the app, and before anything puts work on libuv's thread pool.
//
// Node 20's single executable takes no command-line flags of its own (its configuration gained
// `execArgv` only in later Node versions), and the service's environment is the operator's. So the
// binary sets what it can from inside, each measured on the 100,000-user benchmark database (the
// README's Performance section has the figures):
//  - the thread pool's size, which libuv reads when the pool first starts, i.e. later than this;
//  - V8's young generation, kept at 4 MiB per semi-space instead of growing to 16 MiB;
//  - V8's old generation, collected when it has grown by a quarter over what survived the last
//    collection, instead of letting it grow up to fourfold first.
// The two V8 settings are flags V8 reads at each collection, which is why changing them here works
// (`--max-semi-space-size` and `--max-old-space-size`, read once when the heap is made, would not).
import { getHeapSpaceStatistics, setFlagsFromString } from 'node:v8';
import { HASH_CONCURRENCY } from '../auth/password.js';

/**
 * libuv's pool has four threads by default, and each thread that has run a password hash can keep the
 * hash's 8 MiB buffer in its own allocator arena (glibc's per-thread arenas do not give such a block
 * back, unless MALLOC_MMAP_THRESHOLD_ makes it a mapping of its own). The pool is sized to the hashes
 * that run at once (at least two threads), so those buffers are never more than the hashes at once
 * would hold anyway. An operator's own
 * UV_THREADPOOL_SIZE stays as set.
 */
export function threadPoolSize(hashesAtOnce = HASH_CONCURRENCY): number {
  return Math.max(2, hashesAtOnce);
}

/** The young generation's two semi-spaces at their largest: 4 MiB each. */
export const SEMI_SPACE_MAX_BYTES = 4 * 1024 * 1024;
/** V8's default factor by which a semi-space doubles when enough survives a scavenge. */
const SEMI_SPACE_GROWTH = 2;
/** The old generation's next collection comes when it has grown by this much over its live size. */
export const HEAP_GROWING_PERCENT = 25;
const CHECK_EVERY_MS = 100;

/**
 * Whether the young generation may grow further. `new_space`'s size counts both semi-spaces.
 * Exported for its test.
 */
export function youngMayGrow(newSpaceBytes: number, maxSemiSpaceBytes = SEMI_SPACE_MAX_BYTES): boolean {
  return newSpaceBytes < 2 * maxSemiSpaceBytes;
}

/**
 * The young generation starts at 1 MiB per semi-space and doubles under load, up to 16 MiB (32 MiB
 * for the two) with Node 20's defaults. V8 reads `--semi-space-growth-factor` at each scavenge: it
 * stays at its default while the semi-spaces are under 4 MiB and is set to 1 once they reach it, so
 * they stop there (a scavenge between two checks may still double them once). V8 shrinks them again
 * when allocation slows; the check lets them grow back. Keeping 1 MiB for good (the factor at 1 from
 * the start) saved about 9 MB more, but the pages then spent 3–60% more CPU per request in
 * promotions and old-generation collections; at 4 MiB the CPU per request was as before.
 */
function capYoungGeneration(): void {
  let growing: boolean | null = null;
  const check = () => {
    const newSpace = getHeapSpaceStatistics().find((s) => s.space_name === 'new_space');
    if (!newSpace) return;
    const grow = youngMayGrow(newSpace.space_size);
    if (grow === growing) return;
    setFlagsFromString(`--semi-space-growth-factor=${grow ? SEMI_SPACE_GROWTH : 1}`);
    growing = grow;
  };
  check();
  setInterval(check, CHECK_EVERY_MS).unref();
}

/** Sets UV_THREADPOOL_SIZE unless the operator did. */
export function sizeThreadPool(env: NodeJS.ProcessEnv = process.env, hashesAtOnce = HASH_CONCURRENCY): void {
  env.UV_THREADPOOL_SIZE ||= String(threadPoolSize(hashesAtOnce));
}

export function applyMemorySettings(): void {
  sizeThreadPool();
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
  capYoungGeneration();
}
