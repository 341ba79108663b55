// The single binary, as an operator gets it: `npm run build`, copy dist/launchpad alone into an empty
// folder, run it there. Building takes a few seconds (esbuild, then postject into a copy of node).
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const ROOT = process.cwd();
const PASSWORD = 'correct horse battery';
const VERSION = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version as string;

let folder: string;
let privateTmp: string;
const running: ChildProcess[] = [];

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

/** Only what an operator's shell would pass: no project paths leak into the binary's environment. */
function env(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH ?? '/usr/bin:/bin', LAUNCHPAD_TMPDIR: privateTmp, ...extra };
}

async function launchpad(args: string[], extra: Record<string, string> = {}) {
  try {
    const r = await run('./launchpad', args, { cwd: folder, env: env(extra), timeout: 60_000 });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

interface Served {
  child: ChildProcess;
  base: string;
  output: () => string;
  exit: Promise<number | null>;
}

/** Starts `./launchpad` (serve is the default command) and waits for it to say it listens. */
async function serve(): Promise<Served> {
  const port = await freePort();
  const child = spawn('./launchpad', [], { cwd: folder, env: env({ PORT: String(port) }) });
  running.push(child);
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const started = Date.now();
  while (!out.includes('Launchpad listening')) {
    if (child.exitCode !== null) throw new Error(`launchpad exited early:\n${out}`);
    if (Date.now() - started > 20_000) throw new Error(`launchpad did not start:\n${out}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return { child, base: `http://localhost:${port}`, output: () => out, exit };
}

function signIn(base: string, email: string, password: string) {
  return fetch(`${base}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { Origin: base, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ email, password }),
  });
}

beforeAll(async () => {
  await run(join(ROOT, 'node_modules', '.bin', 'tsx'), ['src/binary/build.ts'], { cwd: ROOT, timeout: 180_000 });
  folder = mkdtempSync(join(tmpdir(), 'launchpad-binary-'));
  privateTmp = join(folder, 'private-tmp');
  copyFileSync(join(ROOT, 'dist', 'launchpad'), join(folder, 'launchpad'));
  chmodSync(join(folder, 'launchpad'), 0o755);
}, 200_000);

afterEach(() => {
  for (const child of running.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

afterAll(() => {
  if (folder) rmSync(folder, { recursive: true, force: true });
});

describe('the single binary, copied alone into an empty folder', () => {
  it('answers --version and --help without touching the folder', async () => {
    const version = await launchpad(['--version']);
    expect(version.code).toBe(0);
    expect(version.stdout.trim()).toBe(VERSION);

    const help = await launchpad(['--help']);
    expect(help.code).toBe(0);
    for (const word of ['serve', 'migrate', 'create-owner', 'reset-password', 'DATABASE_URL', 'PUBLIC_URL', 'SEATS', 'LAUNCHPAD_TMPDIR']) {
      expect(help.stdout).toContain(word);
    }
    expect(readdirSync(folder).sort()).toEqual(['launchpad']);
  });

  it('creates ./data, migrates, prints the setup link and serves the setup page', async () => {
    const app = await serve();
    expect(existsSync(join(folder, 'data', 'launchpad.db'))).toBe(true);
    expect(app.output()).toContain('applied 0001_foundation');

    const link = /(http:\/\/localhost:\d+\/setup\?token=\S+)/.exec(app.output())?.[1];
    expect(link).toBeDefined();
    const page = await fetch(link!);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('name="spaceName"');
    expect(html).toContain('/static/htmx-4.0.1.min.js');

    // Before setup, sign-in explains how to set up with the binary's own command: it has no npm behind it.
    const login = await (await fetch(`${app.base}/login`)).text();
    expect(login).toContain('<code>./launchpad create-owner</code>');
    expect(login).not.toContain('npm run');

    expect((await fetch(`${app.base}/setup?token=not-the-token`)).status).not.toBe(200);
    expect(await (await fetch(`${app.base}/healthz`)).json()).toEqual({ status: 'ok' });
  });

  it('serves htmx from its own assets, as JavaScript, cached for a year', async () => {
    const app = await serve();
    const res = await fetch(`${app.base}/static/htmx-4.0.1.min.js`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const body = await res.text();
    expect(body).toBe(readFileSync(join(ROOT, 'public', 'htmx-4.0.1.min.js'), 'utf8'));

    const css = await fetch(`${app.base}/static/app.css`);
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect(await css.text()).toBe(readFileSync(join(ROOT, 'public', 'app.css'), 'utf8'));
  });

  it('carries the OpenID Provider (oidc-provider, bundled): discovery and the signing key it made in the database', async () => {
    const app = await serve();
    const discovery = (await (await fetch(`${app.base}/.well-known/openid-configuration`)).json()) as Record<string, unknown>;
    expect(discovery.authorization_endpoint).toBe(`${discovery.issuer as string}/oidc/auth`); // the issuer is PUBLIC_URL's origin
    expect(discovery.code_challenge_methods_supported).toEqual(['S256']);
    const jwks = (await (await fetch(`${app.base}/oidc/jwks`)).json()) as { keys: Array<Record<string, unknown>> };
    expect(jwks.keys).toHaveLength(1);
    expect(jwks.keys[0]).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig' });
    expect(jwks.keys[0]).not.toHaveProperty('d');
  });

  it('unpacks the SQLite addon into a private folder under LAUNCHPAD_TMPDIR and leaves nothing there', async () => {
    await serve();
    expect(existsSync(privateTmp)).toBe(true);
    expect(readdirSync(privateTmp)).toEqual([]);
  });

  it('create-owner makes the owner, who then signs in to the running server', async () => {
    const app = await serve();
    const created = await launchpad(['create-owner', '--email', 'olivia@example.com', '--name', 'Olivia Owner', '--space-name', 'Acme'], {
      LAUNCHPAD_PASSWORD: PASSWORD,
    });
    expect(created.stderr).toBe('');
    expect(created.code).toBe(0);
    expect(created.stdout).toContain('Created the space "Acme"');

    const again = await launchpad(['create-owner', '--email', 'other@example.com', '--name', 'Other'], { LAUNCHPAD_PASSWORD: PASSWORD });
    expect(again.code).toBe(1);

    expect((await signIn(app.base, 'olivia@example.com', 'wrong password')).status).toBe(401);
    const res = await signIn(app.base, 'olivia@example.com', PASSWORD);
    expect(res.status).toBe(303);
    const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
    const home = await fetch(`${app.base}/`, { headers: { Cookie: cookie } });
    expect(home.status).toBe(200);
    expect(await home.text()).toContain('Olivia Owner');

    const reset = await launchpad(['reset-password', '--email', 'olivia@example.com']);
    expect(reset.code).toBe(0);
    expect(reset.stdout).toMatch(/\/reset-password\/\S+/);
  });

  // The owner made by the test above signs in here (the tests of this file run in order, on one folder).
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(`on ${signal}, finishes the sign-ins in flight, then exits 0`, async () => {
      const app = await serve();
      // A sign-in costs a real scrypt hash (N=2^17, a few hundred ms): long enough to be in flight.
      const inFlight = [1, 2, 3].map(() => signIn(app.base, 'olivia@example.com', PASSWORD));
      await new Promise((r) => setTimeout(r, 100));
      app.child.kill(signal);
      const answers = await Promise.all(inFlight);
      expect(answers.map((r) => r.status)).toEqual([303, 303, 303]);
      expect(await app.exit).toBe(0);
      expect(app.output()).toContain(`Received ${signal}`);
      await expect(fetch(`${app.base}/healthz`)).rejects.toThrow();
    });
  }
});
