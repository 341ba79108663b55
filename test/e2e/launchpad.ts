// A real Launchpad for the browser tests: the production server (startServer) on a loopback port, on an
// SQLite file in a fresh temporary folder, with the emails it would send written to a log we keep.
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config.js';
import { startServer } from '../../src/server.js';

export interface Launchpad {
  /** http://127.0.0.1:<port>, which is also PUBLIC_URL (CSRF compares the Origin with it). */
  url: string;
  /** The one-time setup link the server printed. */
  setupLink: string;
  /** Every line the server logged (start-up banner, emails). */
  log: string[];
  /** The invitation link of the last email the log mailer "sent" to this address, or null. */
  emailedLink(to: string): string | null;
  close(): Promise<void>;
}

/** A free loopback port, so PUBLIC_URL can name it before the server starts. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

export async function startLaunchpad(): Promise<Launchpad> {
  const dir = await mkdtemp(join(tmpdir(), 'launchpad-e2e-'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const config = loadConfig({
    DATABASE_URL: `file:${join(dir, 'launchpad.db')}`,
    PORT: String(port),
    HOST: '127.0.0.1',
    PUBLIC_URL: url,
    SECRET_KEY: 'e2e-secret-key-that-is-at-least-32-characters-long',
  });
  const log: string[] = [];
  const server = await startServer(config, { log: (line) => log.push(line) });
  if (!server.setupLink) throw new Error('a fresh database should give a setup link');
  return {
    url,
    setupLink: server.setupLink,
    log,
    emailedLink(to) {
      const mail = log.filter((l) => l.startsWith(`[mail] to ${to}:`)).pop();
      return mail ? (/https?:\/\/\S+\/invite\/\S+/.exec(mail)?.[0] ?? null) : null;
    },
    async close() {
      await server.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
