// Password hashing with scrypt. The parameters are stored with each hash, so a hash made with other
// parameters still verifies, and is made again with today's on the next sign-in:
//   scrypt$<N>$<r>$<p>$<salt b64>$<key b64>
import { randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { availableParallelism } from 'node:os';

export interface ScryptParams {
  N: number;
  r: number;
  p: number;
}

/**
 * N=2^13, r=8, p=10: one of the settings OWASP's Password Storage Cheat Sheet lists as equal in the
 * defence they give to N=2^17, r=8, p=1 (more passes over less memory), with 8 MiB of memory per hash
 * instead of 128 MiB (the README's Performance section has the measurements behind the choice).
 * Hashes made with other parameters (N=2^17, p=1 and N=2^14, p=5 before) still verify and are rehashed
 * on sign-in.
 */
export const DEFAULT_SCRYPT: ScryptParams = { N: 2 ** 13, r: 8, p: 10 };

/** scrypt's working memory per call: 128 · N · r bytes (p runs one after the other in the same memory). */
export function scryptMemoryBytes(params: ScryptParams): number {
  return 128 * params.N * params.r;
}

const KEY_LENGTH = 32;

function scryptOnce(password: string, salt: Buffer, params: ScryptParams): Promise<Buffer> {
  const options: ScryptOptions = { ...params, maxmem: 256 * params.N * params.r + 1024 * 1024 };
  return new Promise((resolve, reject) =>
    scryptCb(password.normalize('NFC'), salt, KEY_LENGTH, options, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

export interface PasswordHasher {
  readonly params: ScryptParams;
  hash(password: string): Promise<string>;
  verify(hash: string, password: string): Promise<boolean>;
  /** True when a stored hash was made with other parameters than this hasher's: make it again while the password is known. */
  needsRehash(hash: string): boolean;
}

/**
 * Runs at most `limit` tasks at once; the others wait their turn, first come first served. Each scrypt
 * call keeps a thread of Node's pool busy for a core's 120–170 ms: more than one per core adds no speed,
 * holds more memory, and leaves no thread for the pool's other work.
 */
export function createGate(limit: number) {
  let running = 0;
  const waiting: Array<() => void> = [];
  return async function run<T>(task: () => Promise<T>): Promise<T> {
    if (running >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
    else running++;
    try {
      return await task();
    } finally {
      const next = waiting.shift();
      if (next) next(); // the slot passes straight to the next in line
      else running--;
    }
  };
}

/**
 * Hashes at once: one per core but one, at least one, at most four (Node's thread pool); 8 MiB each
 * with DEFAULT_SCRYPT. The core left over is the event loop's, so pages keep being served during a
 * burst of sign-ins (on two cores, /users answered in about half the time during one than with two
 * hashes at once), and a burst adds 8 MiB to the process instead of 16. The price is sign-ins per
 * second on two cores, where one hash runs at a time (README, Performance).
 */
export function hashConcurrency(cores: number): number {
  return Math.max(1, Math.min(4, cores - 1));
}

export const HASH_CONCURRENCY = hashConcurrency(availableParallelism());

export function createPasswordHasher(params: ScryptParams = DEFAULT_SCRYPT, concurrency = HASH_CONCURRENCY): PasswordHasher {
  const gate = createGate(concurrency);
  const scrypt = (password: string, salt: Buffer, p: ScryptParams) => gate(() => scryptOnce(password, salt, p));
  return {
    params,
    async hash(password) {
      const salt = randomBytes(16);
      const key = await scrypt(password, salt, params);
      return ['scrypt', params.N, params.r, params.p, salt.toString('base64'), key.toString('base64')].join('$');
    },
    async verify(stored, password) {
      const parts = stored.split('$');
      if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
      const [, N, r, p, salt, key] = parts as [string, string, string, string, string, string];
      const expected = Buffer.from(key, 'base64');
      const actual = await scrypt(password, Buffer.from(salt, 'base64'), { N: +N, r: +r, p: +p });
      return expected.length === actual.length && timingSafeEqual(expected, actual);
    },
    needsRehash(stored) {
      const made = hashParams(stored);
      return !made || made.N !== params.N || made.r !== params.r || made.p !== params.p;
    },
  };
}

/** Reads the parameters a stored hash was made with. */
export function hashParams(stored: string): ScryptParams | null {
  const m = /^scrypt\$(\d+)\$(\d+)\$(\d+)\$/.exec(stored);
  return m ? { N: +m[1]!, r: +m[2]!, p: +m[3]! } : null;
}
