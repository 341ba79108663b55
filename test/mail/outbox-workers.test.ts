// Several outbox workers (one per process) on one database: each email leaves once, and an email
// claimed by a worker that died leaves after its lease.
import { describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../src/db/connect.js';
import { claimNextMessage, enqueueMessages, findMessage } from '../../src/db/queries/outbox.js';
import { createMemoryMailer } from '../../src/mail/memory-mailer.js';
import { createOutboxWorker } from '../../src/mail/outbox-worker.js';
import { newSchemaUrl, openTestDb, testEngine } from '../support/db.js';
import { migrateToLatest } from '../../src/db/migrate.js';

const NOW = Date.UTC(2026, 10, 26, 12, 0, 0);
const FROM = 'Launchpad <launchpad@example.com>';

/** Two handles on one database: two pools on PostgreSQL (as two processes have); SQLite in memory has one. */
async function twoHandles(): Promise<[Db, Db, () => Promise<void>]> {
  if (testEngine === 'sqlite') {
    const db = await openTestDb();
    return [db, db, async () => {}];
  }
  const url = await newSchemaUrl();
  const a = openDatabase(url, { poolMax: 4 });
  const b = openDatabase(url, { poolMax: 4 });
  await migrateToLatest(a);
  return [a, b, async () => void (await Promise.all([a.destroy(), b.destroy()]))];
}

const message = (i: number) => ({ kind: 'test', to: `p${i}@example.com`, subject: `Hello ${i}`, html: '<p>hi</p>', text: 'hi' });

describe('outbox workers on one database', () => {
  it('two workers draining 200 emails at once send each exactly once', async () => {
    const [a, b, close] = await twoHandles();
    try {
      await enqueueMessages(a, Array.from({ length: 200 }, (_, i) => message(i)), NOW);
      const mailers = [createMemoryMailer(), createMemoryMailer()];
      const workers = [a, b].map((db, i) => createOutboxWorker({ db, mailer: mailers[i]!, from: FROM, now: () => NOW, log: () => {} }));
      const handled = await Promise.all(workers.map((w) => w.runOnce()));
      const sent = mailers.flatMap((m) => m.sent.map((e) => e.to)).sort();
      expect(sent).toEqual(Array.from({ length: 200 }, (_, i) => `p${i}@example.com`).sort());
      expect(handled[0]! + handled[1]!).toBe(200);
      if (testEngine === 'postgres') expect(Math.min(...handled)).toBeGreaterThan(0); // both took a share
      const left = await a.selectFrom('outbox').select('id').where('status', '!=', 'sent').execute();
      expect(left).toEqual([]);
    } finally {
      await close();
    }
  });

  it("an email claimed by a worker that died is sent once its lease has run out, and only then", async () => {
    const db = await openTestDb();
    const [id] = await enqueueMessages(db, [message(1)], NOW);
    const leaseUntil = NOW + 90_000;
    const claimed = await claimNextMessage(db, NOW, leaseUntil); // the worker that dies
    expect(claimed?.id).toBe(id);
    expect(await claimNextMessage(db, NOW, leaseUntil)).toBeNull(); // nobody else gets it meanwhile

    const clock = { now: NOW + 60_000 };
    const mailer = createMemoryMailer();
    const worker = createOutboxWorker({ db, mailer, from: FROM, now: () => clock.now, log: () => {} });
    expect(await worker.runOnce()).toBe(0);
    clock.now = leaseUntil;
    expect(await worker.runOnce()).toBe(1);
    expect(mailer.sent.map((m) => m.idempotencyKey)).toEqual([`launchpad-outbox-${id}`]);
    expect((await findMessage(db, id!))?.status).toBe('sent');
    expect((await findMessage(db, id!))?.attempts).toBe(2);
  });
});
