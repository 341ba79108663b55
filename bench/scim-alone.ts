// SCIM's two cases alone, at the size, without the rest of the benchmark: seed (bench/seed.ts),
// build and start the single binary, then the filter over one connection and the 10,000 creates.
// `npx tsx bench/scim-alone.ts` (BENCH_SCALE, BENCH_SINGLE_DURATION and BENCH_KEEP as for npm run bench).
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { waitIdle } from './idle.js';
import { chooseGenerator, measure } from './load.js';
import { createScimKey, measureScim, scimTargets } from './scim-cases.js';
import { seedDatabase } from './seed.js';
import { buildBinary, freePort, startServerProcess } from './server-process.js';
import { readSettings } from './settings.js';

const say = (line: string) => process.stderr.write(`[scim] ${line}\n`);

async function main() {
  const settings = readSettings();
  const generator = chooseGenerator(settings.generator);
  const dir = mkdtempSync(join(tmpdir(), 'launchpad-scim-'));
  const dbPath = join(dir, 'launchpad.db');
  const secretKey = randomBytes(32).toString('base64url');
  say(`seeding ${dbPath} (scale ${settings.scale})…`);
  const seed = await seedDatabase(dbPath, secretKey, settings.scale);
  say(`  ${(seed.totalMs / 1000).toFixed(1)} s`);
  const port = await freePort();
  const env = {
    DATABASE_URL: `file:${dbPath}`, PORT: String(port), HOST: '127.0.0.1', PUBLIC_URL: `http://127.0.0.1:${port}`,
    SECRET_KEY: secretKey, SEATS: 'designer:1000000,explorer:1000000,reader:1000000', API_RATE_LIMIT: '1000000000', LAUNCHPAD_TMPDIR: dir,
  };
  const binary = buildBinary();
  const key = createScimKey(binary, env);
  const app = await startServerProcess({ name: 'launchpad', entry: binary, executable: true, args: ['serve'], env, port, logFile: join(dir, 'server.log'), readyPath: '/healthz' });
  try {
    const scim = await measureScim({
      baseUrl: app.baseUrl, serverPid: app.pid, key, email: seed.signInEmails.at(-1)!, scale: settings.scale,
      loadSingle: async (c) => {
        await waitIdle(app.pid);
        say(`${c.name} (one connection, ${settings.singleDuration} s)`);
        const run = { connections: 1, duration: settings.singleDuration, warmup: Math.min(1, settings.warmup), timeout: settings.timeout };
        return measure({ url: app.baseUrl, ...c.spec, countStatuses: true }, run, app.pid, generator);
      },
      waitIdle: () => waitIdle(app.pid), say,
    });
    for (const t of scimTargets(scim)) process.stdout.write(`- ${t.text}: ${t.ok ? 'met' : 'MISSED'} (${t.detail})\n`);
  } finally {
    say(`launchpad: ${await app.stop()}`);
    if (settings.keep) say(`kept ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  }
}

main().then(() => process.exit(0), (err) => { process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`); process.exit(1); });
