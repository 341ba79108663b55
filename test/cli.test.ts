// The command line, run as an operator would: `tsx src/main.ts <command>` on a fresh database file.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const TSX = join(process.cwd(), 'node_modules', '.bin', 'tsx');
const MAIN = join(process.cwd(), 'src', 'main.ts');
const dirs: string[] = [];

async function launchpad(args: string[], env: Record<string, string>) {
  try {
    const r = await run(TSX, [MAIN, ...args], { env: { ...process.env, ...env }, timeout: 60_000 });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

function freshDatabase(): Record<string, string> {
  const dir = mkdtempSync(join(tmpdir(), 'launchpad-cli-'));
  dirs.push(dir);
  return { DATABASE_URL: `file:${join(dir, 'data', 'launchpad.db')}`, PUBLIC_URL: 'https://launchpad.example.com' };
}

afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

// Each case starts several processes through tsx: on a loaded machine that takes far longer than a test inside the runner.
describe('the command line', { timeout: 120_000 }, () => {
  it('--help lists the commands and the configuration variables', async () => {
    const r = await launchpad(['--help'], {});
    expect(r.code).toBe(0);
    for (const word of ['serve', 'migrate', 'create-owner', 'reset-password', 'DATABASE_URL', 'PUBLIC_URL', 'SEATS']) {
      expect(r.stdout).toContain(word);
    }
  });

  it('create-owner creates the space once, then refuses; reset-password prints a link on PUBLIC_URL', async () => {
    const env = { ...freshDatabase(), LAUNCHPAD_PASSWORD: 'a long enough password' };
    const args = ['create-owner', '--email', 'Ops@Example.com', '--name', 'Ops Person', '--space-name', 'Acme'];
    const first = await launchpad(args, env);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('Created the space "Acme"');
    const second = await launchpad(args, env);
    expect(second.code).toBe(1);
    expect(second.stderr).toContain('already has a space');
    const reset = await launchpad(['reset-password', '--email', 'ops@example.com'], env);
    expect(reset.code).toBe(0);
    expect(reset.stdout).toMatch(/https:\/\/launchpad\.example\.com\/reset-password\/[a-z0-9]+\.[0-9a-f]{40}/);
    const unknown = await launchpad(['reset-password', '--email', 'nobody@example.com'], env);
    expect(unknown.code).toBe(1);
  }, 120_000); // four cold starts of the command line: each takes 5-12 s on a loaded machine

  it('refuses a bad password or a bad variable with a message naming it', async () => {
    const env = freshDatabase();
    const short = await launchpad(['create-owner', '--email', 'a@example.com', '--name', 'A'], { ...env, LAUNCHPAD_PASSWORD: 'short' });
    expect(short.code).toBe(2);
    expect(short.stderr).toContain('password: Use at least 8 characters.');
    const badSeats = await launchpad(['migrate'], { ...env, SEATS: 'designer:lots' });
    expect(badSeats.code).toBe(2);
    expect(badSeats.stderr).toContain('SEATS');
  });

  it('a PostgreSQL server that does not answer stops the process with one line: the variable and the cause, no password', async () => {
    const r = await launchpad(['migrate'], {
      DATABASE_URL: 'postgres://launchpad:hunter2-secret@127.0.0.1:1/launchpad',
      SECRET_KEY: 'a-secret-key-of-at-least-thirty-two-characters',
    });
    expect(r.code).toBe(1);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^DATABASE_URL \(postgres:\/\/launchpad:\*\*\*@127\.0\.0\.1:1\/launchpad\): cannot open the database: connection refused/);
    expect(r.stderr).not.toContain('hunter2');
  });

  it('a PostgreSQL URL without SECRET_KEY is refused: every process must derive the same links', async () => {
    const r = await launchpad(['migrate'], { DATABASE_URL: 'postgres://launchpad@127.0.0.1:1/launchpad', SECRET_KEY: '' });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('SECRET_KEY');
  });
});
