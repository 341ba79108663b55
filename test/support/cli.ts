// The command line as an operator runs it: `tsx src/main.ts …` as a child process on a database of its own.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { newSchemaUrlForFile, testEngine } from './db.js';

const run = promisify(execFile);
const TSX = join(process.cwd(), 'node_modules', '.bin', 'tsx');
const MAIN = join(process.cwd(), 'src', 'main.ts');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * A fresh folder with its own database on the test engine (a SQLite file there, or on PostgreSQL a schema
 * kept for the whole file); `launchpad(args)` runs a command on it, `remove()` cleans up the folder.
 * Call it at the top of the file: the PostgreSQL schema is dropped after the file's last test.
 */
export function cliOnFreshDatabase(prefix: string) {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const databaseUrl = testEngine === 'postgres' ? newSchemaUrlForFile() : Promise.resolve(`file:${join(dir, 'launchpad.db')}`);
  databaseUrl.catch(() => {}); // reported by the first command that needs it
  return {
    dir,
    async launchpad(args: string[]): Promise<CliResult> {
      const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: await databaseUrl, PUBLIC_URL: 'https://launchpad.example.com' };
      // PostgreSQL has no folder for a generated secret.key: every process is given the same SECRET_KEY.
      if (testEngine === 'postgres') env.SECRET_KEY = 'a-secret-key-for-the-command-line-tests-0123456789';
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
