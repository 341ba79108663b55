// The single binary's memory settings (src/binary/memory.ts). Applying them changes the process's V8 flags,
// so these tests call only the parts that decide; the binary's own tests run it with them applied.
import { describe, expect, it } from 'vitest';
import { SEMI_SPACE_MAX_BYTES, sizeThreadPool, threadPoolSize, youngMayGrow } from '../../src/binary/memory.js';

const MiB = 1024 * 1024;

describe("libuv's thread pool", () => {
  it('has as many threads as hashes run at once, so no idle thread keeps a hash buffer', () => {
    expect(threadPoolSize(2)).toBe(2);
    expect(threadPoolSize(3)).toBe(3);
    expect(threadPoolSize(4)).toBe(4);
  });

  it('keeps a second thread on a single core, for file and DNS work while a hash runs', () => {
    expect(threadPoolSize(1)).toBe(2);
  });

  it("is sized in the environment libuv reads when the pool starts, unless the operator set it", () => {
    const env: NodeJS.ProcessEnv = {};
    sizeThreadPool(env, 2);
    expect(env.UV_THREADPOOL_SIZE).toBe('2');

    const operators: NodeJS.ProcessEnv = { UV_THREADPOOL_SIZE: '8' };
    sizeThreadPool(operators, 2);
    expect(operators.UV_THREADPOOL_SIZE).toBe('8');
  });
});

describe("V8's young generation", () => {
  it('grows while its two semi-spaces are under 4 MiB each, and stops there', () => {
    expect(SEMI_SPACE_MAX_BYTES).toBe(4 * MiB);
    expect(youngMayGrow(2 * MiB)).toBe(true); // 1 MiB each, as V8 starts
    expect(youngMayGrow(4 * MiB)).toBe(true);
    expect(youngMayGrow(8 * MiB)).toBe(false);
    expect(youngMayGrow(32 * MiB)).toBe(false); // V8's own limit here: 16 MiB each
  });
});
