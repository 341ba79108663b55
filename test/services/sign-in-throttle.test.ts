// Issue 11, item 19: nobody can lock the owner out. Failures are capped per (account, client address);
// across addresses they only slow the account down, never for an address with no failure of its own.
// The counters live in the database: shared by every process, kept across a restart, purged when old.
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import { createRateLimiter } from '../../src/services/rate-limit.js';
import { defaultPublicFiles } from '../../src/server.js';
import { cookieFrom, makeApp, ORIGIN, PASSWORD, withSpace, type TestApp } from '../support/app.js';

const WRONG = 'not the password';
const OWNER = 'owner@example.com';

function signInFrom(app: TestApp['app'], remoteAddress: string, password: string, email = OWNER) {
  return app.request(
    '/login',
    {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: ORIGIN },
      body: new URLSearchParams({ email, password }).toString(),
    },
    { incoming: { socket: { remoteAddress } } },
  );
}

describe('an attacker on many addresses cannot lock the owner out', () => {
  it('after 200 wrong passwords from 40 addresses, the right one from a fresh address signs in', async () => {
    const t = await makeApp();
    await withSpace(t);
    for (let round = 0; round < 5; round++) {
      for (let i = 0; i < 40; i++) {
        const res = await signInFrom(t.app, `198.51.100.${i}`, WRONG);
        expect([401, 429]).toContain(res.status);
      }
      t.clock.advance(60_000);
    }
    const owner = await signInFrom(t.app, '10.0.0.1', PASSWORD);
    expect(owner.status).toBe(303);
    expect(cookieFrom(owner)).not.toBeNull();
  });

  it('ten failures from one address block that address only, even with the right password', async () => {
    const t = await makeApp();
    await withSpace(t);
    for (let i = 1; i <= 10; i++) expect((await signInFrom(t.app, '198.51.100.7', WRONG)).status, `attempt ${i}`).toBe(401);
    const blocked = await signInFrom(t.app, '198.51.100.7', PASSWORD);
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await signInFrom(t.app, '10.0.0.1', PASSWORD)).status).toBe(303);
  });
});

describe('across addresses, the account slows down progressively', () => {
  it('from the 10th failure on, an address that failed waits 1 s, 2 s, 4 s, 8 s… after the latest failure', async () => {
    const t = await makeApp();
    await withSpace(t);
    for (let i = 0; i < 10; i++) expect((await signInFrom(t.app, `198.51.100.${i}`, WRONG)).status).toBe(401);
    const waits: number[] = [];
    for (let i = 0; i < 4; i++) {
      const refused = await signInFrom(t.app, '198.51.100.0', WRONG);
      expect(refused.status).toBe(429);
      const wait = Number(refused.headers.get('retry-after'));
      waits.push(wait);
      t.clock.advance(wait * 1000);
      expect((await signInFrom(t.app, '198.51.100.0', WRONG)).status).toBe(401);
    }
    expect(waits).toEqual([1, 2, 4, 8]);
  });

  it('the slowdown never exceeds 5 minutes and fades after 15 quiet minutes', async () => {
    const t = await makeApp();
    await withSpace(t);
    for (let i = 0; i < 30; i++) {
      await signInFrom(t.app, `198.51.100.${i}`, WRONG);
      t.clock.advance(5 * 60_000);
    }
    t.clock.advance(-5 * 60_000); // right after the 30th failure
    const refused = await signInFrom(t.app, '198.51.100.29', WRONG);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBe(5 * 60);
    t.clock.advance(15 * 60_000);
    expect((await signInFrom(t.app, '198.51.100.29', PASSWORD)).status).toBe(303);
  });

  it('a burst of parallel guesses from one address gets no more than 10 password checks', async () => {
    const t = await makeApp();
    await withSpace(t);
    const answers = await Promise.all(Array.from({ length: 30 }, () => signInFrom(t.app, '198.51.100.9', WRONG)));
    const checked = answers.filter((r) => r.status === 401).length;
    expect(checked).toBeLessThanOrEqual(10);
    expect(answers.filter((r) => r.status === 429).length).toBe(30 - checked);
  });
});

describe('the counters live in the database', () => {
  /** Another process on the same database: its own app and limiter, nothing shared in memory. */
  const secondProcess = (t: TestApp) => createApp({ ...t.deps, limiter: createRateLimiter(t.deps.now) }, defaultPublicFiles());

  it('failures counted by one process block the next attempt in another (and after a restart)', async () => {
    const t = await makeApp();
    await withSpace(t);
    for (let i = 0; i < 10; i++) expect((await signInFrom(t.app, '198.51.100.7', WRONG)).status).toBe(401);
    expect((await signInFrom(secondProcess(t), '198.51.100.7', PASSWORD)).status).toBe(429);
  });

  it('password-reset requests are counted across processes too', async () => {
    const t = await makeApp();
    await withSpace(t);
    const ask = (app: TestApp['app']) =>
      app.request('/forgot-password', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: ORIGIN },
        body: new URLSearchParams({ email: OWNER }).toString(),
      });
    for (let i = 0; i < 5; i++) expect((await ask(i % 2 ? t.app : secondProcess(t))).status).toBe(200);
    expect((await ask(secondProcess(t))).status).toBe(429);
  });

  it('expired counters are purged', async () => {
    const t = await makeApp();
    await withSpace(t);
    for (let i = 0; i < 20; i++) await signInFrom(t.app, `198.51.100.${i}`, WRONG, `nobody${i}@example.com`);
    const count = async () => (await t.db.selectFrom('throttle_counters').select('key').execute()).length;
    expect(await count()).toBeGreaterThanOrEqual(20);
    t.clock.advance(16 * 60_000);
    await signInFrom(t.app, '10.0.0.1', WRONG);
    expect(await count()).toBe(3); // only the latest attempt's pair, address and account
  });
});
