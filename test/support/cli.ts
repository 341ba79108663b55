// The command line as an operator runs it: `tsx src/main.ts …` as a child process on a database of its own.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const TSX = join(process.cwd(), 'node_modules', '.bin', 'tsx');
const MAIN = join(process.cwd(), 'src', 'main.ts');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** A fresh folder with its own SQLite database; `launchpad(args)` runs a command there, `remove()` cleans up. */
export function cliOnFreshDatabase(prefix: string) {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const env = { ...process.env, DATABASE_URL: `file:${join(dir, 'launchpad.db')}`, PUBLIC_URL: 'https://launchpad.example.com' };
  return {
    dir,
    async launchpad(args: string[]): Promise<CliResult> {
      try {
        const r = await run(TSX, [MAIN, ...args], { env, timeout: 60_000 });
        return { code: 0, stdout: r.stdout, stderr: r.stderr };
      } catch (err) {
        const e = err as CliResult;
        return { code: e.code, stdout: e.stdout, stderr: e.stderr };
      }
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
