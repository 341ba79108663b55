// What the README says about the first run holds: a new setup link at every start, secret.key beside the
// database file, and RESEND_BASE_URL for a relay or a test server.
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { loadConfig } from '../src/config.js';
import { loadSecretKey } from '../src/secret-key.js';
import { startServer } from '../src/server.js';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8').replace(/\s+/g, ' ');

async function folder(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'launchpad-readme-'));
  onTestFinished(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const a = probe.address();
      probe.close(() => resolve(typeof a === 'object' && a ? a.port : 0));
    });
  });
}

describe('the README on the first run', () => {
  it('says the setup link changes at every restart, and it does', async () => {
    expect(readme).toContain('every restart prints a new link and the previous one stops working');
    const dir = await folder();
    const links: string[] = [];
    for (let i = 0; i < 2; i++) {
      const port = await freePort();
      const config = loadConfig({ DATABASE_URL: `file:${join(dir, 'launchpad.db')}`, PORT: String(port), HOST: '127.0.0.1' });
      const server = await startServer(config, { log: () => {} });
      links.push(server.setupLink!);
      await server.close();
    }
    expect(links[0]).toMatch(/\/setup\?token=/);
    expect(links[1]).not.toBe(links[0]);
  });

  it('says secret.key is written next to the database file, and it is, wherever that file is', async () => {
    expect(readme).toContain('generated into `secret.key` next to the database file');
    const dir = await folder();
    loadSecretKey(loadConfig({ DATABASE_URL: `file:${join(dir, 'elsewhere', 'spaces.db')}` }));
    expect(existsSync(join(dir, 'elsewhere', 'secret.key'))).toBe(true);
  });

  it('explains RESEND_BASE_URL for a mail relay or a test server', () => {
    expect(readme).toContain('### Email through a relay or a test server');
    expect(readme).toMatch(/`RESEND_BASE_URL` points the SDK elsewhere: a mail relay of yours/);
  });
});
