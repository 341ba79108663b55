// `launchpad copy-db --to postgres://…` run as an operator would, from a SQLite file made by the CLI.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it, onTestFinished } from 'vitest';
import { newSchemaUrl, testEngine } from './support/db.js';

const run = promisify(execFile);
const TSX = join(process.cwd(), 'node_modules', '.bin', 'tsx');
const MAIN = join(process.cwd(), 'src', 'main.ts');

async function launchpad(args: string[], env: Record<string, string>) {
  try {
    const r = await run(TSX, [MAIN, ...args], { env: { ...process.env, ...env }, timeout: 90_000 });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe.runIf(testEngine === 'postgres')('launchpad copy-db', () => {
  it('copies a SQLite space into an empty PostgreSQL database, prints each table, and refuses to copy twice', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'launchpad-copy-'));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    const env = { DATABASE_URL: `file:${join(dir, 'launchpad.db')}`, LAUNCHPAD_PASSWORD: 'a long enough password' };
    expect((await launchpad(['create-owner', '--email', 'ops@example.com', '--name', 'Ops'], env)).code).toBe(0);
    const to = await newSchemaUrl();

    const first = await launchpad(['copy-db', '--to', to], env);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^users\s+1 rows$/m);
    expect(first.stdout).toMatch(/^space\s+1 rows$/m);
    expect(first.stdout).toContain('every row count matches');

    const again = await launchpad(['copy-db', '--to', to], env);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('not empty');
  });
});
