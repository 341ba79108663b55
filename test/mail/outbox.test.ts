// The outbox worker driving the real Resend SDK against a fake Resend server, with a clock the test moves.
import { describe, expect, it, onTestFinished } from 'vitest';
import { openEmptyTestDb } from '../support/db.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { enqueueMessage, findMessage } from '../../src/db/queries/outbox.js';
import { backoffMs, createOutboxWorker } from '../../src/mail/outbox-worker.js';
import { createResendMailer } from '../../src/mail/resend-mailer.js';
import { startFakeResend, type FakeResend } from '../support/fake-resend.js';

const FROM = 'Launchpad <launchpad@example.com>';
const API_KEY = 're_test_key';
const TIMEOUT_MS = 300;
const SECOND = 1_000;

async function rig(opts: { maxAttempts?: number; baseUrl?: (fake: FakeResend) => string } = {}) {
  const fake = await startFakeResend();
  const db = await openEmptyTestDb();
  onTestFinished(async () => {
    await fake.close();
    await db.destroy();
  });
  await migrateToLatest(db);
  const clock = { now: Date.UTC(2026, 10, 26, 12, 0, 0) };
  const logged: string[] = [];
  const mailer = createResendMailer(API_KEY, opts.baseUrl ? opts.baseUrl(fake) : fake.url);
  const worker = createOutboxWorker({
    db,
    mailer,
    from: FROM,
    now: () => clock.now,
    timeoutMs: TIMEOUT_MS,
    log: (l) => logged.push(l),
    ...(opts.maxAttempts ? { maxAttempts: opts.maxAttempts } : {}),
  });
  const queue = (to = 'ada@example.com', subject = 'Hello Ada') =>
    enqueueMessage(db, { kind: 'test', to, subject, html: '<p>Hello</p>', text: 'Hello' }, clock.now);
  const row = async (id: number) => (await findMessage(db, id))!;
  return { fake, db, clock, worker, queue, row, logged };
}

const keyOf = (r: { headers: Record<string, string | string[] | undefined> }) => r.headers['idempotency-key'];

describe('outbox worker with Resend', () => {
  it('sends a queued message and records it as sent with the provider id', async () => {
    const { fake, worker, queue, row, clock } = await rig();
    const id = await queue();
    fake.script({ kind: 'ok', id: 'resend-msg-1' });
    expect(await worker.runOnce()).toBe(1);
    expect(await row(id)).toMatchObject({ status: 'sent', provider_id: 'resend-msg-1', attempts: 1, sent_at: clock.now, last_error: null });
    expect(fake.requests).toHaveLength(1);
    const [req] = fake.requests;
    expect(req).toMatchObject({ method: 'POST', path: '/emails' });
    expect(req!.headers.authorization).toBe(`Bearer ${API_KEY}`);
    expect(req!.body).toEqual({ from: FROM, to: 'ada@example.com', subject: 'Hello Ada', html: '<p>Hello</p>', text: 'Hello' });
    expect(keyOf(req!)).toEqual(expect.any(String));
    // Nothing left to do.
    clock.now += 24 * 3_600_000;
    expect(await worker.runOnce()).toBe(0);
    expect(fake.requests).toHaveLength(1);
  });

  it('accepts a base URL with a trailing slash', async () => {
    const { fake, worker, queue, row } = await rig({ baseUrl: (f) => `${f.url}/` });
    const id = await queue();
    await worker.runOnce();
    expect((await row(id)).status).toBe('sent');
    expect(fake.requests[0]!.path).toBe('/emails');
  });

  it('gives each message its own idempotency key', async () => {
    const { fake, worker, queue } = await rig();
    await queue('ada@example.com');
    await queue('bob@example.com');
    expect(await worker.runOnce()).toBe(2);
    const keys = fake.requests.map(keyOf);
    expect(new Set(keys).size).toBe(2);
  });

  it('retries a 500 after the back-off: one delivery, both attempts with the same Idempotency-Key', async () => {
    const { fake, worker, queue, row, clock } = await rig();
    const id = await queue();
    fake.script({ kind: 'error', status: 500 }, { kind: 'ok', id: 'resend-msg-2' });
    await worker.runOnce();
    const after1 = await row(id);
    expect(after1).toMatchObject({ status: 'queued', attempts: 1, next_attempt_at: clock.now + 30 * SECOND });
    expect(after1.last_error).toMatch(/500|internal_server_error/);
    // Not before the back-off has passed.
    clock.now += 30 * SECOND - 1;
    expect(await worker.runOnce()).toBe(0);
    expect(fake.requests).toHaveLength(1);
    clock.now += 1;
    expect(await worker.runOnce()).toBe(1);
    expect(await row(id)).toMatchObject({ status: 'sent', provider_id: 'resend-msg-2', attempts: 2, last_error: null });
    expect(fake.requests).toHaveLength(2);
    expect(fake.delivered).toHaveLength(1);
    const [k1, k2] = fake.requests.map(keyOf);
    expect(k1).toEqual(expect.any(String));
    expect(k2).toBe(k1);
  });

  it.each([
    { what: '429 rate limit', reply: { kind: 'error', status: 429 } as const, reason: /429|rate_limit/ },
    { what: '503', reply: { kind: 'error', status: 503, name: 'application_error' } as const, reason: /503/ },
    { what: '502 with an HTML body', reply: { kind: 'raw', status: 502, body: '<html>Bad gateway</html>' } as const, reason: /502|application_error/ },
  ])('retries after a $what', async ({ reply, reason }) => {
    const { fake, worker, queue, row, clock } = await rig();
    const id = await queue();
    fake.script(reply);
    await worker.runOnce();
    const r = await row(id);
    expect(r.status).toBe('queued');
    expect(r.last_error).toMatch(reason);
    clock.now += 30 * SECOND;
    await worker.runOnce();
    expect((await row(id)).status).toBe('sent');
    expect(fake.delivered).toHaveLength(1);
    expect(new Set(fake.requests.map(keyOf)).size).toBe(1);
  });

  it('fails a 422 validation error at once, with the reason, and never retries it', async () => {
    const { fake, worker, queue, row, clock, logged } = await rig();
    const id = await queue('not-an-address');
    fake.script({ kind: 'error', status: 422, name: 'validation_error', message: 'Invalid `to` field.' });
    await worker.runOnce();
    const r = await row(id);
    expect(r).toMatchObject({ status: 'failed', attempts: 1, provider_id: null, sent_at: null });
    expect(r.last_error).toContain('validation_error');
    expect(r.last_error).toContain('Invalid `to` field.');
    expect(logged.some((l) => l.includes('Invalid `to` field.'))).toBe(true);
    clock.now += 7 * 24 * 3_600_000;
    expect(await worker.runOnce()).toBe(0);
    expect(fake.requests).toHaveLength(1);
  });

  it('gives up on a hanging request after the time-out and retries it later', async () => {
    const { fake, worker, queue, row, clock } = await rig();
    const id = await queue();
    fake.script({ kind: 'hang' });
    const started = performance.now();
    expect(await worker.runOnce()).toBe(1);
    const took = performance.now() - started;
    expect(took).toBeGreaterThanOrEqual(TIMEOUT_MS - 20);
    expect(took).toBeLessThan(5_000);
    const r = await row(id);
    expect(r).toMatchObject({ status: 'queued', attempts: 1, next_attempt_at: clock.now + 30 * SECOND });
    expect(r.last_error).toMatch(/time/i);
    clock.now += 30 * SECOND;
    await worker.runOnce();
    expect((await row(id)).status).toBe('sent');
    expect(fake.requests).toHaveLength(2);
    expect(keyOf(fake.requests[1]!)).toBe(keyOf(fake.requests[0]!));
  });

  it('retries when Resend cannot be reached at all', async () => {
    const { fake, worker, queue, row } = await rig();
    await fake.close(); // connection refused from now on
    const id = await queue();
    await worker.runOnce();
    const r = await row(id);
    expect(r.status).toBe('queued');
    expect(r.last_error).toBeTruthy();
  });

  it('after 8 attempts (30 s doubling back-off) marks the message failed with the reason', async () => {
    const { fake, worker, queue, row, clock, logged } = await rig();
    fake.fallback = { kind: 'error', status: 500, message: 'Resend is down' };
    const id = await queue();
    const waits = [30, 60, 120, 240, 480, 960, 1920].map((s) => s * SECOND);
    for (let attempt = 1; attempt <= 8; attempt++) {
      expect(await worker.runOnce(), `attempt ${attempt}`).toBe(1);
      const r = await row(id);
      expect(r.attempts).toBe(attempt);
      if (attempt < 8) {
        expect(r.status).toBe('queued');
        const wait = waits[attempt - 1]!;
        expect(r.next_attempt_at - clock.now, `wait after attempt ${attempt}`).toBe(wait);
        clock.now += wait - 1;
        expect(await worker.runOnce()).toBe(0);
        clock.now += 1;
      }
    }
    const r = await row(id);
    expect(r.status).toBe('failed');
    expect(r.last_error).toContain('Resend is down');
    expect(fake.requests).toHaveLength(8);
    expect(new Set(fake.requests.map(keyOf)).size).toBe(1);
    expect(logged.some((l) => l.includes('failed'))).toBe(true);
    clock.now += 7 * 24 * 3_600_000;
    expect(await worker.runOnce()).toBe(0);
    expect(fake.requests).toHaveLength(8);
  });

  it('honours a smaller maxAttempts', async () => {
    const { fake, worker, queue, row, clock } = await rig({ maxAttempts: 2 });
    fake.fallback = { kind: 'error', status: 503, name: 'application_error' };
    const id = await queue();
    await worker.runOnce();
    clock.now += 30 * SECOND;
    await worker.runOnce();
    expect((await row(id)).status).toBe('failed');
    expect(fake.requests).toHaveLength(2);
  });

  it.each([
    { attempt: 1, wait: 30 * SECOND },
    { attempt: 2, wait: 60 * SECOND },
    { attempt: 7, wait: 1920 * SECOND },
    { attempt: 8, wait: 3_600_000 },
    { attempt: 30, wait: 3_600_000 },
  ])('back-off after attempt $attempt is $wait ms (capped at an hour)', ({ attempt, wait }) => {
    expect(backoffMs(attempt)).toBe(wait);
  });

  it('sends a message once even when two runs (or two workers) race for it', async () => {
    const { fake, db, worker, queue, row, clock } = await rig();
    const other = createOutboxWorker({
      db,
      mailer: createResendMailer(API_KEY, fake.url),
      from: FROM,
      now: () => clock.now,
      timeoutMs: TIMEOUT_MS,
      log: () => {},
    });
    const id = await queue();
    await Promise.all([worker.runOnce(), worker.runOnce(), other.runOnce()]);
    expect((await row(id)).status).toBe('sent');
    expect(fake.requests).toHaveLength(1);
  });
});
