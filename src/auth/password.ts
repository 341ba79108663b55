// Password hashing with scrypt. The parameters are stored with each hash so they can be raised later:
//   scrypt$<N>$<r>$<p>$<salt b64>$<key b64>
import { randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { availableParallelism } from 'node:os';

export interface ScryptParams {
  N: number;
  r: number;
  p: number;
}

/** N=2^17, r=8, p=1: the OWASP recommendation. 128 MiB of memory per hash. */
export const DEFAULT_SCRYPT: ScryptParams = { N: 2 ** 17, r: 8, p: 1 };

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
}

/**
 * Runs at most `limit` tasks at once; the others wait their turn, first come first served. Each scrypt
 * call holds 128 MiB: Node's thread pool would run four at once (512 MiB) on any machine, though more
 * than one per core only adds memory, not speed.
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

/** Hashes at once: one per core, at most four (Node's thread pool). */
export const HASH_CONCURRENCY = Math.max(1, Math.min(4, availableParallelism()));

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
  };
}

/** Reads the parameters a stored hash was made with. */
export function hashParams(stored: string): ScryptParams | null {
  const m = /^scrypt\$(\d+)\$(\d+)\$(\d+)\$/.exec(stored);
  return m ? { N: +m[1]!, r: +m[2]!, p: +m[3]! } : null;
}
