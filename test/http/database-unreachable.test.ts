// The database going away mid-request: a 503 page, not a stack trace; and back to normal when it returns.
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/connect.js';
import { get, makeApp, withSpace } from '../support/app.js';
import { newSchemaUrl, testEngine } from '../support/db.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { relayTo, throughRelay } from '../support/pg-relay.js';

describe.runIf(testEngine === 'postgres')('the database going away', () => {
  it('answers 503 with a page while it is gone, and serves again once it is back', async () => {
    const url = new URL(await newSchemaUrl());
    const relay = await relayTo(url.hostname, Number(url.port || 5432));
    url.host = `127.0.0.1:${relay.port()}`;
    const db = openDatabase(url.href, { poolMax: 2 });
    await migrateToLatest(db);
    const t = await makeApp({}, { db });
    const owner = await withSpace(t);
    expect((await get(t, '/users', { cookie: owner.cookie })).status).toBe(200);

    await relay.cut();
    const down = await get(t, '/users', { cookie: owner.cookie });
    expect(down.status).toBe(503);
    const html = await down.text();
    expect(html).toContain('database cannot be reached');
    expect(html).not.toMatch(/at .*\.ts:\d+/); // no stack trace

    await relay.restore();
    expect((await get(t, '/users', { cookie: owner.cookie })).status).toBe(200);
    await db.destroy();
    await relay.cut();
  });

  it('a request waiting on the database when the connection drops answers 503; once it is back, the next one is served', async () => {
    const schemaUrl = await newSchemaUrl();
    const url = new URL(schemaUrl);
    const relay = await relayTo(url.hostname, Number(url.port || 5432));
    const db = openDatabase(throughRelay(schemaUrl, relay), { poolMax: 2 });
    const holder = openDatabase(schemaUrl, { poolMax: 1 }); // straight to the server, not through the relay
    try {
      await migrateToLatest(db);
      const t = await makeApp({}, { db });
      const owner = await withSpace(t);
      await holder.transaction().execute(async (trx) => {
        // The request's first query (its session) waits for this lock: the connection drops mid-request.
        await sql`lock table sessions in access exclusive mode`.execute(trx);
        const pending = get(t, '/users', { cookie: owner.cookie });
        const waiting = sql<{ n: number }>`select count(*) as n from pg_locks where not granted and relation = 'sessions'::regclass`;
        while (Number((await waiting.execute(trx)).rows[0]!.n) === 0) await new Promise((r) => setTimeout(r, 20));
        await relay.cut();
        const down = await pending;
        expect(down.status).toBe(503);
        expect(await down.text()).toContain('database cannot be reached');
      });
      await relay.restore();
      expect((await get(t, '/users', { cookie: owner.cookie })).status).toBe(200);
    } finally {
      await db.destroy();
      await holder.destroy();
      await relay.cut();
    }
  });
});
