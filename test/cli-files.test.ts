// `launchpad export users|audit` and `launchpad import-users`, run as an operator would, on a fresh database file.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const TSX = join(process.cwd(), 'node_modules', '.bin', 'tsx');
const MAIN = join(process.cwd(), 'src', 'main.ts');
const dir = mkdtempSync(join(tmpdir(), 'launchpad-cli-export-'));
const env = { ...process.env, DATABASE_URL: `file:${join(dir, 'launchpad.db')}`, PUBLIC_URL: 'https://launchpad.example.com', LAUNCHPAD_PASSWORD: 'a long enough password' };

async function launchpad(args: string[], database = 'launchpad.db') {
  try {
    const r = await run(TSX, [MAIN, ...args], { env: { ...env, DATABASE_URL: `file:${join(dir, database)}` }, timeout: 60_000 });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('launchpad export', () => {
  it('writes the Users list as CSV to a file, and the Audit log as JSON Lines to standard output', async () => {
    expect((await launchpad(['create-owner', '--email', 'ops@example.com', '--name', 'Ops Person'])).code).toBe(0);
    const out = join(dir, 'users.csv');
    const users = await launchpad(['export', 'users', '--out', out]);
    expect(users.code).toBe(0);
    const csv = readFileSync(out, 'utf8');
    expect(csv.startsWith('\uFEFFemail,name,profile,groups,status,last sign-in,invited by,expires\r\n')).toBe(true);
    expect(csv).toContain('ops@example.com,Ops Person,designer,space_administrators,active,');
    const audit = await launchpad(['export', 'audit', '--format', 'jsonl']);
    expect(audit.code).toBe(0);
    const actions = audit.stdout.trim().split('\n').map((l) => (JSON.parse(l) as { action: string }).action);
    expect(actions).toEqual(['audit.exported', 'users.exported', 'space.created']);
  }, 120_000);

  it('refuses what it cannot export, naming the problem', async () => {
    const r = await launchpad(['export', 'groups']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('users or audit');
    const f = await launchpad(['export', 'users', '--format', 'jsonl']);
    expect(f.code).toBe(2);
  }, 120_000);
});

describe('launchpad import-users', () => {
  it('previews with --dry-run (changing nothing), then imports; a file with a bad line imports nothing', async () => {
    const lp = (args: string[]) => launchpad(args, 'import.db');
    expect((await lp(['create-owner', '--email', 'ops@example.com', '--name', 'Ops Person'])).code).toBe(0);
    const good = join(dir, 'good.csv');
    writeFileSync(good, '\uFEFFemail;name;profile;groups\r\nada@example.com;"Lovelace, Ada";Space Admin;\r\n');
    const dry = await lp(['import-users', good, '--dry-run']);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('line 2\tada@example.com\tinvite\tInvite as designer, in space_administrators.');
    expect(dry.stdout).toContain('becomes a designer in space_administrators');
    expect(dry.stdout).toContain('Dry run: nothing was changed.');
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, 'email,profile\r\nbob@example.com,reader\r\nnot-an-address,reader\r\n');
    const refused = await lp(['import-users', bad]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('Nothing was imported.');
    const done = await lp(['import-users', good]);
    expect(done.code).toBe(0);
    expect(done.stdout).toContain('Imported: 1 invitations queued, 0 members updated.');
    const users = await lp(['export', 'users']);
    expect(users.stdout).toContain('ada@example.com,"Lovelace, Ada",designer,space_administrators,invited,,command line,');
    expect(users.stdout).not.toContain('bob@example.com');
  }, 180_000);
});
