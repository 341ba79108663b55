import { describe, expect, it } from 'vitest';
import { createGate, createPasswordHasher, DEFAULT_SCRYPT, hashConcurrency, hashParams, scryptMemoryBytes } from '../../src/auth/password.js';
import { FAST_SCRYPT } from '../support/app.js';

const fast = () => createPasswordHasher(FAST_SCRYPT);

describe('password hashing with the real parameters', () => {
  it('defaults to N=2^13, r=8, p=10 (OWASP, 8 MiB) and writes them into the stored hash', async () => {
    expect(DEFAULT_SCRYPT).toEqual({ N: 8192, r: 8, p: 10 });
    expect(scryptMemoryBytes(DEFAULT_SCRYPT)).toBe(8 * 2 ** 20);
    const hasher = createPasswordHasher();
    expect(hasher.params).toEqual(DEFAULT_SCRYPT);
    // The one real-cost hash of the suite (8 MiB, a fraction of a second).
    const stored = await hasher.hash('correct horse battery');
    expect(stored).toMatch(/^scrypt\$8192\$8\$10\$[A-Za-z0-9+/]+=*\$[A-Za-z0-9+/]+=*$/);
    expect(hashParams(stored)).toEqual(DEFAULT_SCRYPT);
    const [, , , , salt, key] = stored.split('$');
    expect(Buffer.from(salt!, 'base64')).toHaveLength(16);
    expect(Buffer.from(key!, 'base64')).toHaveLength(32);
  });
});

describe('hashes made with other parameters', () => {
  it('still verifies a hash made with the default before last (N=2^17, r=8, p=1)', async () => {
    // Made with createPasswordHasher({ N: 2 ** 17, r: 8, p: 1 }) before the default changed.
    const old = 'scrypt$131072$8$1$Bqktlp1yv5/Z/OiQTPRGdw==$m4dgrYgKDTQllWYbWA0urMGxtIjMiPvRXwZxIAahFRA=';
    const hasher = createPasswordHasher();
    expect(await hasher.verify(old, 'correct horse battery')).toBe(true);
    expect(await hasher.verify(old, 'correct horse batterY')).toBe(false);
    expect(hasher.needsRehash(old)).toBe(true);
  });

  it('still verifies a hash made with the former default (N=2^14, r=8, p=5), and asks for a rehash', async () => {
    // Made with createPasswordHasher({ N: 2 ** 14, r: 8, p: 5 }) before the default changed.
    const former = 'scrypt$16384$8$5$jE/8aK9JErgmzMEWiLzkSg==$RqtozqA4LIUpd9C4OhSGmxjU3QZZbzEuuIfbbmGxRIE=';
    const hasher = createPasswordHasher();
    expect(await hasher.verify(former, 'correct horse battery')).toBe(true);
    expect(await hasher.verify(former, 'correct horse batterY')).toBe(false);
    expect(hasher.needsRehash(former)).toBe(true);
  });

  it.each([
    { what: 'the same parameters', made: FAST_SCRYPT, rehash: false },
    { what: 'a smaller N', made: { ...FAST_SCRYPT, N: FAST_SCRYPT.N / 2 }, rehash: true },
    { what: 'a larger N (more memory than today)', made: { ...FAST_SCRYPT, N: FAST_SCRYPT.N * 2 }, rehash: true },
    { what: 'another r', made: { ...FAST_SCRYPT, r: 4 }, rehash: true },
    { what: 'another p', made: { ...FAST_SCRYPT, p: 3 }, rehash: true },
  ])('needsRehash is $rehash for a hash made with $what', async ({ made, rehash }) => {
    const stored = await createPasswordHasher(made).hash('some password');
    expect(fast().needsRehash(stored)).toBe(rehash);
  });

  it('asks for a rehash of anything that is not one of its scrypt hashes', () => {
    expect(fast().needsRehash('$2b$10$abcdefghijklmnopqrstuv')).toBe(true);
  });
});

describe('password hashing (fast parameters)', () => {
  it('embeds its own parameters in the hash', async () => {
    const stored = await fast().hash('some password');
    expect(stored.startsWith(`scrypt$${FAST_SCRYPT.N}$${FAST_SCRYPT.r}$${FAST_SCRYPT.p}$`)).toBe(true);
    expect(hashParams(stored)).toEqual(FAST_SCRYPT);
  });

  it('verifies with the parameters stored in the hash, not the hasher’s own', async () => {
    const stored = await fast().hash('some password');
    // A hasher set to the real (slow) parameters checks a cheap hash at the cheap cost, and gets it right.
    const real = createPasswordHasher();
    expect(await real.verify(stored, 'some password')).toBe(true);
    expect(await real.verify(stored, 'some passworD')).toBe(false);
  });

  it('salts every hash: the same password hashes differently twice', async () => {
    const h = fast();
    const [a, b] = [await h.hash('same password'), await h.hash('same password')];
    expect(a).not.toBe(b);
    expect(await h.verify(a, 'same password')).toBe(true);
    expect(await h.verify(b, 'same password')).toBe(true);
  });

  it.each([
    { attempt: 'correct horse battery', ok: true },
    { attempt: 'correct horse batter', ok: false },
    { attempt: 'correct horse battery ', ok: false },
    { attempt: ' correct horse battery', ok: false },
    { attempt: 'Correct horse battery', ok: false },
    { attempt: '', ok: false },
  ])('verify("$attempt") is $ok', async ({ attempt, ok }) => {
    const h = fast();
    const stored = await h.hash('correct horse battery');
    expect(await h.verify(stored, attempt)).toBe(ok);
  });

  it.each([
    { what: 'empty', stored: '' },
    { what: 'another scheme', stored: '$2b$10$abcdefghijklmnopqrstuv' },
    { what: 'too few parts', stored: 'scrypt$1024$8$1$c2FsdA==' },
    { what: 'too many parts', stored: 'scrypt$1024$8$1$c2FsdA==$a2V5$extra' },
    { what: 'plain text', stored: 'correct horse battery' },
  ])('rejects a stored value that is not a scrypt hash ($what)', async ({ stored }) => {
    expect(await fast().verify(stored, 'correct horse battery')).toBe(false);
  });

  it.each([
    { what: 'accented letter, written out by hand', nfc: 'caf\u00e9 au lait!', nfd: 'cafe\u0301 au lait!' },
    { what: 'Hangul syllables vs jamo', nfc: '\ud55c\uad6d\uc5b4 \ube44\ubc00\ubc88\ud638', nfd: '\ud55c\uad6d\uc5b4 \ube44\ubc00\ubc88\ud638'.normalize('NFD') },
    { what: 'Vietnamese, stacked marks', nfc: 'm\u1eadt kh\u1ea9u d\u00e0i', nfd: 'm\u1eadt kh\u1ea9u d\u00e0i'.normalize('NFD') },
    { what: 'Å as a ring above vs the Ångström sign', nfc: '\u00c5ngstr\u00f6m units', nfd: '\u212bngstro\u0308m units' },
  ])('treats NFC and NFD forms of the same password as equal ($what)', async ({ nfc, nfd }) => {
    expect(nfc).not.toBe(nfd);
    expect(nfd.normalize('NFC')).toBe(nfc);
    const h = fast();
    expect(await h.verify(await h.hash(nfc), nfd)).toBe(true);
    expect(await h.verify(await h.hash(nfd), nfc)).toBe(true);
  });

  it.each([
    { what: 'emoji', password: '🔑🐴🔋📎 staple', other: '🔑🐴🔋📎 stapler' },
    { what: 'Cyrillic look-alike', password: 'password-\u0430', other: 'password-a' },
    { what: 'spaces only inside', password: 'a b c d e f g h', other: 'abcdefgh' },
  ])('hashes any Unicode ($what) and tells it apart from a near miss', async ({ password, other }) => {
    const h = fast();
    const stored = await h.hash(password);
    expect(await h.verify(stored, password)).toBe(true);
    expect(await h.verify(stored, other)).toBe(false);
  });

  it('never truncates: a 256-character password differs from its 255-character prefix', async () => {
    const h = fast();
    const long = Array.from({ length: 256 }, (_, i) => 'abcdefghijklmnopqrstuvwxyz0123456789'[i % 36]).join('');
    expect(long).toHaveLength(256);
    const stored = await h.hash(long);
    expect(await h.verify(stored, long)).toBe(true);
    expect(await h.verify(stored, long.slice(0, 255))).toBe(false);
    expect(await h.verify(stored, long.slice(0, 72))).toBe(false); // bcrypt's cut-off
  });

  it('never truncates multi-byte passwords either (256 code points)', async () => {
    const h = fast();
    const long = 'é'.repeat(255) + 'ü';
    const stored = await h.hash(long);
    expect(await h.verify(stored, long)).toBe(true);
    expect(await h.verify(stored, 'é'.repeat(255))).toBe(false);
    expect(await h.verify(stored, 'é'.repeat(255) + 'u')).toBe(false);
  });
});

describe('hashes at once', () => {
  it.each([
    { cores: 1, hashes: 1 },
    { cores: 2, hashes: 1 },
    { cores: 3, hashes: 2 },
    { cores: 4, hashes: 3 },
    { cores: 8, hashes: 4 },
    { cores: 64, hashes: 4 },
  ])('leaves a core to the event loop: $hashes on $cores cores (at least one, at most the thread pool\'s four)', ({ cores, hashes }) => {
    expect(hashConcurrency(cores)).toBe(hashes);
  });
});

describe('the hashing gate', () => {
  it('runs at most `limit` tasks at once and the rest in the order they came', async () => {
    const run = createGate(2);
    let active = 0;
    let peak = 0;
    const started: number[] = [];
    const task = (n: number) => async () => {
      started.push(n);
      active++;
      peak = Math.max(peak, active);
      await new Promise((r) => setTimeout(r, 5));
      active--;
      return n;
    };
    const results = await Promise.all([1, 2, 3, 4, 5, 6].map((n) => run(task(n))));
    expect(results).toEqual([1, 2, 3, 4, 5, 6]);
    expect(peak).toBe(2);
    expect(started).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('frees the slot when a task fails', async () => {
    const run = createGate(1);
    await expect(run(async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(run(async () => 'next')).resolves.toBe('next');
  });

  it('a hasher with concurrency 1 still verifies what it hashed, one at a time', async () => {
    const hasher = createPasswordHasher({ N: 2 ** 10, r: 8, p: 1 }, 1);
    const hashes = await Promise.all(['a', 'b', 'c'].map((p) => hasher.hash(`password-${p}`)));
    expect(await Promise.all(hashes.map((h, i) => hasher.verify(h, `password-${'abc'[i]}`)))).toEqual([true, true, true]);
    expect(await hasher.verify(hashes[0]!, 'password-b')).toBe(false);
  });
});
