// The database going away mid-request: a 503 page, not a stack trace; and back to normal when it returns.
import { createServer, connect, type Server, type Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/connect.js';
import { get, makeApp, withSpace } from '../support/app.js';
import { newSchemaUrl, testEngine } from '../support/db.js';
import { migrateToLatest } from '../../src/db/migrate.js';

/** A TCP relay to the PostgreSQL server that the test can cut and restore, as a network or a restart would. */
async function relayTo(host: string, port: number) {
  const sockets = new Set<Socket>();
  let server: Server | null = null;
  let listenPort = 0;
  const open = () =>
    new Promise<void>((resolve) => {
      server = createServer((client) => {
        const upstream = connect({ host, port });
        for (const s of [client, upstream]) {
          sockets.add(s);
          s.on('close', () => sockets.delete(s));
          s.on('error', () => s.destroy());
        }
        client.pipe(upstream).pipe(client);
      });
      server.listen(listenPort, '127.0.0.1', () => {
        listenPort = (server!.address() as { port: number }).port;
        resolve();
      });
    });
  await open();
  return {
    port: () => listenPort,
    cut: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server!.close(() => resolve());
      }),
    restore: open,
  };
}

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
});
