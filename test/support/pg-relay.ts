// A TCP relay to the PostgreSQL server that a test can cut and restore, as a network failure or a
// server restart would: every connection through it ends at once, and new ones are refused until restored.
import { createServer, connect, type Server, type Socket } from 'node:net';

export interface Relay {
  port(): number;
  cut(): Promise<void>;
  restore(): Promise<void>;
}

export async function relayTo(host: string, port: number): Promise<Relay> {
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

/** The URL with its host and port replaced by the relay's. */
export function throughRelay(url: string, relay: Relay): string {
  const u = new URL(url);
  u.host = `127.0.0.1:${relay.port()}`;
  return u.href;
}
